import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../src-main/core/ids';
import type { Role } from '../../src-main/core/permissions';
import { createLedgerApi } from '../../src-main/services/createLedgerApi';
import { createClient, type LedgerClient } from '../../src-renderer/api/createClient';
import { testNow, type TestLedger } from './testLedger';

/** A client on the test ledger acting as a user of the given role (the user is added once). */
export function roleClient(ledger: TestLedger, role: Role, now = () => testNow): LedgerClient {
  const id = `${role}-user`;
  ledger.app.db.$client
    .prepare("INSERT OR IGNORE INTO users (id, username, display_name, role, active, created_at, hlc) VALUES (?, ?, ?, ?, 1, 0, 'h')")
    .run(id, id, `${role} user`, role);
  const api = createLedgerApi({ db: ledger.app.db, clock: now, ids: createUuidV7Generator(now, (n) => randomBytes(n)), user: () => ({ id, role }), host: 'node', appVersion: 'test' });
  return createClient((m, i) => api.invoke(m, i));
}
