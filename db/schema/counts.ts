import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { branches, products, users, warehouses } from './masterData';
import { stockDocuments } from './ledger';

/**
 * Where a product is kept in a warehouse (bin code such as "A-01-03"). The zone is the part
 * before the first dash; a count can be limited to zones, and count sheets walk in bin order.
 */
export const productLocations = sqliteTable('product_locations', {
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  location: text('location').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [primaryKey({ columns: [t.warehouseId, t.productId] }), index('product_locations_location').on(t.warehouseId, t.location)]);

/**
 * A stock count (盘点): a plan, a snapshot of book quantities taken when it starts, the scans of
 * its counters, a review and, once posted, the adjustment it produced. See core/stockCount.ts.
 */
export const stockCounts = sqliteTable('stock_counts', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  docNo: text('doc_no').notNull().unique(),
  warehouseId: text('warehouse_id')
    .notNull()
    .references(() => warehouses.id),
  scope: text('scope', { enum: ['full', 'partial', 'cycle'] }).notNull(),
  /** The plan's filters as JSON: category ids, zones, product ids, ABC classes. */
  scopeFilter: text('scope_filter', { mode: 'json' }).notNull(),
  blind: integer('blind', { mode: 'boolean' }).notNull(),
  status: text('status', { enum: ['counting', 'review', 'posted', 'cancelled'] }).notNull(),
  /** Book quantities are as of this instant; movements after it are accounted per line. */
  snapshotAt: integer('snapshot_at').notNull(),
  /** A line whose |variance| exceeds this share (‰) of its book quantity is recounted first. */
  recountPermille: integer('recount_permille').notNull(),
  /** A line whose |variance value| reaches this many fen needs a manager's approval. */
  approvalValueFen: integer('approval_value_fen').notNull(),
  note: text('note').notNull().default(''),
  /**
   * Progress, kept by the commands that change it in their own transactions (a scan must not
   * count 20,000 lines to draw a progress bar); tests check them against the lines.
   */
  expectedLines: integer('expected_lines').notNull().default(0),
  countedLines: integer('counted_lines').notNull().default(0),
  foundLines: integer('found_lines').notNull().default(0),
  adjustmentDocumentId: text('adjustment_document_id').references(() => stockDocuments.id),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: integer('created_at').notNull(),
  /**
   * A count started before counts synced (kept by migration 0005): head office never heard of
   * it, so its entries and decisions stay on this PC rather than being refused one by one.
   */
  localOnly: integer('local_only', { mode: 'boolean' }).notNull().default(false),
  /**
   * The PC that started the count (head office relays it from the device token). Only it posts
   * the count: two PCs posting one count offline would each post its adjustment.
   */
  originDeviceId: text('origin_device_id'),
  /**
   * Posted: the entries its posting counted, as JSON {deviceId: HLC of that device's newest
   * entry}. A device's entries reach other PCs in the order it made them, so the posting PC held
   * exactly those up to the HLC; a later one (a PC that counted on, offline) came too late and
   * counts nowhere. Null: not posted, or posted by a version that did not say.
   */
  entriesSeen: text('entries_seen'),
  closedBy: text('closed_by'),
  closedAt: integer('closed_at'),
  hlc: text('hlc').notNull(),
}, (t) => [index('stock_counts_status').on(t.status, t.createdAt)]);

/**
 * One line of a count: a product and lot, its book quantity at the snapshot (0 for goods found
 * that the book did not know), and the review's decision. `round` rises with each recount;
 * only the current round's entries count.
 */
export const stockCountLines = sqliteTable('stock_count_lines', {
  countId: text('count_id')
    .notNull()
    .references(() => stockCounts.id),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  /** Deterministic from product and lot code (core/ids lotIdFor), so a lot found here has its id before it exists. */
  lotId: text('lot_id').notNull(),
  lotCode: text('lot_code').notNull(),
  expiryDate: text('expiry_date'),
  bookQty: integer('book_qty').notNull(),
  /** Whether the plan expected it (in the snapshot) or a counter found it. */
  expected: integer('expected', { mode: 'boolean' }).notNull(),
  round: integer('round').notNull().default(1),
  /** When the current round was last entered; null while nobody has counted it in this round. Kept with the entries, in their transaction. */
  countedAt: integer('counted_at'),
  /** Σ the current round's entries, kept with them; null while nobody has counted it in this round. */
  countedQty: integer('counted_qty'),
  reasonCode: text('reason_code'),
  approvedBy: text('approved_by'),
  approvedAt: integer('approved_at'),
  /**
   * The HLC that last wrote the reason and the approval: review decisions made on several PCs of
   * the branch merge per field, last writer by HLC wins (a recount writes both, as cleared).
   */
  reasonHlc: text('reason_hlc'),
  approvalHlc: text('approval_hlc'),
  hlc: text('hlc').notNull(),
}, (t) => [primaryKey({ columns: [t.countId, t.productId, t.lotId] })]);

/**
 * What counters entered, append-only: a scan or typed quantity in base units, or the undo of an
 * earlier entry. Entries from several counters and PCs merge by union.
 */
export const stockCountEntries = sqliteTable('stock_count_entries', {
  id: text('id').primaryKey(),
  countId: text('count_id')
    .notNull()
    .references(() => stockCounts.id),
  productId: text('product_id').notNull(),
  lotId: text('lot_id').notNull(),
  round: integer('round').notNull(),
  unitCode: text('unit_code').notNull(),
  unitQty: integer('unit_qty').notNull(),
  /** Base units; an undo carries the opposite of the entry it undoes. */
  qty: integer('qty').notNull(),
  undoesEntryId: text('undoes_entry_id'),
  counter: text('counter').notNull(),
  userId: text('user_id').notNull(),
  deviceId: text('device_id').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  index('stock_count_entries_line').on(t.countId, t.productId, t.lotId, t.round),
  index('stock_count_entries_recent').on(t.countId, t.createdAt),
  index('stock_count_entries_undo').on(t.undoesEntryId).where(sql`undoes_entry_id IS NOT NULL`),
]);
