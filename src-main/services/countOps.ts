import {
  inCountOpChunks,
  opRegistry,
  splitCountStart,
  type CountEntryArgs,
  type CountReviewArgs,
  type CountStartArgs,
  type CountStatusArgs,
} from '../sync/protocol';
import { writeOutbox } from './journal';
import { all, get } from './sql';
import type { ServiceContext } from './types';

/**
 * The sync ops of a stock count, written by its commands in their own transactions (DESIGN.md
 * "One command, one transaction"), so the branch's other PCs count on the same count. Each op
 * is read back from the rows the command has just written: what travels is what was stored.
 * A count started before counts synced (`local_only`) writes none: head office would refuse them.
 */

function syncsCount(ctx: ServiceContext, countId: string): boolean {
  return get<{ local_only: number }>(ctx.db, 'SELECT local_only FROM stock_counts WHERE id = ?', countId)?.local_only === 0;
}

interface CountLineSqlRow {
  product_id: string;
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  book_qty: number;
  expected: number;
  round: number;
  hlc: string;
}

const lineColumns = 'product_id, lot_id, lot_code, expiry_date, book_qty, expected, round, hlc';

function toSyncedLine(r: CountLineSqlRow): CountStartArgs['lines'][number] {
  return {
    productId: r.product_id,
    lotId: r.lot_id,
    lotCode: r.lot_code,
    expiryDate: r.expiry_date,
    bookQty: r.book_qty,
    expected: r.expected === 1,
    round: r.round,
    hlc: r.hlc,
  };
}

/** `counts.start` with the header and first snapshot lines, then `counts.snapshotPart` ops with the rest. */
export function writeCountStartOps(ctx: ServiceContext, countId: string): void {
  const c = get<{
    doc_no: string;
    branch_id: string;
    warehouse_id: string;
    scope: 'full' | 'partial' | 'cycle';
    scope_filter: string;
    blind: number;
    snapshot_at: number;
    recount_permille: number;
    approval_value_fen: number;
    note: string;
    created_by: string;
    created_at: number;
    hlc: string;
  }>(ctx.db, 'SELECT * FROM stock_counts WHERE id = ?', countId);
  if (!c) throw new Error(`count ${countId} not found`);
  const lines = all<CountLineSqlRow>(ctx.db, `SELECT ${lineColumns} FROM stock_count_lines WHERE count_id = ? ORDER BY product_id, lot_id`, countId).map(toSyncedLine);
  const { start, parts } = splitCountStart(
    {
      id: countId,
      docNo: c.doc_no,
      branchId: c.branch_id,
      warehouseId: c.warehouse_id,
      scope: c.scope,
      scopeFilter: JSON.parse(c.scope_filter) as CountStartArgs['count']['scopeFilter'],
      blind: c.blind === 1,
      snapshotAt: c.snapshot_at,
      recountPermille: c.recount_permille,
      approvalValueFen: c.approval_value_fen,
      note: c.note,
      createdBy: c.created_by,
      createdAt: c.created_at,
      hlc: c.hlc,
    },
    lines,
  );
  writeOutbox(ctx, 'counts.start', opRegistry['counts.start'].version, start);
  for (const part of parts) writeOutbox(ctx, 'counts.snapshotPart', opRegistry['counts.snapshotPart'].version, part);
}

/** `counts.entry`: one entry (a scan, a typed quantity or an undo), with the line its scan found, if it added one. */
export function writeCountEntryOp(ctx: ServiceContext, entryId: string, foundLine: boolean): void {
  const e = get<{
    count_id: string;
    product_id: string;
    lot_id: string;
    round: number;
    unit_code: string;
    unit_qty: number;
    qty: number;
    undoes_entry_id: string | null;
    counter: string;
    user_id: string;
    device_id: string;
    created_at: number;
    hlc: string;
  }>(ctx.db, 'SELECT * FROM stock_count_entries WHERE id = ?', entryId);
  if (!e) throw new Error(`count entry ${entryId} not found`);
  if (!syncsCount(ctx, e.count_id)) return;
  const line = foundLine
    ? get<CountLineSqlRow>(ctx.db, `SELECT ${lineColumns} FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?`, e.count_id, e.product_id, e.lot_id)
    : undefined;
  const args: CountEntryArgs = {
    countId: e.count_id,
    entry: {
      id: entryId,
      productId: e.product_id,
      lotId: e.lot_id,
      round: e.round,
      unitCode: e.unit_code,
      unitQty: e.unit_qty,
      qty: e.qty,
      undoesEntryId: e.undoes_entry_id,
      counter: e.counter,
      userId: e.user_id,
      deviceId: e.device_id,
      createdAt: e.created_at,
      hlc: e.hlc,
    },
    foundLine: line ? toSyncedLine(line) : null,
  };
  writeOutbox(ctx, 'counts.entry', opRegistry['counts.entry'].version, args);
}

/** `counts.review`: a decision on these lines (reason, approval or recount), as the lines now hold it. */
export function writeCountReviewOps(ctx: ServiceContext, countId: string, decision: CountReviewArgs['decision'], keys: readonly { productId: string; lotId: string }[]): void {
  if (keys.length === 0 || !syncsCount(ctx, countId)) return;
  const wanted = new Set(keys.map((k) => `${k.productId}|${k.lotId}`));
  const rows = all<{ product_id: string; lot_id: string; round: number; reason_code: string | null; approved_by: string | null; approved_at: number | null; reason_hlc: string | null; approval_hlc: string | null }>(
    ctx.db,
    'SELECT product_id, lot_id, round, reason_code, approved_by, approved_at, reason_hlc, approval_hlc FROM stock_count_lines WHERE count_id = ? ORDER BY product_id, lot_id',
    countId,
  ).filter((r) => wanted.has(`${r.product_id}|${r.lot_id}`));
  const lines: CountReviewArgs['lines'] = rows.map((r) => ({
    productId: r.product_id,
    lotId: r.lot_id,
    round: r.round,
    reasonCode: r.reason_code,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    hlc: (decision === 'approval' ? r.approval_hlc : r.reason_hlc) ?? '',
  }));
  for (const chunk of inCountOpChunks(lines)) {
    const args: CountReviewArgs = { countId, decision, lines: chunk };
    writeOutbox(ctx, 'counts.review', opRegistry['counts.review'].version, args);
  }
}

/** `counts.status`: the count's status as it now is, with what closing it recorded. */
export function writeCountStatusOp(ctx: ServiceContext, countId: string): void {
  const c = get<{
    status: CountStatusArgs['status'];
    hlc: string;
    adjustment_document_id: string | null;
    closed_by: string | null;
    closed_at: number | null;
    note: string;
    entries_seen: string | null;
  }>(ctx.db, 'SELECT status, hlc, adjustment_document_id, closed_by, closed_at, note, entries_seen FROM stock_counts WHERE id = ?', countId);
  if (!c) throw new Error(`count ${countId} not found`);
  if (!syncsCount(ctx, countId)) return;
  const args: CountStatusArgs = {
    countId,
    status: c.status,
    hlc: c.hlc,
    adjustmentDocumentId: c.adjustment_document_id,
    closedBy: c.closed_by,
    closedAt: c.closed_at,
    note: c.status === 'cancelled' ? c.note : null,
    ...(c.entries_seen !== null ? { entriesSeen: JSON.parse(c.entries_seen) as Record<string, string> } : {}),
  };
  writeOutbox(ctx, 'counts.status', opRegistry['counts.status'].version, args);
}
