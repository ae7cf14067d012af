import { readFile } from 'node:fs/promises';
import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { OrderDetail, OrderEntry } from './pages/SalesPages';

interface Row {
  id: string;
  code: string;
  name: string;
  creditLimitFen: number;
  active: boolean;
}
interface Terms {
  units: { unitCode: string; factor: number; barcode: string | null }[];
  promotions: { kind: string; minQty: number }[];
  availableForCustomer: number;
}

async function demoBranch(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  return warehouses.find((w) => w.kind === 'main')?.id ?? '';
}

async function customerWhere(app: AppFixture, pick: (rows: Row[]) => Row | undefined): Promise<Row> {
  const rows = (await call<{ rows: Row[] }>(app, 'customers.list', { limit: 200 })).rows.filter((r) => r.active);
  const row = pick(rows);
  if (!row) throw new Error('no such demo customer');
  return row;
}

/** A product of the demo catalogue sold by the case, with its case barcode and terms for this customer. */
async function caseProduct(app: AppFixture, customerId: string, warehouseId: string, q: string, wanted: (t: Terms) => boolean) {
  const list = await call<{ rows: { id: string; nameZh: string }[] }>(app, 'products.list', { q, limit: 500 });
  for (const row of list.rows) {
    const terms = await call<Terms>(app, 'sales.productTerms', { customerId, productId: row.id, warehouseId });
    const caseUnit = terms.units.find((u) => u.factor > 1 && u.barcode);
    if (caseUnit?.barcode && wanted(terms)) return { id: row.id, nameZh: row.nameZh, caseUnit: { ...caseUnit, barcode: caseUnit.barcode }, terms };
  }
  throw new Error(`no demo product for ${q}`);
}

