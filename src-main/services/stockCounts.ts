import type { LedgerDb } from '../../db/openLedgerDb';
import { countTypeCode } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import { hlcAfter } from '../core/hlc';
import { lotIdFor } from '../core/ids';
import { classifyAbc, countAllows, judgeLine, zoneOf, type CountAction, type CountStatus, type UncountedRule } from '../core/stockCount';
import type { MethodResult, ParsedInput } from '../contract';
import type { CountEntryArgs } from '../sync/protocol';
import type { CountDetail, CountEntry, CountLineRow, CountRow, CountScanMap, CountSummary } from '../contract/results';
import { documentPrefix, requireBranch, todayAt } from './branch';
import { writeCountEntryOp, writeCountReviewOps, writeCountStartOps, writeCountStatusOp } from './countOps';
import { nextDocumentNumber, writeAudit } from './journal';
import { all, allRaw, get, inTransaction, run } from './sql';
import { lookupBarcode } from './products';
import { postCountAdjustment, type CountProduct } from './stockDocuments';
import { unitsByProduct } from './stockQueries';
import type { ServiceContext } from './types';

/**
 * Stock counts (盘点). A count snapshots the book quantities of its scope when it starts; counters
 * add entries (append-only, from any counter or PC); the review judges each line against its
 * snapshot plus what moved until the line was counted (core/stockCount.ts); posting turns the
 * variances into one adjustment in one transaction.
 */

interface CountHeaderRow {
  id: string;
  doc_no: string;
  warehouse_id: string;
  warehouse_name: string;
  scope: 'full' | 'partial' | 'cycle';
  scope_filter: string;
  blind: number;
  status: CountStatus;
  snapshot_at: number;
  recount_permille: number;
  approval_value_fen: number;
  note: string;
  adjustment_document_id: string | null;
  adjustment_doc_no: string | null;
  created_by: string;
  created_at: number;
  closed_by: string | null;
  closed_at: number | null;
  expected_lines: number;
  counted_lines: number;
  found_lines: number;
  origin_device_id: string | null;
  entries_seen: string | null;
}

interface ScopeFilter {
  categoryIds: string[];
  zones: string[];
  productIds: string[];
  abcClasses: ('A' | 'B' | 'C')[];
}

const headerSql = `SELECT c.id, c.doc_no, c.warehouse_id, w.name AS warehouse_name, c.scope, c.scope_filter, c.blind, c.status, c.snapshot_at,
       c.recount_permille, c.approval_value_fen, c.note, c.adjustment_document_id, d.doc_no AS adjustment_doc_no,
       COALESCE(u.display_name, c.created_by) AS created_by, c.created_at, COALESCE(cu.display_name, c.closed_by) AS closed_by, c.closed_at,
       c.expected_lines, c.counted_lines, c.found_lines, c.origin_device_id, c.entries_seen
  FROM stock_counts c
  JOIN warehouses w ON w.id = c.warehouse_id
  LEFT JOIN stock_documents d ON d.id = c.adjustment_document_id
  LEFT JOIN users u ON u.id = c.created_by
  LEFT JOIN users cu ON cu.id = c.closed_by`;

