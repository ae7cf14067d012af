import { addDays } from '../core/businessDate';
import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { CreditNoteArgs, SalesInvoiceArgs, SalesPaymentArgs } from '../sync/protocol';
import { lockedThrough, requireBranch } from './branch';
import { writeAudit } from './journal';
import type { PostingContext } from './posting';
import { all, get, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

/**
 * Late postings (迟到单据). A PC of the branch that was offline at month end posts documents the
 * accountant has since closed the period on. When they arrive here by sync they are never
 * dropped: they post on the first open day after the lock (their movements carry that date, so
 * the closed period's figures stay as they were reported) while the document keeps its own date,
 * and each is listed for the accountant until acknowledged. Local commands never get here: they
 * are refused in a locked period (branch.ts resolveBusinessDate).
 */

export interface LateDate {
  postedDate: string;
  lockedThrough: string;
}

/** The posting date of a document dated `documentDate` arriving now, or null when its period is open. */
export function lateDate(db: LedgerDb, branchId: string, documentDate: string): LateDate | null {
  return lateDateUnder(lockedThrough({ db }, branchId), documentDate);
}

/** lateDate for a period lock read already (null: none). */
export function lateDateUnder(locked: string | null, documentDate: string): LateDate | null {
  if (locked === null || documentDate > locked) return null;
  return { postedDate: addDays(locked, 1), lockedThrough: locked };
}

export type LateDocumentKind = 'stock_document' | 'sales_invoice' | 'customer_payment' | 'credit_note';

export interface LateDocument {
  kind: LateDocumentKind;
  id: string;
  docNo: string;
  docType: string;
  originalDate: string;
}

export function recordLatePosting(ctx: PostingContext, doc: LateDocument, late: LateDate, sourceDeviceId: string): void {
  run(
    ctx.db,
    `INSERT INTO late_postings (id, document_kind, document_id, doc_no, doc_type, original_date, posted_date, locked_through, source_device_id, arrived_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_kind, document_id) DO NOTHING`,
    ctx.ids(),
    doc.kind,
    doc.id,
    doc.docNo,
    doc.docType,
    doc.originalDate,
    late.postedDate,
    late.lockedThrough,
    sourceDeviceId,
    ctx.now,
  );
}

/** The posting date a late stock document was given here (its later parts' movements take it too). */
export function latePostedDate(db: LedgerDb, kind: LateDocumentKind, documentId: string): string | null {
  return get<{ posted_date: string }>(db, 'SELECT posted_date FROM late_postings WHERE document_kind = ? AND document_id = ?', kind, documentId)?.posted_date ?? null;
}

export type PulledMoneyDocument =
  | { scope: 'sales-invoice'; args: SalesInvoiceArgs }
  | { scope: 'sales-payment'; args: SalesPaymentArgs }
  | { scope: 'return-credit-note'; args: CreditNoteArgs };

/**
 * An invoice, payment or credit note another PC wrote, just applied here: if it is dated in a
 * locked period it is listed as a late posting; its receivable counts from the posted date in
 * the voucher export.
 */
export function noteLateMoneyDocument(ctx: PostingContext, branchId: string, op: PulledMoneyDocument, sourceDeviceId: string): void {
  const doc: LateDocument =
    op.scope === 'sales-invoice'
      ? { kind: 'sales_invoice', id: op.args.invoice.id, docNo: op.args.invoice.docNo, docType: 'sales_invoice', originalDate: op.args.invoice.businessDate }
      : op.scope === 'sales-payment'
        ? { kind: 'customer_payment', id: op.args.payment.id, docNo: op.args.payment.docNo, docType: 'customer_payment', originalDate: op.args.payment.businessDate }
        : { kind: 'credit_note', id: op.args.creditNote.id, docNo: op.args.creditNote.docNo, docType: 'credit_note', originalDate: op.args.creditNote.businessDate };
  const late = lateDate(ctx.db, branchId, doc.originalDate);
  if (late) recordLatePosting(ctx, doc, late, sourceDeviceId);
}

interface LateRow {
  id: string;
  document_kind: LateDocumentKind;
  document_id: string;
  doc_no: string;
  doc_type: string;
  original_date: string;
  posted_date: string;
  locked_through: string;
  source_device_id: string;
  arrived_at: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  user_name: string | null;
}

/** The late-postings list, newest arrival first; acknowledged ones only when asked for. */
export function listLatePostings(ctx: ServiceContext, input: ParsedInput<'periods.latePostings'>): MethodResult<'periods.latePostings'> {
  requireBranch(ctx);
  const rows = all<LateRow>(
    ctx.db,
    `SELECT l.*, u.display_name AS user_name FROM late_postings l LEFT JOIN users u ON u.id = l.acknowledged_by
      ${input.includeAcknowledged ? '' : 'WHERE l.acknowledged_at IS NULL'}
      ORDER BY l.arrived_at DESC, l.doc_no LIMIT ? OFFSET ?`,
    input.limit,
    input.offset,
  );
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM late_postings ${input.includeAcknowledged ? '' : 'WHERE acknowledged_at IS NULL'}`)?.n ?? 0;
  const open = get<{ n: number }>(ctx.db, 'SELECT COUNT(*) AS n FROM late_postings WHERE acknowledged_at IS NULL')?.n ?? 0;
  return {
    total,
    open,
    rows: rows.map((r) => ({
      id: r.id,
      documentKind: r.document_kind,
      documentId: r.document_id,
      docNo: r.doc_no,
      docType: r.doc_type,
      originalDate: r.original_date,
      postedDate: r.posted_date,
      lockedThrough: r.locked_through,
      sourceDeviceId: r.source_device_id,
      arrivedAt: r.arrived_at,
      acknowledgedBy: r.acknowledged_by ? (r.user_name ?? r.acknowledged_by) : null,
      acknowledgedAt: r.acknowledged_at,
    })),
  };
}

/**
 * The accountant has seen these late postings (and booked them in the open period): they leave
 * the open list. Review state of this PC's list, so audited and not synced.
 */
export function acknowledgeLatePostings(ctx: ServiceContext, input: ParsedInput<'periods.acknowledgeLate'>): MethodResult<'periods.acknowledgeLate'> {
  return inTransaction(ctx.db, () => {
    requireBranch(ctx);
    for (const id of input.ids) {
      const row = get<{ acknowledged_at: number | null; doc_no: string }>(ctx.db, 'SELECT acknowledged_at, doc_no FROM late_postings WHERE id = ?', id);
      if (!row) throw new LedgerError('NOT_FOUND', { entity: 'latePosting' });
      if (row.acknowledged_at !== null) throw new LedgerError('LATE_POSTING_ACKNOWLEDGED', { docNo: row.doc_no });
      run(ctx.db, 'UPDATE late_postings SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?', ctx.currentUser.id, ctx.now, id);
      writeAudit(ctx, 'periods.acknowledgeLate', 'late_posting', id, { acknowledgedAt: null }, { acknowledgedAt: ctx.now, docNo: row.doc_no });
    }
    return listLatePostings(ctx, { includeAcknowledged: false, limit: 100, offset: 0 });
  });
}
