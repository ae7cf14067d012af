import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { admin, headOfficeView, putMaster, rows, seedCatalogue, serverTargets, startHeadOffice, type ServerTarget } from './harness/headOffice';
import { createBranchPcs, localBalances, localOpenExceptions, type Pc } from './harness/pc';
import { ledgerInvariantBroken } from '../helpers/testLedger';
import { refusal } from '../helpers/refusal';
import type { TransferRecordRow, TransitByBranch } from '../../src-server/admin/transferQueries';

/**
 * Branch A sends goods to branch B. Head office relays A's shipment to B's PCs; a B PC pulls it
 * and receives it offline, short by two (written off); the receipt syncs back so A sees it
 * received, and A closes it. Each side writes only its own part; pulling or pushing again
 * changes nothing, and a second receipt of the same transfer is refused at head office and
 * compensated on the PC that made it by a reversing document — in full, even where some of the
 * goods went out meanwhile: the lot below zero is then a stock exception until a receipt or a
 * count makes it good.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

/** Syncs each PC in turn; a rejection it already holds (the refused duplicate receipt) stays listed. */
async function syncSettled(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
}

const mainWarehouse = (pc: Pc) => (pc.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
const returnsWarehouse = (pc: Pc) => (pc.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'returns'").get() as { id: string }).id;

async function twoBranches(target: ServerTarget, tag: string) {
  const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
  cleanups.push(() => ho.stop());
  const [product] = await seedCatalogue(ho.url, 1, undefined, { lotTracked: true });
  if (!product) throw new Error('no product');
  await putMaster(ho.url, 'product_unit', randomUUID(), { productId: product.id, code: 'CS12', nameZh: '箱', nameEn: 'case', factor: 12, barcode: null });
  const a = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: `A${tag}`, pcs: 1 });
  const b = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: `B${tag}`, pcs: 2 });
  for (const pc of [...a.pcs, ...b.pcs]) cleanups.push(() => pc.dispose());
  const [sender] = a.pcs as [Pc];
  const [receiver, otherB] = b.pcs as [Pc, Pc];
  await syncAll([sender, receiver, otherB]);
  // Branch A has 36 bottles of lot L1 at 1.00 each.
  await sender.client['stock.receive']({ warehouseId: mainWarehouse(sender), lines: [{ productId: product.id, unitCode: 'EA', qty: 36, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 100 }] });
  return { ho, sender, receiver, otherB, productId: product.id, bCode: `B${tag}`, bId: b.branchId };
}

const seen = async (pc: Pc, id: string) => {
  const t = await pc.client['transfers.get']({ id });
  return {
    status: t.status,
    lines: t.lines.map((l) => [l.lotCode, l.qty, l.valueFen, l.receivedQty, l.disposition]),
    receipt: t.receipt && { warehouseName: t.receipt.warehouseName, receivedQty: t.receipt.receivedQty, writtenOffFen: t.receipt.writtenOffFen, documentNo: t.receipt.documentNo },
    events: t.events.map((e) => e.action),
  };
};

