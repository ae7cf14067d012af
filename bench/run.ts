/**
 * npm run bench — figures, never pass/fail. Each figure is measured in this run next to a raw
 * SQLite baseline on the same machine, so ratios survive a slower or faster PC.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateLargeLedger } from '../db/demo/generateLarge';
import { openLedgerApp, type LedgerApp } from '../src-main/services/openLedgerApp';
import { postingMeter } from './largeBranch';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const movementsWanted = Number(args.get('movements') ?? 1_000_000);
const productsWanted = Number(args.get('products') ?? 20_000);
const receipts = Number(args.get('receipts') ?? 1500);
const countLinesWanted = Number(args.get('count-lines') ?? 20_000);
/** `--only=count` runs the stock count section alone. */
const only = args.get('only');

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  dirs.push(d);
  return d;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timeMany(n: number, fn: (i: number) => void): { p50: number; p99: number; mean: number } {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / n };
}

function rawBaseline(transactions: number): number {
  const sqlite = new Database(join(tempDir(), 'raw.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, product TEXT NOT NULL, qty INTEGER NOT NULL, value INTEGER NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO t (product, qty, value) VALUES (?, ?, ?)');
  const tx = sqlite.transaction((k: number) => {
    for (let i = 0; i < 20; i++) insert.run(`p${(k * 20 + i) % 5000}`, i + 1, (i + 1) * 100);
  });
  const t0 = performance.now();
  for (let k = 0; k < transactions; k++) tx(k);
  const seconds = (performance.now() - t0) / 1000;
  sqlite.close();
  return transactions / seconds;
}

function setUp(app: LedgerApp): { warehouseId: string; branchId: string; userId: string } {
  const r = app.api.invokeSync('setup.createBranch', { code: 'BJ01', name: 'Bench', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const s = app.db.$client;
  return {
    warehouseId: (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id,
    branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
    userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
  };
}

/**
 * The rows a 20-line receipt must write — document, lines, movements, balances, cost layers,
 * with their indexes — as bare prepared statements: what posting would cost with no API, no
 * validation, no audit or outbox. The gap between this and the API is our own overhead; the
 * gap between this and the raw baseline is the data model's.
 */
function postingFloor(count: number): number {
  const app = openLedgerApp({ dataDir: tempDir(), host: 'node' });
  const ids = setUp(app);
  generateLargeLedger(app.db, { products: 2000, movements: 0, seed: 1, now: Date.now(), ...ids });
  const s = app.db.$client;
  const products = (s.prepare('SELECT id FROM products ORDER BY sku').all() as { id: string }[]).map((p) => p.id);
  let n = 0;
  const id = () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
  const findProduct = s.prepare('SELECT p.id, u.factor FROM products p LEFT JOIN product_units u ON u.product_id = p.id AND u.factor = 1 WHERE p.id = ?');
  const findLot = s.prepare('SELECT id FROM lots WHERE product_id = ? AND lot_code = ?');
  const insertLot = s.prepare("INSERT INTO lots (id, product_id, lot_code, expiry_date, first_received_at, hlc) VALUES (?, ?, ?, '2027-12-31', 0, 'h')");
  const insertDoc = s.prepare(
    `INSERT INTO stock_documents (id, branch_id, doc_type, doc_no, status, business_date, warehouse_id, total_qty, total_value_fen, created_by, created_at, hlc)
     VALUES (?, ?, 'receipt', ?, 'posted', '2026-11-22', ?, 240, 24000, ?, 0, 'h')`,
  );
  const insertLine = s.prepare(
    "INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit_code, unit_qty, qty, lot_id, unit_cost_fen, value_fen) VALUES (?, ?, ?, ?, 'EA', 12, 12, ?, 100, 1200)",
  );
  const insertMovement = s.prepare(
    `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, 12, 1200, 'receipt', ?, ?, '2026-11-22', 0, 'h')`,
  );
  const upsertBalance = s.prepare(
    `INSERT INTO stock_balances (warehouse_id, product_id, lot_id, qty, updated_at) VALUES (?, ?, ?, 12, 0)
     ON CONFLICT (warehouse_id, product_id, lot_id) DO UPDATE SET qty = qty + excluded.qty`,
  );
  const insertLayer = s.prepare(
    'INSERT INTO cost_layers (id, warehouse_id, product_id, lot_id, source_movement_id, received_at, qty_in, value_in_fen, qty_remaining, value_remaining_fen) VALUES (?, ?, ?, ?, ?, 0, 12, 1200, 12, 1200)',
  );
  const receipt = s.transaction((k: number) => {
    const doc = id();
    s.pragma('defer_foreign_keys = ON');
    for (let i = 0; i < 20; i++) {
      const product = products[(k * 20 + i) % products.length] ?? '';
      findProduct.get(product);
      const lotCode = `B${k % 50}`;
      let lot = (findLot.get(product, lotCode) as { id: string } | undefined)?.id;
      if (!lot) {
        lot = id();
        insertLot.run(lot, product, lotCode);
      }
      const line = id();
      const movement = id();
      insertLine.run(line, doc, i + 1, product, lot);
      insertMovement.run(movement, ids.branchId, ids.warehouseId, product, lot, doc, line);
      upsertBalance.run(ids.warehouseId, product, lot);
      insertLayer.run(id(), ids.warehouseId, product, lot, movement);
    }
    insertDoc.run(doc, ids.branchId, `F-${k}`, ids.warehouseId, ids.userId);
  });
  for (let k = 0; k < 20; k++) receipt(k);
  const t0 = performance.now();
  for (let k = 20; k < count + 20; k++) receipt(k);
  const seconds = (performance.now() - t0) / 1000;
  app.close();
  return count / seconds;
}

function apiReceipts(count: number): number {
  const app = openLedgerApp({ dataDir: tempDir(), host: 'node' });
  const ids = setUp(app);
  generateLargeLedger(app.db, { products: 2000, movements: 0, seed: 1, now: Date.now(), ...ids });
  const products = app.db.$client
    .prepare("SELECT p.id, u.code FROM products p JOIN product_units u ON u.product_id = p.id AND u.factor = 1 ORDER BY p.sku LIMIT 2000")
    .all() as { id: string; code: string }[];
  const input = (k: number) => ({
    warehouseId: ids.warehouseId,
    lines: Array.from({ length: 20 }, (_, i) => {
      const p = products[(k * 20 + i) % products.length];
      return { productId: p?.id ?? '', unitCode: p?.code ?? '', qty: 12, unitCostFen: 1234, lotCode: `B${k % 50}`, expiryDate: '2027-12-31' };
    }),
  });
  // Warm-up so statement preparation is not counted.
  for (let k = 0; k < 20; k++) {
    const r = app.api.invokeSync('stock.receive', input(k));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const t0 = performance.now();
  for (let k = 0; k < count; k++) {
    const r = app.api.invokeSync('stock.receive', input(k));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const seconds = (performance.now() - t0) / 1000;
  app.close();
  return count / seconds;
}

function largeLedger() {
  const app = openLedgerApp({ dataDir: tempDir(), host: 'node' });
  const ids = setUp(app);
  const t0 = performance.now();
  const made = generateLargeLedger(app.db, { products: productsWanted, movements: movementsWanted, seed: 7, now: Date.now(), ...ids });
  const generateSeconds = (performance.now() - t0) / 1000;
  const productIds = (app.db.$client.prepare('SELECT product_id FROM stock_balances GROUP BY product_id').all() as { product_id: string }[]).map((r) => r.product_id);
  const call = (method: string, input: unknown) => {
    const r = app.api.invokeSync(method, input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  call('stock.onHand', { productId: productIds[0] });
  const oneProduct = timeMany(2000, (i) => call('stock.onHand', { productId: productIds[i % productIds.length] }));
  const wholeWarehouse = timeMany(10, () => call('stock.onHand', { warehouseId: ids.warehouseId, groupBy: 'product', limit: 200 }));
  const wholeWarehouseByLot = timeMany(10, () => call('stock.onHand', { warehouseId: ids.warehouseId, groupBy: 'lot', limit: 200 }));
  const search = timeMany(200, (i) => call('products.list', { q: ['农夫', 'nfsq', 'Cola', '牛奶', 'SKU-01'][i % 5] ?? '', limit: 200 }));
  const history = timeMany(500, (i) => call('stock.movements', { productId: productIds[i % productIds.length], limit: 100 }));
  app.close();
  return { made, generateSeconds, oneProduct, wholeWarehouse, wholeWarehouseByLot, search, history };
}

/**
 * A count of `countLinesWanted` lots (whole products, chosen in order), every line off by one (the worst
 * case: every line posts), counted entry by entry through the API, then reviewed and posted.
 */
function countPosting() {
  const app = openLedgerApp({ dataDir: tempDir(), host: 'node' });
  const ids = setUp(app);
  // Enough receipts for more lots than the count needs; the count takes whole products until it has its lines.
  generateLargeLedger(app.db, { products: countLinesWanted, movements: countLinesWanted * 2, seed: 11, now: Date.now(), ...ids });
  const call = <T>(method: string, input: unknown): T => {
    const r = app.api.invokeSync(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const timed = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now();
    const value = fn();
    return [value, performance.now() - t0];
  };
  const perProduct = app.db.$client
    .prepare('SELECT product_id, COUNT(*) AS lots FROM stock_balances WHERE warehouse_id = ? AND qty <> 0 GROUP BY product_id ORDER BY product_id')
    .all(ids.warehouseId) as { product_id: string; lots: number }[];
  const productIds: string[] = [];
  let planned = 0;
  for (const p of perProduct) {
    if (planned >= countLinesWanted) break;
    productIds.push(p.product_id);
    planned += p.lots;
  }
  const [count, startMs] = timed(() => call<{ id: string; expectedLines: number }>('counts.start', { warehouseId: ids.warehouseId, scope: 'partial', productIds, blind: false }));
  const lines = app.db.$client
    .prepare('SELECT l.product_id, l.lot_id, l.book_qty, p.base_unit_code FROM stock_count_lines l JOIN products p ON p.id = l.product_id WHERE count_id = ?')
    .all(count.id) as { product_id: string; lot_id: string; book_qty: number; base_unit_code: string }[];
  const record = timeMany(lines.length, (i) => {
    const l = lines[i];
    if (!l) return;
    call('counts.record', { countId: count.id, productId: l.product_id, lotId: l.lot_id, unitCode: l.base_unit_code, qty: Math.max(1, l.book_qty - 1), counter: 'bench' });
  });
  call('counts.submit', { id: count.id });
  const [, reviewPageMs] = timed(() => call('counts.lines', { id: count.id, filter: 'attention', sort: 'variance', limit: 100 }));
  const [, reasonMs] = timed(() => call('counts.setReason', { id: count.id, reasonCode: 'data_error' }));
  const [, approveMs] = timed(() => call('counts.approve', { id: count.id }));
  // A manager reads the review before posting: a second here, in which the WAL the approval wrote
  // is checkpointed on its thread as it would be, instead of competing with the posting's commit.
  const settleUntil = Date.now() + 1000;
  while (Date.now() < settleUntil) {
    // waiting, as the manager does
  }
  // CPU time and WAL pages beside the wall time: on a machine shared with other work the wall time says little.
  const meter = postingMeter(app.dbPath);
  let posted: { adjustment: { id: string } | null } = { adjustment: null };
  const post = meter.measure(() => (posted = call<{ adjustment: { id: string } | null }>('counts.post', { id: count.id, uncounted: 'zero' })));
  meter.stop();
  const { ms: postMs, cpuMs: postCpuMs, walPages: postWalPages, gcMs: postGcMs } = post;
  const pageSize = Number(app.db.$client.pragma('page_size', { simple: true }));
  const adjustmentLines = (app.db.$client.prepare('SELECT COUNT(*) AS n FROM stock_document_lines WHERE document_id = ?').get(posted.adjustment?.id) as { n: number }).n;
  // Raw baseline on the same file, right after: as many plain rows as the adjustment has lines, in one
  // transaction (synchronous=FULL), so a posting time taken on a busy machine can be read as a ratio.
  const s = app.db.$client;
  s.exec('CREATE TABLE bench_raw (id TEXT PRIMARY KEY, product TEXT NOT NULL, lot TEXT NOT NULL, qty INTEGER NOT NULL, value INTEGER NOT NULL)');
  const raw = s.prepare('INSERT INTO bench_raw (id, product, lot, qty, value) VALUES (?, ?, ?, ?, ?)');
  const [, rawMs] = timed(() =>
    s.transaction(() => {
      for (let i = 0; i < adjustmentLines; i++) raw.run(`raw-${String(i).padStart(8, '0')}`, lines[i % lines.length]?.product_id ?? '', lines[i % lines.length]?.lot_id ?? '', -1, -100);
    })(),
  );
  app.close();
  return { lines: count.expectedLines, adjustmentLines, startMs, record, reviewPageMs, reasonMs, approveMs, postMs, postCpuMs, postWalPages, pageSize, postGcMs, rawMs };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
try {
  console.log(`Branch Ledger benchmark — ${new Date().toISOString()} — Node ${process.version}\n`);
  if (only !== 'count') runAll();
  printCount(countPosting());
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

function runAll() {
  const raw = rawBaseline(3000);
  const floor = postingFloor(receipts);
  const api = apiReceipts(receipts);
  console.log('Posting (WAL, synchronous=FULL, 20 rows / lines per transaction)');
  console.log(`  raw SQLite baseline (20 plain rows)           ${raw.toFixed(0)} tx/s`);
  console.log(`  a receipt's rows as bare statements           ${floor.toFixed(0)} receipts/s`);
  console.log(`  stock.receive via the API                     ${api.toFixed(0)} receipts/s (20 lines each)`);
  console.log(`  ratio API / raw baseline                      ${(api / raw).toFixed(2)}   (goal ≥ 0.5)`);
  console.log(`  ratio API / bare statements of the same rows  ${(api / floor).toFixed(2)}\n`);
  const large = largeLedger();
  console.log(`Large ledger: ${large.made.products} products, ${large.made.movements} movements, ${large.made.documents} documents (generated in ${large.generateSeconds.toFixed(1)} s)`);
  console.log(`  stock.onHand one product           p50 ${ms(large.oneProduct.p50)}  p99 ${ms(large.oneProduct.p99)}   (goal < 1 ms)`);
  console.log(`  stock.onHand whole warehouse (by product, page of 200 + totals)  p50 ${ms(large.wholeWarehouse.p50)}  p99 ${ms(large.wholeWarehouse.p99)}`);
  console.log(`  stock.onHand whole warehouse (by lot, page of 200 + totals)      p50 ${ms(large.wholeWarehouseByLot.p50)}  p99 ${ms(large.wholeWarehouseByLot.p99)}`);
  console.log(`  products.list search (page of 200)  p50 ${ms(large.search.p50)}  p99 ${ms(large.search.p99)}`);
  console.log(`  stock.movements one product (100)   p50 ${ms(large.history.p50)}  p99 ${ms(large.history.p99)}\n`);
}

function printCount(count: ReturnType<typeof countPosting>) {
  console.log(`Stock count: ${count.lines} lines, every line with a variance`);
  console.log(`  counts.start (snapshot of book quantities)    ${ms(count.startMs)}`);
  console.log(`  counts.record one entry                       p50 ${ms(count.record.p50)}  p99 ${ms(count.record.p99)}  (${(1000 / count.record.mean).toFixed(0)} entries/s)`);
  console.log(`  counts.lines review page (all lines judged)   ${ms(count.reviewPageMs)}`);
  console.log(`  counts.setReason all / counts.approve all     ${ms(count.reasonMs)} / ${ms(count.approveMs)}`);
  console.log(`  counts.post (${count.adjustmentLines} adjustment lines, one transaction, 1 s after the approval)  ${ms(count.postMs)}   (goal < 1000 ms)`);
  console.log(`    CPU time of this process meanwhile (all threads)   ${ms(count.postCpuMs)}`);
  console.log(`    WAL pages its commit wrote ${count.postWalPages} (${((count.postWalPages * count.pageSize) / 1e6).toFixed(1)} MB); GC pauses ${ms(count.postGcMs)}`);
  console.log(`  raw SQLite baseline, ${count.adjustmentLines} plain rows in one transaction  ${ms(count.rawMs)}   (ratio post / raw ${(count.postMs / count.rawMs).toFixed(1)})`);
}
