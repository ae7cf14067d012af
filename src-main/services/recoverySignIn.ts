import { openBackupCopy } from '../../db/openLedgerDb';
import { LedgerError } from '../core/errors';
import { roleHasPermission, type Role } from '../core/permissions';
import { lockoutAfter, lockoutSecondsLeft } from '../core/signIn';
import { verifySecret } from './passwordHash';
import { get } from './sql';

/**
 * Who may restore while the ledger is damaged (recovery mode). The ledger's own users cannot be
 * read, so the rule is: name a user **of the backup being previewed or restored** whose role
 * may manage backups (manager or administrator), active in that backup, and give that user's
 * password or PIN as it was when the backup was made; it is checked against the backup's own
 * users table (read-only, the scrypt hash). Anyone else — or a backup made before users
 * existed — is refused with one error that does not say which part was wrong. Wrong answers
 * lock this screen out with the same growing wait as sign-in (core/signIn.ts), counted in this
 * process; the restore is then written to the restored ledger's audit trail as that user's.
 */
export interface RecoveryUser {
  id: string;
  username: string;
  role: Role;
}

export interface RecoveryGate {
  verify(backupFile: string, signIn: { username: string; secret: string } | undefined): RecoveryUser;
}

interface BackupUserRow {
  id: string;
  username: string;
  role: Role;
  password_hash: string | null;
  active: number;
}

export function createRecoveryGate(deps: { clock: () => number; nativeBinding?: string }): RecoveryGate {
  let failures = 0;
  let lockedUntil: number | null = null;

  function readUser(file: string, username: string): BackupUserRow | undefined {
    try {
      const copy = openBackupCopy(file, { readonly: true, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
      try {
        return get<BackupUserRow>(copy, 'SELECT id, username, role, password_hash, active FROM users WHERE username = ?', username);
      } finally {
        copy.$client.close();
      }
    } catch {
      // No users table (a backup from before sign-in existed) or an unreadable file: nobody to check against.
      return undefined;
    }
  }

  return {
    verify(backupFile, signIn) {
      const now = deps.clock();
      const wait = lockoutSecondsLeft(lockedUntil, now);
      if (wait > 0) throw new LedgerError('SIGN_IN_LOCKED_OUT', { seconds: wait });
      const user = signIn ? readUser(backupFile, signIn.username) : undefined;
      const allowed = user !== undefined && user.active === 1 && roleHasPermission(user.role, 'backups.manage') && verifySecret(signIn?.secret ?? '', user.password_hash);
      if (!allowed) {
        failures++;
        const lockout = lockoutAfter(failures);
        lockedUntil = lockout > 0 ? now + lockout : null;
        throw new LedgerError('RECOVERY_SIGN_IN_FAILED');
      }
      failures = 0;
      lockedUntil = null;
      return { id: user.id, username: user.username, role: user.role };
    },
  };
}
