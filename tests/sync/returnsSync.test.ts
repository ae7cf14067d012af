import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { admin, rows, serverTargets } from './harness/headOffice';
import { localBalances, type Pc } from './harness/pc';
import { salesBranchWith, syncAll } from './harness/salesBranch';
import type { ReceivableRow } from '../../src-server/admin/salesQueries';

/**
 * A customer return taken at the desk is received and inspected on the warehouse PC and credited
 * at the desk: both PCs see every step, their stock agrees, and head office holds the return and
 * its credit note and takes the credit off the customer's receivable.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);
const salesBranch = salesBranchWith(cleanups);

const seen = async (pc: Pc, id: string) => {
  const r = await pc.client['returns.get']({ id });
  return {
    status: r.status,
    lines: r.lines.map((l) => [l.qty, l.restockQty, l.scrapQty, l.creditedQty]),
    events: r.events.map((e) => e.action),
    documents: r.documents.map((d) => [d.docNo, d.qty, d.valueFen]),
    creditNote: r.creditNote ? [r.creditNote.docNo, r.creditNote.grossFen, r.creditNote.applied.length] : null,
  };
};

for (const target of targets) {
  describe(`customer returns across PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('a return made at the desk is received on the warehouse PC and credited; both PCs and head office agree on stock and receivables', async () => {
      const { ho, desk, warehouse, warehouseId, productId, customerId } = await salesBranch(target, 'RT01');
      const order = await desk.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 40 }], confirm: true });
      await desk.client['sales.allocate']({ id: order.id });
      await syncAll([desk, warehouse]);
      await warehouse.client['sales.deliver']({ id: order.id });
      await warehouse.client['sales.invoice']({ id: order.id });
      await syncAll([warehouse, desk]);

      const delivery = (await desk.client['returns.deliveries']({ customerId })).rows[0];
      const line = delivery?.lines[0];
      expect(line).toMatchObject({ delivered: 40, returnable: 40 });
      const created = await desk.client['returns.create']({
        customerId,
        deliveryId: delivery?.deliveryId ?? '',
        lines: [{ deliveryLineId: line?.deliveryLineId ?? '', productId, unitCode: 'EA', qty: 10, reasonCode: 'damaged', note: '' }],
      });
      await syncAll([desk, warehouse]);
      // The other PC knows the return, and what is left to return of the delivery.
      expect((await warehouse.client['returns.deliveries']({ customerId })).rows[0]?.lines[0]).toMatchObject({ returned: 10, returnable: 30 });

      const received = await warehouse.client['returns.receive']({ id: created.id });
      await warehouse.client['returns.inspect']({ id: created.id, lines: [{ lineId: received.lines[0]?.id ?? '', restockQty: 8, quarantineQty: 0, scrapQty: 2, supplierQty: 0 }] });
      await syncAll([warehouse, desk]);
      await desk.client['returns.settle']({ id: created.id, settlement: 'credit' });
      await syncAll([desk, warehouse]);

      const onDesk = await seen(desk, created.id);
      expect(onDesk).toMatchObject({ status: 'settled', lines: [[10, 8, 2, 10]], events: ['create', 'receive', 'inspect', 'settle'] });
      expect(onDesk.creditNote).toEqual([expect.stringContaining('-CN-'), 2825, 1]);
      expect(await seen(warehouse, created.id)).toEqual(onDesk);
      expect(localBalances(desk)).toEqual(localBalances(warehouse));
      // 40 × 2.50 + 13 % = 113.00 invoiced, 10 back: 28.25 credited.
      for (const pc of [desk, warehouse]) expect((await pc.client['customers.get']({ id: customerId })).credit?.receivableFen).toBe(11300 - 2825);

      const records = await rows<{ kind: string; status: string | null; amount_fen: string | number }>(
        ho.opened.db,
        sql`SELECT kind, status, amount_fen FROM sales_records WHERE customer_id = ${customerId} AND kind IN ('return', 'credit_note') ORDER BY kind`,
      );
      expect(records.map((r) => [r.kind, r.status, Number(r.amount_fen)])).toEqual([
        ['credit_note', 'credit', 2825],
        ['return', 'settled', 2825],
      ]);
      const receivables = await admin<{ rows: ReceivableRow[] }>(ho.url, 'GET', '/admin/v1/receivables');
      expect(receivables.rows).toEqual([expect.objectContaining({ customerId, invoicedFen: 11300, creditedFen: 2825, balanceFen: 11300 - 2825 })]);

      // Pulling everything again changes nothing on either PC.
      for (const pc of [desk, warehouse]) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([desk, warehouse]);
      expect(await seen(warehouse, created.id)).toEqual(onDesk);
    });

    it('the return policy head office sets reaches the branch: a return outside its window waits for a manager', async () => {
      const { ho, desk, warehouseId, productId, customerId } = await salesBranch(target, 'RT03');
      await admin(ho.url, 'PUT', `/admin/v1/master/return_window/${randomUUID()}`, { fields: { customerClass: null, categoryId: null, windowDays: 7 } });
      await syncAll([desk]);
      const today = (await desk.client['periods.get']({})).today;
      const tenDaysAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
      const order = await desk.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 5 }], confirm: true });
      await desk.client['sales.allocate']({ id: order.id });
      await desk.client['sales.deliver']({ id: order.id, businessDate: tenDaysAgo });
      const delivery = (await desk.client['returns.deliveries']({ customerId })).rows[0];
      expect(delivery).toMatchObject({ businessDate: tenDaysAgo, windowDays: 7, withinWindow: false });
      const created = await desk.client['returns.create']({
        customerId,
        deliveryId: delivery?.deliveryId ?? '',
        lines: [{ deliveryLineId: delivery?.lines[0]?.deliveryLineId ?? '', productId, unitCode: 'EA', qty: 1, reasonCode: 'quality', note: '' }],
      });
      expect(created.status).toBe('pending_approval');
      expect(created.approvalReasons).toEqual([expect.objectContaining({ code: 'outside_window' })]);
    });

    it("a period locked on one PC closes it on the branch's other PCs", async () => {
      const { desk, warehouse, warehouseId, productId } = await salesBranch(target, 'RT02');
      const today = (await desk.client['periods.get']({})).today;
      await desk.client['periods.lock']({ lockedThrough: today });
      await syncAll([desk, warehouse]);
      expect(await warehouse.client['periods.get']({})).toMatchObject({ lockedThrough: today });
      await expect(warehouse.client['stock.receive']({ warehouseId, lines: [{ productId, unitCode: 'EA', qty: 1, unitCostFen: 120 }] })).rejects.toMatchObject({
        payload: { code: 'PERIOD_LOCKED' },
      });
    });
  });
}