function findCount(ctx: ServiceContext, id: string): CountHeaderRow {
  const row = get<CountHeaderRow>(ctx.db, `${headerSql} WHERE c.id = ?`, id);
  if (!row) throw new LedgerError('NOT_FOUND', { entity: 'count' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return row;
}

function requireState(count: CountHeaderRow, action: CountAction): void {
  if (!countAllows(count.status, action)) throw new LedgerError('COUNT_STATE', { docNo: count.doc_no, status: count.status, action });
}

function progressOf(ctx: ServiceContext, countId: string): { expectedLines: number; countedLines: number; foundLines: number } {
  const row = get<{ expected_lines: number; counted_lines: number; found_lines: number }>(
    ctx.db,
    'SELECT expected_lines, counted_lines, found_lines FROM stock_counts WHERE id = ?',
    countId,
  );
  return { expectedLines: row?.expected_lines ?? 0, countedLines: row?.counted_lines ?? 0, foundLines: row?.found_lines ?? 0 };
}

/** The progress counters as the count's lines give them, as assignments for an UPDATE of stock_counts row :id. */
export const countProgressFromLines = `expected_lines = (SELECT COUNT(*) FROM stock_count_lines WHERE count_id = :id AND expected = 1),
       counted_lines = (SELECT COUNT(*) FROM stock_count_lines WHERE count_id = :id AND expected = 1 AND counted_at IS NOT NULL),
       found_lines = (SELECT COUNT(*) FROM stock_count_lines WHERE count_id = :id AND expected = 0)`;

/**
 * Counts the progress again from the lines, after an action that touches many of them (or
 * entries that came by sync). A closed count's figures are frozen and stay as they were.
 */
export function recountProgress(db: LedgerDb, countId: string): void {
  run(db, `UPDATE stock_counts SET ${countProgressFromLines} WHERE id = :id AND status NOT IN ('posted', 'cancelled')`, { id: countId });
}

function toCountRow(c: CountHeaderRow): CountRow {
  return {
    id: c.id,
    docNo: c.doc_no,
    warehouseId: c.warehouse_id,
    warehouseName: c.warehouse_name,
    scope: c.scope,
    blind: c.blind === 1,
    status: c.status,
    snapshotAt: c.snapshot_at,
    createdAt: c.created_at,
    createdBy: c.created_by,
    note: c.note,
    expectedLines: c.expected_lines,
    countedLines: c.counted_lines,
    foundLines: c.found_lines,
    adjustment: c.adjustment_document_id && c.adjustment_doc_no ? { id: c.adjustment_document_id, docNo: c.adjustment_doc_no } : null,
  };
}

export function listCounts(ctx: ServiceContext, input: ParsedInput<'counts.list'>): MethodResult<'counts.list'> {
  const where =
    input.status === undefined ? '' : input.status === 'open' ? "WHERE c.status IN ('counting', 'review')" : 'WHERE c.status = ?';
  const params = input.status === undefined || input.status === 'open' ? [] : [input.status];
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM stock_counts c ${where}`, ...params)?.n ?? 0;
  const rows = all<CountHeaderRow>(ctx.db, `${headerSql} ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`, ...params, input.limit, input.offset);
  return { total, rows: rows.map(toCountRow) };
}

// ---------------------------------------------------------------------------------------------
// Lines and their verdicts

/** What judging a line needs. */
interface LineFigures {
  product_id: string;
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  base_unit_code: string;
  book_qty: number;
  round: number;
  reason_code: string | null;
  approved: number;
  counted_qty: number | null;
  moved: number;
  unit_cost: number | null;
}

interface LineSqlRow extends LineFigures {
  expected: number;
  sku: string;
  name_zh: string;
  name_en: string;
  location: string | null;
  last_at: number | null;
}

/**
 * A line's figures: its counted quantity (current round), what moved since the snapshot until it
 * was counted (or until the count closed, or now), and the product's average cost, read per line
 * from the open-layer index (one seek each). The count's own adjustment is not a movement
 * "during" the count. Columns in LineFigures' order.
 */
const lineFigures = `l.product_id, l.lot_id, l.lot_code, l.expiry_date, p.base_unit_code, l.book_qty, l.round, l.reason_code,
       l.approved_by IS NOT NULL AS approved, l.counted_qty,
       (SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m
         WHERE m.product_id = l.product_id AND m.created_at > :snapshot AND m.created_at <= COALESCE(l.counted_at, :until)
           AND m.lot_id = l.lot_id AND m.warehouse_id = :warehouse AND m.document_id IS NOT :adjustment) AS moved,
       (SELECT SUM(c.value_remaining_fen) * 1.0 / SUM(c.qty_remaining) FROM cost_layers c
         WHERE c.product_id = l.product_id AND c.warehouse_id = :warehouse AND c.qty_remaining > 0) AS unit_cost`;

function lineFigureParams(ctx: ServiceContext, count: CountHeaderRow) {
  return { count: count.id, warehouse: count.warehouse_id, snapshot: count.snapshot_at, until: count.closed_at ?? ctx.now, adjustment: count.adjustment_document_id };
}

/** Every line of a count with its figures, the product's names and its bin, as the review shows them. */
function loadLines(ctx: ServiceContext, count: CountHeaderRow, only?: { productId: string; lotId?: string }): LineSqlRow[] {
  return all<LineSqlRow>(
    ctx.db,
    `SELECT ${lineFigures}, l.expected, p.sku, p.name_zh, p.name_en, pl.location, l.counted_at AS last_at
       FROM stock_count_lines l
       JOIN products p ON p.id = l.product_id
       LEFT JOIN product_locations pl ON pl.warehouse_id = :warehouse AND pl.product_id = l.product_id AND pl.location <> ''
      WHERE l.count_id = :count ${only ? 'AND l.product_id = :product' : ''} ${only?.lotId ? 'AND l.lot_id = :lot' : ''}`,
    {
      ...lineFigureParams(ctx, count),
      ...(only ? { product: only.productId } : {}),
      ...(only?.lotId ? { lot: only.lotId } : {}),
    },
  );
}

/** A line with what posting its variance needs of its product besides. */
interface LineToPost extends LineFigures {
  product: CountProduct;
}

/**
 * Every line of a count with only what posting it needs, read as arrays: a 20,000-line count is
 * judged once more as it posts, and names, bins and row objects built by the driver would be a
 * good part of that. What posting needs of the product comes with it (its names, needed only
 * to refuse a line, are not read), so the posting reads no product again.
 */
function linesToPost(ctx: ServiceContext, count: CountHeaderRow): LineToPost[] {
  return allRaw(
    ctx.db,
    `SELECT ${lineFigures}, p.lot_tracked, p.shelf_life_days, p.active,
            (SELECT u.factor FROM product_units u WHERE u.product_id = l.product_id AND u.code = p.base_unit_code) AS base_factor
       FROM stock_count_lines l JOIN products p ON p.id = l.product_id WHERE l.count_id = :count`,
    lineFigureParams(ctx, count),
  ).map((r) => ({
    product_id: r[0] as string,
    lot_id: r[1] as string,
    lot_code: r[2] as string,
    expiry_date: r[3] as string | null,
    base_unit_code: r[4] as string,
    book_qty: r[5] as number,
    round: r[6] as number,
    reason_code: r[7] as string | null,
    approved: r[8] as number,
    counted_qty: r[9] as number | null,
    moved: r[10] as number,
    unit_cost: r[11] as number | null,
    product: {
      id: r[0] as string,
      lot_tracked: r[12] as number,
      shelf_life_days: r[13] as number | null,
      active: r[14] as number,
      unit_code: r[15] === null ? null : (r[4] as string),
      factor: r[15] as number | null,
    },
  }));
}

/** Book figures stay hidden while a blind count is being counted. */
function hidesBook(count: CountHeaderRow): boolean {
  return count.blind === 1 && count.status === 'counting';
}

function toLineRow(count: CountHeaderRow, { row: r, verdict }: JudgedLine, units: CountLineRow['units'], counters: readonly string[]): CountLineRow {
  const hidden = hidesBook(count);
  return {
    productId: r.product_id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    baseUnitCode: r.base_unit_code,
    units,
    lotId: r.lot_id,
    lotCode: r.lot_code,
    expiryDate: r.expiry_date,
    location: r.location,
    expected: r.expected === 1,
    round: r.round,
    countedQty: r.counted_qty,
    lastCountedAt: r.last_at,
    counters: [...counters],
    reasonCode: r.reason_code,
    approved: r.approved === 1,
    bookQty: hidden ? null : r.book_qty,
    movedSinceSnapshot: hidden ? null : r.moved,
    expectedQty: hidden ? null : verdict.expectedQty,
    varianceQty: hidden ? null : verdict.varianceQty,
    varianceValueFen: hidden ? null : verdict.varianceValueFen,
    needsRecount: !hidden && verdict.needsRecount,
    needsApproval: !hidden && verdict.needsApproval,
    needsReason: !hidden && verdict.needsReason,
    ready: hidden || verdict.ready,
  };
}

/** Who counted each line in its current round (entries that count only), for the lines shown (a page: one index read each) or printed (all). */
function countersOf(ctx: ServiceContext, count: CountHeaderRow, lines: readonly { product_id: string; lot_id: string; round: number }[] | 'all'): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (productId: string, lotId: string, counter: string) => {
    const key = `${productId}|${lotId}`;
    const list = map.get(key) ?? [];
    if (!list.includes(counter)) list.push(counter);
    map.set(key, list);
  };
  if (lines === 'all') {
    const rows = all<{ product_id: string; lot_id: string; counter: string }>(
      ctx.db,
      `SELECT e.product_id, e.lot_id, e.counter FROM stock_count_entries e
         JOIN stock_count_lines l ON l.count_id = e.count_id AND l.product_id = e.product_id AND l.lot_id = e.lot_id AND l.round = e.round
        WHERE e.count_id = :count AND ${entryCounts('e', ':seen')} ORDER BY e.created_at`,
      { count: count.id, seen: count.entries_seen },
    );
    for (const r of rows) add(r.product_id, r.lot_id, r.counter);
    return map;
  }
  for (const l of lines) {
    const rows = all<{ counter: string }>(
      ctx.db,
      `SELECT e.counter FROM stock_count_entries e INDEXED BY stock_count_entries_line
        WHERE e.count_id = :count AND e.product_id = :product AND e.lot_id = :lot AND e.round = :round AND ${entryCounts('e', ':seen')} ORDER BY e.created_at`,
      { count: count.id, product: l.product_id, lot: l.lot_id, round: l.round, seen: count.entries_seen },
    );
    for (const r of rows) add(l.product_id, l.lot_id, r.counter);
  }
  return map;
}

interface JudgedLine<R extends LineFigures = LineSqlRow> {
  row: R;
  verdict: ReturnType<typeof judgeLine>;
}

function judgeAll<R extends LineFigures>(count: CountHeaderRow, rows: readonly R[], uncounted: UncountedRule): JudgedLine<R>[] {
  const thresholds = { recountPermille: count.recount_permille, approvalValueFen: count.approval_value_fen };
  return rows.map((row) => ({
    row,
    verdict: judgeLine(
      {
        bookQty: row.book_qty,
        movedSinceSnapshot: row.moved,
        countedQty: row.counted_qty,
        round: row.round,
        unitCostFen: row.unit_cost,
        approved: row.approved === 1,
        reasonCode: row.reason_code,
      },
      thresholds,
      uncounted,
    ),
  }));
}

function summarize(judged: readonly JudgedLine<LineFigures>[]): CountSummary {
  const s: CountSummary = {
    uncountedLines: 0,
    varianceLines: 0,
    gainQty: 0,
    lossQty: 0,
    gainValueFen: 0,
    lossValueFen: 0,
    needsReason: 0,
    needsRecount: 0,
    needsApproval: 0,
    notReady: 0,
  };
  for (const { verdict: v } of judged) {
    if (!v.counted) s.uncountedLines++;
    if (v.varianceQty !== 0) s.varianceLines++;
    if (v.varianceQty > 0) {
      s.gainQty += v.varianceQty;
      s.gainValueFen += v.varianceValueFen;
    } else if (v.varianceQty < 0) {
      s.lossQty += v.varianceQty;
      s.lossValueFen += v.varianceValueFen;
    }
    if (v.needsReason) s.needsReason++;
    if (v.needsRecount) s.needsRecount++;
    if (v.needsApproval) s.needsApproval++;
    if (!v.ready) s.notReady++;
  }
  return s;
}

/** `summary` may be handed in when the caller has just judged the lines and nothing it shows has changed since. */
export function countDetail(ctx: ServiceContext, id: string, summary?: CountSummary): CountDetail {
  const c = findCount(ctx, id);
  const filter = JSON.parse(c.scope_filter) as ScopeFilter;
  const stats = get<{ entries: number; counters: string | null }>(
    ctx.db,
    `SELECT COUNT(*) AS entries, GROUP_CONCAT(DISTINCT e.counter) AS counters FROM stock_count_entries e WHERE e.count_id = :count AND ${entryCounts('e', ':seen')}`,
    { count: c.id, seen: c.entries_seen },
  );
  return {
    ...toCountRow(c),
    categoryIds: filter.categoryIds,
    zones: filter.zones,
    productCount: filter.productIds.length,
    abcClasses: filter.abcClasses,
    recountPermille: c.recount_permille,
    approvalValueFen: c.approval_value_fen,
    entries: stats?.entries ?? 0,
    counters: stats?.counters ? stats.counters.split(',') : [],
    closedAt: c.closed_at,
    closedBy: c.closed_by,
    summary: hidesBook(c) ? null : (summary ?? summarize(judgeAll(c, loadLines(ctx, c), 'zero'))),
  };
}

export function getCount(ctx: ServiceContext, input: ParsedInput<'counts.get'>): MethodResult<'counts.get'> {
  return countDetail(ctx, input.id);
}

function lineMatches(filter: ParsedInput<'counts.lines'>['filter'], j: JudgedLine): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'uncounted':
      return !j.verdict.counted;
    case 'counted':
      return j.verdict.counted;
    case 'variance':
      return j.verdict.varianceQty !== 0;
    case 'attention':
      return !j.verdict.ready;
    case 'recount':
      return j.row.round > 1;
  }
}

export function countLines(ctx: ServiceContext, input: ParsedInput<'counts.lines'>): MethodResult<'counts.lines'> {
  const c = findCount(ctx, input.id);
  const hidden = hidesBook(c);
  const judged = judgeAll(c, loadLines(ctx, c, input.productId ? { productId: input.productId } : undefined), input.uncounted);
  const q = input.q.toLowerCase();
  let rows = judged.filter((j) => {
    // Variance filters mean nothing while the book is hidden.
    if (hidden && (input.filter === 'variance' || input.filter === 'attention')) return false;
    if (!lineMatches(input.filter, j)) return false;
    if (q === '') return true;
    const r = j.row;
    return r.sku.toLowerCase().includes(q) || r.name_zh.includes(input.q) || r.name_en.toLowerCase().includes(q) || r.lot_code.toLowerCase().includes(q);
  });
  const bySku = (a: JudgedLine, b: JudgedLine) => a.row.sku.localeCompare(b.row.sku) || a.row.lot_code.localeCompare(b.row.lot_code);
  if (input.sort === 'variance' && !hidden) {
    rows = rows.sort(
      (a, b) =>
        Math.abs(b.verdict.varianceValueFen) - Math.abs(a.verdict.varianceValueFen) ||
        Math.abs(b.verdict.varianceQty) - Math.abs(a.verdict.varianceQty) ||
        bySku(a, b),
    );
  } else if (input.sort === 'location') {
    rows = rows.sort((a, b) => {
      const la = a.row.location ?? '\uffff';
      const lb = b.row.location ?? '\uffff';
      return la < lb ? -1 : la > lb ? 1 : bySku(a, b);
    });
  } else {
    rows = rows.sort(bySku);
  }
  const page = rows.slice(input.offset, input.offset + input.limit);
  const units = unitsByProduct(ctx, page.map((j) => j.row.product_id));
  const counters = countersOf(ctx, c, page.map((j) => j.row));
  return {
    total: rows.length,
    rows: page.map((j) => toLineRow(c, j, units.get(j.row.product_id) ?? [], counters.get(`${j.row.product_id}|${j.row.lot_id}`) ?? [])),
    summary: hidden || input.productId !== undefined ? null : summarize(judged),
  };
}

/** A count's header and every line judged, for printing the count sheet and the variance report. */
export function countForExport(ctx: ServiceContext, id: string, uncounted: UncountedRule): { count: CountDetail; lines: CountLineRow[]; unitNames: Map<string, { zh: string; en: string }> } {
  const c = findCount(ctx, id);
  const judged = judgeAll(c, loadLines(ctx, c), uncounted).sort((a, b) => {
    const la = a.row.location ?? '\uffff';
    const lb = b.row.location ?? '\uffff';
    return la < lb ? -1 : la > lb ? 1 : a.row.sku.localeCompare(b.row.sku) || a.row.lot_code.localeCompare(b.row.lot_code);
  });
  const units = unitsByProduct(ctx, judged.map((j) => j.row.product_id));
  const unitNames = new Map<string, { zh: string; en: string }>();
  for (const [productId, list] of units) {
    const base = list.find((u) => u.factor === 1);
    if (base) unitNames.set(productId, { zh: base.nameZh, en: base.nameEn });
  }
  const counters = countersOf(ctx, c, 'all');
  return {
    // The lines were just judged: the header's figures come from them, not from a second read.
    count: countDetail(ctx, id, summarize(judged)),
    lines: judged.map((j) => toLineRow(c, j, units.get(j.row.product_id) ?? [], counters.get(`${j.row.product_id}|${j.row.lot_id}`) ?? [])),
    unitNames,
  };
}

// ---------------------------------------------------------------------------------------------
// Starting a count

export function countZones(ctx: ServiceContext, input: ParsedInput<'counts.zones'>): MethodResult<'counts.zones'> {
  const counts = new Map<string, number>();
  for (const r of all<{ location: string }>(ctx.db, "SELECT location FROM product_locations WHERE warehouse_id = ? AND location <> ''", input.warehouseId)) {
    const zone = zoneOf(r.location);
    if (zone !== '') counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([zone, products]) => ({ zone, products }));
}

/** Usage value that left the warehouse in the last 90 days, per product, for ABC classes. */
function abcClassesOf(ctx: ServiceContext, warehouseId: string) {
  const since = ctx.now - 90 * 86_400_000;
  const rows = all<{ product_id: string; usage: number }>(
    ctx.db,
    `SELECT b.product_id, COALESCE((SELECT -SUM(m.value_fen) FROM stock_movements m
              WHERE m.product_id = b.product_id AND m.created_at >= ? AND m.warehouse_id = ? AND m.qty < 0), 0) AS usage
       FROM (SELECT DISTINCT product_id FROM stock_balances WHERE warehouse_id = ? AND qty <> 0) b`,
    since,
    warehouseId,
    warehouseId,
  );
  return classifyAbc(rows.map((r) => ({ productId: r.product_id, usageValueFen: r.usage })));
}

/** The products a partial or cycle count covers; null for a full count (everything). */
function scopedProducts(ctx: ServiceContext, input: ParsedInput<'counts.start'>): Set<string> | null {
  if (input.scope === 'full') return null;
  const chosen = new Set<string>();
  if (input.scope === 'cycle') {
    if (input.abcClasses.length === 0) throw new LedgerError('COUNT_SCOPE_EMPTY', {}, [{ path: 'abcClasses', code: 'REQUIRED' }]);
    for (const [productId, cls] of abcClassesOf(ctx, input.warehouseId)) if (input.abcClasses.includes(cls)) chosen.add(productId);
    return chosen;
  }
  if (input.categoryIds.length === 0 && input.zones.length === 0 && input.productIds.length === 0) {
    throw new LedgerError('COUNT_SCOPE_EMPTY', {}, [{ path: 'categoryIds', code: 'REQUIRED' }]);
  }
  if (input.categoryIds.length > 0) {
    for (const r of all<{ id: string }>(ctx.db, 'SELECT id FROM products WHERE category_id IN (SELECT value FROM json_each(?))', JSON.stringify(input.categoryIds))) {
      chosen.add(r.id);
    }
  }
  if (input.zones.length > 0) {
    const zones = new Set(input.zones.map(zoneOf));
    for (const r of all<{ product_id: string; location: string }>(ctx.db, "SELECT product_id, location FROM product_locations WHERE warehouse_id = ? AND location <> ''", input.warehouseId)) {
      if (zones.has(zoneOf(r.location))) chosen.add(r.product_id);
    }
  }
  if (input.productIds.length > 0) {
    const known = all<{ id: string }>(ctx.db, 'SELECT id FROM products WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(input.productIds));
    if (known.length !== new Set(input.productIds).size) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: 'productIds', code: 'NOT_FOUND' }]);
    for (const r of known) chosen.add(r.id);
  }
  return chosen;
}

export function startCount(ctx: ServiceContext, input: ParsedInput<'counts.start'>): MethodResult<'counts.start'> {
  const id = inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const w = get<{ active: number }>(ctx.db, 'SELECT active FROM warehouses WHERE id = ?', input.warehouseId);
    if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
    if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'warehouseId', code: 'WAREHOUSE_INACTIVE' }]);
    const products = scopedProducts(ctx, input);
    if (products !== null && products.size === 0) throw new LedgerError('COUNT_SCOPE_EMPTY', {}, [{ path: 'scope', code: 'COUNT_SCOPE_EMPTY' }]);

    // One open count per product and warehouse: two counts judging the same shelf would both post its variance.
    const open = all<{ id: string; doc_no: string; scope: string }>(
      ctx.db,
      "SELECT id, doc_no, scope FROM stock_counts WHERE warehouse_id = ? AND status IN ('counting', 'review')",
      input.warehouseId,
    );
    for (const other of open) {
      const overlaps =
        products === null ||
        other.scope === 'full' ||
        get(ctx.db, 'SELECT 1 FROM stock_count_lines WHERE count_id = ? AND product_id IN (SELECT value FROM json_each(?)) LIMIT 1', other.id, JSON.stringify([...products])) !==
          undefined;
      if (overlaps) throw new LedgerError('COUNT_OVERLAPS', { docNo: other.doc_no }, [{ path: 'warehouseId', code: 'COUNT_OVERLAPS', params: { docNo: other.doc_no } }]);
    }

    const countId = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), countTypeCode, todayAt(ctx, branch));
    const filter: ScopeFilter = {
      categoryIds: input.scope === 'partial' ? input.categoryIds : [],
      zones: input.scope === 'partial' ? input.zones.map(zoneOf) : [],
      productIds: input.scope === 'partial' ? input.productIds : [],
      abcClasses: input.scope === 'cycle' ? input.abcClasses : [],
    };
    const hlc = ctx.hlc();
    run(
      ctx.db,
      `INSERT INTO stock_counts (id, branch_id, doc_no, warehouse_id, scope, scope_filter, blind, status, snapshot_at, recount_permille,
         approval_value_fen, note, created_by, created_at, hlc, origin_device_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'counting', ?, ?, ?, ?, ?, ?, ?, ?)`,
      countId,
      branch.id,
      docNo,
      input.warehouseId,
      input.scope,
      JSON.stringify(filter),
      input.blind ? 1 : 0,
      ctx.now,
      input.recountPermille,
      input.approvalValueFen,
      input.note,
      ctx.currentUser.id,
      ctx.now,
      hlc,
      ctx.deviceId,
    );
    // The snapshot: every lot with a book quantity in scope, in one statement.
    const snapshot = run(
      ctx.db,
      `INSERT INTO stock_count_lines (count_id, product_id, lot_id, lot_code, expiry_date, book_qty, expected, round, hlc)
       SELECT ?, b.product_id, b.lot_id, l.lot_code, l.expiry_date, b.qty, 1, 1, ?
         FROM stock_balances b JOIN lots l ON l.id = b.lot_id
        WHERE b.warehouse_id = ? AND b.qty <> 0 ${products === null ? '' : 'AND b.product_id IN (SELECT value FROM json_each(?))'}`,
      countId,
      hlc,
      input.warehouseId,
      ...(products === null ? [] : [JSON.stringify([...products])]),
    );
    // Products named in the plan that have nothing on the book are still on the sheet, at zero.
    for (const productId of filter.productIds) {
      run(
        ctx.db,
        `INSERT INTO stock_count_lines (count_id, product_id, lot_id, lot_code, expiry_date, book_qty, expected, round, hlc)
         SELECT ?, ?, ?, '', NULL, 0, 1, 1, ?
          WHERE NOT EXISTS (SELECT 1 FROM stock_count_lines WHERE count_id = ? AND product_id = ?)`,
        countId,
        productId,
        lotIdFor(productId, ''),
        hlc,
        countId,
        productId,
      );
    }
    recountProgress(ctx.db, countId);
    writeCountStartOps(ctx, countId);
    writeAudit(ctx, 'counts.start', 'stock_count', countId, null, {
      docNo,
      warehouseId: input.warehouseId,
      scope: input.scope,
      filter,
      blind: input.blind,
      snapshotLines: snapshot.changes,
    });
    return countId;
  });
  return countDetail(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Counting

interface LineKeyRow {
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  round: number;
  /** The scan added this line to the count ("found"). */
  found?: true;
}

function bookAtSnapshot(ctx: ServiceContext, count: CountHeaderRow, productId: string, lotId: string): number {
  const now = get<{ qty: number }>(ctx.db, 'SELECT qty FROM stock_balances WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', productId, count.warehouse_id, lotId);
  const since = get<{ qty: number | null }>(
    ctx.db,
    'SELECT SUM(qty) AS qty FROM stock_movements WHERE product_id = ? AND created_at > ? AND lot_id = ? AND warehouse_id = ?',
    productId,
    count.snapshot_at,
    lotId,
    count.warehouse_id,
  );
  return (now?.qty ?? 0) - (since?.qty ?? 0);
}

/** The count line an entry goes to, added as "found" when the plan did not expect it. */
function lineForEntry(ctx: ServiceContext, count: CountHeaderRow, input: ParsedInput<'counts.record'>, product: { id: string; name_zh: string; lot_tracked: number; shelf_life_days: number | null }): LineKeyRow {
  const lines = all<LineKeyRow>(ctx.db, 'SELECT lot_id, lot_code, expiry_date, round FROM stock_count_lines WHERE count_id = ? AND product_id = ?', count.id, product.id);
  let lotId: string;
  let lotCode = '';
  if (input.lotId !== undefined) {
    lotId = input.lotId;
  } else if (input.lotCode !== undefined && input.lotCode !== '') {
    lotCode = input.lotCode;
    lotId = lotIdFor(product.id, lotCode);
  } else if (product.lot_tracked === 0) {
    lotId = lotIdFor(product.id, '');
  } else {
    const tracked = lines.filter((l) => l.lot_code !== '');
    const only = tracked.length === 1 ? tracked[0] : undefined;
    if (!only) throw new LedgerError('LOT_REQUIRED', { product: product.name_zh }, [{ path: 'lotCode', code: 'LOT_REQUIRED' }]);
    lotId = only.lot_id;
  }
  const existing = lines.find((l) => l.lot_id === lotId);
  if (existing) return existing;

  const lot = get<{ lot_code: string; expiry_date: string | null; product_id: string }>(ctx.db, 'SELECT lot_code, expiry_date, product_id FROM lots WHERE id = ?', lotId);
  if (input.lotId !== undefined && (!lot || lot.product_id !== product.id)) {
    throw new LedgerError('LOT_NOT_FOUND', {}, [{ path: 'lotId', code: 'LOT_NOT_FOUND' }]);
  }
  let expiry: string | null;
  if (lot) {
    if (input.expiryDate !== undefined && lot.expiry_date !== null && lot.expiry_date !== input.expiryDate) {
      throw new LedgerError('LOT_EXPIRY_MISMATCH', { lot: lot.lot_code, expiry: lot.expiry_date }, [
        { path: 'expiryDate', code: 'LOT_EXPIRY_MISMATCH', params: { expiry: lot.expiry_date } },
      ]);
    }
    lotCode = lot.lot_code;
    expiry = lot.expiry_date;
  } else {
    if (product.lot_tracked === 1 && lotCode === '') throw new LedgerError('LOT_REQUIRED', { product: product.name_zh }, [{ path: 'lotCode', code: 'LOT_REQUIRED' }]);
    expiry = product.lot_tracked === 1 ? (input.expiryDate ?? null) : null;
    if (product.lot_tracked === 1 && expiry === null && product.shelf_life_days !== null) {
      throw new LedgerError('EXPIRY_REQUIRED', { product: product.name_zh }, [{ path: 'expiryDate', code: 'EXPIRY_REQUIRED' }]);
    }
  }
  const line: LineKeyRow = { lot_id: lotId, lot_code: lotCode, expiry_date: expiry, round: 1, found: true };
  run(
    ctx.db,
    `INSERT INTO stock_count_lines (count_id, product_id, lot_id, lot_code, expiry_date, book_qty, expected, round, hlc)
     VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?)`,
    count.id,
    product.id,
    lotId,
    lotCode,
    expiry,
    lot ? bookAtSnapshot(ctx, count, product.id, lotId) : 0,
    ctx.hlc(),
  );
  run(ctx.db, 'UPDATE stock_counts SET found_lines = found_lines + 1 WHERE id = ?', count.id);
  return line;
}

function recordedResult(ctx: ServiceContext, count: CountHeaderRow, entryId: string, productId: string, lotId: string): MethodResult<'counts.record'> {
  const entry = countEntries(ctx, count, 1, entryId)[0];
  const line = judgeAll(count, loadLines(ctx, count, { productId, lotId }), 'zero')[0];
  if (!entry || !line) throw new Error('recorded entry not found');
  const units = unitsByProduct(ctx, [productId]).get(productId) ?? [];
  const counters = countersOf(ctx, count, [line.row]).get(`${productId}|${lotId}`) ?? [];
  return { entry, line: toLineRow(count, line, units, counters), progress: progressOf(ctx, count.id) };
}

/**
 * SQL: entry `e` counts in the count's figures. Every entry does until the count is posted;
 * after that, only those its posting held (`seen`: the count's entries_seen): an entry a PC made
 * offline after the count was posted elsewhere came too late, and counts on no PC.
 */
export function entryCounts(e: string, seen: string): string {
  return `(${seen} IS NULL OR ${e}.hlc <= COALESCE((SELECT s.value FROM json_each(${seen}) s WHERE s.key = ${e}.device_id), ''))`;
}

/** Stores one entry as it is (append-only); false when an entry of that id is there already (one that came by sync before). */
export function storeCountEntry(db: LedgerDb, countId: string, e: CountEntryArgs['entry']): boolean {
  return (
    run(
      db,
      `INSERT OR IGNORE INTO stock_count_entries (id, count_id, product_id, lot_id, round, unit_code, unit_qty, qty, undoes_entry_id, counter, user_id, device_id, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      e.id,
      countId,
      e.productId,
      e.lotId,
      e.round,
      e.unitCode,
      e.unitQty,
      e.qty,
      e.undoesEntryId,
      e.counter,
      e.userId,
      e.deviceId,
      e.createdAt,
      e.hlc,
    ).changes > 0
  );
}

