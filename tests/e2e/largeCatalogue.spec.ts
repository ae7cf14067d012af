import { generateLargeLedger } from '../../db/demo/generateLarge';
import { generateSalesTerms } from '../../db/demo/generateSalesTerms';
import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { OrderEntry } from './pages/SalesPages';


/** A branch with a 20,000-product catalogue and some stock, made straight into the tables. */
async function largeBranch(app: AppFixture, seed: number) {
  await call(app, 'setup.createBranch', { code: 'BIG1', name: '大数据店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const s = app.ledger.db.$client;
  generateLargeLedger(app.ledger.db, {
    products: 20_000,
    movements: 20_000,
    seed,
    now: Date.now(),
    warehouseId: (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id,
    branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
    userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
  });
  return s;
}

test('the products list stays usable with 20,000 products: count, search, scroll to the end, scan to open', async ({ page, app }) => {
  const s = await largeBranch(app, 11);
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

test('order entry with 20,000 products and 2,000 customers: find the customer by name, scan and search products, confirm', async ({ page, app }) => {
  const s = await largeBranch(app, 13);
  generateSalesTerms(app.ledger.db, { customers: 2_000, seed: 13, now: Date.now() });
  const customer = s.prepare("SELECT code, name FROM customers WHERE customer_class = 'ordinary' ORDER BY code DESC LIMIT 1").get() as { code: string; name: string };
  // Three products with plenty of unexpired stock: two scanned by their unit barcode, one searched by name.
  const stocked = s
    .prepare(
      `SELECT p.sku, p.name_zh AS nameZh, u.barcode FROM stock_balances b
         JOIN lots l ON l.id = b.lot_id AND (l.expiry_date IS NULL OR l.expiry_date > date('now', '+60 days'))
         JOIN products p ON p.id = b.product_id
         JOIN product_units u ON u.product_id = p.id AND u.factor = 1 AND u.barcode IS NOT NULL
        GROUP BY p.id HAVING sum(b.qty) >= 5 ORDER BY p.sku DESC LIMIT 3`,
    )
    .all() as { sku: string; nameZh: string; barcode: string }[];
  expect(stocked).toHaveLength(3);

  const shell = new AppShell(page);
  await shell.open(app.url, '/sales/new');
  const entry = new OrderEntry(page);
  await entry.chooseCustomer(customer.name, customer.name);
  await entry.scan(stocked[0]?.barcode ?? '');
  await expect(entry.lines()).toHaveCount(1);
  await entry.scan(stocked[1]?.barcode ?? '');
  await expect(entry.lines()).toHaveCount(2);
  const picker = page.getByTestId('product-picker');
  await picker.click();
  await picker.fill(stocked[2]?.sku ?? '');
  await page.getByRole('option', { name: new RegExp(stocked[2]?.sku ?? '') }).click();
  await expect(entry.lines()).toHaveCount(3);
  await expect(entry.line(2)).toContainText(stocked[2]?.nameZh ?? '');
  // A searched product waits for its quantity (a scan counts one).
  await entry.line(2).getByTestId('line-qty').fill('2');
  // Prices come from the standard list: every line priced, the total shown.
  await expect(entry.totalGross()).not.toHaveText('—');
  await entry.confirm();
  await expect(page.getByTestId('detail-line')).toHaveCount(3);
  const orders = await call<{ total: number; rows: { customerName: string }[] }>(app, 'sales.list', {});
  expect(orders.total).toBe(1);
});
