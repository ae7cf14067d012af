/**
 * npm run bench:count-scan [-- --scans=400 --products=20000 --movements=40000 --trace=FILE.json --compare=DIR]
 *
 * Scan-to-line-shown latency of the counting screen, in real Chromium against the loopback host,
 * on a full count of a warehouse with about 20,000 lines. Figures, never pass/fail.
 *
 * How it measures, and why that is honest:
 * - The scanner is Playwright's keyboard: the barcode's digits, then Enter, into the focused scan
 *   field. The clock starts in the page, in a capturing keydown listener on Enter (before React
 *   sees the key); typing the digits is the scanner's time, not the app's.
 * - The clock stops in the page when the big panel shows a new result whose line total is the
 *   value this script expects (it keeps its own tally per line), seen by a MutationObserver:
 *   "DOM". Then it waits for the next frame to be painted (requestAnimationFrame, then a task
 *   after it): "painted" — what the clerk can see. The goal applies to "painted". A scan in the
 *   count's barcode map (counts.scanMap, loaded when the screen opens; scanning starts once it
 *   is) is shown before the ledger answers: "confirmed" is when the panel shows the ledger's own
 *   line (no data-pending), the whole round trip.
 * - Scans go one after another, each waiting for its own confirmed result; nothing is
 *   pipelined. Products are varied: most scans are the first of a product in the session (one
 *   counts.scan finds the barcode and counts it; a lot-tracked product whose lot the screen
 *   remembers was loaded when it opened and goes to counts.record), some repeat it (the barcode
 *   is known: counts.record only).
 * - The same calls are also timed in-process, without browser or HTTP, in the same run.
 * - Where the time goes: for each scan that made one API call, when the browser's network stack
 *   had the whole answer (Resource Timing's responseEnd, from the same Enter); and painted minus
 *   DOM, the wait for the next frame and its paint. Neither changes what is timed above.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { generateLargeLedger } from '../db/demo/generateLarge';
import { createHttpHost, type ApiTiming, type HttpHost } from '../src-main/http/createHttpHost';
import { openLedgerApp } from '../src-main/services/openLedgerApp';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const scansWanted = Math.max(300, Number(args.get('scans') ?? 400));
const productsWanted = Number(args.get('products') ?? 20_000);
const movementsWanted = Number(args.get('movements') ?? 40_000);
const warmup = 20;
/** A Chromium trace (chrome://tracing, Perfetto) of 40 scans per screen after the warm-up, for looking at where a scan's time goes. */
const traceFile = args.get('trace');
const traceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink', 'blink.user_timing', 'cc', 'viz', 'toplevel', 'loading', 'netlog', 'disabled-by-default-netlog', 'v8.execute', 'mojom'];
/** A second build of the renderer (say, main's, built with `vite build --outDir DIR`) measured in the same run, every other product. */
const compareDir = args.get('compare');
const staticDir = fileURLToPath(new URL('../dist-web', import.meta.url));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
const row = (label: string, s: Stats) => `  ${label.padEnd(50)} ${String(s.n).padStart(5)}  ${ms(s.p50)}  ${ms(s.p95)}  ${ms(s.p99)}  ${ms(s.max)}`;

/** CPU time (ms) used so far by this process's descendants (Chromium's processes), from /proc; NaN where there is none. */
function childrenCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        total += t;
        break;
      }
    }
  }
  return (total * 1000) / 100;
}

/** What the page harness answers for one scan (ms from Enter). */
interface PageResult {
  dom: number;
  painted: number;
  /** The ledger's line on screen (the same as dom when the scan was not shown ahead). */
  confirmed: number;
  /** Shown before the ledger answered (from the count's barcode map). */
  ahead: boolean;
  answered: number;
  calls: number;
  /** The scan's one API call as Resource Timing saw it; null when it made none or several. */
  phases: { fetchStart: number; requestStart: number; responseStart: number; responseEnd: number; newConnection: boolean } | null;
}

type Buckets = { first: number[]; repeat: number[]; all: number[] };

