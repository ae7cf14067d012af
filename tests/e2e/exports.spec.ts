import { readFile } from 'node:fs/promises';
import { call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { OnHandPage } from './pages/StockPages';

test('stock on hand exports to Excel and CSV as browser downloads named after the branch and the day', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const info = await call<{ today: string }>(app, 'app.info', {});
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock');
  const onHand = new OnHandPage(page);
  await expect(page.getByTestId('onhand-row').first()).toBeVisible();

  const xlsx = await onHand.exportAs('xlsx');
  expect(xlsx.suggestedFilename()).toBe(`库存-BJ01-${info.today}.xlsx`);
  const workbook = await readFile(await xlsx.path());
  // An .xlsx is a zip archive.
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

  await onHand.search('农夫山泉');
  await expect(page.getByTestId('onhand-row').first()).toContainText('农夫山泉');
  const csv = await onHand.exportAs('csv');
  expect(csv.suggestedFilename()).toBe(`库存-BJ01-${info.today}.csv`);
  const text = (await readFile(await csv.path())).toString('utf8');
  expect(text.startsWith('\uFEFF商品编码,商品名称')).toBe(true);
  const lines = text.trim().split('\r\n');
  // Only what the search shows: every product line is Nongfu Spring, and the totals come last.
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines.slice(1, -1)) expect(line).toContain('农夫山泉');
  expect(lines.at(-1)).toMatch(/^合计,/);
  await expect(page.getByText(`库存-BJ01-${info.today}.csv 已生成`)).toBeVisible();
});
