import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames, methods } from '../../src-main/contract';
import { permissions, roleHasPermission, roles } from '../../src-main/core/permissions';
import { FIRST_LOCKOUT_MS } from '../../src-main/core/signIn';
import { createClient, type LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { signedInApi, TEST_PIN } from '../helpers/roleClient';
import { seedSales } from '../helpers/salesFixtures';
import { createTestLedger, testNow, TEST_ADMIN_PASSWORD, type TestLedger } from '../helpers/testLedger';

const written = ['audit_log', 'sync_outbox', 'stock_movements', 'users', 'customers', 'settings', 'stock_documents', 'sales_orders', 'stock_counts', 'customer_returns', 'purchase_orders', 'supplier_returns'];

describe('users, roles and the audit trail', () => {
  let ledger: TestLedger;
  let now: number;
  let admin: LedgerClient;
  const clock = () => now;
  const tables = () => Object.fromEntries(written.map((t) => [t, ledger.count(t)]));
  const as = (id: string, role: (typeof roles)[number]) => {
    const api = signedInApi(ledger.app.db, id, role, clock);
    return { api, client: createClient((m, i) => api.invoke(m, i)) };
  };

  beforeEach(async () => {
    ledger = await createTestLedger();
    now = testNow;
    admin = createClient((m, i) => ledger.app.api.invoke(m, i));
  });
  afterEach(() => ledger.close());

  it('the permission matrix covers every method: each names a known permission some role holds, and every role lacking it is refused with nothing written', async () => {
    for (const m of methodNames) {
      expect(permissions, m).toContain(methods[m].permission);
      expect(roleHasPermission('admin', methods[m].permission), m).toBe(true);
    }
    for (const role of roles.filter((r) => r !== 'admin')) {
      const { api } = as(`${role}-matrix`, role);
      const before = tables();
      for (const m of methodNames.filter((name) => !('signedOut' in methods[name]) && !roleHasPermission(role, methods[name].permission))) {
        expect(await api.invoke(m, {}), `${role} ${m}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { permission: methods[m].permission } } });
      }
      expect(tables()).toEqual(before);
    }
  });

  it('an administrator adds a clerk with a PIN; the clerk signs in with it, may not manage users, and the creation is audited without the PIN', async () => {
    const created = await admin['users.create']({ username: 'li.ku', displayName: '李库管', role: 'clerk', credential: { kind: 'pin', secret: '4321' } });
    expect(created).toMatchObject({ username: 'li.ku', role: 'clerk', credentialKind: 'pin', hasCredential: true, active: true, origin: 'branch' });
    const entry = ledger.app.db.$client.prepare("SELECT user_id, before, after FROM audit_log WHERE action = 'users.create' AND entity_id = ?").get(created.id) as { user_id: string; before: null; after: string };
    expect(JSON.parse(entry.after)).toEqual({ username: 'li.ku', displayName: '李库管', role: 'clerk', credentialKind: 'pin', active: true });
    expect(entry.after).not.toContain('4321');
    const stored = ledger.app.db.$client.prepare('SELECT password_hash FROM users WHERE id = ?').get(created.id) as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);

    const status = await admin['auth.signIn']({ username: 'li.ku', secret: '4321' });
    expect(status.user).toMatchObject({ displayName: '李库管', role: 'clerk' });
    expect(status.permissions).toContain('stock.receive');
    expect(status.permissions).not.toContain('users.manage');
    expect((await refusal(admin['users.list']({}))).payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'users.manage' } });
    const taken = await refusal(as('admin-2', 'admin').client['users.create']({ username: 'li.ku', displayName: 'x', role: 'sales', credential: { kind: 'pin', secret: '1111' } }));
    expect(taken.payload.code).toBe('USERNAME_TAKEN');
    const shape = await refusal(as('admin-2', 'admin').client['users.create']({ username: 'wang', displayName: 'x', role: 'sales', credential: { kind: 'pin', secret: '12ab' } }));
    expect(shape.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'credential.secret', code: 'CREDENTIAL_SHAPE' }] });
  });

  it('five wrong PINs lock the user out with a growing wait that survives a restart of the API; a reset PIN lifts it', async () => {
    await admin['users.create']({ username: 'zhang', displayName: '张三', role: 'sales', credential: { kind: 'pin', secret: '2580' } });
    const desk = as('admin-desk', 'admin').api;
    const tryPin = (secret: string) => desk.invoke('auth.signIn', { username: 'zhang', secret });
    for (let i = 1; i <= 4; i++) expect(await tryPin('0000')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED', params: { attemptsLeft: 5 - i } } });
    expect(await tryPin('0000')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED_OUT', params: { seconds: FIRST_LOCKOUT_MS / 1000 } } });
    // The right PIN does not help during the lock-out, not even through another window's API.
    expect(await as('admin-other', 'admin').api.invoke('auth.signIn', { username: 'zhang', secret: '2580' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED_OUT' } });
    now += FIRST_LOCKOUT_MS + 1;
    expect(await tryPin('1111')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED_OUT', params: { seconds: (2 * FIRST_LOCKOUT_MS) / 1000 } } });
    expect(ledger.app.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.signIn.failed'").get()).toEqual({ n: 6 });
    const users = await admin['users.list']({});
    expect(users.find((u) => u.username === 'zhang')).toMatchObject({ failedAttempts: 6, lockedUntil: now + 2 * FIRST_LOCKOUT_MS });
    const id = users.find((u) => u.username === 'zhang')?.id ?? '';
    expect(await admin['users.setCredential']({ id, credential: { kind: 'pin', secret: '7777' } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await tryPin('7777')).toMatchObject({ ok: true, value: { user: { username: 'zhang' } } });
  });

  it('a disabled user is signed out at once and cannot sign in; the last administrator cannot be disabled or demoted', async () => {
    const { client: clerk } = as('clerk-1', 'clerk');
    expect((await clerk['stock.onHand']({})).total).toBe(0);
    await admin['users.update']({ id: 'clerk-1', active: false });
    expect((await refusal(clerk['stock.onHand']({}))).payload.code).toBe('SESSION_REQUIRED');
    expect((await refusal(clerk['auth.signIn']({ username: 'clerk-1', secret: TEST_PIN }))).payload.code).toBe('SIGN_IN_FAILED');
    const adminId = (await admin['auth.status']({})).user?.id ?? '';
    expect((await refusal(admin['users.update']({ id: adminId, role: 'manager' }))).payload.code).toBe('LAST_ADMIN');
    expect((await refusal(admin['users.update']({ id: adminId, active: false }))).payload.code).toBe('LAST_ADMIN');
    const update = ledger.app.db.$client.prepare("SELECT before, after FROM audit_log WHERE action = 'users.update'").get() as { before: string; after: string };
    expect([JSON.parse(update.before).active, JSON.parse(update.after).active]).toEqual([true, false]);
  });

  it('the audit trail is searched by user, entity, action, date range and text, and SQLite refuses to edit or delete it', async () => {
    await admin['settings.update']({ nearExpiryDays: 45 });
    now += 86_400_000;
    const { client: clerk } = as('clerk-2', 'clerk');
    await clerk['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'CS10', qty: 2, unitCostFen: 2000 }] });
    const byClerk = await admin['audit.search']({ userId: 'clerk-2' });
    expect(byClerk.rows.map((r) => r.action)).toEqual(['stock.receive', 'auth.signIn']);
    expect(byClerk.rows[0]).toMatchObject({ userName: 'clerk user', entity: 'stock_document' });
    expect((await admin['audit.search']({ entity: 'settings' })).rows[0]?.after).toContain('45');
    expect((await admin['audit.search']({ action: 'settings' })).total).toBe(1);
    expect((await admin['audit.search']({ dateFrom: '2026-11-21', dateTo: '2026-11-21' })).rows.map((r) => r.action)).toContain('stock.receive');
    expect((await admin['audit.search']({ dateFrom: '2026-11-21', dateTo: '2026-11-21' })).rows.map((r) => r.action)).not.toContain('settings.update');
    expect((await admin['audit.search']({ q: 'nearExpiryDays' })).total).toBe(1);
    expect((await refusal(clerk['audit.search']({}))).payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'audit.read' } });

    const sqlite = ledger.app.db.$client;
    const total = ledger.count('audit_log');
    expect(() => sqlite.prepare("UPDATE audit_log SET user_id = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(ledger.count('audit_log')).toBe(total);
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE user_id = 'someone-else'").get()).toEqual({ n: 0 });
  });

  it('the sales desk is not sent customers\' contacts, addresses or credit; an accountant is, and a customer export is audited', async () => {
    const s = seedSales(ledger);
    const { client: desk } = as('sales-1', 'sales');
    const sensitive = ['contact', 'phone', 'creditLimitFen', 'paymentTermsDays', 'receivableFen', 'address', 'contacts', 'credit'];
    const listed = (await desk['customers.list']({})).rows[0] ?? {};
    const detail = await desk['customers.get']({ id: s.supermarket });
    for (const key of sensitive) {
      expect(listed, key).not.toHaveProperty(key);
      expect(detail, key).not.toHaveProperty(key);
    }
    expect(detail).toMatchObject({ name: '华润万家天河店', region: '天河区' });
    // Nor can a phone number be found by searching for it.
    expect((await desk['customers.list']({ q: '13800000000' })).total).toBe(0);
    expect((await refusal(desk['customers.export']({ format: 'csv' }))).payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'customers.sensitive' } });

    as('acct-1', 'accountant');
    // The accountant signs in at this PC (whose API makes export files).
    const accountant = admin;
    await accountant['auth.signIn']({ username: 'acct-1', secret: TEST_PIN });
    expect(await accountant['customers.get']({ id: s.supermarket })).toMatchObject({ phone: '13800000000', contact: '张经理', creditLimitFen: 5_000_000, credit: { limitFen: 5_000_000 } });
    expect((await accountant['customers.list']({ q: '13800000000' })).total).toBe(3);
    const file = await accountant['customers.export']({ format: 'csv' });
    expect(file.rows).toBe(3);
    const audit = await accountant['audit.search']({ action: 'customers.export' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ userId: 'acct-1' });
    expect(JSON.parse(audit.rows[0]?.after ?? '{}')).toMatchObject({ rows: 3, format: 'csv' });
  });

  it('the administrator made at set-up signs in with the password chosen there', async () => {
    await admin['auth.signOut']({});
    expect((await refusal(admin['auth.signIn']({ username: 'admin', secret: 'wrong-password' }))).payload.code).toBe('SIGN_IN_FAILED');
    expect((await admin['auth.signIn']({ username: 'ADMIN', secret: TEST_ADMIN_PASSWORD })).user).toMatchObject({ username: 'admin', role: 'admin' });
  });
});
