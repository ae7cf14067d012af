import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createHlcClock } from '../../src-main/core/hlc';
import { createUuidV7Generator } from '../../src-main/core/ids';
import { applyPulledBatch } from '../../src-main/services/applyPulled';
import { addDays } from '../../src-main/core/businessDate';
import { xlsxAsShown } from '../helpers/exportReaders';
import { createTestLedger } from '../helpers/testLedger';
import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { FinancePage } from './pages/FinancePages';

/** A demo branch with a sale delivered, invoiced and paid by transfer today, for 王强's customer. */
async function branchWithSales(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const { today } = await call<{ today: string }>(app, 'app.info', {});
  const warehouseId = (await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {})).find((w) => w.kind === 'main')?.id ?? '';
  const customers = (await call<{ rows: { id: string; name: string; active: boolean }[] }>(app, 'customers.list', { limit: 50 })).rows.filter((c) => c.active);
  const products = (await call<{ rows: { id: string; nameZh: string }[] }>(app, 'products.list', { q: '农夫山泉', limit: 2 })).rows;
  let salesperson = '';
  for (const [i, customer] of customers.slice(0, 2).entries()) {
    const product = products[i % products.length];
    if (!product) throw new Error('demo without products');
    await call(app, 'stock.receive', { warehouseId, lines: [{ productId: product.id, unitCode: 'EA', qty: 100, lotCode: `E2E-${i}`, expiryDate: '2028-01-01', unitCostFen: 100 }] });
    let order = await call<{ id: string; status: string; salesperson: string; totalGrossFen: number }>(app, 'sales.create', {
      customerId: customer.id,
      warehouseId,
      lines: [{ productId: product.id, unitCode: 'EA', qty: 20 + i * 10 }],
      confirm: true,
    });
    if (order.status === 'pending_approval') order = await call(app, 'sales.approve', { id: order.id });
    salesperson ||= order.salesperson;
    await call(app, 'sales.allocate', { id: order.id });
    await call(app, 'sales.deliver', { id: order.id });
    await call(app, 'sales.invoice', { id: order.id });
    if (i === 0) await call(app, 'sales.receivePayment', { customerId: customer.id, amountFen: 1000, method: 'transfer', reference: 'E2E' });
  }
  return { today, warehouseId, salesperson };
}

test('the dashboard of a branch with no sales says so, and shows stock health', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const shell = new AppShell(page);
  await shell.open(app.url, '/dashboard');
  await expect(page.getByText('还没有销售数据')).toBeVisible();
  await expect(page.getByTestId('stat-active')).not.toHaveText('0');
  await expect(page.getByTestId('stat-return-rate')).toHaveText('—');
  await expect(page.getByTestId('dashboard-targets')).toContainText('本月还没有目标或销售。');
  await page.screenshot({ path: 'test-results/dashboard-empty.png', fullPage: true });
});

test('the dashboard draws the sales trend and rankings; targets set on the accounting screen show attainment there', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const { salesperson } = await branchWithSales(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/finance?tab=targets');
  const finance = new FinancePage(page);
  await finance.setTarget(salesperson, '100');
  const row = page.getByTestId('target-row').filter({ hasText: salesperson });
  await expect(row.getByTestId('attainment')).toHaveText(/%$/);
  const attainment = await row.getByTestId('attainment').textContent();

  await shell.go('/dashboard');
  const daily = page.getByTestId('chart-daily');
  await expect(daily.locator('svg[role="img"]')).toBeVisible();
  await expect(daily.locator('svg title').first()).toHaveText('每日销售');
  // The last day (today) carries the sales; the hidden table reads the same figures to a screen reader.
  await expect(daily.locator('g[data-value]').last()).not.toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('chart-customers').locator('g[data-value]')).toHaveCount(2);
  await expect(page.getByTestId('chart-products').locator('g[data-value]')).not.toHaveCount(0);
  await expect(page.getByTestId('dashboard-targets').getByTestId('target-row').filter({ hasText: salesperson }).getByTestId('attainment')).toHaveText(attainment ?? '');
  // Nothing overflows the 1024 px window.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
  await shell.switchLanguage('EN');
  await expect(daily.locator('svg title').first()).toHaveText('Daily sales');
  await page.screenshot({ path: 'test-results/dashboard-en.png', fullPage: true });
});

test('an account set in Settings is used by the voucher export; the .xlsx opens in LibreOffice and every voucher balances', async ({ page, app }) => {
  await branchWithSales(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/settings');
  await page.getByTestId('account-bank-code').fill('1002O1');
  await page.getByTestId('save-mapping').click();
  await expect(page.getByTestId('account-mapping')).toContainText('科目代码为数字');
  await page.getByTestId('account-bank-code').fill('100201');
  await page.getByTestId('save-mapping').click();
  await expect(page.getByText('科目映射已保存')).toBeVisible();
  await page.screenshot({ path: 'test-results/account-mapping.png', fullPage: true });

  await shell.go('/finance?tab=vouchers');
  const finance = new FinancePage(page);
  const download = await finance.exportVouchers('xlsx');
  expect(download.suggestedFilename()).toMatch(/^金蝶凭证-BJ01-.*\.xlsx$/);
  const [header, ...rows] = xlsxAsShown(app.dataDir, await download.path());
  const col = (name: string) => header?.indexOf(name) ?? -1;
  const money = (cell: string | undefined) => (cell ? Math.round(Number(cell.replace(/,/g, '')) * 100) : 0);
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = r[col('凭证号')] ?? '';
    sums.set(key, (sums.get(key) ?? 0) + money(r[col('借方金额')]) - money(r[col('贷方金额')]));
  }
  expect(sums.size).toBeGreaterThan(4);
  for (const [number, difference] of sums) expect(difference, `voucher 记-${number} balances`).toBe(0);
  expect(rows.some((r) => r[col('科目代码')] === '100201')).toBe(true);
  await page.screenshot({ path: 'test-results/vouchers.png', fullPage: true });
});

