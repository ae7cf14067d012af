import type { LedgerDb } from '../../../db/openLedgerDb';
import { addDays, businessDateOf, daysBetween } from '../../core/businessDate';
import { ageingBucket } from '../../core/salesOrder';
import type { ReportFilters, ReportId } from '../../contract/reportFilters';
import type { ReportCell, ReportColumn } from '../../contract/results';
import { returnAnalysisRows } from '../returnAnalysis';
import { whereClause, type Condition } from '../sql';
import { deliveryLineRevenue } from './monthSummaries';
import { periodParts, periodSums, scopeConditions, stockAsOf, type StockFigure } from './stockAsOf';

/**
 * Every report, defined once: its title, its columns (with the types the export writers
 * format by, src-main/exports/exportTable.ts) and a query that yields its rows one by one.
 * The filters are the zod schemas in contract/reportFilters.ts. runReport.ts runs a definition
 * for the screen (the first rows and the totals) or for an export (every row, streamed), always
 * in the report worker on a read-only connection.
 */

export type ReportLocale = 'zh-CN' | 'en';
export type ReportRow = Record<string, ReportCell | undefined>;

export interface ReportEnv {
  db: LedgerDb;
  /** The branch's business date today. */
  today: string;
  timeZone: string;
  locale: ReportLocale;
}

export interface ReportDefinition<R extends ReportId = ReportId> {
  title: { zh: string; en: string };
  columns(filters: ReportFilters<R>): ReportColumn[];
  rows(env: ReportEnv, filters: ReportFilters<R>): Iterable<ReportRow>;
  /** Totals that are not sums (a margin percentage), from the summed columns. */
  derivedTotals?(sums: Record<string, number>): ReportRow;
  /**
   * For reports of many rows: one page of them (`limit` from `offset`, in the order `rows`
   * yields), how many rows there are and the sums of the totalled columns, from SQL, without
   * reading the rows before the page.
   */
  page?(env: ReportEnv, filters: ReportFilters<R>, offset: number, limit: number): ReportPage;
}

export interface ReportPage {
  rows: ReportRow[];
  rowCount: number;
  sums: Record<string, number>;
}

const col = (key: string, type: ReportColumn['type'], zh: string, en: string, extra: Partial<ReportColumn> = {}): ReportColumn => ({ key, type, zh, en, ...extra });

const productName = (locale: ReportLocale, zh: string, en: string | null) => (locale === 'en' && en ? en : zh);

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

interface Names {
  products: Map<string, { sku: string; zh: string; en: string; category: string }>;
  warehouses: Map<string, { code: string; name: string }>;
}

/**
 * Products and warehouses by id, read once: a report's rows name them without a join per row.
 * `only`: just these products (a page's); `skuOnly`: every product's SKU and nothing else, to
 * sort by (a fraction of the cost of every name).
 */
function names(db: LedgerDb, locale: ReportLocale, options: { only?: readonly string[]; skuOnly?: boolean } = {}): Names {
  const products = new Map<string, { sku: string; zh: string; en: string; category: string }>();
  if (options.skuOnly) {
    for (const [id, sku] of db.$client.prepare('SELECT id, sku FROM products').raw(true).iterate() as Iterable<[string, string]>) products.set(id, { sku, zh: '', en: '', category: '' });
  } else {
    const only = options.only ? ' WHERE p.id IN (SELECT value FROM json_each(?))' : '';
    for (const p of db.$client
      .prepare(`SELECT p.id, p.sku, p.name_zh, p.name_en, c.name_zh AS cat_zh, c.name_en AS cat_en FROM products p LEFT JOIN categories c ON c.id = p.category_id${only}`)
      .iterate(...(options.only ? [JSON.stringify(options.only)] : [])) as Iterable<{ id: string; sku: string; name_zh: string; name_en: string; cat_zh: string | null; cat_en: string | null }>) {
      products.set(p.id, { sku: p.sku, zh: p.name_zh, en: p.name_en, category: (locale === 'en' ? p.cat_en : p.cat_zh) ?? '' });
    }
  }
  const warehouses = new Map<string, { code: string; name: string }>();
  for (const w of db.$client.prepare('SELECT id, code, name FROM warehouses').all() as { id: string; code: string; name: string }[]) warehouses.set(w.id, w);
  return { products, warehouses };
}

