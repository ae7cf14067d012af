import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';

interface ProductDetail {
  id: string;
  nameZh: string;
  units: { code: string; factor: number; barcode: string | null }[];
  lots: { lotId: string; qty: number; warehouseId: string }[];
  onHand: number;
}

interface CountLine {
  productId: string;
  lotId: string;
  bookQty: number | null;
}

async function demoBranch(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
}

/** A product with stock in one lot and a base-unit barcode. */
async function productWithOneLot(app: AppFixture): Promise<ProductDetail & { barcode: string; caseUnit: { code: string; factor: number } }> {
  const list = await call<{ rows: { id: string; onHand: number }[] }>(app, 'products.list', { limit: 200 });
  for (const row of list.rows) {
    if (row.onHand === 0) continue;
    const p = await call<ProductDetail>(app, 'products.get', { id: row.id });
    const base = p.units.find((u) => u.factor === 1 && u.barcode);
    const caseUnit = p.units.find((u) => u.factor > 1);
    if (p.lots.length === 1 && base?.barcode && caseUnit && p.onHand > caseUnit.factor) return { ...p, barcode: base.barcode, caseUnit };
  }
  throw new Error('no product with a single lot in the demo data');
}

test('a count planned by scanning, reviewed with a reason and approval, posts its variance to stock on hand', async ({ page, app }) => {
  await demoBranch(app);
  const product = await productWithOneLot(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/counts');
  await expect(page.getByText('还没有盘点单')).toBeVisible();

  await page.getByRole('button', { name: '新建盘点' }).first().click();
  await page.getByTestId('count-scope').getByText('部分盘点').click();
  const scan = page.getByLabel('扫描条码加入商品');
  await scan.fill('0000000000000');
  await scan.press('Enter');
  await expect(page.getByText('条码 0000000000000 未找到，没有加入任何商品。')).toBeVisible();
  await scan.fill(product.barcode);
  await scan.press('Enter');
  await expect(page.getByTestId('count-products')).toContainText(product.nameZh);
  await page.getByTestId('count-blind').click();
  await page.getByTestId('count-start').click();
  await page.waitForURL(/#\/counts\/[0-9a-f-]+\/count$/);
  const countId = /#\/counts\/([0-9a-f-]+)\/count$/.exec(page.url())?.[1] ?? '';

  // The counters' entries (the scanner screen has its own test): one case short.
  const lines = await call<{ rows: CountLine[] }>(app, 'counts.lines', { id: countId });
  expect(lines.rows).toHaveLength(1);
  const counted = product.onHand - product.caseUnit.factor;
  await call(app, 'counts.record', { countId, productId: product.id, unitCode: product.units.find((u) => u.factor === 1)?.code, qty: counted, counter: '张三' });

  await shell.go(`/counts/${countId}`);
  await expect(page.getByTestId('count-status')).toHaveText('盘点中');
  await expect(page.getByTestId('count-progress')).toContainText('已盘 1 / 1 行');
  await page.getByTestId('count-submit').click();
  await expect(page.getByTestId('count-status')).toHaveText('待复核');
  const line = page.getByTestId('count-line');
  await expect(line).toHaveCount(1);
  await expect(line.getByTestId('line-variance')).toContainText('-1箱');
  await expect(page.getByTestId('count-post')).toBeDisabled();
  await expect(page.getByTestId('sum-needs-reason')).toHaveText('1');

  await page.getByTestId('count-reason').click();
  await page.getByRole('option', { name: '破损' }).click();
  await page.getByTestId('count-reason-all').click();
  await expect(page.getByTestId('sum-needs-reason')).toHaveText('0');
  // A whole case of a few is above the 5% recount threshold: the manager accepts it instead.
  await page.getByTestId('count-approve-all').click();
  await expect(page.getByTestId('count-post')).toBeEnabled();
  await page.getByTestId('count-post').click();
  await page.getByTestId('count-post-confirm').click();
  await expect(page.getByTestId('count-status')).toHaveText('已过账');
  await expect(page.getByTestId('count-adjustment')).toHaveText(/^BJ01-ADJ-2026-\d{6}$/);

  const after = await call<ProductDetail>(app, 'products.get', { id: product.id });
  expect(after.onHand).toBe(counted);
  await page.getByTestId('count-adjustment').click();
  await expect(page).toHaveURL(/#\/stock\/documents\/[0-9a-f-]+$/);
});

test('a blind count hides the book until it is submitted, and can be cancelled (English)', async ({ page, app }) => {
  await demoBranch(app);
  await call(app, 'settings.update', { locale: 'en' });
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const count = await call<{ id: string; docNo: string }>(app, 'counts.start', { warehouseId: warehouses[0]?.id, scope: 'cycle', abcClasses: ['A'], blind: true });
  const shell = new AppShell(page);
  await shell.open(app.url, `/counts/${count.id}`);
  await expect(page.getByTestId('count-status')).toHaveText('Counting');
  await expect(page.getByText('Blind count: book quantities and variances stay hidden until counting is done.')).toBeVisible();
  await expect(page.getByTestId('line-variance')).toHaveCount(0);
  await expect(page.getByTestId('count-line').first()).toContainText('Not counted');

  await page.getByTestId('count-cancel').click();
  await page.getByTestId('count-cancel-confirm').click();
  await expect(page.getByTestId('count-status')).toHaveText('Cancelled');
  await shell.go('/counts?status=cancelled');
  await expect(page.getByTestId('count-row')).toContainText(count.docNo);
  // Nothing about the cancelled count can change any more.
  const refused = await app.api.invoke('counts.submit', { id: count.id });
  expect(refused.ok).toBe(false);
});
