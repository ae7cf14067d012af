import type { LedgerDb } from '../../db/openLedgerDb';
import type { CountEntryArgs, CountOp, CountReviewArgs, CountStartArgs, CountStatusArgs } from '../sync/protocol';
import { get, run } from './sql';
import { countProgressFromLines, entryCounts, storeCountEntry } from './stockCounts';

/**
 * Count ops another PC of the branch wrote (registry.ts), applied so that applying one twice,
 * or a page again, changes nothing: the count and its lines are inserted if absent; entries by
 * id (union), after which each touched line's counted figures are derived again from its
 * current round's entries — never added to — and the count's progress counters from its lines
 * (the caller does that once per count and page, `touched`); review decisions per field, later
 * HLC wins; status by HLC between counting and review, while a posted or cancelled count never
 * changes again (its freeze triggers would refuse it anyway).
 */

/** Why a change cannot be applied here (yet): listed as a problem, the page goes on. */
export class CountChangeProblem extends Error {}

export function applyCountOp(db: LedgerDb, branchId: string, op: CountOp, touched: Set<string>, originDeviceId: string): boolean {
  switch (op.scope) {
    case 'count':
      return applyCountStart(db, branchId, op.args, touched, originDeviceId);
    case 'count-snapshot-part':
      requireCount(db, op.args.countId);
      touched.add(op.args.countId);
      return insertLines(db, op.args.countId, op.args.lines);
    case 'count-entry':
      return applyCountEntry(db, op.args, touched);
    case 'count-review':
      return applyCountReview(db, op.args, touched);
    case 'count-status':
      return applyCountStatus(db, op.args);
  }
}

/** The author of a row from another PC, if this ledger knows them; otherwise its administrator (users do not sync yet). */
export function localAuthor(db: LedgerDb, userId: string): string {
  if (get(db, 'SELECT 1 FROM users WHERE id = ?', userId)) return userId;
  return get<{ id: string }>(db, "SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1")?.id ?? userId;
}

const closedStatuses = new Set(['posted', 'cancelled']);

function requireCount(db: LedgerDb, countId: string): { status: string; hlc: string } {
  const count = get<{ status: string; hlc: string }>(db, 'SELECT status, hlc FROM stock_counts WHERE id = ?', countId);
  if (!count) throw new CountChangeProblem('COUNT_MISSING');
  return count;
}

function applyCountStart(db: LedgerDb, branchId: string, args: CountStartArgs, touched: Set<string>, originDeviceId: string): boolean {
  const c = args.count;
  if (get(db, 'SELECT 1 FROM stock_counts WHERE id = ?', c.id)) return false;
  run(
    db,
    `INSERT INTO stock_counts (id, branch_id, doc_no, warehouse_id, scope, scope_filter, blind, status, snapshot_at, recount_permille,
       approval_value_fen, note, created_by, created_at, hlc, origin_device_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'counting', ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.id,
    branchId,
    c.docNo,
    c.warehouseId,
    c.scope,
    JSON.stringify(c.scopeFilter),
    c.blind ? 1 : 0,
    c.snapshotAt,
    c.recountPermille,
    c.approvalValueFen,
    c.note,
    localAuthor(db, c.createdBy),
    c.createdAt,
    c.hlc,
    originDeviceId,
  );
  insertLines(db, c.id, args.lines);
  touched.add(c.id);
  return true;
}

function insertLines(db: LedgerDb, countId: string, lines: readonly CountStartArgs['lines'][number][]): boolean {
  let any = false;
  for (const l of lines) {
    any =
      run(
        db,
        `INSERT OR IGNORE INTO stock_count_lines (count_id, product_id, lot_id, lot_code, expiry_date, book_qty, expected, round, hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        countId,
        l.productId,
        l.lotId,
        l.lotCode,
        l.expiryDate,
        l.bookQty,
        l.expected ? 1 : 0,
        l.round,
        l.hlc,
      ).changes > 0 || any;
  }
  return any;
}

/** Assignments for an UPDATE of stock_count_lines: its counted figures as its current round's entries that count (`counts`, over `e`) give them. */
function countedFromEntries(counts: string): string {
  const ofLine = `FROM stock_count_entries e INDEXED BY stock_count_entries_line
                   WHERE e.count_id = stock_count_lines.count_id AND e.product_id = stock_count_lines.product_id
                     AND e.lot_id = stock_count_lines.lot_id AND e.round = stock_count_lines.round AND ${counts}`;
  return `counted_qty = (SELECT SUM(e.qty) ${ofLine}), counted_at = (SELECT MAX(e.created_at) ${ofLine})`;
}

/** The line's counted figures as its current round's entries give them (null: nobody counted it in this round). */
function deriveCounted(db: LedgerDb, countId: string, productId: string, lotId: string): void {
  run(db, `UPDATE stock_count_lines SET ${countedFromEntries('1')} WHERE count_id = :count AND product_id = :product AND lot_id = :lot`, {
    count: countId,
    product: productId,
    lot: lotId,
  });
}

/**
 * The count was posted on its starting PC with the entries it held then (`seen`); entries this
 * PC holds beyond them came too late. Before the count closes here, its lines are counted again
 * without them, and a line only such entries found goes (the posting PC never had it), so this
 * PC's frozen figures are the posted ones.
 */