/** Everything measured on one screen; "split" only for scans that made exactly one API call. */
function newResults() {
  return {
    dom: { first: [], repeat: [], all: [] } as Buckets,
    painted: { first: [], repeat: [], all: [] } as Buckets,
    confirmed: [] as number[],
    ahead: 0,
    answered: [] as number[],
    toFrame: [] as number[],
    split: {
      beforeFetch: [] as number[],
      toRequest: [] as number[],
      toFirstByte: [] as number[],
      toLastByte: [] as number[],
      afterAnswer: [] as number[],
      hostAll: [] as number[],
      hostRead: [] as number[],
      ledger: [] as number[],
      ledgerCpu: [] as number[],
      hostSend: [] as number[],
      hostFlush: [] as number[],
      outsideHost: [] as number[],
      bytes: [] as number[],
    },
    newConnections: 0,
    crowded: 0,
    crowdedBy: new Map<string, number>(),
  };
}
type Results = ReturnType<typeof newResults>;

/** The count's barcode map as one screen loaded it: the page's Resource Timing and the host's. */
interface MapLoad {
  page: { requested: number; answered: number; ready: number; bytes: number } | null;
  bytes: number;
  ledgerMs: number;
  hostMs: number;
}

interface Screen {
  label: string;
  page: Page;
  timings: (ApiTiming & { cpu: number })[];
  results: Results;
  map: MapLoad | null;
}

function addResult(results: Results, first: boolean, r: PageResult, calls: readonly (ApiTiming & { cpu: number })[]): void {
  if (r.calls === 1) results.answered.push(r.answered);
  const call = calls.length === 1 ? calls[0] : undefined;
  if (calls.length !== 1) {
    // Another call shared the scan's time (the entries' poll, a product loaded ahead): named, since each one is a tail.
    results.crowded++;
    for (const c of calls) results.crowdedBy.set(c.method, (results.crowdedBy.get(c.method) ?? 0) + 1);
  }
  if (r.phases && call) {
    const ph = r.phases;
    const s = results.split;
    if (ph.newConnection) results.newConnections++;
    s.beforeFetch.push(ph.fetchStart);
    s.toRequest.push(ph.requestStart - ph.fetchStart);
    s.toFirstByte.push(ph.responseStart - ph.requestStart);
    s.toLastByte.push(ph.responseEnd - ph.responseStart);
    s.afterAnswer.push(r.confirmed - ph.responseEnd);
    s.hostAll.push(call.finished - call.arrived);
    s.hostRead.push(call.parsed - call.arrived);
    s.ledger.push(call.invoked - call.parsed);
    s.ledgerCpu.push(call.cpu);
    s.hostSend.push(call.written - call.invoked);
    s.hostFlush.push(call.finished - call.written);
    s.outsideHost.push(ph.responseEnd - ph.fetchStart - (call.finished - call.arrived));
    s.bytes.push(call.bytes);
  }
  results.toFrame.push(r.painted - r.dom);
  results.confirmed.push(r.confirmed);
  if (r.ahead) results.ahead++;
  for (const [bucket, value] of [
    [results.dom, r.dom],
    [results.painted, r.painted],
  ] as const) {
    bucket.all.push(value);
    (first ? bucket.first : bucket.repeat).push(value);
  }
}

function printResults(label: string | null, results: Results): void {
  const { split: s } = results;
  console.log(`\n  ${`scan → line total shown${label ? ` — ${label}` : ''}`.padEnd(50)} ${'n'.padStart(5)}  ${'p50'.padStart(9)}  ${'p95'.padStart(9)}  ${'p99'.padStart(9)}  ${'max'.padStart(9)}`);
  console.log(row('painted, all scans', stats(results.painted.all)));
  console.log(row('painted, first scan of a product', stats(results.painted.first)));
  console.log(row('painted, repeat scan', stats(results.painted.repeat)));
  console.log(row('in the DOM, all scans', stats(results.dom.all)));
  console.log(row("confirmed: the ledger's line in the DOM", stats(results.confirmed)));
  console.log(`  scans shown before the ledger answered (barcode map): ${results.ahead} of ${results.painted.all.length}`);
  console.log(row('  of it: API answer received (Resource Timing)', stats(results.answered)));
  console.log(row('painted minus DOM (the wait for the next frame)', stats(results.toFrame)));
  console.log(`  where one API call's time went (${s.ledger.length} scans with one call; ${results.newConnections} opened a connection)`);
  console.log(row('page: Enter → fetch() called', stats(s.beforeFetch)));
  console.log(row('browser: fetch() → request sent', stats(s.toRequest)));
  console.log(row('request sent → first byte of the answer', stats(s.toFirstByte)));
  console.log(row('first → last byte of the answer', stats(s.toLastByte)));
  console.log(row("page: answer received → ledger's line in the DOM", stats(s.afterAnswer)));
  console.log(row('host: request arrived → answer flushed', stats(s.hostAll)));
  console.log(row('  host: headers → body read, parsed, checked', stats(s.hostRead)));
  console.log(row('  ledger: api.invoke (session, zod, commit)', stats(s.ledger)));
  console.log(row('    of it the ledger thread on the CPU', stats(s.ledgerCpu)));
  console.log(row('  host: answer serialised, written', stats(s.hostSend)));
  console.log(row('  host: written → flushed to the socket', stats(s.hostFlush)));
  console.log(row('loopback + network service: fetch → last byte − host', stats(s.outsideHost)));
  const b = stats(s.bytes);
  console.log(`  answer size: p50 ${b.p50} bytes, max ${b.max} bytes`);
  const by = [...results.crowdedBy].map(([method, n]) => `${method} ×${n}`).join(', ');
  console.log(`  scans whose time held other than exactly one call: ${results.crowded}${by ? ` (calls in them: ${by})` : ''}`);
}