function insertEntry(
  ctx: ServiceContext,
  count: CountHeaderRow,
  e: { productId: string; lotId: string; round: number; unitCode: string; unitQty: number; qty: number; undoes: string | null; counter: string; foundLine: boolean },
): string {
  const id = ctx.ids();
  storeCountEntry(ctx.db, count.id, {
    id,
    productId: e.productId,
    lotId: e.lotId,
    round: e.round,
    unitCode: e.unitCode,
    unitQty: e.unitQty,
    qty: e.qty,
    undoesEntryId: e.undoes,
    counter: e.counter,
    userId: ctx.currentUser.id,
    deviceId: ctx.deviceId,
    createdAt: ctx.now,
    hlc: ctx.hlc(),
  });
  const before = get<{ counted_at: number | null; expected: number }>(
    ctx.db,
    'SELECT counted_at, expected FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?',
    count.id,
    e.productId,
    e.lotId,
  );
  run(
    ctx.db,
    `UPDATE stock_count_lines SET counted_at = MAX(COALESCE(counted_at, 0), ?), counted_qty = COALESCE(counted_qty, 0) + ?
      WHERE count_id = ? AND product_id = ? AND lot_id = ?`,
    ctx.now,
    e.qty,
    count.id,
    e.productId,
    e.lotId,
  );
  if (before?.counted_at === null && before.expected === 1) run(ctx.db, 'UPDATE stock_counts SET counted_lines = counted_lines + 1 WHERE id = ?', count.id);
  writeAudit(ctx, e.undoes ? 'counts.undo' : 'counts.record', 'stock_count', count.id, null, {
    entryId: id,
    productId: e.productId,
    lotId: e.lotId,
    qty: e.qty,
    counter: e.counter,
    ...(e.undoes ? { undoes: e.undoes } : {}),
  });
  writeCountEntryOp(ctx, id, e.foundLine);
  return id;
}

