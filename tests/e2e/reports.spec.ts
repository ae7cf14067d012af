import { readFile } from 'node:fs/promises';
import { formatMoney } from '../../src-renderer/components/format';
import { call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ReportPage } from './pages/ReportPages';

interface OnHandPage {
  totalValueFen: number;
  totalQty: number;
}

test('an accountant runs the stock valuation, filters it by category, sorts it and exports it to Excel and CSV', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const { today } = await call<{ today: string }>(app, 'app.info', {});
  const all = await call<OnHandPage>(app, 'stock.onHand', { groupBy: 'product', withTotals: true, limit: 1 });
  const categories = await call<{ id: string; nameZh: string }[]>(app, 'master.categories', {});
  const drinks = categories.find((c) => c.nameZh.includes('饮料')) ?? categories[0]!;
  const inCategory = await call<OnHandPage>(app, 'stock.onHand', { groupBy: 'product', withTotals: true, limit: 1, categoryId: drinks.id });

  const shell = new AppShell(page);
  await shell.open(app.url, '/reports');
  await expect(page.getByRole('heading', { name: '报表' })).toBeVisible();
  const report = new ReportPage(page);
  await report.openFromList('stockValuation');
  await expect(page.getByTestId('filter-asOf')).toHaveValue(today);
  // The first report starts the report worker (and, run from TypeScript, compiles it): give it time.
  await expect(report.rows().first()).toBeVisible({ timeout: 60_000 });
  // The totals are the stock screen's own.
  await expect(report.total('value')).toHaveText(formatMoney(all.totalValueFen, 'zh-CN'));
  await page.screenshot({ path: 'test-results/report-valuation.png' });

  await report.chooseCategory(drinks.nameZh);
  await expect(report.total('value')).toHaveText(formatMoney(inCategory.totalValueFen, 'zh-CN'));
  await expect(report.rows().first()).toContainText(drinks.nameZh);

  // Sorted by value, largest first after a second click.
  await report.sortBy('value');
  await report.sortBy('value');
  const values = await report.rows().locator('[role=cell]:last-child').allTextContents();
  const fen = values.map((v) => Number(v.replace(/[¥,]/g, '')));
  expect(fen).toEqual([...fen].sort((a, b) => b - a));

  const xlsx = await report.exportAs('xlsx');
  expect(xlsx.suggestedFilename()).toBe(`库存估值（FIFO）-BJ01-${today}.xlsx`);
  expect((await readFile(await xlsx.path())).subarray(0, 2).toString('latin1')).toBe('PK');
  const csv = await report.exportAs('csv');
  const text = (await readFile(await csv.path())).toString('utf8');
  expect(text.startsWith('\uFEFF商品编码,商品名称')).toBe(true);
  expect(text.trim().split('\r\n').at(-1)).toBe(`合计,,,,${inCategory.totalQty},,${(inCategory.totalValueFen / 100).toFixed(2)}`);

  // In English, the same report.
  await shell.switchLanguage('EN');
  await expect(page.getByRole('heading', { name: 'Stock valuation (FIFO)' })).toBeVisible();
  await expect(page.getByTestId('report-totals')).toContainText('Total');
});

test('a statement waits for its customer, and a period with no sales says so', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const shell = new AppShell(page);
  await shell.open(app.url, '/reports/customerStatement');
  await expect(page.getByText('请选择一个客户')).toBeVisible();
  await shell.go('/reports/salesMargin?dateFrom=2001-01-01&dateTo=2001-01-31');
  await expect(page.getByText('没有符合条件的数据')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('export-menu')).toBeDisabled();
});

test('a report longer than a page loads its further rows as the grid scrolls to them', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const { today } = await call<{ today: string }>(app, 'app.info', {});
  const request = { reportId: 'stockValuation', filters: { asOf: today } };
  const first = await call<{ rowCount: number }>(app, 'reports.run', { request, limit: 1 });
  // The screen asks 200 rows at a time: the demo branch has more products than that.
  expect(first.rowCount).toBeGreaterThan(200);
  const last = await call<{ rows: { sku: string }[] }>(app, 'reports.run', { request, offset: first.rowCount - 1, limit: 1 });

  const shell = new AppShell(page);
  await shell.open(app.url, `/reports/stockValuation?asOf=${today}`);
  const report = new ReportPage(page);
  await expect(report.rows().first()).toBeVisible({ timeout: 60_000 });
  // Wheel down to the end, as a user scrolls.
  await page.getByTestId('report-table').hover();
  await page.mouse.wheel(0, 40 * first.rowCount);
  const lastRow = page.locator(`[role=row][aria-rowindex="${first.rowCount + 1}"]`);
  await expect(lastRow).toContainText(last.rows[0]!.sku);
  await expect(page.getByTestId('report-row-loading')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/report-scrolled.png' });
});
