import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportExportJob, ReportResult } from '../../src-main/contract';
import type { ReportFilterInput, ReportId } from '../../src-main/contract/reportFilters';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { reportDefinitions } from '../../src-main/services/reports/reportDefinitions';
import { parseCsv, pdfText, xlsxAsShown } from '../helpers/exportReaders';
import { cancelWhileWriting } from '../helpers/exportJobs';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const day = 86_400_000;

/**
 * Reports against the ledger's own figures: what the stock screens, the order and the
 * receivables say must be what the reports say, through the report worker on its read-only
 * connection, and what the exported files say when a real reader opens them.
 */
describe('reports', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  let deliveryValue = 0;
  let orderNet = 0;

  const run = <R extends ReportId>(reportId: R, filters: ReportFilterInput<R>, limit?: number): Promise<ReportResult> =>
    api['reports.run']({ request: { reportId, filters } as never, ...(limit ? { limit } : {}) });

  /** Polls the export until it is no longer running (the worker answers in its own time). */
  async function finished(jobId: string): Promise<ReportExportJob> {
    for (;;) {
      const job = await api['reports.exportProgress']({ jobId });
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    // 2026-11-20: stock arrives.
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'W1', expiryDate: '2027-10-01', unitCostFen: 2400 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 4, lotCode: 'Y1', expiryDate: '2026-12-08', unitCostFen: 3600 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 50, unitCostFen: 500 },
      ],
    });
    // 2026-11-21: a second water lot at a higher cost, then an order delivered, invoiced and partly paid.
    ledger.tick(day);
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'W2', expiryDate: '2027-11-01', unitCostFen: 2640 }],
    });
    const order = await api['sales.create']({
      customerId: s.restaurant,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 6 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 10 },
      ],
      confirm: true,
    });
    await api['sales.allocate']({ id: order.id });
    const delivered = await api['sales.deliver']({ id: order.id });
    deliveryValue = delivered.deliveries.reduce((n, d) => n + d.valueFen, 0);
    orderNet = (ledger.app.db.$client.prepare('SELECT total_net_fen AS n FROM sales_orders WHERE id = ?').get(order.id) as { n: number }).n;
    await api['sales.invoice']({ id: order.id });
    await api['sales.receivePayment']({ customerId: s.restaurant, amountFen: 5_000, method: 'cash' });
    // 2026-11-22: two bottles broken.
    ledger.tick(day);
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.water.id, unitCode: 'EA', qty: -2 }] });
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  it('values stock as of today at what the stock screen shows, and as of an earlier day at what had been received by then', async () => {
    const onHand = await api['stock.onHand']({ groupBy: 'product', withTotals: true, limit: 500 });
    const today = await run('stockValuation', { asOf: '2026-11-22' });
    expect(today.totals.qty).toBe(onHand.totalQty);
    expect(today.totals.value).toBe(onHand.totalValueFen);
    for (const row of onHand.rows) {
      expect(today.rows.find((r) => r.sku === row.sku)).toMatchObject({ qty: row.qty, value: row.valueFen });
    }
    // At the end of the 20th only the first receipt was in: 120 bottles at 1.00, 48 yogurts at 3.00, 50 packs at 5.00.
    const first = await run('stockValuation', { asOf: '2026-11-20' });
    expect(first.totals).toMatchObject({ qty: 120 + 48 + 50, value: 12_000 + 14_400 + 25_000 });
    // One warehouse, one product.
    const water = await run('stockValuation', { asOf: '2026-11-22', productId: ledger.catalogue.water.id, warehouseId: ledger.catalogue.warehouseId });
    expect(water.rows).toHaveLength(1);
    expect(water.rows[0]?.qty).toBe(120 + 48 - 144 - 2);
  });

  it('closes the movement ledger at what is on hand, with each line moving the running balance', async () => {
    const c = ledger.catalogue;
    const ledgerReport = await run('movementLedger', { dateFrom: '2026-11-21', dateTo: '2026-11-22', productId: c.water.id });
    const rows = ledgerReport.rows;
    expect(rows[0]).toMatchObject({ entry: '期初结存', balanceQty: 120, balanceValue: 12_000 });
    expect(rows.at(-1)).toMatchObject({ entry: '期末结存', balanceQty: 22 });
    const onHand = await api['stock.onHand']({ productId: c.water.id, groupBy: 'product', withTotals: true });
    expect(rows.at(-1)?.balanceQty).toBe(onHand.totalQty);
    expect(rows.at(-1)?.balanceValue).toBe(onHand.totalValueFen);
    // In 48, out 144 + 2, and the balance after each line is the one before it plus the line.
    expect(ledgerReport.totals).toMatchObject({ inQty: 48, outQty: 146 });
    let balance = 120;
    for (const r of rows.slice(1, -1)) {
      balance += Number(r.inQty ?? 0) - Number(r.outQty ?? 0);
      expect(r.balanceQty).toBe(balance);
    }
    // All products: a closing line per product, summing to the valuation.
    const all = await run('movementLedger', { dateFrom: '2026-11-01', dateTo: '2026-11-22' });
    const closings = all.rows.filter((r) => r.entry === '期末结存');
    const valuation = await run('stockValuation', { asOf: '2026-11-22' });
    expect(closings.reduce((n, r) => n + Number(r.balanceValue), 0)).toBe(valuation.totals.value);
  });

  it('reports sales at the order’s net amount against the delivery’s FIFO cost, and receivables as the sales desk sees them', async () => {
    const margin = await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'customer' });
    expect(margin.rows).toHaveLength(1);
    expect(margin.rows[0]).toMatchObject({ code: 'C002', revenue: orderNet, cost: deliveryValue, margin: orderNet - deliveryValue });
    expect(margin.totals.marginRate).toBeCloseTo((orderNet - deliveryValue) / orderNet, 10);
    const byProduct = await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'product' });
    expect(byProduct.rows.map((r) => r.code).sort()).toEqual(['DRK-0001', 'HH-0001']);
    expect(byProduct.totals.revenue).toBe(orderNet);
    const outside = await run('salesMargin', { dateFrom: '2026-10-01', dateTo: '2026-10-31', groupBy: 'month' });
    expect(outside.rowCount).toBe(0);

    const receivables = await api['sales.receivables']({});
    const ageing = await run('receivablesAgeing', { asOf: '2026-11-22' });
    expect(ageing.totals.open).toBe(receivables.openFen);
    expect(ageing.totals.d0_30).toBe(receivables.ageing['0-30']);
    // On the 20th nothing had been invoiced yet.
    expect((await run('receivablesAgeing', { asOf: '2026-11-20' })).rowCount).toBe(0);

    const statement = await run('customerStatement', { dateFrom: '2026-11-01', dateTo: '2026-11-30', customerId: s.restaurant });
    expect(statement.rows[0]).toMatchObject({ entry: '期初余额', balance: 0 });
    expect(statement.rows.at(-1)).toMatchObject({ entry: '期末余额', balance: receivables.openFen });
    expect(statement.totals).toMatchObject({ credit: 5_000 });
  });

  it('ages lots, turns stock over by cost of goods sold and reads returns against deliveries', async () => {
    const ageing = await run('stockAgeing', {});
    const onHand = await api['stock.onHand']({ groupBy: 'lot', withTotals: true, limit: 500 });
    expect(ageing.totals.qty).toBe(onHand.totalQty);
    expect(ageing.totals.value).toBe(onHand.totalValueFen);
    expect(ageing.rows.find((r) => r.lot === 'Y1')).toMatchObject({ received: '2026-11-20', ageDays: 2, daysToExpiry: 16 });

    const turnover = await run('turnover', { dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(turnover.totals.cogs).toBe(deliveryValue);
    // Yogurt sold nothing and has stock: a slow mover, listed first.
    expect(turnover.rows[0]).toMatchObject({ sku: 'DRY-0001', slow: '滞销', cogs: 0 });

    const returns = await run('returnAnalysis', { dateFrom: '2026-11-01', dateTo: '2026-11-30', dimension: 'product' });
    const direct = await api['returns.analysis']({ dateFrom: '2026-11-01', dateTo: '2026-11-30', dimension: 'product' });
    expect(returns.totals.returnedQty).toBe(direct.totals.returnedQty);
    expect((await run('countVariances', { dateFrom: '2026-11-01', dateTo: '2026-11-30' })).rowCount).toBe(0);
  });

  it('takes customer returns off sales and margin: their quantity, their cost as received and the net amount credited', async () => {
    const c = ledger.catalogue;
    const delivery = (await api['returns.deliveries']({ customerId: s.restaurant })).rows[0]!;
    const water = delivery.lines.find((l) => l.productId === c.water.id)!;
    const before = await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'product' });
    const r = await api['returns.create']({
      customerId: s.restaurant,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water.deliveryLineId, productId: c.water.id, unitCode: 'EA', qty: 24, reasonCode: 'damaged', note: '' }],
    });
    const received = await api['returns.receive']({ id: r.id });
    const returnCost = received.documents.find((d) => d.docType === 'customer_return')!.valueFen;
    // Received but not yet credited: the goods and their cost are back, the revenue not yet.
    const unsettled = await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'product' });
    expect(unsettled.totals).toMatchObject({ qty: Number(before.totals.qty) - 24, revenue: before.totals.revenue, cost: Number(before.totals.cost) - returnCost });
    await api['returns.inspect']({ id: r.id, lines: [{ lineId: received.lines[0]!.id, restockQty: 24, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }] });
    await api['returns.settle']({ id: r.id, settlement: 'credit' });
    const credited = (ledger.app.db.$client.prepare('SELECT net_fen AS n FROM credit_notes WHERE return_id = ?').get(r.id) as { n: number }).n;
    expect(credited).toBeGreaterThan(0);
    const after = await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'customer' });
    expect(after.totals).toMatchObject({
      qty: Number(before.totals.qty) - 24,
      revenue: orderNet - credited,
      cost: deliveryValue - returnCost,
      margin: orderNet - credited - (deliveryValue - returnCost),
    });
    expect(after.rows).toHaveLength(1);
    const waterRow = (await run('salesMargin', { dateFrom: '2026-11-01', dateTo: '2026-11-30', groupBy: 'product', productId: c.water.id })).rows[0];
    expect(waterRow?.qty).toBe(144 - 24);
  });

  it('pages a report: the pages put together are the whole report, and the totals are the sum of every page', async () => {
    const c = ledger.catalogue;
    // More movements, so the ledger has groups with and without stock at the start.
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -3 }] });
    const cases: [ReportId, Record<string, unknown>][] = [
      ['movementLedger', { dateFrom: '2026-11-21', dateTo: '2026-11-22' }],
      ['movementLedger', { dateFrom: '2026-11-01', dateTo: '2026-11-30' }],
      ['stockAgeing', {}],
      ['stockValuation', { asOf: '2026-11-22' }],
      ['turnover', { dateFrom: '2026-11-01', dateTo: '2026-11-30' }],
    ];
    for (const [reportId, filters] of cases) {
      const whole = await run(reportId, filters as never);
      expect(whole.truncated).toBe(false);
      const pages: ReportResult[] = [];
      for (let offset = 0; offset === 0 || offset < whole.rowCount; offset += 2) {
        pages.push(await api['reports.run']({ request: { reportId, filters } as never, offset, limit: 2 }));
      }
      const rows = pages.flatMap((p) => p.rows);
      expect(rows).toEqual(whole.rows);
      expect(pages.every((p) => p.rowCount === whole.rowCount && JSON.stringify(p.totals) === JSON.stringify(whole.totals))).toBe(true);
      expect(pages.at(-1)?.truncated).toBe(false);
      if (pages.length > 1) expect(pages[0]?.truncated).toBe(true);
      for (const column of whole.columns.filter((col) => col.total)) {
        expect(whole.totals[column.key], `${reportId} ${column.key}`).toBe(rows.reduce((n, r) => n + (typeof r[column.key] === 'number' ? Number(r[column.key]) : 0), 0));
      }
    }
    // The export reads the movement ledger in one sorted query, the screen group by group: the same rows.
    const env = { db: ledger.app.db, today: '2026-11-22', timeZone: 'Asia/Shanghai', locale: 'zh-CN' as const };
    for (const [dateFrom, dateTo] of [['2026-11-21', '2026-11-22'], ['2026-11-22', '2026-11-22'], ['2026-11-01', '2026-11-30']] as const) {
      const f = { dateFrom, dateTo };
      expect([...reportDefinitions.movementLedger.rows(env, f)]).toEqual(reportDefinitions.movementLedger.page!(env, f, 0, 1000).rows);
    }
    // Sorted by a column: the pages follow the sort over every row, not only over one page.
    const sorted = await api['reports.run']({ request: { reportId: 'stockAgeing', filters: {} }, offset: 0, limit: 1, sort: { key: 'qty', desc: true } });
    const all = await run('stockAgeing', {});
    expect(sorted.rows[0]?.qty).toBe(Math.max(...all.rows.map((r) => Number(r.qty))));
  });

  it('values stock as of any day across month ends at the sum of the movements up to it', async () => {
    const c = ledger.catalogue;
    // Receipts and issues over two and a half months, so dates fall in whole and cut months.
    for (let i = 0; i < 8; i++) {
      ledger.tick(9 * day);
      await api['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: 10 + i, unitCostFen: 500 + i }] });
      await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -(i + 1) }] });
    }
    const sqlite = ledger.app.db.$client;
    // Posting left the month summaries alone; the first report sums every movement into them.
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM stock_movement_months').get() as { n: number }).n).toBe(0);
    await run('stockValuation', { asOf: '2026-11-19' });
    const drift = sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM (SELECT product_id, warehouse_id, substr(business_date, 1, 7) AS month, SUM(qty) AS q, SUM(value_fen) AS v FROM stock_movements GROUP BY 1, 2, 3) m
          FULL JOIN stock_movement_months s USING (product_id, warehouse_id, month) WHERE s.qty IS NOT m.q OR s.value_fen IS NOT m.v`,
      )
      .get() as { n: number };
    expect(drift.n).toBe(0);
    const dates = ['2026-11-19', '2026-11-30', '2026-12-01', '2026-12-09', '2026-12-24', '2026-12-31', '2027-01-02', '2027-01-17', '2027-01-31', '2027-02-10'];
    for (const asOf of dates) {
      const report = await run('stockValuation', { asOf });
      const book = sqlite.prepare('SELECT COALESCE(SUM(qty), 0) AS q, COALESCE(SUM(value_fen), 0) AS v FROM stock_movements WHERE business_date <= ?').get(asOf) as { q: number; v: number };
      expect(report.totals, asOf).toMatchObject({ qty: book.q, value: book.v });
    }
    for (const [dateFrom, dateTo] of [['2026-11-21', '2027-01-17'], ['2026-12-02', '2026-12-30'], ['2026-12-01', '2027-01-31'], ['2026-12-28', '2027-01-03']]) {
      const moved = await run('movementLedger', { dateFrom: dateFrom!, dateTo: dateTo! });
      const book = sqlite
        .prepare('SELECT COALESCE(SUM(CASE WHEN qty > 0 THEN qty END), 0) AS i, COALESCE(SUM(CASE WHEN qty < 0 THEN -qty END), 0) AS o FROM stock_movements WHERE business_date BETWEEN ? AND ?')
        .get(dateFrom, dateTo) as { i: number; o: number };
      expect(moved.totals, `${dateFrom}–${dateTo}`).toMatchObject({ inQty: book.i, outQty: book.o });
      const turnover = await run('turnover', { dateFrom: dateFrom!, dateTo: dateTo! });
      const closing = sqlite.prepare('SELECT COALESCE(SUM(value_fen), 0) AS v FROM stock_movements WHERE business_date <= ?').get(dateTo) as { v: number };
      expect(turnover.totals.closingValue).toBe(closing.v);
    }
    // Posted after those reports and dated in an earlier, summed month: the next report counts it.
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', businessDate: '2026-12-09', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -2 }] });
    const later = await run('stockValuation', { asOf: '2026-12-31' });
    const book = sqlite.prepare("SELECT SUM(qty) AS q, SUM(value_fen) AS v FROM stock_movements WHERE business_date <= '2026-12-31'").get() as { q: number; v: number };
    expect(later.totals).toMatchObject({ qty: book.q, value: book.v });
  });

  it('sums deliveries into month summaries when a report runs: later deliveries, late-dated ones and returns all count', async () => {
    const c = ledger.catalogue;
    const sqlite = ledger.app.db.$client;
    /** Each product's deliveries in the period straight from their lines, as sales and margin counts them. */
    const fromLines = (dateFrom: string, dateTo: string) =>
      sqlite
        .prepare(
          `SELECT p.sku AS code, SUM(-dl.qty) AS qty, SUM((sol.net_fen * -dl.qty * 2 + sol.qty) / (2 * sol.qty)) AS revenue, SUM(-dl.value_fen) AS cost
             FROM stock_documents d JOIN stock_document_lines dl ON dl.document_id = d.id JOIN sales_order_lines sol ON sol.id = dl.source_line_id
             JOIN products p ON p.id = dl.product_id
            WHERE d.doc_type = 'delivery' AND d.business_date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1`,
        )
        .all(dateFrom, dateTo) as { code: string; qty: number; revenue: number; cost: number }[];
    const reported = async (dateFrom: string, dateTo: string) => {
      const margin = await run('salesMargin', { dateFrom, dateTo, groupBy: 'product' });
      const returns = await run('returnAnalysis', { dateFrom, dateTo, dimension: 'product' });
      return {
        margin: margin.rows.map((r) => ({ code: r.code, qty: r.qty, revenue: r.revenue, cost: r.cost })).sort((a, b) => String(a.code).localeCompare(String(b.code))),
        delivered: returns.rows.map((r) => ({ code: r.code, qty: r.deliveredQty, cost: r.deliveredValue })).sort((a, b) => String(a.code).localeCompare(String(b.code))),
      };
    };
    const order = async (lines: { productId: string; unitCode: string; qty: number }[]) => {
      const o = await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines, confirm: true });
      await api['sales.allocate']({ id: o.id });
      return o.id;
    };
    await api['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 20, lotCode: 'W3', expiryDate: '2027-12-01', unitCostFen: 2500 }] });
    // Ordered on the 22nd, delivered later but dated the 25th: yogurt, sold on no other day.
    const lateOrder = await order([{ productId: c.yogurt.id, unitCode: 'EA', qty: 7 }]);
    // The first report sums every delivery so far.
    expect((await reported('2026-11-01', '2026-11-30')).margin).toEqual(fromLines('2026-11-01', '2026-11-30'));
    const summed = (sqlite.prepare('SELECT COUNT(*) AS n FROM sales_delivery_months').get() as { n: number }).n;
    expect(summed).toBeGreaterThan(0);
    // 2026-12-12: a delivery after that report, and the late one dated into the summed November.
    ledger.tick(20 * day);
    await api['sales.deliver']({ id: await order([{ productId: c.water.id, unitCode: 'CS24', qty: 3 }, { productId: c.tissue.id, unitCode: 'EA', qty: 5 }]) });
    await api['sales.deliver']({ id: lateOrder, businessDate: '2026-11-25' });
    // Whole months, months cut at either end (days added, or taken off the whole month), a
    // period inside one month, and one that takes the 25th–30th off November, yogurt's only sale.
    const periods = [
      ['2026-11-01', '2026-11-30'],
      ['2026-11-01', '2026-12-31'],
      ['2026-11-21', '2026-12-12'],
      ['2026-11-03', '2026-12-31'],
      ['2026-11-24', '2026-11-26'],
      ['2026-10-01', '2026-11-24'],
      ['2026-12-13', '2026-12-31'],
    ] as const;
    for (const [dateFrom, dateTo] of periods) {
      const lines = fromLines(dateFrom, dateTo);
      const { margin, delivered } = await reported(dateFrom, dateTo);
      expect(margin, `${dateFrom}–${dateTo}`).toEqual(lines);
      expect(delivered, `${dateFrom}–${dateTo}`).toEqual(lines.map((l) => ({ code: l.code, qty: l.qty, cost: l.cost })));
      // Turnover's sales and last sale in the period, from the movement summaries.
      const turnover = await run('turnover', { dateFrom, dateTo });
      const sold = turnover.rows.filter((r) => r.lastSale !== null).map((r) => ({ sku: r.sku, qty: r.soldQty, last: r.lastSale }));
      const soldDirect = sqlite
        .prepare(
          `SELECT p.sku, SUM(-m.qty) AS qty, MAX(m.business_date) AS last FROM stock_movements m JOIN products p ON p.id = m.product_id
            WHERE m.document_type = 'delivery' AND m.business_date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1`,
        )
        .all(dateFrom, dateTo);
      expect(sold.sort((a, b) => String(a.sku).localeCompare(String(b.sku))), `${dateFrom}–${dateTo}`).toEqual(soldDirect);
    }
    expect(fromLines('2026-10-01', '2026-11-24').some((l) => l.code === 'DRY-0001')).toBe(false);
    expect(fromLines('2026-11-24', '2026-11-26').map((l) => l.code)).toEqual(['DRY-0001']);
    // By customer, salesperson, region and month the same totals.
    const total = (await run('salesMargin', { dateFrom: '2026-11-03', dateTo: '2026-12-31', groupBy: 'product' })).totals;
    for (const groupBy of ['customer', 'salesperson', 'region', 'month'] as const) {
      expect((await run('salesMargin', { dateFrom: '2026-11-03', dateTo: '2026-12-31', groupBy })).totals, groupBy).toEqual(total);
    }
    // A return of December's water comes off December's sales when its goods come back.
    const delivery = (await api['returns.deliveries']({ customerId: s.restaurant })).rows.find((d) => d.businessDate === '2026-12-12')!;
    const water = delivery.lines.find((l) => l.productId === c.water.id)!;
    const r = await api['returns.create']({
      customerId: s.restaurant,
      deliveryId: delivery.deliveryId,
      lines: [{ deliveryLineId: water.deliveryLineId, productId: c.water.id, unitCode: 'EA', qty: 12, reasonCode: 'damaged', note: '' }],
    });
    await api['returns.receive']({ id: r.id });
    const december = await run('salesMargin', { dateFrom: '2026-12-01', dateTo: '2026-12-31', groupBy: 'customer' });
    expect(december.totals.qty).toBe(3 * 24 + 5 - 12);
  });

  it('refuses bad filters with field errors and people without report rights', async () => {
    const bad = await refusal(run('salesMargin', { dateFrom: '2026-11-30', dateTo: '2026-11-01', groupBy: 'customer' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.payload.fields).toEqual([expect.objectContaining({ path: 'request.filters.dateTo', code: 'DATE_RANGE_INVALID' })]);
    const unknown = await refusal(api['reports.run']({ request: { reportId: 'nope', filters: {} } as never }));
    expect(unknown.code).toBe('VALIDATION');
    const clerk = roleClient(ledger, 'clerk');
    expect((await refusal(clerk['reports.run']({ request: { reportId: 'stockAgeing', filters: {} } }))).code).toBe('FORBIDDEN');
    expect((await refusal(api['reports.exportProgress']({ jobId: '0190a000-0000-7000-8000-00000000ffff' }))).code).toBe('REPORT_JOB_UNKNOWN');
  });

  it('exports a report to .xlsx, .csv and PDF whose numbers real readers see as the report’s', async () => {
    const request = { reportId: 'stockValuation' as const, filters: { asOf: '2026-11-22' } };
    const report = await api['reports.run']({ request });
    const fileOf = (job: ReportExportJob) => {
      const dir = join(ledger.app.exportsDir, job.file!.fileId);
      return join(dir, readdirSync(dir)[0]!);
    };

    const xlsx = await finished((await api['reports.exportStart']({ request, format: 'xlsx' })).jobId);
    expect(xlsx).toMatchObject({ status: 'done', rows: report.rowCount });
    expect(xlsx.file?.fileName).toBe('库存估值（FIFO）-BJ01-2026-11-22.xlsx');
    const sheet = xlsxAsShown(ledger.dataDir, fileOf(xlsx));
    expect(sheet[0]).toEqual(['商品编码', '商品名称', '类别', '仓库', '数量', '平均成本', '金额']);
    const totalRow = sheet.at(-1)!;
    expect(totalRow[0]).toBe('合计');
    expect(Number(totalRow[4]!.replace(/,/g, ''))).toBe(report.totals.qty);
    expect(Math.round(Number(totalRow[6]!.replace(/,/g, '')) * 100)).toBe(report.totals.value);

    const csv = await finished((await api['reports.exportStart']({ request, format: 'csv' })).jobId);
    const text = readFileSync(fileOf(csv), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = parseCsv(text.slice(1));
    expect(lines.at(-1)?.[6]).toBe((Number(report.totals.value) / 100).toFixed(2));

    const pdf = await finished((await api['reports.exportStart']({ request, format: 'pdf' })).jobId);
    const pages = pdfText(fileOf(pdf)).join('\n');
    expect(pages).toContain('库存估值（FIFO）');
    expect(pages).toContain('北京一店');
    expect(pages).toMatch(new RegExp(`合计.*${(Number(report.totals.value) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`));
  });

  it('stops a cancelled export and keeps no partial file', async () => {
    // A long movement ledger: 120,000 adjustment movements of one product, written straight into the ledger
    // (long enough that the export is still writing when the cancel lands, on a fast machine too).
    const c = ledger.catalogue;
    const db = ledger.app.db.$client;
    const doc = db.prepare('SELECT document_id, lot_id, warehouse_id, branch_id FROM stock_movements WHERE product_id = ? LIMIT 1').get(c.tissue.id) as Record<string, string>;
    const insert = db.prepare(
      `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, 0, 'adjustment', ?, 'x', '2026-11-22', ?, 'h')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 120_000; i++) insert.run(`m-${i}`, doc.branch_id, doc.warehouse_id, c.tissue.id, doc.lot_id, i % 2 === 0 ? 1 : -1, doc.document_id, i);
    })();
    const request = { reportId: 'movementLedger' as const, filters: { dateFrom: '2026-11-01', dateTo: '2026-11-22' } };
    const started = await api['reports.exportStart']({ request, format: 'xlsx' });
    const job = await cancelWhileWriting({ progress: api['reports.exportProgress'], cancel: api['reports.exportCancel'] }, started.jobId);
    expect(job.status).toBe('cancelled');
    expect(job.file).toBeUndefined();
    expect(readdirSync(ledger.app.exportsDir)).toEqual([]);
  });
});
