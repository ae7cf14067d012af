import { daysBetween, addDays } from '../core/businessDate';
import { LedgerError } from '../core/errors';
import type { PackUnit } from '../core/units';
import type { MethodResult, ParsedInput } from '../contract';
import type { DocumentRow, OnHandRow } from '../contract/results';
import { requireBranch, todayAt } from './branch';
import { all, get, escapeLike } from './sql';
import type { ServiceContext } from './types';

/** Units of many products in one query, for formatting quantities as 3箱5瓶. */
export function unitsByProduct(ctx: ServiceContext, productIds: readonly string[]): Map<string, PackUnit[]> {
  const map = new Map<string, PackUnit[]>();
  if (productIds.length === 0) return map;
  const rows = all<{ product_id: string; code: string; name_zh: string; name_en: string; factor: number }>(
    ctx.db,
    `SELECT product_id, code, name_zh, name_en, factor FROM product_units
      WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY factor DESC`,
    JSON.stringify([...new Set(productIds)]),
  );
  for (const r of rows) {
    const list = map.get(r.product_id) ?? [];
    list.push({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, factor: r.factor });
    map.set(r.product_id, list);
  }
  return map;
}

export { escapeLike };

interface OnHandSqlRow {
  warehouse_id: string;
  warehouse_name: string;
  product_id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  lot_id: string | null;
  lot_code: string | null;
  expiry_date: string | null;
  qty: number;
  value_fen: number | null;
}

export type OnHandFilterInput = Pick<
  ParsedInput<'stock.onHand'>,
  'warehouseId' | 'productId' | 'categoryId' | 'q' | 'expiringWithinDays' | 'groupBy'
>;

/**
 * The WHERE clause over stock_balances b for an on-hand filter; shared by the screen's pages
 * and the export, so both show the same rows.
 */
export function onHandFilterSql(input: OnHandFilterInput, today: string): { whereSql: string; params: unknown[]; narrowsProducts: boolean } {
  const where: string[] = ['b.qty <> 0'];
  const params: unknown[] = [];
  // Filters are sets of products or lots, each computed once, rather than joins evaluated for
  // every balance row.
  let narrowsProducts = false;
  if (input.warehouseId) {
    where.push('b.warehouse_id = ?');
    params.push(input.warehouseId);
  }
  if (input.productId) {
    narrowsProducts = true;
    where.push('b.product_id = ?');
    params.push(input.productId);
  }
  if (input.categoryId) {
    narrowsProducts = true;
    where.push('b.product_id IN (SELECT id FROM products WHERE category_id = ?)');
    params.push(input.categoryId);
  }
  if (input.q !== '') {
    narrowsProducts = true;
    const like = `%${escapeLike(input.q)}%`;
    where.push(
      `(b.product_id IN (SELECT id FROM products WHERE sku LIKE ? ESCAPE '\\' OR name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\'
                           OR pinyin_initials LIKE ? ESCAPE '\\' OR id IN (SELECT product_id FROM product_units WHERE barcode = ?))
        OR b.lot_id IN (SELECT id FROM lots WHERE lot_code LIKE ? ESCAPE '\\'))`,
    );
    params.push(like, like, like, `${escapeLike(input.q.toLowerCase())}%`, input.q, like);
  }
  if (input.expiringWithinDays !== undefined) {
    where.push('b.lot_id IN (SELECT id FROM lots WHERE expiry_date IS NOT NULL AND expiry_date <= ?)');
    params.push(addDays(today, input.expiringWithinDays));
  }
  return { whereSql: `WHERE ${where.join(' AND ')}`, params, narrowsProducts };
}

/** Per warehouse and product: rows, quantity (for totals and the by-product view). */
export function onHandGroupedSql(whereSql: string): string {
  return `SELECT b.product_id, b.warehouse_id, COUNT(*) AS lot_rows, SUM(b.qty) AS qty
            FROM stock_balances b ${whereSql} GROUP BY b.product_id, b.warehouse_id`;
}

