import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { TransferDetail, TransferEntry } from './pages/TransferPages';

interface ProductRow {
  id: string;
  nameZh: string;
}
interface Detail {
  units: { code: string; factor: number; barcode: string | null }[];
}

/** The demo branch with 3 cases of a product in lot E2E-T1 in the main warehouse, at 1.00 a unit, and its case barcode. */
async function branchWithStock(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouses = await call<{ id: string; code: string; name: string; kind: string }[]>(app, 'master.warehouses', {});
  const main = warehouses.find((w) => w.kind === 'main');
  const area = warehouses.find((w) => w.kind === 'returns');
  if (!main || !area) throw new Error('demo branch without its warehouses');
  const products = (await call<{ rows: ProductRow[] }>(app, 'products.list', { q: '农夫山泉', limit: 20 })).rows;
  for (const p of products) {
    const d = await call<Detail>(app, 'products.get', { id: p.id });
    const caseUnit = d.units.find((u) => u.factor > 1 && u.barcode);
    if (!caseUnit?.barcode) continue;
    await call(app, 'stock.receive', {
      warehouseId: main.id,
      lines: [{ productId: p.id, unitCode: caseUnit.code, qty: 3, lotCode: 'E2E-T1', expiryDate: '2027-12-31', unitCostFen: 100 * caseUnit.factor }],
    });
    return { main, area, product: p, factor: caseUnit.factor, caseBarcode: caseUnit.barcode };
  }
  throw new Error('no demo product with a case barcode');
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const inWarehouse = async (app: AppFixture, warehouseId: string, productId: string) =>
  (await call<{ rows: { lotCode: string; qty: number }[] }>(app, 'stock.onHand', { warehouseId, productId, groupBy: 'lot', limit: 500 })).rows.find((r) => r.lotCode === 'E2E-T1')?.qty ?? 0;

test('a clerk transfers two cases to the returns area in two steps, receives them by scanning one short, writes the difference off and prints the note', async ({ page, app }) => {
  const { main, area, product, factor, caseBarcode } = await branchWithStock(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/transfers');
  await expect(page.getByText('还没有调拨单')).toBeVisible();
  await expect(shell.nav().getByRole('link', { name: '调拨' })).toHaveAttribute('data-active', 'true');
  await page.getByTestId('new-transfer').first().click();

  const entry = new TransferEntry(page);
  await entry.toWarehouse(`${area.code} ${area.name}`);
  await page.getByTestId('two-step').check();
  await entry.scan(caseBarcode);
  await entry.scan(caseBarcode);
  await expect(entry.lines()).toHaveCount(1);
  await expect(entry.lines().first().getByTestId('line-qty')).toHaveValue(String(2 * factor));
  // Lots leave first-expiry-first-out unless the clerk names one: here the lot just received.
  await entry.lines().first().getByTestId('line-lot').click();
  await page.getByRole('option', { name: /^E2E-T1/ }).click();
  await page.screenshot({ path: 'test-results/transfer-entry.png', fullPage: true });
  await page.getByTestId('save-send').click();

  const detail = new TransferDetail(page);
  await expect(detail.status()).toHaveText('在途');
  await expect(page.getByTestId('transfer-out-document')).toHaveText(/BJ01-TO-2026-\d{6}/);
  await expect(page.getByTestId('detail-line')).toContainText('E2E-T1');
  // Valued at FIFO cost, as the ledger issues every product.
  const sent = (await call<{ rows: { totalValueFen: number }[] }>(app, 'transfers.list', {})).rows[0]?.totalValueFen ?? 0;
  await expect(page.getByTestId('transfer-value')).toHaveText(yuan(sent));
  expect(await inWarehouse(app, main.id, product.id)).toBe(factor);
  expect(await inWarehouse(app, area.id, product.id)).toBe(0);

  // In transit on the list, valued.
  await shell.go('/transfers');
  await expect(page.getByTestId('transit-outgoing')).toContainText(yuan(sent));
  await page.getByTestId('transfer-row').first().click();

  // Receiving by scanning: one case arrives whole, the other two units short.
  await page.getByTestId('action-receive').click();
  await page.getByTestId('reset-scans').click();
  await entry.scan(caseBarcode);
  const line = detail.receiveLine(0);
  await expect(line.getByTestId('received-qty')).toHaveValue(String(factor));
  await line.getByTestId('received-qty').fill(String(2 * factor - 2));
  await page.getByTestId('post-receipt').click();
  await expect(line).toContainText('请填写原因');
  await detail.pick(line.getByTestId('line-reason'), '破损');
  await detail.pick(line.getByTestId('line-disposition'), '报损');
  await page.screenshot({ path: 'test-results/transfer-receive.png', fullPage: true });
  await page.getByTestId('post-receipt').click();

  await expect(detail.status()).toHaveText('已完成');
  await expect(page.getByTestId('transfer-written-off')).toHaveText(yuan(Math.round((sent * 2) / (2 * factor))));
  await expect(page.getByTestId('detail-line-difference')).toContainText('破损 · 报损');
  await expect(page.getByTestId('tracking-row')).toHaveCount(3);
  expect(await inWarehouse(app, area.id, product.id)).toBe(2 * factor - 2);
  await page.screenshot({ path: 'test-results/transfer-detail.png', fullPage: true });
  const pdf = await detail.print('pdf');
  expect(pdf.suggestedFilename()).toMatch(/^调拨单-BJ01-TR-2026-\d{6}\.pdf$/);

  await shell.switchLanguage('EN');
  await expect(detail.status()).toHaveText('Closed');
});

test('to another branch: sent goods wait for that branch; a draft is cancelled before sending; a locked period refuses sending with nothing moved', async ({ page, app }) => {
  const { main, product, caseBarcode, factor } = await branchWithStock(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/transfers/new');
  const entry = new TransferEntry(page);
  await entry.toBranch('sh02');
  // This PC never synced: it has no branch directory, so it says head office will check the code.
  await expect(page.getByTestId('to-branch-hint')).toContainText('尚未收到总部的门店目录');
  await entry.scan(caseBarcode);
  await page.getByTestId('save-send').click();
  const detail = new TransferDetail(page);
  await expect(detail.status()).toHaveText('在途');
  await expect(page.getByTestId('in-transit-note')).toContainText('SH02');
  await expect(page.getByTestId('action-receive')).toHaveCount(0);
  // The stock page says what is on the road, outside the warehouses' figures.
  await shell.go('/stock');
  await expect(page.getByTestId('onhand-in-transit')).toContainText(`调出未收 ${factor} 件`);

  await shell.go('/transfers/new');
  await entry.toBranch('SH02');
  await entry.scan(caseBarcode);
  await page.getByTestId('save-draft').click();
  await expect(detail.status()).toHaveText('草稿');
  const before = await inWarehouse(app, main.id, product.id);
  await call(app, 'periods.lock', { lockedThrough: (await call<{ today: string }>(app, 'app.info', {})).today });
  await detail.act('send');
  // The date is refused next to it, in the dialog; nothing left the warehouse.
  await expect(page.getByRole('dialog')).toContainText('已锁账');
  expect(await inWarehouse(app, main.id, product.id)).toBe(before);
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await detail.act('cancel', 'not needed');
  await expect(detail.status()).toHaveText('已取消');

  await shell.go('/transfers?status=all&direction=out');
  await expect(page.getByTestId('transfer-row')).toHaveCount(2);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'test-results/transfer-list-1024.png', fullPage: true });
});
