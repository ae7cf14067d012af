import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { createClient } from '../../src-renderer/api/createClient';
import { signedInApi } from '../helpers/roleClient';
import { refusal } from '../helpers/refusal';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const tables = [
  'purchase_orders',
  'purchase_order_lines',
  'purchase_order_events',
  'stock_documents',
  'stock_document_lines',
  'stock_movements',
  'stock_balances',
  'cost_layers',
  'lots',
  'audit_log',
  'sync_outbox',
];

describe('purchase orders and receiving against them', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const onHand = async (productId: string) => (await api['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    const c = ledger.catalogue;
    const db = ledger.app.db.$client;
    const hlc = '000000000000000-00000-test';
    db.prepare('UPDATE suppliers SET lead_time_days = 4 WHERE id = ?').run(c.supplierId);
    // Head office's terms: water in cases of 24 at 48.00, at least 4 cases, 6 days; tissue has no terms.
    db.prepare(
      `INSERT INTO supplier_products (id, supplier_id, product_id, supplier_item_code, purchase_unit_code, min_order_qty, lead_time_days, last_cost_fen, preferred, active, hlc)
       VALUES ('0190c000-0000-7000-8000-000000000001', ?, ?, 'NF-550', 'CS24', 96, 6, 4800, 1, 1, ?)`,
    ).run(c.supplierId, c.water.id, hlc);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  async function sentOrder() {
    const c = ledger.catalogue;
    return api['purchasing.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 4 },
        { productId: c.tissue.id, unitCode: 'CS10', qty: 5, unitCostFen: 5000 },
      ],
      send: true,
    });
  }

  it("shows a supplier's terms: case pack, MOQ, lead time and last cost", async () => {
    const c = ledger.catalogue;
    const suppliers = await api['purchasing.suppliers']({});
    expect(suppliers).toEqual([expect.objectContaining({ id: c.supplierId, leadTimeDays: 4, productCount: 1 })]);
    const page = await api['purchasing.supplierProducts']({ supplierId: c.supplierId });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ productId: c.water.id, supplierItemCode: 'NF-550', purchaseUnitCode: 'CS24', packFactor: 24, minOrderQty: 96, leadTimeDays: 6, lastCostFen: 4800 });
    // Without terms: the product's own units, the supplier's lead time, no cost known yet.
    const tissue = await api['purchasing.productTerms']({ supplierId: c.supplierId, productId: c.tissue.id });
    expect(tissue).toMatchObject({ supplierItemCode: null, purchaseUnitCode: 'EA', packFactor: 1, minOrderQty: 0, leadTimeDays: 4, lastCostFen: null });
  });

  it('orders, sends, receives part (partly received, stock and FIFO layers at the order cost), then the rest (received)', async () => {
    const c = ledger.catalogue;
    const draft = await api['purchasing.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 4 },
        { productId: c.tissue.id, unitCode: 'CS10', qty: 5, unitCostFen: 5000 },
      ],
    });
    expect(draft).toMatchObject({ status: 'draft', orderDate: '2026-11-20', expectedDate: '2026-11-26', totalQty: 146, totalValueFen: 4 * 4800 + 5 * 5000 });
    expect(draft.docNo).toMatch(/-PO-2026-000001$/);
    expect(draft.allowedActions).toEqual(['edit', 'send', 'cancel']);
    const sent = await api['purchasing.send']({ id: draft.id });
    expect(sent.status).toBe('sent');

    // 2 cases of water and 3 cases 5 packs of tissue arrive.
    const first = await api['purchasing.receive']({
      id: draft.id,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'L1', expiryDate: '2027-10-01' },
        { productId: c.tissue.id, unitCode: 'EA', qty: 35 },
      ],
    });
    expect(first.order.status).toBe('partly_received');
    expect(first.receipt.docType).toBe('receipt');
    expect(first.flags.map((f) => [f.kind, f.lineNo])).toEqual([
      ['under', 1],
      ['under', 2],
    ]);
    expect(first.order.lines.map((l) => [l.qty, l.received, l.open])).toEqual([
      [96, 48, 48],
      [50, 35, 15],
    ]);
    expect(await onHand(c.water.id)).toBe(48);
    expect(await onHand(c.tissue.id)).toBe(35);
    // The receipt names its order and lines, carries the supplier, and opened FIFO layers at the order's cost.
    const db = ledger.app.db.$client;
    const doc = db.prepare('SELECT supplier_id, source_id FROM stock_documents WHERE id = ?').get(first.receipt.id) as { supplier_id: string; source_id: string };
    expect(doc).toEqual({ supplier_id: c.supplierId, source_id: draft.id });
    const layers = db.prepare('SELECT product_id, qty_remaining, value_remaining_fen FROM cost_layers ORDER BY product_id').all() as {
      product_id: string;
      qty_remaining: number;
      value_remaining_fen: number;
    }[];
    // Per base unit: a bottle of water at 48.00 / 24, a pack of tissue at 50.00 / 10.
    expect(layers.map((l) => [l.product_id, l.qty_remaining, l.value_remaining_fen / l.qty_remaining])).toEqual(
      [
        [c.water.id, 48, 200],
        [c.tissue.id, 35, 500],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(first.receipt.totalValueFen).toBe(2 * 4800 + 35 * 500);

    const second = await api['purchasing.receive']({
      id: draft.id,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'L1', expiryDate: '2027-10-01' },
        { productId: c.tissue.id, unitCode: 'EA', qty: 15 },
      ],
    });
    expect(second.flags).toEqual([]);
    expect(second.order.status).toBe('received');
    expect(second.order.allowedActions).toEqual([]);
    expect(second.order.receipts.map((r) => r.docNo)).toEqual([first.receipt.docNo, second.receipt.docNo]);
    expect(second.order.events.map((e) => [e.action, e.toStatus])).toEqual([
      ['create', 'draft'],
      ['send', 'sent'],
      ['receive', 'partly_received'],
      ['receive', 'received'],
    ]);
    expect(await onHand(c.water.id)).toBe(96);
    // The order and each receipt went to the outbox.
    const ops = db.prepare("SELECT name FROM sync_outbox WHERE name LIKE 'purchasing.%' ORDER BY seq").all() as { name: string }[];
    expect(ops.map((o) => o.name)).toEqual(['purchasing.order', 'purchasing.order', 'purchasing.receive', 'purchasing.order', 'purchasing.receive', 'purchasing.order']);

    const list = await api['purchasing.list']({ status: 'received', supplierId: c.supplierId });
    expect(list.rows.map((r) => [r.docNo, r.receivedQty])).toEqual([[draft.docNo, 146]]);
    expect((await api['purchasing.list']({ status: 'open' })).total).toBe(0);
  });

  it('closes the rest short: the order is closed, what came stays', async () => {
    const c = ledger.catalogue;
    const po = await sentOrder();
    await api['purchasing.receive']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-10-01' }] });
    const closed = await api['purchasing.close']({ id: po.id, note: 'supplier out of stock' });
    expect(closed.status).toBe('closed');
    expect(closed.lines.map((l) => [l.received, l.closed, l.open])).toEqual([
      [24, 72, 0],
      [0, 50, 0],
    ]);
    expect(await onHand(c.water.id)).toBe(24);
    const before = snapshot();
    const e = await refusal(api['purchasing.receive']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-10-01' }] }));
    expect(e.code).toBe('PURCHASE_STATE');
    expect(snapshot()).toEqual(before);
  });

  it('refuses receiving on a draft, over-receipt without confirmation, a missing lot, a product not on the order, and cancelling a sent order — writing nothing', async () => {
    const c = ledger.catalogue;
    const draft = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }] });
    let before = snapshot();
    expect((await refusal(api['purchasing.receive']({ id: draft.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-10-01' }] }))).code).toBe('PURCHASE_STATE');
    expect(snapshot()).toEqual(before);

    const po = await sentOrder();
    before = snapshot();
    const over = await refusal(api['purchasing.receive']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'L1', expiryDate: '2027-10-01' }] }));
    expect(over.code).toBe('PURCHASE_OVER_RECEIPT');
    expect(over.payload.params).toMatchObject({ line: 1, open: 96, incoming: 120 });
    const noLot = await refusal(api['purchasing.receive']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1 }] }));
    expect(noLot.code).toBe('LOT_REQUIRED');
    const notOnOrder = await refusal(api['purchasing.receive']({ id: po.id, lines: [{ productId: c.yogurt.id, unitCode: 'CS12', qty: 1, lotCode: 'Y', expiryDate: '2026-12-10' }] }));
    expect(notOnOrder.code).toBe('PURCHASE_NOT_ON_ORDER');
    expect(notOnOrder.payload.fields).toEqual([{ path: 'lines.0.productId', code: 'PURCHASE_NOT_ON_ORDER' }]);
    expect((await refusal(api['purchasing.cancel']({ id: po.id }))).code).toBe('PURCHASE_STATE');
    expect((await refusal(api['purchasing.update']({ id: po.id, supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 1 }] }))).code).toBe(
      'PURCHASE_STATE',
    );
    expect(snapshot()).toEqual(before);

    // Confirmed, the over-receipt posts, flagged.
    const check = await api['purchasing.checkReceipt']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'L1', expiryDate: '2027-10-01' }] });
    expect(check.needsConfirmation).toEqual({ over: true, shortDated: false });
    const done = await api['purchasing.receive']({ id: po.id, allowOver: true, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'L1', expiryDate: '2027-10-01' }] });
    expect(done.flags[0]).toMatchObject({ kind: 'over', lineNo: 1, difference: 24, needsConfirmation: true });
    expect(done.order.lines[0]).toMatchObject({ received: 120, open: 0 });
    expect(done.order.status).toBe('partly_received');
  });

  it('flags short-dated goods against a third of the shelf life and takes them only when confirmed', async () => {
    const c = ledger.catalogue;
    const po = await sentOrder();
    // Water keeps 365 days; 100 days left at receipt is less than 122.
    const lines = [{ productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'OLD', expiryDate: '2027-02-28' }];
    const check = await api['purchasing.checkReceipt']({ id: po.id, lines });
    expect(check.flags).toContainEqual(expect.objectContaining({ kind: 'short_dated', lineNo: 1, lotCode: 'OLD', remainingDays: 100, minDays: 122 }));
    expect(check.needsConfirmation.shortDated).toBe(true);
    const before = snapshot();
    expect((await refusal(api['purchasing.receive']({ id: po.id, lines }))).code).toBe('PURCHASE_SHORT_DATED');
    expect(snapshot()).toEqual(before);
    const done = await api['purchasing.receive']({ id: po.id, lines, allowShortDated: true });
    expect(done.flags.map((f) => f.kind)).toContain('short_dated');
    expect(await onHand(c.water.id)).toBe(24);
    // The branch may set a lower minimum.
    await api['settings.update']({ minReceiptShelfLifePermille: 200 });
    expect((await api['purchasing.checkReceipt']({ id: po.id, lines })).needsConfirmation.shortDated).toBe(false);
  });

  it('a reversed receipt no longer counts as received; a draft is edited and cancelled', async () => {
    const c = ledger.catalogue;
    const po = await sentOrder();
    const got = await api['purchasing.receive']({ id: po.id, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4, lotCode: 'L1', expiryDate: '2027-10-01' }] });
    expect(got.order.lines[0]?.received).toBe(96);
    await api['stock.reverse']({ documentId: got.receipt.id, note: 'wrong order' });
    const after = await api['purchasing.get']({ id: po.id });
    expect(after.lines[0]).toMatchObject({ received: 0, open: 96 });
    expect(after.receipts[0]?.reversed).toBe(true);

    const draft = await api['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, expectedDate: '2026-12-01', lines: [{ productId: c.water.id, unitCode: 'EA', qty: 30 }] });
    // A bottle costs its share of the supplier's case cost.
    expect(draft.lines[0]).toMatchObject({ unitCostFen: 200, valueFen: 6000 });
    const edited = await api['purchasing.update']({ id: draft.id, supplierId: c.supplierId, warehouseId: c.warehouseId, note: 'two cases', lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2 }] });
    expect(edited).toMatchObject({ totalQty: 48, totalValueFen: 9600, note: 'two cases', expectedDate: '2026-11-26' });
    const cancelled = await api['purchasing.cancel']({ id: draft.id, note: 'not needed' });
    expect(cancelled.status).toBe('cancelled');

  });

  it('a clerk receives against an order but cannot order; an accountant only reads', async () => {
    const c = ledger.catalogue;
    const po = await sentOrder();
    const as = (role: 'clerk' | 'accountant') => {
      const api_ = signedInApi(ledger.app.db, `${role}-1`, role);
      return createClient((m, i) => api_.invoke(m, i));
    };
    const clerk = as('clerk');
    const accountant = as('accountant');
    const before = snapshot();
    const refused = await refusal(clerk['purchasing.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 4 }] }));
    expect(refused.payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'purchasing.order' } });
    expect((await refusal(accountant['purchasing.receive']({ id: po.id, lines: [{ productId: c.tissue.id, unitCode: 'CS10', qty: 1 }] }))).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
    expect((await accountant['purchasing.get']({ id: po.id })).status).toBe('sent');
    const got = await clerk['purchasing.receive']({ id: po.id, lines: [{ productId: c.tissue.id, unitCode: 'CS10', qty: 5 }] });
    expect(got.order.lines[1]).toMatchObject({ received: 50, open: 0 });
  });
});
