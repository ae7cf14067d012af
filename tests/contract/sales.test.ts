import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const tables = [
  'sales_orders',
  'sales_order_lines',
  'sales_allocations',
  'sales_order_events',
  'sales_invoices',
  'sales_invoice_lines',
  'customer_payments',
  'payment_allocations',
  'stock_documents',
  'stock_movements',
  'stock_balances',
  'audit_log',
  'sync_outbox',
];

describe('sales orders', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const onHand = async (productId: string) => (await api['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    // Water: a short-dated lot (expires in ~3 months) and a long one; yogurt fresh; tissue.
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'SHORT', expiryDate: '2027-03-01', unitCostFen: 2400 },
        { productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'LONG', expiryDate: '2027-10-01', unitCostFen: 2640 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 4, lotCode: 'Y1', expiryDate: '2026-12-08', unitCostFen: 3600 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 50, unitCostFen: 500 },
      ],
    });
    ledger.tick(60_000);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  it('takes an order from quote to payment: customer prices, free goods, FEFO within the shelf-life rule, stock and receivables change', async () => {
    const c = ledger.catalogue;
    const terms = await api['sales.productTerms']({ customerId: s.supermarket, productId: c.water.id, warehouseId: c.warehouseId });
    // Key-account list prices the bottle; the case has no KA price, so it is 24 KA bottles.
    expect(terms.units.find((u) => u.unitCode === 'EA')).toMatchObject({ priceFen: 190, source: 'list' });
    expect(terms.units.find((u) => u.unitCode === 'CS24')).toMatchObject({ priceFen: 4560, source: 'list' });
    // 168 on hand, but only the long lot (120) has two thirds of its shelf life left.
    expect(terms).toMatchObject({ onHand: 168, reserved: 0, available: 168, availableForCustomer: 120, lastPrice: null });

    const preview = await api['sales.preview']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 1 },
      ],
    });
    // The yogurt case earns two free cartons, as a line of its own after the ordered ones.
    expect(preview.lines.map((l) => [l.lineNo, l.sku, l.qty, l.free, l.unitPriceFen, l.parentLineNo])).toEqual([
      [1, 'DRK-0001', 48, false, 4560, null],
      [2, 'DRY-0001', 12, false, 6000, null],
      [3, 'DRY-0001', 2, true, 0, 2],
    ]);
    // Each line names its base unit, so what is reserved or delivered reads in packs and bottles.
    expect(preview.lines.map((l) => [l.unitCode, l.baseUnitCode, l.baseUnitNameZh])).toEqual([
      ['CS24', 'EA', '瓶'],
      ['CS12', 'EA', expect.any(String)],
      ['EA', 'EA', expect.any(String)],
    ]);
    // 91.20 + 60.00 net, 13 % VAT per line.
    expect(preview.totals).toEqual({ netFen: 15120, taxFen: 1966, grossFen: 17086, qty: 62 });
    expect(preview.approvalReasons).toEqual([]);
    expect(preview.shortages).toEqual([]);

    const order = await api['sales.create']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 1 },
      ],
      confirm: true,
    });
    expect(order.docNo).toBe('BJ01-SO-2026-000001');
    expect(order.status).toBe('confirmed');
    expect(order.allowedActions).toEqual(expect.arrayContaining(['allocate', 'amend', 'cancel']));

    const allocated = await api['sales.allocate']({ id: order.id });
    expect(allocated.status).toBe('allocated');
    // The short lot is not offered to this customer: all 48 bottles come from LONG.
    expect(allocated.allocations.filter((a) => a.lineId === allocated.lines[0]?.id).map((a) => [a.lotCode, a.qty])).toEqual([['LONG', 48]]);
    const reservedTerms = await api['sales.productTerms']({ customerId: s.restaurant, productId: c.water.id, warehouseId: c.warehouseId });
    expect(reservedTerms).toMatchObject({ onHand: 168, reserved: 48, available: 120 });

    const delivered = await api['sales.deliver']({ id: order.id });
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveries).toHaveLength(1);
    expect(delivered.deliveries[0]?.docNo).toBe('BJ01-DN-2026-000001');
    expect(delivered.lines.map((l) => l.delivered)).toEqual([48, 12, 2]);
    expect(delivered.lines[0]).toMatchObject({ baseUnitCode: 'EA', baseUnitNameZh: '瓶' });
    expect(await onHand(c.water.id)).toBe(120);
    expect(await onHand(c.yogurt.id)).toBe(34);
    // The delivery is a stock document valued at FIFO cost across the product's layers: the
    // first received (2400 a case = 1.00 a bottle) goes first, whichever lot is picked.
    expect(delivered.deliveries[0]?.valueFen).toBe(48 * 100 + 14 * 300);

    const invoiced = await api['sales.invoice']({ id: order.id });
    expect(invoiced.status).toBe('invoiced');
    expect(invoiced.invoices).toHaveLength(1);
    expect(invoiced.invoices[0]).toMatchObject({ docNo: 'BJ01-INV-2026-000001', grossFen: 17086, openFen: 17086, dueDate: '2026-12-20' });
    const customer = await api['customers.get']({ id: s.supermarket });
    expect(customer.credit).toMatchObject({ receivableFen: 17086, openOrdersFen: 0 });

    const paid = await api['sales.receivePayment']({ customerId: s.supermarket, amountFen: 10_000, method: 'transfer', reference: 'BANK-1' });
    expect(paid.applied).toEqual([{ invoiceId: invoiced.invoices[0]?.id, docNo: 'BJ01-INV-2026-000001', amountFen: 10_000 }]);
    expect((await api['sales.get']({ id: order.id })).status).toBe('invoiced');
    await api['sales.receivePayment']({ customerId: s.supermarket, amountFen: 7086, method: 'cash' });
    const done = await api['sales.get']({ id: order.id });
    expect(done.status).toBe('paid');
    expect(done.events.map((e) => e.action)).toEqual(['create', 'confirm', 'allocate', 'deliver', 'invoice', 'pay']);
    expect((await api['sales.receivables']({ customerId: s.supermarket })).openFen).toBe(0);

    // The next order shows the price this customer last paid.
    const again = await api['sales.productTerms']({ customerId: s.supermarket, productId: c.water.id, warehouseId: c.warehouseId });
    expect(again.lastPrice).toMatchObject({ unitCode: 'CS24', unitPriceFen: 4560, docNo: 'BJ01-SO-2026-000001' });
  });

  it('sends an order over the credit limit or below the price floor to a manager, who approves or rejects it', async () => {
    const c = ledger.catalogue;
    // 1,000 yuan limit: 6 cases of water at 45.60 + tax is 309.17 — fine; 100 packs of tissue more is over.
    const over = await api['sales.create']({
      customerId: s.restaurant,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 6 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 50, unitPriceFen: 1500 },
      ],
      confirm: true,
    });
    expect(over.status).toBe('pending_approval');
    expect(over.approvalReasons).toEqual([{ code: 'CREDIT_LIMIT', limitFen: 100_000, exposureFen: over.totals.grossFen }]);
    expect(over.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject']));
    const before = snapshot();
    expect((await refusal(api['sales.allocate']({ id: over.id }))).code).toBe('SALES_STATE');
    expect(snapshot()).toEqual(before);

    const rejected = await api['sales.reject']({ id: over.id, note: '先结清上月货款' });
    expect(rejected.status).toBe('quote');
    const reconfirmed = await api['sales.confirm']({ id: over.id });
    expect(reconfirmed.status).toBe('pending_approval');
    const approved = await api['sales.approve']({ id: over.id, note: '老客户，月底付款' });
    expect(approved.status).toBe('confirmed');
    expect(approved.approvedBy).not.toBeNull();

    // 1.40 a bottle is under the 1.50 floor; 12 % off list is over the 10 % a salesperson may give.
    const cheap = await api['sales.preview']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'EA', qty: 10, unitPriceFen: 140 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 10, discountBp: 1200 },
      ],
    });
    expect(cheap.approvalReasons).toEqual([
      { code: 'PRICE_BELOW_FLOOR', lineNo: 1, priceFen: 140, floorFen: 150 },
      { code: 'DISCOUNT_LARGE', lineNo: 1, discountBp: 2632, maxBp: 1000 },
      { code: 'DISCOUNT_LARGE', lineNo: 2, discountBp: 1200, maxBp: 1000 },
    ]);
  });

  it('delivers part of an order, leaves the rest as a backorder, and closes it short', async () => {
    const c = ledger.catalogue;
    // 200 bottles wanted by the restaurant (no shelf-life rule): 168 on hand.
    const order = await api['sales.create']({
      customerId: s.restaurant,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, unitCode: 'EA', qty: 200, unitPriceFen: 150 }],
      confirm: true,
    });
    expect(order.status).toBe('pending_approval');
    await api['sales.approve']({ id: order.id });
    const allocated = await api['sales.allocate']({ id: order.id });
    // First expiry first out: the short lot goes first.
    expect(allocated.allocations.map((a) => [a.lotCode, a.qty])).toEqual([
      ['SHORT', 48],
      ['LONG', 120],
    ]);
    expect(allocated.lines[0]).toMatchObject({ allocated: 168, delivered: 0 });
    const line = allocated.lines[0]?.id ?? '';
    const before = snapshot();
    const tooMuch = await refusal(api['sales.deliver']({ id: order.id, lines: [{ lineId: line, qty: 169 }] }));
    expect(tooMuch.code).toBe('SALES_DELIVER_TOO_MUCH');
    expect(snapshot()).toEqual(before);

    const part = await api['sales.deliver']({ id: order.id, lines: [{ lineId: line, qty: 100 }] });
    expect(part.status).toBe('partly_delivered');
    expect(part.lines[0]).toMatchObject({ allocated: 68, delivered: 100 });
    expect((await refusal(api['sales.cancel']({ id: order.id }))).code).toBe('SALES_STATE');
    const closed = await api['sales.close']({ id: order.id, note: '客户不要了' });
    expect(closed.lines[0]).toMatchObject({ allocated: 0, delivered: 100, closed: 100 });
    expect(closed.status).toBe('closed');
    expect((await api['sales.productTerms']({ customerId: s.restaurant, productId: c.water.id, warehouseId: c.warehouseId })).reserved).toBe(0);
    const invoiced = await api['sales.invoice']({ id: order.id });
    // Only what left the warehouse is invoiced: 100 × 1.50 + 13 %.
    expect(invoiced.invoices[0]).toMatchObject({ grossFen: 16950 });
    expect(invoiced.status).toBe('invoiced');
  });

  it('amends an order before delivery, releasing its reservation, and cancels one', async () => {
    const c = ledger.catalogue;
    const order = await api['sales.create']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1 }],
      confirm: true,
    });
    await api['sales.allocate']({ id: order.id });
    const amended = await api['sales.amend']({
      id: order.id,
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 3 }],
    });
    expect(amended.status).toBe('confirmed');
    expect(amended.allocations).toEqual([]);
    expect(amended.lines[0]?.qty).toBe(72);
    await api['sales.allocate']({ id: order.id });
    const cancelled = await api['sales.cancel']({ id: order.id, note: '重复下单' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.allowedActions).toEqual([]);
    expect((await api['sales.productTerms']({ customerId: s.supermarket, productId: c.water.id, warehouseId: c.warehouseId })).reserved).toBe(0);
  });

  it('refuses bad input and actions the state does not allow, writing nothing', async () => {
    const c = ledger.catalogue;
    const before = snapshot();
    expect((await refusal(api['sales.create']({ customerId: s.inactive, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 1 }] }))).code).toBe(
      'CUSTOMER_INACTIVE',
    );
    expect((await refusal(api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.retired.id, unitCode: 'EA', qty: 1 }] }))).code).toBe(
      'PRODUCT_INACTIVE',
    );
    const noUnit = await refusal(api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'KEG', qty: 1 }] }));
    expect(noUnit.payload.fields).toEqual([{ path: 'lines.0.unitCode', code: 'UNIT_UNKNOWN', params: { unit: 'KEG' } }]);
    // Yogurt has no key-account price, but the standard list has one; a product on no list needs a typed price.
    const db = ledger.app.db.$client;
    db.prepare('DELETE FROM price_list_items WHERE product_id = ?').run(c.tissue.id);
    const noPrice = await refusal(api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: 1 }] }));
    expect(noPrice.code).toBe('PRICE_MISSING');
    const invalid = await refusal(api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 0 }] }));
    expect(invalid.code).toBe('VALIDATION');
    expect((await refusal(api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [] }))).code).toBe('VALIDATION');
    expect(snapshot()).toEqual(before);

    const quote = await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 5 }] });
    expect(quote.status).toBe('quote');
    const afterQuote = snapshot();
    expect((await refusal(api['sales.deliver']({ id: quote.id }))).code).toBe('SALES_STATE');
    expect((await refusal(api['sales.invoice']({ id: quote.id }))).code).toBe('SALES_STATE');
    expect((await refusal(api['sales.approve']({ id: quote.id }))).code).toBe('SALES_STATE');
    const payTooMuch = await refusal(api['sales.receivePayment']({ customerId: s.restaurant, amountFen: 100, method: 'cash', invoiceIds: [quote.id] }));
    expect(payTooMuch.code).toBe('INVOICE_NOT_OPEN');
    expect(snapshot()).toEqual(afterQuote);
  });

  it('writes each step to the audit trail and the outbox in the same transaction', async () => {
    const c = ledger.catalogue;
    const outbox = () => ledger.app.db.$client.prepare("SELECT name FROM sync_outbox WHERE name LIKE 'sales.%' ORDER BY seq").all() as { name: string }[];
    const order = await api['sales.create']({ customerId: s.supermarket, warehouseId: c.warehouseId, lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: 5 }], confirm: true });
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    await api['sales.invoice']({ id: order.id });
    await api['sales.receivePayment']({ customerId: s.supermarket, amountFen: 4520, method: 'cash' });
    expect(outbox().map((o) => o.name)).toEqual([
      'sales.order',
      'sales.order',
      'sales.deliver',
      'sales.order',
      'sales.invoice',
      'sales.order',
      'sales.payment',
      'sales.order',
    ]);
    const audit = ledger.app.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'sales.%' ORDER BY rowid").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['sales.create', 'sales.confirm', 'sales.allocate', 'sales.deliver', 'sales.deliver', 'sales.invoice', 'sales.invoice', 'sales.receivePayment', 'sales.pay']);
  });
});