function countedInRound(ctx: ServiceContext, countId: string, productId: string, lotId: string): number {
  return (
    get<{ qty: number | null }>(ctx.db, 'SELECT counted_qty AS qty FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?', countId, productId, lotId)
      ?.qty ?? 0
  );
}

export function recordCount(ctx: ServiceContext, input: ParsedInput<'counts.record'>): MethodResult<'counts.record'> {
  return inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.countId);
    requireState(count, 'record');
    const product = get<{ id: string; name_zh: string; lot_tracked: number; shelf_life_days: number | null; factor: number | null }>(
      ctx.db,
      `SELECT p.id, p.name_zh, p.lot_tracked, p.shelf_life_days, u.factor
         FROM products p LEFT JOIN product_units u ON u.product_id = p.id AND u.code = ? WHERE p.id = ?`,
      input.unitCode,
      input.productId,
    );
    if (!product) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: 'productId', code: 'NOT_FOUND' }]);
    if (product.factor === null) {
      throw new LedgerError('UNIT_UNKNOWN', { unit: input.unitCode, product: product.name_zh }, [{ path: 'unitCode', code: 'UNIT_UNKNOWN', params: { unit: input.unitCode } }]);
    }
    const line = lineForEntry(ctx, count, input, product);
    const qty = input.qty * product.factor;
    const total = countedInRound(ctx, count.id, product.id, line.lot_id) + qty;
    if (total < 0) throw new LedgerError('COUNT_NEGATIVE', { product: product.name_zh, counted: total - qty }, [{ path: 'qty', code: 'COUNT_NEGATIVE' }]);
    const entryId = insertEntry(ctx, count, {
      productId: product.id,
      lotId: line.lot_id,
      round: line.round,
      unitCode: input.unitCode,
      unitQty: input.qty,
      qty,
      undoes: null,
      counter: input.counter,
      foundLine: line.found === true,
    });
    return recordedResult(ctx, count, entryId, product.id, line.lot_id);
  });
}

