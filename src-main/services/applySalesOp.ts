import type { LedgerDb } from '../../db/openLedgerDb';
import type { SalesInvoiceArgs, SalesOrderArgs, SalesPaymentArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { get, run } from './sql';
import { insertInvoice, insertOrderLines, insertPayment } from './salesOrders';

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
  const stored = get<{ hlc: string }>(db, 'SELECT hlc FROM sales_orders WHERE id = ?', o.id);
  let changed = false;
  if (!stored || stored.hlc < o.hlc) {
    const values = [
      o.docNo,
      o.customerId,
      o.warehouseId,
      o.status,
      o.businessDate,
      o.requestedDate,
      o.note,
      o.salesperson,
      JSON.stringify(o.approvalReasons),
      o.approvedBy,
      o.approvedAt,
      o.creditCheck === null ? null : JSON.stringify(o.creditCheck),
      o.totalNetFen,
      o.totalTaxFen,
      o.totalGrossFen,
      o.createdBy,
      o.createdAt,
      o.updatedAt,
      o.originDeviceId,
      o.hlc,
    ];
    if (stored) {
      run(db, 'DELETE FROM sales_allocations WHERE order_id = ?', o.id);
      run(db, 'DELETE FROM sales_order_lines WHERE order_id = ?', o.id);
      run(
        db,
        `UPDATE sales_orders SET doc_no = ?, customer_id = ?, warehouse_id = ?, status = ?, business_date = ?, requested_date = ?, note = ?, salesperson = ?,
           approval_reasons = ?, approved_by = ?, approved_at = ?, credit_check = ?, total_net_fen = ?, total_tax_fen = ?, total_gross_fen = ?, created_by = ?,
           created_at = ?, updated_at = ?, origin_device_id = ?, hlc = ?
         WHERE id = ?`,
        ...values,
        o.id,
      );
    } else {
      run(
        db,
        `INSERT INTO sales_orders (doc_no, customer_id, warehouse_id, status, business_date, requested_date, note, salesperson, approval_reasons, approved_by,
           approved_at, credit_check, total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at, origin_device_id, hlc, id, branch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...values,
        o.id,
        branchId,
      );
    }
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
    changed = true;
  }
  return insertSyncedOrderEvents(db, 'sales_order_events', o.id, events) || changed;
}