/**
 * Installed in the page before the app (as source: this file is type-checked for Node, without
 * DOM types): times one scan from Enter to the expected line total on screen, then to the frame.
 */
const pageHarness = `(() => {
  let armed = null;
  let observer = null;
  let pending = null;
  window.addEventListener('keydown', (event) => {
    if (armed && event.key === 'Enter' && event.target && event.target.dataset && event.target.dataset.testid === 'scan-input') armed.t0 = performance.mark('scan:enter').startTime;
  }, true);
  const seqNow = () => Number(document.querySelector('[data-testid="last-scan"]')?.dataset.seq ?? 0);
  const finish = (done) => {
    if (done.painted === undefined || done.confirmed === undefined || done.finished) return;
    done.finished = true;
    done.resolve({ dom: done.dom, painted: done.painted, confirmed: done.confirmed, ahead: done.ahead, ...done.network });
  };
  const check = () => {
    if (!armed || armed.t0 === 0) return;
    const done = armed;
    const total = document.querySelector('[data-testid="line-total"]');
    const panel = document.querySelector('[data-testid="last-scan"]');
    if (!total || seqNow() <= done.after || Number(total.dataset.qty) !== done.expected) return;
    if (done.dom === undefined) {
      done.dom = performance.mark('scan:dom').startTime - done.t0;
      done.ahead = panel?.dataset.pending === 'true';
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          done.painted = performance.mark('scan:painted').startTime - done.t0;
          finish(done);
        };
        channel.port2.postMessage(null);
      });
    }
    if (done.confirmed !== undefined || panel?.dataset.pending === 'true') return;
    done.confirmed = performance.mark('scan:confirmed').startTime - done.t0;
    armed = null;
    observer.disconnect();
    // The scan's API request as the browser's network stack saw it: its answer's last byte.
    const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.startTime >= done.t0);
    const answered = calls.length > 0 ? Math.max(...calls.map((e) => e.responseEnd)) - done.t0 : NaN;
    // The one call's phases, from the same Enter: fetch() called, request sent, first and last byte of the answer.
    const c = calls.length === 1 ? calls[0] : null;
    const phases = c ? { fetchStart: c.fetchStart - done.t0, requestStart: c.requestStart - done.t0, responseStart: c.responseStart - done.t0, responseEnd: c.responseEnd - done.t0, newConnection: c.connectEnd > c.connectStart } : null;
    done.network = { answered, calls: calls.length, phases };
    finish(done);
  };
  // When the count's barcode map is ready on the screen, and what its answer cost the page.
  let mapReadyAt = null;
  const watchMap = new MutationObserver(() => {
    if (mapReadyAt === null && document.querySelector('[data-scan-map="ready"]')) {
      mapReadyAt = performance.now();
      watchMap.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => watchMap.observe(document.body, { subtree: true, attributes: true, childList: true }));
  window.__scanMap = () => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/counts.scanMap'));
    return e && mapReadyAt !== null ? { requested: e.startTime, answered: e.responseEnd, ready: mapReadyAt, bytes: e.encodedBodySize } : null;
  };
  window.__scanBench = {
    arm(expected) {
      const after = seqNow();
      performance.clearResourceTimings();
      performance.clearMarks();
      pending = new Promise((resolve) => {
        armed = { expected, after, t0: 0, resolve };
        observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
    result: () => pending,
  };
})();`;

