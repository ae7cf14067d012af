import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { transferDiscrepancyReasons, transferDispositions, transferShipmentStatuses } from '../../src-main/core/transfer';
import { lots, products } from './masterData';

/**
 * A stock transfer (调拨单, core/transfer.ts). The shipment — this row and its lines — belongs
 * to the sending branch and travels as a whole snapshot (`transfers.shipment`, later HLC wins);
 * the receipt belongs to the receiving branch (`transfers.receipt`). A transfer to another
 * branch is also held by that branch's PCs, so the other side's branch and warehouses are named
 * here by id, code and name without foreign keys: this PC may know nothing else of them.
 */
export const transfers = sqliteTable('transfers', {
  id: text('id').primaryKey(),
  /** The sending branch. */
  branchId: text('branch_id').notNull(),
  docNo: text('doc_no').notNull().unique(),
  fromBranchCode: text('from_branch_code').notNull(),
  fromBranchName: text('from_branch_name').notNull(),
  fromWarehouseId: text('from_warehouse_id').notNull(),
  fromWarehouseName: text('from_warehouse_name').notNull(),
  /** The receiving branch; null until head office has resolved the code the sender gave. */
  toBranchId: text('to_branch_id'),
  toBranchCode: text('to_branch_code').notNull(),
  /** Within the branch: the destination warehouse. To another branch: chosen by the receiver (null). */
  toWarehouseId: text('to_warehouse_id'),
  toWarehouseName: text('to_warehouse_name').notNull().default(''),
  status: text('status', { enum: transferShipmentStatuses }).notNull(),
  /** Within the branch: received in a second step rather than at once on sending. */
  twoStep: integer('two_step', { mode: 'boolean' }).notNull().default(false),
  /** The business date the goods left (the draft's date until then). */
  businessDate: text('business_date').notNull(),
  note: text('note').notNull().default(''),
  totalQty: integer('total_qty').notNull(),
  /** What the goods left with, at FIFO cost (0 while a draft). */
  totalValueFen: integer('total_value_fen').notNull(),
  /** The transfer-out stock document sending posted. */
  documentId: text('document_id'),
  documentNo: text('document_no'),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  originDeviceId: text('origin_device_id').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('transfers_date').on(t.businessDate),
  index('transfers_status').on(t.status, t.businessDate),
  index('transfers_to_branch').on(t.toBranchId, t.status),
]);

/**
 * The shipment's lines. A draft line names a product and quantity (and a lot, if the clerk chose
 * one); sending replaces them with the lines that left, one per lot, with their value and the
 * lot's code and expiry (the receiving branch may not know the lot yet).
 */
export const transferLines = sqliteTable('transfer_lines', {
  id: text('id').primaryKey(),
  transferId: text('transfer_id')
    .notNull()
    .references(() => transfers.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  /** Base units. */
  qty: integer('qty').notNull(),
  lotId: text('lot_id').references(() => lots.id),
  lotCode: text('lot_code'),
  expiryDate: text('expiry_date'),
  /** What the line left with at FIFO cost, fen (0 while a draft). */
  valueFen: integer('value_fen').notNull().default(0),
}, (t) => [uniqueIndex('transfer_lines_line').on(t.transferId, t.lineNo), index('transfer_lines_product').on(t.productId)]);

/** The receiving branch's part: what arrived, into which warehouse, by which stock document. One per transfer. */
export const transferReceipts = sqliteTable('transfer_receipts', {
  id: text('id').primaryKey(),
  transferId: text('transfer_id')
    .notNull()
    .references(() => transfers.id),
  branchId: text('branch_id').notNull(),
  warehouseId: text('warehouse_id').notNull(),
  warehouseName: text('warehouse_name').notNull(),
  businessDate: text('business_date').notNull(),
  /** The transfer-in stock document (null when nothing was taken in). */
  documentId: text('document_id'),
  documentNo: text('document_no'),
  receivedQty: integer('received_qty').notNull(),
  /** Value of short goods written off (loss in transit), fen. */
  writtenOffFen: integer('written_off_fen').notNull(),
  note: text('note').notNull().default(''),
  receivedBy: text('received_by').notNull(),
  receivedAt: integer('received_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('transfer_receipts_transfer').on(t.transferId)]);

export const transferReceiptLines = sqliteTable('transfer_receipt_lines', {
  id: text('id').primaryKey(),
  receiptId: text('receipt_id')
    .notNull()
    .references(() => transferReceipts.id),
  transferLineId: text('transfer_line_id').notNull(),
  /** Base units that arrived. */
  receivedQty: integer('received_qty').notNull(),
  reasonCode: text('reason_code', { enum: transferDiscrepancyReasons }),
  disposition: text('disposition', { enum: transferDispositions }),
  /** Value of the difference (− short written off, + extra accepted, 0 returned or none), fen. */
  differenceFen: integer('difference_fen').notNull(),
}, (t) => [uniqueIndex('transfer_receipt_lines_line').on(t.receiptId, t.transferLineId)]);

/** Tracking: every step on either side, who and where. Append-only; merges by union. */
export const transferEvents = sqliteTable('transfer_events', {
  id: text('id').primaryKey(),
  transferId: text('transfer_id')
    .notNull()
    .references(() => transfers.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  note: text('note').notNull().default(''),
  documentId: text('document_id'),
  documentNo: text('document_no'),
}, (t) => [index('transfer_events_transfer').on(t.transferId, t.at), index('transfer_events_document').on(t.documentId).where(sql`document_id IS NOT NULL`)]);

/**
 * The branch directory (master data from head office, entity 'branch'): every branch's code, name
 * and whether it is active, so a transfer to a code that is no branch — or a closed one — is
 * refused here, before the goods leave, instead of at head office after they have.
 */
export const branchDirectory = sqliteTable('branch_directory', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
});
