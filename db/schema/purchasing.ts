import { integer, sqliteTable, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { purchaseOrderStatuses } from '../../src-main/core/purchaseOrder';
import { branches, products, suppliers, warehouses } from './masterData';

/**
 * A supplier's terms for one product (master data, owned by head office and synced down like
 * suppliers): its own item code, the unit it sells in (a case pack, a product_units code), the
 * least it takes per order in base units, a lead time that overrides the supplier's, the last
 * cost per purchase unit, and whether it is the product's preferred supplier.
 */
export const supplierProducts = sqliteTable('supplier_products', {
  id: text('id').primaryKey(),
  supplierId: text('supplier_id')
    .notNull()
    .references(() => suppliers.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  supplierItemCode: text('supplier_item_code').notNull().default(''),
  purchaseUnitCode: text('purchase_unit_code').notNull(),
  /** Minimum order quantity, base units (0: none). */
  minOrderQty: integer('min_order_qty').notNull().default(0),
  leadTimeDays: integer('lead_time_days'),
  /** Tax-exclusive cost per purchase unit, fen. */
  lastCostFen: integer('last_cost_fen'),
  preferred: integer('preferred', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('supplier_products_key').on(t.supplierId, t.productId), index('supplier_products_product').on(t.productId)]);

/**
 * A purchase order (core/purchaseOrder.ts has its states). It belongs to the branch that wrote
 * it; every change sends the whole order (`purchasing.order`), later HLC wins. Received
 * quantities are never stored on it: they are read from the receipts (stock documents of type
 * 'receipt' whose source_id is the order and whose lines name its lines), which merge by union.
 */
export const purchaseOrders = sqliteTable('purchase_orders', {
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
  status: text('status', { enum: purchaseOrderStatuses }).notNull(),
  orderDate: text('order_date').notNull(),
  expectedDate: text('expected_date').notNull(),
  note: text('note').notNull().default(''),
  totalQty: integer('total_qty').notNull(),
  totalValueFen: integer('total_value_fen').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  originDeviceId: text('origin_device_id').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('purchase_orders_supplier').on(t.supplierId, t.orderDate),
  index('purchase_orders_status').on(t.status, t.orderDate),
  index('purchase_orders_date').on(t.orderDate),
]);

export const purchaseOrderLines = sqliteTable('purchase_order_lines', {
  id: text('id').primaryKey(),
  orderId: text('order_id')
    .notNull()
    .references(() => purchaseOrders.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  /** Base units. */
  qty: integer('qty').notNull(),
  /** Tax-exclusive cost per `unit_code`, fen. */
  unitCostFen: integer('unit_cost_fen').notNull(),
  valueFen: integer('value_fen').notNull(),
  /** Base units given up when the order was closed short. */
  closedQty: integer('closed_qty').notNull().default(0),
}, (t) => [uniqueIndex('purchase_order_lines_order_line').on(t.orderId, t.lineNo), index('purchase_order_lines_product').on(t.productId)]);

/** Order tracking: every state change, who and when. Append-only; merges by union. */
export const purchaseOrderEvents = sqliteTable('purchase_order_events', {
  id: text('id').primaryKey(),
  orderId: text('order_id')
    .notNull()
    .references(() => purchaseOrders.id),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  note: text('note').notNull().default(''),
  /** A receipt the action posted. */
  documentId: text('document_id'),
  documentNo: text('document_no'),
}, (t) => [index('purchase_order_events_order').on(t.orderId, t.at)]);


/**
 * A buyer's own reorder levels for a product in a warehouse (core/replenishment.ts), base units;
 * null leaves the computed level. Set on any PC of the branch and merged last-writer-wins by HLC
 * (`replenishment.policies`), like bins; a cleared override travels as nulls and stays cleared.
 */
export const replenishmentPolicies = sqliteTable('replenishment_policies', {
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  minQty: integer('min_qty'),
  maxQty: integer('max_qty'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [primaryKey({ columns: [t.warehouseId, t.productId] })]);
