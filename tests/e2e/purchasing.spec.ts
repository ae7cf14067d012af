import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { PurchaseEntry, PurchaseReceiving } from './pages/PurchasingPages';

interface Supplier {
  id: string;
  code: string;
  name: string;
  leadTimeDays: number;
  productCount: number;
}
interface Terms {
  productId: string;
  sku: string;
  nameZh: string;
  lotTracked: boolean;
  purchaseUnitCode: string;
  packFactor: number;
  minOrderQty: number;
  units: { code: string; factor: number; barcode: string | null }[];
}

/** A demo branch and a supplier with a lot-tracked product bought by the case, with the case's barcode. */
async function demoSupplier(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const suppliers = await call<Supplier[]>(app, 'purchasing.suppliers', {});
  for (const supplier of suppliers) {
    const page = await call<{ rows: Terms[] }>(app, 'purchasing.supplierProducts', { supplierId: supplier.id, limit: 200 });
    const terms = page.rows.find((t) => t.lotTracked && t.packFactor > 1 && t.minOrderQty === 0 && t.units.some((u) => u.code === t.purchaseUnitCode && u.barcode));
    const caseBarcode = terms?.units.find((u) => u.code === terms.purchaseUnitCode)?.barcode;
    if (terms && caseBarcode) return { supplier, terms, caseBarcode };
  }
  throw new Error('no demo supplier with a lot-tracked case product');
}

const onHand = async (app: AppFixture, productId: string) =>
  (await call<{ rows: { qty: number }[] }>(app, 'stock.onHand', { productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

test('a buyer orders two cases by scanning, sends the order, and the clerk receives it by scanning the case barcode with lot and expiry', async ({ page, app }) => {
  const { supplier, terms, caseBarcode } = await demoSupplier(app);
  const before = await onHand(app, terms.productId);
  const shell = new AppShell(page);
  await shell.open(app.url, '/purchasing');
  await expect(page.getByText('还没有采购单')).toBeVisible();
  await page.getByTestId('new-po').first().click();

  const entry = new PurchaseEntry(page);
  await entry.chooseSupplier(`${supplier.code} ${supplier.name} · 交货期 ${supplier.leadTimeDays} 天`);
  await entry.scan(caseBarcode);
  await expect(entry.lines()).toHaveCount(1);
  await entry.scan(caseBarcode);
  await expect(entry.lines().first().getByTestId('po-qty')).toHaveValue('2');
  await page.getByTestId('po-save-send').click();

  await expect(page.getByTestId('po-status')).toHaveText('已发送');
  await expect(page.getByTestId('po-events')).toContainText('发送');
  await page.getByTestId('po-receive').click();

  const receiving = new PurchaseReceiving(page);
  await receiving.scan(caseBarcode);
  // A lot-tracked product: the lot field takes the cursor, and posting waits for lot and expiry.
  await expect(receiving.line(terms.sku).getByTestId('receive-lot')).toBeFocused();
  await expect(receiving.flags()).toContainText('短收');
  await receiving.lot(terms.sku, 'PO-E2E-1', '2030-06-30');
  await receiving.scan(caseBarcode);
  await expect(receiving.flags()).toContainText('没有问题');
  await receiving.post().click();

  await expect(page.getByTestId('po-status')).toHaveText('已到齐');
  await expect(page.getByTestId('po-receipt')).toHaveCount(1);
  expect(await onHand(app, terms.productId)).toBe(before + 2 * terms.packFactor);
});

test('an over-receipt is flagged and changes nothing until confirmed', async ({ page, app }) => {
  const { supplier, terms, caseBarcode } = await demoSupplier(app);
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const po = await call<{ id: string }>(app, 'purchasing.create', {
    supplierId: supplier.id,
    warehouseId: warehouses.find((w) => w.kind === 'main')?.id,
    lines: [{ productId: terms.productId, unitCode: terms.purchaseUnitCode, qty: 1 }],
    send: true,
  });
  const before = await onHand(app, terms.productId);
  await call(app, 'settings.update', { locale: 'en' });
  const shell = new AppShell(page);
  await shell.open(app.url, `/purchasing/${po.id}/receive`);
  const receiving = new PurchaseReceiving(page);
  await receiving.scan(caseBarcode);
  // The first scan is applied (the lot field takes the cursor) before the second is typed.
  await expect(receiving.line(terms.sku).getByTestId('receive-lot')).toBeFocused();
  await receiving.scan(caseBarcode);
  await receiving.lot(terms.sku, 'PO-E2E-2', '2030-06-30');
  await expect(receiving.flags().getByTestId('flag-over')).toContainText('over-receipt');
  await expect(receiving.post()).toBeDisabled();
  expect(await onHand(app, terms.productId)).toBe(before);

  await page.getByTestId('confirm-over').click();
  await receiving.post().click();
  await expect(page.getByTestId('po-status')).toHaveText('Received');
  expect(await onHand(app, terms.productId)).toBe(before + 2 * terms.packFactor);
});

test('the branch sets the shelf life required at receipt on the Settings page', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ02', name: '北京二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const shell = new AppShell(page);
  await shell.open(app.url, '/settings');
  const field = page.getByLabel('最少剩余保质期');
  await expect(field).toHaveValue('333 ‰');
  await field.fill('500');
  await field.locator('xpath=ancestor::form').getByRole('button').click();
  await expect(page.getByText('收货保质期标准已保存：500‰')).toBeVisible();
  expect((await call<{ minReceiptShelfLifePermille: number }>(app, 'settings.get', {})).minReceiptShelfLifePermille).toBe(500);
});