/** Value of `alias.qty` at the average cost of the open layers of its warehouse and product. */
export function onHandValueSql(alias: string): string {
  return `(SELECT CASE WHEN SUM(cl.qty_remaining) > 0 THEN ROUND(1.0 * ${alias}.qty * SUM(cl.value_remaining_fen) / SUM(cl.qty_remaining)) ELSE 0 END
        FROM cost_layers cl WHERE cl.product_id = ${alias}.product_id AND cl.warehouse_id = ${alias}.warehouse_id AND cl.qty_remaining > 0)`;
}

/**
 * Stock on hand by warehouse, product and lot, with value at FIFO cost. Value is kept per
 * warehouse and product (the cost layers); a lot's share is its quantity at the average cost of
 * those layers, so lot values add up to the product's value.
 *
 * Built for a warehouse of 20,000 products after a million movements: products and lots are
 * joined only for the filters that need them, totals are computed only when asked (the first
 * page), values come from the covering index of open layers, and lot rows are read in expiry
 * order from the lots' expiry index, dated lots first, so a page costs its own rows.
 */
export function stockOnHand(ctx: ServiceContext, input: ParsedInput<'stock.onHand'>): MethodResult<'stock.onHand'> {
  const branch = requireBranch(ctx);
  const today = todayAt(ctx, branch);
  const { whereSql, params, narrowsProducts } = onHandFilterSql(input, today);
  const grouped = onHandGroupedSql(whereSql);
  const valueOf = onHandValueSql;

  const byLot = input.groupBy === 'lot';
  let totals = { n: 0, qty: 0, value: 0 };
  if (input.withTotals) {
    totals = ctx.db.$client
      .prepare(
        `SELECT COALESCE(SUM(${byLot ? 'g.lot_rows' : '1'}), 0) AS n, COALESCE(SUM(g.qty), 0) AS qty, COALESCE(SUM(${valueOf('g')}), 0) AS value
           FROM (${grouped}) g`,
      )
      .get(...params) as { n: number; qty: number; value: number };
  }

  let rows: OnHandSqlRow[];
  if (byLot) {
    // Dated lots are read in expiry order straight from the lots' expiry index, so the first
    // page of a 150,000-lot warehouse reads about its own rows instead of sorting them all; a
    // search by product text lets the planner start from the products instead.
    const byExpiry = 'lots l INDEXED BY lots_expiry JOIN stock_balances b ON b.product_id = l.product_id AND b.lot_id = l.id';
    // The page is chosen on keys alone; values are computed for its rows only.
    const select = (dated: boolean) => `SELECT pg.warehouse_id, w.name AS warehouse_name, pg.product_id, p.sku, p.name_zh, p.name_en, pg.lot_id, l.lot_code,
              l.expiry_date, pg.qty, ${valueOf('pg')} AS value_fen
         FROM (SELECT b.warehouse_id, b.product_id, b.lot_id, b.qty
                 FROM ${dated && !narrowsProducts ? byExpiry : 'stock_balances b JOIN lots l ON l.id = b.lot_id'}
                 JOIN products p ON p.id = b.product_id
                 JOIN warehouses w ON w.id = b.warehouse_id
                 ${whereSql} AND l.expiry_date IS ${dated ? 'NOT NULL' : 'NULL'}
                ORDER BY ${dated ? 'l.expiry_date, ' : ''}p.sku, w.code, l.lot_code
                LIMIT ? OFFSET ?) pg
         JOIN lots l ON l.id = pg.lot_id
         JOIN products p ON p.id = pg.product_id
         JOIN warehouses w ON w.id = pg.warehouse_id
        ORDER BY ${dated ? 'l.expiry_date, ' : ''}p.sku, w.code, l.lot_code`;
    rows = ctx.db.$client.prepare(select(true)).all(...params, input.limit, input.offset) as OnHandSqlRow[];
    if (rows.length < input.limit) {
      // Past the dated lots: continue with lots that have no expiry, oldest product first.
      const dated =
        rows.length > 0
          ? input.offset + rows.length
          : (
              ctx.db.$client
                .prepare(`SELECT COUNT(*) AS n FROM stock_balances b JOIN lots l ON l.id = b.lot_id ${whereSql} AND l.expiry_date IS NOT NULL`)
                .get(...params) as { n: number }
            ).n;
      const undatedOffset = Math.max(0, input.offset - dated);
      rows = rows.concat(
        ctx.db.$client.prepare(select(false)).all(...params, input.limit - rows.length, undatedOffset) as OnHandSqlRow[],
      );
    }
  } else {
    rows = ctx.db.$client
      .prepare(
        `SELECT pg.warehouse_id, w.name AS warehouse_name, pg.product_id, p.sku, p.name_zh, p.name_en, NULL AS lot_id, NULL AS lot_code,
                (SELECT MIN(l2.expiry_date) FROM stock_balances b2 JOIN lots l2 ON l2.id = b2.lot_id
                  WHERE b2.product_id = pg.product_id AND b2.warehouse_id = pg.warehouse_id AND b2.qty <> 0) AS expiry_date,
                pg.qty, ${valueOf('pg')} AS value_fen
           FROM (SELECT g.product_id, g.warehouse_id, g.qty
                   FROM (${grouped}) g JOIN products p ON p.id = g.product_id JOIN warehouses w ON w.id = g.warehouse_id
                  ORDER BY p.sku, w.code
                  LIMIT ? OFFSET ?) pg
           JOIN products p ON p.id = pg.product_id JOIN warehouses w ON w.id = pg.warehouse_id
          ORDER BY p.sku, w.code`,
      )
      .all(...params, input.limit, input.offset) as OnHandSqlRow[];
  }
  const units = unitsByProduct(ctx, rows.map((r) => r.product_id));
  const out: OnHandRow[] = rows.map((r) => ({
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    productId: r.product_id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    units: units.get(r.product_id) ?? [],
    lotId: r.lot_id,
    lotCode: r.lot_code,
    expiryDate: r.expiry_date,
    daysToExpiry: r.expiry_date ? daysBetween(today, r.expiry_date) : null,
    qty: r.qty,
    valueFen: r.value_fen ?? 0,
  }));
  return { total: totals.n, rows: out, totalQty: totals.qty, totalValueFen: totals.value, hasTotals: input.withTotals };
}

