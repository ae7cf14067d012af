import { addDays, daysBetween } from '../core/businessDate';
import { LedgerError } from '../core/errors';
import { daysOfCover } from '../core/replenishment';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { requireBranch, todayAt } from './branch';
import { onHandByProduct, onOrderByProduct, productsWithTerms, salesIssues, type ProductRecord } from './replenishment';
import { all, allRaw, get } from './sql';
import type { ServiceContext } from './types';

/**
 * Stock health (库存健康, handbook: identify stockouts, overstock and slow movers; keep expiry
 * under watch) for one warehouse: each list is built from a few grouped reads of the whole
 * catalogue, like the replenishment suggestions.
 *
 * - stockout: nothing on hand while the product sold in the demand window;
 * - overstock: more days of cover than the limit, or above the buyer's max;
 * - slow mover: on hand, but no sale for the given number of days (or never);
 * - near expiry: lots on hand expiring within the given days (expired ones included).
 */
export function stockHealth(ctx: ServiceContext, input: ParsedInput<'stock.health'>): MethodResult<'stock.health'> {
  const branch = requireBranch(ctx);
  if (!get(ctx.db, 'SELECT 1 AS x FROM warehouses WHERE id = ?', input.warehouseId)) {
    throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  }
  const today = todayAt(ctx, branch);
  const w = input.warehouseId;
  const demand = salesIssues(ctx, w, addDays(today, -input.windowDays), today);
  const onHand = onHandByProduct(ctx, w);
  const onOrder = onOrderByProduct(ctx, w);
  const values = new Map(
    all<{ p: string; v: number }>(ctx.db, 'SELECT product_id AS p, SUM(value_remaining_fen) AS v FROM cost_layers WHERE warehouse_id = ? AND qty_remaining > 0 GROUP BY product_id', w).map((r) => [
      r.p,
      r.v,
    ]),
  );
  // Every sale's date is in the partial index on deliveries: one scan of it gives each product's last.
  const lastSale = new Map(
    all<{ p: string; d: string }>(ctx.db, "SELECT product_id AS p, MAX(business_date) AS d FROM stock_movements WHERE document_type = 'delivery' AND warehouse_id = ? GROUP BY product_id", w).map(
      (r) => [r.p, r.d],
    ),
  );
  const slowSince = addDays(today, -input.slowDays);
  const products = productsWithTerms(ctx, { warehouseId: w, q: input.q });
  const byId = new Map(products.map((p) => [p.id, p]));

  const row = (kind: R.StockHealthKind, p: ProductRecord): R.StockHealthRow => {
    const held = onHand.get(p.id) ?? 0;
    const demandPerDay = (demand.get(p.id)?.sum ?? 0) / input.windowDays;
    return {
      kind,
      productId: p.id,
      sku: p.sku,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      baseUnitCode: p.base_unit_code,
      onHand: held,
      onOrder: onOrder.get(p.id) ?? 0,
      demandPerDay,
      daysOfCover: daysOfCover(held, demandPerDay),
      lastSaleDate: lastSale.get(p.id) ?? null,
      valueFen: values.get(p.id) ?? 0,
      supplierId: p.supplier_id,
      supplierName: p.supplier_name ?? '',
      lotId: null,
      lotCode: null,
      expiryDate: null,
      daysToExpiry: null,
    };
  };

  const stockout: R.StockHealthRow[] = [];
  const overstock: R.StockHealthRow[] = [];
  const slow: R.StockHealthRow[] = [];
  for (const p of products) {
    const held = onHand.get(p.id) ?? 0;
    const sold = demand.get(p.id)?.sum ?? 0;
    if (held <= 0) {
      if (sold > 0) stockout.push(row('stockout', p));
      continue;
    }
    const cover = daysOfCover(held, sold / input.windowDays);
    if ((cover !== null && cover > input.overstockDays) || (p.override_max !== null && held > p.override_max)) overstock.push(row('overstock', p));
    const last = lastSale.get(p.id);
    if (last === undefined || last <= slowSince) slow.push(row('slow', p));
  }
  stockout.sort((a, b) => b.demandPerDay - a.demandPerDay || a.sku.localeCompare(b.sku));
  overstock.sort((a, b) => b.valueFen - a.valueFen || a.sku.localeCompare(b.sku));
  slow.sort((a, b) => b.valueFen - a.valueFen || a.sku.localeCompare(b.sku));

  // The lot's share of the product's value at its average cost.
  const lotValue = (productId: string, qty: number) => {
    const held = onHand.get(productId) ?? 0;
    return held > 0 ? Math.round(((values.get(productId) ?? 0) * qty) / held) : 0;
  };
  const near = nearExpiryPage(ctx, input, w, today, byId, lotValue);
  const nearExpiry = near.rows.map((lot) => ({
    ...row('nearExpiry', lot.p),
    onHand: lot.qty,
    valueFen: lot.valueFen,
    lotId: lot.lot_id,
    lotCode: lot.lot_code,
    expiryDate: lot.expiry_date,
    daysToExpiry: daysBetween(today, lot.expiry_date),
  }));
  return { asOf: today, stockout, overstock, slow, nearExpiry, nearExpiryTotal: near.total, nearExpiryValueFen: near.valueFen };
}

interface DueLot {
  product_id: string;
  lot_id: string;
  lot_code: string;
  expiry_date: string;
  qty: number;
}

/**
 * One page of the lots on hand expiring by the horizon (expired ones included), soonest first,
 * with the count and value of the whole list; a branch may hold 100,000 such lots, so only the
 * page crosses to the screen. Set-based: a range of lots by expiry joined to the warehouse's
 * positive balances, both read from covering indexes (no lookup per lot in the tables). A lot is
 * valued at its share of its product's FIFO value, rounded per lot, the same in page and total.
 */
function nearExpiryPage(
  ctx: ServiceContext,
  input: ParsedInput<'stock.health'>,
  warehouseId: string,
  today: string,
  listed: ReadonlyMap<string, ProductRecord>,
  value: (productId: string, qty: number) => number,
): { rows: (DueLot & { p: ProductRecord; valueFen: number })[]; total: number; valueFen: number } {
  const due = `FROM lots l INDEXED BY lots_expiry CROSS JOIN stock_balances b INDEXED BY stock_balances_lot ON b.warehouse_id = ? AND b.lot_id = l.id AND b.qty > 0
     WHERE l.expiry_date <= ? AND l.product_id IN (SELECT value FROM json_each(?))`;
  const params = [warehouseId, addDays(today, input.expiryDays), JSON.stringify([...listed.keys()])];
  let total = 0;
  let valueFen = 0;
  for (const [productId, qty] of allRaw(ctx.db, `SELECT l.product_id, b.qty ${due}`, ...params) as [string, number][]) {
    total++;
    valueFen += value(productId, qty);
  }
  const page = all<DueLot>(
    ctx.db,
    `SELECT l.product_id, l.id AS lot_id, l.lot_code, l.expiry_date, b.qty ${due} ORDER BY l.expiry_date, l.lot_code, l.product_id LIMIT ? OFFSET ?`,
    ...params,
    input.expiryLimit,
    input.expiryOffset,
  );
  const rows = page.flatMap((lot) => {
    const p = listed.get(lot.product_id);
    return p ? [{ ...lot, p, valueFen: value(lot.product_id, lot.qty) }] : [];
  });
  return { rows, total, valueFen };
}