for (const target of targets) {
  describe(`stock transfers between branches [${target.kind}]`, { timeout: 120_000 }, () => {
    it('branch A sends, branch B pulls and receives offline (short two, written off), A sees it received and closes it', async () => {
      const { ho, sender, receiver, otherB, productId, bCode } = await twoBranches(target, 'T1');
      const sent = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: bCode, lines: [{ productId, unitCode: 'CS12', qty: 2 }], send: true });
      expect(sent).toMatchObject({ status: 'sent', direction: 'out', totalQty: 24, totalValueFen: 2400 });
      await syncAll([sender]);

      // Head office holds it in transit from A and shows it by branch.
      const listed = await admin<{ rows: TransferRecordRow[]; inTransit: TransitByBranch[] }>(ho.url, 'GET', '/admin/v1/transfers?inTransit=true');
      expect(listed.rows.map((r) => [r.docNo, r.fromBranchCode, r.toBranchCode, r.status, r.totalValueFen])).toEqual([[sent.docNo, 'AT1', bCode, 'sent', 2400]]);
      expect(listed.inTransit).toEqual([{ branchCode: 'AT1', transfers: 1, qty: 24, valueFen: 2400 }]);

      // B pulls it: incoming, in transit, its lot known there though B never held it.
      await syncAll([receiver]);
      const incoming = await receiver.client['transfers.get']({ id: sent.id });
      expect(incoming).toMatchObject({ status: 'sent', direction: 'in', fromBranchCode: 'AT1', allowedActions: ['receive'] });
      expect((await receiver.client['transfers.inTransit']({})).incoming).toEqual({ transfers: 1, qty: 24, valueFen: 2400 });
      expect((await receiver.client['transfers.list']({ direction: 'in' })).total).toBe(1);

      // Offline (no sync), B receives into its main warehouse: two bottles broken, written off.
      const line = incoming.lines[0]!;
      const got = await receiver.client['transfers.receive']({ id: sent.id, warehouseId: mainWarehouse(receiver), lines: [{ lineId: line.id, receivedQty: 22, reasonCode: 'damaged', disposition: 'write_off' }] });
      expect(got).toMatchObject({ status: 'received', receipt: { receivedQty: 22, writtenOffFen: 200 } });
      const onB = await receiver.client['stock.onHand']({ warehouseId: mainWarehouse(receiver), productId });
      expect(onB.rows.map((r) => [r.lotCode, r.expiryDate, r.qty, r.valueFen])).toEqual([['L1', '2027-06-01', 22, 2200]]);

      // Back online: A sees it received, with the write-off, and closes it; every PC agrees.
      await syncAll([receiver, sender]);
      expect(await seen(sender, sent.id)).toEqual(await seen(receiver, sent.id));
      expect((await sender.client['transfers.get']({ id: sent.id })).allowedActions).toEqual(['close']);
      await sender.client['transfers.close']({ id: sent.id, note: 'write-off agreed' });
      await syncAll([sender, receiver, otherB]);
      const final = await seen(receiver, sent.id);
      expect(final).toEqual({
        status: 'closed',
        lines: [['L1', 24, 2400, 22, 'write_off']],
        receipt: { warehouseName: expect.any(String), receivedQty: 22, writtenOffFen: 200, documentNo: got.receipt?.documentNo },
        events: ['create', 'send', 'receive', 'close'],
      });
      expect(await seen(sender, sent.id)).toEqual(final);
      expect(await seen(otherB, sent.id)).toEqual(final);
      expect(localBalances(otherB)).toEqual(localBalances(receiver));
      // A's stock left and stays gone; the sender's PC holds none of B's stock documents.
      expect((await sender.client['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty).toBe(12);
      expect(sender.app.db.$client.prepare("SELECT COUNT(*) AS n FROM stock_documents WHERE doc_type = 'transfer_in'").get()).toEqual({ n: 0 });

      const records = await rows<{ status: string; receipt_qty: string | number; written_off_fen: string | number }>(
        ho.opened.db,
        sql`SELECT status, receipt_qty, written_off_fen FROM transfer_records WHERE id = ${sent.id}`,
      );
      expect(records.map((r) => [r.status, Number(r.receipt_qty), Number(r.written_off_fen)])).toEqual([['closed', 22, 200]]);
      expect((await admin<{ rows: TransferRecordRow[]; inTransit: TransitByBranch[] }>(ho.url, 'GET', '/admin/v1/transfers?inTransit=true')).inTransit).toEqual([]);

      // Replay-safe: every PC pulls everything again and the receipt op is pushed once more: nothing changes.
      const before = [await seen(sender, sent.id), localBalances(receiver), localBalances(sender)];
      for (const pc of [sender, receiver, otherB]) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      const receiptOp = receiver.app.db.$client.prepare("SELECT args, hlc FROM sync_outbox WHERE name = 'transfers.receipt'").get() as { args: string; hlc: string };
      const rdb = receiver.app.db.$client;
      const seq = ((rdb.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number }).s ?? 0) + 1;
      rdb.prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at) VALUES (?, ?, 'transfers.receipt', 1, ?, ?, 0)").run(seq, randomUUID(), receiptOp.args, receiptOp.hlc);
      await syncAll([receiver, sender, otherB]);
      expect([await seen(sender, sent.id), localBalances(receiver), localBalances(sender)]).toEqual(before);
    });

    it('a second receipt of the same transfer, from another PC of B that also received it offline, is refused and compensated by a reversal on that PC; another branch cannot receive it; the branch directory refuses unknown and closed codes at the sender, and head office refuses them from a PC without it', async () => {
      const { ho, sender, receiver, otherB, productId, bCode, bId } = await twoBranches(target, 'T2');
      const sent = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: bCode, lines: [{ productId, unitCode: 'EA', qty: 10 }], send: true });
      await syncAll([sender, receiver, otherB]);
      const first = await receiver.client['transfers.receive']({ id: sent.id, warehouseId: mainWarehouse(receiver) });
      const second = await otherB.client['transfers.receive']({ id: sent.id, warehouseId: mainWarehouse(otherB) });
      // Offline, each PC took the ten bottles in.
      expect((await otherB.client['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty).toBe(10);
      await syncAll([receiver]);
      const status = await otherB.client['sync.now']({});
      expect(status.rejected).toEqual([expect.objectContaining({ name: 'transfers.receipt', code: 'CONFLICT' })]);

      // The second PC answered by itself: its goods-in reversed by a compensating document, the
      // accepted receipt in place of its own, the step on the transfer's tracking.
      const onOther = await otherB.client['transfers.get']({ id: sent.id });
      expect(onOther.receipt?.documentNo).toBe(first.receipt?.documentNo);
      const step = onOther.events.find((e) => e.action === 'duplicate_receipt');
      expect(step).toMatchObject({ documentNo: expect.stringMatching(/.+/) });
      expect(JSON.parse(step?.note ?? '{}')).toEqual({ acceptedDocumentNo: first.receipt?.documentNo, ownDocumentNo: second.receipt?.documentNo, shortfall: 0 });
      const reversal = otherB.app.db.$client.prepare("SELECT doc_no, reverses_document_id, total_qty FROM stock_documents WHERE doc_type = 'reversal'").all();
      const ownDocument = otherB.app.db.$client.prepare('SELECT id FROM stock_documents WHERE doc_no = ?').get(second.receipt?.documentNo) as { id: string };
      expect(reversal).toEqual([{ doc_no: step?.documentNo, reverses_document_id: ownDocument.id, total_qty: -10 }]);
      expect(otherB.app.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'transfers.duplicateReceipt'").get()).toEqual({ n: 1 });

      // The reversal syncs like any document: every PC of B and head office hold the ten bottles once.
      await otherB.client['sync.now']({});
      await syncAll([receiver]);
      await otherB.client['sync.now']({});
      for (const pc of [receiver, otherB]) expect((await pc.client['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty).toBe(10);
      expect(localBalances(otherB)).toEqual(localBalances(receiver));
      const view = await headOfficeView(ho.opened.db, bId);
      expect(view.balances).toEqual(localBalances(receiver));
      expect(view.openExceptions).toEqual([]);
      expect(await seen(otherB, sent.id)).toEqual({ ...(await seen(receiver, sent.id)), events: expect.arrayContaining(['duplicate_receipt']) });

      // Pulling everything again compensates nothing twice.
      otherB.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await otherB.client['sync.now']({});
      expect(otherB.app.db.$client.prepare("SELECT COUNT(*) AS n FROM stock_documents WHERE doc_type = 'reversal'").get()).toEqual({ n: 1 });
      expect(localBalances(otherB)).toEqual(localBalances(receiver));

      // A third branch holding the shipment cannot push a receipt of it.
      const c = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'CT2', pcs: 1 });
      const [far] = c.pcs as [Pc];
      cleanups.push(() => far.dispose());
      const op = receiver.app.db.$client.prepare("SELECT args, hlc FROM sync_outbox WHERE name = 'transfers.receipt'").get() as { args: string; hlc: string };
      const args = JSON.parse(op.args) as { receipt: { warehouseId: string } };
      args.receipt.warehouseId = mainWarehouse(far);
      const fdb = far.app.db.$client;
      const seq = ((fdb.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number | null }).s ?? 0) + 1;
      fdb.prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at) VALUES (?, ?, 'transfers.receipt', 1, ?, ?, 0)").run(seq, randomUUID(), JSON.stringify(args), op.hlc);
      expect((await far.client['sync.now']({})).rejected).toEqual([expect.objectContaining({ name: 'transfers.receipt', code: 'FORBIDDEN' })]);
      // Nor does a transfer to a branch code head office does not know get anywhere: the sender
      // holds head office's branch directory and refuses it before anything leaves.
      await syncAll([sender]);
      expect((await sender.client['transfers.branches']({})).rows.map((r) => [r.code, r.active])).toEqual([[bCode, true], ['CT2', true]]);
      const unknown = await refusal(sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'NOPE1', lines: [{ productId, unitCode: 'EA', qty: 1 }], send: true }));
      expect(unknown.code).toBe('TRANSFER_BRANCH_UNKNOWN');
      expect(unknown.payload.fields).toEqual([{ path: 'toBranchCode', code: 'TRANSFER_BRANCH_UNKNOWN', params: { code: 'NOPE1' } }]);
      // Head office closes branch C; once the directory flows down, a draft to it cannot be sent.
      const draft = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'CT2', lines: [{ productId, unitCode: 'EA', qty: 1 }] });
      await admin(ho.url, 'PUT', `/admin/v1/master/branch/${c.branchId}`, { fields: { active: false } });
      await syncAll([sender]);
      expect((await sender.client['transfers.branches']({})).rows.find((r) => r.code === 'CT2')?.active).toBe(false);
      expect((await refusal(sender.client['transfers.send']({ id: draft.id }))).code).toBe('TRANSFER_BRANCH_INACTIVE');
      expect((await sender.client['transfers.get']({ id: draft.id })).status).toBe('draft');
      // The directory's codes are the branches' own: head office refuses to change one.
      await expect(admin(ho.url, 'PUT', `/admin/v1/master/branch/${c.branchId}`, { fields: { code: 'ZZ9' } })).rejects.toThrow(/400|code/);
      // A code refused earlier by head office (a PC that had no directory yet) still shows as a rejection there.
      const fdb2 = sender.app.db.$client;
      fdb2.prepare('DELETE FROM branch_directory').run();
      expect((await sender.client['transfers.branches']({})).directoryReceived).toBe(false);
      await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'NOPE1', lines: [{ productId, unitCode: 'EA', qty: 1 }] });
      expect((await sender.client['sync.now']({})).rejected).toEqual([expect.objectContaining({ name: 'transfers.shipment', code: 'TRANSFER_BRANCH_UNKNOWN' })]);
      // So is sending goods to the branch head office closed, which such a PC lets through: the
      // draft stays a draft at head office and branch C never hears of it.
      expect((await sender.client['transfers.send']({ id: draft.id })).status).toBe('sent');
      const refused = (await sender.client['sync.now']({})).rejected;
      expect(refused[0]).toMatchObject({ name: 'transfers.shipment', code: 'TRANSFER_BRANCH_INACTIVE', message: expect.stringContaining('CT2 is closed') });
      const stored = await rows<{ status: string }>(ho.opened.db, sql`SELECT status FROM transfer_records WHERE id = ${draft.id}`);
      expect(stored.map((r) => r.status)).toEqual(['draft']);
      await far.client['sync.now']({});
      expect((await far.client['transfers.list']({ direction: 'in' })).total).toBe(0);
    });

    it('a duplicate receipt whose goods were partly issued already is reversed in full: the lot below zero opens exactly one stock exception, seen at head office and on the branch, and a later receipt resolves it', async () => {
      const { ho, sender, receiver, otherB, productId, bId } = await twoBranches(target, 'T3');
      const sent = await sender.client['transfers.create']({ fromWarehouseId: mainWarehouse(sender), toBranchCode: 'BT3', lines: [{ productId, unitCode: 'EA', qty: 10 }], send: true });
      await syncAll([sender, receiver, otherB]);
      // Offline, one PC takes the ten bottles into the main warehouse, the other into the returns
      // area, where six of them are written off before it syncs.
      const first = await receiver.client['transfers.receive']({ id: sent.id, warehouseId: mainWarehouse(receiver) });
      const returnsArea = returnsWarehouse(otherB);
      await otherB.client['transfers.receive']({ id: sent.id, warehouseId: returnsArea });
      const [lot] = (await otherB.client['stock.onHand']({ warehouseId: returnsArea, productId })).rows;
      await otherB.client['stock.adjust']({ warehouseId: returnsArea, reasonCode: 'damage', lines: [{ productId, unitCode: 'EA', qty: -6, lotId: lot?.lotId ?? undefined }] });
      await syncAll([receiver]);
      expect((await otherB.client['sync.now']({})).rejected).toEqual([expect.objectContaining({ name: 'transfers.receipt', code: 'CONFLICT' })]);

      // All ten are taken back, though only four were left: the returns area stands at −6, the
      // step says so, and the ledger still adds up (movements = balances = cost layers).
      const step = (await otherB.client['transfers.get']({ id: sent.id })).events.find((e) => e.action === 'duplicate_receipt');
      expect(JSON.parse(step?.note ?? '{}')).toMatchObject({ acceptedDocumentNo: first.receipt?.documentNo, shortfall: 6 });
      const reversal = otherB.app.db.$client.prepare("SELECT total_qty FROM stock_documents WHERE doc_type = 'reversal'").all();
      expect(reversal).toEqual([{ total_qty: -10 }]);
      const inReturns = async (pc: Pc) => (await pc.client['stock.onHand']({ warehouseId: returnsWarehouse(pc), productId })).rows.map((r) => [r.lotCode, r.qty]);
      // The FIFO layers hold the six short at the cost they came in at, for the next goods in to fill.
      const layersIn = (pc: Pc) => pc.app.db.$client.prepare('SELECT SUM(qty_remaining) AS qty, SUM(value_remaining_fen) AS value FROM cost_layers WHERE warehouse_id = ?').get(returnsWarehouse(pc));
      expect(await inReturns(otherB)).toEqual([['L1', -6]]);
      expect(layersIn(otherB)).toEqual({ qty: -6, value: -600 });
      expect(ledgerInvariantBroken(otherB)).toEqual([]);
      // The same sync run that pushed the reversal brought back the exception it opened.
      expect(localOpenExceptions(otherB)).toEqual([expect.objectContaining({ qty: -6 })]);

      // Head office, once the reversal arrived, holds exactly one open exception for it; it flows
      // down to both PCs of the branch, which agree with head office on every balance.
      const view = await headOfficeView(ho.opened.db, bId);
      const key = `${returnsArea}|${productId}|${lot?.lotId}`;
      expect(view.openExceptions).toEqual([{ key, qty: -6, id: expect.any(String) }]);
      await syncSettled([otherB, receiver]);
      for (const pc of [receiver, otherB]) {
        expect(localOpenExceptions(pc)).toEqual(view.openExceptions);
        expect(localBalances(pc)).toEqual(view.balances);
        expect(ledgerInvariantBroken(pc)).toEqual([]);
        expect((await pc.client['sync.status']({})).openExceptions).toEqual([expect.objectContaining({ lotCode: 'L1', qty: -6 })]);
      }
      expect(await inReturns(receiver)).toEqual([['L1', -6]]);
      expect(layersIn(receiver)).toEqual({ qty: -6, value: -600 });
      // Syncing again opens nothing more.
      await syncSettled([otherB, receiver]);
      expect((await headOfficeView(ho.opened.db, bId)).openExceptions).toEqual(view.openExceptions);

      // The six bottles are found and booked into the returns area: the exception is resolved everywhere.
      await otherB.client['stock.receive']({ warehouseId: returnsArea, lines: [{ productId, unitCode: 'EA', qty: 6, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 100 }] });
      await syncSettled([otherB, receiver]);
      const resolved = await headOfficeView(ho.opened.db, bId);
      expect(resolved.openExceptions).toEqual([]);
      const statuses = await rows<{ status: string }>(ho.opened.db, sql`SELECT status FROM stock_exceptions WHERE branch_id = ${bId}`);
      expect(statuses.map((r) => r.status)).toEqual(['resolved']);
      for (const pc of [receiver, otherB]) {
        expect(localOpenExceptions(pc)).toEqual([]);
        expect(localBalances(pc)).toEqual(resolved.balances);
        expect(ledgerInvariantBroken(pc)).toEqual([]);
        expect(await inReturns(pc)).toEqual([]);
        expect(layersIn(pc)).toEqual({ qty: 0, value: 0 });
      }
    });
  });
}
