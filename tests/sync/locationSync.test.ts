import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalogue, serverTargets, startHeadOffice } from './harness/headOffice';
import { createBranchPcs, nextMillisecond, type Pc } from './harness/pc';

/** Bins set on one PC of a branch reach the others; the later setting wins, a clearing included. */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

const binOf = async (pc: Pc, productId: string, warehouseId: string) =>
  (await pc.client['products.get']({ id: productId })).locations.find((l) => l.warehouseId === warehouseId)?.location ?? null;

for (const target of serverTargets(cleanups)) {
  describe(`bin locations on several PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('a bin set on one PC shows on the other, and a later clearing is not undone by an earlier setting arriving after it', async () => {
      const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
      cleanups.push(() => ho.stop());
      const [product] = await seedCatalogue(ho.url, 1);
      const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'BN01', pcs: 2 });
      const [a, b] = branch.pcs as [Pc, Pc];
      for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
      await syncAll([a, b]);
      const productId = product?.id ?? '';
      const warehouseId = (a.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;

      await a.client['products.setLocation']({ productId, warehouseId, location: 'A-01-03' });
      await syncAll([a, b]);
      expect(await binOf(b, productId, warehouseId)).toBe('A-01-03');

      // Offline: A moves it, then B (later) clears it. B's clearing reaches head office first.
      await a.client['products.setLocation']({ productId, warehouseId, location: 'B-02-01' });
      await nextMillisecond();
      await b.client['products.setLocation']({ productId, warehouseId, location: '' });
      await syncAll([b, a, b]);
      expect(await binOf(a, productId, warehouseId)).toBeNull();
      expect(await binOf(b, productId, warehouseId)).toBeNull();

      await a.client['products.setLocation']({ productId, warehouseId, location: 'C-03-02' });
      await syncAll([a, b]);
      expect(await binOf(b, productId, warehouseId)).toBe('C-03-02');
    });
  });
}