/**
 * One scan, one call: a round trip saved on every first scan of a product is what keeps the
 * screen's answer quick. A lot-tracked product is only named: which lot is on the shelf is the
 * counter's answer (remembered on their PC), never a guess.
 */
export function scanIntoCount(ctx: ServiceContext, input: ParsedInput<'counts.scan'>): MethodResult<'counts.scan'> {
  const hit = lookupBarcode(ctx, { barcode: input.barcode });
  if (hit.product.lotTracked) return { ...hit, recorded: null };
  const recorded = recordCount(ctx, { countId: input.countId, productId: hit.product.id, unitCode: hit.unit.code, qty: 1, counter: input.counter });
  return { ...hit, recorded };
}

/**
 * The counting screen's barcode map (see CountScanMap): two reads, as arrays, since a full count
 * holds 20,000 products (about 4 MB of JSON with their names; 0.1–0.2 s of CPU, once per screen). A full count covers every active product (one not on the book is found
 * goods); a partial or cycle count, the products on its lines — another product scanned there
 * goes to the ledger first, which decides.
 */
export function countScanMap(ctx: ServiceContext, input: ParsedInput<'counts.scanMap'>): MethodResult<'counts.scanMap'> {
  const count = findCount(ctx, input.countId);
  requireState(count, 'record');
  const inScope = count.scope === 'full' ? 'p.active = 1 OR p.id IN (SELECT product_id FROM stock_count_lines WHERE count_id = :count)' : 'p.id IN (SELECT product_id FROM stock_count_lines WHERE count_id = :count)';
  const units = allRaw(
    ctx.db,
    `SELECT p.id, p.sku, p.name_zh, p.name_en, p.lot_tracked, u.code, u.name_zh, u.name_en, u.factor, u.barcode
       FROM products p JOIN product_units u ON u.product_id = p.id
      WHERE ${inScope}`,
    { count: count.id },
  );
  const unitNames: CountScanMap['unitNames'] = [];
  const unitIndex = new Map<string, number>();
  const products: CountScanMap['products'] = [];
  const productIndex = new Map<string, number>();
  for (const r of units) {
    const id = r[0] as string;
    let p = productIndex.get(id);
    if (p === undefined) {
      p = products.length;
      productIndex.set(id, p);
      products.push([id, r[1] as string, r[2] as string, r[3] as string, r[4] === 1 ? 1 : 0, []]);
    }
    const nameKey = `${r[5] as string}\u0000${r[6] as string}\u0000${r[7] as string}`;
    let n = unitIndex.get(nameKey);
    if (n === undefined) {
      n = unitNames.length;
      unitIndex.set(nameKey, n);
      unitNames.push([r[5] as string, r[6] as string, r[7] as string]);
    }
    products[p]?.[5].push([n, r[8] as number, r[9] as string | null]);
  }
  // Largest unit first, sorted here: a few units each, where SQLite would sort all 40,000 rows.
  for (const p of products) p[5].sort((a, b) => b[1] - a[1]);
  const lines: CountScanMap['lines'] = [];
  for (const r of allRaw(ctx.db, 'SELECT product_id, lot_code, expiry_date, expected, counted_qty FROM stock_count_lines WHERE count_id = ?', count.id)) {
    const p = productIndex.get(r[0] as string);
    if (p !== undefined) lines.push([p, r[1] as string, r[2] as string | null, r[3] === 1 ? 1 : 0, r[4] as number | null]);
  }
  return { countId: count.id, unitNames, products, lines };
}

