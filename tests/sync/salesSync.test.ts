import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { admin, putMaster, rows, serverTargets } from './harness/headOffice';
import { createBranchPcs, localBalances, nextMillisecond, type Pc } from './harness/pc';
import { salesBranchWith, syncAll } from './harness/salesBranch';
import type { ReceivableRow, SalesRow } from '../../src-server/admin/salesQueries';

/**
 * The sales desk takes an order on one PC of a branch and the warehouse PC delivers and invoices
 * it: each sees every step after sync, head office holds the order, its invoice and the payment,
 * and a snapshot from a PC that was behind never undoes a later step.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);
const salesBranch = salesBranchWith(cleanups);

const seen = async (pc: Pc, id: string) => {
  const o = await pc.client['sales.get']({ id });
  return {
    status: o.status,
    lines: o.lines.map((l) => [l.qty, l.allocated, l.delivered, l.invoiced]),
    events: o.events.map((e) => e.action),
    invoices: o.invoices.map((i) => [i.docNo, i.grossFen, i.openFen]),
    deliveries: o.deliveries.map((d) => d.docNo),
  };
};

for (const target of targets) {
  describe(`sales across PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('an order taken at the desk is delivered and invoiced on the warehouse PC and paid at the desk; both PCs and head office agree', async () => {
      const { ho, desk, warehouse, warehouseId, productId, customerId } = await salesBranch(target, 'SL01');
      const order = await desk.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 40 }], confirm: true });
      expect(order.status).toBe('confirmed');
      await desk.client['sales.allocate']({ id: order.id });
      await syncAll([desk, warehouse]);
      expect(await seen(warehouse, order.id)).toEqual(await seen(desk, order.id));

      await warehouse.client['sales.deliver']({ id: order.id });
      await warehouse.client['sales.invoice']({ id: order.id });
      await syncAll([warehouse, desk]);
      const afterInvoice = await seen(desk, order.id);
      expect(afterInvoice).toMatchObject({ status: 'invoiced', lines: [[40, 0, 40, 40]], events: ['create', 'confirm', 'allocate', 'deliver', 'invoice'] });
      expect(afterInvoice).toEqual(await seen(warehouse, order.id));
      expect(localBalances(desk)).toEqual(localBalances(warehouse));
      // 40 × 2.50 + 13 % VAT.
      expect((await desk.client['customers.get']({ id: customerId })).credit?.receivableFen).toBe(11300);

      await desk.client['sales.receivePayment']({ customerId, amountFen: 11300, method: 'transfer', reference: 'BANK-7' });
      await syncAll([desk, warehouse]);
      expect((await seen(warehouse, order.id)).status).toBe('paid');
      expect((await warehouse.client['customers.get']({ id: customerId })).credit?.receivableFen).toBe(0);

      const records = await rows<{ kind: string; status: string | null; amount_fen: string | number }>(
        ho.opened.db,
        sql`SELECT kind, status, amount_fen FROM sales_records WHERE customer_id = ${customerId} ORDER BY kind`,
      );
      expect(records.map((r) => [r.kind, r.status, Number(r.amount_fen)])).toEqual([
        ['invoice', null, 11300],
        ['order', 'paid', 11300],
        ['payment', null, 11300],
      ]);

      // Pulling everything again changes nothing on either PC.
      const before = [await seen(desk, order.id), await seen(warehouse, order.id)];
      for (const pc of [desk, warehouse]) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([desk, warehouse]);
      expect([await seen(desk, order.id), await seen(warehouse, order.id)]).toEqual(before);
    });

    it('an order changed on two PCs offline keeps the later snapshot and every tracking step of both', async () => {
      const { desk, warehouse, warehouseId, productId, customerId } = await salesBranch(target, 'SL02');
      const order = await desk.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 10 }] });
      await syncAll([desk, warehouse]);
      // Offline: the desk amends the quote, then the warehouse PC (later) confirms it as it knew it.
      await desk.client['sales.amend']({ id: order.id, customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 12 }] });
      await nextMillisecond();
      await warehouse.client['sales.confirm']({ id: order.id });
      await syncAll([desk, warehouse, desk]);
      const onDesk = await seen(desk, order.id);
      expect(onDesk).toEqual(await seen(warehouse, order.id));
      expect(onDesk.status).toBe('confirmed');
      expect([...onDesk.events].sort()).toEqual(['amend', 'confirm', 'create']);
    });

    it('a price head office changes reaches the branch PCs by sync and prices their next order; a refused price changes nothing', async () => {
      const { ho, desk, warehouseId, productId, customerId, priceItemId } = await salesBranch(target, 'SL03');
      const price = async () => (await desk.client['sales.productTerms']({ customerId, productId, warehouseId })).units.map((u) => [u.unitCode, u.priceFen, u.source]);
      expect(await price()).toEqual([['EA', 250, 'standard']]);

      await putMaster(ho.url, 'price_list_item', priceItemId, { priceFen: 275 });
      await expect(putMaster(ho.url, 'price_list_item', priceItemId, { priceFen: -1 })).rejects.toThrow(/400/);
      await syncAll([desk]);
      expect(await price()).toEqual([['EA', 275, 'standard']]);
      const order = await desk.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 10 }] });
      expect(order.lines.map((l) => [l.unitPriceFen, l.netFen, l.priceSource])).toEqual([[275, 2750, 'standard']]);

      // A price for this customer alone comes before the standard list.
      await putMaster(ho.url, 'customer_price', randomUUID(), { customerId, productId, unitCode: 'EA', priceFen: 240 });
      await syncAll([desk]);
      expect(await price()).toEqual([['EA', 240, 'customer']]);
    });

    it("head office lists every branch's orders, invoices and payments and each customer's receivable across branches", async () => {
      const { ho, desk, warehouse, warehouseId, productId, customerId } = await salesBranch(target, 'SL04');
      const other = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'SL05', pcs: 1 });
      const [far] = other.pcs as [Pc];
      cleanups.push(() => far.dispose());
      const farWarehouse = (far.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
      await far.client['stock.receive']({ warehouseId: farWarehouse, lines: [{ productId, unitCode: 'EA', qty: 50, unitCostFen: 120 }] });

      const sell = async (pc: Pc, wh: string, qty: number) => {
        const order = await pc.client['sales.create']({ customerId, warehouseId: wh, lines: [{ productId, unitCode: 'EA', qty }], confirm: true });
        await pc.client['sales.allocate']({ id: order.id });
        await pc.client['sales.deliver']({ id: order.id });
        await pc.client['sales.invoice']({ id: order.id });
        return order;
      };
      const near = await sell(desk, warehouseId, 40); // 40 × 2.50 + 13 % = 113.00
      await sell(far, farWarehouse, 20); // 56.50
      await desk.client['sales.receivePayment']({ customerId, amountFen: 5000, method: 'cash', reference: '' });
      await syncAll([desk, far, warehouse]);

      const sales = await admin<{ rows: SalesRow[]; total: { rows: number } }>(ho.url, 'GET', '/admin/v1/sales');
      expect(sales.total.rows).toBe(5);
      expect(sales.rows.map((r) => [r.branchCode, r.kind, r.customerCode, r.amountFen]).sort()).toEqual(
        [
          ['SL04', 'invoice', 'CSL04', 11300],
          ['SL04', 'order', 'CSL04', 11300],
          ['SL04', 'payment', 'CSL04', 5000],
          ['SL05', 'invoice', 'CSL04', 5650],
          ['SL05', 'order', 'CSL04', 5650],
        ].sort(),
      );
      const orders = await admin<{ rows: SalesRow[] }>(ho.url, 'GET', `/admin/v1/sales?kind=order&branchId=${(sales.rows.find((r) => r.branchCode === 'SL04') as SalesRow).branchId}`);
      expect(orders.rows.map((r) => [r.docNo, r.status])).toEqual([[near.docNo, 'invoiced']]);
      const byNumber = await admin<{ rows: SalesRow[] }>(ho.url, 'GET', `/admin/v1/sales?q=${encodeURIComponent(near.docNo)}`);
      expect(byNumber.rows.map((r) => r.id)).toEqual([near.id]);

      const receivables = await admin<{ rows: ReceivableRow[] }>(ho.url, 'GET', '/admin/v1/receivables');
      expect(receivables.rows).toEqual([
        expect.objectContaining({
          customerId,
          customerCode: 'CSL04',
          creditLimitFen: 1_000_000,
          invoicedFen: 16950,
          paidFen: 5000,
          balanceFen: 11950,
          branches: [expect.objectContaining({ branchCode: 'SL04', balanceFen: 6300 }), expect.objectContaining({ branchCode: 'SL05', balanceFen: 5650 })],
        }),
      ]);
      // A branch sees its own part only; the whole is head office's view.
      expect((await desk.client['customers.get']({ id: customerId })).credit?.receivableFen).toBe(6300);
    });
  });
}