function leaveOutLateEntries(db: LedgerDb, countId: string, seen: string): void {
  const lineHasLate = `EXISTS (SELECT 1 FROM stock_count_entries e INDEXED BY stock_count_entries_line
                               WHERE e.count_id = stock_count_lines.count_id AND e.product_id = stock_count_lines.product_id
                                 AND e.lot_id = stock_count_lines.lot_id AND NOT ${entryCounts('e', ':seen')})`;
  run(
    db,
    `DELETE FROM stock_count_lines WHERE count_id = :count AND expected = 0 AND ${lineHasLate}
        AND NOT EXISTS (SELECT 1 FROM stock_count_entries e INDEXED BY stock_count_entries_line
                         WHERE e.count_id = stock_count_lines.count_id AND e.product_id = stock_count_lines.product_id
                           AND e.lot_id = stock_count_lines.lot_id AND ${entryCounts('e', ':seen')})`,
    { count: countId, seen },
  );
  run(db, `UPDATE stock_count_lines SET ${countedFromEntries(entryCounts('e', ':seen'))} WHERE count_id = :count AND ${lineHasLate}`, { count: countId, seen });
}

function applyCountEntry(db: LedgerDb, args: CountEntryArgs, touched: Set<string>): boolean {
  const count = requireCount(db, args.countId);
  const e = args.entry;
  const inserted = storeCountEntry(db, args.countId, e);
  // A count this PC closed keeps the figures it closed with; the entry is kept, as entries are.
  if (!inserted || closedStatuses.has(count.status)) return inserted;
  if (args.foundLine) insertLines(db, args.countId, [args.foundLine]);
  if (!get(db, 'SELECT 1 FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?', args.countId, e.productId, e.lotId)) {
    throw new CountChangeProblem('COUNT_LINE_MISSING');
  }
  deriveCounted(db, args.countId, e.productId, e.lotId);
  touched.add(args.countId);
  return true;
}

function applyCountReview(db: LedgerDb, args: CountReviewArgs, touched: Set<string>): boolean {
  const count = requireCount(db, args.countId);
  if (closedStatuses.has(count.status)) return false;
  let any = false;
  for (const l of args.lines) {
    const key = { count: args.countId, product: l.productId, lot: l.lotId };
    const line = get<{ round: number; reason_hlc: string | null; approval_hlc: string | null }>(
      db,
      'SELECT round, reason_hlc, approval_hlc FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?',
      args.countId,
      l.productId,
      l.lotId,
    );
    if (!line) throw new CountChangeProblem('COUNT_LINE_MISSING');
    // A decision on an earlier round was undone by the recount since.
    if (l.round < line.round) continue;
    if (l.round > line.round) {
      // A recount: a new round, counted afresh; its decisions cleared as of the recount's HLC.
      const cleared = args.decision === 'recount' ? l.hlc : null;
      run(
        db,
        `UPDATE stock_count_lines SET round = :round, reason_code = NULL, approved_by = NULL, approved_at = NULL, reason_hlc = :cleared, approval_hlc = :cleared, hlc = :hlc
          WHERE count_id = :count AND product_id = :product AND lot_id = :lot`,
        { ...key, round: l.round, cleared, hlc: l.hlc },
      );
      deriveCounted(db, args.countId, l.productId, l.lotId);
      touched.add(args.countId);
      any = true;
      if (args.decision === 'recount') continue;
      line.reason_hlc = null;
      line.approval_hlc = null;
    }
    if (args.decision === 'reason' && (line.reason_hlc === null || l.hlc > line.reason_hlc)) {
      run(
        db,
        'UPDATE stock_count_lines SET reason_code = :reason, reason_hlc = :hlc, hlc = :hlc WHERE count_id = :count AND product_id = :product AND lot_id = :lot',
        { ...key, reason: l.reasonCode, hlc: l.hlc },
      );
      any = true;
    } else if (args.decision === 'approval' && (line.approval_hlc === null || l.hlc > line.approval_hlc)) {
      run(
        db,
        `UPDATE stock_count_lines SET approved_by = :by, approved_at = :at, approval_hlc = :hlc, hlc = :hlc
          WHERE count_id = :count AND product_id = :product AND lot_id = :lot`,
        { ...key, by: l.approvedBy, at: l.approvedAt, hlc: l.hlc },
      );
      any = true;
    }
  }
  return any;
}

function applyCountStatus(db: LedgerDb, args: CountStatusArgs): boolean {
  const count = requireCount(db, args.countId);
  if (closedStatuses.has(count.status)) return false;
  if (!closedStatuses.has(args.status)) {
    if (args.hlc <= count.hlc) return false;
    run(db, 'UPDATE stock_counts SET status = ?, hlc = ? WHERE id = ?', args.status, args.hlc, args.countId);
    return true;
  }
  if (args.adjustmentDocumentId !== null && !get(db, 'SELECT 1 FROM stock_documents WHERE id = ?', args.adjustmentDocumentId)) {
    throw new CountChangeProblem('DOCUMENT_MISSING');
  }
  const seen = args.status === 'posted' && args.entriesSeen !== undefined ? JSON.stringify(args.entriesSeen) : null;
  if (seen !== null) leaveOutLateEntries(db, args.countId, seen);
  // Closing freezes the count (its triggers refuse any later change): the status, what closing
  // recorded and the progress as the lines now give it go in this one statement.
  run(
    db,
    `UPDATE stock_counts SET status = :status, adjustment_document_id = :adjustment, closed_by = :closedBy, closed_at = :closedAt,
       note = COALESCE(:note, note), hlc = :hlc, entries_seen = :seen, ${countProgressFromLines}
     WHERE id = :id`,
    {
      seen,
      id: args.countId,
      status: args.status,
      adjustment: args.adjustmentDocumentId,
      closedBy: args.closedBy,
      closedAt: args.closedAt,
      note: args.note,
      hlc: args.hlc,
    },
  );
  return true;
}