export function undoCountEntry(ctx: ServiceContext, input: ParsedInput<'counts.undo'>): MethodResult<'counts.undo'> {
  return inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.countId);
    requireState(count, 'record');
    const last = get<{ id: string; product_id: string; lot_id: string; round: number; unit_code: string; unit_qty: number; qty: number }>(
      ctx.db,
      `SELECT e.id, e.product_id, e.lot_id, e.round, e.unit_code, e.unit_qty, e.qty
         FROM stock_count_entries e
         JOIN stock_count_lines l ON l.count_id = e.count_id AND l.product_id = e.product_id AND l.lot_id = e.lot_id AND l.round = e.round
        WHERE e.count_id = ? AND e.counter = ? AND e.device_id = ? AND e.undoes_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM stock_count_entries u WHERE u.undoes_entry_id = e.id)
        ORDER BY e.created_at DESC, e.id DESC LIMIT 1`,
      count.id,
      input.counter,
      ctx.deviceId,
    );
    if (!last) throw new LedgerError('COUNT_NOTHING_TO_UNDO');
    const total = countedInRound(ctx, count.id, last.product_id, last.lot_id) - last.qty;
    if (total < 0) throw new LedgerError('COUNT_NEGATIVE', { counted: total + last.qty });
    const entryId = insertEntry(ctx, count, {
      productId: last.product_id,
      lotId: last.lot_id,
      round: last.round,
      unitCode: last.unit_code,
      unitQty: -last.unit_qty,
      qty: -last.qty,
      undoes: last.id,
      counter: input.counter,
      foundLine: false,
    });
    return recordedResult(ctx, count, entryId, last.product_id, last.lot_id);
  });
}

