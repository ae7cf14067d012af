import { addDays } from '../core/businessDate';
import { LedgerError } from '../core/errors';
import {
  dailyDemand,
  daysOfCover,
  neededQty,
  reorderPolicy,
  roundToPacks,
  seasonalityPermille,
  stockPosition,
  type SafetyStockRule,
} from '../core/replenishment';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { ReplenishmentPoliciesArgs } from '../sync/protocol';
import { requireBranch, todayAt } from './branch';
import { writeAudit, writeOutbox } from './journal';
import { createPurchaseOrder } from './purchaseOrders';
import { receivedSql } from './purchaseQueries';
import { all, get, inTransaction, run, textSearch, whereClause } from './sql';
import type { ServiceContext } from './types';

/**
 * Replenishment (补货建议): for every active product, what one warehouse holds, has on order and
 * has promised, against reorder levels from its sales (core/replenishment.ts). A whole
 * catalogue is read with one grouped query per figure and put together here, so 20,000
 * products cost a handful of index scans rather than a query each.
 */

type SuggestInput = ParsedInput<'replenishment.suggestions'>;

/** Quantities per product in the warehouse. */
function perProduct(ctx: ServiceContext, sql: string, ...params: unknown[]): Map<string, number> {
  return new Map(all<{ p: string; q: number }>(ctx.db, sql, ...params).map((r) => [r.p, r.q]));
}

/** Sales issues (deliveries) of the warehouse in (from, to]: per product the total and the sum of squares of daily totals. */
export function salesIssues(ctx: ServiceContext, warehouseId: string, from: string, to: string): Map<string, { sum: number; squares: number }> {
  // The literal document type and the date range select the partial index stock_movements_sales_issues.
  const rows = all<{ p: string; sum: number; squares: number }>(
    ctx.db,
    `SELECT product_id AS p, SUM(day_qty) AS sum, SUM(day_qty * day_qty) AS squares FROM (
       SELECT product_id, business_date, -SUM(qty) AS day_qty FROM stock_movements
        WHERE document_type = 'delivery' AND business_date > ? AND business_date <= ? AND warehouse_id = ?
        GROUP BY product_id, business_date)
      GROUP BY product_id`,
    from,
    to,
    warehouseId,
  );
  return new Map(rows.map((r) => [r.p, { sum: r.sum, squares: r.squares }]));
}

/** Open quantities of the warehouse's purchase orders not yet received (drafts count: the buyer already means to order them). */
export function onOrderByProduct(ctx: ServiceContext, warehouseId: string): Map<string, number> {
  return perProduct(
    ctx,
    `SELECT l.product_id AS p, SUM(MAX(0, l.qty - l.closed_qty - ${receivedSql})) AS q
       FROM purchase_orders o JOIN purchase_order_lines l ON l.order_id = o.id
      WHERE o.warehouse_id = ? AND o.status IN ('draft', 'sent', 'partly_received') GROUP BY l.product_id`,
    warehouseId,
  );
}

export function onHandByProduct(ctx: ServiceContext, warehouseId: string): Map<string, number> {
  return perProduct(ctx, 'SELECT product_id AS p, SUM(qty) AS q FROM stock_balances WHERE warehouse_id = ? GROUP BY product_id', warehouseId);
}

export interface ProductRecord {
  id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  category_id: string | null;
  base_unit_code: string;
  supplier_id: string | null;
  supplier_code: string | null;
  supplier_name: string | null;
  purchase_unit_code: string | null;
  pack_factor: number | null;
  unit_name_zh: string | null;
  unit_name_en: string | null;
  min_order_qty: number | null;
  lead_time_days: number | null;
  last_cost_fen: number | null;
  override_min: number | null;
  override_max: number | null;
}

/**
 * Active products with their supplier's terms (the preferred supplier, else the first by code)
 * and the buyer's override for the warehouse.
 */
export function productsWithTerms(ctx: ServiceContext, input: Pick<SuggestInput, 'warehouseId' | 'q'> & Partial<Pick<SuggestInput, 'categoryId' | 'supplierId'>>): ProductRecord[] {
  const { sql: whereSql, params } = whereClause([
    ['p.active = 1'],
    input.categoryId && ['p.category_id = ?', input.categoryId],
    input.supplierId && ['t.supplier_id = ?', input.supplierId],
    textSearch(['p.sku', 'p.name_zh', 'p.name_en'], input.q),
  ]);
  // The product's supplier is looked up per product through its index (a window over all terms
  // materialised the whole table first, ten times slower on 20,000 products).
  return all<ProductRecord>(
    ctx.db,
    `SELECT p.id, p.sku, p.name_zh, p.name_en, p.category_id, p.base_unit_code,
            t.supplier_id, s.code AS supplier_code, s.name AS supplier_name, t.purchase_unit_code, u.factor AS pack_factor, u.name_zh AS unit_name_zh,
            u.name_en AS unit_name_en, t.min_order_qty, COALESCE(t.lead_time_days, s.lead_time_days) AS lead_time_days, t.last_cost_fen,
            rp.min_qty AS override_min, rp.max_qty AS override_max
       FROM products p
       LEFT JOIN supplier_products t ON t.id = (
         SELECT sp.id FROM supplier_products sp JOIN suppliers x ON x.id = sp.supplier_id
          WHERE sp.product_id = p.id AND sp.active = 1 AND x.active = 1 ORDER BY sp.preferred DESC, x.code LIMIT 1)
       LEFT JOIN suppliers s ON s.id = t.supplier_id
       LEFT JOIN product_units u ON u.product_id = p.id AND u.code = COALESCE(t.purchase_unit_code, p.base_unit_code)
       LEFT JOIN replenishment_policies rp ON rp.warehouse_id = ? AND rp.product_id = p.id
       ${whereSql}`,
    input.warehouseId,
    ...params,
  );
}

