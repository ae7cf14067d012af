import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { salesOrderStatuses } from '../../src-main/core/salesOrder';
import { branches, customers, lots, products, warehouses } from './masterData';

/**
 * Price lists belong to head office (master data, synced down). A customer sells at, in order:
 * its own price for the product and unit, its price list's, the standard list's (code STD).
 * Prices are tax exclusive, per the unit they name (a case may cost less than 24 bottles).
 */
export const priceLists = sqliteTable('price_lists', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
});

export const priceListItems = sqliteTable('price_list_items', {
  id: text('id').primaryKey(),
  priceListId: text('price_list_id')
    .notNull()
    .references(() => priceLists.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  priceFen: integer('price_fen').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('price_list_items_key').on(t.priceListId, t.productId, t.unitCode)]);

export const customerPrices = sqliteTable('customer_prices', {
  id: text('id').primaryKey(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  priceFen: integer('price_fen').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('customer_prices_key').on(t.customerId, t.productId, t.unitCode)]);

/**
 * Promotions (促销), from head office. `free_goods`: every `min_qty` base units bought earn
 * `free_qty` base units of `free_product_id` (赠品, priced 0). `volume_discount`: a line of at
 * least `min_qty` base units gets `discount_bp` off. Valid on business dates starts_on..ends_on,
 * for one channel or (null) all.
 */
export const promotions = sqliteTable('promotions', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind', { enum: ['free_goods', 'volume_discount'] }).notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  minQty: integer('min_qty').notNull(),
  freeProductId: text('free_product_id').references(() => products.id),
  freeQty: integer('free_qty'),
  discountBp: integer('discount_bp'),
  channel: text('channel'),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
}, (t) => [index('promotions_product').on(t.productId, t.startsOn)]);


/**
 * A sales order from quote to payment (core/salesOrder.ts has its states). It belongs to the
 * branch that took it; every change is a new snapshot sent through the outbox (`sales.order`).
 * Delivered and invoiced quantities are never stored on it: they are read from the deliveries
 * and invoices, which are immutable documents and merge by union.
 */
export const salesOrders = sqliteTable('sales_orders', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  docNo: text('doc_no').notNull().unique(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  status: text('status', { enum: salesOrderStatuses }).notNull(),
  businessDate: text('business_date').notNull(),
  requestedDate: text('requested_date'),
  note: text('note').notNull().default(''),
  salesperson: text('salesperson').notNull().default(''),
  /** Why it waits for a manager (JSON array of {code, …}); [] when none. */
  approvalReasons: text('approval_reasons', { mode: 'json' }).notNull(),
  approvedBy: text('approved_by'),
  approvedAt: integer('approved_at'),
  /** The credit figures the last check used (JSON), with the age of the receivables it knew. */
  creditCheck: text('credit_check', { mode: 'json' }),
  totalNetFen: integer('total_net_fen').notNull(),
  totalTaxFen: integer('total_tax_fen').notNull(),
  totalGrossFen: integer('total_gross_fen').notNull(),
  /** A user of whichever PC of the branch took the order (not necessarily a user of this PC). */
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  originDeviceId: text('origin_device_id').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('sales_orders_customer').on(t.customerId, t.businessDate),
  index('sales_orders_status').on(t.status, t.businessDate),
  index('sales_orders_date').on(t.businessDate),
]);

export const salesOrderLines = sqliteTable('sales_order_lines', {
  id: text('id').primaryKey(),
  orderId: text('order_id')
    .notNull()
    .references(() => salesOrders.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  /** Base units. */
  qty: integer('qty').notNull(),
  /** Tax-exclusive price per `unit_code` as sold, and the list price it was compared with. */
  unitPriceFen: integer('unit_price_fen').notNull(),
  listPriceFen: integer('list_price_fen').notNull(),
  priceSource: text('price_source', { enum: ['customer', 'list', 'standard', 'manual', 'free'] }).notNull(),
  discountBp: integer('discount_bp').notNull(),
  netFen: integer('net_fen').notNull(),
  taxRateBp: integer('tax_rate_bp').notNull(),
  taxFen: integer('tax_fen').notNull(),
  grossFen: integer('gross_fen').notNull(),
  /** A free-goods line (赠品) earned by `promotion_id` on line `parent_line_id`. */
  free: integer('free', { mode: 'boolean' }).notNull(),
  promotionId: text('promotion_id'),
  parentLineId: text('parent_line_id'),
  note: text('note').notNull().default(''),
  /** Quantity given up after a partial delivery (the rest of the line was closed). */
  closedQty: integer('closed_qty').notNull().default(0),
}, (t) => [uniqueIndex('sales_order_lines_order_line').on(t.orderId, t.lineNo), index('sales_order_lines_product').on(t.productId)]);

/**
 * Stock reserved for an order line, by lot (FEFO at allocation). Available = on hand − these.
 * A delivery consumes them; cancelling releases them.
 */
export const salesAllocations = sqliteTable('sales_allocations', {
  id: text('id').primaryKey(),
  orderId: text('order_id')
    .notNull()
    .references(() => salesOrders.id),
  lineId: text('line_id')
    .notNull()
    .references(() => salesOrderLines.id),
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
}, (t) => [index('sales_allocations_stock').on(t.productId, t.warehouseId, t.lotId), index('sales_allocations_order').on(t.orderId)]);

/** Order tracking: every state change, who and when. Append-only; merges by union. */
export const salesOrderEvents = sqliteTable('sales_order_events', {
  id: text('id').primaryKey(),
  orderId: text('order_id')
    .notNull()
    .references(() => salesOrders.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  note: text('note').notNull().default(''),
  /** A document the action produced (delivery, invoice, payment). */
  documentId: text('document_id'),
  documentNo: text('document_no'),
}, (t) => [index('sales_order_events_order').on(t.orderId, t.at)]);

/** A sales invoice for delivered goods. Immutable once issued; merges by union. */
export const salesInvoices = sqliteTable('sales_invoices', {
  id: text('id').primaryKey(),
  branchId: text('branch_id').notNull(),
  docNo: text('doc_no').notNull().unique(),
  orderId: text('order_id')
    .notNull()
    .references(() => salesOrders.id),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  businessDate: text('business_date').notNull(),
  dueDate: text('due_date').notNull(),
  netFen: integer('net_fen').notNull(),
  taxFen: integer('tax_fen').notNull(),
  grossFen: integer('gross_fen').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('sales_invoices_customer').on(t.customerId, t.businessDate),
  index('sales_invoices_order').on(t.orderId),
  // The dashboard's sales trend and the voucher export read invoices by date.
  index('sales_invoices_date').on(t.businessDate),
]);

export const salesInvoiceLines = sqliteTable('sales_invoice_lines', {
  id: text('id').primaryKey(),
  invoiceId: text('invoice_id')
    .notNull()
    .references(() => salesInvoices.id),
  orderLineId: text('order_line_id').notNull(),
  qty: integer('qty').notNull(),
  netFen: integer('net_fen').notNull(),
  taxFen: integer('tax_fen').notNull(),
  grossFen: integer('gross_fen').notNull(),
}, (t) => [index('sales_invoice_lines_invoice').on(t.invoiceId), index('sales_invoice_lines_order_line').on(t.orderLineId)]);

/** Money received from a customer (cash or bank transfer), set against invoices oldest first. */
export const customerPayments = sqliteTable('customer_payments', {
  id: text('id').primaryKey(),
  branchId: text('branch_id').notNull(),
  docNo: text('doc_no').notNull().unique(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
  businessDate: text('business_date').notNull(),
  method: text('method', { enum: ['cash', 'transfer'] }).notNull(),
  amountFen: integer('amount_fen').notNull(),
  reference: text('reference').notNull().default(''),
  note: text('note').notNull().default(''),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [index('customer_payments_customer').on(t.customerId, t.businessDate), index('customer_payments_date').on(t.businessDate)]);

export const paymentAllocations = sqliteTable('payment_allocations', {
  id: text('id').primaryKey(),
  paymentId: text('payment_id')
    .notNull()
    .references(() => customerPayments.id),
  invoiceId: text('invoice_id')
    .notNull()
    .references(() => salesInvoices.id),
  amountFen: integer('amount_fen').notNull(),
}, (t) => [index('payment_allocations_invoice').on(t.invoiceId), index('payment_allocations_payment').on(t.paymentId)]);
