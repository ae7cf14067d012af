import { generateLargeLedger } from '../../db/demo/generateLarge';
import { call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';

test('the products list stays usable with 20,000 products: count, search, scroll to the end, scan to open', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BIG1', name: '大数据店', timeZone: 'Asia/Shanghai', withDemoData: false });
  const s = app.ledger.db.$client;
  generateLargeLedger(app.ledger.db, {
    products: 20_000,
    movements: 20_000,
    seed: 11,
    now: Date.now(),
    warehouseId: (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id,
    branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
    userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
  });
  const last = s.prepare('SELECT sku FROM products ORDER BY sku DESC LIMIT 1').get() as { sku: string };
  const scanned = s.prepare('SELECT p.sku, p.name_zh, u.barcode FROM product_units u JOIN products p ON p.id = u.product_id WHERE u.factor = 1 ORDER BY p.sku LIMIT 1 OFFSET 12345').get() as {
    sku: string;
    name_zh: string;
    barcode: string;
  };

  const shell = new AppShell(page);
  await shell.open(app.url, '/products');
  await expect(page.getByRole('main')).toContainText('20,000');
  const search = page.getByLabel(/搜索|Search/).first();
  await expect(search).toBeFocused();

  // Jump to the end of the virtualized list: the last SKU is rendered.
  await expect(page.getByTestId(/^product-row-/).first()).toBeVisible();
  await search.press('Control+End');
  await expect(page.getByTestId(`product-row-${last.sku}`)).toBeVisible();

  // Search narrows the list on the server.
  await search.fill(scanned.name_zh);
  await expect(page.getByTestId(`product-row-${scanned.sku}`)).toBeVisible();

  // A scanner typing a barcode and Enter opens that product.
  await search.fill('');
  await search.click();
  await page.keyboard.type(scanned.barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toContainText(scanned.sku);
  await expect(page.getByRole('main')).toContainText(scanned.name_zh);
});
