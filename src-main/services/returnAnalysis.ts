import { returnRateBp } from '../core/supplierReturn';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { LedgerDb } from '../../db/openLedgerDb';
import { periodParts } from './reports/stockAsOf';
import { all, whereClause } from './sql';
import type { ServiceContext } from './types';

/**
 * Return-rate analysis (退货率分析, handbook: find product and service problems from what comes
 * back): customer returns (not rejected or cancelled) against deliveries, both by business date
 * in the range, grouped by one dimension. Quantities are base units; values are at cost — what
 * the delivery took off stock, and what the returned goods had left with — so the two sides are
 * measured alike whatever prices and discounts the customers had.
 */

type Dimension = ParsedInput<'returns.analysis'>['dimension'];

/**
 * The supplier a lot came from: the first receipt from a supplier that carried it. SQLite must
 * read the lot's few lines and their documents by id: CROSS JOIN fixes that order and the unary
 * `+` keeps it off the type and supplier indexes, which with statistics it otherwise prefers and
 * then walks every receipt for each line (minutes on a large ledger, bench/returns.ts). A
 * receipt's lines take stock in: `qty > 0` lets SQLite use stock_document_lines_lot, which holds
 * only those.
 */
const lotSupplier = (lotColumn: string) => `(SELECT d2.supplier_id FROM stock_document_lines dl2 CROSS JOIN stock_documents d2 ON d2.id = dl2.document_id
   WHERE dl2.lot_id = ${lotColumn} AND dl2.qty > 0 AND +d2.doc_type = 'receipt' ORDER BY d2.supplier_id IS NULL, d2.created_at, d2.id LIMIT 1)`;

const returnedKey: Record<Exclude<Dimension, 'supplier'>, string> = {
  product: 'cl.product_id',
  customer: 'r.customer_id',
  reason: 'cl.reason_code',
  month: 'substr(r.business_date, 1, 7)',
};

/** Deliveries have no reason: every reason is set against all that was delivered (key ''). */
const deliveredKey: Record<Exclude<Dimension, 'supplier'>, string> = {
  product: 'dl.product_id',
  customer: '(SELECT o.customer_id FROM sales_orders o WHERE o.id = d.source_id)',
  reason: "''",
  month: 'substr(d.business_date, 1, 7)',
};

/**
 * By supplier, the lines are summed per lot first and each lot's supplier is looked up once: a
 * quarter's deliveries come from far fewer lots than they have lines.
 */
function bySupplier(perLotSql: string): string {
  return `SELECT COALESCE(${lotSupplier('x.lot_id')}, '') AS key, SUM(x.qty) AS qty, SUM(x.fen) AS fen FROM (${perLotSql}) x GROUP BY 1`;
}

export function returnedSql(dimension: Dimension): string {
  const from = `FROM customer_returns r JOIN customer_return_lines cl ON cl.return_id = r.id
           WHERE r.business_date BETWEEN ? AND ? AND r.status NOT IN ('rejected', 'cancelled')`;
  if (dimension === 'supplier') return bySupplier(`SELECT cl.lot_id, SUM(cl.qty) AS qty, SUM(cl.cost_fen) AS fen ${from} GROUP BY cl.lot_id`);
  return `SELECT ${returnedKey[dimension]} AS key, SUM(cl.qty) AS qty, SUM(cl.cost_fen) AS fen ${from} GROUP BY 1`;
}

/** `counted`: with how many lines each key sums (`n`). */
export function deliveredSql(dimension: Dimension, counted = false): string {
  const from = `FROM stock_documents d JOIN stock_document_lines dl ON dl.document_id = d.id
           WHERE d.doc_type = 'delivery' AND d.business_date BETWEEN ? AND ?`;
  if (dimension === 'supplier') return bySupplier(`SELECT dl.lot_id, -SUM(dl.qty) AS qty, -SUM(dl.value_fen) AS fen ${from} GROUP BY dl.lot_id`);
  return `SELECT ${deliveredKey[dimension]} AS key, -SUM(dl.qty) AS qty, -SUM(dl.value_fen) AS fen${counted ? ', COUNT(*) AS n' : ''} ${from} GROUP BY 1`;
}

interface Sum {
  key: string | null;
  qty: number;
  fen: number;
}

function figures(returnedQty: number, returnedFen: number, deliveredQty: number, deliveredFen: number): R.ReturnAnalysisFigures {
  return { returnedQty, returnedFen, deliveredQty, deliveredFen, qtyRateBp: returnRateBp(returnedQty, deliveredQty), valueRateBp: returnRateBp(returnedFen, deliveredFen) };
}

function names(db: LedgerDb, dimension: Dimension, keys: readonly string[]): Map<string, { label: string; labelEn: string; detail: string }> {
  const json = JSON.stringify(keys.filter((k) => k !== ''));
  const source =
    dimension === 'product'
      ? 'SELECT id, name_zh AS label, name_en AS labelEn, sku AS detail FROM products'
      : dimension === 'customer'
        ? "SELECT id, name AS label, '' AS labelEn, code AS detail FROM customers"
        : dimension === 'supplier'
          ? "SELECT id, name AS label, '' AS labelEn, code AS detail FROM suppliers"
          : null;
  if (!source) return new Map();
  const rows = all<{ id: string; label: string; labelEn: string; detail: string }>(db, `${source} WHERE id IN (SELECT value FROM json_each(?))`, json);
  return new Map(rows.map((r) => [r.id, r]));
}

