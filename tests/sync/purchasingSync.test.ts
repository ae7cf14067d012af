import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { admin, putMaster, rows, seedCatalogue, serverTargets, startHeadOffice, type ServerTarget } from './harness/headOffice';
import { createBranchPcs, localBalances, type Pc } from './harness/pc';
import type { PurchaseRow } from '../../src-server/admin/purchaseQueries';

/**
 * The office PC orders from a supplier on head office's terms; the warehouse PC receives the
 * goods against the order. After sync both PCs see the same order, receipts and stock, and head
 * office holds the order in its latest state; a branch cannot push another branch's order.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

async function purchasingBranch(target: ServerTarget, code: string) {
  const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
  cleanups.push(() => ho.stop());
  const [product] = await seedCatalogue(ho.url, 1);
  if (!product) throw new Error('no product');
  await putMaster(ho.url, 'product_unit', randomUUID(), { productId: product.id, code: 'CS12', nameZh: '箱', nameEn: 'case', factor: 12, barcode: null });
  const supplierId = randomUUID();
  await putMaster(ho.url, 'supplier', supplierId, { code: `S${code}`, name: '广州饮品贸易有限公司', leadTimeDays: 3, active: true });
  const termsId = randomUUID();
  await putMaster(ho.url, 'supplier_product', termsId, {
    supplierId,
    productId: product.id,
    supplierItemCode: 'GZ-001',
    purchaseUnitCode: 'CS12',
    minOrderQty: 24,
    leadTimeDays: 5,
    lastCostFen: 1200,
    preferred: true,
    active: true,
  });
  const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code, pcs: 2 });
  const [office, warehouse] = branch.pcs as [Pc, Pc];
  for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
  await syncAll([office, warehouse]);
  const warehouseId = (office.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
  return { ho, office, warehouse, warehouseId, productId: product.id, supplierId, termsId };
}

const seen = async (pc: Pc, id: string) => {
  const o = await pc.client['purchasing.get']({ id });
  return {
    status: o.status,
    lines: o.lines.map((l) => [l.qty, l.received, l.open]),
    events: o.events.map((e) => e.action),
    receipts: o.receipts.map((r) => r.docNo),
  };
};

for (const target of targets) {
  describe(`purchasing across PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('a purchase order made on the office PC is received on the warehouse PC; both PCs and head office agree', async () => {
      const { ho, office, warehouse, warehouseId, productId, supplierId } = await purchasingBranch(target, 'PO01');
      // Head office's terms reached the branch.
      const terms = await office.client['purchasing.productTerms']({ supplierId, productId });
      expect(terms).toMatchObject({ supplierItemCode: 'GZ-001', purchaseUnitCode: 'CS12', packFactor: 12, minOrderQty: 24, leadTimeDays: 5, lastCostFen: 1200 });

      const po = await office.client['purchasing.create']({ supplierId, warehouseId, lines: [{ productId, unitCode: 'CS12', qty: 3 }], send: true });
      expect(po).toMatchObject({ status: 'sent', totalQty: 36, totalValueFen: 3600 });
      await syncAll([office, warehouse]);
      expect(await seen(warehouse, po.id)).toEqual(await seen(office, po.id));

      const got = await warehouse.client['purchasing.receive']({ id: po.id, lines: [{ productId, unitCode: 'CS12', qty: 2 }] });
      expect(got.order.status).toBe('partly_received');
      await syncAll([warehouse, office]);
      const onOffice = await seen(office, po.id);
      expect(onOffice).toEqual({ status: 'partly_received', lines: [[36, 24, 12]], events: ['create', 'send', 'receive'], receipts: [got.receipt.docNo] });
      expect(onOffice).toEqual(await seen(warehouse, po.id));
      expect(localBalances(office)).toEqual(localBalances(warehouse));

      // The office closes the rest short; the warehouse PC learns it.
      await office.client['purchasing.close']({ id: po.id, note: 'rest not available' });
      await syncAll([office, warehouse]);
      expect(await seen(warehouse, po.id)).toMatchObject({ status: 'closed', lines: [[36, 24, 0]], events: ['create', 'send', 'receive', 'close'] });

      const records = await rows<{ doc_no: string; status: string; total_value_fen: string | number }>(
        ho.opened.db,
        sql`SELECT doc_no, status, total_value_fen FROM purchase_records WHERE id = ${po.id}`,
      );
      expect(records.map((r) => [r.doc_no, r.status, Number(r.total_value_fen)])).toEqual([[po.docNo, 'closed', 3600]]);
      // Head office's list of every branch's purchase orders shows it, with the supplier's name.
      const listed = await admin<{ rows: PurchaseRow[]; total: { rows: number; valueFen: number } }>(ho.url, 'GET', `/admin/v1/purchasing?q=${encodeURIComponent(po.docNo)}`);
      expect(listed.rows.map((r) => [r.branchCode, r.docNo, r.supplierName, r.status, r.totalValueFen])).toEqual([['PO01', po.docNo, '广州饮品贸易有限公司', 'closed', 3600]]);
      expect((await admin<{ rows: PurchaseRow[] }>(ho.url, 'GET', '/admin/v1/purchasing?status=sent')).rows).toEqual([]);
      const receipt = await rows<{ doc_type: string }>(ho.opened.db, sql`SELECT doc_type FROM documents WHERE id = ${got.receipt.id}`);
      expect(receipt.map((r) => r.doc_type)).toEqual(['receipt']);

      // Pulling everything again changes nothing.
      const before = [await seen(office, po.id), await seen(warehouse, po.id)];
      for (const pc of [office, warehouse]) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([office, warehouse]);
      expect([await seen(office, po.id), await seen(warehouse, po.id)]).toEqual(before);
    });

    it('terms head office changes reach the branch; another branch cannot push this branch’s order', async () => {
      const { ho, office, warehouseId, productId, supplierId, termsId } = await purchasingBranch(target, 'PO02');
      await putMaster(ho.url, 'supplier_product', termsId, { lastCostFen: 1260, minOrderQty: 36 });
      await syncAll([office]);
      expect(await office.client['purchasing.productTerms']({ supplierId, productId })).toMatchObject({ lastCostFen: 1260, minOrderQty: 36 });

      const po = await office.client['purchasing.create']({ supplierId, warehouseId, lines: [{ productId, unitCode: 'CS12', qty: 3 }] });
      await syncAll([office]);
      // A PC of another branch that somehow holds the order's snapshot pushes it: refused, not taken over.
      const other = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'PO03', pcs: 1 });
      const [far] = other.pcs as [Pc];
      cleanups.push(() => far.dispose());
      const op = office.app.db.$client.prepare("SELECT args, hlc FROM sync_outbox WHERE name = 'purchasing.order' ORDER BY seq DESC LIMIT 1").get() as { args: string; hlc: string };
      const farDb = far.app.db.$client;
      const seq = ((farDb.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number | null }).s ?? 0) + 1;
      farDb
        .prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at) VALUES (?, ?, 'purchasing.order', 1, ?, ?, 0)")
        .run(seq, randomUUID(), op.args, op.hlc);
      const status = await far.client['sync.now']({});
      expect(status.rejected).toEqual([expect.objectContaining({ name: 'purchasing.order', code: 'FORBIDDEN' })]);
      const records = await rows<{ branch_id: string; status: string }>(ho.opened.db, sql`SELECT branch_id, status FROM purchase_records WHERE id = ${po.id}`);
      expect(records).toHaveLength(1);
      expect(records[0]?.status).toBe('draft');
    });
  });
}