/** Product then warehouse, as the printed ledger reads: by SKU, then warehouse code. */
function byProductAndWarehouse(n: Names) {
  const sortKey = (f: { productId: string; warehouseId: string }) => `${n.products.get(f.productId)?.sku ?? ''}\u0000${n.warehouses.get(f.warehouseId)?.code ?? ''}`;
  /** The figures in that order, each key made once. */
  const sorted = (figures: Iterable<StockFigure>): StockFigure[] =>
    [...figures]
      .map((f) => ({ f, k: sortKey(f) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map((x) => x.f);
  return { sortKey, sorted };
}

const docTypeLabels: Record<string, { zh: string; en: string }> = {
  receipt: { zh: '入库', en: 'Receipt' },
  adjustment: { zh: '调整', en: 'Adjustment' },
  reversal: { zh: '冲销', en: 'Reversal' },
  delivery: { zh: '销售出库', en: 'Delivery' },
  customer_return: { zh: '客户退货', en: 'Customer return' },
  return_disposition: { zh: '退货处理', en: 'Return disposition' },
  supplier_return: { zh: '退供', en: 'Supplier return' },
  count: { zh: '盘点', en: 'Count' },
};
const label = (locale: ReportLocale, l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);

// ---- Stock ----

const stockValuation: ReportDefinition<'stockValuation'> = {
  title: { zh: '库存估值（FIFO）', en: 'Stock valuation (FIFO)' },
  columns: () => [
    col('sku', 'text', '商品编码', 'SKU', { width: 14 }),
    col('product', 'text', '商品名称', 'Product', { width: 30 }),
    col('category', 'text', '类别', 'Category', { width: 10 }),
    col('warehouse', 'text', '仓库', 'Warehouse', { width: 12 }),
    col('qty', 'qty', '数量', 'Quantity', { total: true }),
    col('unitCost', 'money', '平均成本', 'Average cost'),
    col('value', 'money', '金额', 'Value', { total: true }),
  ],
  *rows(env, f) {
    const n = names(env.db, env.locale);
    for (const r of byProductAndWarehouse(n).sorted(stockAsOf(env.db, f.asOf, f).values())) yield valuationRow(env, n, r);
  },
  /** A page: every figure sorted by SKU alone, counted and summed, and only the page's rows named. */
  page(env, f, offset, limit) {
    const figures = byProductAndWarehouse(names(env.db, env.locale, { skuOnly: true })).sorted(stockAsOf(env.db, f.asOf, f).values());
    const sums = { qty: 0, value: 0 };
    for (const r of figures) {
      sums.qty += r.qty;
      sums.value += r.valueFen;
    }
    const shown = figures.slice(offset, offset + limit);
    const n = names(env.db, env.locale, { only: [...new Set(shown.map((r) => r.productId))] });
    return { rows: shown.map((r) => valuationRow(env, n, r)), rowCount: figures.length, sums };
  },
};

function valuationRow(env: ReportEnv, n: Names, r: StockFigure): ReportRow {
  const p = n.products.get(r.productId);
  return {
    sku: p?.sku ?? '',
    product: p ? productName(env.locale, p.zh, p.en) : r.productId,
    category: p?.category ?? '',
    warehouse: n.warehouses.get(r.warehouseId)?.name ?? '',
    qty: r.qty,
    unitCost: r.qty > 0 ? Math.round(r.valueFen / r.qty) : null,
    value: r.valueFen,
  };
}

const movementLedger: ReportDefinition<'movementLedger'> = {
  title: { zh: '库存流水账', en: 'Stock movement ledger' },
  columns: () => [
    col('sku', 'text', '商品编码', 'SKU', { width: 14 }),
    col('product', 'text', '商品名称', 'Product', { width: 26 }),
    col('warehouse', 'text', '仓库', 'Warehouse', { width: 10 }),
    col('date', 'date', '日期', 'Date'),
    col('entry', 'text', '摘要', 'Entry', { width: 12 }),
    col('docNo', 'text', '单号', 'Document', { width: 20 }),
    col('inQty', 'qty', '收入数量', 'In qty', { total: true }),
    col('outQty', 'qty', '发出数量', 'Out qty', { total: true }),
    col('balanceQty', 'qty', '结存数量', 'Balance qty'),
    col('inValue', 'money', '收入金额', 'In value', { total: true }),
    col('outValue', 'money', '发出金额', 'Out value', { total: true }),
    col('balanceValue', 'money', '结存金额', 'Balance value'),
  ],
  /**
   * Every row, for an export: the period's movements in one query sorted by SKU, warehouse and
   * time (one sort beats a query per product when every row is read), with the opening
   * balances merged in, and products with stock but no movement given their two lines.
   */
  *rows(env, f) {
    const n = names(env.db, env.locale);
    const order = byProductAndWarehouse(n);
    const opening = order.sorted(stockAsOf(env.db, addDays(f.dateFrom, -1), f).values());
    const { sql: where, params } = whereClause([['m.business_date BETWEEN ? AND ?', f.dateFrom, f.dateTo], ...scopeConditions('m', f)]);
    // Rows as arrays (raw): a million movements make no object each before their line is built.
    const movements = env.db.$client
      .prepare(
        `SELECT m.product_id, m.warehouse_id, m.business_date, m.document_type, m.qty, m.value_fen,
                (SELECT d.doc_no FROM stock_documents d WHERE d.id = m.document_id)
           FROM stock_movements m JOIN products p ON p.id = m.product_id JOIN warehouses w ON w.id = m.warehouse_id
           ${where} ORDER BY p.sku, w.code, m.business_date, m.created_at, m.id`,
      )
      .raw()
      .iterate(...params) as Iterable<[productId: string, warehouseId: string, date: string, docType: string, qty: number, valueFen: number, docNo: string | null]>;
    const t = env.locale === 'en' ? { opening: 'Opening balance', closing: 'Closing balance' } : { opening: '期初结存', closing: '期末结存' };
    const entries = new Map(Object.entries(docTypeLabels).map(([type, l]) => [type, label(env.locale, l)]));
    /** The product and warehouse whose lines are being written, named once for all of them, and its running balance. */
    interface Group {
      key: string;
      productId: string;
      warehouseId: string;
      sku: string;
      product: string;
      warehouse: string;
      qty: number;
      value: number;
    }
    // Set inside the generators below; the cast keeps TypeScript from taking it for null forever.
    let current = null as Group | null;
    let nextOpening = 0;
    const head = (g: Group) => ({ sku: g.sku, product: g.product, warehouse: g.warehouse });
    const close = function* (): Generator<ReportRow> {
      const g = current;
      if (!g) return;
      yield { ...head(g), date: f.dateTo, entry: t.closing, balanceQty: g.qty, balanceValue: g.value };
      current = null;
    };
    const open = function* (productId: string, warehouseId: string, qty: number, value: number): Generator<ReportRow> {
      const p = n.products.get(productId);
      const g: Group = {
        key: order.sortKey({ productId, warehouseId }),
        productId,
        warehouseId,
        sku: p?.sku ?? '',
        product: p ? productName(env.locale, p.zh, p.en) : productId,
        warehouse: n.warehouses.get(warehouseId)?.name ?? '',
        qty,
        value,
      };
      current = g;
      yield { ...head(g), date: f.dateFrom, entry: t.opening, balanceQty: qty, balanceValue: value };
    };
    /** Products with stock at the start but no movement before `key` get their opening and closing lines. */
    const untouchedBefore = function* (key: string | null): Generator<ReportRow> {
      while (nextOpening < opening.length) {
        const o = opening[nextOpening]!;
        const k = order.sortKey(o);
        if (key !== null && k >= key) break;
        nextOpening += 1;
        yield* open(o.productId, o.warehouseId, o.qty, o.valueFen);
        yield* close();
      }
    };
    for (const [productId, warehouseId, date, docType, qty, valueFen, docNo] of movements) {
      // The rows come grouped: a new group begins where the product or the warehouse changes.
      let g: Group | null = current;
      if (g === null || g.productId !== productId || g.warehouseId !== warehouseId) {
        yield* close();
        const key = order.sortKey({ productId, warehouseId });
        yield* untouchedBefore(key);
        const o = opening[nextOpening];
        const startsWithStock = o !== undefined && order.sortKey(o) === key;
        if (startsWithStock) nextOpening += 1;
        yield* open(productId, warehouseId, startsWithStock ? o.qty : 0, startsWithStock ? o.valueFen : 0);
        g = current!;
      }
      g.qty += qty;
      g.value += valueFen;
      yield {
        sku: g.sku,
        product: g.product,
        warehouse: g.warehouse,
        date,
        entry: entries.get(docType) ?? docType,
        docNo,
        inQty: qty > 0 ? qty : null,
        outQty: qty < 0 ? -qty : null,
        balanceQty: g.qty,
        inValue: qty > 0 || (qty === 0 && valueFen > 0) ? valueFen : null,
        outValue: qty < 0 || (qty === 0 && valueFen < 0) ? -valueFen : null,
        balanceValue: g.value,
      };
    }
    yield* close();
    yield* untouchedBefore(null);
  },
  /** A page for the screen: the groups' counts and sums first, then only the groups the page shows (the same rows as `rows`). */
  page(env, f, offset, limit) {
    const ledger = movementLedgerGroups(env, f);
    const rows: ReportRow[] = [];
    let first = 0;
    for (const g of ledger.groups) {
      const size = g.count + 2;
      if (first + size > offset && rows.length < limit) {
        for (const row of ledger.groupRows(g, Math.max(0, offset - first))) {
          rows.push(row);
          if (rows.length === limit) break;
        }
      }
      first += size;
    }
    return { rows, rowCount: first, sums: ledger.sums };
  },
};

interface LedgerGroup {
  productId: string;
  warehouseId: string;
  openingQty: number;
  openingValue: number;
  /** Movements in the period. */
  count: number;
}

/**
 * The movement ledger by product and warehouse (SKU, then warehouse code): each group's opening
 * balance (stock as of the day before the period), its count of movements in the period, and
 * the period's in and out sums, from the covering date index in one grouped read; then any
 * group's rows on demand, read through the product's own index (stock_movements_product) and
 * put in date order: a product has some hundred movements in a year, and an index that led with
 * product, warehouse and date would cost every posting one more B-tree insert per movement. A
 * page deep in a month of every product reads only the groups it shows.
 */
function movementLedgerGroups(env: ReportEnv, f: ReportFilters<'movementLedger'>) {
  const n = names(env.db, env.locale);
  const order = byProductAndWarehouse(n);
  const sqlite = env.db.$client;
  const groups = new Map<string, LedgerGroup & { key: string }>();
  const groupOf = (productId: string, warehouseId: string) => {
    const k = `${productId}|${warehouseId}`;
    let g = groups.get(k);
    if (!g) {
      g = { productId, warehouseId, key: order.sortKey({ productId, warehouseId }), openingQty: 0, openingValue: 0, count: 0 };
      groups.set(k, g);
    }
    return g;
  };
  for (const o of stockAsOf(env.db, addDays(f.dateFrom, -1), f).values()) {
    const g = groupOf(o.productId, o.warehouseId);
    g.openingQty = o.qty;
    g.openingValue = o.valueFen;
  }
  const { sql: where, params } = whereClause([['m.business_date BETWEEN ? AND ?', f.dateFrom, f.dateTo], ...scopeConditions('m', f)]);
  // One product: its own index; otherwise the date range of the covering index.
  const index = f.productId !== undefined ? 'stock_movements_product' : 'stock_movements_date_cover';
  const sums = { inQty: 0, outQty: 0, inValue: 0, outValue: 0 };
  const counted = sqlite
    .prepare(
      `SELECT m.product_id AS productId, m.warehouse_id AS warehouseId, COUNT(*) AS n,
              SUM(CASE WHEN m.qty > 0 THEN m.qty ELSE 0 END) AS inQty, SUM(CASE WHEN m.qty < 0 THEN -m.qty ELSE 0 END) AS outQty,
              SUM(CASE WHEN m.qty > 0 OR (m.qty = 0 AND m.value_fen > 0) THEN m.value_fen ELSE 0 END) AS inValue,
              SUM(CASE WHEN m.qty < 0 OR (m.qty = 0 AND m.value_fen < 0) THEN -m.value_fen ELSE 0 END) AS outValue
         FROM stock_movements m INDEXED BY ${index} ${where} GROUP BY 1, 2`,
    )
    .iterate(...params) as Iterable<{ productId: string; warehouseId: string; n: number; inQty: number; outQty: number; inValue: number; outValue: number }>;
  for (const c of counted) {
    groupOf(c.productId, c.warehouseId).count = c.n;
    sums.inQty += c.inQty;
    sums.outQty += c.outQty;
    sums.inValue += c.inValue;
    sums.outValue += c.outValue;
  }
  const sorted = [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const movements = sqlite.prepare(
    `SELECT m.business_date AS date, m.document_type AS docType, m.qty, m.value_fen AS valueFen,
            (SELECT d.doc_no FROM stock_documents d WHERE d.id = m.document_id) AS docNo
       FROM stock_movements m INDEXED BY stock_movements_product
      WHERE m.product_id = ? AND m.warehouse_id = ? AND m.business_date BETWEEN ? AND ?
      ORDER BY m.business_date, m.created_at, m.id`,
  );
  const t = env.locale === 'en' ? { opening: 'Opening balance', closing: 'Closing balance' } : { opening: '期初结存', closing: '期末结存' };
  /** A group's rows from its `skip`-th on: opening line, each movement with the running balance, closing line. */
  function* groupRows(g: LedgerGroup, skip: number): Generator<ReportRow> {
    const p = n.products.get(g.productId);
    const head = { sku: p?.sku ?? '', product: p ? productName(env.locale, p.zh, p.en) : g.productId, warehouse: n.warehouses.get(g.warehouseId)?.name ?? '' };
    let qty = g.openingQty;
    let value = g.openingValue;
    if (skip === 0) yield { ...head, date: f.dateFrom, entry: t.opening, balanceQty: qty, balanceValue: value };
    if (g.count > 0 && skip <= g.count) {
      let i = 0;
      for (const m of movements.iterate(g.productId, g.warehouseId, f.dateFrom, f.dateTo) as Iterable<{ date: string; docType: string; qty: number; valueFen: number; docNo: string | null }>) {
        i += 1;
        qty += m.qty;
        value += m.valueFen;
        if (i < skip) continue;
        yield {
          ...head,
          date: m.date,
          entry: label(env.locale, docTypeLabels[m.docType] ?? { zh: m.docType, en: m.docType }),
          docNo: m.docNo,
          inQty: m.qty > 0 ? m.qty : null,
          outQty: m.qty < 0 ? -m.qty : null,
          balanceQty: qty,
          inValue: m.qty > 0 || (m.qty === 0 && m.valueFen > 0) ? m.valueFen : null,
          outValue: m.qty < 0 || (m.qty === 0 && m.valueFen < 0) ? -m.valueFen : null,
          balanceValue: value,
        };
      }
    } else if (g.count > 0) {
      const end = sqlite
        .prepare('SELECT COALESCE(SUM(m.qty), 0) AS q, COALESCE(SUM(m.value_fen), 0) AS v FROM stock_movements m INDEXED BY stock_movements_product WHERE m.product_id = ? AND m.warehouse_id = ? AND m.business_date BETWEEN ? AND ?')
        .get(g.productId, g.warehouseId, f.dateFrom, f.dateTo) as { q: number; v: number };
      qty += end.q;
      value += end.v;
    }
    yield { ...head, date: f.dateTo, entry: t.closing, balanceQty: qty, balanceValue: value };
  }
  return { groups: sorted, sums, groupRows };
}

const ageBands = [
  { upTo: 30, label: '0–30' },
  { upTo: 60, label: '31–60' },
  { upTo: 90, label: '61–90' },
  { upTo: 180, label: '91–180' },
  { upTo: Infinity, label: '180+' },
];

const stockAgeing: ReportDefinition<'stockAgeing'> = {
  title: { zh: '库龄与效期分析（按批次）', en: 'Stock ageing by lot and expiry' },
  columns: () => [
    col('sku', 'text', '商品编码', 'SKU', { width: 14 }),
    col('product', 'text', '商品名称', 'Product', { width: 28 }),
    col('warehouse', 'text', '仓库', 'Warehouse', { width: 10 }),
    col('lot', 'text', '批号', 'Lot', { width: 12 }),
    col('received', 'date', '入库日期', 'Received'),
    col('ageDays', 'int', '库龄（天）', 'Age (days)'),
    col('ageBand', 'text', '库龄段', 'Age band', { width: 9 }),
    col('expiry', 'date', '到期日', 'Expiry'),
    col('daysToExpiry', 'int', '距到期（天）', 'Days to expiry'),
    col('qty', 'qty', '数量', 'Quantity', { total: true }),
    col('value', 'money', '金额', 'Value', { total: true }),
  ],
  *rows(env, f) {
    yield* stockAgeingRows(env, f, null);
  },
  page(env, f, offset, limit) {
    const rows = [...stockAgeingRows(env, f, { offset, limit }, pageLotValuer(env))];
    // Every lot's value summed in SQL, rounded as lotValuer rounds (half up): reading 345,000 lots
    // into JavaScript to value them one by one was most of this report's time.
    const { sql: where, params } = whereClause([['b.qty <> 0'], ...scopeConditions('b', f)]);
    const { sql: layerWhere, params: layerParams } = whereClause([['c.qty_remaining > 0'], ...scopeConditions('c', f)]);
    const db = env.db.$client;
    const lots = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(b.qty), 0) AS qty FROM stock_balances b ${where}`).get(...params) as { n: number; qty: number };
    // Products with open layers first, each one's lots by the balances' key: no lot is looked up by its product twice.
    const value = db
      .prepare(
        `SELECT COALESCE(SUM(${roundedShareSql('b.qty', 'l.v', 'l.q')}), 0) AS value
           FROM (SELECT c.product_id, c.warehouse_id, SUM(c.qty_remaining) AS q, SUM(c.value_remaining_fen) AS v
                   FROM cost_layers c ${layerWhere} GROUP BY c.product_id, c.warehouse_id) l
          CROSS JOIN stock_balances b ON b.product_id = l.product_id AND b.warehouse_id = l.warehouse_id
          ${where} AND l.q > 0`,
      )
      .pluck()
      .get(...layerParams, ...params) as number;
    return { rows, rowCount: lots.n, sums: { qty: lots.qty, value } };
  },
};

/**
 * A lot's value is its share of its product's open layers in that warehouse, as on the stock
 * screen (stockQueries.onHandValueSql); the layers are summed once per product and warehouse
 * here rather than once per lot.
 */
function lotValuer(env: ReportEnv, f: ReportFilters<'stockAgeing'>) {
  const { sql: layerWhere, params: layerParams } = whereClause([['c.qty_remaining > 0'], ...scopeConditions('c', f)]);
  const layers = new Map(
    (
      env.db.$client
        .prepare(`SELECT c.product_id || '|' || c.warehouse_id AS k, SUM(c.qty_remaining) AS q, SUM(c.value_remaining_fen) AS v FROM cost_layers c ${layerWhere} GROUP BY c.product_id, c.warehouse_id`)
        .all(...layerParams) as { k: string; q: number; v: number }[]
    ).map((l) => [l.k, l]),
  );
  return (productId: string, warehouseId: string, qty: number) => {
    const l = layers.get(`${productId}|${warehouseId}`);
    return l ? lotShare(qty, l.v, l.q) : 0;
  };
}

/** A lot's value: its share of what its product's open layers hold, rounded half up (0 when they hold nothing). */
function lotShare(qty: number, value: number, held: number): number {
  return held > 0 ? Math.round((1.0 * qty * value) / held) : 0;
}

/**
 * `qty × value ÷ held` rounded half up (Math.round's rounding), in SQLite's integer arithmetic:
 * floor((2·qty·value + held) ÷ (2·held)) for held > 0, the floor taken by hand because SQLite's
 * division truncates towards zero (a negative lot).
 */
export function roundedShareSql(qty: string, value: string, held: string): string {
  const n = `(2 * ${qty} * ${value} + ${held})`;
  const d = `(2 * ${held})`;
  return `((${n} - (((${n} % ${d}) + ${d}) % ${d})) / ${d})`;
}

/** The same value for the few lots of a page: each product's layers read when one of its lots is first valued. */
function pageLotValuer(env: ReportEnv) {
  const held = env.db.$client.prepare(
    'SELECT SUM(qty_remaining) AS q, SUM(value_remaining_fen) AS v FROM cost_layers WHERE product_id = ? AND warehouse_id = ? AND qty_remaining > 0',
  );
  const layers = new Map<string, { q: number | null; v: number | null }>();
  return (productId: string, warehouseId: string, qty: number) => {
    const key = `${productId}|${warehouseId}`;
    let l = layers.get(key);
    if (!l) layers.set(key, (l = held.get(productId, warehouseId) as { q: number | null; v: number | null }));
    return l.q !== null && l.v !== null ? lotShare(qty, l.v, l.q) : 0;
  };
}

/**
 * Lots with stock, oldest receipt first. CROSS JOIN keeps SQLite reading lots in the order of
 * lots_received and each one's balances by key, so the first page comes without sorting every
 * lot (ties on the receipt time are sorted among themselves).
 */
function* stockAgeingRows(
  env: ReportEnv,
  f: ReportFilters<'stockAgeing'>,
  page: { offset: number; limit: number } | null,
  lotValue: ReturnType<typeof lotValuer> = lotValuer(env, f),
): Generator<ReportRow> {
  const { sql: where, params } = whereClause([['b.qty <> 0'], ...scopeConditions('b', f)]);
  const rows = env.db.$client
    .prepare(
      `SELECT p.sku, p.name_zh, p.name_en, w.name AS warehouse, l.lot_code, l.expiry_date, l.first_received_at, b.qty, b.product_id, b.warehouse_id
         FROM lots l INDEXED BY lots_received CROSS JOIN stock_balances b ON b.product_id = l.product_id AND b.lot_id = l.id
         CROSS JOIN products p ON p.id = b.product_id CROSS JOIN warehouses w ON w.id = b.warehouse_id
         ${where} ORDER BY l.first_received_at, p.sku, w.code, l.lot_code${page ? ' LIMIT ? OFFSET ?' : ''}`,
    )
    .iterate(...params, ...(page ? [page.limit, page.offset] : [])) as Iterable<{ sku: string; name_zh: string; name_en: string; warehouse: string; lot_code: string; expiry_date: string | null; first_received_at: number; qty: number; product_id: string; warehouse_id: string }>;
  const receivedOn = new Map<number, string>();
  for (const r of rows) {
    let received = receivedOn.get(r.first_received_at);
    if (received === undefined) {
      received = businessDateOf(r.first_received_at, env.timeZone);
      receivedOn.set(r.first_received_at, received);
    }
    const ageDays = Math.max(0, daysBetween(received, env.today));
    yield {
      sku: r.sku,
      product: productName(env.locale, r.name_zh, r.name_en),
      warehouse: r.warehouse,
      lot: r.lot_code,
      received,
      ageDays,
      ageBand: ageBands.find((b) => ageDays <= b.upTo)?.label ?? '',
      expiry: r.expiry_date,
      daysToExpiry: r.expiry_date ? daysBetween(env.today, r.expiry_date) : null,
      qty: r.qty,
      value: lotValue(r.product_id, r.warehouse_id, r.qty),
    };
  }
}

// ---- Sales ----

const groupLabels = {
  customer: { zh: '客户', en: 'Customer' },
  product: { zh: '商品', en: 'Product' },
  salesperson: { zh: '业务员', en: 'Salesperson' },
  region: { zh: '区域', en: 'Region' },
  month: { zh: '月份', en: 'Month' },
} as const;

const salesKey: Record<ReportFilters<'salesMargin'>['groupBy'], string> = {
  customer: 'c.id',
  product: 'dl.product_id',
  salesperson: "COALESCE(NULLIF(o.salesperson, ''), c.salesperson)",
  region: 'c.region',
  month: 'substr(d.business_date, 1, 7)',
};

/** The same keys on sales_delivery_months (`s`, with its customer `c` where the key needs it). */
const summaryKey: Record<ReportFilters<'salesMargin'>['groupBy'], string> = {
  customer: 's.customer_id',
  product: 's.product_id',
  salesperson: "COALESCE(NULLIF(s.salesperson, ''), c.salesperson)",
  region: 'c.region',
  month: 's.month',
};

const salesMargin: ReportDefinition<'salesMargin'> = {
  title: { zh: '销售与毛利', en: 'Sales and gross margin' },
  columns: (f) => [
    col('code', 'text', '编码', 'Code', { width: 14 }),
    col('name', 'text', groupLabels[f.groupBy].zh, groupLabels[f.groupBy].en, { width: 28 }),
    col('qty', 'qty', '销售数量', 'Quantity sold', { total: true }),
    col('revenue', 'money', '销售收入（不含税）', 'Revenue (net of tax)', { total: true }),
    col('cost', 'money', '销售成本', 'Cost of goods sold', { total: true }),
    col('margin', 'money', '毛利', 'Gross margin', { total: true }),
    col('marginRate', 'percent', '毛利率', 'Margin %'),
  ],
  /**
   * Sales are counted when delivered (the goods leave and their FIFO cost is known): each
   * delivery line's share of its order line's net amount, rounded per line, against the cost
   * the delivery took off stock. Whole months come from sales_delivery_months (the deliveries
   * summed per month, customer, product, warehouse and order salesperson, caught up before each
   * report: monthSummaries.ts); only the days of a month cut by the period are read from the
   * delivery lines (added, or taken off the whole month, whichever reads fewer days).
   * Customer returns are taken off when their goods come back (the return receipt's date):
   * their quantity, their cost as received, and the net amount credited to the customer for
   * them (a credit note or refund; nothing while the return is unsettled), always from their
   * lines, as a credit can come later. CROSS JOIN keeps SQLite on the days' deliveries and
   * return receipts first (stock_documents_type_date), then each one's lines and their order
   * lines by key; with statistics it otherwise may start from the order lines and search the
   * deliveries per line.
   */
  *rows(env, f) {
    const parts = periodParts(f.dateFrom, f.dateTo);
    const conditions = (warehouse: string, dates: [string, string]): Condition[] => [
      ['d.business_date BETWEEN ? AND ?', ...dates],
      f.warehouseId !== undefined && [`${warehouse} = ?`, f.warehouseId],
      f.productId !== undefined && ['dl.product_id = ?', f.productId],
      f.categoryId !== undefined && ['dl.product_id IN (SELECT id FROM products WHERE category_id = ?)', f.categoryId],
      f.customerId !== undefined && ['c.id = ?', f.customerId],
      f.salesperson !== undefined && f.salesperson !== '' && [`${salesKey.salesperson} = ?`, f.salesperson],
      f.region !== undefined && f.region !== '' && ['c.region = ?', f.region],
    ];
    const selects: string[] = [];
    const params: unknown[] = [];
    if (parts.months) {
      // Summed by the summary's own columns first, in the order of one of its indexes (no sort),
      // then keyed by the customer's region or salesperson where the report needs them.
      const salesperson = f.salesperson !== undefined && f.salesperson !== '' ? f.salesperson : undefined;
      const region = f.region !== undefined && f.region !== '' ? f.region : undefined;
      const byCustomer = f.groupBy === 'salesperson' || f.groupBy === 'region' || salesperson !== undefined || region !== undefined;
      const index =
        f.productId !== undefined || (f.customerId === undefined && f.groupBy === 'product')
          ? 'INDEXED BY sales_delivery_months_product'
          : f.customerId !== undefined || byCustomer || f.groupBy === 'customer'
            ? 'INDEXED BY sales_delivery_months_customer'
            : '';
      const summed = whereClause([
        parts.months.from !== null && ['s.month >= ?', parts.months.from],
        parts.months.to !== null && ['s.month <= ?', parts.months.to],
        f.warehouseId !== undefined && ['s.warehouse_id = ?', f.warehouseId],
        f.productId !== undefined && ['s.product_id = ?', f.productId],
        f.categoryId !== undefined && ['s.product_id IN (SELECT id FROM products WHERE category_id = ?)', f.categoryId],
        f.customerId !== undefined && ['s.customer_id = ?', f.customerId],
      ]);
      const figures = 'SUM(s.qty) AS qty, SUM(s.revenue_fen) AS revenue, SUM(s.cost_fen) AS cost, SUM(s.lines) AS lines';
      if (byCustomer) {
        const ofCustomer = whereClause([salesperson !== undefined && [`${summaryKey.salesperson} = ?`, salesperson], region !== undefined && ['c.region = ?', region]]);
        selects.push(
          `SELECT ${summaryKey[f.groupBy]} AS key, s.qty, s.revenue, s.cost, s.lines
             FROM (SELECT s.customer_id, s.salesperson, ${figures} FROM sales_delivery_months s ${index} ${summed.sql} GROUP BY s.customer_id, s.salesperson) s
             CROSS JOIN customers c ON c.id = s.customer_id ${ofCustomer.sql}`,
        );
        params.push(...summed.params, ...ofCustomer.params);
      } else {
        selects.push(`SELECT ${summaryKey[f.groupBy]} AS key, ${figures} FROM sales_delivery_months s ${index} ${summed.sql} GROUP BY 1`);
        params.push(...summed.params);
      }
    }
    for (const d of parts.days) {
      const sold = whereClause([["d.doc_type = 'delivery'"], ...conditions('d.warehouse_id', [d.from, d.to])]);
      selects.push(
        `SELECT ${salesKey[f.groupBy]} AS key, ${d.sign} * -dl.qty AS qty, ${d.sign} * (${deliveryLineRevenue}) AS revenue, ${d.sign} * -dl.value_fen AS cost, ${d.sign} AS lines
           FROM stock_documents d CROSS JOIN stock_document_lines dl ON dl.document_id = d.id
           CROSS JOIN sales_order_lines sol ON sol.id = dl.source_line_id CROSS JOIN sales_orders o ON o.id = sol.order_id CROSS JOIN customers c ON c.id = o.customer_id
           ${sold.sql}`,
      );
      params.push(...sold.params);
    }
    // A return's goods are received into the returns area: the warehouse filter means the one they were delivered from.
    const returned = whereClause([
      ["d.doc_type = 'customer_return'"],
      ...conditions('COALESCE((SELECT dd.warehouse_id FROM stock_documents dd WHERE dd.id = r.delivery_id), r.restock_warehouse_id)', [f.dateFrom, f.dateTo]),
    ]);
    selects.push(
      `SELECT ${salesKey[f.groupBy]}, -dl.qty,
              -(CASE WHEN rl.credited_qty = rl.qty THEN rl.net_fen ELSE (rl.net_fen * rl.credited_qty * 2 + rl.qty) / (2 * rl.qty) END), -dl.value_fen, 1
         FROM stock_documents d CROSS JOIN stock_document_lines dl ON dl.document_id = d.id
         CROSS JOIN customer_return_lines rl ON rl.id = dl.source_line_id CROSS JOIN customer_returns r ON r.id = rl.return_id CROSS JOIN customers c ON c.id = r.customer_id
         LEFT JOIN sales_order_lines sol ON sol.id = rl.order_line_id LEFT JOIN sales_orders o ON o.id = sol.order_id
         ${returned.sql}`,
    );
    params.push(...returned.params);
    const rows = env.db.$client
      // A key whose only lines in a whole month lie on days taken off is none of the period's.
      .prepare(`SELECT key, SUM(qty) AS qty, SUM(revenue) AS revenue, SUM(cost) AS cost FROM (${selects.join(' UNION ALL ')}) GROUP BY key HAVING SUM(lines) > 0`)
      .all(...params) as { key: string | null; qty: number; revenue: number; cost: number }[];
    const n = f.groupBy === 'product' ? names(env.db, env.locale) : null;
    const customers =
      f.groupBy === 'customer' ? new Map((env.db.$client.prepare('SELECT id, code, name FROM customers').all() as { id: string; code: string; name: string }[]).map((c) => [c.id, c])) : null;
    const out = rows.map((r) => {
      const key = r.key ?? '';
      const p = n?.products.get(key);
      const c = customers?.get(key);
      return {
        code: p?.sku ?? c?.code ?? (f.groupBy === 'month' ? key : ''),
        name: p ? productName(env.locale, p.zh, p.en) : (c?.name ?? (f.groupBy === 'month' ? key : key || '—')),
        qty: r.qty,
        revenue: r.revenue,
        cost: r.cost,
        margin: r.revenue - r.cost,
        marginRate: ratio(r.revenue - r.cost, r.revenue),
      };
    });
    // Months in calendar order; everything else biggest revenue first.
    out.sort((a, b) => (f.groupBy === 'month' ? a.code.localeCompare(b.code) : b.revenue - a.revenue || a.code.localeCompare(b.code)));
    yield* out;
  },
  derivedTotals: (s) => ({ marginRate: ratio(s.margin ?? 0, s.revenue ?? 0) }),
};

const settledAsOf = `(COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a JOIN customer_payments pay ON pay.id = a.payment_id WHERE a.invoice_id = i.id AND pay.business_date <= @asOf), 0)
  + COALESCE((SELECT SUM(na.amount_fen) FROM credit_note_allocations na JOIN credit_notes cn ON cn.id = na.credit_note_id WHERE na.invoice_id = i.id AND cn.business_date <= @asOf), 0))`;

const receivablesAgeing: ReportDefinition<'receivablesAgeing'> = {
  title: { zh: '应收账款账龄', en: 'Receivables ageing' },
  columns: () => [
    col('code', 'text', '客户编码', 'Customer code', { width: 12 }),
    col('customer', 'text', '客户', 'Customer', { width: 26 }),
    col('region', 'text', '区域', 'Region', { width: 10 }),
    col('salesperson', 'text', '业务员', 'Salesperson', { width: 10 }),
    col('d0_30', 'money', '0–30 天', '0–30 days', { total: true }),
    col('d31_60', 'money', '31–60 天', '31–60 days', { total: true }),
    col('d61_90', 'money', '61–90 天', '61–90 days', { total: true }),
    col('d90', 'money', '90 天以上', 'Over 90 days', { total: true }),
    col('open', 'money', '应收合计', 'Total open', { total: true }),
    col('overdue', 'money', '已逾期', 'Overdue', { total: true }),
  ],
  /** Open at the end of `asOf`: invoices dated up to it less what was paid or credited against them up to it; age from the invoice date. */
  *rows(env, f) {
    const { sql: where, params } = whereClause([
      ['i.business_date <= @asOf'],
      f.customerId !== undefined && ['i.customer_id = ?', f.customerId],
      f.region !== undefined && f.region !== '' && ['c.region = ?', f.region],
      f.salesperson !== undefined && f.salesperson !== '' && ['c.salesperson = ?', f.salesperson],
    ]);
    const bind: Record<string, unknown> = { asOf: f.asOf };
    let k = 0;
    const whereNamed = where.replace(/\?/g, () => {
      k += 1;
      bind[`p${k}`] = params[k - 1];
      return `@p${k}`;
    });
    const invoices = env.db.$client
      .prepare(
        `SELECT c.id, c.code, c.name, c.region, c.salesperson, i.business_date, i.due_date, i.gross_fen - ${settledAsOf} AS open_fen
           FROM sales_invoices i JOIN customers c ON c.id = i.customer_id ${whereNamed} ORDER BY c.code`,
      )
      .iterate(bind) as Iterable<{ id: string; code: string; name: string; region: string; salesperson: string; business_date: string; due_date: string; open_fen: number }>;
    let row: (ReportRow & { id: string; d0_30: number; d31_60: number; d61_90: number; d90: number; open: number; overdue: number }) | null = null;
    const field = { '0-30': 'd0_30', '31-60': 'd31_60', '61-90': 'd61_90', '90+': 'd90' } as const;
    for (const i of invoices) {
      if (i.open_fen === 0) continue;
      if (row && row.id !== i.id) {
        const { id: _id, ...done } = row;
        yield done;
        row = null;
      }
      row ??= { id: i.id, code: i.code, customer: i.name, region: i.region, salesperson: i.salesperson, d0_30: 0, d31_60: 0, d61_90: 0, d90: 0, open: 0, overdue: 0 };
      row[field[ageingBucket(Math.max(0, daysBetween(i.business_date, f.asOf)))]] += i.open_fen;
      row.open += i.open_fen;
      if (i.due_date < f.asOf) row.overdue += i.open_fen;
    }
    if (row) {
      const { id: _id, ...done } = row;
      yield done;
    }
  },
};

const customerStatement: ReportDefinition<'customerStatement'> = {
  title: { zh: '客户对账单', en: 'Customer statement' },
  columns: () => [
    col('date', 'date', '日期', 'Date'),
    col('entry', 'text', '摘要', 'Entry', { width: 14 }),
    col('docNo', 'text', '单号', 'Document', { width: 22 }),
    col('debit', 'money', '应收增加', 'Charged', { total: true }),
    col('credit', 'money', '收款/冲减', 'Paid or credited', { total: true }),
    col('balance', 'money', '余额', 'Balance'),
  ],
  /** Invoices charge the customer; payments and credit notes set against the account (not cash refunds) reduce what is owed. */
  *rows(env, f) {
    const entries = `SELECT business_date AS date, 'invoice' AS kind, doc_no AS docNo, gross_fen AS debit, 0 AS credit, created_at FROM sales_invoices WHERE customer_id = @customer
      UNION ALL SELECT business_date, 'payment', doc_no, 0, amount_fen, created_at FROM customer_payments WHERE customer_id = @customer
      UNION ALL SELECT business_date, 'credit', doc_no, 0, gross_fen, created_at FROM credit_notes WHERE customer_id = @customer AND settlement = 'credit'`;
    const sqlite = env.db.$client;
    const opening = (sqlite.prepare(`SELECT COALESCE(SUM(debit - credit), 0) AS b FROM (${entries}) WHERE date < @from`).get({ customer: f.customerId, from: f.dateFrom }) as { b: number }).b;
    const t =
      env.locale === 'en'
        ? { opening: 'Opening balance', closing: 'Closing balance', invoice: 'Invoice', payment: 'Payment', credit: 'Credit note' }
        : { opening: '期初余额', closing: '期末余额', invoice: '销售发票', payment: '收款', credit: '退货冲减' };
    let balance = opening;
    yield { date: f.dateFrom, entry: t.opening, balance };
    const rows = sqlite
      .prepare(`SELECT * FROM (${entries}) WHERE date BETWEEN @from AND @to ORDER BY date, created_at, docNo`)
      .iterate({ customer: f.customerId, from: f.dateFrom, to: f.dateTo }) as Iterable<{ date: string; kind: 'invoice' | 'payment' | 'credit'; docNo: string; debit: number; credit: number }>;
    for (const r of rows) {
      balance += r.debit - r.credit;
      yield { date: r.date, entry: t[r.kind], docNo: r.docNo, debit: r.debit || null, credit: r.credit || null, balance };
    }
    yield { date: f.dateTo, entry: t.closing, balance };
  },
};

// ---- Returns, counts, turnover ----

const returnAnalysis: ReportDefinition<'returnAnalysis'> = {
  title: { zh: '退货分析', en: 'Return analysis' },
  columns: (f) => [
    col('code', 'text', '编码', 'Code', { width: 14 }),
    col('name', 'text', { product: '商品', customer: '客户', supplier: '供应商', reason: '原因', month: '月份' }[f.dimension], { product: 'Product', customer: 'Customer', supplier: 'Supplier', reason: 'Reason', month: 'Month' }[f.dimension], { width: 26 }),
    col('returnedQty', 'qty', '退货数量', 'Returned qty', { total: true }),
    col('deliveredQty', 'qty', '发货数量', 'Delivered qty'),
    col('qtyRate', 'percent', '数量退货率', 'Qty return rate'),
    col('returnedValue', 'money', '退货金额（成本）', 'Returned (cost)', { total: true }),
    col('deliveredValue', 'money', '发货金额（成本）', 'Delivered (cost)'),
    col('valueRate', 'percent', '金额退货率', 'Value return rate'),
  ],
  *rows(env, f) {
    const analysis = returnAnalysisRows(env.db, f, { summaries: true });
    for (const r of analysis.rows) {
      yield {
        code: r.detail || (f.dimension === 'month' || f.dimension === 'reason' ? r.key : ''),
        name: (env.locale === 'en' && r.labelEn ? r.labelEn : r.label) || r.key || '—',
        returnedQty: r.returnedQty,
        deliveredQty: r.deliveredQty,
        qtyRate: r.qtyRateBp === null ? null : r.qtyRateBp / 10_000,
        returnedValue: r.returnedFen,
        deliveredValue: r.deliveredFen,
        valueRate: r.valueRateBp === null ? null : r.valueRateBp / 10_000,
      };
    }
  },
};

const countVariances: ReportDefinition<'countVariances'> = {
  title: { zh: '盘点差异', en: 'Count variances' },
  columns: () => [
    col('docNo', 'text', '盘点单号', 'Count', { width: 20 }),
    col('date', 'date', '过账日期', 'Posted on'),
    col('warehouse', 'text', '仓库', 'Warehouse', { width: 10 }),
    col('sku', 'text', '商品编码', 'SKU', { width: 14 }),
    col('product', 'text', '商品名称', 'Product', { width: 26 }),
    col('lot', 'text', '批号', 'Lot', { width: 12 }),
    col('bookQty', 'qty', '账面数量', 'Book qty'),
    col('countedQty', 'qty', '实盘数量', 'Counted qty'),
    col('varianceQty', 'qty', '差异数量', 'Variance qty', { total: true }),
    col('varianceValue', 'money', '差异金额', 'Variance value', { total: true }),
    col('reason', 'text', '原因', 'Reason', { width: 12 }),
  ],
  /** What the count posted: its adjustment's lines (stock moved during the count is already allowed for there), with the book and counted figures beside them. */
  *rows(env, f) {
    const { sql: where, params } = whereClause([
      ["sc.status = 'posted'"],
      ['d.business_date BETWEEN ? AND ?', f.dateFrom, f.dateTo],
      ...scopeConditions('dl', f).map((c) => c && ([c[0].replace('dl.warehouse_id', 'd.warehouse_id'), ...c.slice(1)] as const)),
    ]);
    const rows = env.db.$client
      .prepare(
        `SELECT sc.doc_no, d.business_date, w.name AS warehouse, p.sku, p.name_zh, p.name_en, l.lot_code, cl.book_qty, cl.counted_qty, dl.qty, dl.value_fen, COALESCE(cl.reason_code, dl.reason_code) AS reason
           FROM stock_counts sc JOIN stock_documents d ON d.id = sc.adjustment_document_id JOIN stock_document_lines dl ON dl.document_id = d.id
           JOIN products p ON p.id = dl.product_id JOIN warehouses w ON w.id = d.warehouse_id LEFT JOIN lots l ON l.id = dl.lot_id
           LEFT JOIN stock_count_lines cl ON cl.count_id = sc.id AND cl.product_id = dl.product_id AND cl.lot_id = dl.lot_id
           ${where} ORDER BY d.business_date, sc.doc_no, dl.line_no`,
      )
      .iterate(...params) as Iterable<{ doc_no: string; business_date: string; warehouse: string; sku: string; name_zh: string; name_en: string; lot_code: string | null; book_qty: number | null; counted_qty: number | null; qty: number; value_fen: number; reason: string | null }>;
    for (const r of rows) {
      yield {
        docNo: r.doc_no,
        date: r.business_date,
        warehouse: r.warehouse,
        sku: r.sku,
        product: productName(env.locale, r.name_zh, r.name_en),
        lot: r.lot_code,
        bookQty: r.book_qty,
        countedQty: r.counted_qty,
        varianceQty: r.qty,
        varianceValue: r.value_fen,
        reason: r.reason,
      };
    }
  },
};

const turnover: ReportDefinition<'turnover'> = {
  title: { zh: '库存周转与滞销', en: 'Stock turnover and slow movers' },
  columns: () => [
    col('sku', 'text', '商品编码', 'SKU', { width: 14 }),
    col('product', 'text', '商品名称', 'Product', { width: 28 }),
    col('openingValue', 'money', '期初金额', 'Opening value', { total: true }),
    col('closingValue', 'money', '期末金额', 'Closing value', { total: true }),
    col('closingQty', 'qty', '期末数量', 'Closing qty', { total: true }),
    col('soldQty', 'qty', '销售数量', 'Sold qty', { total: true }),
    col('cogs', 'money', '销售成本', 'Cost of goods sold', { total: true }),
    col('turnoverRate', 'percent', '周转率', 'Turnover'),
    col('daysOfStock', 'int', '周转天数', 'Days of stock'),
    col('lastSale', 'date', '最近销售', 'Last sale'),
    col('slow', 'text', '滞销', 'Slow mover', { width: 8 }),
  ],
  /**
   * Turnover = cost of goods sold ÷ average stock at cost ((opening + closing) ÷ 2), over the
   * period; days of stock = days in the period ÷ turnover. A product with stock at the end and
   * no sale in the period is a slow mover. Slowest first.
   */
  *rows(env, f) {
    for (const r of turnoverRows(env, f, names(env.db, env.locale))) yield r.row;
  },
  /** A page: every row computed and sorted (by SKU where rates tie), only the page's products named. */
  page(env, f, offset, limit) {
    const all = turnoverRows(env, f, names(env.db, env.locale, { skuOnly: true }));
    const sums: Record<string, number> = Object.fromEntries(turnover.columns(f).flatMap((c) => (c.total ? [[c.key, 0]] : [])));
    for (const { row } of all) for (const k of Object.keys(sums)) sums[k]! += Number((row as ReportRow)[k]);
    const shown = all.slice(offset, offset + limit);
    const n = names(env.db, env.locale, { only: [...new Set(shown.map((r) => r.id))] });
    const rows = shown.map(({ id, row }) => {
      const p = n.products.get(id);
      return { ...row, product: p ? productName(env.locale, p.zh, p.en) : id };
    });
    return { rows, rowCount: all.length, sums };
  },
  derivedTotals: (s) => {
    const average = ((s.openingValue ?? 0) + (s.closingValue ?? 0)) / 2;
    return { turnoverRate: average > 0 ? (s.cogs ?? 0) / average : null };
  },
};

/** Turnover's rows, slowest first, each with its product's id. */
function turnoverRows(env: ReportEnv, f: ReportFilters<'turnover'>, n: Names) {
  // Opening: the movements before the period; closing: opening plus the period's; sales: the
  // period's deliveries. All three from the month summaries plus the days of cut months.
  const opening = new Map<string, number>();
  const closing = new Map<string, { qty: number; value: number }>();
  const sales = new Map<string, { qty: number; cogs: number; last: string }>();
  const into = (id: string, qty: number, value: number) => {
    const c = closing.get(id) ?? { qty: 0, value: 0 };
    c.qty += qty;
    c.value += value;
    closing.set(id, c);
  };
  for (const r of periodSums(env.db, null, addDays(f.dateFrom, -1), f).values()) {
    opening.set(r.productId, (opening.get(r.productId) ?? 0) + r.valueFen);
    into(r.productId, r.qty, r.valueFen);
  }
  for (const r of periodSums(env.db, f.dateFrom, f.dateTo, f).values()) {
    into(r.productId, r.qty, r.valueFen);
    if (r.lastSaleDate === null) continue;
    const s = sales.get(r.productId) ?? { qty: 0, cogs: 0, last: r.lastSaleDate };
    s.qty += r.soldQty;
    s.cogs += r.soldValueFen;
    if (r.lastSaleDate > s.last) s.last = r.lastSaleDate;
    sales.set(r.productId, s);
  }
  // Products that had nothing at either end and sold nothing are not in the report.
  for (const [id, c] of closing) if (c.qty === 0 && c.value === 0 && !opening.get(id) && !sales.has(id)) closing.delete(id);
  for (const [id, v] of opening) if (v === 0 && !closing.has(id)) opening.delete(id);
  const days = daysBetween(f.dateFrom, f.dateTo) + 1;
  const ids = new Set([...opening.keys(), ...closing.keys(), ...sales.keys()]);
  const slowLabel = env.locale === 'en' ? 'Slow' : '滞销';
  const rows = [...ids].map((id) => {
    const o = opening.get(id) ?? 0;
    const c = closing.get(id) ?? { qty: 0, value: 0 };
    const s = sales.get(id);
    const average = (o + c.value) / 2;
    const rate = s && average > 0 ? s.cogs / average : s ? null : 0;
    const p = n.products.get(id);
    return {
      id,
      row: {
        sku: p?.sku ?? '',
        product: p ? productName(env.locale, p.zh, p.en) : id,
        openingValue: o,
        closingValue: c.value,
        closingQty: c.qty,
        soldQty: s?.qty ?? 0,
        cogs: s?.cogs ?? 0,
        turnoverRate: rate,
        daysOfStock: rate ? Math.round(days / rate) : null,
        lastSale: s?.last ?? null,
        slow: !s && c.qty > 0 ? slowLabel : '',
      },
    };
  });
  rows.sort((a, b) => (a.row.turnoverRate ?? Infinity) - (b.row.turnoverRate ?? Infinity) || b.row.closingValue - a.row.closingValue || a.row.sku.localeCompare(b.row.sku));
  return rows;
}

export const reportDefinitions: { [R in ReportId]: ReportDefinition<R> } = {
  stockValuation,
  movementLedger,
  stockAgeing,
  salesMargin,
  receivablesAgeing,
  customerStatement,
  returnAnalysis,
  countVariances,
  turnover,
};
