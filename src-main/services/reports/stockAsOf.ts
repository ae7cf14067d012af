import type { LedgerDb } from '../../../db/openLedgerDb';
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

/** The scope's conditions on a table with product_id and warehouse_id columns (`alias.`). */
export function scopeConditions(alias: string, scope: StockScope): Condition[] {
  return [
    scope.warehouseId !== undefined && [`${alias}.warehouse_id = ?`, scope.warehouseId],
    scope.productId !== undefined && [`${alias}.product_id = ?`, scope.productId],
    scope.categoryId !== undefined && [`${alias}.product_id IN (SELECT id FROM products WHERE category_id = ?)`, scope.categoryId],
  ];
}

const key = (productId: string, warehouseId: string) => `${productId}|${warehouseId}`;

/**
 * Quantity and FIFO value per product and warehouse at the end of business date `asOf`.
 * Movements carry their value at FIFO cost, so the book at a date is the sum of the movements
 * dated up to it. On a year of two million movements either side of a date can be most of
 * them, so the shorter side is read: the movements up to the date, or today's open cost layers
 * less the movements after it. Both are range scans of the covering index
 * stock_movements_date_cover (migration 0013); open and short layers are read from their
 * partial indexes (cost_layers_open carries quantity and value).
 */
export function stockAsOf(db: LedgerDb, asOf: string, scope: StockScope): Map<string, StockFigure> {
  const sqlite = db.$client;
  const total = (sqlite.prepare('SELECT COUNT(*) AS n FROM stock_movements').get() as { n: number }).n;
  const { sql: where, params } = whereClause(scopeConditions('m', scope));
  const dateAnd = where === '' ? 'WHERE' : `${where} AND`;
  const after = (sqlite.prepare(`SELECT COUNT(*) AS n FROM stock_movements m WHERE m.business_date > ?`).get(asOf) as { n: number }).n;
  const out = new Map<string, StockFigure>();
  const add = (r: StockFigure, sign: number) => {
    const k = key(r.productId, r.warehouseId);
    const e = out.get(k);
    if (e) {
      e.qty += sign * r.qty;
      e.valueFen += sign * r.valueFen;
    } else out.set(k, { productId: r.productId, warehouseId: r.warehouseId, qty: sign * r.qty, valueFen: sign * r.valueFen });
  };
  const sums = (condition: string, bound: unknown[]) =>
    sqlite
      .prepare(
        `SELECT m.product_id AS productId, m.warehouse_id AS warehouseId, SUM(m.qty) AS qty, SUM(m.value_fen) AS valueFen
           FROM stock_movements m INDEXED BY stock_movements_date_cover ${dateAnd} ${condition} GROUP BY 1, 2`,
      )
      .all(...params, ...bound) as StockFigure[];
  if (after * 2 > total) {
    for (const r of sums('m.business_date <= ?', [asOf])) add(r, 1);
  } else {
    const { sql: layerWhere, params: layerParams } = whereClause(scopeConditions('c', scope));
    const layerAnd = layerWhere === '' ? 'WHERE' : `${layerWhere} AND`;
    const layers = sqlite
      .prepare(
        `SELECT c.product_id AS productId, c.warehouse_id AS warehouseId, SUM(c.qty_remaining) AS qty, SUM(c.value_remaining_fen) AS valueFen
           FROM cost_layers c ${layerAnd} c.qty_remaining > 0 GROUP BY 1, 2
         UNION ALL
         SELECT c.product_id, c.warehouse_id, SUM(c.qty_remaining), SUM(c.value_remaining_fen)
           FROM cost_layers c ${layerAnd} c.qty_remaining < 0 GROUP BY 1, 2`,
      )
      .all(...layerParams, ...layerParams) as StockFigure[];
    for (const r of layers) add(r, 1);
    if (after > 0) for (const r of sums('m.business_date > ?', [asOf])) add(r, -1);
  }
  for (const [k, v] of out) if (v.qty === 0 && v.valueFen === 0) out.delete(k);
  return out;
}
