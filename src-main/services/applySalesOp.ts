import type { LedgerDb } from '../../db/openLedgerDb';
import type { SalesInvoiceArgs, SalesOrderArgs, SalesPaymentArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { get, run } from './sql';
import { insertInvoice, insertOrderLines, insertPayment } from './salesOrders';
import { takeNewerSnapshot } from './takeNewerSnapshot';

export type PulledSalesOp = { scope: 'sales-order'; args: SalesOrderArgs } | { scope: 'sales-invoice'; args: SalesInvoiceArgs } | { scope: 'sales-payment'; args: SalesPaymentArgs };

/**
 * A sales record another PC of the branch wrote (src-main/sync/protocol/salesOps.ts). An order
 * snapshot replaces this PC's copy only when its HLC is later; its tracking events are added
 * either way (union by id), so two PCs that changed one order offline both keep every step of
 * its history. Invoices and payments are immutable and inserted once. Answers whether anything
 * changed here.
 */
export function applySalesOp(db: LedgerDb, branchId: string, op: PulledSalesOp): boolean {
  if (op.scope === 'sales-invoice') {
    if (get(db, 'SELECT 1 FROM sales_invoices WHERE id = ?', op.args.invoice.id)) return false;
    insertInvoice(db, { ...op.args.invoice, branchId }, op.args.lines);
    return true;
  }
  if (op.scope === 'sales-payment') {
    if (get(db, 'SELECT 1 FROM customer_payments WHERE id = ?', op.args.payment.id)) return false;
    insertPayment(db, { ...op.args.payment, branchId }, op.args.allocations);
    return true;
  }
  const { order: o, lines, allocations, events } = op.args;
  const row = {
    id: o.id,
    branch_id: branchId,
    doc_no: o.docNo,
    customer_id: o.customerId,
    warehouse_id: o.warehouseId,
    status: o.status,
    business_date: o.businessDate,
    requested_date: o.requestedDate,
    note: o.note,
    salesperson: o.salesperson,
    approval_reasons: JSON.stringify(o.approvalReasons),
    approved_by: o.approvedBy,
    approved_at: o.approvedAt,
    credit_check: o.creditCheck === null ? null : JSON.stringify(o.creditCheck),
    total_net_fen: o.totalNetFen,
    total_tax_fen: o.totalTaxFen,
    total_gross_fen: o.totalGrossFen,
    created_by: o.createdBy,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    origin_device_id: o.originDeviceId,
    hlc: o.hlc,
  };
  const changed = takeNewerSnapshot(db, 'sales_orders', row, [
    ['sales_allocations', 'order_id'],
    ['sales_order_lines', 'order_id'],
  ]);
  if (changed) {
    insertOrderLines(db, o.id, lines);
    for (const a of allocations) {
      run(
        db,
        'INSERT INTO sales_allocations (id, order_id, line_id, warehouse_id, product_id, lot_id, qty) VALUES (?, ?, ?, ?, ?, ?, ?)',
        a.id,
        o.id,
        a.lineId,
        a.warehouseId,
        a.productId,
        a.lotId,
        a.qty,
      );
    }
  }
  return insertSyncedOrderEvents(db, 'sales_order_events', o.id, events) || changed;
}
