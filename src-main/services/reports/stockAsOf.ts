import type { LedgerDb } from '../../../db/openLedgerDb';
import { addDays, daysBetween } from '../../core/businessDate';
import { whereClause, type Condition } from '../sql';

/** Which stock a stock report covers: one warehouse, category or product, or all. */
export interface StockScope {
  warehouseId?: string | undefined;
  categoryId?: string | undefined;
  productId?: string | undefined;
}

export interface StockFigure {
  productId: string;
  warehouseId: string;
  qty: number;
  valueFen: number;
}

/** A product's movements in a period, per warehouse: all of them, and its deliveries (positive). */
export interface PeriodFigure extends StockFigure {
  soldQty: number;
  soldValueFen: number;
  lastSaleDate: string | null;
}

/** The scope's conditions on a table with product_id and warehouse_id columns (`alias.`). */
export function scopeConditions(alias: string, scope: StockScope): Condition[] {
  return [
    scope.warehouseId !== undefined && [`${alias}.warehouse_id = ?`, scope.warehouseId],
    scope.productId !== undefined && [`${alias}.product_id = ?`, scope.productId],
    scope.categoryId !== undefined && [`${alias}.product_id IN (SELECT id FROM products WHERE category_id = ?)`, scope.categoryId],
  ];
}

const key = (productId: string, warehouseId: string) => `${productId}|${warehouseId}`;

const monthOf = (date: string) => date.slice(0, 7);
const firstOfMonth = (date: string) => `${monthOf(date)}-01`;
const lastOfMonth = (date: string) => addDays(`${monthOf(addDays(firstOfMonth(date), 31))}-01`, -1);

/** A period as whole months of a month summary plus days to add (sign 1) or take off (-1). */
export interface PeriodParts {
  /** The whole months, 'YYYY-MM' (either end open when null); null when there are none. */
  months: { from: string | null; to: string | null } | null;
  days: { from: string; to: string; sign: 1 | -1 }[];
}

/**
 * Splits [from, to] (either end open when null) for a month summary: a month cut by `from` or
 * `to` is either its days inside the period added, or the whole month taken and its days
 * outside taken off, whichever reads fewer days ("as of today" near a month's end reads almost
 * none).
 */
export function periodParts(from: string | null, to: string | null): PeriodParts {
  const days: PeriodParts['days'] = [];
  let monthFrom = from === null ? null : monthOf(from);
  let monthTo = to === null ? null : monthOf(to);
  if (from !== null && to !== null && monthFrom === monthTo) {
    if (from > to) return { months: null, days };
    if (from !== firstOfMonth(from) || to !== lastOfMonth(to)) return { months: null, days: [{ from, to, sign: 1 }] };
  } else {
    if (from !== null && from !== firstOfMonth(from)) {
      const insideDays = daysBetween(from, lastOfMonth(from)) + 1;
      if (insideDays <= daysBetween(firstOfMonth(from), from)) {
        days.push({ from, to: lastOfMonth(from), sign: 1 });
        monthFrom = monthOf(addDays(lastOfMonth(from), 1));
      } else days.push({ from: firstOfMonth(from), to: addDays(from, -1), sign: -1 });
    }
    if (to !== null && to !== lastOfMonth(to)) {
      const insideDays = daysBetween(firstOfMonth(to), to) + 1;
      if (insideDays <= daysBetween(to, lastOfMonth(to))) {
        days.push({ from: firstOfMonth(to), to, sign: 1 });
        monthTo = monthOf(addDays(firstOfMonth(to), -1));
      } else days.push({ from: addDays(to, 1), to: lastOfMonth(to), sign: -1 });
    }
  }
  const some = monthFrom === null || monthTo === null || monthFrom <= monthTo;
  return { months: some ? { from: monthFrom, to: monthTo } : null, days };
}

/**
 * The movements of [from, to] (either end open when null) summed per product and warehouse.
 * Whole months come from stock_movement_months (summed up to the newest movement before each
 * report: monthSummaries.ts), read in its key order; only the days of a month cut by `from` or
 * `to` are summed from the movements (periodParts), a range scan of the covering index
 * stock_movements_date_cover. So a year of two million movements costs at most two half months
 * of them plus the summaries. The last sale date lies in the period: a cut month taken whole
 * gives none of its own; the last delivery on its days inside the period is read instead from
 * the deliveries' own index (stock_movements_sales_issues), far fewer entries than its movements.
 */
