import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ReturnDetail, ReturnEntry } from './pages/ReturnPages';

interface Customer {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** A demo branch and an order of 2 cases of water for a customer, delivered and invoiced through the sales flow. */
async function deliveredOrder(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouseId = (await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {})).find((w) => w.kind === 'main')?.id ?? '';
  const customer = (await call<{ rows: Customer[] }>(app, 'customers.list', { limit: 200 })).rows.find((r) => r.code === 'C001');
  if (!customer) throw new Error('no demo customer C001');
  const products = await call<{ rows: { id: string; nameZh: string }[] }>(app, 'products.list', { q: '农夫山泉', limit: 50 });
  for (const p of products.rows) {
    const terms = await call<{ units: { unitCode: string; factor: number }[]; availableForCustomer: number }>(app, 'sales.productTerms', { customerId: customer.id, productId: p.id, warehouseId });
    const caseUnit = terms.units.find((u) => u.factor > 1);
    if (!caseUnit || terms.availableForCustomer < caseUnit.factor * 2) continue;
    const order = await call<{ id: string }>(app, 'sales.create', { customerId: customer.id, warehouseId, lines: [{ productId: p.id, unitCode: caseUnit.unitCode, qty: 2 }], confirm: true });
    const approved = await call<{ status: string }>(app, 'sales.get', { id: order.id });
    if (approved.status === 'pending_approval') await call(app, 'sales.approve', { id: order.id });
    await call(app, 'sales.allocate', { id: order.id });
    await call(app, 'sales.deliver', { id: order.id });
    const invoiced = await call<{ deliveries: { docNo: string }[] }>(app, 'sales.invoice', { id: order.id });
    return { customer, product: p, factor: caseUnit.factor, warehouseId, deliveryNo: invoiced.deliveries[0]?.docNo ?? '' };
  }
  throw new Error('no demo water with stock');
}

const onHand = async (app: AppFixture, warehouseId: string, productId: string) =>
  (await call<{ rows: { qty: number }[] }>(app, 'stock.onHand', { warehouseId, productId, groupBy: 'product' })).rows[0]?.qty ?? 0;
const receivable = async (app: AppFixture, customerId: string) => (await call<{ credit: { receivableFen: number } }>(app, 'customers.get', { id: customerId })).credit.receivableFen;

