import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ReplenishmentPage, StockHealthPage } from './pages/ReplenishmentPages';

interface Suggestion {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  supplierId: string | null;
  onHand: number;
  packFactor: number;
  minOrderQty: number;
  suggestedPacks: number;
}

/** A demo branch; the first product bought by the case from a supplier, as the suggestion list shows it. */
async function demoBranch(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouseId = (await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {})).find((w) => w.kind === 'main')?.id ?? '';
  const all = await call<{ rows: Suggestion[] }>(app, 'replenishment.suggestions', { warehouseId, onlyNeeded: false });
  const product = all.rows.find((r) => r.supplierId !== null && r.packFactor > 1 && r.minOrderQty === 0);
  if (!product) throw new Error('no demo product bought by the case');
  return { warehouseId, product };
}

test('a buyer sets a product’s own min and max, sees the suggestion in whole cases and creates the draft purchase order with one action', async ({ page, app }) => {
  const { warehouseId, product } = await demoBranch(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/replenishment');
  const screen = new ReplenishmentPage(page);
  // The demo has no recent sales: nothing needs ordering yet.
  await expect(page.getByText('现在没有需要订货的商品')).toBeVisible();

  await screen.showAll(true);
  await page.getByLabel('搜索商品').fill(product.sku);
  await expect(screen.rows()).toHaveCount(1);
  const min = product.onHand + 10;
  const max = product.onHand + 5 * product.packFactor;
  await screen.setLevels(product.nameZh, min, max);
  const levels = screen.row(product.nameZh).getByTestId('replenish-levels');
  await expect(levels).toHaveAttribute('title', '自定（蓝色）');
  await expect(levels).toHaveText(`${min.toLocaleString('zh-CN')}${max.toLocaleString('zh-CN')}`);
  // 5 cases short of max: 5 cases suggested.
  await expect(screen.row(product.nameZh).getByTestId('replenish-packs')).toHaveValue('5');

  await screen.showAll(false);
  await expect(screen.rows()).toHaveCount(1);
  await screen.row(product.nameZh).getByTestId('replenish-packs').fill('6');
  await expect(page.getByTestId('replenish-selection')).toContainText('已选 1 行，1 家供应商');
  await screen.createOrders().click();
  await expect(page.getByTestId('orders-created')).toContainText('已生成 1 张采购单草稿');
  // Now on order: nothing more is suggested.
  await expect(page.getByText('没有符合条件的商品')).toBeVisible();

  const orders = await call<{ rows: { id: string; status: string; totalQty: number }[] }>(app, 'purchasing.list', { status: 'draft' });
  expect(orders.rows).toHaveLength(1);
  expect(orders.rows[0]?.totalQty).toBe(6 * product.packFactor);
  await page.getByTestId('orders-created').getByRole('link').click();
  await expect(page.getByTestId('po-status')).toHaveText('草稿');
  const ops = app.ledger.db.$client.prepare("SELECT name FROM sync_outbox WHERE name IN ('purchasing.order', 'replenishment.policies') ORDER BY seq").pluck().all();
  expect(ops).toEqual(['replenishment.policies', 'purchasing.order']);
  expect(warehouseId).not.toBe('');
});

test('stock health lists slow movers and near-expiry lots with their next action, in English too', async ({ page, app }) => {
  await demoBranch(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock-health');
  const screen = new StockHealthPage(page);
  await expect(page.getByText('在库为 0，但最近 28 天有销售。')).toBeVisible();
  await expect(page.getByText('没有缺货的商品。')).toBeVisible();

  await screen.tab('slow').click();
  await expect(screen.rows().first()).toBeVisible();
  await expect(screen.rows().first()).toContainText('从未销售');

  await screen.tab('nearExpiry').click();
  await expect(screen.rows().first()).toBeVisible();
  await shell.switchLanguage('EN');
  await expect(screen.tab('nearExpiry')).toContainText('Near expiry');
  await screen.rows().first().getByRole('link', { name: 'Return' }).click();
  await expect(page).toHaveURL(/#\/returns\/supplier\/new/);
});

test('a long near-expiry list comes a page at a time: its count on the tab, the page shown, the next page a click away', async ({ page, app }) => {
  const { warehouseId } = await demoBranch(app);
  // A product the demo already lists as near expiry is lot-tracked.
  const demo = await call<{ nearExpiry: { productId: string; baseUnitCode: string }[] }>(app, 'stock.health', { warehouseId, expiryDays: 3650 });
  const lotted = demo.nearExpiry[0] && { id: demo.nearExpiry[0].productId, baseUnitCode: demo.nearExpiry[0].baseUnitCode };
  if (!lotted) throw new Error('no lot-tracked demo product');
  // 600 lots of one product, all expiring within the week: more than one page of 500.
  for (const start of [0, 300]) {
    const lines = Array.from({ length: 300 }, (_, i) => ({ productId: lotted.id, unitCode: lotted.baseUnitCode, qty: 1, lotCode: `PG${String(start + i).padStart(4, '0')}`, expiryDate: '2026-11-25', unitCostFen: 100 }));
    await call(app, 'stock.receive', { warehouseId, lines });
  }
  const before = await call<{ nearExpiryTotal: number }>(app, 'stock.health', { warehouseId });
  expect(before.nearExpiryTotal).toBeGreaterThan(600);
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock-health?kind=nearExpiry');
  const screen = new StockHealthPage(page);
  await expect(screen.tab('nearExpiry')).toContainText(before.nearExpiryTotal.toLocaleString('zh-CN'));
  await expect(screen.rows().first()).toBeVisible();
  await expect(page.getByTestId('health-summary')).toContainText('本页第 1–500 行');
  await page.getByRole('button', { name: '2', exact: true }).click();
  await expect(page.getByTestId('health-summary')).toContainText('本页第 501–');
  await expect(page).toHaveURL(/ep=2/);
  await expect(screen.rows().first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('near-expiry-page-2.png') });
});

test('supplier performance shows on-time and fill rates of received orders; an empty period says so', async ({ page, app }) => {
  const { warehouseId, product } = await demoBranch(app);
  const po = await call<{ id: string; lines: { unitCode: string }[] }>(app, 'purchasing.create', {
    supplierId: product.supplierId,
    warehouseId,
    lines: [{ productId: product.productId, unitCode: 'EA', qty: 10, unitCostFen: 100 }],
    send: true,
  });
  const lot = { lotCode: 'E2E-PERF', expiryDate: '2030-01-01' };
  await call(app, 'purchasing.receive', { id: po.id, lines: [{ productId: product.productId, unitCode: 'EA', qty: 8, ...lot }] });
  await call(app, 'purchasing.close', { id: po.id });
  const shell = new AppShell(page);
  await shell.open(app.url, '/supplier-performance');
  const row = page.getByTestId('performance-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('fill-rate')).toHaveText('80%');
  await expect(row.getByTestId('on-time-rate')).toHaveText('0%');
  await page.getByTestId('performance-from').fill('2020-01-01');
  await page.getByTestId('performance-to').fill('2020-01-31');
  await expect(page.getByText('此期间没有采购或退货')).toBeVisible();
});
