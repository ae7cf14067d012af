import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';
import { SupplierReturnDetail, SupplierReturnEntry } from './pages/SupplierReturnPages';

interface ProductRow {
  id: string;
  sku: string;
  nameZh: string;
}
interface Detail {
  units: { code: string; factor: number }[];
}

/**
 * The demo branch, and 2 cases of a product received from its first supplier into the returns
 * area in a lot of our own (E2E-L1) at 1.00 a bottle — the lot a supplier return sends back.
 */
async function branchWithLot(app: AppFixture) {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouses = await call<{ id: string; code: string; name: string; kind: string }[]>(app, 'master.warehouses', {});
  const area = warehouses.find((w) => w.kind === 'returns');
  const [supplier] = await call<{ id: string; code: string; name: string }[]>(app, 'master.suppliers', {});
  if (!area || !supplier) throw new Error('demo branch without a returns area or supplier');
  const products = (await call<{ rows: ProductRow[] }>(app, 'products.list', { q: '农夫山泉', limit: 20 })).rows;
  let product: (ProductRow & { caseUnit: { code: string; factor: number } }) | undefined;
  for (const p of products) {
    const d = await call<Detail>(app, 'products.get', { id: p.id });
    const caseUnit = d.units.find((u) => u.factor > 1);
    if (caseUnit) {
      product = { ...p, caseUnit };
      break;
    }
  }
  if (!product) throw new Error('no demo product sold by the case');
  await call(app, 'stock.receive', {
    warehouseId: area.id,
    supplierId: supplier.id,
    lines: [{ productId: product.id, unitCode: product.caseUnit.code, qty: 2, lotCode: 'E2E-L1', expiryDate: '2027-12-31', unitCostFen: 100 * product.caseUnit.factor }],
  });
  return { area, supplier, product };
}

const lotOnHand = async (app: AppFixture, productId: string) => {
  const rows = (await call<{ rows: { lotCode: string; qty: number; warehouseName: string }[] }>(app, 'stock.onHand', { productId, groupBy: 'lot', limit: 500 })).rows;
  return rows.find((r) => r.lotCode === 'E2E-L1')?.qty ?? 0;
};

test('a clerk sends goods back to the supplier by lot: stock drops, the supplier accepts and credits the claim', async ({ page, app }) => {
  const { area, supplier, product } = await branchWithLot(app);
  const factor = product.caseUnit.factor;
  expect(await lotOnHand(app, product.id)).toBe(2 * factor);

  const shell = new AppShell(page);
  await shell.open(app.url, '/returns/supplier');
  await expect(page.getByText('还没有退供单')).toBeVisible();
  await page.getByTestId('new-supplier-return').first().click();
  const entry = new SupplierReturnEntry(page);
  await entry.chooseSupplier(`${supplier.code} ${supplier.name}`);
  await entry.chooseWarehouse(`${area.code} ${area.name}`);
  await entry.addCandidate('E2E-L1');
  await expect(entry.lines()).toHaveCount(1);
  await entry.line(0).getByTestId('line-qty').fill('1箱5');
  await entry.line(0).getByTestId('line-reason').click();
  await page.getByRole('option', { name: '质量问题' }).click();
  await page.screenshot({ path: 'test-results/supplier-return-entry.png', fullPage: true });
  await entry.save();

  const detail = new SupplierReturnDetail(page);
  await expect(detail.status()).toHaveText('草稿');
  await expect(page.getByTestId('detail-line-qty')).toHaveText(/1箱5/);
  const qty = factor + 5;
  // The claim defaults to the goods' cost: 1.00 a bottle here.
  await expect(page.getByTestId('return-claim')).toHaveText(`¥${qty}.00`);

  await detail.act('send');
  await expect(detail.status()).toHaveText('已发出');
  await expect(page.getByTestId('return-document')).toHaveText(/BJ01-RTV-2026-\d{6}/);
  expect(await lotOnHand(app, product.id)).toBe(2 * factor - qty);

  await detail.act('accept', { reference: 'RMA-2026-07' });
  await expect(detail.status()).toHaveText('供应商已接受');
  await detail.act('credit', { credit: String(qty - 2) });
  await expect(detail.status()).toHaveText('已补偿');
  await expect(page.getByTestId('return-credited')).toHaveText(`¥${qty - 2}.00`);
  await expect(page.getByTestId('return-rest')).toHaveText('¥2.00');
  await expect(page.getByTestId('tracking-row')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/supplier-return-detail.png', fullPage: true });

  await shell.go('/returns/supplier?status=all');
  await expect(page.getByTestId('supplier-return-row')).toHaveCount(1);
  await expect(page.getByTestId('supplier-return-row')).toContainText('已补偿');
});

test('a quantity that is not on hand, or not a quantity, is shown next to the line and nothing is saved', async ({ page, app }) => {
  const { area, supplier, product } = await branchWithLot(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/returns/supplier/new');
  const entry = new SupplierReturnEntry(page);
  await entry.chooseSupplier(`${supplier.code} ${supplier.name}`);
  await entry.chooseWarehouse(`${area.code} ${area.name}`);
  await entry.addCandidate('E2E-L1');

  await entry.line(0).getByTestId('line-qty').fill('abc');
  await entry.save();
  await expect(entry.line(0)).toContainText('数量无效');

  await entry.line(0).getByTestId('line-qty').fill('3箱');
  await entry.save();
  // The ledger refuses it: only 2 cases are on hand.
  await expect(entry.line(0)).toContainText('库存不足');
  await expect(page).toHaveURL(/\/returns\/supplier\/new$/);
  expect((await call<{ total: number }>(app, 'supplierReturns.list', {})).total).toBe(0);
  expect(await lotOnHand(app, product.id)).toBe(2 * product.caseUnit.factor);
});
