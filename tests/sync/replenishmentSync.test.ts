import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { putMaster, seedCatalogue, serverTargets, startHeadOffice } from './harness/headOffice';
import { createBranchPcs, nextMillisecond, type Pc } from './harness/pc';

/**
 * The buyer's min/max set on one PC of a branch reaches the others, the later setting winning
 * (a clearing included); draft purchase orders made from the suggestions go through the outbox
 * like any purchase order and show on the other PC.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

const levelsOf = async (pc: Pc, productId: string, warehouseId: string) => {
  const row = (await pc.client['replenishment.suggestions']({ warehouseId, onlyNeeded: false })).rows.find((r) => r.productId === productId);
  return row ? { min: row.overrideMin, max: row.overrideMax, packs: row.suggestedPacks, supplierId: row.supplierId } : null;
};

for (const target of serverTargets(cleanups)) {
  describe(`replenishment on several PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('overrides merge by the later setting; orders made from the suggestions reach the other PC', async () => {
      const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
      cleanups.push(() => ho.stop());
      const [product] = await seedCatalogue(ho.url, 1);
      const productId = product?.id ?? '';
      await putMaster(ho.url, 'product_unit', randomUUID(), { productId, code: 'CS12', nameZh: '箱', nameEn: 'case', factor: 12, barcode: null });
      const supplierId = randomUUID();
      await putMaster(ho.url, 'supplier', supplierId, { code: 'SRP1', name: '广州饮品贸易有限公司', leadTimeDays: 3, active: true });
      await putMaster(ho.url, 'supplier_product', randomUUID(), {
        supplierId,
        productId,
        supplierItemCode: 'GZ-001',
        purchaseUnitCode: 'CS12',
        minOrderQty: 24,
        leadTimeDays: 5,
        lastCostFen: 1200,
        preferred: true,
        active: true,
      });
      const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'RP01', pcs: 2 });
      const [a, b] = branch.pcs as [Pc, Pc];
      for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
      await syncAll([a, b]);
      const warehouseId = (a.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;

      await a.client['replenishment.setPolicies']({ warehouseId, policies: [{ productId, minQty: 30, maxQty: 60 }] });
      await syncAll([a, b]);
      // Nothing on hand: up to 60 → 5 cases of 12, above the minimum of 24.
      expect(await levelsOf(b, productId, warehouseId)).toEqual({ min: 30, max: 60, packs: 5, supplierId });

      // Offline: A raises the levels, then B (later) clears them; B's clearing reaches head office first.
      await a.client['replenishment.setPolicies']({ warehouseId, policies: [{ productId, minQty: 100, maxQty: 200 }] });
      await nextMillisecond();
      await b.client['replenishment.setPolicies']({ warehouseId, policies: [{ productId, minQty: null, maxQty: null }] });
      await syncAll([b, a, b]);
      expect(await levelsOf(a, productId, warehouseId)).toMatchObject({ min: null, max: null });
      expect(await levelsOf(b, productId, warehouseId)).toMatchObject({ min: null, max: null });

      await b.client['replenishment.setPolicies']({ warehouseId, policies: [{ productId, minQty: 30, maxQty: 60 }] });
      const created = await b.client['replenishment.createOrders']({ warehouseId, lines: [{ productId, supplierId, packs: 5 }] });
      await syncAll([b, a]);
      const id = created.orders[0]?.id ?? '';
      const seenOnA = await a.client['purchasing.get']({ id });
      expect(seenOnA).toMatchObject({ status: 'draft', supplierId, totalQty: 60 });
      // On A the order is on order too, so nothing more is suggested there.
      expect(await levelsOf(a, productId, warehouseId)).toMatchObject({ min: 30, max: 60, packs: 0 });
    });
  });
}