test('a large voucher export shows the rows written beside the button and can be cancelled, in Chinese and English; nothing is kept', async ({ page, app }) => {
  // Large on purpose: the export must still be running when it is cancelled, on a quiet machine too
  // (with 150,000 payments the faster .csv export was once over before the click, in CI).
  test.setTimeout(180_000);
  const { today } = await branchWithSales(app);
  // A busy year of payments by transfer, written straight into the ledger: a voucher of two entries each.
  const db = app.ledger.db.$client;
  const insert = db.prepare(
    `INSERT INTO customer_payments (id, branch_id, doc_no, customer_id, business_date, method, amount_fen, created_by, created_at, hlc)
     SELECT ?, branch_id, ?, customer_id, ?, 'transfer', ?, created_by, created_at, hlc FROM customer_payments LIMIT 1`,
  );
  db.transaction(() => {
    for (let i = 0; i < 400_000; i++) insert.run(`e2e-pay-${i}`, `PAY-E2E-${i}`, today, 100 + i);
  })();
  await page.setViewportSize({ width: 1024, height: 768 });
  const shell = new AppShell(page);
  await shell.open(app.url, '/finance?tab=vouchers');
  const finance = new FinancePage(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));

  await finance.startVoucherExport('xlsx');
  const progress = page.getByTestId('export-vouchers-progress');
  await expect(progress).toContainText(/已写入 [1-9][\d,]* 行/, { timeout: 60_000 });
  // The count and the Cancel button fit the 1024 px window beside the form.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: 'test-results/vouchers-progress.png', fullPage: true });
  await page.getByTestId('export-vouchers-cancel').click();
  await expect(page.getByText('导出已取消，未保留文件。')).toBeVisible();
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('export-vouchers')).toBeEnabled();
  expect(readdirSync(app.ledger.exportsDir)).toEqual([]);

  await shell.switchLanguage('EN');
  await finance.startVoucherExport('csv');
  await expect(progress).toContainText(/[1-9][\d,]* rows written/, { timeout: 60_000 });
  await expect(page.getByTestId('export-vouchers-cancel')).toHaveText('Cancel export');
  await page.screenshot({ path: 'test-results/vouchers-progress-en.png', fullPage: true });
  await page.getByTestId('export-vouchers-cancel').click();
  await expect(page.getByText('Export cancelled; no file was kept.')).toBeVisible();
  await expect(progress).toBeHidden();
  expect(readdirSync(app.ledger.exportsDir)).toEqual([]);
  expect(downloads).toBe(0);
});

test('a document from another PC dated in a closed period is listed as a late posting and acknowledged', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const { today } = await call<{ today: string }>(app, 'app.info', {});
  const warehouseId = (await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {})).find((w) => w.kind === 'main')?.id ?? '';
  const productId = (await call<{ rows: { id: string }[] }>(app, 'products.list', { q: '农夫山泉', limit: 1 })).rows[0]?.id ?? '';
  const monthEnd = addDays(today, -1);
  // The other PC posted a receipt yesterday while offline; this PC closed yesterday before it synced.
  const other = await createTestLedger();
  let docNo = '';
  try {
    other.tick(Date.parse(`${today}T04:00:00Z`) - Date.parse('2026-11-20T02:00:00Z'));
    // Another PC of the branch numbers its documents with its terminal letter (BJ01B-GR-…).
    other.app.db.$client.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)').run('terminalCode', JSON.stringify('B'));
    const receipt = await other.client['stock.receive']({ warehouseId: other.catalogue.warehouseId, businessDate: monthEnd, lines: [{ productId: other.catalogue.tissue.id, unitCode: 'EA', qty: 7, unitCostFen: 500 }] });
    docNo = receipt.docNo;
    const row = other.app.db.$client.prepare("SELECT name, version, args FROM sync_outbox WHERE name = 'stock.receive'").get() as { name: string; version: number; args: string };
    const args = JSON.parse(row.args.replaceAll(other.catalogue.warehouseId, warehouseId).replaceAll(other.catalogue.tissue.id, productId)) as unknown;
    await call(app, 'periods.lock', { lockedThrough: monthEnd });
    const result = applyPulledBatch(app.ledger.db, [{ kind: 'op', cursor: 1, bucket: 'documents', name: row.name, version: row.version, args, originDeviceId: '0190a000-0000-7000-8000-00000000000a' }], 1, {
      now: Date.now(),
      ids: createUuidV7Generator(() => Date.now(), (n) => randomBytes(n)),
      hlc: createHlcClock('e2e', () => Date.now()).now,
    });
    expect(result.problems).toEqual([]);
  } finally {
    other.close();
  }

  const shell = new AppShell(page);
  await shell.open(app.url, '/dashboard');
  await expect(page.getByTestId('stat-late')).toHaveText('1');
  await shell.go('/finance');
  const finance = new FinancePage(page);
  const row = finance.lateRows().filter({ hasText: docNo });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('收货单');
  await expect(page.getByTestId('late-open-count')).toHaveText('待确认 1 张');
  await page.screenshot({ path: 'test-results/late-postings.png', fullPage: true });
  await row.getByRole('checkbox').check();
  await page.getByTestId('acknowledge-selected').click();
  await expect(page.getByText('没有待确认的迟到单据')).toBeVisible();
  await page.getByRole('switch', { name: '显示已确认的' }).check({ force: true });
  await expect(finance.lateRows().filter({ hasText: docNo })).toContainText('已确认');
});