function safetyRule(input: SuggestInput): SafetyStockRule {
  return input.safety === 'days' ? { kind: 'days', days: input.safetyDays } : { kind: 'service', level: input.serviceLevel };
}

export function replenishmentSuggestions(ctx: ServiceContext, input: SuggestInput): MethodResult<'replenishment.suggestions'> {
  const branch = requireBranch(ctx);
  const w = get<{ id: string }>(ctx.db, 'SELECT id FROM warehouses WHERE id = ?', input.warehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  const today = todayAt(ctx, branch);
  const window = input.windowDays;
  const demand = salesIssues(ctx, input.warehouseId, addDays(today, -window), today);
  // A year ago: the same window, and the period the coming order must cover (lead time + review, taken as 28 days).
  const yearAgo = addDays(today, -364);
  const aheadDays = 28;
  const lastYear = input.seasonal ? salesIssues(ctx, input.warehouseId, addDays(yearAgo, -window), yearAgo) : new Map<string, { sum: number }>();
  const lastYearAhead = input.seasonal ? salesIssues(ctx, input.warehouseId, yearAgo, addDays(yearAgo, aheadDays)) : new Map<string, { sum: number }>();
  const onHand = onHandByProduct(ctx, input.warehouseId);
  const onOrder = onOrderByProduct(ctx, input.warehouseId);
  const committed = perProduct(ctx, 'SELECT product_id AS p, SUM(qty) AS q FROM sales_allocations WHERE warehouse_id = ? GROUP BY product_id', input.warehouseId);
  const safety = safetyRule(input);

  const rows: R.ReplenishmentRow[] = [];
  for (const p of productsWithTerms(ctx, input)) {
    const d = demand.get(p.id);
    const stats = dailyDemand(d?.sum ?? 0, d?.squares ?? 0, window);
    const season = input.seasonal ? seasonalityPermille(lastYear.get(p.id)?.sum ?? 0, window, lastYearAhead.get(p.id)?.sum ?? 0, aheadDays) : 1000;
    const demandPerDay = (stats.mean * season) / 1000;
    const leadTimeDays = p.lead_time_days ?? 0;
    const policy = reorderPolicy({
      demandPerDay,
      stdDevPerDay: (stats.stdDev * season) / 1000,
      leadTimeDays,
      reviewDays: input.reviewDays,
      safety,
      overrideMin: p.override_min,
      overrideMax: p.override_max,
    });
    const held = onHand.get(p.id) ?? 0;
    const ordered = onOrder.get(p.id) ?? 0;
    const promised = committed.get(p.id) ?? 0;
    const position = stockPosition(held, ordered, promised);
    const packFactor = p.pack_factor ?? 1;
    const suggestion = roundToPacks(neededQty(policy, position), packFactor, p.min_order_qty ?? 0);
    if (input.onlyNeeded && suggestion.qty === 0) continue;
    rows.push({
      productId: p.id,
      sku: p.sku,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      baseUnitCode: p.base_unit_code,
      supplierId: p.supplier_id,
      supplierCode: p.supplier_code ?? '',
      supplierName: p.supplier_name ?? '',
      purchaseUnitCode: p.purchase_unit_code ?? p.base_unit_code,
      purchaseUnitNameZh: p.unit_name_zh ?? p.base_unit_code,
      purchaseUnitNameEn: p.unit_name_en ?? p.base_unit_code,
      packFactor,
      minOrderQty: p.min_order_qty ?? 0,
      leadTimeDays,
      onHand: held,
      onOrder: ordered,
      committed: promised,
      position,
      demandPerDay,
      seasonalityPermille: season,
      daysOfCover: daysOfCover(held, demandPerDay),
      safetyStock: policy.safetyStock,
      min: policy.min,
      max: policy.max,
      policySource: policy.source,
      overrideMin: p.override_min,
      overrideMax: p.override_max,
      suggestedPacks: suggestion.packs,
      suggestedQty: suggestion.qty,
      unitCostFen: p.last_cost_fen,
      suggestedValueFen: p.last_cost_fen === null ? null : suggestion.packs * p.last_cost_fen,
    });
  }
  // Most urgent first: least cover (no demand last), then by SKU.
  rows.sort((a, b) => (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity) || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return { asOf: today, windowDays: window, rows };
}

/**
 * One draft purchase order per supplier (at most 500 lines each, the order's limit) from the
 * chosen suggestions, in the supplier's purchase unit; all of them or none.
 */
export function createReplenishmentOrders(ctx: ServiceContext, input: ParsedInput<'replenishment.createOrders'>): MethodResult<'replenishment.createOrders'> {
  return inTransaction(ctx.db, () => {
    const bySupplier = new Map<string, { productId: string; unitCode: string; qty: number }[]>();
    input.lines.forEach((line, i) => {
      const terms = get<{ purchase_unit_code: string; name_zh: string; supplier: string }>(
        ctx.db,
        `SELECT sp.purchase_unit_code, p.name_zh, s.name AS supplier FROM supplier_products sp JOIN products p ON p.id = sp.product_id JOIN suppliers s ON s.id = sp.supplier_id
          WHERE sp.supplier_id = ? AND sp.product_id = ? AND sp.active = 1`,
        line.supplierId,
        line.productId,
      );
      if (!terms) {
        const names = get<{ product: string | null; supplier: string | null }>(
          ctx.db,
          'SELECT (SELECT name_zh FROM products WHERE id = ?) AS product, (SELECT name FROM suppliers WHERE id = ?) AS supplier',
          line.productId,
          line.supplierId,
        );
        throw new LedgerError('REPLENISH_NOT_SUPPLIED', { product: names?.product ?? line.productId, supplier: names?.supplier ?? line.supplierId, line: i + 1 }, [
          { path: `lines.${i}.supplierId`, code: 'REPLENISH_NOT_SUPPLIED' },
        ]);
      }
      const list = bySupplier.get(line.supplierId) ?? [];
      list.push({ productId: line.productId, unitCode: terms.purchase_unit_code, qty: line.packs });
      bySupplier.set(line.supplierId, list);
    });
    const orders: R.ReplenishmentOrder[] = [];
    for (const [supplierId, lines] of bySupplier) {
      for (let i = 0; i < lines.length; i += 500) {
        const o = createPurchaseOrder(ctx, { supplierId, warehouseId: input.warehouseId, note: input.note, lines: lines.slice(i, i + 500), send: false });
        orders.push({ id: o.id, docNo: o.docNo, supplierId, supplierName: o.supplierName, lineCount: o.lineCount, totalValueFen: o.totalValueFen });
      }
    }
    writeAudit(ctx, 'replenishment.createOrders', 'warehouse', input.warehouseId, null, { orders: orders.map((o) => o.docNo), lines: input.lines.length });
    return { orders };
  });
}

/**
 * Writes one product's override; `onlyNewer` (a row from another PC) keeps a later one already
 * here (last writer wins by HLC). Answers whether anything changed.
 */
export function upsertReplenishmentPolicy(db: ServiceContext['db'], p: ReplenishmentPoliciesArgs['policies'][number], onlyNewer: boolean): boolean {
  return (
    run(
      db,
      `INSERT INTO replenishment_policies (warehouse_id, product_id, min_qty, max_qty, updated_by, updated_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (warehouse_id, product_id) DO UPDATE SET min_qty = excluded.min_qty, max_qty = excluded.max_qty, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at, hlc = excluded.hlc${onlyNewer ? ' WHERE excluded.hlc > replenishment_policies.hlc' : ''}`,
      p.warehouseId,
      p.productId,
      p.minQty,
      p.maxQty,
      p.updatedBy,
      p.updatedAt,
      p.hlc,
    ).changes > 0
  );
}

/** The buyer's min/max for products in a warehouse; nulls clear an override. Sent to the branch's other PCs. */
export function setReplenishmentPolicies(ctx: ServiceContext, input: ParsedInput<'replenishment.setPolicies'>): MethodResult<'replenishment.setPolicies'> {
  return inTransaction(ctx.db, () => {
    const w = get<{ id: string }>(ctx.db, 'SELECT id FROM warehouses WHERE id = ?', input.warehouseId);
    if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
    const hlc = ctx.hlc();
    const policies: ReplenishmentPoliciesArgs['policies'] = [];
    input.policies.forEach((p, i) => {
      if (!get(ctx.db, 'SELECT 1 AS x FROM products WHERE id = ?', p.productId)) {
        throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: `policies.${i}.productId`, code: 'NOT_FOUND' }]);
      }
      const before = get<{ min_qty: number | null; max_qty: number | null }>(
        ctx.db,
        'SELECT min_qty, max_qty FROM replenishment_policies WHERE warehouse_id = ? AND product_id = ?',
        input.warehouseId,
        p.productId,
      );
      const row = { warehouseId: input.warehouseId, productId: p.productId, minQty: p.minQty, maxQty: p.maxQty, updatedBy: ctx.currentUser.id, updatedAt: ctx.now, hlc };
      upsertReplenishmentPolicy(ctx.db, row, false);
      writeAudit(ctx, 'replenishment.setPolicy', 'replenishment_policy', `${input.warehouseId}:${p.productId}`, before ?? null, { min_qty: p.minQty, max_qty: p.maxQty });
      policies.push(row);
    });
    writeOutbox(ctx, 'replenishment.policies', 1, { policies } satisfies ReplenishmentPoliciesArgs);
    return { updated: policies.length };
  });
}
