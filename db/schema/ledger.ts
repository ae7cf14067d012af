import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { branches, lots, products, suppliers, users, warehouses } from './masterData';

/** A posted stock document: receipt, adjustment or reversal. Never edited once posted. */
export const stockDocuments = sqliteTable('stock_documents', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  docType: text('doc_type', { enum: ['receipt', 'adjustment', 'reversal', 'delivery', 'customer_return', 'return_disposition', 'supplier_return', 'transfer_out', 'transfer_in'] }).notNull(),
  docNo: text('doc_no').notNull().unique(),
  status: text('status', { enum: ['posted'] }).notNull(),
  businessDate: text('business_date').notNull(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  supplierId: text('supplier_id').references(() => suppliers.id),
  reasonCode: text('reason_code'),
  note: text('note').notNull().default(''),
  /** Set on a reversal; unique, so a document can be reversed once. "Reversed by" is derived. */
  reversesDocumentId: text('reverses_document_id'),
  totalQty: integer('total_qty').notNull(),
  totalValueFen: integer('total_value_fen').notNull(),
  /** The document this one fulfils: a delivery's sales order. */
  sourceId: text('source_id'),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('stock_documents_date').on(t.businessDate),
  index('stock_documents_type').on(t.docType, t.createdAt),
  index('stock_documents_source').on(t.sourceId).where(sql`source_id IS NOT NULL`),
  // Return analysis reads deliveries by business date; a supplier's receipts name the lots it may take back.
  index('stock_documents_type_date').on(t.docType, t.businessDate),
  index('stock_documents_supplier').on(t.supplierId, t.docType).where(sql`supplier_id IS NOT NULL`),
  uniqueIndex('stock_documents_reverses').on(t.reversesDocumentId),
]);

