import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { branches, categories, customers, lots, products, suppliers, warehouses } from './masterData';
import { salesInvoices } from './sales';
import { customerReturnStatuses, returnReasonCodes } from '../../src-main/core/customerReturn';

export { customerReturnStatuses, returnDispositions, returnReasonCodes } from '../../src-main/core/customerReturn';
export type { CustomerReturnStatus, ReturnDisposition, ReturnReasonCode } from '../../src-main/core/customerReturn';

export const supplierReturnStatuses = ['draft', 'sent', 'accepted', 'credited', 'rejected', 'cancelled'] as const;
export type SupplierReturnStatus = (typeof supplierReturnStatuses)[number];

/**
 * The return policy (head office master data, synced down): how many days after delivery a
 * customer class may return goods of a category. The most specific row applies — class and
 * category, then category, then class, then the row with neither (the default window).
 */
export const returnWindows = sqliteTable('return_windows', {
  id: text('id').primaryKey(),
  customerClass: text('customer_class', { enum: ['key', 'ordinary'] }),
  categoryId: text('category_id').references(() => categories.id),
  windowDays: integer('window_days').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [index('return_windows_key').on(t.customerClass, t.categoryId)]);

/**
 * A customer return (退货), from a delivery or (with a manager's approval) without one. It
 * belongs to its branch; any PC of the branch may act on it, and each change sends the whole
 * return as it now stands (later HLC wins, its events merge by union), like a sales order.
 * Goods arrive in the branch's returns area (`receipt_document_id`, at the cost they left with);
 * inspection moves each line's quantities by disposition (`disposition_document_id`).
 */
export const customerReturns = sqliteTable('customer_returns', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  docNo: text('doc_no').notNull().unique(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  /** The delivery (a stock document) the goods came from; null for a return without one. */
  deliveryId: text('delivery_id'),
  /** The delivery's sales order. */
  orderId: text('order_id'),
  /** The lot a recall started this return for. */
  recallLotId: text('recall_lot_id'),
  status: text('status', { enum: customerReturnStatuses }).notNull(),
  businessDate: text('business_date').notNull(),
  /** The returns (quarantine) area the goods arrive in, and the saleable warehouse restocked goods go to. */
  returnsWarehouseId: text('returns_warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  restockWarehouseId: text('restock_warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  /** Why it waits for a manager (JSON array of {code, …}); [] when none. */
  approvalReasons: text('approval_reasons', { mode: 'json' }).notNull(),
  approvedBy: text('approved_by'),
  approvedAt: integer('approved_at'),
  receiptDocumentId: text('receipt_document_id'),
  dispositionDocumentId: text('disposition_document_id'),
  /** Credit against receivables, or money paid back; null until settled. */
  settlement: text('settlement', { enum: ['credit', 'refund'] }),
  creditNoteId: text('credit_note_id'),
  /** Value of free goods (赠品) kept by the customer that the returned goods had earned, taken off the credit. */
  freeGoodsDeductionFen: integer('free_goods_deduction_fen').notNull().default(0),
  totalNetFen: integer('total_net_fen').notNull(),
  totalTaxFen: integer('total_tax_fen').notNull(),
  totalGrossFen: integer('total_gross_fen').notNull(),
  note: text('note').notNull().default(''),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  originDeviceId: text('origin_device_id').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('customer_returns_customer').on(t.customerId, t.businessDate),
  index('customer_returns_delivery').on(t.deliveryId),
  index('customer_returns_status').on(t.status, t.businessDate),
  index('customer_returns_date').on(t.businessDate),
]);

export const customerReturnLines = sqliteTable('customer_return_lines', {
  id: text('id').primaryKey(),
  returnId: text('return_id')
    .notNull()
    .references(() => customerReturns.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  /** The delivery line and its order line the goods came from; null without a delivery. */
  deliveryLineId: text('delivery_line_id'),
  orderLineId: text('order_line_id'),
  /** The lot returned: one the delivery issued, or null when the customer cannot tell (unknown lot). */
  lotId: text('lot_id').references(() => lots.id),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  /** Base units returned (positive). */
  qty: integer('qty').notNull(),
  reasonCode: text('reason_code', { enum: returnReasonCodes }).notNull(),
  note: text('note').notNull().default(''),
  /** A free-goods line (赠品) of the original order: credited at 0. */
  free: integer('free', { mode: 'boolean' }).notNull().default(false),
  /** Tax-exclusive credit per `unit_code` (the price the customer paid, discount included). */
  unitPriceFen: integer('unit_price_fen').notNull(),
  netFen: integer('net_fen').notNull(),
  taxRateBp: integer('tax_rate_bp').notNull(),
  taxFen: integer('tax_fen').notNull(),
  grossFen: integer('gross_fen').notNull(),
  /** Stock value of the returned quantity at the cost it left with (FIFO cost of the delivery). */
  costFen: integer('cost_fen').notNull(),
  /** Set at inspection; they add up to `qty`. */
  restockQty: integer('restock_qty').notNull().default(0),
  quarantineQty: integer('quarantine_qty').notNull().default(0),
  scrapQty: integer('scrap_qty').notNull().default(0),
  supplierQty: integer('supplier_qty').notNull().default(0),
  /** Base units of this line the settlement credited: only goods that were billed are credited (the rest were never invoiced). */
  creditedQty: integer('credited_qty').notNull().default(0),
}, (t) => [
  uniqueIndex('customer_return_lines_return_line').on(t.returnId, t.lineNo),
  index('customer_return_lines_delivery_line').on(t.deliveryLineId),
  // An order's detail reads what came back of each of its lines (lineStates).
  index('customer_return_lines_order_line').on(t.orderLineId),
  index('customer_return_lines_product').on(t.productId),
  index('customer_return_lines_lot').on(t.lotId),
]);

/** A return's tracking: every state change, who and when. Append-only; merges by union. */
export const customerReturnEvents = sqliteTable('customer_return_events', {
  id: text('id').primaryKey(),
  returnId: text('return_id')
    .notNull()
    .references(() => customerReturns.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  note: text('note').notNull().default(''),
  documentId: text('document_id'),
  documentNo: text('document_no'),
}, (t) => [index('customer_return_events_return').on(t.returnId, t.at)]);

/**
 * A credit note (红字/贷项通知单) for a customer return: it reduces receivables, set against the
 * invoice the goods were billed on and then the customer's oldest open invoices (`credit`), or it
 * is paid out (`refund`, cash or transfer) and leaves receivables as they were. Immutable.
 */
export const creditNotes = sqliteTable('credit_notes', {
  id: text('id').primaryKey(),
  branchId: text('branch_id').notNull(),
  docNo: text('doc_no').notNull().unique(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  returnId: text('return_id')
    .notNull()
    .references(() => customerReturns.id),
  /** The invoice the returned goods were billed on, when there is one. */
  invoiceId: text('invoice_id').references(() => salesInvoices.id),
  businessDate: text('business_date').notNull(),
  settlement: text('settlement', { enum: ['credit', 'refund'] }).notNull(),
  refundMethod: text('refund_method', { enum: ['cash', 'transfer'] }),
  netFen: integer('net_fen').notNull(),
  taxFen: integer('tax_fen').notNull(),
  grossFen: integer('gross_fen').notNull(),
  note: text('note').notNull().default(''),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('credit_notes_customer').on(t.customerId, t.businessDate),
  uniqueIndex('credit_notes_return').on(t.returnId),
  index('credit_notes_date').on(t.businessDate),
]);

/** How a `credit` note is set against invoices (like payment_allocations); what is left is an advance. */
export const creditNoteAllocations = sqliteTable('credit_note_allocations', {
  id: text('id').primaryKey(),
  creditNoteId: text('credit_note_id')
    .notNull()
    .references(() => creditNotes.id),
  invoiceId: text('invoice_id')
    .notNull()
    .references(() => salesInvoices.id),
  amountFen: integer('amount_fen').notNull(),
}, (t) => [index('credit_note_allocations_invoice').on(t.invoiceId), index('credit_note_allocations_note').on(t.creditNoteId)]);

/**
 * A return to a supplier (退供) and the claim it makes: goods leave the returns area or stock
 * (`document_id`, a stock issue at cost) when it is sent; the supplier then accepts, credits or
 * rejects the claim. Belongs to its branch; synced as whole snapshots like customer returns.
 */
export const supplierReturns = sqliteTable('supplier_returns', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  docNo: text('doc_no').notNull().unique(),
  supplierId: text('supplier_id')
    .notNull()
    .references(() => suppliers.id),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  status: text('status', { enum: supplierReturnStatuses }).notNull(),
  businessDate: text('business_date').notNull(),
  documentId: text('document_id'),
  /** What is claimed (the goods at cost unless changed) and what the supplier credited. */
  claimFen: integer('claim_fen').notNull(),
  creditedFen: integer('credited_fen').notNull().default(0),
  /** The supplier's RMA or credit reference. */
  reference: text('reference').notNull().default(''),
  note: text('note').notNull().default(''),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  originDeviceId: text('origin_device_id').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [index('supplier_returns_supplier').on(t.supplierId, t.businessDate), index('supplier_returns_status').on(t.status, t.businessDate)]);

export const supplierReturnLines = sqliteTable('supplier_return_lines', {
  id: text('id').primaryKey(),
  returnId: text('return_id')
    .notNull()
    .references(() => supplierReturns.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  lotId: text('lot_id')
    .notNull()
    .references(() => lots.id),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  qty: integer('qty').notNull(),
  /** Cost of the goods sent back (FIFO value when sent; estimated at the open layers before). */
  valueFen: integer('value_fen').notNull(),
  reasonCode: text('reason_code', { enum: returnReasonCodes }).notNull(),
  /** The customer return line whose inspection sent these goods to the supplier. */
  customerReturnLineId: text('customer_return_line_id'),
  note: text('note').notNull().default(''),
}, (t) => [
  uniqueIndex('supplier_return_lines_return_line').on(t.returnId, t.lineNo),
  index('supplier_return_lines_customer_line').on(t.customerReturnLineId),
  index('supplier_return_lines_lot').on(t.lotId),
]);

export const supplierReturnEvents = sqliteTable('supplier_return_events', {
  id: text('id').primaryKey(),
  returnId: text('return_id')
    .notNull()
    .references(() => supplierReturns.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  note: text('note').notNull().default(''),
  amountFen: integer('amount_fen'),
}, (t) => [index('supplier_return_events_return').on(t.returnId, t.at)]);

/**
 * Period lock (关账): nothing posts with a business date on or before `locked_through`. The
 * accountant sets it; a later lock only moves forward. One row per branch.
 */
export const periodLocks = sqliteTable('period_locks', {
  branchId: text('branch_id')
    .primaryKey()
    .references(() => branches.id),
  lockedThrough: text('locked_through').notNull(),
  lockedBy: text('locked_by').notNull(),
  lockedAt: integer('locked_at').notNull(),
  hlc: text('hlc').notNull(),
});
