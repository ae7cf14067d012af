/**
 * npm run bench:replenish — replenishment suggestions, creating the purchase orders, stock
 * health and supplier performance on a busy branch's ledger: 20,000 products with supplier terms
 * from 40 suppliers, 1,000,000 movements (a third of the documents are deliveries, so most
 * products have sales history). Figures, never pass/fail; a raw SQLite baseline (the
 * window's sales issues summed per product from the table) is measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSupplierTerms } from '../db/demo/generateSupplierTerms';
import type { ReplenishmentSuggestions, StockHealth, SupplierPerformance } from '../src-main/contract';
import { openLargeBranch, p50 } from './largeBranch';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const movementsWanted = Number(args.get('movements') ?? 1_000_000);
const productsWanted = Number(args.get('products') ?? 20_000);
const runs = Number(args.get('runs') ?? 7);

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-replenish-'));
try {
  const { app, call, timed, ids } = openLargeBranch(dir, 'replenishment', { products: productsWanted, movements: movementsWanted, issuesAs: 'delivery' });
  const s = app.db.$client;
  const supply = generateSupplierTerms(app.db, { suppliers: 40, seed: 7, now: Date.now() });
  s.pragma('optimize');
  const today = (s.prepare("SELECT MAX(business_date) AS d FROM stock_movements WHERE document_type = 'delivery'").get() as { d: string }).d;
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 28 * 86_400_000).toISOString().slice(0, 10);
  const inWindow = (s.prepare("SELECT COUNT(*) AS n FROM stock_movements WHERE document_type = 'delivery' AND business_date > ?").get(from) as { n: number }).n;
  console.log(`Supplier terms: ${supply.terms} from ${supply.suppliers} suppliers; sales issues in the last 28 days: ${inWindow}`);

  const raw = Array.from({ length: runs }, () =>
    timed(() => s.prepare("SELECT product_id, -SUM(qty) FROM stock_movements NOT INDEXED WHERE document_type = 'delivery' AND business_date > ? AND warehouse_id = ? GROUP BY product_id").all(from, ids.warehouseId)),
  );
  console.log(`Raw baseline (28 days' sales issues per product, table scan): p50 ${p50(raw).toFixed(1)} ms`);

  let last: ReplenishmentSuggestions | undefined;
  const report = (label: string, input: Record<string, unknown>) => {
    const t = Array.from({ length: runs }, () => timed(() => (last = call<ReplenishmentSuggestions>('replenishment.suggestions', { warehouseId: ids.warehouseId, ...input }))));
    console.log(`replenishment.suggestions ${label.padEnd(34)}: p50 ${p50(t).toFixed(1)} ms (${(p50(t) / p50(raw)).toFixed(2)}× raw), ${last?.rows.length ?? 0} rows`);
  };
  report('28 days, needed only', {});
  report('28 days, all products', { onlyNeeded: false });
  report('91 days, service level 95 %', { windowDays: 91, safety: 'service', serviceLevel: '95' });
  report('28 days, seasonal', { seasonal: true });
  report('one supplier', { supplierId: (s.prepare('SELECT id FROM suppliers ORDER BY code LIMIT 1').get() as { id: string }).id });

  // The generated ledger receives more than it sells, so little is below its reorder point: the
  // buyer raises the levels of every fourth product above what it holds (the overrides path too).
  const everything = call<ReplenishmentSuggestions>('replenishment.suggestions', { warehouseId: ids.warehouseId, onlyNeeded: false }).rows;
  const raised = everything.filter((_, i) => i % 4 === 0).map((r) => ({ productId: r.productId, minQty: r.onHand + 10, maxQty: r.onHand + 10 + 4 * r.packFactor }));
  const setTime = timed(() => {
    for (let i = 0; i < raised.length; i += 5000) call('replenishment.setPolicies', { warehouseId: ids.warehouseId, policies: raised.slice(i, i + 5000) });
  });
  console.log(`replenishment.setPolicies: ${raised.length} overrides in ${setTime.toFixed(0)} ms`);
  report('28 days, needed only (overrides)', {});
  const needed = call<ReplenishmentSuggestions>('replenishment.suggestions', { warehouseId: ids.warehouseId }).rows.filter((r) => r.supplierId !== null);
  const lines = needed.map((r) => ({ productId: r.productId, supplierId: r.supplierId ?? '', packs: r.suggestedPacks }));
  let orders = 0;
  const create = timed(() => {
    orders = call<{ orders: unknown[] }>('replenishment.createOrders', { warehouseId: ids.warehouseId, lines }).orders.length;
  });
  console.log(`replenishment.createOrders: ${lines.length} lines into ${orders} draft orders in ${create.toFixed(0)} ms (${((create / Math.max(1, lines.length)) * 1000).toFixed(0)} µs a line)`);
  report('after ordering (on order counted)', {});

  const health = Array.from({ length: runs }, () => timed(() => call<StockHealth>('stock.health', { warehouseId: ids.warehouseId })));
  const h = call<StockHealth>('stock.health', { warehouseId: ids.warehouseId });
  console.log(
    `stock.health: p50 ${p50(health).toFixed(1)} ms (${(p50(health) / p50(raw)).toFixed(2)}× raw) — ${h.stockout.length} stockouts, ${h.overstock.length} overstock, ${h.slow.length} slow movers, ${h.nearExpiryTotal} near-expiry lots (a page of ${h.nearExpiry.length} sent)`,
  );
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  const perf = Array.from({ length: runs }, () => timed(() => call<SupplierPerformance>('purchasing.supplierPerformance', { dateFrom: yearAgo, dateTo: today })));
  console.log(`purchasing.supplierPerformance (a year): p50 ${p50(perf).toFixed(1)} ms`);
  app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
