import type { MethodResult, ParsedInput } from '../contract';
import type { UserRow } from '../contract/results';
import { LedgerError } from '../core/errors';
import type { Role } from '../core/permissions';
import { writeAudit } from './journal';
import { hashSecret } from './passwordHash';
import { all, get, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

/**
 * The PC's users, managed by its administrator. Users are this PC's (head office's users arrive
 * by sync with origin 'head_office', applyUserChange.ts); their passwords and PINs never leave the
 * PC, so these commands write no outbox op.
 */
interface UserDbRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  credential_kind: 'password' | 'pin';
  has_credential: number;
  active: number;
  origin: 'branch' | 'head_office';
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
}

const selectUsers = `SELECT id, username, display_name, role, credential_kind, password_hash IS NOT NULL AS has_credential, active, origin,
  failed_attempts, locked_until, created_at FROM users`;

function toUserRow(r: UserDbRow, now: number): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    credentialKind: r.credential_kind,
    hasCredential: r.has_credential === 1,
    active: r.active === 1,
    origin: r.origin,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until !== null && r.locked_until > now ? r.locked_until : null,
    createdAt: r.created_at,
  };
}

function readUser(ctx: ServiceContext, id: string): UserRow {
  const row = get<UserDbRow>(ctx.db, `${selectUsers} WHERE id = ?`, id);
  if (!row) throw new LedgerError('NOT_FOUND');
  return toUserRow(row, ctx.now);
}

/** What the audit trail keeps of a user: never the hash. */
function auditView(u: UserRow): Record<string, unknown> {
  return { username: u.username, displayName: u.displayName, role: u.role, credentialKind: u.credentialKind, active: u.active };
}

export function listUsers(ctx: ServiceContext): MethodResult<'users.list'> {
  return all<UserDbRow>(ctx.db, `${selectUsers} ORDER BY active DESC, display_name, username`).map((r) => toUserRow(r, ctx.now));
}

export function createUser(ctx: ServiceContext, input: ParsedInput<'users.create'>): MethodResult<'users.create'> {
  return inTransaction(ctx.db, () => {
    if (get(ctx.db, 'SELECT 1 FROM users WHERE username = ?', input.username)) {
      throw new LedgerError('USERNAME_TAKEN', { username: input.username }, [{ path: 'username', code: 'USERNAME_TAKEN' }]);
    }
    const id = ctx.ids();
    run(
      ctx.db,
      `INSERT INTO users (id, username, display_name, role, password_hash, credential_kind, origin, active, created_at, updated_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, 'branch', 1, ?, ?, ?)`,
      id,
      input.username,
      input.displayName,
      input.role,
      hashSecret(input.credential.secret),
      input.credential.kind,
      ctx.now,
      ctx.now,
      ctx.hlc(),
    );
    const created = readUser(ctx, id);
    writeAudit(ctx, 'users.create', 'user', id, null, auditView(created));
    return created;
  });
}

/** Whether another active administrator remains when `id` stops being one: a PC without one could never add or repair users. */
function otherActiveAdmins(ctx: ServiceContext, id: string): number {
  return get<{ n: number }>(ctx.db, "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND id <> ?", id)?.n ?? 0;
}

/**
 * A user head office manages (origin 'head_office') is changed at head office: here its
 * administrator may only disable it (someone must be kept out at once, even offline). That
 * disabling is stamped like head office's own edits, so only a later head-office change enables
 * the user again. Renaming, re-roling, enabling or resetting its password or PIN is refused.
 */
function checkHeadOfficeUserEdit(before: UserRow, input: { displayName?: string | undefined; role?: Role | undefined; active?: boolean | undefined } | 'credential'): void {
  if (before.origin !== 'head_office') return;
  const disablingOnly =
    input !== 'credential' &&
    input.active === false &&
    (input.displayName === undefined || input.displayName === before.displayName) &&
    (input.role === undefined || input.role === before.role);
  if (!disablingOnly) throw new LedgerError('HEAD_OFFICE_USER', { username: before.username });
}

export function updateUser(ctx: ServiceContext, input: ParsedInput<'users.update'>): MethodResult<'users.update'> {
  return inTransaction(ctx.db, () => {
    const before = readUser(ctx, input.id);
    checkHeadOfficeUserEdit(before, input);
    const role = input.role ?? before.role;
    const active = input.active ?? before.active;
    if (before.role === 'admin' && before.active && (role !== 'admin' || !active) && otherActiveAdmins(ctx, input.id) === 0) {
      throw new LedgerError('LAST_ADMIN');
    }
    run(
      ctx.db,
      'UPDATE users SET display_name = ?, role = ?, active = ?, updated_at = ?, hlc = ? WHERE id = ?',
      input.displayName ?? before.displayName,
      role,
      active ? 1 : 0,
      ctx.now,
      ctx.hlc(),
      input.id,
    );
    if (before.origin === 'head_office') {
      run(
        ctx.db,
        "INSERT INTO master_field_clocks (entity, id, field, hlc) VALUES ('user', ?, 'active', ?) ON CONFLICT (entity, id, field) DO UPDATE SET hlc = excluded.hlc",
        input.id,
        ctx.hlc(),
      );
    }
    const after = readUser(ctx, input.id);
    writeAudit(ctx, 'users.update', 'user', input.id, auditView(before), auditView(after));
    return after;
  });
}

export function setUserCredential(ctx: ServiceContext, input: ParsedInput<'users.setCredential'>): MethodResult<'users.setCredential'> {
  return inTransaction(ctx.db, () => {
    const before = readUser(ctx, input.id);
    checkHeadOfficeUserEdit(before, 'credential');
    run(
      ctx.db,
      'UPDATE users SET password_hash = ?, credential_kind = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
      hashSecret(input.credential.secret),
      input.credential.kind,
      ctx.now,
      input.id,
    );
    const after = readUser(ctx, input.id);
    writeAudit(ctx, 'users.setCredential', 'user', input.id, { credentialKind: before.credentialKind, lockedOut: before.lockedUntil !== null }, { credentialKind: after.credentialKind });
    return after;
  });
}