function countEntries(ctx: ServiceContext, count: CountHeaderRow, limit: number, onlyId?: string): CountEntry[] {
  const rows = all<{
    id: string;
    product_id: string;
    sku: string;
    name_zh: string;
    name_en: string;
    lot_id: string;
    lot_code: string | null;
    unit_code: string;
    unit_qty: number;
    qty: number;
    counter: string;
    created_at: number;
    undoes_entry_id: string | null;
    undone: number;
    late: number;
  }>(
    ctx.db,
    `SELECT e.id, e.product_id, p.sku, p.name_zh, p.name_en, e.lot_id, COALESCE(l.lot_code, lot.lot_code) AS lot_code, e.unit_code, e.unit_qty, e.qty,
            e.counter, e.created_at, e.undoes_entry_id,
            EXISTS (SELECT 1 FROM stock_count_entries u WHERE u.undoes_entry_id = e.id AND ${entryCounts('u', ':seen')}) AS undone,
            NOT ${entryCounts('e', ':seen')} AS late
       FROM stock_count_entries e
       JOIN products p ON p.id = e.product_id
       LEFT JOIN stock_count_lines l ON l.count_id = e.count_id AND l.product_id = e.product_id AND l.lot_id = e.lot_id
       LEFT JOIN lots lot ON lot.id = e.lot_id
      WHERE e.count_id = :count ${onlyId ? 'AND e.id = :entry' : ''}
      ORDER BY e.created_at DESC, e.id DESC LIMIT :limit`,
    { count: count.id, seen: count.entries_seen, limit, ...(onlyId ? { entry: onlyId } : {}) },
  );
  return rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    lotId: r.lot_id,
    lotCode: r.lot_code ?? '',
    unitCode: r.unit_code,
    unitQty: r.unit_qty,
    qty: r.qty,
    counter: r.counter,
    createdAt: r.created_at,
    undoes: r.undoes_entry_id !== null,
    undone: r.undone === 1,
    late: r.late === 1,
  }));
}

export function listCountEntries(ctx: ServiceContext, input: ParsedInput<'counts.entries'>): MethodResult<'counts.entries'> {
  return countEntries(ctx, findCount(ctx, input.countId), input.limit);
}

// ---------------------------------------------------------------------------------------------
// Review and posting

function changeStatus(ctx: ServiceContext, count: CountHeaderRow, status: CountStatus, extra: Record<string, unknown> = {}): void {
  const seen = get<{ hlc: string }>(ctx.db, 'SELECT hlc FROM stock_counts WHERE id = ?', count.id)?.hlc ?? null;
  run(ctx.db, 'UPDATE stock_counts SET status = ?, hlc = ? WHERE id = ?', status, hlcAfter(ctx.hlc(), seen), count.id);
  writeCountStatusOp(ctx, count.id);
  writeAudit(ctx, `counts.${status}`, 'stock_count', count.id, { status: count.status }, { status, ...extra });
}

export function submitCount(ctx: ServiceContext, input: ParsedInput<'counts.submit'>): MethodResult<'counts.submit'> {
  inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'submit');
    if (!get(ctx.db, 'SELECT 1 FROM stock_count_entries WHERE count_id = ? LIMIT 1', count.id)) throw new LedgerError('COUNT_NOTHING_COUNTED', { docNo: count.doc_no });
    changeStatus(ctx, count, 'review');
  });
  return countDetail(ctx, input.id);
}

type LineKey = { productId: string; lotId: string };

const lineKeyOf = (j: JudgedLine): LineKey => ({ productId: j.row.product_id, lotId: j.row.lot_id });

/** The HLC that last wrote a review decision of the line (perhaps on another PC of the branch). */
function decisionClock(ctx: ServiceContext, countId: string, j: JudgedLine, column: 'reason_hlc' | 'approval_hlc'): string | null {
  return (
    get<{ hlc: string | null }>(ctx.db, `SELECT ${column} AS hlc FROM stock_count_lines WHERE count_id = ? AND product_id = ? AND lot_id = ?`, countId, j.row.product_id, j.row.lot_id)
      ?.hlc ?? null
  );
}

/** The lines named, all of them known to the count; otherwise nothing is changed. */
function pickLines(judged: readonly JudgedLine[], keys: readonly LineKey[]): JudgedLine[] {
  const byKey = new Map(judged.map((j) => [`${j.row.product_id}|${j.row.lot_id}`, j]));
  return keys.map((k, i) => {
    const j = byKey.get(`${k.productId}|${k.lotId}`);
    if (!j) throw new LedgerError('COUNT_LINE_NOT_FOUND', { line: i + 1 }, [{ path: `lines.${i}`, code: 'COUNT_LINE_NOT_FOUND' }]);
    return j;
  });
}

export function setCountReason(ctx: ServiceContext, input: ParsedInput<'counts.setReason'>): MethodResult<'counts.setReason'> {
  inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'review');
    if (hidesBook(count) && input.lines === undefined) throw new LedgerError('COUNT_BLIND', { docNo: count.doc_no });
    const judged = judgeAll(count, loadLines(ctx, count), input.uncounted);
    const targets = input.lines ? pickLines(judged, input.lines) : judged.filter((j) => j.verdict.varianceQty !== 0 && j.row.reason_code === null);
    const now = ctx.hlc();
    for (const j of targets) {
      const hlc = hlcAfter(now, decisionClock(ctx, count.id, j, 'reason_hlc'));
      run(
        ctx.db,
        'UPDATE stock_count_lines SET reason_code = ?, reason_hlc = ?, hlc = ? WHERE count_id = ? AND product_id = ? AND lot_id = ?',
        input.reasonCode,
        hlc,
        hlc,
        count.id,
        j.row.product_id,
        j.row.lot_id,
      );
    }
    writeCountReviewOps(ctx, count.id, 'reason', targets.map(lineKeyOf));
    writeAudit(ctx, 'counts.setReason', 'stock_count', count.id, null, { reasonCode: input.reasonCode, lines: targets.length });
  });
  return countDetail(ctx, input.id);
}

