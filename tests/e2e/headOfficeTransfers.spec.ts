import { expect, test } from '@playwright/test';
import { adminToken, putMaster, seedCatalogue, startHeadOffice } from '../sync/harness/headOffice';
import { createBranchPcs, type Pc } from '../sync/harness/pc';
import { HeadOfficePage } from './pages/HeadOfficePage';

test.use({ viewport: { width: 1366, height: 900 } });

const mainWarehouse = (pc: Pc) => (pc.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;

test('head office sees the transfers between branches: what is in transit by sender, and each transfer with its receiver, quantity, value and age', async ({ page }) => {
  const ho = await startHeadOffice();
  const pcs: Pc[] = [];
  try {
    const [product] = await seedCatalogue(ho.url, 1, undefined, { lotTracked: true });
    if (!product) throw new Error('no product');
    await putMaster(ho.url, 'product_unit', crypto.randomUUID(), { productId: product.id, code: 'CS12', nameZh: '箱', nameEn: 'case', factor: 12, barcode: null });
    const [sender] = (await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'AE2', pcs: 1 })).pcs as [Pc];
    const [receiver] = (await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'BE2', pcs: 1 })).pcs as [Pc];
    pcs.push(sender, receiver);
    await sender.client['sync.now']({});
    await sender.client['stock.receive']({ warehouseId: mainWarehouse(sender), lines: [{ productId: product.id, unitCode: 'EA', qty: 36, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 100 }] });
    const first = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'BE2', lines: [{ productId: product.id, unitCode: 'CS12', qty: 1 }], send: true });
    const second = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'BE2', lines: [{ productId: product.id, unitCode: 'EA', qty: 6 }], send: true });
    await sender.client['sync.now']({});
    // BE2 receives the first one.
    await receiver.client['sync.now']({});
    await receiver.client['transfers.receive']({ id: first.id, warehouseId: mainWarehouse(receiver) });
    await receiver.client['sync.now']({});

    const screen = new HeadOfficePage(page);
    await screen.signIn(ho.url, adminToken);
    await screen.section('分店调拨 Transfers');
    const transit = screen.table('transit-table');
    await expect(transit).toHaveCount(1);
    await expect(transit.first()).toContainText('AE2');
    await expect(transit.first()).toContainText('6');
    await expect(transit.first()).toContainText('6.00');
    const rows = screen.table('xfer-table');
    await expect(rows).toHaveCount(2);
    const open = rows.filter({ hasText: second.docNo });
    await expect(open).toContainText('在途 In transit');
    await expect(open).toContainText('BE2');
    await expect(open).toContainText('0 天 d');
    const done = rows.filter({ hasText: first.docNo });
    await expect(done).toContainText('已收货 Received');
    await expect(done).toContainText('12.00');
    // In transit only.
    await page.getByRole('combobox', { name: '范围 Which' }).selectOption('true');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(second.docNo);
    await page.screenshot({ path: test.info().outputPath('head-office-transfers.png'), fullPage: true });
    // A search that matches nothing says so.
    await page.getByRole('searchbox', { name: '单号或分店编码 Number or branch code' }).fill('ZZZ-NONE');
    await page.locator('#xfer-search').getByRole('button', { name: '查询 Search' }).click();
    await expect(rows.first()).toContainText('没有调拨 No transfers');
  } finally {
    for (const pc of pcs) pc.dispose();
    await ho.stop();
  }
});