export function periodSums(db: LedgerDb, from: string | null, to: string | null, scope: StockScope): Map<string, PeriodFigure> {
  const sqlite = db.$client;
  const out = new Map<string, PeriodFigure>();
  /** Adds (sign 1) or takes off (-1) a figure; a last sale is only ever added. */
  const add = (r: PeriodFigure, sign: 1 | -1 = 1) => {
    const k = key(r.productId, r.warehouseId);
    let e = out.get(k);
    if (!e) {
      e = { productId: r.productId, warehouseId: r.warehouseId, qty: 0, valueFen: 0, soldQty: 0, soldValueFen: 0, lastSaleDate: null };
      out.set(k, e);
    }
    e.qty += sign * r.qty;
    e.valueFen += sign * r.valueFen;
    e.soldQty += sign * r.soldQty;
    e.soldValueFen += sign * r.soldValueFen;
    if (sign === 1 && r.lastSaleDate !== null && (e.lastSaleDate === null || r.lastSaleDate > e.lastSaleDate)) e.lastSaleDate = r.lastSaleDate;
  };
  // No movement lies outside the first and last business dates: an end beyond them is open,
  // and a period wholly beyond them is empty (two seeks of the date index). Both ends open is
  // every movement: stock_movement_totals, one row per product and warehouse.
  const span = sqlite
    .prepare('SELECT (SELECT MIN(business_date) FROM stock_movements INDEXED BY stock_movements_date_cover) AS first, (SELECT MAX(business_date) FROM stock_movements INDEXED BY stock_movements_date_cover) AS last').get() as { first: string | null; last: string | null };
  if (span.first === null || span.last === null || (from !== null && from > span.last) || (to !== null && to < span.first)) return out;
  if (from !== null && from <= span.first) from = null;
  if (to !== null && to >= span.last) to = null;
  if (from === null && to === null) {
    const { sql: where, params } = whereClause(scopeConditions('s', scope));
    const rows = sqlite
      .prepare(
        `SELECT s.product_id AS productId, s.warehouse_id AS warehouseId, s.qty, s.value_fen AS valueFen, s.sold_qty AS soldQty, s.sold_value_fen AS soldValueFen,
                s.last_sale_date AS lastSaleDate FROM stock_movement_totals s ${where}`,
      )
      .iterate(...params) as Iterable<PeriodFigure>;
    for (const r of rows) add(r);
    return out;
  }
  const { months, days } = periodParts(from, to);
  // Months taken whole but cut by the period (their outside days taken off), and their days inside.
  const cut = days.filter((d) => d.sign === -1).map((d) => (from !== null && d.to < from ? { month: monthOf(from), from, to: lastOfMonth(from) } : { month: monthOf(d.from), from: firstOfMonth(d.from), to: to! }));
  if (months) {
    const { sql: where, params } = whereClause([months.from !== null && ['s.month >= ?', months.from], months.to !== null && ['s.month <= ?', months.to], ...scopeConditions('s', scope)]);
    const lastSale = cut.length > 0 ? `MAX(CASE WHEN s.month NOT IN (${cut.map(() => '?').join(', ')}) THEN s.last_sale_date END)` : 'MAX(s.last_sale_date)';
    const rows = sqlite
      .prepare(
        `SELECT s.product_id AS productId, s.warehouse_id AS warehouseId, SUM(s.qty) AS qty, SUM(s.value_fen) AS valueFen,
                SUM(s.sold_qty) AS soldQty, SUM(s.sold_value_fen) AS soldValueFen, ${lastSale} AS lastSaleDate
           FROM stock_movement_months s ${where} GROUP BY 1, 2`,
      )
      .iterate(...cut.map((c) => c.month), ...params) as Iterable<PeriodFigure>;
    for (const r of rows) add(r);
  }
  for (const c of cut) {
    const { sql: where, params } = whereClause([["m.document_type = 'delivery'"], ['m.business_date BETWEEN ? AND ?', c.from, c.to], ...scopeConditions('m', scope)]);
    const rows = sqlite
      .prepare(
        `SELECT m.product_id AS productId, m.warehouse_id AS warehouseId, 0 AS qty, 0 AS valueFen, 0 AS soldQty, 0 AS soldValueFen, MAX(m.business_date) AS lastSaleDate
           FROM stock_movements m INDEXED BY stock_movements_sales_issues ${where} GROUP BY 1, 2`,
      )
      .iterate(...params) as Iterable<PeriodFigure>;
    for (const r of rows) add(r);
  }
  for (const d of days) {
    const { sql: where, params } = whereClause([['m.business_date BETWEEN ? AND ?', d.from, d.to], ...scopeConditions('m', scope)]);
    const rows = sqlite
      .prepare(
        `SELECT m.product_id AS productId, m.warehouse_id AS warehouseId, SUM(m.qty) AS qty, SUM(m.value_fen) AS valueFen,
                SUM(CASE WHEN m.document_type = 'delivery' THEN -m.qty ELSE 0 END) AS soldQty,
                SUM(CASE WHEN m.document_type = 'delivery' THEN -m.value_fen ELSE 0 END) AS soldValueFen,
                MAX(CASE WHEN m.document_type = 'delivery' THEN m.business_date END) AS lastSaleDate
           FROM stock_movements m INDEXED BY stock_movements_date_cover ${where} GROUP BY 1, 2`,
      )
      .iterate(...params) as Iterable<PeriodFigure>;
    for (const r of rows) add(r, d.sign);
  }
  return out;
}

/**
 * Quantity and FIFO value per product and warehouse at the end of business date `asOf`.
 * Movements carry their value at FIFO cost, so the book at a date is the sum of the movements
 * dated up to it (periodSums). Products and warehouses with nothing left are left out.
 */
export function stockAsOf(db: LedgerDb, asOf: string, scope: StockScope): Map<string, StockFigure> {
  const out = new Map<string, StockFigure>();
  for (const [k, v] of periodSums(db, null, asOf, scope)) {
    if (v.qty !== 0 || v.valueFen !== 0) out.set(k, { productId: v.productId, warehouseId: v.warehouseId, qty: v.qty, valueFen: v.valueFen });
  }
  return out;
}