async function main() {
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error('dist-web is missing: run `npm run build:web` first (npm run bench:count-scan does).');
    process.exit(2);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-count-bench-'));
  // No daily backup: the copy would start a few seconds in, share the cores with the timed scans,
  // and fail when the bench removes its folder at the end.
  const app = openLedgerApp({ dataDir, host: 'http', autoBackup: false });
  const hosts: HttpHost[] = [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const invoke = <T>(method: string, input: unknown): T => {
      const r = app.api.invokeSync(method, input);
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    };
    invoke('setup.createBranch', { code: 'BIG1', name: '大数据测试店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
    const s = app.db.$client;
    const warehouseId = (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
    let t = performance.now();
    const made = generateLargeLedger(app.db, {
      products: productsWanted,
      movements: movementsWanted,
      seed: 7,
      now: Date.now(),
      warehouseId,
      branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
      userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
    });
    const generateSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const count = invoke<{ id: string; docNo: string; expectedLines: number }>('counts.start', { warehouseId, scope: 'full', blind: true });
    const startMs = performance.now() - t;

    // What will be scanned: products of the count, each scanned 1–3 times by unit or case barcode.
    // Lot-tracked products are counted in their first lot, remembered by the screen as after a first ask.
    const lines = s
      .prepare(
        `SELECT l.product_id, l.lot_id, l.lot_code, l.expiry_date, p.lot_tracked
           FROM stock_count_lines l JOIN products p ON p.id = l.product_id
          WHERE l.count_id = ? ORDER BY l.product_id, l.expiry_date, l.lot_code`,
      )
      .all(count.id) as { product_id: string; lot_id: string; lot_code: string; expiry_date: string | null; lot_tracked: number }[];
    const firstLine = new Map<string, (typeof lines)[number]>();
    for (const l of lines) if (!firstLine.has(l.product_id)) firstLine.set(l.product_id, l);
    const units = s.prepare('SELECT code, factor, barcode FROM product_units WHERE product_id = ? AND barcode IS NOT NULL ORDER BY factor');
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const productIds = [...firstLine.keys()];
    const scans: { barcode: string; factor: number; lineKey: string; first: boolean; product: number }[] = [];
    let productOrdinal = 0;
    const lotMemory: Record<string, { lotId: string; lotCode: string; expiryDate: string | null }> = {};
    while (scans.length < scansWanted) {
      const productId = productIds[Math.floor(random() * productIds.length)] ?? '';
      const line = firstLine.get(productId);
      const barcodes = units.all(productId) as { code: string; factor: number; barcode: string }[];
      if (!line || barcodes.length === 0 || lotMemory[productId] || scans.some((x) => x.lineKey.startsWith(productId))) continue;
      // A product that is not lot-tracked is counted without a lot (its '' line, found if the book has coded lots).
      const lineKey = `${productId}|${line.lot_tracked ? line.lot_id : ''}`;
      if (line.lot_tracked) lotMemory[productId] = { lotId: line.lot_id, lotCode: line.lot_code, expiryDate: line.expiry_date };
      const times = 1 + Math.floor(random() * 3);
      productOrdinal++;
      for (let i = 0; i < times && scans.length < scansWanted; i++) {
        const unit = barcodes[Math.floor(random() * barcodes.length)] ?? barcodes[0];
        if (unit) scans.push({ barcode: unit.barcode, factor: unit.factor, lineKey, first: i === 0, product: productOrdinal });
      }
    }

    // One tab per build under test; with --compare=DIR a second build (say, of main) takes every
    // other product, so both are measured in the same minutes on the same ledger.
    const screens: Screen[] = [];
    for (const [label, dir] of [['this build', staticDir], ...(compareDir ? [[`--compare=${compareDir}`, compareDir]] : [])] as const) {
      const timings: (ApiTiming & { cpu: number })[] = [];
      // The ledger's own CPU time for each call (it runs synchronously inside invoke): the rest of its wall time is the disk's (fsync) and the scheduler's.
      let ledgerCpu = NaN;
      const api = {
        invoke: async (method: string, input: unknown) => {
          const cpu0 = process.cpuUsage();
          const envelope = app.api.invoke(method, input);
          const cpu = process.cpuUsage(cpu0);
          ledgerCpu = (cpu.user + cpu.system) / 1000;
          return envelope;
        },
      };
      const screenHost = await createHttpHost({ api, staticDir: dir, port: 0, onApiTiming: (timing) => timings.push({ ...timing, cpu: ledgerCpu }) });
      hosts.push(screenHost);
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await context.addInitScript({
        content: `localStorage.setItem('branchLedger.counting.counter', ${JSON.stringify(JSON.stringify('BENCH'))});
          localStorage.setItem(${JSON.stringify(`branchLedger.counting.lots.${count.id}`)}, ${JSON.stringify(JSON.stringify(lotMemory))});`,
      });
      await context.addInitScript({ content: pageHarness });
      const page = await context.newPage();
      await page.goto(screenHost.url);
      await page.goto(`${screenHost.origin}/#/counts/${count.id}/count`);
      await page.getByTestId('scan-input').waitFor();
      await page.waitForFunction("document.activeElement?.getAttribute('data-testid') === 'scan-input'");
      // A build with the barcode map scans once it is loaded (a clerk walking to the first shelf gives it that time).
      await page.waitForFunction(`!document.querySelector('[data-scan-map]') || document.querySelector('[data-scan-map="ready"]') !== null`, undefined, { timeout: 60_000 });
      const inPage = await page.evaluate<MapLoad['page']>('window.__scanMap ? window.__scanMap() : null');
      const hostCall = timings.find((x) => x.method === 'counts.scanMap');
      const map: MapLoad | null = inPage && hostCall ? { page: inPage, bytes: hostCall.bytes, ledgerMs: hostCall.invoked - hostCall.parsed, hostMs: hostCall.finished - hostCall.arrived } : null;
      screens.push({ label, page, timings, results: newResults(), map });
    }

    const tally = new Map<string, number>();
    const uiStarted = performance.now();
    const nodeCpuStarted = process.cpuUsage();
    const chromiumCpuStarted = childrenCpuMs();
    for (const [i, scan] of scans.entries()) {
      const screen = screens[scan.product % screens.length] as Screen;
      const { page, timings } = screen;
      if (traceFile && i === warmup * 2) await browser.startTracing(screens[0]?.page, { path: traceFile, categories: traceCategories });
      if (traceFile && i === warmup * 2 + 40 * screens.length) await browser.stopTracing();
      const expected = (tally.get(scan.lineKey) ?? 0) + scan.factor;
      tally.set(scan.lineKey, expected);
      await page.bringToFront();
      await page.evaluate(`window.__scanBench.arm(${expected})`);
      timings.length = 0;
      await page.keyboard.type(scan.barcode);
      await page.keyboard.press('Enter');
      const result = page.evaluate<PageResult>('window.__scanBench.result()');
      const r = await Promise.race([result, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
      if (!r) throw new Error(`scan ${i + 1} (${scan.barcode}) never showed line total ${expected} (${screen.label})`);
      if (i >= warmup * screens.length) addResult(screen.results, scan.first, r, timings);
    }
    const uiSeconds = (performance.now() - uiStarted) / 1000;
    const nodeCpu = process.cpuUsage(nodeCpuStarted);
    const nodeCpuPerScan = (nodeCpu.user + nodeCpu.system) / 1000 / scans.length;
    const chromiumCpuPerScan = (childrenCpuMs() - chromiumCpuStarted) / scans.length;

    // The same calls without browser or HTTP: the floor the UI stands on.
    const apiLookup: number[] = [];
    const apiRecord: number[] = [];
    const apiScan: number[] = [];
    let k = 0;
    for (const productId of productIds) {
      if (k >= 300) break;
      if (lotMemory[productId] || scans.some((x) => x.lineKey.startsWith(productId))) continue;
      const unit = (units.all(productId) as { code: string; barcode: string }[])[0];
      const line = firstLine.get(productId);
      if (!unit || !line) continue;
      k++;
      let t0 = performance.now();
      invoke('products.lookupBarcode', { barcode: unit.barcode });
      apiLookup.push(performance.now() - t0);
      t0 = performance.now();
      invoke('counts.record', { countId: count.id, productId, unitCode: unit.code, qty: 1, counter: 'BENCH-API', ...(line.lot_tracked ? { lotId: line.lot_id } : {}) });
      apiRecord.push(performance.now() - t0);
      if (line.lot_tracked) continue;
      t0 = performance.now();
      invoke('counts.scan', { countId: count.id, barcode: unit.barcode, counter: 'BENCH-API' });
      apiScan.push(performance.now() - t0);
    }

    // The barcode map in-process: what one screen opening costs the ledger, and its size as sent.
    const mapMs: number[] = [];
    const mapCpuMs: number[] = [];
    let mapBytes = 0;
    let mapCounts = { products: 0, barcodes: 0, lines: 0 };
    for (let i = 0; i < 7; i++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const m = invoke<{ products: [string, string, string, string, number, [number, number, string | null][]][]; lines: unknown[] }>('counts.scanMap', { countId: count.id });
      mapMs.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      mapCpuMs.push((cpu.user + cpu.system) / 1000);
      mapBytes = Buffer.byteLength(JSON.stringify(m));
      mapCounts = { products: m.products.length, barcodes: m.products.reduce((n, p) => n + p[5].filter((u) => u[2] !== null).length, 0), lines: m.lines.length };
    }

    console.log(`Branch Ledger — counting screen scan latency — ${new Date().toISOString()} — Node ${process.version}, ${browser.version()}\n`);
    console.log(`Machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the end; Chromium, the host and the ledger share them`);
    console.log(`Ledger: ${made.products} products, ${made.movements} movements (generated in ${generateSeconds.toFixed(1)} s)`);
    console.log(`Count ${count.docNo}: full count of the main warehouse, blind, ${count.expectedLines} lines (counts.start took ${startMs.toFixed(0)} ms)`);
    console.log(`UI: Chromium headless 1366×768, ${scans.length} scans typed as keys + Enter (first ${warmup} per screen not timed), ${scans.filter((x) => x.first).length} products, ${uiSeconds.toFixed(1)} s`);
    console.log(`CPU per scan (typing included, whatever the load): Chromium ${chromiumCpuPerScan.toFixed(1)} ms; this process (host, ledger, Playwright) ${nodeCpuPerScan.toFixed(1)} ms`);
    for (const screen of screens) printResults(screens.length > 1 ? screen.label : null, screen.results);
    console.log(`\n  ${'the same calls in-process (no browser, no HTTP)'.padEnd(50)} ${'n'.padStart(5)}  ${'p50'.padStart(9)}  ${'p95'.padStart(9)}  ${'p99'.padStart(9)}  ${'max'.padStart(9)}`);
    console.log(row('API in-process: products.lookupBarcode', stats(apiLookup)));
    console.log(row('API in-process: counts.record', stats(apiRecord)));
    console.log(row('API in-process: counts.scan (not lot-tracked)', stats(apiScan)));
    console.log(row('API in-process: counts.scanMap (whole count)', stats(mapMs)));
    console.log(row('  of it on the CPU', stats(mapCpuMs)));
    console.log(`  counts.scanMap: ${mapCounts.products} products, ${mapCounts.barcodes} barcodes, ${mapCounts.lines} lines; ${(mapBytes / 1024).toFixed(0)} KiB of JSON`);
    for (const screen of screens) {
      const m = screen.map;
      if (!m) continue;
      const pageSide = m.page ? `; page: request → answer ${(m.page.answered - m.page.requested).toFixed(0)} ms, answer → map ready on screen ${(m.page.ready - m.page.answered).toFixed(0)} ms` : '';
      console.log(`  screen opening (${screen.label}): counts.scanMap ${(m.bytes / 1024).toFixed(0)} KiB, host ${m.hostMs.toFixed(0)} ms (of it the ledger ${m.ledgerMs.toFixed(0)} ms)${pageSide}`);
    }
    for (const screen of screens) {
      const p = stats(screen.results.painted.all);
      console.log(`\n  goal${screens.length > 1 ? ` (${screen.label})` : ''}: p95 painted < 30 ms — ${p.p95 < 30 ? 'met' : 'NOT met'} (p95 ${p.p95.toFixed(1)} ms)`);
    }
  } finally {
    await browser.close();
    for (const h of hosts) await h.close();
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
