import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { putMaster, seedCatalogue, startHeadOffice, type ServerTarget } from './headOffice';
import { createBranchPcs, type Pc } from './pc';

/** Syncs each PC in turn; each must end with nothing pending, no error and nothing rejected. */
export async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

/**
 * A head office with one product, a standard price of 2.50 and a key customer, and a branch of two
 * PCs (the desk and the warehouse) holding 100 of the product at 1.20. Cleanups go on `cleanups`.
 */
export function salesBranchWith(cleanups: (() => Promise<void> | void)[]) {
  return async (target: ServerTarget, code: string) => {
    const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
    cleanups.push(() => ho.stop());
    const [product] = await seedCatalogue(ho.url, 1);
    if (!product) throw new Error('no product');
    // Head office's sales terms: a standard price and a customer with credit.
    const list = randomUUID();
    await putMaster(ho.url, 'price_list', list, { code: 'STD', nameZh: '标准价', nameEn: 'Standard', active: true });
    const priceItemId = randomUUID();
    await putMaster(ho.url, 'price_list_item', priceItemId, { priceListId: list, productId: product.id, unitCode: 'EA', priceFen: 250 });
    const customerId = randomUUID();
    await putMaster(ho.url, 'customer', customerId, {
      code: `C${code}`,
      name: '华润万家天河店',
      channel: 'supermarket',
      customerClass: 'key',
      creditLimitFen: 1_000_000,
      paymentTermsDays: 30,
      minShelfLifePermille: 0,
      active: true,
    });
    const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code, pcs: 2 });
    const [desk, warehouse] = branch.pcs as [Pc, Pc];
    for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
    await syncAll([desk, warehouse]);
    const warehouseId = (desk.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
    await warehouse.client['stock.receive']({ warehouseId, lines: [{ productId: product.id, unitCode: 'EA', qty: 100, unitCostFen: 120 }] });
    await syncAll([warehouse, desk]);
    return { ho, desk, warehouse, warehouseId, productId: product.id, customerId, priceItemId };
  };
}