export function returnAnalysis(ctx: ServiceContext, input: ParsedInput<'returns.analysis'>): MethodResult<'returns.analysis'> {
  const analysis = returnAnalysisRows(ctx.db, input);
  return { dimension: input.dimension, dateFrom: input.dateFrom, dateTo: input.dateTo, ...analysis, rows: analysis.rows.slice(0, input.limit) };
}

/** The summary's key for each dimension it can answer (sales_delivery_months `s`). */
const summaryKey: Record<Exclude<Dimension, 'supplier'>, string> = {
  product: 's.product_id',
  customer: 's.customer_id',
  reason: "''",
  month: 's.month',
};

/**
 * What was delivered in the period, from sales_delivery_months for its whole months (caught up
 * before each report: reports/monthSummaries.ts) and the delivery lines for the days of a cut
 * month (added, or taken off the whole month, whichever reads fewer days). Every delivery line
 * belongs to an order line (sales.deliver writes it so), so the summary holds every one.
 */
function deliveredFromSummaries(db: LedgerDb, dimension: Exclude<Dimension, 'supplier'>, dateFrom: string, dateTo: string): Sum[] {
  const parts = periodParts(dateFrom, dateTo);
  const byKey = new Map<string, Sum & { n: number }>();
  const add = (rows: (Sum & { n: number })[], sign: number) => {
    for (const r of rows) {
      const k = r.key ?? '';
      const e = byKey.get(k) ?? { key: r.key, qty: 0, fen: 0, n: 0 };
      e.qty += sign * r.qty;
      e.fen += sign * r.fen;
      e.n += sign * r.n;
      byKey.set(k, e);
    }
  };
  if (parts.months) {
    const { sql: where, params } = whereClause([parts.months.from !== null && ['s.month >= ?', parts.months.from], parts.months.to !== null && ['s.month <= ?', parts.months.to]]);
    add(all(db, `SELECT ${summaryKey[dimension]} AS key, SUM(s.qty) AS qty, SUM(s.cost_fen) AS fen, SUM(s.lines) AS n FROM sales_delivery_months s ${where} GROUP BY 1`, ...params), 1);
  }
  for (const d of parts.days) add(all(db, deliveredSql(dimension, true), d.from, d.to), d.sign);
  // A key whose only lines in a whole month lie on days taken off is none of the period's.
  return [...byKey.values()].filter((e) => e.n > 0).map(({ n: _n, ...sum }) => sum);
}

/**
 * Every row of the analysis, worst first (months in order), and the totals; the reports module
 * exports them all. `summaries`: read deliveries from the month summaries, which the caller has
 * caught up (the report worker's are, before each report).
 */
export function returnAnalysisRows(
  db: LedgerDb,
  input: { dimension: Dimension; dateFrom: string; dateTo: string },
  options: { summaries?: boolean } = {},
): { rows: R.ReturnAnalysisRow[]; total: number; totals: R.ReturnAnalysisFigures } {
  const { dimension, dateFrom, dateTo } = input;
  const returned = all<Sum>(db, returnedSql(dimension), dateFrom, dateTo);
  const delivered = options.summaries && dimension !== 'supplier' ? deliveredFromSummaries(db, dimension, dateFrom, dateTo) : all<Sum>(db, deliveredSql(dimension), dateFrom, dateTo);
  const deliveredTotal = delivered.reduce((t, d) => ({ qty: t.qty + d.qty, fen: t.fen + d.fen }), { qty: 0, fen: 0 });
  const byKey = new Map<string, { rq: number; rf: number; dq: number; df: number }>();
  const entry = (key: string) => {
    let e = byKey.get(key);
    if (!e) {
      e = { rq: 0, rf: 0, dq: 0, df: 0 };
      byKey.set(key, e);
    }
    return e;
  };
  for (const r of returned) {
    const e = entry(r.key ?? '');
    e.rq += r.qty;
    e.rf += r.fen;
  }
  if (dimension === 'reason') {
    for (const e of byKey.values()) {
      e.dq = deliveredTotal.qty;
      e.df = deliveredTotal.fen;
    }
  } else {
    for (const d of delivered) {
      const e = entry(d.key ?? '');
      e.dq += d.qty;
      e.df += d.fen;
    }
  }
  const labels = names(db, dimension, [...byKey.keys()]);
  const rows: R.ReturnAnalysisRow[] = [...byKey.entries()].map(([key, e]) => ({
    key,
    label: labels.get(key)?.label ?? '',
    labelEn: labels.get(key)?.labelEn ?? '',
    detail: labels.get(key)?.detail ?? '',
    ...figures(e.rq, e.rf, e.dq, e.df),
  }));
  // Months read in calendar order; everything else worst first (most value returned, then the higher rate).
  rows.sort((a, b) =>
    dimension === 'month'
      ? a.key.localeCompare(b.key)
      : b.returnedFen - a.returnedFen || b.returnedQty - a.returnedQty || (b.qtyRateBp ?? -1) - (a.qtyRateBp ?? -1) || a.key.localeCompare(b.key),
  );
  const returnedQty = returned.reduce((n, r) => n + r.qty, 0);
  const returnedFen = returned.reduce((n, r) => n + r.fen, 0);
  return {
    rows,
    total: rows.length,
    totals: figures(returnedQty, returnedFen, deliveredTotal.qty, deliveredTotal.fen),
  };
}
