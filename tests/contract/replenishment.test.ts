import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const tables = ['purchase_orders', 'purchase_order_lines', 'purchase_order_events', 'replenishment_policies', 'audit_log', 'sync_outbox', 'document_sequences'];

/**
 * Today is 2026-11-20 in the branch. Water (24 a case) is bought in cases of 24, at least 4
 * cases (96), 6 days' lead time, 48.00 a case; tissue has no supplier terms.
 */
describe('replenishment, stock health and supplier performance', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    const db = ledger.app.db.$client;
    db.prepare('UPDATE suppliers SET lead_time_days = 4 WHERE id = ?').run(c.supplierId);
    db.prepare(
      `INSERT INTO supplier_products (id, supplier_id, product_id, supplier_item_code, purchase_unit_code, min_order_qty, lead_time_days, last_cost_fen, preferred, active, hlc)
       VALUES ('0190c000-0000-7000-8000-000000000001', ?, ?, 'NF-550', 'CS24', 96, 6, 4800, 1, 1, '000000000000000-00000-test')`,
    ).run(c.supplierId, c.water.id);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  async function receive(productId: string, unitCode: string, qty: number, lotCode: string, expiryDate: string | undefined, unitCostFen: number) {
    await api['stock.receive']({
      warehouseId: ledger.catalogue.warehouseId,
      supplierId: ledger.catalogue.supplierId,
      lines: [{ productId, unitCode, qty, lotCode, ...(expiryDate ? { expiryDate } : {}), unitCostFen }],
    });
  }

  /** A restaurant order of `qty` in `unitCode`, delivered on `date`. */
  async function sell(productId: string, unitCode: string, qty: number, date: string) {
    const order = await api['sales.create']({ customerId: s.restaurant, warehouseId: ledger.catalogue.warehouseId, lines: [{ productId, unitCode, qty }], confirm: true });
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id, businessDate: date });
  }

  /** 96 bottles of water in, 72 sold over the last four weeks, 12 more promised to a customer. */
  async function waterRunningLow() {
    const c = ledger.catalogue;
    await receive(c.water.id, 'CS24', 4, 'W1', '2027-06-01', 4800);
    await sell(c.water.id, 'EA', 24, '2026-11-10');
    await sell(c.water.id, 'EA', 24, '2026-11-15');
    await sell(c.water.id, 'EA', 24, '2026-11-19');
    const promised = await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 12 }], confirm: true });
    await api['sales.allocate']({ id: promised.id });
  }

  it('suggests water: demand from the moving average, position net of what is promised, rounded up to the supplier’s minimum of 4 cases', async () => {
    const c = ledger.catalogue;
    await waterRunningLow();
    const result = await api['replenishment.suggestions']({ warehouseId: c.warehouseId, windowDays: 28, safetyDays: 7, reviewDays: 7 });
    expect(result.asOf).toBe('2026-11-20');
    expect(result.rows.map((r) => r.productId)).toEqual([ledger.catalogue.water.id]);
    const water = result.rows[0];
    // 72 over 28 days = 2.57/day; lead 6 days → 16, safety 7 days → 18; min 34, max 34 + 18 = 52.
    expect(water).toMatchObject({ productId: c.water.id, supplierId: c.supplierId, onHand: 24, onOrder: 0, committed: 12, position: 12, safetyStock: 18, min: 34, max: 52 });
    expect(water?.demandPerDay).toBeCloseTo(72 / 28, 9);
    expect(water?.daysOfCover).toBeCloseTo(24 / (72 / 28), 9);
    // 40 needed → 2 cases, but the supplier takes at least 96 → 4 cases.
    expect(water).toMatchObject({ suggestedPacks: 4, suggestedQty: 96, purchaseUnitCode: 'CS24', packFactor: 24, unitCostFen: 4800, suggestedValueFen: 19_200 });
    // By statistics (95 %) the safety stock follows the spread of daily sales instead.
    const byService = await api['replenishment.suggestions']({ warehouseId: c.warehouseId, safety: 'service', serviceLevel: '95' });
    expect(byService.rows[0]?.safetyStock).toBeGreaterThan(0);
    expect(byService.rows[0]?.safetyStock).not.toBe(18);
    // Everything, not only what needs ordering: the other products are listed with nothing to order.
    const all = await api['replenishment.suggestions']({ warehouseId: c.warehouseId, onlyNeeded: false });
    expect(all.rows.length).toBeGreaterThan(1);
    expect(all.rows.filter((r) => r.suggestedQty > 0).map((r) => r.productId)).toEqual([c.water.id]);
  });

  it('one action creates a draft purchase order per supplier in whole cases, sent through the outbox; the suggestion is then on order', async () => {
    const c = ledger.catalogue;
    await waterRunningLow();
    const before = snapshot();
    const created = await api['replenishment.createOrders']({ warehouseId: c.warehouseId, lines: [{ productId: c.water.id, supplierId: c.supplierId, packs: 4 }] });
    expect(created.orders).toHaveLength(1);
    const po = await api['purchasing.get']({ id: created.orders[0]?.id ?? '' });
    expect(po).toMatchObject({ status: 'draft', supplierId: c.supplierId, warehouseId: c.warehouseId, expectedDate: '2026-11-26', totalQty: 96, totalValueFen: 19_200 });
    expect(po.lines.map((l) => [l.unitCode, l.unitQty, l.qty])).toEqual([['CS24', 4, 96]]);
    const after = snapshot();
    expect(after.purchase_orders).toBe((before.purchase_orders ?? 0) + 1);
    const ops = ledger.app.db.$client.prepare("SELECT name FROM sync_outbox WHERE name = 'purchasing.order'").all();
    expect(ops).toHaveLength(1);
    const audit = ledger.app.db.$client.prepare("SELECT action FROM audit_log WHERE action = 'replenishment.createOrders'").all();
    expect(audit).toHaveLength(1);
    const again = await api['replenishment.suggestions']({ warehouseId: c.warehouseId });
    expect(again.rows).toEqual([]);
    const listed = await api['replenishment.suggestions']({ warehouseId: c.warehouseId, onlyNeeded: false });
    expect(listed.rows.find((r) => r.productId === c.water.id)).toMatchObject({ onOrder: 96, position: 108, suggestedQty: 0 });
  });

  it('a product the supplier does not sell is refused with its name, and no order at all is written', async () => {
    const c = ledger.catalogue;
    await waterRunningLow();
    const before = snapshot();
    const error = await refusal(
      api['replenishment.createOrders']({
        warehouseId: c.warehouseId,
        lines: [
          { productId: c.water.id, supplierId: c.supplierId, packs: 4 },
          { productId: c.tissue.id, supplierId: c.supplierId, packs: 2 },
        ],
      }),
    );
    expect(error.code).toBe('REPLENISH_NOT_SUPPLIED');
    expect(error.payload.fields?.[0]?.path).toBe('lines.1.supplierId');
    expect(snapshot()).toEqual(before);
  });

  it('the buyer’s min/max override replaces the computed levels, is audited and sent to the branch’s other PCs; min above max is refused', async () => {
    const c = ledger.catalogue;
    await waterRunningLow();
    const before = snapshot();
    await api['replenishment.setPolicies']({ warehouseId: c.warehouseId, policies: [{ productId: c.water.id, minQty: 100, maxQty: 200 }] });
    const row = (await api['replenishment.suggestions']({ warehouseId: c.warehouseId })).rows[0];
    // Position 12 ≤ 100: up to 200 → 188 → 8 cases.
    expect(row).toMatchObject({ policySource: 'override', min: 100, max: 200, overrideMin: 100, overrideMax: 200, suggestedPacks: 8, suggestedQty: 192 });
    const op = ledger.app.db.$client.prepare("SELECT args FROM sync_outbox WHERE name = 'replenishment.policies'").get() as { args: string };
    expect(JSON.parse(op.args)).toMatchObject({ policies: [{ warehouseId: c.warehouseId, productId: c.water.id, minQty: 100, maxQty: 200 }] });
    expect(ledger.count('replenishment_policies')).toBe((before.replenishment_policies ?? 0) + 1);

    const mid = snapshot();
    const error = await refusal(api['replenishment.setPolicies']({ warehouseId: c.warehouseId, policies: [{ productId: c.water.id, minQty: 300, maxQty: 200 }] }));
    expect(error.code).toBe('VALIDATION');
    expect(error.payload.fields?.[0]).toMatchObject({ path: 'policies.0.maxQty', code: 'REPLENISH_MIN_ABOVE_MAX' });
    expect(snapshot()).toEqual(mid);

    // Clearing the override goes back to the computed levels.
    await api['replenishment.setPolicies']({ warehouseId: c.warehouseId, policies: [{ productId: c.water.id, minQty: null, maxQty: null }] });
    expect((await api['replenishment.suggestions']({ warehouseId: c.warehouseId })).rows[0]).toMatchObject({ policySource: 'computed', min: 34, max: 52 });
  });

  it('stock health lists a stockout, an overstock above the buyer’s max, a slow mover and a near-expiry lot', async () => {
    const c = ledger.catalogue;
    await receive(c.yogurt.id, 'CS12', 1, 'Y1', '2026-12-05', 3600);
    await sell(c.yogurt.id, 'EA', 12, '2026-11-18');
    await receive(c.tissue.id, 'EA', 50, 'T1', undefined, 300);
    await receive(c.water.id, 'CS24', 1, 'W-SHORT', '2026-12-01', 4800);
    await api['replenishment.setPolicies']({ warehouseId: c.warehouseId, policies: [{ productId: c.tissue.id, minQty: 0, maxQty: 10 }] });
    const health = await api['stock.health']({ warehouseId: c.warehouseId, slowDays: 60, expiryDays: 30 });
    expect(health.stockout.map((r) => [r.productId, r.onHand])).toEqual([[c.yogurt.id, 0]]);
    expect(health.stockout[0]?.demandPerDay).toBeCloseTo(12 / 28, 9);
    expect(health.stockout[0]?.supplierId).toBe(null);
    expect(health.overstock.map((r) => r.productId)).toEqual([c.tissue.id]);
    expect(health.slow.map((r) => r.productId).sort()).toEqual([c.tissue.id, c.water.id].sort());
    expect(health.slow.find((r) => r.productId === c.tissue.id)).toMatchObject({ lastSaleDate: null, onHand: 50, valueFen: 15_000 });
    expect(health.nearExpiry.map((r) => [r.lotCode, r.expiryDate, r.daysToExpiry, r.onHand])).toEqual([['W-SHORT', '2026-12-01', 11, 24]]);
    expect([health.nearExpiryTotal, health.nearExpiryValueFen]).toEqual([1, health.nearExpiry[0]?.valueFen]);
    // A search narrows every list.
    const narrowed = await api['stock.health']({ warehouseId: c.warehouseId, q: 'zzz-none' });
    expect([narrowed.stockout, narrowed.overstock, narrowed.slow, narrowed.nearExpiry].map((l) => l.length)).toEqual([0, 0, 0, 0]);
  });

  it('the near-expiry list comes a page at a time, soonest first, with the count and value of the whole list', async () => {
    const c = ledger.catalogue;
    await receive(c.water.id, 'CS24', 1, 'W-B', '2026-12-03', 4800);
    await receive(c.water.id, 'CS24', 2, 'W-A', '2026-11-25', 4800);
    await receive(c.yogurt.id, 'CS12', 1, 'Y-OLD', '2026-11-10', 3600);
    await receive(c.water.id, 'CS24', 1, 'W-LATE', '2027-06-01', 4800);
    const page = (expiryOffset: number, expiryLimit: number) => api['stock.health']({ warehouseId: c.warehouseId, expiryDays: 30, expiryOffset, expiryLimit });
    const first = await page(0, 2);
    expect(first.nearExpiry.map((r) => [r.lotCode, r.daysToExpiry, r.onHand])).toEqual([['Y-OLD', -10, 12], ['W-A', 5, 48]]);
    const second = await page(2, 2);
    expect(second.nearExpiry.map((r) => r.lotCode)).toEqual(['W-B']);
    // The whole list's count and value, whichever page is read, even one past the end.
    const beyond = await page(10, 2);
    expect(beyond.nearExpiry).toEqual([]);
    const everything = [...first.nearExpiry, ...second.nearExpiry];
    for (const p of [first, second, beyond]) expect([p.nearExpiryTotal, p.nearExpiryValueFen]).toEqual([3, everything.reduce((n, r) => n + r.valueFen, 0)]);
    // 4 cases of water at 48.00 on hand, 3 of them near expiry: 144.00; the yogurt case, 36.00.
    expect(first.nearExpiryValueFen).toBe(14_400 + 3600);
    // A search narrows the count too; a page size above 1,000 is refused.
    expect((await api['stock.health']({ warehouseId: c.warehouseId, q: 'zzz-none' })).nearExpiryTotal).toBe(0);
    expect((await refusal(page(0, 1001))).code).toBe('VALIDATION');
  });

  it('supplier performance: on-time and fill rates, promised against actual lead time, and returns', async () => {
    const c = ledger.catalogue;
    const order = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }], send: true });
    // Half arrives on the day; the rest never does and is closed short.
    await api['purchasing.receive']({ id: order.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'P1', expiryDate: '2027-10-01' }] });
    await api['purchasing.close']({ id: order.id });
    const second = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }], send: true });
    await api['purchasing.receive']({ id: second.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4, lotCode: 'P2', expiryDate: '2027-10-01' }] });
    // A draft is not an order to the supplier yet.
    await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }] });
    const perf = await api['purchasing.supplierPerformance']({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(perf.rows).toHaveLength(1);
    expect(perf.rows[0]).toMatchObject({
      supplierId: c.supplierId,
      orders: 2,
      dueOrders: 2,
      onTimeOrders: 1,
      onTimeRateBp: 5000,
      orderedQty: 192,
      receivedQty: 144,
      fillRateBp: 7500,
      promisedLeadTimeTenths: 60,
      actualLeadTimeTenths: 0,
      supplierReturnQty: 0,
      customerReturnQty: 0,
      suppliedQty: 144,
    });
    const empty = await api['purchasing.supplierPerformance']({ dateFrom: '2026-10-01', dateTo: '2026-10-31' });
    expect(empty.rows).toEqual([]);
    expect((await refusal(api['purchasing.supplierPerformance']({ dateFrom: '2026-11-30', dateTo: '2026-11-01' }))).code).toBe('VALIDATION');
  });

  it('supplier performance counts lead time and the promised date from the day the order was sent, not the day it was drafted', async () => {
    const c = ledger.catalogue;
    const day = 24 * 3600 * 1000;
    // Drafted on 11-20 (promised 11-26 by the 6-day lead time), left waiting, sent on 11-23.
    const draft = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }] });
    expect(draft.expectedDate).toBe('2026-11-26');
    ledger.tick(3 * day);
    await api['purchasing.send']({ id: draft.id });
    // Arrives 6 days after it was sent: after the drafted promise, on time from the send.
    ledger.tick(6 * day);
    await api['purchasing.receive']({ id: draft.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4, lotCode: 'S1', expiryDate: '2027-10-01' }] });
    const perf = await api['purchasing.supplierPerformance']({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(perf.rows[0]).toMatchObject({ orders: 1, dueOrders: 1, onTimeOrders: 1, onTimeRateBp: 10_000, promisedLeadTimeTenths: 60, actualLeadTimeTenths: 60 });
  });

  it('supplier performance takes the orders sent in the period: one dated before it but sent in it counts, one dated in it but sent after does not', async () => {
    const c = ledger.catalogue;
    const day = 24 * 3600 * 1000;
    const line = (cases: number) => [{ productId: c.water.id, unitCode: 'CS24', qty: cases }];
    // On 11-20: one order drafted (4 cases) and left waiting, another (5 cases) sent at once.
    const waiting = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: line(4) });
    await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: line(5), send: true });
    // The draft goes out on 12-02.
    ledger.tick(12 * day);
    expect((await api['purchasing.send']({ id: waiting.id })).orderDate).toBe('2026-11-20');
    const november = await api['purchasing.supplierPerformance']({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(november.rows.map((r) => [r.orders, r.orderedQty])).toEqual([[1, 120]]);
    const december = await api['purchasing.supplierPerformance']({ dateFrom: '2026-12-01', dateTo: '2026-12-31' });
    expect(december.rows.map((r) => [r.orders, r.orderedQty, r.promisedLeadTimeTenths])).toEqual([[1, 96, 60]]);
    // A period of the single day it was sent holds it too.
    expect((await api['purchasing.supplierPerformance']({ dateFrom: '2026-12-02', dateTo: '2026-12-02' })).rows.map((r) => r.orderedQty)).toEqual([96]);
    expect((await api['purchasing.supplierPerformance']({ dateFrom: '2026-12-03', dateTo: '2026-12-31' })).rows).toEqual([]);
  });

  it('an order that arrives after the promise counted from its send is late', async () => {
    const c = ledger.catalogue;
    const day = 24 * 3600 * 1000;
    const order = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }] });
    ledger.tick(day);
    await api['purchasing.send']({ id: order.id });
    ledger.tick(7 * day);
    await api['purchasing.receive']({ id: order.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4, lotCode: 'S2', expiryDate: '2027-10-01' }] });
    const perf = await api['purchasing.supplierPerformance']({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(perf.rows[0]).toMatchObject({ dueOrders: 1, onTimeOrders: 0, onTimeRateBp: 0, promisedLeadTimeTenths: 60, actualLeadTimeTenths: 70 });
  });
});