test('a clerk takes back part of a delivery: over-return refused, then received, inspected, credited; stock and receivables change', async ({ page, app }) => {
  const { customer, product, factor, warehouseId, deliveryNo } = await deliveredOrder(app);
  const stockBefore = await onHand(app, warehouseId, product.id);
  const owedBefore = await receivable(app, customer.id);

  const shell = new AppShell(page);
  await shell.open(app.url, '/returns');
  await expect(page.getByText('还没有退货')).toBeVisible();
  await page.getByTestId('new-return').click();
  const entry = new ReturnEntry(page);
  await entry.chooseCustomer(customer.code, customer.name);
  await entry.chooseDelivery(deliveryNo);
  await expect(entry.line(0).getByTestId('returnable')).toContainText('2');

  // More than was delivered: refused next to the field, and nothing is written.
  await entry.setQty(0, String(factor * 2 + 1));
  await expect(entry.line(0)).toContainText(`还可退 ${factor * 2}`);
  await page.screenshot({ path: 'test-results/returns-over-zh.png', fullPage: true });
  expect((await call<{ total: number }>(app, 'returns.list', {})).total).toBe(0);

  await entry.setQty(0, '5');
  await expect(entry.preview()).toBeVisible();
  await expect(entry.preview()).toContainText('在退货政策内');
  await page.screenshot({ path: 'test-results/returns-new-zh.png', fullPage: true });
  await entry.save();

  const detail = new ReturnDetail(page);
  await expect(detail.status()).toHaveText('已批准');
  await detail.act('receive');
  await expect(detail.status()).toHaveText('已收货');
  await detail.inspect([{ restock: 4, quarantine: 0, scrap: 1, supplier: 0 }]);
  await expect(detail.status()).toHaveText('已检验');
  await detail.settleByCredit();
  await expect(detail.status()).toHaveText('已结算');
  await expect(page.getByTestId('credit-note')).toContainText('-CN-');
  await expect(page.getByTestId('return-events')).toContainText('结算');
  await page.screenshot({ path: 'test-results/returns-detail-zh.png', fullPage: true });

  // 4 back on the shelf, 1 scrapped; the credit came off what the customer owes.
  expect(await onHand(app, warehouseId, product.id)).toBe(stockBefore + 4);
  const credited = (await call<{ rows: { id: string }[] }>(app, 'returns.list', { status: 'settled' })).rows[0];
  const settled = await call<{ creditNote: { grossFen: number } | null }>(app, 'returns.get', { id: credited?.id });
  expect(settled.creditNote?.grossFen).toBeGreaterThan(0);
  expect(await receivable(app, customer.id)).toBe(owedBefore - (settled.creditNote?.grossFen ?? 0));

  await shell.switchLanguage('EN');
  await expect(detail.status()).toHaveText('Settled');
  await page.screenshot({ path: 'test-results/returns-detail-en.png', fullPage: true });
  await shell.go('/returns');
  await expect(page.getByTestId('return-row')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/returns-list-en.png', fullPage: true });
});

test('a lot recall lists the customers who hold the lot and starts their returns; a closed period refuses a new return', async ({ page, app }) => {
  const { customer, product, deliveryNo } = await deliveredOrder(app);
  const lot = (await call<{ rows: { lotCode: string | null; qty: number }[] }>(app, 'stock.onHand', { productId: product.id, groupBy: 'lot' })).rows;
  const delivered = await call<{ rows: { lines: { lotCode: string | null }[] }[] }>(app, 'returns.deliveries', { customerId: customer.id });
  const lotCode = delivered.rows[0]?.lines[0]?.lotCode ?? lot[0]?.lotCode ?? '';

  const shell = new AppShell(page);
  await shell.open(app.url, '/returns');
  await page.getByTestId('recall').click();
  await page.getByTestId('recall-product').fill(product.nameZh.slice(0, 4));
  await page.getByRole('option', { name: new RegExp(product.nameZh) }).first().click();
  await page.getByTestId('recall-lot').fill(lotCode);
  await page.getByTestId('recall-find').click();
  await expect(page.getByTestId('recall-holder')).toContainText(deliveryNo);
  await page.screenshot({ path: 'test-results/returns-recall-zh.png', fullPage: true });
  await page.getByTestId('recall-start').click();
  await expect(page.getByTestId('return-row')).toHaveCount(1);
  await expect(page.getByTestId('return-row')).toContainText('召回');

  // The accountant closes the books through today: a new return is refused, nothing is written.
  await shell.go('/settings');
  await page.getByTestId('period-lock-date').fill((await call<{ today: string }>(app, 'periods.get', {})).today);
  await page.getByRole('button', { name: '关账' }).click();
  await expect(page.getByTestId('period-lock-state')).toContainText('已关账至');
  await page.screenshot({ path: 'test-results/settings-period-lock-zh.png', fullPage: true });
  await shell.go('/returns/new');
  const entry = new ReturnEntry(page);
  await entry.chooseCustomer(customer.code, customer.name);
  await page.getByTestId('return-mode').getByText('无送货单').click();
  await page.getByTestId('return-product').fill(product.nameZh.slice(0, 4));
  await page.getByRole('option', { name: new RegExp(product.nameZh) }).first().click();
  await entry.setQty(0, '1');
  await expect(entry.preview()).toContainText('需经理审批');
  await page.getByTestId('save-return').click();
  await expect(page.getByTestId('return-error')).toContainText('已锁账');
  expect((await call<{ total: number }>(app, 'returns.list', {})).total).toBe(1);
});
