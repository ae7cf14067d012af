import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { deliveredSql, returnedSql } from '../../src-main/services/returnAnalysis';
import { insertCustomerReturnFixture } from '../helpers/customerReturnFixtures';
import { refusal } from '../helpers/refusal';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const tables = ['supplier_returns', 'supplier_return_lines', 'supplier_return_events', 'stock_documents', 'stock_movements', 'cost_layers', 'audit_log', 'sync_outbox'];

describe('supplier returns (退供)', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  let otherSupplierId: string;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const lotId = (code: string) => (ledger.app.db.$client.prepare('SELECT id FROM lots WHERE lot_code = ?').get(code) as { id: string }).id;
  const lotOnHand = (code: string, warehouseId = ledger.catalogue.warehouseId) =>
    (ledger.app.db.$client.prepare('SELECT qty FROM stock_balances WHERE lot_id = ? AND warehouse_id = ?').get(lotId(code), warehouseId) as { qty: number } | undefined)?.qty ?? 0;

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    otherSupplierId = '0190d000-0000-7000-8000-000000000001';
    ledger.app.db.$client.prepare("INSERT INTO suppliers (id, code, name, hlc) VALUES (?, 'S02', '上海乳业有限公司', 'h')").run(otherSupplierId);
    // Supplier S01 delivered water in two lots at two costs (1.00 and 1.20 a bottle); S02 delivered yogurt.
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 2400 }],
    });
    ledger.tick(60_000);
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'L2', expiryDate: '2027-09-01', unitCostFen: 2880 }],
    });
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: otherSupplierId,
      lines: [{ productId: c.yogurt.id, unitCode: 'CS12', qty: 2, lotCode: 'Y1', expiryDate: '2026-12-20', unitCostFen: 3600 }],
    });
    ledger.tick(60_000);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  it('goods received from a supplier go back by lot: stock drops at FIFO cost, the supplier accepts and credits part of the claim', async () => {
    const c = ledger.catalogue;
    const candidates = await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.warehouseId });
    // Only this supplier's lots: the yogurt came from S02.
    expect(candidates.lots.map((l) => [l.lotCode, l.onHand, l.available])).toEqual([
      ['L1', 48, 48],
      ['L2', 48, 48],
    ]);
    expect(candidates.lots[0]?.units.map((u) => u.code)).toEqual(['CS24', 'EA']);
    // Average over the open layers: (4800 + 5760) / 96 = 110 fen a bottle.
    expect(candidates.lots[0]?.unitCostFen).toBe(110);

    // 1 case 6 bottles of lot L2, damaged.
    const draft = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, lotId: lotId('L2'), unitCode: 'EA', qty: 30, reasonCode: 'damaged', note: '外箱压坏' }],
    });
    expect(draft).toMatchObject({ docNo: 'BJ01-SR-2026-000001', status: 'draft', qty: 30, allowedActions: ['edit', 'send', 'cancel'] });
    // Estimated at FIFO: the oldest layer (1.00 a bottle) goes first, whichever lot is sent.
    expect(draft.lines[0]).toMatchObject({ lotCode: 'L2', expiryDate: '2027-09-01', qty: 30, valueFen: 3000, reasonCode: 'damaged' });
    expect(draft.claimFen).toBe(3000);
    expect(lotOnHand('L2')).toBe(48);

    const sent = await api['supplierReturns.send']({ id: draft.id });
    expect(sent.status).toBe('sent');
    expect(sent.document?.docNo).toBe('BJ01-RTV-2026-000001');
    expect(lotOnHand('L2')).toBe(18);
    expect(lotOnHand('L1')).toBe(48);
    const doc = await api['stock.document']({ id: sent.document?.id ?? '' });
    expect(doc).toMatchObject({ docType: 'supplier_return', totalQty: -30, totalValueFen: -3000 });
    expect(doc.lines.map((l) => [l.lotCode, l.qty, l.valueFen])).toEqual([['L2', -30, -3000]]);
    // The cost layers lost exactly the value that left.
    const layerValue = ledger.app.db.$client.prepare('SELECT SUM(value_remaining_fen) AS v FROM cost_layers WHERE product_id = ?').get(c.water.id) as { v: number };
    expect(layerValue.v).toBe(4800 + 5760 - 3000);
    expect(sent.claimFen).toBe(3000);
    expect(sent.openFen).toBe(3000);
    expect(sent.allowedActions).toEqual(['accept', 'reject']);

    const accepted = await api['supplierReturns.accept']({ id: draft.id, reference: 'RMA-2026-088' });
    expect(accepted).toMatchObject({ status: 'accepted', reference: 'RMA-2026-088', allowedActions: ['credit', 'reject'] });

    const credited = await api['supplierReturns.credit']({ id: draft.id, creditedFen: 2500, reference: 'CN-7731' });
    expect(credited).toMatchObject({ status: 'credited', claimFen: 3000, creditedFen: 2500, writtenOffFen: 500, openFen: 0, reference: 'CN-7731', allowedActions: [] });
    expect(credited.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.amountFen])).toEqual([
      ['create', null, 'draft', 3000],
      ['send', 'draft', 'sent', 3000],
      ['accept', 'sent', 'accepted', null],
      ['credit', 'accepted', 'credited', 2500],
    ]);
    // Every step went to the outbox: the return as it stood each time, and the stock issue.
    const ops = ledger.app.db.$client.prepare("SELECT name FROM sync_outbox WHERE name LIKE 'returns.%' ORDER BY seq").all() as { name: string }[];
    expect(ops.map((o) => o.name)).toEqual(['returns.supplier', 'returns.supplierSend', 'returns.supplier', 'returns.supplier', 'returns.supplier']);

    const list = await api['supplierReturns.list']({ status: 'credited' });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ docNo: 'BJ01-SR-2026-000001', supplierName: '广州饮品贸易有限公司', creditedFen: 2500, writtenOffFen: 500 });
    expect((await api['supplierReturns.list']({ status: 'draft' })).total).toBe(0);
    expect((await api['supplierReturns.list']({ dateFrom: '2026-11-21' })).total).toBe(0);
    expect((await api['supplierReturns.list']({ supplierId: otherSupplierId })).total).toBe(0);
  });

  it('a claim the clerk changed stays as set when the goods leave; a draft can be edited and cancelled', async () => {
    const c = ledger.catalogue;
    const draft = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      claimFen: 5000,
      lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'CS24', qty: 1, reasonCode: 'quality' }],
    });
    expect(draft.claimFen).toBe(5000);
    const edited = await api['supplierReturns.update']({
      id: draft.id,
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      claimFen: 4000,
      lines: [
        { productId: c.water.id, lotId: lotId('L1'), unitCode: 'CS24', qty: 1, reasonCode: 'quality' },
        { productId: c.water.id, lotId: lotId('L2'), unitCode: 'EA', qty: 4, reasonCode: 'expired' },
      ],
    });
    // 24 from the 1.00 layer, then 4 more: the rest of it (24) is still at 1.00.
    expect(edited.lines.map((l) => [l.lineNo, l.qty, l.valueFen])).toEqual([
      [1, 24, 2400],
      [2, 4, 400],
    ]);
    const sent = await api['supplierReturns.send']({ id: draft.id });
    expect(sent.claimFen).toBe(4000);
    expect(sent.valueFen).toBe(2800);

    const other = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, lotId: lotId('L2'), unitCode: 'EA', qty: 2, reasonCode: 'damaged' }],
    });
    const cancelled = await api['supplierReturns.cancel']({ id: other.id, note: '供应商不收' });
    expect(cancelled).toMatchObject({ status: 'cancelled', allowedActions: [] });
  });

  it('refuses a lot from another supplier, more than is on hand, a wrong state, a bad credit and a cancel after sending, writing nothing', async () => {
    const c = ledger.catalogue;
    const before = snapshot();
    const notTheirs = await refusal(
      api['supplierReturns.create']({
        supplierId: c.supplierId,
        warehouseId: c.warehouseId,
        lines: [
          { productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 1, reasonCode: 'damaged' },
          { productId: c.yogurt.id, lotId: lotId('Y1'), unitCode: 'EA', qty: 2, reasonCode: 'quality' },
        ],
      }),
    );
    expect(notTheirs.payload).toMatchObject({ code: 'SUPPLIER_RETURN_LOT_NOT_FROM_SUPPLIER', params: { line: 2, lot: 'Y1' }, fields: [{ path: 'lines.1.lotId' }] });
    const tooMuch = await refusal(
      api['supplierReturns.create']({
        supplierId: c.supplierId,
        warehouseId: c.warehouseId,
        lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'CS24', qty: 3, reasonCode: 'damaged' }],
      }),
    );
    expect(tooMuch.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { available: 48, requested: 72 }, fields: [{ path: 'lines.0.qty' }] });
    const badQty = await refusal(
      api['supplierReturns.create']({
        supplierId: c.supplierId,
        warehouseId: c.warehouseId,
        lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 0, reasonCode: 'damaged' }],
      }),
    );
    expect(badQty.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'lines.0.qty', code: 'POSITIVE_REQUIRED' }] });
    expect(snapshot()).toEqual(before);

    const draft = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 40, reasonCode: 'expired' }],
    });
    expect((await refusal(api['supplierReturns.accept']({ id: draft.id, reference: 'RMA-1' }))).payload).toMatchObject({
      code: 'SUPPLIER_RETURN_STATE',
      params: { status: 'draft', action: 'accept' },
    });
    // Stock taken by an adjustment after the draft was made: sending is refused and nothing moves.
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.water.id, unitCode: 'EA', qty: -10, lotId: lotId('L1') }] });
    const afterDraft = snapshot();
    expect((await refusal(api['supplierReturns.send']({ id: draft.id }))).payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { available: 38, requested: 40 } });
    expect(snapshot()).toEqual(afterDraft);

    await api['supplierReturns.update']({
      id: draft.id,
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 30, reasonCode: 'expired' }],
    });
    await api['supplierReturns.send']({ id: draft.id });
    const sent = snapshot();
    expect((await refusal(api['supplierReturns.cancel']({ id: draft.id }))).payload).toMatchObject({ code: 'SUPPLIER_RETURN_STATE', params: { status: 'sent', action: 'cancel' } });
    expect((await refusal(api['supplierReturns.credit']({ id: draft.id, creditedFen: 100 }))).payload).toMatchObject({ code: 'SUPPLIER_RETURN_STATE' });
    expect(
      (
        await refusal(
          api['supplierReturns.update']({
            id: draft.id,
            supplierId: c.supplierId,
            warehouseId: c.warehouseId,
            lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 1, reasonCode: 'expired' }],
          }),
        )
      ).payload,
    ).toMatchObject({ code: 'SUPPLIER_RETURN_STATE', params: { action: 'edit' } });
    await api['supplierReturns.accept']({ id: draft.id, reference: 'RMA-1' });
    const accepted = snapshot();
    expect((await refusal(api['supplierReturns.credit']({ id: draft.id, creditedFen: 3001 }))).payload).toMatchObject({
      code: 'SUPPLIER_RETURN_CREDIT_INVALID',
      params: { claim: 3000 },
    });
    expect(snapshot()).toEqual(accepted);
    expect(sent.stock_movements).toBe(accepted.stock_movements);
    const rejected = await api['supplierReturns.reject']({ id: draft.id, note: '超过退货期限' });
    expect(rejected).toMatchObject({ status: 'rejected', writtenOffFen: 3000, creditedFen: 0 });
  });

  it('stock held for a customer order cannot go back to the supplier', async () => {
    const c = ledger.catalogue;
    const order = await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 60, unitPriceFen: 200 }], confirm: true });
    await api['sales.allocate']({ id: order.id });
    const candidates = await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.warehouseId });
    // FEFO reserved all of L1 and 12 of L2.
    expect(candidates.lots.map((l) => [l.lotCode, l.onHand, l.reserved, l.available])).toEqual([
      ['L1', 48, 48, 0],
      ['L2', 48, 12, 36],
    ]);
    const refused = await refusal(
      api['supplierReturns.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 1, reasonCode: 'damaged' }] }),
    );
    expect(refused.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { available: 0 } });
  });

  it('inspected customer returns waiting for the supplier are offered from the returns area and never sent twice', async () => {
    const c = ledger.catalogue;
    // The returned bottles of lot L1 sit in the returns area (booked there as a receipt from the supplier's lot).
    await api['stock.receive']({
      warehouseId: c.returnsWarehouseId,
      supplierId: c.supplierId,
      lines: [{ productId: c.water.id, unitCode: 'EA', qty: 10, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 100 }],
    });
    const cr = insertCustomerReturnFixture(ledger, {
      customerId: s.supermarket,
      businessDate: '2026-11-19',
      status: 'inspected',
      lines: [{ productId: c.water.id, lotId: lotId('L1'), qty: 10, reasonCode: 'quality', costFen: 1000, supplierQty: 6 }],
    });
    // Not yet inspected: not offered.
    insertCustomerReturnFixture(ledger, {
      customerId: s.supermarket,
      businessDate: '2026-11-19',
      status: 'received',
      lines: [{ productId: c.water.id, lotId: lotId('L1'), qty: 3, reasonCode: 'quality', costFen: 300, supplierQty: 3 }],
    });
    const candidates = await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId });
    expect(candidates.awaiting.map((a) => [a.customerReturnNo, a.lotCode, a.awaitingQty, a.reasonCode, a.unitCostFen])).toEqual([[cr.docNo, 'L1', 6, 'quality', 100]]);
    const line = { productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', reasonCode: 'quality' as const, customerReturnLineId: cr.lineIds[0] ?? '' };
    const first = await api['supplierReturns.create']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId, lines: [{ ...line, qty: 4 }] });
    expect(first.lines[0]?.customerReturnNo).toBe(cr.docNo);
    const left = await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId });
    expect(left.awaiting.map((a) => a.awaitingQty)).toEqual([2]);
    const before = snapshot();
    const twice = await refusal(api['supplierReturns.create']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId, lines: [{ ...line, qty: 3 }] }));
    expect(twice.payload).toMatchObject({ code: 'SUPPLIER_RETURN_CUSTOMER_LINE', params: { available: 2 } });
    // From the main warehouse the goods are not the ones waiting.
    const elsewhere = await refusal(api['supplierReturns.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ ...line, qty: 1 }] }));
    expect(elsewhere.payload).toMatchObject({ code: 'SUPPLIER_RETURN_CUSTOMER_LINE', params: { available: 0 } });
    expect(snapshot()).toEqual(before);
    // Editing the draft may use what it already carries.
    const edited = await api['supplierReturns.update']({ id: first.id, supplierId: c.supplierId, warehouseId: c.returnsWarehouseId, lines: [{ ...line, qty: 6 }] });
    expect(edited.qty).toBe(6);
    await api['supplierReturns.send']({ id: first.id });
    expect(lotOnHand('L1', c.returnsWarehouseId)).toBe(4);
    // All six are on their way: nothing of that line waits any more.
    expect((await api['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.returnsWarehouseId })).awaiting).toEqual([]);
  });

  it('reading needs returns.read and writing returns.supplier: a sales clerk may look but not send goods back', async () => {
    const { createClient } = await import('../../src-renderer/api/createClient');
    const { signedInApi } = await import('../helpers/roleClient');
    const salesApi = signedInApi(ledger.app.db, 'sales-1', 'sales', () => Date.now());
    const desk = createClient((m, i) => salesApi.invoke(m, i));
    const c = ledger.catalogue;
    expect((await desk['supplierReturns.list']({})).total).toBe(0);
    const before = snapshot();
    const refused = await refusal(
      desk['supplierReturns.create']({ supplierId: c.supplierId, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, lotId: lotId('L1'), unitCode: 'EA', qty: 1, reasonCode: 'damaged' }] }),
    );
    expect(refused.payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'returns.supplier' } });
    expect(snapshot()).toEqual(before);
  });

  describe('return-rate analysis', () => {
    beforeEach(async () => {
      const c = ledger.catalogue;
      // Delivered in November: 48 bottles of water (lot L1, at 1.00) to the restaurant, 10 yogurts (at 3.00) to the supermarket.
      for (const [customerId, productId, qty] of [
        [s.restaurant, c.water.id, 48],
        [s.supermarket, c.yogurt.id, 10],
      ] as const) {
        const order = await api['sales.create']({ customerId, warehouseId: c.warehouseId, lines: [{ productId, unitCode: 'EA', qty, unitPriceFen: 500 }], confirm: true });
        await api['sales.allocate']({ id: order.id });
        await api['sales.deliver']({ id: order.id });
      }
      const returned = (customerId: string, businessDate: string, status: 'inspected' | 'received' | 'rejected', lines: [string, string, number, 'damaged' | 'quality' | 'expired', number][]) =>
        insertCustomerReturnFixture(ledger, { customerId, businessDate, status, lines: lines.map(([productId, lot, qty, reasonCode, costFen]) => ({ productId, lotId: lotId(lot), qty, reasonCode, costFen })) });
      returned(s.restaurant, '2026-11-20', 'inspected', [
        [c.water.id, 'L1', 6, 'damaged', 600],
        [c.water.id, 'L1', 2, 'quality', 200],
      ]);
      returned(s.supermarket, '2026-11-20', 'received', [[c.yogurt.id, 'Y1', 1, 'expired', 300]]);
      // Refused returns do not count; October is outside the November range.
      returned(s.supermarket, '2026-11-20', 'rejected', [[c.yogurt.id, 'Y1', 5, 'expired', 1500]]);
      returned(s.restaurant, '2026-10-15', 'inspected', [[c.water.id, 'L1', 3, 'damaged', 300]]);
    });
    const november = { dateFrom: '2026-11-01', dateTo: '2026-11-30' };
    const figures = (r: { returnedQty: number; returnedFen: number; deliveredQty: number; deliveredFen: number; qtyRateBp: number | null; valueRateBp: number | null }) => [
      r.returnedQty,
      r.returnedFen,
      r.deliveredQty,
      r.deliveredFen,
      r.qtyRateBp,
      r.valueRateBp,
    ];

    it('by product and by customer: returned against delivered, worst first, with totals', async () => {
      const byProduct = await api['returns.analysis']({ dimension: 'product', ...november });
      // Water 8 of 48 back (16.67 %), yogurt 1 of 10 (10 %); totals 9 of 58 (15.52 %) and 11.00 of 78.00 (14.10 %).
      expect(byProduct.rows.map((r) => [r.detail, ...figures(r)])).toEqual([
        ['DRK-0001', 8, 800, 48, 4800, 1667, 1667],
        ['DRY-0001', 1, 300, 10, 3000, 1000, 1000],
      ]);
      expect(figures(byProduct.totals)).toEqual([9, 1100, 58, 7800, 1552, 1410]);
      expect(byProduct.rows[0]).toMatchObject({ label: '农夫山泉饮用天然水550ml', labelEn: 'Nongfu Spring Water 550ml' });
      const byCustomer = await api['returns.analysis']({ dimension: 'customer', ...november });
      expect(byCustomer.rows.map((r) => [r.label, ...figures(r)])).toEqual([
        ['老广茶餐厅', 8, 800, 48, 4800, 1667, 1667],
        ['华润万家天河店', 1, 300, 10, 3000, 1000, 1000],
      ]);
    });

    it('by supplier (the lot’s receiving supplier), by reason against all deliveries, and by month', async () => {
      const bySupplier = await api['returns.analysis']({ dimension: 'supplier', ...november });
      expect(bySupplier.rows.map((r) => [r.detail, ...figures(r)])).toEqual([
        ['S01', 8, 800, 48, 4800, 1667, 1667],
        ['S02', 1, 300, 10, 3000, 1000, 1000],
      ]);
      const byReason = await api['returns.analysis']({ dimension: 'reason', ...november });
      expect(byReason.rows.map((r) => [r.key, ...figures(r)])).toEqual([
        ['damaged', 6, 600, 58, 7800, 1034, 769],
        ['expired', 1, 300, 58, 7800, 172, 385],
        ['quality', 2, 200, 58, 7800, 345, 256],
      ]);
      const byMonth = await api['returns.analysis']({ dimension: 'month', dateFrom: '2026-10-01', dateTo: '2026-11-30' });
      expect(byMonth.rows.map((r) => [r.key, ...figures(r)])).toEqual([
        ['2026-10', 3, 300, 0, 0, null, null],
        ['2026-11', 9, 1100, 58, 7800, 1552, 1410],
      ]);
      const refused = await refusal(api['returns.analysis']({ dimension: 'month', dateFrom: '2026-11-30', dateTo: '2026-11-01' }));
      expect(refused.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'dateTo', code: 'DATE_RANGE_INVALID' }] });
    });

    it('reads deliveries by type and date and lots’ suppliers through their indexes, not by scanning the ledger', () => {
      const plan = (source: string) =>
        (ledger.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all('2026-11-01', '2026-11-30') as { detail: string }[]).map((r) => r.detail).join('\n');
      // The lot's documents are read by id: on a large ledger with statistics, SQLite once chose to walk
      // every receipt by the supplier index for each delivery line instead (bench/returns.ts).
      const delivered = plan(deliveredSql('supplier'));
      expect(delivered).toContain('stock_documents_type_date');
      expect(delivered).toContain('stock_document_lines_lot');
      expect(delivered).toMatch(/SEARCH d2 USING INDEX sqlite_autoindex_stock_documents_1 \(id=\?\)/);
      expect(delivered).not.toMatch(/SCAN (d|stock_documents)\b/);
      expect(plan(returnedSql('product'))).toContain('customer_returns_date');
    });
  });
});
