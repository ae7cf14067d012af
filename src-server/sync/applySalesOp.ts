import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CreditNoteArgs, CustomerReturnArgs, SalesInvoiceArgs, SalesOrderArgs, SalesPaymentArgs } from '../../src-main/sync/protocol';
import { salesRecords, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

export type SalesOp =
  | { scope: 'sales-order'; args: SalesOrderArgs }
  | { scope: 'sales-invoice'; args: SalesInvoiceArgs }
  | { scope: 'sales-payment'; args: SalesPaymentArgs }
  | { scope: 'return-customer'; args: CustomerReturnArgs }
  | { scope: 'return-credit-note'; args: CreditNoteArgs };

export const salesScopes = ['sales-order', 'sales-invoice', 'sales-payment', 'return-customer', 'return-credit-note'] as const;

type SalesRecord = typeof salesRecords.$inferSelect;

/**
 * A branch's sales records (src-main/sync/protocol/salesOps.ts, and its customer returns and
 * their credit notes, returnOps.ts). They belong to the branch whose
 * token pushed them and go to that branch's other PCs only. An order is a snapshot: head office
 * keeps the latest by HLC but relays every one, since each carries tracking events the others
 * may lack (they merge by union at the PCs). Invoices and payments are immutable: stored and
 * relayed once, however often pushed. Sales ops are few per batch, so this writes as it goes.
 */
export async function applySalesOp(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, sales: SalesOp): Promise<void> {
  const relay = (itemId: string, args: unknown) =>
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'sales',
      kind: 'op',
      itemId,
      originDeviceId: ctx.deviceId,
      payload: { name: op.name, version: op.version, args, originDeviceId: ctx.deviceId },
    });
  const known = async (ids: string[]): Promise<Map<string, SalesRecord>> => {
    if (ids.length === 0) return new Map();
    const found = await tx.select().from(salesRecords).where(inArray(salesRecords.id, ids));
    return new Map(found.map((r) => [r.id, r]));
  };
  const ownedBy = (r: SalesRecord | undefined, what: string) => {
    if (r && r.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `${what} belongs to another branch`);
  };

  if (sales.scope === 'sales-order') {
    const o = sales.args.order;
    const [warehouse] = await tx.select({ branchId: warehouses.branchId }).from(warehouses).where(eq(warehouses.id, o.warehouseId));
    if (warehouse?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${o.warehouseId} is not a warehouse of branch ${ctx.branchCode}`);
    const stored = (await known([o.id])).get(o.id);
    ownedBy(stored, `Order ${o.docNo}`);
    if (!stored) {
      await tx.insert(salesRecords).values({
        id: o.id,
        kind: 'order',
        branchId: ctx.branchId,
        originDeviceId: ctx.deviceId,
        docNo: o.docNo,
        customerId: o.customerId,
        status: o.status,
        amountFen: o.totalGrossFen,
        hlc: o.hlc,
        receivedAt: ctx.now,
      });
    } else if (o.hlc > stored.hlc) {
      await tx
        .update(salesRecords)
        .set({ status: o.status, amountFen: o.totalGrossFen, customerId: o.customerId, hlc: o.hlc })
        .where(and(eq(salesRecords.id, o.id), sql`${salesRecords.hlc} < ${o.hlc}`));
    }
    relay(o.id, { ...sales.args, order: { ...o, branchId: ctx.branchId } });
    return;
  }

  if (sales.scope === 'return-customer') {
    // A customer return: a snapshot like an order (later HLC kept, every one relayed for its events).
    const r = sales.args.customerReturn;
    const [warehouse] = await tx.select({ branchId: warehouses.branchId }).from(warehouses).where(eq(warehouses.id, r.returnsWarehouseId));
    if (warehouse?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${r.returnsWarehouseId} is not a warehouse of branch ${ctx.branchCode}`);
    const stored = (await known([r.id])).get(r.id);
    ownedBy(stored, `Return ${r.docNo}`);
    if (!stored) {
      await tx.insert(salesRecords).values({
        id: r.id,
        kind: 'return',
        branchId: ctx.branchId,
        originDeviceId: ctx.deviceId,
        docNo: r.docNo,
        customerId: r.customerId,
        status: r.status,
        amountFen: r.totalGrossFen,
        hlc: r.hlc,
        receivedAt: ctx.now,
      });
    } else if (r.hlc > stored.hlc) {
      await tx
        .update(salesRecords)
        .set({ status: r.status, amountFen: r.totalGrossFen, hlc: r.hlc })
        .where(and(eq(salesRecords.id, r.id), sql`${salesRecords.hlc} < ${r.hlc}`));
    }
    relay(r.id, { ...sales.args, customerReturn: { ...r, branchId: ctx.branchId } });
    return;
  }

  if (sales.scope === 'return-credit-note') {
    // A return's credit note: immutable, stored and relayed once; its return and invoices must be the branch's.
    const n = sales.args.creditNote;
    const records = await known([n.id, n.returnId, ...sales.args.allocations.map((a) => a.invoiceId)]);
    const ret = records.get(n.returnId);
    if (!ret || ret.kind !== 'return') throw new OpRejected('RETURN_UNKNOWN', `Return ${n.returnId} of credit note ${n.docNo} is not at head office`);
    ownedBy(ret, `Return ${n.returnId}`);
    for (const a of sales.args.allocations) {
      const invoice = records.get(a.invoiceId);
      if (!invoice || invoice.kind !== 'invoice') throw new OpRejected('INVOICE_UNKNOWN', `Invoice ${a.invoiceId} of credit note ${n.docNo} is not at head office`);
      ownedBy(invoice, `Invoice ${a.invoiceId}`);
    }
    const stored = records.get(n.id);
    ownedBy(stored, `Credit note ${n.docNo}`);
    if (stored) return;
    await tx.insert(salesRecords).values({
      id: n.id,
      kind: 'credit_note',
      branchId: ctx.branchId,
      originDeviceId: ctx.deviceId,
      docNo: n.docNo,
      customerId: n.customerId,
      status: n.settlement,
      amountFen: n.grossFen,
      hlc: n.hlc,
      receivedAt: ctx.now,
    });
    relay(n.id, { ...sales.args, creditNote: { ...n, branchId: ctx.branchId } });
    return;
  }

  if (sales.scope === 'sales-invoice') {
    const inv = sales.args.invoice;
    const records = await known([inv.id, inv.orderId]);
    const order = records.get(inv.orderId);
    if (!order || order.kind !== 'order') throw new OpRejected('ORDER_UNKNOWN', `Order ${inv.orderId} of invoice ${inv.docNo} is not at head office`);
    ownedBy(order, `Order ${inv.orderId}`);
    const stored = records.get(inv.id);
    ownedBy(stored, `Invoice ${inv.docNo}`);
    if (stored) return;
    await tx.insert(salesRecords).values({
      id: inv.id,
      kind: 'invoice',
      branchId: ctx.branchId,
      originDeviceId: ctx.deviceId,
      docNo: inv.docNo,
      customerId: inv.customerId,
      status: null,
      amountFen: inv.grossFen,
      hlc: inv.hlc,
      receivedAt: ctx.now,
    });
    relay(inv.id, { ...sales.args, invoice: { ...inv, branchId: ctx.branchId } });
    return;
  }

  const p = sales.args.payment;
  const records = await known([p.id, ...sales.args.allocations.map((a) => a.invoiceId)]);
  for (const a of sales.args.allocations) {
    const invoice = records.get(a.invoiceId);
    if (!invoice || invoice.kind !== 'invoice') throw new OpRejected('INVOICE_UNKNOWN', `Invoice ${a.invoiceId} of payment ${p.docNo} is not at head office`);
    ownedBy(invoice, `Invoice ${a.invoiceId}`);
  }
  const stored = records.get(p.id);
  ownedBy(stored, `Payment ${p.docNo}`);
  if (stored) return;
  await tx.insert(salesRecords).values({
    id: p.id,
    kind: 'payment',
    branchId: ctx.branchId,
    originDeviceId: ctx.deviceId,
    docNo: p.docNo,
    customerId: p.customerId,
    status: null,
    amountFen: p.amountFen,
    hlc: p.hlc,
    receivedAt: ctx.now,
  });
  relay(p.id, { ...sales.args, payment: { ...p, branchId: ctx.branchId } });
}
