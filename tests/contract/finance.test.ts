import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAccountMapping } from '../../src-main/core/vouchers';
import type { ExportedFile, ReportExportJob } from '../../src-main/contract';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { parseCsv, xlsxAsShown } from '../helpers/exportReaders';
import { cancelWhileWriting, exportFinished } from '../helpers/exportJobs';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

/**
 * The accountant's hand-off and the desk's figures: vouchers for every posting (sales, cost of
 * goods sold, returns and credit notes, adjustments and count variances, payments), balanced
 * one by one, in the layouts Kingdee and Yonyou imports take; the account mapping they use;
 * sales targets and attainment; the dashboard.
 */

describe('finance: vouchers, account mapping, sales targets, dashboard', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  const file = (f: { fileId: string; fileName: string }) => join(ledger.app.exportsDir, f.fileId, f.fileName);

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'L1', expiryDate: '2027-10-01', unitCostFen: 2400 },
        { productId: c.tissue.id, unitCode: 'EA', qty: 50, unitCostFen: 500 },
      ],
    });
    ledger.tick(60_000);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  /** A month of work: a sale delivered, invoiced and paid, part of it returned and credited, a loss written off, a count variance. */
  async function monthOfWork() {
    const c = ledger.catalogue;
    const order = await api['sales.create']({ customerId: s.supermarket, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2 }], confirm: true });
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    const invoiced = await api['sales.invoice']({ id: order.id });
    await api['sales.receivePayment']({ customerId: s.supermarket, amountFen: 5000, method: 'transfer', reference: 'BANK-1' });
    const delivery = (await api['returns.deliveries']({ customerId: s.supermarket })).rows[0];
    const line = delivery?.lines[0];
    const ret = await api['returns.create']({
      customerId: s.supermarket,
      deliveryId: delivery?.deliveryId ?? '',
      lines: [{ deliveryLineId: line?.deliveryLineId ?? '', productId: c.water.id, unitCode: 'EA', qty: 6, reasonCode: 'damaged', note: '' }],
    });
    const received = await api['returns.receive']({ id: ret.id });
    await api['returns.inspect']({ id: ret.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 4, quarantineQty: 0, scrapQty: 2, supplierQty: 0 }] });
    await api['returns.settle']({ id: ret.id, settlement: 'credit' });
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -3 }] });
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', productIds: [c.tissue.id], blind: false });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 45, counter: '李' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'theft_loss' });
    await api['counts.post']({ id: count.id, uncounted: 'keep' });
    const summary = invoiced.invoices[0];
    const { net_fen: netFen } = ledger.app.db.$client.prepare('SELECT net_fen FROM sales_invoices WHERE doc_no = ?').get(summary?.docNo) as { net_fen: number };
    return { invoice: { docNo: summary?.docNo ?? '', grossFen: summary?.grossFen ?? 0, netFen } };
  }

  type VoucherExport = { dateFrom: string; dateTo: string; layout: 'kingdee' | 'yonyou'; format: 'xlsx' | 'csv' };

  const voucherJobs = () => ({ progress: api['accounting.exportProgress'], cancel: api['accounting.exportCancel'] });
  const finished = (jobId: string) => exportFinished(voucherJobs(), jobId);

  /** The voucher export made in the report worker, as the screen makes it: started, then followed to its file. */
  async function exportVouchers(input: VoucherExport): Promise<ExportedFile> {
    const job = await finished((await api['accounting.exportStart'](input)).jobId);
    expect(job.status).toBe('done');
    return job.file!;
  }

  const money = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? 0 : Math.round(Number(cell.replace(/,/g, '')) * 100));

  it('exports one balanced voucher per posting in the Kingdee layout, opened with LibreOffice', async () => {
    const { invoice } = await monthOfWork();
    const exported = await exportVouchers({ dateFrom: '2026-11-01', dateTo: '2026-11-30', layout: 'kingdee', format: 'xlsx' });
    const [header, ...rows] = xlsxAsShown(ledger.dataDir, file(exported));
    expect(header).toEqual(['凭证日期', '会计年度', '会计期间', '凭证字', '凭证号', '分录序号', '摘要', '科目代码', '科目名称', '借方金额', '贷方金额', '核算项目', '原始单据号']);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const byVoucher = new Map<string, { debit: number; credit: number; accounts: string[]; docNo: string }>();
    for (const r of rows) {
      const key = `${r[col('凭证字')]}-${r[col('凭证号')]}`;
      const v = byVoucher.get(key) ?? { debit: 0, credit: 0, accounts: [], docNo: r[col('原始单据号')] ?? '' };
      v.debit += money(r[col('借方金额')]);
      v.credit += money(r[col('贷方金额')]);
      v.accounts.push(`${r[col('科目代码')]}${money(r[col('借方金额')]) ? '借' : '贷'}`);
      byVoucher.set(key, v);
    }
    // receipt, delivery (COGS), invoice, payment, return receipt, return disposition (scrap), credit note, adjustment, count.
    expect(byVoucher.size).toBe(9);
    for (const [key, v] of byVoucher) expect(v.debit, `voucher ${key} balances`).toBe(v.credit);
    expect([...byVoucher.keys()]).toEqual(Array.from({ length: 9 }, (_, i) => `记-${i + 1}`));
    const of = (docNo: string | undefined) => [...byVoucher.values()].find((v) => v.docNo === docNo);
    // The invoice: receivables debited with the gross amount, revenue and output VAT credited.
    expect(of(invoice.docNo)).toMatchObject({ accounts: ['1122借', '6001贷', '22210102贷'], debit: invoice.grossFen });
    const kinds = [...byVoucher.values()].map((v) => v.accounts.join(' '));
    expect(kinds).toEqual(
      expect.arrayContaining([
        '1405借 2202贷', // goods received against payables
        '6401借 1405贷', // cost of goods sold
        '1002借 1122贷', // the payment by transfer
        '1405借 6401贷', // returned goods back into stock at cost
        '1901借 1405贷', // scrap, the loss and the count variance
        '6001借 22210102借 1122贷', // the credit note
      ]),
    );
    // The customer is named on the receivables lines as Kingdee's auxiliary item.
    expect(rows.filter((r) => r[col('科目代码')] === '1122').every((r) => r[col('核算项目')] === '客户---C001---华润万家天河店')).toBe(true);
    expect(rows.find((r) => r[col('科目代码')] === '2202')?.[col('核算项目')]).toBe('供应商---S01---广州饮品贸易有限公司');
  });

  it('writes the vouchers in the report worker with rows written so far; a cancelled export leaves no file', async () => {
    await monthOfWork();
    // A busy year of payments by transfer, written straight into the ledger: a voucher each.
    const db = ledger.app.db.$client;
    const user = (db.prepare('SELECT id FROM users LIMIT 1').get() as { id: string }).id;
    const insert = db.prepare(
      `INSERT INTO customer_payments (id, branch_id, doc_no, customer_id, business_date, method, amount_fen, created_by, created_at, hlc)
       SELECT ?, branch_id, ?, ?, '2026-11-20', 'transfer', ?, ?, 0, 'h' FROM customer_payments LIMIT 1`,
    );
    db.transaction(() => {
      for (let i = 0; i < 30_000; i++) insert.run(`p-${i}`, `PAY-B-${i}`, s.supermarket, 100 + i, user);
    })();
    const input: VoucherExport = { dateFrom: '2026-11-01', dateTo: '2026-11-30', layout: 'kingdee', format: 'xlsx' };
    // Followed to the end: rows counted as they are written, and the file holds them all.
    const rowsSeen: number[] = [];
    const started = await api['accounting.exportStart'](input);
    expect(started).toMatchObject({ status: 'running', rows: 0 });
    let job: ReportExportJob;
    do {
      job = await api['accounting.exportProgress']({ jobId: started.jobId });
      rowsSeen.push(job.rows);
      await new Promise((r) => setTimeout(r, 5));
    } while (job.status === 'running');
    expect(job.status).toBe('done');
    expect(job.file?.rows).toBe(job.rows);
    // 30,000 payments of two entries each, and the month's own vouchers.
    expect(job.rows).toBeGreaterThan(60_000);
    expect(rowsSeen).toEqual([...rowsSeen].sort((a, b) => a - b));
    expect(readdirSync(ledger.app.exportsDir)).toEqual([job.file?.fileId]);
    // A report's methods do not follow a voucher export, nor the vouchers' a report's.
    expect((await refusal(api['reports.exportProgress']({ jobId: started.jobId }))).code).toBe('REPORT_JOB_UNKNOWN');
    expect((await refusal(api['reports.exportCancel']({ jobId: started.jobId }))).code).toBe('REPORT_JOB_UNKNOWN');

    // Cancelled once rows are being written: the job says so and its partial file is gone.
    const cancelled = await cancelWhileWriting(voucherJobs(), (await api['accounting.exportStart'](input)).jobId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.file).toBeUndefined();
    expect(readdirSync(ledger.app.exportsDir)).toEqual([job.file?.fileId]);
    expect((await refusal(api['accounting.exportProgress']({ jobId: '0190a000-0000-7000-8000-00000000ffff' }))).code).toBe('REPORT_JOB_UNKNOWN');
    // Following and cancelling need the same right as exporting.
    const clerk = roleClient(ledger, 'clerk');
    expect((await refusal(clerk['accounting.exportProgress']({ jobId: started.jobId }))).code).toBe('FORBIDDEN');
    expect((await refusal(clerk['accounting.exportCancel']({ jobId: started.jobId }))).code).toBe('FORBIDDEN');
  });

  it('uses the account mapping set in Settings; the Yonyou layout as CSV; without VAT revenue takes the gross amount', async () => {
    const { invoice } = await monthOfWork();
    expect(await api['accounting.getMapping']({})).toEqual(defaultAccountMapping);
    const mapping = {
      ...defaultAccountMapping,
      vatApplicable: false,
      voucherWord: '转',
      accounts: { ...defaultAccountMapping.accounts, salesRevenue: { code: '6001.01', name: '主营业务收入—饮料' }, bank: { code: '100201', name: '银行存款—工行' } },
    };
    expect(await api['accounting.setMapping'](mapping)).toEqual(mapping);
    const exported = await exportVouchers({ dateFrom: '2026-11-20', dateTo: '2026-11-20', layout: 'yonyou', format: 'csv' });
    const text = readFileSync(file(exported), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
    expect(header?.slice(0, 8)).toEqual(['制单日期', '凭证类别', '凭证编号', '摘要', '科目编码', '科目名称', '借方金额', '贷方金额']);
    const invoiceRows = rows.filter((r) => r[12] === invoice.docNo);
    expect(invoiceRows.map((r) => [r[1], r[4], money(r[6]), money(r[7]), r[8]])).toEqual([
      ['转', '1122', invoice.grossFen, 0, 'C001'],
      ['转', '6001.01', 0, invoice.grossFen, ''],
    ]);
    expect(rows.some((r) => r[4] === '100201')).toBe(true);
    const audit = ledger.app.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'accounting.setMapping'").get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('refuses a mapping that books two roles on one account, a malformed code, and callers without the permission; nothing is written', async () => {
    const settingsRows = () => ledger.app.db.$client.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'accountMapping'").get();
    const audits = () => ledger.count('audit_log');
    // Signed in first: a sign-in is itself audited.
    const clerk = roleClient(ledger, 'clerk');
    const before = [settingsRows(), audits()];
    const clash = { ...defaultAccountMapping, accounts: { ...defaultAccountMapping.accounts, cogs: { code: '1405', name: '库存商品' } } };
    expect((await refusal(api['accounting.setMapping'](clash))).payload).toMatchObject({
      code: 'ACCOUNT_MAPPING_CONFLICT',
      fields: [{ path: 'accounts.cogs.code', code: 'ACCOUNT_MAPPING_CONFLICT' }],
    });
    const malformed = { ...defaultAccountMapping, accounts: { ...defaultAccountMapping.accounts, cash: { code: '10O1', name: '库存现金' } } };
    expect((await refusal(api['accounting.setMapping'](malformed))).payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'accounts.cash.code', code: 'ACCOUNT_CODE_INVALID' }] });
    expect((await refusal(clerk['accounting.setMapping'](defaultAccountMapping))).payload.code).toBe('FORBIDDEN');
    expect((await refusal(clerk['accounting.exportStart']({ dateFrom: '2026-11-01', dateTo: '2026-11-30', layout: 'kingdee', format: 'xlsx' }))).payload.code).toBe('FORBIDDEN');
    expect((await refusal(clerk['targets.set']({ month: '2026-11', salesperson: '王强', targetFen: 100 }))).payload.code).toBe('FORBIDDEN');
    expect((await refusal(clerk['periods.acknowledgeLate']({ ids: ['0190a000-0000-7000-8000-000000000999'] }))).payload.code).toBe('FORBIDDEN');
    const range = await refusal(api['accounting.exportStart']({ dateFrom: '2026-11-30', dateTo: '2026-11-01', layout: 'kingdee', format: 'xlsx' }));
    expect(range.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'dateTo', code: 'DATE_RANGE_INVALID' }] });
    expect((await refusal(api['periods.acknowledgeLate']({ ids: ['0190a000-0000-7000-8000-000000000999'] }))).payload.code).toBe('NOT_FOUND');
    expect([settingsRows(), audits()]).toEqual(before);
    // An accountant may.
    const accountant = roleClient(ledger, 'accountant');
    expect(await accountant['accounting.setMapping'](defaultAccountMapping)).toEqual(defaultAccountMapping);
  });

  it("sales targets per salesperson and month: attainment is the month's net sales less returns over the target", async () => {
    const month = '2026-11';
    expect(await api['targets.list']({ month })).toEqual({ month, rows: [], totals: { targetFen: 0, actualFen: 0, attainment: null } });
    await api['targets.set']({ month, salesperson: '王强', targetFen: 20_000 });
    await api['targets.set']({ month, salesperson: '李娜', targetFen: 50_000 });
    const { invoice } = await monthOfWork();
    const credited = ledger.app.db.$client.prepare('SELECT net_fen FROM credit_notes').get() as { net_fen: number };
    const actual = invoice.netFen - credited.net_fen;
    const targets = await api['targets.list']({ month });
    expect(targets.rows).toEqual([
      { salesperson: '李娜', targetFen: 50_000, actualFen: 0, attainment: 0 },
      { salesperson: '王强', targetFen: 20_000, actualFen: actual, attainment: actual / 20_000 },
    ]);
    expect(targets.totals).toEqual({ targetFen: 70_000, actualFen: actual, attainment: actual / 70_000 });
    // Cleared with 0; the outbox carries each setting for the branch's other PCs.
    await api['targets.set']({ month, salesperson: '李娜', targetFen: 0 });
    expect((await api['targets.list']({ month })).rows.map((r) => r.salesperson)).toEqual(['王强']);
    expect(ledger.count("sync_outbox WHERE name = 'targets.set'")).toBe(3);
    expect((await refusal(api['targets.set']({ month: '2026-13', salesperson: '王强', targetFen: 1 }))).payload).toMatchObject({ fields: [{ path: 'month', code: 'MONTH_INVALID' }] });
  });

  it('the dashboard answers on an empty ledger and shows the sales, top customers and products, stock health and return rate', async () => {
    const empty = await api['dashboard.get']({});
    expect(empty).toMatchObject({ today: '2026-11-20', dateFrom: '2026-10-22', topCustomers: [], topProducts: [], returns: { salesNetFen: 0, returnsNetFen: 0, rate: null }, openLatePostings: 0 });
    expect(empty.daily).toHaveLength(30);
    expect(empty.monthly.map((m) => m.period)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(empty.stock).toMatchObject({ stockouts: empty.stock.activeProducts - 2, nearExpiryLots: 0, nearExpiryDays: 30 });

    const { invoice } = await monthOfWork();
    const credited = ledger.app.db.$client.prepare('SELECT net_fen FROM credit_notes').get() as { net_fen: number };
    const d = await api['dashboard.get']({ days: 7 });
    expect(d.daily.map((p) => p.period)).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(d.daily.at(-1)?.netFen).toBe(invoice.netFen - credited.net_fen);
    expect(d.monthly.at(-1)?.netFen).toBe(invoice.netFen - credited.net_fen);
    expect(d.topCustomers).toEqual([{ id: s.supermarket, label: '华润万家天河店', labelEn: '', netFen: invoice.netFen }]);
    expect(d.topProducts).toEqual([{ id: ledger.catalogue.water.id, label: expect.any(String), labelEn: expect.any(String), netFen: invoice.netFen }]);
    expect(d.returns).toEqual({ salesNetFen: invoice.netFen, returnsNetFen: credited.net_fen, rate: credited.net_fen / invoice.netFen });
  });
});
