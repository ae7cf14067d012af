import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A document dated in a period this PC had already locked that arrived later by sync (a PC of
 * the branch was offline at month end). It is never dropped: it posts on the first open day
 * (`posted_date`), keeps its own date (`original_date`), and stays on this list until the
 * accountant acknowledges it. Each PC keeps its own list: it is what this ledger took in late.
 */
export const latePostings = sqliteTable('late_postings', {
  id: text('id').primaryKey(),
  /** stock_document, sales_invoice, customer_payment or credit_note. */
  documentKind: text('document_kind').notNull(),
  documentId: text('document_id').notNull(),
  docNo: text('doc_no').notNull(),
  /** The stock document's type (delivery, receipt…) or the kind again for money documents. */
  docType: text('doc_type').notNull(),
  originalDate: text('original_date').notNull(),
  postedDate: text('posted_date').notNull(),
  /** The period lock in force when it arrived. */
  lockedThrough: text('locked_through').notNull(),
  sourceDeviceId: text('source_device_id').notNull(),
  arrivedAt: integer('arrived_at').notNull(),
  acknowledgedBy: text('acknowledged_by'),
  acknowledgedAt: integer('acknowledged_at'),
}, (t) => [
  uniqueIndex('late_postings_document').on(t.documentKind, t.documentId),
  index('late_postings_open').on(t.arrivedAt).where(sql`acknowledged_at IS NULL`),
]);

/** A salesperson's sales target (销售目标) for a month, net of tax, in fen. Branch data, synced last-writer-wins. */
export const salesTargets = sqliteTable('sales_targets', {
  id: text('id').primaryKey(),
  salesperson: text('salesperson').notNull(),
  /** 'YYYY-MM'. */
  month: text('month').notNull(),
  targetFen: integer('target_fen').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('sales_targets_person_month').on(t.month, t.salesperson)]);
