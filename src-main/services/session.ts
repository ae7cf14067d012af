import type { MethodResult, ParsedInput } from '../contract';
import { LedgerError } from '../core/errors';
import { permissionsOf, type Role } from '../core/permissions';
import { FREE_ATTEMPTS, lockoutAfter, lockoutSecondsLeft, type CredentialKind } from '../core/signIn';
import { findBranch } from './branch';
import { writeAudit } from './journal';
import { verifySecret } from './passwordHash';
import { readSettings } from './settings';
import { all, get, inTransaction, run } from './sql';
import type { CurrentUser, ServiceContext } from './types';

/**
 * Who is signed in on this PC. One per API (one per app window): a branch PC is shared by
 * taking turns, and the quick switch replaces the session rather than stacking them. Locked,
 * the session keeps its user (the work on screen stays) but every method except unlocking,
 * switching and signing out is refused until the user types their password or PIN again.
 */
export interface Session {
  userId: string;
  locked: boolean;
}

export interface SessionHolder {
  current: Session | null;
}

export function createSessionHolder(): SessionHolder {
  return { current: null };
}

interface UserAuthRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  credential_kind: CredentialKind;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: number | null;
  active: number;
}

const userColumns = 'id, username, display_name, role, credential_kind, password_hash, failed_attempts, locked_until, active';

/** The session's user as the API acts for them: read on every call, so a role changed or a user disabled takes effect at once. */
export function sessionUser(ctx: Pick<ServiceContext, 'db'>, session: Session): CurrentUser | null {
  const row = get<{ id: string; role: Role; active: number }>(ctx.db, 'SELECT id, role, active FROM users WHERE id = ?', session.userId);
  return row && row.active === 1 ? { id: row.id, role: row.role } : null;
}

export function authStatus(ctx: ServiceContext): MethodResult<'auth.status'> {
  const session = ctx.session.current;
  const settings = readSettings(ctx);
  const row = session ? get<UserAuthRow>(ctx.db, `SELECT ${userColumns} FROM users WHERE id = ?`, session.userId) : undefined;
  const user = row && row.active === 1 ? row : undefined;
  if (session && !user) ctx.session.current = null;
  const choices = all<{ id: string; username: string; display_name: string; credential_kind: CredentialKind }>(
    ctx.db,
    'SELECT id, username, display_name, credential_kind FROM users WHERE active = 1 AND password_hash IS NOT NULL ORDER BY display_name, username',
  );
  return {
    branchSetUp: findBranch(ctx) !== undefined,
    user: user ? { id: user.id, username: user.username, displayName: user.display_name, role: user.role, credentialKind: user.credential_kind } : null,
    locked: user ? (ctx.session.current?.locked ?? false) : false,
    permissions: user ? [...permissionsOf(user.role)] : [],
    lockMinutes: settings.lockMinutes,
    locale: settings.locale,
    users: choices.map((c) => ({ id: c.id, username: c.username, displayName: c.display_name, credentialKind: c.credential_kind })),
  };
}

/**
 * Checks a typed secret against a user, counting wrong tries. The count and lock-out are
 * committed even though the call then fails, so restarting the app does not reset them.
 */
function checkSecret(ctx: ServiceContext, user: UserAuthRow, secret: string, action: 'auth.signIn' | 'auth.unlock'): void {
  const waitSeconds = lockoutSecondsLeft(user.locked_until, ctx.now);
  if (waitSeconds > 0) throw new LedgerError('SIGN_IN_LOCKED_OUT', { seconds: waitSeconds });
  const asUser: ServiceContext = { ...ctx, currentUser: { id: user.id, role: user.role } };
  if (user.active === 1 && verifySecret(secret, user.password_hash)) {
    inTransaction(ctx.db, () => {
      run(ctx.db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', user.id);
      writeAudit(asUser, action, 'user', user.id, null, { username: user.username });
    });
    return;
  }
  const failed = user.failed_attempts + 1;
  const lockout = lockoutAfter(failed);
  inTransaction(ctx.db, () => {
    run(ctx.db, 'UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?', failed, lockout > 0 ? ctx.now + lockout : null, user.id);
    writeAudit(asUser, `${action}.failed`, 'user', user.id, null, { username: user.username, failedAttempts: failed });
  });
  if (lockout > 0) throw new LedgerError('SIGN_IN_LOCKED_OUT', { seconds: Math.ceil(lockout / 1000) });
  throw new LedgerError('SIGN_IN_FAILED', { attemptsLeft: FREE_ATTEMPTS - failed });
}

export function signIn(ctx: ServiceContext, input: ParsedInput<'auth.signIn'>): MethodResult<'auth.signIn'> {
  const user = get<UserAuthRow>(ctx.db, `SELECT ${userColumns} FROM users WHERE username = ?`, input.username);
  // An unknown or disabled name answers like a wrong secret: the screen does not confirm who exists.
  if (!user) throw new LedgerError('SIGN_IN_FAILED', {});
  checkSecret(ctx, user, input.secret, 'auth.signIn');
  ctx.session.current = { userId: user.id, locked: false };
  return authStatus(ctx);
}

export function lockSession(ctx: ServiceContext): MethodResult<'auth.lock'> {
  if (ctx.session.current) ctx.session.current = { ...ctx.session.current, locked: true };
  return authStatus(ctx);
}

export function unlockSession(ctx: ServiceContext, input: ParsedInput<'auth.unlock'>): MethodResult<'auth.unlock'> {
  const session = ctx.session.current;
  if (!session) throw new LedgerError('SESSION_REQUIRED');
  const user = get<UserAuthRow>(ctx.db, `SELECT ${userColumns} FROM users WHERE id = ?`, session.userId);
  if (!user) throw new LedgerError('SESSION_REQUIRED');
  checkSecret(ctx, user, input.secret, 'auth.unlock');
  ctx.session.current = { userId: user.id, locked: false };
  return authStatus(ctx);
}

export function signOut(ctx: ServiceContext): MethodResult<'auth.signOut'> {
  ctx.session.current = null;
  return authStatus(ctx);
}
