import { integer, sqliteTable, text, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** Sync bookkeeping on the branch PC: settings of the connection and what the server said. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Ops head office refused, with the reason, for the user who made them. */
export const syncRejections = sqliteTable('sync_rejections', {
  seq: integer('seq').primaryKey(),
  opId: text('op_id').notNull(),
  name: text('name').notNull(),
  code: text('code').notNull(),
  message: text('message').notNull(),
  receivedAt: integer('received_at').notNull(),
});

/**
 * Negative stock revealed by merging (two PCs sold the same stock offline). Never corrected
 * silently: it stays open until a compensating document brings the balance back.
 */
export const stockExceptions = sqliteTable('stock_exceptions', {
  id: text('id').primaryKey(),
  warehouseId: text('warehouse_id').notNull(),
  productId: text('product_id').notNull(),
  lotId: text('lot_id').notNull(),
  qty: integer('qty').notNull(),
  status: text('status', { enum: ['open', 'resolved'] }).notNull(),
  openedAt: integer('opened_at').notNull(),
  resolvedAt: integer('resolved_at'),
}, (t) => [index('stock_exceptions_open').on(t.status, t.productId)]);

/** The HLC of each master-data field's current value, for last-writer-wins merges. */
export const masterFieldClocks = sqliteTable('master_field_clocks', {
  entity: text('entity').notNull(),
  id: text('id').notNull(),
  field: text('field').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [primaryKey({ columns: [t.entity, t.id, t.field] })]);
