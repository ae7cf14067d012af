import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodName } from '../../src-main/contract';
import { createClient } from '../../src-renderer/api/createClient';
import { auditProblem, UnauditedWriteError, withAuditGuard } from '../helpers/auditGuard';
import { seedSales } from '../helpers/salesFixtures';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

/**
 * Every write audits. The guard (tests/helpers/auditGuard.ts) wraps every contract-test client,
 * so each write method any contract test makes succeed is checked: it added audit rows naming
 * who, what, and before or after. This file proves the guard fails when a write is not audited,
 * and walks a representative fixture for each family of write methods in one ledger — set-up,
 * settings, stock, sales from quote to payment, approvals and rejections, periods, targets,
 * users and backups — checking each answer's audit row against the method.
 */

describe('every write audits', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await createTestLedger();
  });
  afterEach(() => ledger.close());

  it('the guard refuses a successful write that left no audit row, or a row without who, what, before and after', async () => {
    const db = ledger.app.db;
    const unaudited = withAuditGuard(
      () => db,
      async (method) => {
        if (method === 'settings.update') db.$client.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('guard-test', '1', 0)").run();
        return { ok: true, value: {} };
      },
    );
    await expect(unaudited('settings.update', {})).rejects.toBeInstanceOf(UnauditedWriteError);
    // A read, or a refused write, is not held to it.
    await expect(unaudited('settings.get', {})).resolves.toMatchObject({ ok: true });
    const row = { user_id: 'u', action: 'a', entity: 'e', entity_id: 'i', before: null, after: '{}' };
    expect(auditProblem('m', [row])).toBeNull();
    expect(auditProblem('m', [])).toMatch(/without an audit row/);
    expect(auditProblem('m', [{ ...row, user_id: '' }])).toMatch(/without who or what/);
    expect(auditProblem('m', [{ ...row, after: null }])).toMatch(/neither before nor after/);
  });

  it('a walk of the write methods: each succeeds and its audit row says who did what to which record', async () => {
    const s = seedSales(ledger);
    const c = ledger.catalogue;
    const db = ledger.app.db;
    const succeeded = new Set<MethodName>();
    const adminId = (db.$client.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
    const client = createClient(
      withAuditGuard(
        () => db,
        async (method, input) => {
          const before = (db.$client.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM audit_log').get() as { n: number }).n;
          const envelope = await ledger.app.api.invoke(method, input);
          if (envelope.ok && methods[method as MethodName].writes) {
            succeeded.add(method as MethodName);
            const rows = db.$client.prepare('SELECT user_id, action FROM audit_log WHERE rowid > ?').all(before) as { user_id: string; action: string }[];
            // Who: the signed-in administrator; what: an action of this method's own family.
            expect(rows.length, method).toBeGreaterThan(0);
            for (const r of rows) expect(r.user_id, method).toBe(adminId);
            expect(rows.map((r) => r.action.split('.')[0]), method).toContain(method.split('.')[0]);
          }
          return envelope;
        },
      ),
    );
    await client['auth.signIn']({ username: 'admin', secret: 'admin-pass-1' });

    await client['settings.update']({ nearExpiryDays: 45 });
    await client['products.setLocation']({ productId: c.water.id, warehouseId: c.warehouseId, location: 'A-01' });
    const received = await client['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 60, lotCode: 'L1', expiryDate: '2027-10-01', unitCostFen: 2400 }],
    });
    await client['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: 5, unitCostFen: 500 }] });
    const extra = await client['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.yogurt.id, unitCode: 'CS12', qty: 1, lotCode: 'Y1', expiryDate: '2026-12-30', unitCostFen: 3600 }] });
    await client['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -1 }] });
    await client['stock.reverse']({ documentId: extra.id, note: '录错' });
    expect(received.id).toEqual(expect.any(String));

    const draft = { customerId: s.supermarket, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2 }] };
    const quote = await client['sales.create'](draft);
    await client['sales.amend']({ id: quote.id, ...draft, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 3 }] });
    await client['sales.confirm']({ id: quote.id });
    await client['sales.allocate']({ id: quote.id });
    await client['sales.deliver']({ id: quote.id });
    await client['sales.invoice']({ id: quote.id });
    await client['sales.receivePayment']({ customerId: s.supermarket, amountFen: 1000, method: 'cash' });
    // Over the restaurant's credit: approval, and another sent back and cancelled.
    const big = { customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 30 }], confirm: true };
    const approved = await client['sales.create'](big);
    await client['sales.approve']({ id: approved.id });
    const rejected = await client['sales.create'](big);
    await client['sales.reject']({ id: rejected.id, note: '超额度' });
    await client['sales.cancel']({ id: rejected.id });
    const partial = await client['sales.create']({ ...draft, confirm: true });
    const allocated = await client['sales.allocate']({ id: partial.id });
    await client['sales.deliver']({ id: partial.id, lines: [{ lineId: allocated.lines[0]?.id ?? '', qty: 24 }] });
    await client['sales.close']({ id: partial.id });

    await client['periods.lock']({ lockedThrough: '2026-10-31' });
    await client['targets.set']({ month: '2026-11', salesperson: '王强', targetFen: 1_000_000 });
    const user = await client['users.create']({ username: 'clerk-a', displayName: '仓管甲', role: 'clerk', credential: { kind: 'pin', secret: '2468' } });
    await client['users.update']({ id: user.id, role: 'sales' });
    await client['users.setCredential']({ id: user.id, credential: { kind: 'pin', secret: '1357' } });
    await client['backups.setPolicy']({ daily: 7, weekly: 4, preMigration: 5, manual: 5, preRestore: 5 });
    await client['backups.create']({});

    const walked: MethodName[] = [
      'settings.update',
      'products.setLocation',
      'stock.receive',
      'stock.adjust',
      'stock.reverse',
      'sales.create',
      'sales.amend',
      'sales.confirm',
      'sales.approve',
      'sales.reject',
      'sales.allocate',
      'sales.deliver',
      'sales.invoice',
      'sales.cancel',
      'sales.close',
      'sales.receivePayment',
      'periods.lock',
      'targets.set',
      'users.create',
      'users.update',
      'users.setCredential',
      'backups.setPolicy',
      'backups.create',
    ];
    expect([...succeeded].sort()).toEqual([...walked].sort());
    // Each is a write method of the contract (a method renamed or made read-only shows here).
    for (const m of walked) expect(methodNames.filter((n) => methods[n].writes)).toContain(m);
  });
});
