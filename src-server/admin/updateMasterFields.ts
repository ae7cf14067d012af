import { and, eq } from 'drizzle-orm';
import { ClockDriftError, parseHlc, type HlcClock } from '../../src-main/core/hlc';
import { MAX_CLOCK_AHEAD_MS } from '../../src-main/sync/protocol';
import { branches, masterRows, type MasterFields } from '../db/schema';
import { HttpError } from '../httpErrors';
import type { ServerDb } from '../openServerDb';
import { appendChanges, lockChangeFeed } from '../sync/changeFeed';
import { masterChange, type HeadOfficeEntity } from '../sync/masterChange';
import { parseMasterFields } from './masterDataRules';
import { badFields, checkMasterRow } from './masterRowChecks';

export interface MasterEdit {
  /** New values by field name. */
  fields: Record<string, unknown>;
  /**
   * The HLC each value was written at, where the editor stamped it (several head-office clerks
   * editing at once). Fields without one are stamped by the server now.
   */
  hlc?: Record<string, string> | undefined;
}

export interface MasterRowView {
  entity: HeadOfficeEntity;
  id: string;
  fields: MasterFields;
  /** The fields this edit changed; a field whose stored HLC is later keeps its value. */
  changed: string[];
}

/** Strictly later in HLC order. The format sorts as text: fixed-width ms, fixed-width counter, node. */
export function hlcAfter(a: string, b: string): boolean {
  return a > b;
}

/**
 * Head office edits master data. Each field merges last-writer-wins by HLC against what is
 * stored, so two clerks' concurrent edits end the same whichever arrives first. A server-stamped
 * value is stamped after the stored one (the clock first receives it): the clerk saw that value
 * and meant to replace it. The change goes to every branch.
 *
 * Values are checked first (masterDataRules) and the row as it will be stored is checked in the
 * transaction (masterRowChecks); anything refused writes nothing and sends nothing.
 */
export async function updateMasterFields(db: ServerDb, now: number, clock: HlcClock, entity: HeadOfficeEntity, id: string, edit: MasterEdit): Promise<MasterRowView> {
  const { values, issues } = parseMasterFields(entity, edit.fields);
  if (issues.length > 0) throw badFields(`Some ${entity} fields are not valid`, issues);
  for (const [field, stamp] of Object.entries(edit.hlc ?? {})) {
    if (!(field in edit.fields)) throw new HttpError(400, 'BAD_REQUEST', `hlc.${field} is given, but fields.${field} is not`);
    if (parseHlc(stamp).ms - now > MAX_CLOCK_AHEAD_MS) {
      throw new HttpError(409, 'CLOCK_AHEAD', `The HLC of ${field} is more than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes ahead of head office's clock`);
    }
  }
  return db.transaction(async (tx) => {
    await lockChangeFeed(tx);
    const [existing] = await tx
      .select({ fields: masterRows.fields })
      .from(masterRows)
      .where(and(eq(masterRows.entity, entity), eq(masterRows.id, id)))
      .for('update');
    const { merged, changed } = mergeFields(clock, existing?.fields ?? {}, values, edit.hlc);
    const changedNames = Object.keys(changed);
    if (changedNames.length > 0) {
      const row = Object.fromEntries(Object.entries(merged).map(([field, v]) => [field, v.value]));
      await checkMasterRow(tx, entity, id, row, changedNames, existing === undefined);
      if (entity === 'branch') {
        // A directory row is a branch head office created, under that branch's id and code (transfers resolve the code there).
        const [branch] = await tx.select({ code: branches.code }).from(branches).where(eq(branches.id, id));
        if (branch?.code !== row.code) throw badFields('A branch directory row must be an existing branch, with its own code', [{ path: 'fields.code', message: 'is not this branch’s code' }]);
      }
      await tx
        .insert(masterRows)
        .values({ entity, id, fields: merged, updatedAt: now })
        .onConflictDoUpdate({ target: [masterRows.entity, masterRows.id], set: { fields: merged, updatedAt: now } });
      await appendChanges(tx, now, [masterChange(entity, id, changed)]);
    }
    return { entity, id, fields: merged, changed: changedNames };
  });
}

/**
 * New values merged into stored fields, last writer by HLC wins per field: a value the editor
 * stamped keeps its stamp, one without is stamped by the server after the stored one.
 */
export function mergeFields(clock: HlcClock, stored: MasterFields, values: Record<string, unknown>, given?: Record<string, string>): { merged: MasterFields; changed: MasterFields } {
  const merged: MasterFields = { ...stored };
  const changed: MasterFields = {};
  for (const [field, value] of Object.entries(values)) {
    const before = merged[field];
    const stampGiven = given?.[field];
    const stamp = stampGiven ?? serverStamp(clock, before?.hlc);
    if (stampGiven) receiveQuietly(clock, stampGiven);
    if (before && !hlcAfter(stamp, before.hlc)) continue;
    merged[field] = { value, hlc: stamp };
    changed[field] = { value, hlc: stamp };
  }
  return { merged, changed };
}

function serverStamp(clock: HlcClock, stored: string | undefined): string {
  if (!stored) return clock.now();
  try {
    return clock.receive(stored);
  } catch (e) {
    // A stored stamp far ahead (refused on the way in, so only from a clock moved back since):
    // stamp by our own clock; the stored value keeps winning until its time comes.
    if (e instanceof ClockDriftError) return clock.now();
    throw e;
  }
}

function receiveQuietly(clock: HlcClock, stamp: string): void {
  try {
    clock.receive(stamp);
  } catch (e) {
    if (!(e instanceof ClockDriftError)) throw e;
  }
}

export async function readMasterRow(db: ServerDb, entity: HeadOfficeEntity, id: string): Promise<MasterFields | undefined> {
  const [row] = await db
    .select({ fields: masterRows.fields })
    .from(masterRows)
    .where(and(eq(masterRows.entity, entity), eq(masterRows.id, id)));
  return row?.fields;
}
