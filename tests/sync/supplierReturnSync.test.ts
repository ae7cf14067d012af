import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { putMaster, rows, seedCatalogue, serverTargets, startHeadOffice, type ServerTarget } from './harness/headOffice';
import { createBranchPcs, localBalances, nextMillisecond, type Pc } from './harness/pc';

/**
 * A supplier return made on the warehouse PC of a branch reaches its other PC and head office:
 * the goods leaving (a stock document), every step of the claim, and a snapshot from a PC that
 * was behind never undoes a later step. A branch cannot push another branch's return.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

async function returnsBranch(target: ServerTarget, code: string) {
  const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
  cleanups.push(() => ho.stop());
  const [product] = await seedCatalogue(ho.url, 1, undefined, { lotTracked: true });
  if (!product) throw new Error('no product');
  const supplierId = randomUUID();
  await putMaster(ho.url, 'supplier', supplierId, { code: `S${code}`, name: '广州饮品贸易有限公司', active: true });
  const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code, pcs: 2 });
  const [office, warehouse] = branch.pcs as [Pc, Pc];
  for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
  await syncAll([office, warehouse]);
  const warehouseId = (warehouse.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
  await warehouse.client['stock.receive']({
    warehouseId,
    supplierId,
    lines: [{ productId: product.id, unitCode: 'EA', qty: 100, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 120 }],
  });
  const lotId = (warehouse.app.db.$client.prepare("SELECT id FROM lots WHERE lot_code = 'L1'").get() as { id: string }).id;
  await syncAll([warehouse, office]);
  return { ho, office, warehouse, warehouseId, supplierId, productId: product.id, lotId };
}

const seen = async (pc: Pc, id: string) => {
  const r = await pc.client['supplierReturns.get']({ id });
  return { status: r.status, claimFen: r.claimFen, creditedFen: r.creditedFen, reference: r.reference, document: r.document?.docNo ?? null, lines: r.lines.map((l) => [l.lotCode, l.qty, l.valueFen]), events: r.events.map((e) => e.action) };
};

for (const target of targets) {
  describe(`supplier returns across PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('sent on the warehouse PC, accepted in the office and credited back on the warehouse PC: both PCs and head office agree', async () => {
      const { ho, office, warehouse, warehouseId, supplierId, productId, lotId } = await returnsBranch(target, 'SR01');
      const draft = await warehouse.client['supplierReturns.create']({ supplierId, warehouseId, lines: [{ productId, lotId, unitCode: 'EA', qty: 30, reasonCode: 'quality' }] });
      await warehouse.client['supplierReturns.send']({ id: draft.id });
      await syncAll([warehouse, office]);
      expect(await seen(office, draft.id)).toEqual(await seen(warehouse, draft.id));
      expect(localBalances(office)).toEqual(localBalances(warehouse));
      expect([...localBalances(office).values()]).toEqual([70]);

      await office.client['supplierReturns.accept']({ id: draft.id, reference: 'RMA-1' });
      await syncAll([office, warehouse]);
      await warehouse.client['supplierReturns.credit']({ id: draft.id, creditedFen: 3000 });
      await syncAll([warehouse, office]);
      const onOffice = await seen(office, draft.id);
      expect(onOffice).toEqual({
        status: 'credited',
        claimFen: 3600,
        creditedFen: 3000,
        reference: 'RMA-1',
        document: expect.stringMatching(/-RTV-2026-000001$/),
        lines: [['L1', 30, 3600]],
        events: ['create', 'send', 'accept', 'credit'],
      });
      expect(onOffice).toEqual(await seen(warehouse, draft.id));

      const records = await rows<{ status: string; claim_fen: string | number; credited_fen: string | number }>(
        ho.opened.db,
        sql`SELECT status, claim_fen, credited_fen FROM supplier_return_records WHERE supplier_id = ${supplierId}`,
      );
      expect(records.map((r) => [r.status, Number(r.claim_fen), Number(r.credited_fen)])).toEqual([['credited', 3600, 3000]]);
      const issued = await rows<{ qty: string | number }>(
        ho.opened.db,
        sql`SELECT SUM(m.qty) AS qty FROM documents d JOIN movements m ON m.document_id = d.id WHERE d.doc_type = 'supplier_return' AND d.doc_no = ${onOffice.document}`,
      );
      expect(issued.map((d) => Number(d.qty))).toEqual([-30]);

      // Pulling everything again changes nothing.
      const before = [await seen(office, draft.id), await seen(warehouse, draft.id)];
      for (const pc of [office, warehouse]) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([office, warehouse]);
      expect([await seen(office, draft.id), await seen(warehouse, draft.id)]).toEqual(before);
    });

    it('a return changed on two PCs offline keeps the later snapshot and every tracking step of both; another branch cannot push it', async () => {
      const { ho, office, warehouse, warehouseId, supplierId, productId, lotId } = await returnsBranch(target, 'SR02');
      const draft = await warehouse.client['supplierReturns.create']({ supplierId, warehouseId, lines: [{ productId, lotId, unitCode: 'EA', qty: 10, reasonCode: 'damaged' }] });
      await warehouse.client['supplierReturns.send']({ id: draft.id });
      await syncAll([warehouse, office]);
      // Offline: the warehouse PC records the RMA, then the office (later) records the supplier's refusal.
      await warehouse.client['supplierReturns.accept']({ id: draft.id, reference: 'RMA-9' });
      await nextMillisecond();
      await office.client['supplierReturns.reject']({ id: draft.id, note: '批次不符' });
      await syncAll([warehouse, office, warehouse]);
      const onWarehouse = await seen(warehouse, draft.id);
      expect(onWarehouse).toEqual(await seen(office, draft.id));
      expect(onWarehouse.status).toBe('rejected');
      expect([...onWarehouse.events].sort()).toEqual(['accept', 'create', 'reject', 'send']);

      // A PC of another branch pushing this branch's return is refused, and head office keeps it as it was.
      const other = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'SR03', pcs: 1 });
      const [far] = other.pcs as [Pc];
      cleanups.push(() => far.dispose());
      const op = warehouse.app.db.$client.prepare("SELECT args, hlc FROM sync_outbox WHERE name = 'returns.supplier' ORDER BY seq DESC LIMIT 1").get() as { args: string; hlc: string };
      const forged = JSON.parse(op.args) as { supplierReturn: { status: string; hlc: string } };
      forged.supplierReturn.status = 'cancelled';
      forged.supplierReturn.hlc = `9${forged.supplierReturn.hlc.slice(1)}`;
      const seq = (far.app.db.$client.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM sync_outbox').get() as { seq: number }).seq;
      far.app.db.$client
        .prepare('INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at, acked_at) VALUES (?, ?, ?, 1, ?, ?, 0, NULL)')
        .run(seq, randomUUID(), 'returns.supplier', JSON.stringify(forged), op.hlc);
      const status = await far.client['sync.now']({});
      expect(status.rejected.map((r) => [r.name, r.code])).toEqual([['returns.supplier', 'FORBIDDEN']]);
      const records = await rows<{ status: string }>(ho.opened.db, sql`SELECT status FROM supplier_return_records WHERE supplier_id = ${supplierId}`);
      expect(records.map((r) => r.status)).toEqual(['rejected']);
    });
  });
}
