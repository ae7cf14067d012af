import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, testNow, type TestLedger } from '../helpers/testLedger';

const tables = [
  'customer_returns',
  'customer_return_lines',
  'customer_return_events',
  'credit_notes',
  'credit_note_allocations',
  'lots',
  'stock_documents',
  'stock_movements',
  'stock_balances',
  'cost_layers',
  'audit_log',
  'sync_outbox',
];

describe('customer returns (退货)', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  let now = testNow;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const stock = async (warehouseId: string, productId: string) => {
    const rows = (await api['stock.onHand']({ warehouseId, productId, groupBy: 'lot' })).rows;
    return rows.map((r) => ({ lot: r.lotCode, qty: r.qty, valueFen: r.valueFen }));
  };
  const receivable = async (customerId: string) => (await api['customers.get']({ id: customerId })).credit?.receivableFen ?? Number.NaN;

  /** An order for the key supermarket: 2 cases of water and a case of yogurt (earning 2 free cartons), delivered and invoiced. */
  async function deliveredOrder(invoice = true) {
    const c = ledger.catalogue;
    const order = await api['sales.create']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 1 },
      ],
      confirm: true,
    });
    await api['sales.allocate']({ id: order.id });
    const delivered = await api['sales.deliver']({ id: order.id });
    if (invoice) await api['sales.invoice']({ id: order.id });
    const deliveries = await api['returns.deliveries']({ customerId: s.supermarket });
    const delivery = deliveries.rows.find((d) => d.docNo === delivered.deliveries.at(-1)?.docNo);
    if (!delivery) throw new Error('delivery not listed');
    return { order, delivery };
  }

  beforeEach(async () => {
    now = testNow;
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'SHORT', expiryDate: '2027-03-01', unitCostFen: 2400 },
        { productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'LONG', expiryDate: '2027-10-01', unitCostFen: 2640 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 4, lotCode: 'Y1', expiryDate: '2026-12-08', unitCostFen: 3600 },
      ],
    });
    ledger.tick(60_000);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  it('takes back part of a delivery: into the returns area at the original cost, restocked in the same lot at the same cost, scrap written off, receivables credited', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    expect(water).toMatchObject({ lotCode: 'LONG', delivered: 48, returned: 0, returnable: 48, free: false, netPerBaseFen: 190 });
    expect(delivery.withinWindow).toBe(true);
    const receivableBefore = await receivable(s.supermarket);
    expect(receivableBefore).toBe(17086);

    const draft = {
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 10, reasonCode: 'damaged' as const, note: '外箱压坏' }],
    };
    const preview = await api['returns.preview'](draft);
    // 10 of 48 bottles: 91.20 × 10/48 = 19.00 net, 11.86 × 10/48 = 2.47 tax.
    expect(preview.totals).toEqual({ netFen: 1900, taxFen: 247, grossFen: 2147, freeGoodsDeductionFen: 0, creditFen: 2147, qty: 10 });
    expect(preview.approvalReasons).toEqual([]);
    expect(preview.lines[0]).toMatchObject({ lotCode: 'LONG', returnable: 48, unitPriceFen: 190 });

    const created = await api['returns.create'](draft);
    expect(created).toMatchObject({ docNo: 'BJ01-CR-2026-000001', status: 'approved', allowedActions: ['cancel', 'receive'] });
    expect((await api['returns.deliveries']({ customerId: s.supermarket })).rows[0]?.lines.find((l) => l.productId === c.water.id)).toMatchObject({ returned: 10, returnable: 38 });

    // Delivered water left at FIFO cost 1.00 a bottle (the older layer): it comes back at that cost.
    const received = await api['returns.receive']({ id: created.id });
    expect(received.status).toBe('received');
    expect(received.documents).toEqual([expect.objectContaining({ docType: 'customer_return', docNo: 'BJ01-RTN-2026-000001', qty: 10, valueFen: 1000 })]);
    expect(await stock(c.returnsWarehouseId, c.water.id)).toEqual([{ lot: 'LONG', qty: 10, valueFen: 1000 }]);

    const wrongSum = await refusal(api['returns.inspect']({ id: created.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 6, quarantineQty: 0, scrapQty: 3, supplierQty: 0 }] }));
    expect(wrongSum.payload).toMatchObject({ code: 'RETURN_DISPOSITION_SUM', fields: [{ path: 'lines.0.restockQty' }] });

    const mainBefore = await stock(c.warehouseId, c.water.id);
    const inspected = await api['returns.inspect']({ id: created.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 6, quarantineQty: 1, scrapQty: 2, supplierQty: 1 }] });
    expect(inspected.status).toBe('inspected');
    expect(inspected.lines[0]).toMatchObject({ restockQty: 6, quarantineQty: 1, scrapQty: 2, supplierQty: 1 });
    // Quarantined and awaiting-supplier goods stay in the returns area at their cost.
    expect(await stock(c.returnsWarehouseId, c.water.id)).toEqual([{ lot: 'LONG', qty: 2, valueFen: 200 }]);
    const mainAfter = await stock(c.warehouseId, c.water.id);
    const long = (rows: typeof mainAfter) => rows.find((r) => r.lot === 'LONG') ?? { qty: 0, valueFen: 0 };
    expect(long(mainAfter).qty - long(mainBefore).qty).toBe(6);
    const disposition = inspected.documents.find((d) => d.docType === 'return_disposition');
    // Restocked at the cost it came back with: 6 bottles at 1.00 into the main warehouse's LONG lot.
    const moves = ledger.app.db.$client
      .prepare('SELECT w.kind, t.lot_code AS lot, m.qty, m.value_fen AS valueFen FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id JOIN lots t ON t.id = m.lot_id WHERE m.document_id = ? ORDER BY m.rowid')
      .all(disposition?.id);
    expect(moves).toEqual([
      { kind: 'returns', lot: 'LONG', qty: -6, valueFen: -600 },
      { kind: 'main', lot: 'LONG', qty: 6, valueFen: 600 },
      { kind: 'returns', lot: 'LONG', qty: -2, valueFen: -200 },
    ]);
    // Out: 6 restocked + 2 scrapped from RET; in: 6 into main. Net −2 bottles, −2.00 written off.
    expect(disposition).toMatchObject({ qty: -2, valueFen: -200 });

    const settled = await api['returns.settle']({ id: created.id, settlement: 'credit' });
    expect(settled.status).toBe('settled');
    expect(settled.creditNote).toMatchObject({ docNo: 'BJ01-CN-2026-000001', settlement: 'credit', grossFen: 2147, unappliedFen: 0 });
    expect(settled.creditNote?.applied).toEqual([expect.objectContaining({ amountFen: 2147 })]);
    expect(await receivable(s.supermarket)).toBe(receivableBefore - 2147);
    // The customer's history lists the credit note beside invoices and payments.
    expect((await api['customers.get']({ id: s.supermarket })).creditNotes).toEqual([
      expect.objectContaining({ docNo: 'BJ01-CN-2026-000001', returnNo: created.docNo, settlement: 'credit', grossFen: 2147, unappliedFen: 0 }),
    ]);
    const open = await api['sales.receivables']({ customerId: s.supermarket });
    expect(open.openFen).toBe(receivableBefore - 2147);
    expect(settled.events.map((e) => e.action)).toEqual(['create', 'receive', 'inspect', 'settle']);
    const ops = (ledger.app.db.$client.prepare("SELECT name FROM sync_outbox WHERE name LIKE 'returns.%' ORDER BY seq").all() as { name: string }[]).map((r) => r.name);
    expect(ops).toEqual(['returns.customer', 'returns.receive', 'returns.customer', 'returns.inspect', 'returns.customer', 'returns.creditNote', 'returns.customer']);
  });

  it('goods inspection sends to the supplier go back on a supplier return from the returns area at their cost, once; a locked period refuses the send', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    const created = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 4, reasonCode: 'quality', note: '异味' }],
    });
    const received = await api['returns.receive']({ id: created.id });
    await api['returns.inspect']({ id: created.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 0, quarantineQty: 0, scrapQty: 0, supplierQty: 4 }] });

    const candidates = await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId });
    expect(candidates.awaiting).toEqual([expect.objectContaining({ customerReturnNo: created.docNo, lotCode: 'LONG', awaitingQty: 4, reasonCode: 'quality' })]);
    const awaiting = candidates.awaiting[0];
    const draft = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.returnsWarehouseId,
      lines: [
        { productId: c.water.id, lotId: awaiting?.lotId ?? '', unitCode: 'EA', qty: 4, reasonCode: 'quality', customerReturnLineId: awaiting?.customerReturnLineId ?? '' },
      ],
    });
    // Once on a supplier return (a draft included), the goods are no longer offered.
    expect((await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId })).awaiting).toEqual([]);

    // The books are closed through today: sending is refused and nothing moves.
    await api['periods.lock']({ lockedThrough: (await api['periods.get']({})).today });
    const before = snapshot();
    const locked = await refusal(api['supplierReturns.send']({ id: draft.id }));
    expect(locked.payload).toMatchObject({ code: 'PERIOD_LOCKED' });
    expect(snapshot()).toEqual(before);
    expect(await stock(c.returnsWarehouseId, c.water.id)).toEqual([{ lot: 'LONG', qty: 4, valueFen: 400 }]);
  });

  it("an order's detail reads what came back of each line through the return lines' order-line index, not by scanning them", () => {
    const plan = (
      ledger.app.db.$client
        .prepare(
          `EXPLAIN QUERY PLAN SELECT SUM(rl.qty) FROM customer_return_lines rl JOIN customer_returns r ON r.id = rl.return_id
            WHERE rl.order_line_id = ? AND r.status IN (SELECT value FROM json_each(?))`,
        )
        .all('x', '[]') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain('customer_return_lines_order_line');
    expect(plan).not.toMatch(/SCAN rl\b/);
  });

  it('deducts free goods the kept goods no longer earn; a returned free line credits nothing', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const paid = delivery.lines.find((l) => l.productId === c.yogurt.id && !l.free);
    const gift = delivery.lines.find((l) => l.productId === c.yogurt.id && l.free);
    expect(gift).toMatchObject({ delivered: 2, netPerBaseFen: 0 });
    // The whole case back, the 2 free cartons kept: they are charged at 5.00 net a carton.
    const kept = await api['returns.preview']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: paid?.deliveryLineId ?? '', productId: c.yogurt.id, unitCode: 'CS12', qty: 1, reasonCode: 'quality', note: '' }],
    });
    expect(kept.totals).toEqual({ netFen: 6000, taxFen: 780, grossFen: 6780, freeGoodsDeductionFen: 1130, creditFen: 5650, qty: 12 });
    // Brought back with them: nothing is deducted, and the free cartons credit 0.
    const both = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [
        { deliveryLineId: paid?.deliveryLineId ?? '', productId: c.yogurt.id, unitCode: 'CS12', qty: 1, reasonCode: 'quality', note: '' },
        { deliveryLineId: gift?.deliveryLineId ?? '', productId: c.yogurt.id, unitCode: 'EA', qty: 2, reasonCode: 'quality', note: '' },
      ],
    });
    expect(both.totals).toMatchObject({ grossFen: 6780, freeGoodsDeductionFen: 0, creditFen: 6780 });
    expect(both.lines[1]).toMatchObject({ free: true, grossFen: 0 });
  });

  it('credits only what was billed: goods returned before invoicing are never invoiced, and the return settles with no credit note', async () => {
    const c = ledger.catalogue;
    const { order, delivery } = await deliveredOrder(false);
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    const r = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 24, reasonCode: 'over_ordered', note: '' }],
    });
    await api['returns.receive']({ id: r.id });
    const invoiced = await api['sales.invoice']({ id: order.id });
    // 24 of 48 water bottles billed (45.60 net) plus the yogurt (60.00 net), 13 % VAT each.
    expect(invoiced.invoices[0]?.grossFen).toBe(4560 + 593 + 6000 + 780);
    expect(invoiced.status).toBe('invoiced');
    await api['returns.inspect']({ id: r.id, lines: [{ lineId: r.lines[0]?.id ?? '', restockQty: 24, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }] });
    const before = await receivable(s.supermarket);
    const settled = await api['returns.settle']({ id: r.id, settlement: 'credit' });
    expect(settled).toMatchObject({ status: 'settled', creditNote: null });
    expect(await receivable(s.supermarket)).toBe(before);
  });

  it('a refund is paid out and leaves receivables as they were', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    const r = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 10, reasonCode: 'wrong_item', note: '' }],
    });
    await api['returns.receive']({ id: r.id });
    await api['returns.inspect']({ id: r.id, lines: [{ lineId: r.lines[0]?.id ?? '', restockQty: 10, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }] });
    const before = await receivable(s.supermarket);
    expect((await refusal(api['returns.settle']({ id: r.id, settlement: 'refund' }))).payload.code).toBe('RETURN_REFUND_METHOD');
    const settled = await api['returns.settle']({ id: r.id, settlement: 'refund', refundMethod: 'cash' });
    expect(settled.creditNote).toMatchObject({ settlement: 'refund', refundMethod: 'cash', grossFen: 2147, applied: [] });
    expect(await receivable(s.supermarket)).toBe(before);
  });

  it('refuses bad returns outright and writes nothing: over-return, a lot the delivery did not issue, a closed period, an unknown unit, the wrong state', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    const line = { deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 10, reasonCode: 'damaged' as const, note: '' };
    const draft = (l: Partial<typeof line> & { lotId?: string | null }) => ({ customerId: s.supermarket, deliveryId: delivery.deliveryId, lines: [{ ...line, ...l }] });
    const shortLot = (ledger.app.db.$client.prepare("SELECT id FROM lots WHERE lot_code = 'SHORT'").get() as { id: string }).id;
    const before = snapshot();

    const tooMuch = await refusal(api['returns.create'](draft({ unitCode: 'CS24', qty: 3 })));
    expect(tooMuch.payload).toMatchObject({ code: 'RETURN_TOO_MUCH', params: { returnable: 48, requested: 72 }, fields: [{ path: 'lines.0.qty', params: { line: 1, returnable: 48, requested: 72 } }] });
    // Two lines of the same delivery line together are more than was delivered.
    const together = await refusal(api['returns.create']({ ...draft({}), lines: [{ ...line, qty: 40 }, { ...line, qty: 9 }] }));
    expect(together.payload).toMatchObject({ code: 'RETURN_TOO_MUCH', fields: [{ path: 'lines.1.qty' }] });
    const wrongLot = await refusal(api['returns.create'](draft({ lotId: shortLot })));
    expect(wrongLot.payload).toMatchObject({ code: 'RETURN_LOT_NOT_DELIVERED', params: { lot: 'SHORT' }, fields: [{ path: 'lines.0.lotId' }] });
    const unit = await refusal(api['returns.create'](draft({ unitCode: 'PALLET' })));
    expect(unit.payload).toMatchObject({ code: 'UNIT_UNKNOWN', fields: [{ path: 'lines.0.unitCode' }] });
    const zero = await refusal(api['returns.create'](draft({ qty: 0 })));
    expect(zero.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'lines.0.qty', code: 'POSITIVE_REQUIRED' }] });
    const otherProduct = await refusal(api['returns.create'](draft({ productId: c.tissue.id })));
    expect(otherProduct.payload.code).toBe('RETURN_LINE_NOT_DELIVERED');
    expect(snapshot()).toEqual(before);

    const r = await api['returns.create'](draft({ lotId: null }));
    expect(r.lines[0]).toMatchObject({ lotId: null });
    const afterCreate = snapshot();
    const wrongState = await refusal(api['returns.inspect']({ id: r.id, lines: [{ lineId: r.lines[0]?.id ?? '', restockQty: 10, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }] }));
    expect(wrongState.payload).toMatchObject({ code: 'RETURN_STATE', params: { status: 'approved', action: 'inspect' } });
    expect((await refusal(api['returns.settle']({ id: r.id, settlement: 'credit' }))).payload.code).toBe('RETURN_STATE');
    expect(snapshot()).toEqual(afterCreate);

    // An unknown lot comes into a lot of its own that can never be restocked.
    const received = await api['returns.receive']({ id: r.id });
    expect(await stock(c.returnsWarehouseId, c.water.id)).toEqual([{ lot: 'RETURN-UNKNOWN', qty: 10, valueFen: 1000 }]);
    const afterReceive = snapshot();
    const restockUnknown = await refusal(api['returns.inspect']({ id: r.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 10, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }] }));
    expect(restockUnknown.payload).toMatchObject({ code: 'RETURN_RESTOCK_UNKNOWN_LOT', fields: [{ path: 'lines.0.restockQty' }] });
    expect(snapshot()).toEqual(afterReceive);

    await api['periods.lock']({ lockedThrough: '2026-11-20' });
    const locked = snapshot();
    const closed = await refusal(api['returns.create'](draft({ qty: 1 })));
    expect(closed.payload).toMatchObject({ code: 'PERIOD_LOCKED' });
    expect((await refusal(api['returns.inspect']({ id: r.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 0, quarantineQty: 0, scrapQty: 10, supplierQty: 0 }] }))).payload.code).toBe('PERIOD_LOCKED');
    expect(snapshot()).toEqual(locked);
  });

  it('outside the return window or without a delivery a return waits for a manager; a clerk cannot receive it before', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    ledger.app.db.$client.prepare("INSERT INTO return_windows (id, customer_class, category_id, window_days, hlc) VALUES ('0190c000-0000-7000-8000-000000000001', NULL, NULL, 7, 'h')").run();
    ledger.tick(10 * 86_400_000);
    now = testNow + 10 * 86_400_000;
    const listed = (await api['returns.deliveries']({ customerId: s.supermarket })).rows[0];
    expect(listed).toMatchObject({ windowDays: 7, withinWindow: false });
    const water = listed?.lines.find((l) => l.productId === c.water.id);
    const r = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 5, reasonCode: 'expired', note: '' }],
    });
    expect(r).toMatchObject({ status: 'pending_approval', approvalReasons: [{ code: 'outside_window', lineNo: 1, windowDays: 7, days: 10 }] });

    const clerk = roleClient(ledger, 'clerk', () => now);
    const before = snapshot();
    const early = await refusal(clerk['returns.receive']({ id: r.id }));
    expect(early.payload).toMatchObject({ code: 'RETURN_NEEDS_APPROVAL', params: { docNo: r.docNo } });
    expect((await refusal(clerk['returns.approve']({ id: r.id }))).payload.code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);

    const manager = roleClient(ledger, 'manager', () => now);
    const approved = await manager['returns.approve']({ id: r.id, note: '老客户，同意' });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'manager user' });
    expect((await clerk['returns.receive']({ id: r.id })).status).toBe('received');

    // Without a delivery: priced from the customer's last price, always for a manager.
    const loose = await api['returns.create']({ customerId: s.supermarket, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1, reasonCode: 'damaged', note: '' }] });
    expect(loose).toMatchObject({ status: 'pending_approval', approvalReasons: [{ code: 'no_delivery' }], deliveryId: null });
    expect(loose.lines[0]).toMatchObject({ unitPriceFen: 4560, netFen: 4560, lotId: null });
    const rejected = await manager['returns.reject']({ id: loose.id, note: '没有送货记录' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.allowedActions).toEqual([]);
  });

  it('finds every customer who received a lot and starts approved recall returns for what they still hold', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 8, reasonCode: 'damaged', note: '' }],
    });
    const lookup = await api['returns.recallLookup']({ productId: c.water.id, lotCode: 'LONG' });
    expect(lookup.holders).toEqual([expect.objectContaining({ customerId: s.supermarket, deliveryNo: delivery.docNo, delivered: 48, returned: 8, returnable: 40 })]);
    expect((await api['returns.recallLookup']({ productId: c.water.id, lotCode: 'NOPE' })).lot).toBeNull();

    const started = await api['returns.startRecall']({ productId: c.water.id, lotCode: 'LONG', note: '质量召回' });
    expect(started.returns).toHaveLength(1);
    const recall = await api['returns.get']({ id: started.returns[0]?.id ?? '' });
    expect(recall).toMatchObject({ status: 'approved', recall: true, recallLotCode: 'LONG', approvalReasons: [] });
    expect(recall.lines).toEqual([expect.objectContaining({ qty: 40, reasonCode: 'recall', lotCode: 'LONG' })]);
    const nothing = snapshot();
    expect((await refusal(api['returns.startRecall']({ productId: c.water.id, lotCode: 'LONG', note: '' }))).payload.code).toBe('RECALL_NOTHING');
    expect(snapshot()).toEqual(nothing);
  });

  it('lists returns by status, customer and date', async () => {
    const c = ledger.catalogue;
    const { delivery } = await deliveredOrder();
    const water = delivery.lines.find((l) => l.productId === c.water.id);
    const r = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 2, reasonCode: 'damaged', note: '' }],
    });
    expect(await api['returns.list']({ status: 'approved' })).toMatchObject({ total: 1, rows: [{ id: r.id, deliveryNo: delivery.docNo, lineCount: 1 }] });
    expect((await api['returns.list']({ status: 'settled' })).total).toBe(0);
    expect((await api['returns.list']({ customerId: s.restaurant })).total).toBe(0);
    expect((await api['returns.list']({ from: '2026-11-21' })).total).toBe(0);
    expect((await api['returns.list']({ q: 'CR-2026' })).total).toBe(1);
  });
});