export const stockDocumentLines = sqliteTable('stock_document_lines', {
  id: text('id').primaryKey(),
  documentId: text('document_id')
    .notNull()
    .references(() => stockDocuments.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  /** Quantity in `unitCode` as entered (signed for adjustments). */
  unitQty: integer('unit_qty').notNull(),
  /** Signed quantity in base units. */
  qty: integer('qty').notNull(),
  lotId: text('lot_id').references(() => lots.id),
  /** Entered cost per `unitCode` for incoming lines; null for issues (FIFO decides). */
  unitCostFen: integer('unit_cost_fen'),
  valueFen: integer('value_fen').notNull(),
  reasonCode: text('reason_code'),
  /** The source document's line: a delivery line's sales order line. */
  sourceLineId: text('source_line_id'),
}, (t) => [
  uniqueIndex('stock_document_lines_doc_line').on(t.documentId, t.lineNo),
  index('stock_document_lines_source').on(t.sourceLineId).where(sql`source_line_id IS NOT NULL`),
  // Which receipt (and so which supplier) brought a lot in: the lines that took a lot in only.
  // Lines that take stock out (a delivery's 20 lines, each a different lot) would each write a
  // leaf of their own, a sixth of a delivery's WAL pages; who received a lot (a recall) is
  // found from the product's movements instead (customerReturnQueries.ts, recallHolders).
  // A query must say `qty > 0` for SQLite to use it.
  index('stock_document_lines_lot').on(t.lotId).where(sql`lot_id IS NOT NULL AND qty > 0`),
]);

/** Append-only. A correction is a new document whose movements carry the opposite sign. */
export const stockMovements = sqliteTable('stock_movements', {
  id: text('id').primaryKey(),
  branchId: text('branch_id').notNull(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  lotId: text('lot_id')
    .notNull()
    .references(() => lots.id),
  /** Signed base units: + in, − out. */
  qty: integer('qty').notNull(),
  /** Signed value in fen at FIFO cost. */
  valueFen: integer('value_fen').notNull(),
  documentType: text('document_type').notNull(),
  documentId: text('document_id').notNull(),
  lineId: text('line_id').notNull(),
  businessDate: text('business_date').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('stock_movements_product').on(t.productId, t.createdAt),
  index('stock_movements_document').on(t.documentId),
  // Demand for replenishment and stock health: sales issues by date, read from the index alone.
  index('stock_movements_sales_issues')
    .on(t.businessDate, t.warehouseId, t.productId, t.qty)
    .where(sql`document_type = 'delivery'`),
  // Reports (issue 8): stock as of a date and turnover sum the movements on one side of a date
  // per product and warehouse; the index carries every column they read, so a year of
  // movements is one range scan with no table lookups.
  index('stock_movements_date_cover').on(t.businessDate, t.productId, t.warehouseId, t.documentType, t.qty, t.valueFen),
]);

/**
 * The movements summed per product, warehouse and month (reports, issue 8). Brought up to date
 * before a report runs (services/reports/monthSummaries.ts): movements are only ever inserted,
 * so the movements past `stock_movement_months_mark` are all that is new. Posting pays nothing
 * for it (a trigger doubled the cost of each movement inserted). Stock as of a date is the
 * months before it plus the days of its own month, a few hundred thousand summary rows instead
 * of up to two million movements; turnover reads sales the same way.
 */
export const stockMovementMonths = sqliteTable('stock_movement_months', {
  productId: text('product_id').notNull(),
  warehouseId: text('warehouse_id').notNull(),
  /** 'YYYY-MM' of the movements' business date. */
  month: text('month').notNull(),
  qty: integer('qty').notNull(),
  valueFen: integer('value_fen').notNull(),
  /** Deliveries alone, as positive figures: quantity sold and its cost. */
  soldQty: integer('sold_qty').notNull(),
  soldValueFen: integer('sold_value_fen').notNull(),
  lastSaleDate: text('last_sale_date'),
}, (t) => [primaryKey({ columns: [t.productId, t.warehouseId, t.month] })]);

/**
 * Every movement summed per product and warehouse, all dates (reports, issue 8): stock as of
 * the last business date, or a period from the first to the last, is one row per product and
 * warehouse instead of every month's. Caught up with stock_movement_months, by the same mark.
 */
export const stockMovementTotals = sqliteTable('stock_movement_totals', {
  productId: text('product_id').notNull(),
  warehouseId: text('warehouse_id').notNull(),
  qty: integer('qty').notNull(),
  valueFen: integer('value_fen').notNull(),
  soldQty: integer('sold_qty').notNull(),
  soldValueFen: integer('sold_value_fen').notNull(),
  lastSaleDate: text('last_sale_date'),
}, (t) => [primaryKey({ columns: [t.productId, t.warehouseId] })]);

/**
 * The deliveries' sales summed per month, customer, product, warehouse and the order's own
 * salesperson (reports, issue 8: sales and margin, returns against deliveries). Each delivery
 * line counts its share of the order line's net amount, rounded per line as the report rounds
 * it, against the cost it took off stock. Caught up with stock_movement_months and by the same
 * mark (services/reports/monthSummaries.ts): a delivery is posted whole, movements and lines in
 * one transaction, so the deliveries whose movements lie past the mark are the new ones. A
 * year of sales reads these rows plus the lines of the days of a cut month, not every line
 * joined to its order. The customer's region and salesperson are read at report time (they
 * can change).
 */
export const salesDeliveryMonths = sqliteTable('sales_delivery_months', {
  /** 'YYYY-MM' of the delivery's business date. */
  month: text('month').notNull(),
  customerId: text('customer_id').notNull(),
  productId: text('product_id').notNull(),
  warehouseId: text('warehouse_id').notNull(),
  /** The order's salesperson as written on it ('' when none: the customer's then counts). */
  salesperson: text('salesperson').notNull(),
  /** Quantity delivered, base units, positive. */
  qty: integer('qty').notNull(),
  /** Σ each line's share of its order line's net amount. */
  revenueFen: integer('revenue_fen').notNull(),
  /** Σ the FIFO cost the lines took off stock, positive. */
  costFen: integer('cost_fen').notNull(),
  /** How many delivery lines: a key whose cut days take off every line it had is no row of a report. */
  lines: integer('lines').notNull(),
}, (t) => [
  primaryKey({ columns: [t.month, t.customerId, t.productId, t.warehouseId, t.salesperson] }),
  // By product and by customer (and the order's salesperson), carrying every figure: a year
  // grouped by either is one read of an index in key order, with no sort and no table lookup.
  // Written only when a report catches the summary up, never by a posting.
  index('sales_delivery_months_product').on(t.productId, t.month, t.qty, t.revenueFen, t.costFen, t.lines),
  index('sales_delivery_months_customer').on(t.customerId, t.salesperson, t.month, t.qty, t.revenueFen, t.costFen, t.lines),
]);

/** How far stock_movement_months, stock_movement_totals and sales_delivery_months have summed: the newest movement's rowid they hold (one row). */
export const stockMovementMonthsMark = sqliteTable('stock_movement_months_mark', {
  id: integer('id').primaryKey(),
  throughRowid: integer('through_rowid').notNull(),
});

export const stockBalances = sqliteTable('stock_balances', {
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  lotId: text('lot_id')
    .notNull()
    .references(() => lots.id),
  qty: integer('qty').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  // Product first: on-hand for one product is a prefix read of the primary key, and a whole
  // warehouse is one scan in product order (a branch has few warehouses, so an index on the
  // warehouse alone would only add random reads).
  primaryKey({ columns: [t.productId, t.warehouseId, t.lotId] }),
  // Balances by lot: the dashboard's near-expiry and expired counts (is a lot held anywhere) and
  // stock health's near-expiry list (what a warehouse holds of each lot due), one seek each. Not
  // on qty, and not partial on it: every posting changes balances' qty, and an index that holds
  // it would be rewritten with them (a 20,000-line count posting paid ~15 % more).
  index('stock_balances_lot').on(t.lotId, t.warehouseId),
]);

/** FIFO cost layers per warehouse and product; see core/fifoCost.ts. */
export const costLayers = sqliteTable('cost_layers', {
  id: text('id').primaryKey(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  lotId: text('lot_id').references(() => lots.id),
  sourceMovementId: text('source_movement_id').notNull(),
  receivedAt: integer('received_at').notNull(),
  qtyIn: integer('qty_in').notNull(),
  valueInFen: integer('value_in_fen').notNull(),
  qtyRemaining: integer('qty_remaining').notNull(),
  valueRemainingFen: integer('value_remaining_fen').notNull(),
}, (t) => [
  // Only open layers are indexed: issues and valuations read those, and a consumed layer
  // leaves the index instead of slowing every later read of its product.
  // It carries the remaining quantity and value, so valuing a whole warehouse reads the index only.
  index('cost_layers_open')
    .on(t.productId, t.warehouseId, t.receivedAt, t.qtyRemaining, t.valueRemainingFen)
    .where(sql`qty_remaining > 0`),
  // A negative layer is stock sold before it was known to be there (an oversell merged in by
  // sync); the next receipt fills it first. Rare, so the index is tiny.
  index('cost_layers_short').on(t.productId, t.warehouseId).where(sql`qty_remaining < 0`),
]);

/** Running document numbers per branch, type and year; a number once taken is never reused. */
export const documentSequences = sqliteTable('document_sequences', {
  branchCode: text('branch_code').notNull(),
  typeCode: text('type_code').notNull(),
  year: integer('year').notNull(),
  lastNumber: integer('last_number').notNull(),
}, (t) => [primaryKey({ columns: [t.branchCode, t.typeCode, t.year] })]);
