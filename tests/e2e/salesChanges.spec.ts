import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { OrderDetail, OrderEntry } from './pages/SalesPages';

interface Terms {
  units: { unitCode: string; factor: number; barcode: string | null; priceFen: number | null }[];
  availableForCustomer: number;
}
interface OrderLine {
  id: string;
  qty: number;
  allocated: number;
  delivered: number;
  closed: number;
}
interface Order {
  id: string;
  docNo: string;
  status: string;
  lines: OrderLine[];
}

/**
 * A demo branch, one of its customers and a product sold by the case that the customer may buy
 * in quantity; the order is made through the API as the desk would, the change through the UI.
 */
async function orderOfCases(app: AppFixture, cases: number, pickCustomer: (rows: { id: string; creditLimitFen: number; active: boolean }[]) => { id: string } | undefined) {
  await call(app, 'setup.createBranch', { code: 'SZ01', name: '深圳南山分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 9 });
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const warehouseId = warehouses.find((w) => w.kind === 'main')?.id ?? '';
  const customers = (await call<{ rows: { id: string; creditLimitFen: number; active: boolean }[] }>(app, 'customers.list', { limit: 200 })).rows.filter((c) => c.active);
  const customer = pickCustomer(customers);
  if (!customer) throw new Error('no such demo customer');
  const products = await call<{ rows: { id: string; onHand: number }[] }>(app, 'products.list', { q: '农夫山泉', limit: 50 });
  for (const p of products.rows) {
    const terms = await call<Terms>(app, 'sales.productTerms', { customerId: customer.id, productId: p.id, warehouseId });
    const caseUnit = terms.units.find((u) => u.factor > 1 && u.priceFen !== null);
    if (caseUnit && terms.availableForCustomer >= (cases + 2) * caseUnit.factor) {
      return { warehouseId, customerId: customer.id, productId: p.id, caseUnit, line: { productId: p.id, unitCode: caseUnit.unitCode, qty: cases } };
    }
  }
  throw new Error('no demo product sold by the case with enough stock');
}

const available = async (app: AppFixture, customerId: string, productId: string, warehouseId: string) =>
  (await call<Terms>(app, 'sales.productTerms', { customerId, productId, warehouseId })).availableForCustomer;

const onHand = async (app: AppFixture, productId: string) =>
  (await call<{ rows: { qty: number }[] }>(app, 'stock.onHand', { productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

test('an allocated order is amended before delivery: the new quantity is saved, its reservation released and the change tracked', async ({ page, app }) => {
  const made = await orderOfCases(app, 2, (rows) => [...rows].sort((a, b) => b.creditLimitFen - a.creditLimitFen)[0]);
  const free = await available(app, made.customerId, made.productId, made.warehouseId);
  let order = await call<Order>(app, 'sales.create', { customerId: made.customerId, warehouseId: made.warehouseId, lines: [made.line], confirm: true });
  if (order.status === 'pending_approval') order = await call<Order>(app, 'sales.approve', { id: order.id });
  await call(app, 'sales.allocate', { id: order.id });
  expect(await available(app, made.customerId, made.productId, made.warehouseId)).toBe(free - 2 * made.caseUnit.factor);

  const shell = new AppShell(page);
  await shell.open(app.url, `/sales/${order.id}`);
  const detail = new OrderDetail(page);
  await expect(detail.status()).toHaveText('已分配');
  await detail.action('amend').click();
  await expect(page).toHaveURL(new RegExp(`#/sales/${order.id}/edit$`));
  const entry = new OrderEntry(page);
  await expect(entry.lines()).toHaveCount(1);
  await entry.line(0).getByTestId('line-qty').fill('3');
  await entry.confirm();

  await expect(page).toHaveURL(new RegExp(`#/sales/${order.id}$`));
  // Amending takes the order back to confirmed and gives its reserved stock back.
  await expect(detail.status()).toHaveText('已确认');
  await expect(page.getByTestId('line-ordered')).toHaveText('3箱');
  await expect(page.getByTestId('tracking-event').filter({ hasText: '修改' })).toHaveCount(1);
  const after = await call<Order>(app, 'sales.get', { id: order.id });
  expect(after.lines.map((l) => [l.qty, l.allocated])).toEqual([[3 * made.caseUnit.factor, 0]]);
  expect(await available(app, made.customerId, made.productId, made.warehouseId)).toBe(free);
});

test('a manager sends an order over the credit limit back; the quote is then cancelled and can no longer be changed', async ({ page, app }) => {
  const made = await orderOfCases(app, 1, (rows) => [...rows].filter((r) => r.creditLimitFen > 0).sort((a, b) => a.creditLimitFen - b.creditLimitFen)[0]);
  // A manual case price above the customer's whole limit needs a manager.
  const customer = (await call<{ rows: { id: string; creditLimitFen: number }[] }>(app, 'customers.list', { limit: 200 })).rows.find((c) => c.id === made.customerId);
  const unitPriceFen = Math.ceil(((customer?.creditLimitFen ?? 0) * 1.2) / 100) * 100;
  const order = await call<Order>(app, 'sales.create', {
    customerId: made.customerId,
    warehouseId: made.warehouseId,
    lines: [{ ...made.line, unitPriceFen }],
    confirm: true,
  });
  expect(order.status).toBe('pending_approval');

  const shell = new AppShell(page);
  await shell.open(app.url, `/sales/${order.id}`);
  const detail = new OrderDetail(page);
  await expect(detail.status()).toHaveText('待审批');
  await detail.withNote('reject', '价格不对，请重新报价');
  await expect(detail.status()).toHaveText('报价');
  await expect(page.getByTestId('tracking-event').filter({ hasText: '退回' })).toContainText('价格不对，请重新报价');
  await expect(detail.action('confirm')).toBeVisible();

  await detail.withNote('cancel', '客户不要了');
  await expect(detail.status()).toHaveText('已取消');
  await expect(page.getByTestId('order-actions').getByRole('button')).toHaveCount(0);
  expect((await call<Order>(app, 'sales.get', { id: order.id })).status).toBe('cancelled');
  // A cancelled order is refused by the API as well, and nothing changes.
  const refused = await app.api.invoke('sales.confirm', { id: order.id });
  expect(refused.ok).toBe(false);
  expect((await call<Order>(app, 'sales.get', { id: order.id })).status).toBe('cancelled');
});

test('after a partial delivery the rest of the order is closed short: stock drops only by what left and the reservation is released', async ({ page, app }) => {
  const made = await orderOfCases(app, 3, (rows) => [...rows].sort((a, b) => b.creditLimitFen - a.creditLimitFen)[0]);
  let order = await call<Order>(app, 'sales.create', { customerId: made.customerId, warehouseId: made.warehouseId, lines: [made.line], confirm: true });
  if (order.status === 'pending_approval') order = await call<Order>(app, 'sales.approve', { id: order.id });
  await call(app, 'sales.allocate', { id: order.id });
  const stockBefore = await onHand(app, made.productId);

  const shell = new AppShell(page);
  await shell.open(app.url, `/sales/${order.id}`);
  const detail = new OrderDetail(page);
  await detail.action('deliver').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('deliver-some').click();
  await dialog.getByTestId('deliver-qty').fill('1箱');
  await dialog.getByTestId('deliver-submit').click();
  await expect(dialog).toBeHidden();
  await expect(detail.status()).toHaveText('部分发货');
  await expect(page.getByTestId('line-delivered')).toHaveText('1箱');
  expect(stockBefore - (await onHand(app, made.productId))).toBe(made.caseUnit.factor);

  await detail.withNote('close', '客户只要一箱');
  await expect(detail.status()).toHaveText('已关闭');
  await expect(page.getByTestId('tracking-event').filter({ hasText: '关闭' })).toContainText('客户只要一箱');
  const after = await call<Order>(app, 'sales.get', { id: order.id });
  expect(after.lines.map((l) => [l.delivered, l.closed, l.allocated])).toEqual([[made.caseUnit.factor, 2 * made.caseUnit.factor, 0]]);
  // Closing moves no stock: only the delivered case left the shelf.
  expect(stockBefore - (await onHand(app, made.productId))).toBe(made.caseUnit.factor);
  // The delivered case can still be invoiced.
  await expect(detail.action('invoice')).toBeVisible();
});