export function productMovements(ctx: ServiceContext, input: ParsedInput<'stock.movements'>): MethodResult<'stock.movements'> {
  const params: unknown[] = [input.productId];
  let filter = '';
  if (input.warehouseId) {
    filter = ' AND m.warehouse_id = ?';
    params.push(input.warehouseId);
  }
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM stock_movements m WHERE m.product_id = ?${filter}`, ...params)?.n ?? 0;
  // The running balance is per warehouse (all lots), in posting order.
  const rows = all<{
    id: string;
    created_at: number;
    business_date: string;
    warehouse_name: string;
    document_id: string;
    doc_no: string | null;
    document_type: string;
    lot_code: string;
    expiry_date: string | null;
    qty: number;
    value_fen: number;
    balance_after: number;
  }>(
    ctx.db,
    `SELECT x.*, w.name AS warehouse_name, d.doc_no, l.lot_code, l.expiry_date FROM (
        SELECT m.id, m.created_at, m.business_date, m.warehouse_id, m.document_id, m.document_type, m.lot_id, m.qty, m.value_fen, m.rowid AS rid,
               SUM(m.qty) OVER (PARTITION BY m.warehouse_id ORDER BY m.created_at, m.rowid) AS balance_after
          FROM stock_movements m WHERE m.product_id = ?${filter}) x
       JOIN warehouses w ON w.id = x.warehouse_id
       JOIN lots l ON l.id = x.lot_id
       LEFT JOIN stock_documents d ON d.id = x.document_id
      ORDER BY x.created_at DESC, x.rid DESC
      LIMIT ? OFFSET ?`,
    ...params,
    input.limit,
    input.offset,
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      businessDate: r.business_date,
      warehouseName: r.warehouse_name,
      documentId: r.document_id,
      docNo: r.doc_no ?? '',
      documentType: r.document_type,
      lotCode: r.lot_code,
      expiryDate: r.expiry_date,
      qty: r.qty,
      valueFen: r.value_fen,
      balanceAfter: r.balance_after,
    })),
  };
}

const documentSelect = `SELECT d.id, d.doc_no, d.doc_type, d.business_date, w.name AS warehouse_name, s.name AS supplier_name, d.reason_code,
       d.total_qty, d.total_value_fen, rb.doc_no AS reversed_by_doc_no, rv.doc_no AS reverses_doc_no, u.display_name AS created_by_name,
       d.created_at, d.note
  FROM stock_documents d
  JOIN warehouses w ON w.id = d.warehouse_id
  LEFT JOIN suppliers s ON s.id = d.supplier_id
  LEFT JOIN stock_documents rb ON rb.reverses_document_id = d.id
  LEFT JOIN stock_documents rv ON rv.id = d.reverses_document_id
  LEFT JOIN users u ON u.id = d.created_by`;

interface DocumentSqlRow {
  id: string;
  doc_no: string;
  doc_type: DocumentRow['docType'];
  business_date: string;
  warehouse_name: string;
  supplier_name: string | null;
  reason_code: string | null;
  total_qty: number;
  total_value_fen: number;
  reversed_by_doc_no: string | null;
  reverses_doc_no: string | null;
  created_by_name: string | null;
  created_at: number;
  note: string;
}

function toDocumentRow(r: DocumentSqlRow): DocumentRow {
  return {
    id: r.id,
    docNo: r.doc_no,
    docType: r.doc_type,
    businessDate: r.business_date,
    warehouseName: r.warehouse_name,
    supplierName: r.supplier_name,
    reasonCode: r.reason_code,
    totalQty: r.total_qty,
    totalValueFen: r.total_value_fen,
    reversedByDocNo: r.reversed_by_doc_no,
    reversesDocNo: r.reverses_doc_no,
    createdByName: r.created_by_name ?? '',
    createdAt: r.created_at,
  };
}

export function listDocuments(ctx: ServiceContext, input: ParsedInput<'stock.documents'>): MethodResult<'stock.documents'> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.docType) {
    where.push('d.doc_type = ?');
    params.push(input.docType);
  }
  if (input.q !== '') {
    where.push(`(d.doc_no LIKE ? ESCAPE '\\' OR d.note LIKE ? ESCAPE '\\')`);
    const like = `%${escapeLike(input.q)}%`;
    params.push(like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (ctx.db.$client.prepare(`SELECT COUNT(*) AS n FROM stock_documents d ${clause}`).get(...params) as { n: number }).n;
  const rows = ctx.db.$client
    .prepare(`${documentSelect} ${clause} ORDER BY d.created_at DESC, d.doc_no DESC LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset) as DocumentSqlRow[];
  return { total, rows: rows.map(toDocumentRow) };
}