const onHand = async (app: AppFixture, productId: string) =>
  (await call<{ rows: { qty: number }[] }>(app, 'stock.onHand', { productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

test('a salesperson enters an order by scanning, sees prices, totals and free goods from the ledger, and confirms it', async ({ page, app }) => {
  const warehouseId = await demoBranch(app);
  const customer = await customerWhere(app, (rows) => rows.find((r) => r.code === 'C001'));
  const water = await caseProduct(app, customer.id, warehouseId, '农夫山泉', (t) => t.availableForCustomer >= 48);
  const gift = await caseProduct(app, customer.id, warehouseId, '', (t) => t.promotions.some((p) => p.kind === 'free_goods') && t.availableForCustomer >= 60);

  const shell = new AppShell(page);
  await shell.open(app.url, '/sales');
  await page.getByTestId('new-order').first().click();
  const entry = new OrderEntry(page);
  await entry.chooseCustomer(customer.code, customer.name);
  await expect(page.getByTestId('credit-panel')).toBeVisible();

  await entry.scan(water.caseUnit.barcode);
  await expect(entry.lines()).toHaveCount(1);
  await entry.scan(water.caseUnit.barcode);
  await expect(entry.lines()).toHaveCount(1);
  await expect(entry.line(0).getByTestId('line-qty')).toHaveValue('2');
  await entry.scan(gift.caseUnit.barcode);
  await expect(entry.lines()).toHaveCount(2);
  // The case earns free goods, shown under the line that earned them; the promotion is listed.
  await expect(entry.line(1).getByTestId('free-line')).toContainText('赠品');
  await expect(page.getByTestId('promotions')).toBeVisible();

  // Totals are the ledger's: the same draft previewed through the API gives the same figure.
  const expected = await call<{ totals: { grossFen: number } }>(app, 'sales.preview', {
    customerId: customer.id,
    warehouseId,
    lines: [
      { productId: water.id, unitCode: water.caseUnit.unitCode, qty: 2 },
      { productId: gift.id, unitCode: gift.caseUnit.unitCode, qty: 1 },
    ],
  });
  await expect(entry.totalGross()).toHaveText(`¥${(expected.totals.grossFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`);
  await expect(entry.line(0).getByTestId('line-source')).toHaveText(/价/);

  await page.keyboard.press('Control+Enter');
  const detail = new OrderDetail(page);
  await expect(detail.status()).toHaveText('已确认');
  await expect(page.getByTestId('detail-line')).toHaveCount(3);
  await expect(page.getByTestId('free-badge')).toHaveCount(1);
  await expect(page.getByTestId('detail-gross')).toContainText(`${(expected.totals.grossFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`);
  const orders = await call<{ total: number; rows: { status: string }[] }>(app, 'sales.list', { status: 'confirmed' });
  expect(orders.total).toBe(1);
});

test('an order over the credit limit waits for a manager; approved, it is allocated, delivered from stock and invoiced', async ({ page, app }) => {
  const warehouseId = await demoBranch(app);
  // The smallest credit limit among the demo restaurants.
  const customer = await customerWhere(app, (rows) => [...rows].sort((a, b) => a.creditLimitFen - b.creditLimitFen)[0]);
  const water = await caseProduct(app, customer.id, warehouseId, '农夫山泉', (t) => t.availableForCustomer >= 240);
  const before = await onHand(app, water.id);

  const shell = new AppShell(page);
  await shell.open(app.url, '/sales/new');
  const entry = new OrderEntry(page);
  await entry.chooseCustomer(customer.code, customer.name);
  await entry.scan(water.caseUnit.barcode);
  await expect(entry.lines()).toHaveCount(1);
  // Ten cases at a special price well above list: over this customer's limit.
  const line = entry.line(0);
  await line.getByTestId('line-qty').fill('10');
  const price = Math.ceil((customer.creditLimitFen * 1.1) / 10 / 100);
  await line.getByTestId('line-price').fill(String(price));
  await expect(line.getByTestId('line-source')).toHaveText('手工价');
  await expect(page.getByTestId('approval-reasons')).toContainText('超出信用额度');
  await expect(page.getByTestId('credit-after')).toContainText('-');
  await entry.confirm();

  const detail = new OrderDetail(page);
  await expect(detail.status()).toHaveText('待审批');
  await expect(page.getByTestId('approval-reasons')).toContainText('超出信用额度');
  await expect(detail.action('allocate')).toHaveCount(0);
  await detail.withNote('approve', '老客户，月底结清');
  await expect(detail.status()).toHaveText('已确认');
  await expect(page.getByTestId('tracking-event').filter({ hasText: '审批通过' })).toContainText('老客户，月底结清');

  await detail.action('allocate').click();
  await expect(detail.status()).toHaveText('已分配');
  await expect(page.getByTestId('pick-row').first()).toBeVisible();
  await expect(page.getByTestId('line-allocated')).toHaveText('10箱');
  // The picker takes the pick list to the shelves.
  const pickList = await detail.print('pickList', 'pdf');
  expect(pickList.suggestedFilename()).toMatch(/^拣货单-.*\.pdf$/);
  expect((await readFile(await pickList.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await detail.deliverAll();
  await expect(detail.status()).toHaveText('已发货');
  await expect(page.getByTestId('line-delivered')).toHaveText('10箱');
  expect(before - (await onHand(app, water.id))).toBe(10 * water.caseUnit.factor);

  // The delivery note is a stock document: it opens on the stock pages.
  await page.getByTestId('delivery-row').getByRole('link').click();
  await expect(page).toHaveURL(/#\/stock\/documents\//);
  await expect(page.getByText('发货单').first()).toBeVisible();
  await page.goBack();

  await detail.action('invoice').click();
  await expect(detail.status()).toHaveText('已开票');
  await expect(page.getByTestId('invoice-row')).toHaveCount(1);
  await expect(page.getByTestId('credit-receivable')).not.toHaveText('¥0.00');
});

test('a zero quantity and an unknown barcode are refused with a translated message and nothing is saved', async ({ page, app }) => {
  await demoBranch(app);
  const customer = await customerWhere(app, (rows) => rows[0]);
  const shell = new AppShell(page);
  await shell.open(app.url, '/sales/new');
  const entry = new OrderEntry(page);

  // Nothing can be scanned before the customer is chosen.
  await expect(page.getByTestId('scan-input')).toBeDisabled();
  await entry.chooseCustomer(customer.code, customer.name);

  await entry.scan('6900000000017');
  await expect(page.getByText('条码 6900000000017 未找到，没有加入任何商品。')).toBeVisible();
  await expect(entry.lines()).toHaveCount(0);

  const water = await call<{ rows: { id: string }[] }>(app, 'products.list', { q: '农夫山泉', limit: 1 });
  const product = await call<{ units: { factor: number; barcode: string | null }[] }>(app, 'products.get', { id: water.rows[0]?.id });
  await entry.scan(product.units.find((u) => u.factor > 1)?.barcode ?? '');
  await expect(entry.lines()).toHaveCount(1);
  await entry.line(0).getByTestId('line-qty').fill('0');
  await entry.confirm();
  await expect(entry.line(0)).toContainText('数量必须大于 0');
  await page.getByTestId('save-quote').click();
  await expect(entry.line(0)).toContainText('数量必须大于 0');
  await expect(page).toHaveURL(/#\/sales\/new$/);
  expect((await call<{ total: number }>(app, 'sales.list', { status: undefined })).total).toBe(0);
});
