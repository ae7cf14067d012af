import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { HlcClock } from '../../src-main/core/hlc';
import type { IdGenerator } from '../../src-main/core/ids';
import { roles } from '../../src-main/core/permissions';
import { credentialShapeOk } from '../../src-main/core/signIn';
import { hashSecret } from '../../src-main/sync/protocol/credentialHash';
import { branches, branchUsers, type MasterFields } from '../db/schema';
import { HttpError } from '../httpErrors';
import type { ServerDb } from '../openServerDb';
import { sqlState } from '../sync/OpRejected';
import { appendChanges, lockChangeFeed, type NewChange } from '../sync/changeFeed';
import { mergeFields } from './updateMasterFields';

/**
 * Head office manages a branch's users: it creates one, changes its name or role, disables or
 * enables it and resets its password or PIN. The user reaches that branch's PCs (and only
 * them) as a `user` change, merged there field by field, last writer by HLC wins; there it is a
 * user of origin 'head_office', which the branch's administrator cannot re-role (users.ts).
 *
 * The password or PIN is typed on the head-office page and hashed here with the PC's own scrypt
 * parameters (credentialHash.ts); only the hash is stored and sent down, never the secret.
 */

const credential = z
  .strictObject({ kind: z.enum(['password', 'pin']), secret: z.string().min(1).max(200) })
  .refine((c) => credentialShapeOk(c.kind, c.secret), { message: 'A PIN is 4–8 digits, a password at least 8 characters', path: ['secret'] });
const displayName = z.string().trim().min(1).max(60);

export const createBranchUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'A user name is 2–32 letters, digits, . _ or -'),
  displayName,
  role: z.enum(roles),
  credential,
});
export const updateBranchUserBody = z
  .strictObject({ displayName: displayName.optional(), role: z.enum(roles).optional(), active: z.boolean().optional(), credential: credential.optional() })
  .refine((b) => Object.keys(b).length > 0, 'Give something to change');

export interface BranchUserView {
  id: string;
  branchId: string;
  username: string;
  displayName: string;
  role: string;
  credentialKind: string;
  hasCredential: boolean;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A user change goes to the user's branch only; its item is the user's id. */
function userChange(branchId: string, id: string, fields: MasterFields): NewChange {
  return { branchId, bucket: 'users', kind: 'user', itemId: `user:${id}`, payload: { id, fields } };
}

function view(row: typeof branchUsers.$inferSelect): BranchUserView {
  const value = (field: string) => row.fields[field]?.value;
  return {
    id: row.id,
    branchId: row.branchId,
    username: row.username,
    displayName: String(value('displayName') ?? ''),
    role: String(value('role') ?? ''),
    credentialKind: String(value('credentialKind') ?? 'password'),
    hasCredential: typeof value('passwordHash') === 'string',
    active: value('active') === true,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listBranchUsers(db: ServerDb, branchId: string): Promise<BranchUserView[]> {
  const rows = await db.select().from(branchUsers).where(eq(branchUsers.branchId, branchId)).orderBy(asc(branchUsers.username));
  return rows.map(view);
}

export async function createBranchUser(
  db: ServerDb,
  deps: { now: number; clock: HlcClock; ids: IdGenerator },
  branchId: string,
  body: z.infer<typeof createBranchUserBody>,
): Promise<BranchUserView> {
  const [branch] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId));
  if (!branch) throw new HttpError(404, 'NOT_FOUND', 'No such branch');
  const id = deps.ids();
  const values = {
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    credentialKind: body.credential.kind,
    passwordHash: hashSecret(body.credential.secret),
    active: true,
  };
  try {
    return await db.transaction(async (tx) => {
      await lockChangeFeed(tx);
      const { merged, changed } = mergeFields(deps.clock, {}, values);
      const [row] = await tx.insert(branchUsers).values({ id, branchId, username: body.username, fields: merged, createdAt: deps.now, updatedAt: deps.now }).returning();
      await appendChanges(tx, deps.now, [userChange(branchId, id, changed)]);
      return view(row!);
    });
  } catch (e) {
    if (sqlState(e) === '23505') throw new HttpError(409, 'CONFLICT', `User name ${body.username} is taken at this branch`);
    throw e;
  }
}

export async function updateBranchUser(db: ServerDb, deps: { now: number; clock: HlcClock }, id: string, body: z.infer<typeof updateBranchUserBody>): Promise<BranchUserView> {
  const values: Record<string, unknown> = {};
  if (body.displayName !== undefined) values.displayName = body.displayName;
  if (body.role !== undefined) values.role = body.role;
  if (body.active !== undefined) values.active = body.active;
  if (body.credential) {
    values.credentialKind = body.credential.kind;
    values.passwordHash = hashSecret(body.credential.secret);
  }
  return db.transaction(async (tx) => {
    await lockChangeFeed(tx);
    const [existing] = await tx.select().from(branchUsers).where(eq(branchUsers.id, id)).for('update');
    if (!existing) throw new HttpError(404, 'NOT_FOUND', 'No such user');
    const { merged, changed } = mergeFields(deps.clock, existing.fields, values);
    if (Object.keys(changed).length === 0) return view(existing);
    const [row] = await tx.update(branchUsers).set({ fields: merged, updatedAt: deps.now }).where(eq(branchUsers.id, id)).returning();
    await appendChanges(tx, deps.now, [userChange(existing.branchId, id, changed)]);
    return view(row!);
  });
}