export function getDocument(ctx: ServiceContext, input: ParsedInput<'stock.document'>): MethodResult<'stock.document'> {
  const row = get<DocumentSqlRow>(ctx.db, `${documentSelect} WHERE d.id = ?`, input.id);
  if (!row) throw new LedgerError('NOT_FOUND', { entity: 'document' });
  const lines = all<{
    line_no: number;
    product_id: string;
    sku: string;
    name_zh: string;
    name_en: string;
    unit_code: string;
    unit_qty: number;
    qty: number;
    lot_code: string | null;
    expiry_date: string | null;
    unit_cost_fen: number | null;
    value_fen: number;
    reason_code: string | null;
  }>(
    ctx.db,
    `SELECT dl.line_no, dl.product_id, p.sku, p.name_zh, p.name_en, dl.unit_code, dl.unit_qty, dl.qty, l.lot_code, l.expiry_date, dl.unit_cost_fen, dl.value_fen,
            dl.reason_code
       FROM stock_document_lines dl JOIN products p ON p.id = dl.product_id LEFT JOIN lots l ON l.id = dl.lot_id
      WHERE dl.document_id = ? ORDER BY dl.line_no`,
    input.id,
  );
  return {
    ...toDocumentRow(row),
    note: row.note,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      sku: l.sku,
      nameZh: l.name_zh,
      nameEn: l.name_en,
      unitCode: l.unit_code,
      unitQty: l.unit_qty,
      qty: l.qty,
      lotCode: l.lot_code,
      expiryDate: l.expiry_date,
      unitCostFen: l.unit_cost_fen,
      valueFen: l.value_fen,
      reasonCode: l.reason_code,
    })),
  };
}
