/**
 * npm run bench:sales — the sales desk on a busy branch's ledger: posting a 20-line delivery into
 * a ledger of 1,000,000 movements (issue 5's goal: p99 under 10 ms), and what order entry calls
 * with 20,000 products and 2,000 customers. Figures, never pass/fail; a raw SQLite baseline of
 * 20-row transactions is measured in the same run on the same file. `-- --checkpoint=inline` lets
 * SQLite checkpoint the WAL inside commits (its default) instead of on db/walCheckpointer.ts's thread;
 * `-- --pace=200` sets the gap between the paced deliveries (ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openLargeBranch, postingMeter, type PostingCost } from './largeBranch';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const movementsWanted = Number(args.get('movements') ?? 1_000_000);
const productsWanted = Number(args.get('products') ?? 20_000);
const customersWanted = Number(args.get('customers') ?? 2000);
const deliveries = Number(args.get('deliveries') ?? 300);
// --checkpoint=inline: SQLite checkpoints inside commits (its default) instead of on the checkpoint thread.
const inlineCheckpoint = args.get('checkpoint') === 'inline';
const paceMs = Number(args.get('pace') ?? 200);

function percentiles(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) };
}

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-sales-'));
try {
  const { app, call, timed, ids, made } = openLargeBranch(dir, 'sales', { products: productsWanted, movements: movementsWanted, inlineCheckpoint });
  const s = app.db.$client;

  // Head office's terms: a standard price per base unit for every product, and the customers.
  const hlc = `${String(Date.now()).padStart(15, '0')}-00000-bench`;
  const list = randomUUID();
  s.transaction(() => {
    s.prepare("INSERT INTO price_lists (id, code, name_zh, name_en, active, hlc) VALUES (?, 'STD', '标准价', 'Standard', 1, ?)").run(list, hlc);
    const price = s.prepare('INSERT INTO price_list_items (id, price_list_id, product_id, unit_code, price_fen, hlc) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of s.prepare('SELECT id, base_unit_code FROM products').all() as { id: string; base_unit_code: string }[]) price.run(randomUUID(), list, p.id, p.base_unit_code, 500, hlc);
    const customer = s.prepare(
      `INSERT INTO customers (id, code, name, channel, customer_class, region, credit_limit_fen, payment_terms_days, min_shelf_life_permille, active, hlc)
       VALUES (?, ?, ?, ?, 'ordinary', '天河区', 100000000000, 30, 0, 1, ?)`,
    );
    const channels = ['supermarket', 'convenience', 'restaurant', 'wholesaler'];
    for (let i = 0; i < customersWanted; i++) customer.run(randomUUID(), `C${String(i + 1).padStart(5, '0')}`, `客户${i + 1}号便利店`, channels[i % 4], hlc);
  })();
  const customers = (s.prepare('SELECT id FROM customers ORDER BY code').all() as { id: string }[]).map((c) => c.id);
  // Products with stock to sell: 20 distinct per order, each line a few base units.
  const stocked = s
    .prepare(
      `SELECT b.product_id AS productId, p.base_unit_code AS unitCode FROM stock_balances b JOIN products p ON p.id = b.product_id
        WHERE b.warehouse_id = ? GROUP BY b.product_id HAVING SUM(b.qty) >= 40 ORDER BY b.product_id`,
    )
    .all(ids.warehouseId) as { productId: string; unitCode: string }[];
  const linesFor = (i: number) => Array.from({ length: 20 }, (_, k) => stocked[(i * 20 + k) % stocked.length]).map((p) => ({ productId: p?.productId ?? '', unitCode: p?.unitCode ?? '', qty: 2 }));

  // Order entry's calls.
  const terms: number[] = [];
  const preview: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < 300; i++) {
    const p = stocked[(i * 37) % stocked.length];
    terms.push(timed(() => call('sales.productTerms', { customerId: customers[i % customers.length], productId: p?.productId, warehouseId: ids.warehouseId })));
    preview.push(timed(() => call('sales.preview', { customerId: customers[i % customers.length], warehouseId: ids.warehouseId, lines: linesFor(i) })));
    search.push(timed(() => call('customers.list', { q: ['便利店', 'C01', '客户12', '天河'][i % 4], limit: 50 })));
  }

  // Orders ready to deliver, then the deliveries timed one by one.
  const create: number[] = [];
  const allocate: number[] = [];
  const orderIds: string[] = [];
  for (let i = 0; i < deliveries; i++) {
    let id = '';
    create.push(timed(() => (id = call<{ id: string }>('sales.create', { customerId: customers[i % customers.length], warehouseId: ids.warehouseId, lines: linesFor(i), confirm: true }).id)));
    allocate.push(timed(() => call('sales.allocate', { id })));
    orderIds.push(id);
  }
  // Each delivery's CPU time, WAL pages and GC pauses beside its wall time.
  const meter = postingMeter(app.dbPath);
  const deliverCosts = orderIds.map((id) => meter.measure(() => call('sales.deliver', { id })));
  const deliver = deliverCosts.map((c) => c.ms);
  // The same again at a pace: one delivery every `paceMs` (5 a second by default, far above a
  // branch's busiest hour), so the WAL checkpoint thread finds the quiet it waits for between
  // them, as it does at a real desk; back to back it has to flush in the middle of the burst.
  const pacedIds: string[] = [];
  for (let i = 0; i < deliveries; i++) {
    const id = call<{ id: string }>('sales.create', { customerId: customers[(i + 7) % customers.length], warehouseId: ids.warehouseId, lines: linesFor(i + deliveries), confirm: true }).id;
    call('sales.allocate', { id });
    pacedIds.push(id);
  }
  // The pause is spent in the event loop, as the app's main thread waits between commands: the
  // checkpoint thread's messages are handled there (it asks the writer to start the WAL over).
  const pacedCosts: PostingCost[] = [];
  for (const id of pacedIds) {
    await new Promise((resolve) => setTimeout(resolve, paceMs));
    pacedCosts.push(meter.measure(() => call('sales.deliver', { id })));
  }
  meter.stop();
  const paced = pacedCosts.map((c) => c.ms);
  const invoice = orderIds.map((id) => timed(() => call('sales.invoice', { id })));
  const detail = orderIds.map((id) => timed(() => call('sales.get', { id })));

  // Raw baseline on the same file: 20 plain rows per transaction, synchronous=FULL.
  s.exec('CREATE TABLE bench_raw (id TEXT PRIMARY KEY, a INTEGER, b TEXT)');
  const raw = s.prepare('INSERT INTO bench_raw (id, a, b) VALUES (?, ?, ?)');
  const rawTx = s.transaction((n: number) => {
    for (let k = 0; k < 20; k++) raw.run(randomUUID(), n, 'x');
  });
  const rawTimes = Array.from({ length: 500 }, (_, n) => timed(() => rawTx(n)));
  app.close();

  const f = (x: { p50: number; p99: number }) => `p50 ${x.p50.toFixed(2)} ms  p99 ${x.p99.toFixed(2)} ms`;
  const d = percentiles(deliver);
  const r = percentiles(rawTimes);
  console.log(`\nOrder entry (${customersWanted} customers, ${made.products} products)`);
  console.log(`  sales.productTerms (prices, last price, promotions, availability)  ${f(percentiles(terms))}`);
  console.log(`  sales.preview of a 20-line order                                  ${f(percentiles(preview))}`);
  console.log(`  customers.list search (page of 50)                                ${f(percentiles(search))}`);
  console.log(`\nPosting, ${deliveries} orders of 20 lines into ${made.movements} movements (WAL checkpoint ${inlineCheckpoint ? 'inside commits' : 'on its own thread'})`);
  console.log(`  sales.create + confirm                       ${f(percentiles(create))}`);
  console.log(`  sales.allocate (FEFO, 20 lines)              ${f(percentiles(allocate))}`);
  console.log(`  sales.deliver (20-line stock issue)          ${f(d)}   (goal p99 < 10 ms; back to back)`);
  console.log(`  sales.deliver, one every ${paceMs} ms            ${f(percentiles(paced))}   (goal p99 < 10 ms)`);
  for (const [name, costs] of [['back to back', deliverCosts], [`one every ${paceMs} ms`, pacedCosts]] as const) {
    const cpu = percentiles(costs.map((c) => c.cpuMs));
    const slowest = [...costs].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(costs.length / 100)));
    const withGc = costs.filter((c) => c.gcMs > 0);
    console.log(
      `    ${name}: CPU (all threads) p50 ${cpu.p50.toFixed(2)} ms  p99 ${cpu.p99.toFixed(2)} ms; WAL pages per delivery ${(costs.reduce((n, c) => n + c.walPages, 0) / costs.length).toFixed(1)}; ` +
        `WAL started over by ${costs.filter((c) => c.walRestarted).length}; GC paused ${withGc.length} (${withGc.reduce((n, c) => n + c.gcMs, 0).toFixed(1)} ms)`,
    );
    console.log(`      slowest 1%: ${slowest.map((c) => `${c.ms.toFixed(1)} ms (CPU ${c.cpuMs.toFixed(1)}, GC ${c.gcMs.toFixed(1)}${c.walRestarted ? ', WAL started over' : ''})`).join('; ')}`);
  }
  console.log(`  sales.invoice                                ${f(percentiles(invoice))}`);
  console.log(`  sales.get (the detail every command answers) ${f(percentiles(detail))}`);
  console.log(`  raw SQLite baseline, 20 rows per transaction ${f(r)}`);
  console.log(`  ratio delivery p50 / raw p50                 ${(d.p50 / r.p50).toFixed(1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
