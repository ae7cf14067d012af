import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPulledBatch } from '../../src-main/services/applyPulled';
import { applyPeriodLock } from '../../src-main/services/periods';
import { createHlcClock } from '../../src-main/core/hlc';
import { createUuidV7Generator } from '../../src-main/core/ids';
import { randomBytes } from 'node:crypto';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { createTestLedger, ledgerInvariantBroken, testNow, type TestLedger } from '../helpers/testLedger';

const tables = ['stock_documents', 'stock_movements', 'stock_balances', 'period_locks', 'audit_log', 'sync_outbox'];

describe('period lock (关账)', () => {
  let ledger: TestLedger;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));

  beforeEach(async () => {
    ledger = await createTestLedger();
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  const receipt = (businessDate?: string) => ({
    warehouseId: ledger.catalogue.warehouseId,
    lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 5, unitCostFen: 500 }],
    ...(businessDate ? { businessDate } : {}),
  });

  it('nothing posts on or before the locked date; later dates still post; the lock only moves forward', async () => {
    const api = ledger.client;
    expect(await api['periods.get']({})).toMatchObject({ lockedThrough: null, today: '2026-11-20' });
    await api['stock.receive'](receipt('2026-11-10'));
    const locked = await api['periods.lock']({ lockedThrough: '2026-11-15' });
    expect(locked).toMatchObject({ lockedThrough: '2026-11-15', lockedAt: testNow });

    const before = snapshot();
    for (const date of ['2026-11-15', '2026-11-01']) {
      const refused = await refusal(api['stock.receive'](receipt(date)));
      expect(refused.payload).toMatchObject({ code: 'PERIOD_LOCKED', params: { period: '2026-11-15' }, fields: [{ path: 'businessDate', code: 'PERIOD_LOCKED' }] });
    }
    expect(snapshot()).toEqual(before);
    await api['stock.receive'](receipt('2026-11-16'));

    // An earlier lock another PC sent (it locked offline before this one) changes nothing.
    const branchId = (ledger.app.db.$client.prepare('SELECT id FROM branches').get() as { id: string }).id;
    expect(applyPeriodLock(ledger.app.db, branchId, { lockedThrough: '2026-11-10', lockedBy: 'other', lockedAt: testNow, hlc: 'h' })).toBe(false);
    expect(await api['periods.get']({})).toMatchObject({ lockedThrough: '2026-11-15' });
    const backward = await refusal(api['periods.lock']({ lockedThrough: '2026-11-14' }));
    expect(backward.payload).toMatchObject({ code: 'PERIOD_LOCK_BACKWARD', fields: [{ path: 'lockedThrough' }] });
    const future = await refusal(api['periods.lock']({ lockedThrough: '2026-11-21' }));
    expect(future.payload.code).toBe('DATE_IN_FUTURE');

    // Locking through today closes today too: even a posting dated today is refused.
    await api['periods.lock']({ lockedThrough: '2026-11-20' });
    expect((await refusal(api['stock.receive'](receipt()))).payload.code).toBe('PERIOD_LOCKED');
    const audit = ledger.app.db.$client.prepare("SELECT before, after FROM audit_log WHERE action = 'periods.lock' ORDER BY at, rowid").all();
    expect(audit).toEqual([
      { before: JSON.stringify({ lockedThrough: null }), after: JSON.stringify({ lockedThrough: '2026-11-15' }) },
      { before: JSON.stringify({ lockedThrough: '2026-11-15' }), after: JSON.stringify({ lockedThrough: '2026-11-20' }) },
    ]);
  });

  it('only accountants, managers and admins may lock a period; a clerk is refused', async () => {
    const clerk = roleClient(ledger, 'clerk');
    expect((await refusal(clerk['periods.lock']({ lockedThrough: '2026-11-01' }))).payload).toMatchObject({ code: 'FORBIDDEN' });
    expect(await clerk['periods.get']({})).toMatchObject({ lockedThrough: null });
    const accountant = roleClient(ledger, 'accountant');
    expect(await accountant['periods.lock']({ lockedThrough: '2026-11-01' })).toMatchObject({ lockedThrough: '2026-11-01', lockedBy: 'accountant user' });
  });

  it("a stock count's adjustment is refused when today is locked, and the count stays unposted", async () => {
    const api = ledger.client;
    await api['stock.receive']({ ...receipt('2026-11-19'), lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 100, unitCostFen: 500 }] });
    const count = await api['counts.start']({ warehouseId: ledger.catalogue.warehouseId, scope: 'full', blind: false });
    await api['counts.record']({ countId: count.id, productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 99, counter: '李' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'theft_loss' });
    await api['periods.lock']({ lockedThrough: '2026-11-20' });
    const before = snapshot();
    const refused = await refusal(api['counts.post']({ id: count.id, uncounted: 'keep' }));
    expect(refused.payload.code).toBe('PERIOD_LOCKED');
    expect(snapshot()).toEqual(before);
    expect((await api['counts.get']({ id: count.id })).status).not.toBe('posted');
  });

  it('a document another PC posted into the locked period still arrives by sync (never dropped)', async () => {
    const other = await createTestLedger();
    try {
      await other.client['stock.receive']({
        warehouseId: other.catalogue.warehouseId,
        lines: [{ productId: other.catalogue.tissue.id, unitCode: 'EA', qty: 7, unitCostFen: 500 }],
        businessDate: '2026-11-10',
      });
      const row = other.app.db.$client.prepare("SELECT name, version, args FROM sync_outbox WHERE name = 'stock.receive'").get() as { name: string; version: number; args: string };
      // The other PC's warehouse stands for this ledger's (each test ledger makes its own warehouse ids).
      const args = JSON.parse(row.args.replaceAll(other.catalogue.warehouseId, ledger.catalogue.warehouseId)) as unknown;
      await ledger.client['periods.lock']({ lockedThrough: '2026-11-15' });
      const change = { kind: 'op' as const, cursor: 1, bucket: 'documents', name: row.name, version: row.version, args, originDeviceId: '0190a000-0000-7000-8000-00000000000a' };
      const result = applyPulledBatch(ledger.app.db, [change], 1, {
        now: testNow,
        ids: createUuidV7Generator(() => testNow, (n) => randomBytes(n)),
        hlc: createHlcClock('pc-a', () => testNow).now,
      });
      expect(result.problems).toEqual([]);
      expect(ledger.app.db.$client.prepare("SELECT business_date FROM stock_documents WHERE doc_type = 'receipt'").all()).toEqual([{ business_date: '2026-11-10' }]);
    } finally {
      other.close();
    }
  });
});
