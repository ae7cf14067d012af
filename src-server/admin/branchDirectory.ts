import { and, eq, notExists } from 'drizzle-orm';
import type { HlcClock } from '../../src-main/core/hlc';
import { branches, masterRows } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import { updateMasterFields } from './updateMasterFields';

/**
 * The branch directory flows to every PC as master data (entity 'branch', same id as the
 * branch): a branch's row is written when head office creates it, and, once at start, for
 * branches created before the directory existed. Closing a branch is `active: false` through
 * PUT /admin/v1/master/branch/<id>; the PCs then refuse to send goods there.
 */
export async function addToBranchDirectory(db: ServerDb, now: number, hlc: HlcClock, branch: { id: string; code: string; name: string }): Promise<void> {
  await updateMasterFields(db, now, hlc, 'branch', branch.id, { fields: { code: branch.code, name: branch.name, active: true } });
}

export async function fillBranchDirectory(db: ServerDb, now: number, hlc: HlcClock): Promise<number> {
  const missing = await db
    .select({ id: branches.id, code: branches.code, name: branches.name })
    .from(branches)
    .where(notExists(db.select({ id: masterRows.id }).from(masterRows).where(and(eq(masterRows.entity, 'branch'), eq(masterRows.id, branches.id)))));
  for (const b of missing) await addToBranchDirectory(db, now, hlc, b);
  return missing.length;
}