export function approveCount(ctx: ServiceContext, input: ParsedInput<'counts.approve'>): MethodResult<'counts.approve'> {
  inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'approve');
    const judged = judgeAll(count, loadLines(ctx, count), input.uncounted);
    const targets = input.lines
      ? pickLines(judged, input.lines)
      : judged.filter((j) => (j.verdict.needsApproval || j.verdict.needsRecount) && j.row.approved === 0);
    for (const j of targets) {
      const hlc = hlcAfter(ctx.hlc(), decisionClock(ctx, count.id, j, 'approval_hlc'));
      run(
        ctx.db,
        'UPDATE stock_count_lines SET approved_by = ?, approved_at = ?, approval_hlc = ?, hlc = ? WHERE count_id = ? AND product_id = ? AND lot_id = ?',
        ctx.currentUser.id,
        ctx.now,
        hlc,
        hlc,
        count.id,
        j.row.product_id,
        j.row.lot_id,
      );
    }
    writeCountReviewOps(ctx, count.id, 'approval', targets.map(lineKeyOf));
    writeAudit(ctx, 'counts.approve', 'stock_count', count.id, null, {
      lines: targets.map((j) => ({ productId: j.row.product_id, lotId: j.row.lot_id, varianceQty: j.verdict.varianceQty, varianceValueFen: j.verdict.varianceValueFen })),
    });
  });
  return countDetail(ctx, input.id);
}

export function recountLines(ctx: ServiceContext, input: ParsedInput<'counts.recount'>): MethodResult<'counts.recount'> {
  inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'recount');
    const targets = pickLines(judgeAll(count, loadLines(ctx, count), 'zero'), input.lines);
    for (const j of targets) {
      const hlc = ctx.hlc();
      run(
        ctx.db,
        `UPDATE stock_count_lines SET round = round + 1, counted_at = NULL, counted_qty = NULL, approved_by = NULL, approved_at = NULL, reason_code = NULL,
           reason_hlc = ?, approval_hlc = ?, hlc = ?
          WHERE count_id = ? AND product_id = ? AND lot_id = ?`,
        hlc,
        hlc,
        hlc,
        count.id,
        j.row.product_id,
        j.row.lot_id,
      );
    }
    writeCountReviewOps(ctx, count.id, 'recount', targets.map(lineKeyOf));
    recountProgress(ctx.db, count.id);
    changeStatus(ctx, count, 'counting', { recount: targets.length });
  });
  return countDetail(ctx, input.id);
}

export function postCount(ctx: ServiceContext, input: ParsedInput<'counts.post'>): MethodResult<'counts.post'> {
  // Posting freezes the figures it judged: the detail answered shows that judgement.
  const frozen = inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'post');
    // Single writer for the posting: only the PC that started the count posts it.
    if (count.origin_device_id !== null && count.origin_device_id !== ctx.deviceId) throw new LedgerError('COUNT_POST_ELSEWHERE', { docNo: count.doc_no });
    const branch = requireBranch(ctx);
    const judged = judgeAll(count, linesToPost(ctx, count), input.uncounted);
    const summary = summarize(judged);
    if (summary.notReady > 0) {
      throw new LedgerError('COUNT_NOT_READY', {
        docNo: count.doc_no,
        notReady: summary.notReady,
        needsReason: summary.needsReason,
        needsRecount: summary.needsRecount,
        needsApproval: summary.needsApproval,
      });
    }
    const variances = judged
      .filter((j) => j.verdict.varianceQty !== 0)
      .sort((a, b) => a.row.product_id.localeCompare(b.row.product_id) || a.row.lot_id.localeCompare(b.row.lot_id))
      .map((j) => ({
        productId: j.row.product_id,
        baseUnitCode: j.row.base_unit_code,
        product: j.row.product,
        lotId: j.row.lot_id,
        lotCode: j.row.lot_code,
        expiryDate: j.row.expiry_date,
        qty: j.verdict.varianceQty,
        reasonCode: j.row.reason_code ?? 'data_error',
      }));
    const document = variances.length > 0 ? postCountAdjustment(ctx, branch, { warehouseId: count.warehouse_id, docNo: count.doc_no, note: count.note }, variances) : null;
    // What this posting counted: every entry this PC holds, of each device up to its newest.
    const entriesSeen = get<{ seen: string }>(
      ctx.db,
      `SELECT json_group_object(device_id, hlc) AS seen
         FROM (SELECT device_id, MAX(hlc) AS hlc FROM stock_count_entries WHERE count_id = ? GROUP BY device_id ORDER BY device_id)`,
      count.id,
    )?.seen;
    run(
      ctx.db,
      "UPDATE stock_counts SET status = 'posted', adjustment_document_id = ?, closed_by = ?, closed_at = ?, hlc = ?, entries_seen = ? WHERE id = ?",
      document?.id ?? null,
      ctx.currentUser.id,
      ctx.now,
      ctx.hlc(),
      entriesSeen ?? '{}',
      count.id,
    );
    writeCountStatusOp(ctx, count.id);
    writeAudit(ctx, 'counts.post', 'stock_count', count.id, { status: count.status }, {
      status: 'posted',
      uncounted: input.uncounted,
      adjustment: document?.docNo ?? null,
      lines: variances.length,
      gainQty: summary.gainQty,
      lossQty: summary.lossQty,
      totalValueFen: document?.totalValueFen ?? 0,
    });
    return input.uncounted === 'zero' ? summary : summarize(judgeAll(count, loadLines(ctx, count), 'zero'));
  });
  return countDetail(ctx, input.id, frozen);
}

export function cancelCount(ctx: ServiceContext, input: ParsedInput<'counts.cancel'>): MethodResult<'counts.cancel'> {
  inTransaction(ctx.db, () => {
    const count = findCount(ctx, input.id);
    requireState(count, 'cancel');
    run(
      ctx.db,
      "UPDATE stock_counts SET status = 'cancelled', closed_by = ?, closed_at = ?, note = CASE WHEN ? = '' THEN note ELSE ? END, hlc = ? WHERE id = ?",
      ctx.currentUser.id,
      ctx.now,
      input.note,
      input.note,
      ctx.hlc(),
      count.id,
    );
    writeCountStatusOp(ctx, count.id);
    writeAudit(ctx, 'counts.cancel', 'stock_count', count.id, { status: count.status }, { status: 'cancelled', note: input.note });
  });
  return countDetail(ctx, input.id);
}
