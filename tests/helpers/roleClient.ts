import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../src-main/core/ids';
import type { Role } from '../../src-main/core/permissions';
import { createLedgerApi, type LedgerApi } from '../../src-main/services/createLedgerApi';
import { hashSecret } from '../../src-main/services/passwordHash';
import type { LedgerDb } from '../../db/openLedgerDb';
import { createClient, type LedgerClient } from '../../src-renderer/api/createClient';
import { withAuditGuard } from './auditGuard';
import { testNow, type TestLedger } from './testLedger';

/** The PIN every user the tests add signs in with. */
export const TEST_PIN = '2468';

/** Adds a user with the test PIN (once; the id is also the user name) for the API to sign in. */
export function addTestUser(db: LedgerDb, id: string, role: Role, displayName = `${role} user`): void {
  db.$client
    .prepare("INSERT OR IGNORE INTO users (id, username, display_name, role, password_hash, credential_kind, active, created_at, hlc) VALUES (?, ?, ?, ?, ?, 'pin', 1, 0, 'h')")
    .run(id, id, displayName, role, hashSecret(TEST_PIN));
}

/**
 * An API of its own on the test ledger (as another window or host would have), with the user
 * `id` signed in through auth.signIn like anyone at the PC.
 */
export function signedInApi(db: LedgerDb, id: string, role: Role, now = () => testNow): LedgerApi {
  addTestUser(db, id, role);
  const api = createLedgerApi({ db, clock: now, ids: createUuidV7Generator(now, (n) => randomBytes(n)), host: 'node', appVersion: 'test' });
  const signedIn = api.invokeSync('auth.signIn', { username: id, secret: TEST_PIN });
  if (!signedIn.ok) throw new Error(`sign-in as ${id} refused: ${JSON.stringify(signedIn.error)}`);
  return api;
}

/** A client on the test ledger acting as a user of the given role (the user is added once). */
export function roleClient(ledger: TestLedger, role: Role, now = () => testNow): LedgerClient {
  const api = signedInApi(ledger.app.db, `${role}-user`, role, now);
  return createClient(withAuditGuard(() => ledger.app.db, (m, i) => api.invoke(m, i)));
}
