import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { StockForm } from './pages/StockPages';

interface ProductDetail {
  id: string;
  nameZh: string;
  lotTracked: boolean;
  units: { code: string; factor: number; barcode: string | null }[];
  onHand: number;
}

async function demoBranch(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
}

/** A lot-tracked product with a case barcode, from the demo catalogue. */
async function pickCaseProduct(app: AppFixture, q: string): Promise<ProductDetail & { caseUnit: { code: string; factor: number; barcode: string } }> {
  const list = await call<{ rows: { id: string }[] }>(app, 'products.list', { q, limit: 20 });
  for (const row of list.rows) {
    const p = await call<ProductDetail>(app, 'products.get', { id: row.id });
    const caseUnit = p.units.find((u) => u.factor > 1 && u.barcode);
    if (p.lotTracked && caseUnit?.barcode) return { ...p, caseUnit: { code: caseUnit.code, factor: caseUnit.factor, barcode: caseUnit.barcode } };
  }
  throw new Error(`no lot-tracked product with a case barcode for ${q}`);
}

test('a clerk receives goods by scanning a case twice and sees stock on hand rise', async ({ page, app }) => {
  await demoBranch(app);
  const product = await pickCaseProduct(app, '农夫山泉');
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock/receive');
  const form = new StockForm(page);

  await form.scan(product.caseUnit.barcode);
  await expect(form.lines()).toHaveCount(1);
  await form.scan(product.caseUnit.barcode);
  await expect(form.lines()).toHaveCount(1);
  await expect(form.line(0).getByTestId('line-qty')).toHaveValue('2');

  await form.line(0).getByTestId('line-lot').fill('E2E20261120');
  await form.line(0).getByTestId('line-expiry').fill('2027-11-20');
  await form.line(0).getByTestId('line-cost').fill('36.00');
  await form.post();
  const docNo = await form.expectPosted();
  expect(docNo).toMatch(/^BJ01-GR-2026-\d{6}$/);
  await expect(form.lines()).toHaveCount(0);

  const after = await call<ProductDetail>(app, 'products.get', { id: product.id });
  expect(after.onHand - product.onHand).toBe(2 * product.caseUnit.factor);

  await shell.go('/stock');
  await page.getByRole('textbox').first().fill('E2E20261120');
  const row = page.getByTestId('onhand-row').first();
  await expect(row).toContainText('E2E20261120');
  await expect(row).toContainText('2箱');
});

test('an unknown barcode is reported at the scan field and adds nothing', async ({ page, app }) => {
  await demoBranch(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock/receive');
  const form = new StockForm(page);
  await form.scan('6900000000017');
  await expect(page.getByText(/6900000000017/).first()).toBeVisible();
  await expect(form.lines()).toHaveCount(0);
});

test('an adjustment taking more than is on hand shows the shortfall next to the line and posts nothing', async ({ page, app }) => {
  await demoBranch(app);
  const product = await pickCaseProduct(app, '康师傅');
  const adjustmentsBefore = (await call<{ total: number }>(app, 'stock.documents', { docType: 'adjustment' })).total;
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock/adjust');
  const form = new StockForm(page);
  await page.getByTestId('adjust-reason').click();
  await page.getByRole('option', { name: '破损' }).click();
  await form.scan(product.caseUnit.barcode);
  await expect(form.lines()).toHaveCount(1);
  await form.line(0).getByTestId('line-qty').fill('-999');
  await form.post();
  await expect(page.getByText(/库存不足/).first()).toBeVisible();
  const adjustmentsAfter = (await call<{ total: number }>(app, 'stock.documents', { docType: 'adjustment' })).total;
  expect(adjustmentsAfter).toBe(adjustmentsBefore);
  const after = await call<ProductDetail>(app, 'products.get', { id: product.id });
  expect(after.onHand).toBe(product.onHand);
});

test('a posted receipt is reversed from its document page, once', async ({ page, app }) => {
  await demoBranch(app);
  const product = await pickCaseProduct(app, '伊利');
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const receipt = await call<{ id: string; docNo: string }>(app, 'stock.receive', {
    warehouseId: warehouses.find((w) => w.kind === 'main')?.id,
    lines: [{ productId: product.id, unitCode: product.caseUnit.code, qty: 1, unitCostFen: 5000, lotCode: 'REV1', expiryDate: '2027-01-01' }],
  });
  const shell = new AppShell(page);
  await shell.open(app.url, `/stock/documents/${receipt.id}`);
  await expect(page.getByTestId('doc-no')).toHaveText(receipt.docNo);
  await page.getByTestId('reverse-document').click();
  await page.getByTestId('confirm-reverse').click();
  await expect(page.getByTestId('reverse-success')).toBeVisible();
  await expect(page.getByTestId('linked-doc').first()).toContainText('BJ01-REV-');
  await expect(page.getByTestId('reverse-document')).toHaveCount(0);
  const after = await call<ProductDetail>(app, 'products.get', { id: product.id });
  expect(after.onHand).toBe(product.onHand);
});

test('in English the receipt form and its errors are English too', async ({ page, app }) => {
  await demoBranch(app);
  await call(app, 'settings.update', { locale: 'en' });
  const product = await pickCaseProduct(app, '蒙牛');
  const receiptsBefore = (await call<{ total: number }>(app, 'stock.documents', { docType: 'receipt' })).total;
  const shell = new AppShell(page);
  await shell.open(app.url, '/stock/receive');
  const form = new StockForm(page);
  await form.scan(product.caseUnit.barcode);
  await form.line(0).getByTestId('line-cost').fill('10');
  await form.post();
  // The lot is missing: the form says so in English and nothing is posted.
  await expect(page.getByTestId('form-error').first()).toBeVisible();
  await expect(page.getByTestId('form-error').first()).not.toContainText(/[\u4e00-\u9fff]{4,}/);
  await expect(page.getByTestId('post-success')).toHaveCount(0);
  const receiptsAfter = (await call<{ total: number }>(app, 'stock.documents', { docType: 'receipt' })).total;
  expect(receiptsAfter).toBe(receiptsBefore);
});
