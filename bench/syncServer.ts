/**
 * npm run bench:sync — issue 3 item 9: 100,000 ops pushed by one branch PC and pulled by another
 * PC of the same branch, through the real head-office server on loopback, with PostgreSQL.
 * Figures, never pass/fail; the goal is printed next to them.
 *
 *   DATABASE_URL=postgres://…   use that PostgreSQL (its tables are emptied first: a bench database!)
 *   (default)                   postgres://ledger:ledger@127.0.0.1:5432/ledger_bench, created or
 *                               recreated through the `ledger` role; PGlite if no PostgreSQL answers
 *   --ops=100000                outbox ops PC A holds (set-up + catalogue import + one-line receipts)
 *   --products=2000             catalogue size (db/demo/generateLarge.ts, products only)
 *   --cpu-prof=DIR              write a V8 CPU profile of the server child into DIR
 *   --trace-sql                 print the server's time per SQL statement (PostgreSQL only)
 *   --no-concurrent             only the sequential legs (no second push with a PC pulling during it)
 *   BENCH_SEMI_SPACE=default    run the server child with Node's default young generation instead of
 *                               the 32 MB semi-spaces `npm run server` gives it (for an A/B)
 *
 * The server runs in a child process so its peak memory (VmHWM) is its own. The PCs are real
 * branch ledgers (openLedgerApp on SQLite files, background sync off) driven by their real sync
 * client. Making A's ops is not timed; the push leg (A pushes everything), the pull leg (B pulls
 * and applies everything) and their sum are.
 *
 * A second measure follows, as a branch really syncs: the same ops (a copy of PC A's ledger,
 * taken before it enrolled) are pushed again to an emptied head office while a third PC, in a
 * process of its own as on its own machine, joins the branch as the push starts and then syncs
 * on its real background scheduler (src-main/sync/syncScheduler.ts), pulling while the push goes
 * on. It prints the time from the first push to the last document applied on that PC. The
 * sequential legs above stay the figures of record for each leg.
 *
 * Each leg also prints the CPU time it cost each side — the PCs (this process), the server child
 * and the PostgreSQL backends of the bench's database (from /proc) — and the machine's load
 * average: on a shared machine the times move with the load, the CPU seconds much less, and they
 * tell which side bounds a leg.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateLargeLedger } from '../db/demo/generateLarge';
import { openLedgerApp, type LedgerApp } from '../src-main/services/openLedgerApp';
import { writeOutbox } from '../src-main/services/journal';
import type { ServiceContext } from '../src-main/services/types';

const GOAL_SECONDS = 20;
const DEFAULT_URL = 'postgres://ledger:ledger@127.0.0.1:5432/ledger_bench';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

interface ChildReady {
  type: 'ready';
  port: number;
  db: string;
}
interface ChildUsage {
  type: 'usage';
  maxRssKb: number;
  /** CPU time of the server child so far (user + system), ms. */
  cpuMs: number;
}

// ── The server child ──────────────────────────────────────────────────────────────────────

async function runServerChild(): Promise<void> {
  const { createServer } = await import('../src-server/createServer');
  const { openServerDb } = await import('../src-server/openServerDb');
  const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL || undefined;
  const sqlTimes = new Map<string, { n: number; ms: number }>();
  if (process.env.BENCH_TRACE_SQL) {
    // --trace-sql: time every statement node-postgres sends, grouped by its opening words.
    const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
      const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string } | undefined)?.text ?? '?');
      const key = text.replace(/\s+/g, ' ').slice(0, 90);
      const t = performance.now();
      const result = original.apply(this, a);
      if (result instanceof Promise) {
        void result.finally(() => {
          const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
          sqlTimes.set(key, { n: e.n + 1, ms: e.ms + performance.now() - t });
        }).catch(() => undefined);
      }
      return result;
    } as typeof pg.Client.prototype.query;
  }
  const opened = await openServerDb(databaseUrl ? { databaseUrl } : {});
  const app = createServer({ db: opened, clock: Date.now, adminToken: ADMIN_TOKEN, rateLimit: { max: 1_000_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.on('message', (message: { type?: string; final?: boolean }) => {
    if (message.type === 'usage') {
      if (message.final && sqlTimes.size > 0) {
        console.log('SQL time by statement (ms, count):');
        for (const [k, v] of [...sqlTimes].sort((x, y) => y[1].ms - x[1].ms).slice(0, 25)) console.log(`  ${v.ms.toFixed(0).padStart(7)} ${String(v.n).padStart(6)}  ${k}`);
      }
      const cpu = process.cpuUsage();
      process.send?.({ type: 'usage', maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ChildUsage);
    }
    if (message.type === 'stop') {
      void app
        .close()
        .then(() => opened.close())
        .then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', port: address.port, db: opened.kind } satisfies ChildReady);
}

// ── The receiving PC of the concurrent measure ────────────────────────────────────────────

interface JoinMessage {
  type: 'join';
  serverUrl: string;
  code: string;
  /** Documents PC A holds: the PC has caught up when it holds as many. */
  documents: number;
}
interface CaughtUp {
  type: 'caught-up';
  /** Date.now() when the last document was seen applied. */
  at: number;
  /** CPU time of this process from the join to then (user + system), ms. */
  cpuMs: number;
  documents: number;
}

/**
 * A PC of the branch on a machine of its own: a fresh ledger with background sync on, as the
 * app opens it. Told to join, it enrols as `sync.enrol` does (enrol, then wake the scheduler),
 * and from then on only its scheduler syncs it. It reports when it holds all the documents.
 */
async function runReceiverChild(): Promise<void> {
  const dataDir = process.env.BENCH_RECEIVER_DIR ?? '';
  const app = openLedgerApp({ dataDir, host: 'node', autoSync: true });
  process.on('message', (message: JoinMessage | { type: 'stop' }) => {
    if (message.type === 'stop') {
      app.close();
      process.exit(0);
    }
    if (message.type !== 'join') return;
    const cpu0 = process.cpuUsage();
    void (async () => {
      await app.sync.client.enrol({ serverUrl: message.serverUrl, code: message.code, deviceName: 'PC C' });
      app.sync.scheduler.wake();
      const count = app.db.$client.prepare('SELECT COUNT(*) AS n FROM stock_documents');
      const cursor = app.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'pullCursor'");
      let seen: unknown = null;
      // A look every 50 ms, counting only after a page was applied (a count of 100,000 rows 20
      // times a second would cost this PC more than the looking is worth); the applying itself
      // runs in the scheduler's runs between the looks.
      const timer = setInterval(() => {
        const at = (cursor.get() as { value: string } | undefined)?.value ?? null;
        if (at === seen) return;
        seen = at;
        const n = (count.get() as { n: number }).n;
        if (n < message.documents) return;
        clearInterval(timer);
        const cpu = process.cpuUsage(cpu0);
        process.send?.({ type: 'caught-up', at: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000, documents: n } satisfies CaughtUp);
      }, 50);
    })().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  });
  process.send?.({ type: 'ready' });
}

// ── The bench ─────────────────────────────────────────────────────────────────────────────

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const opsWanted = Number(args.get('ops') ?? 100_000);
const productsWanted = Number(args.get('products') ?? 2000);
const cpuProfDir = args.get('cpu-prof');

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ledger-syncbench-'));
  dirs.push(d);
  return d;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A PostgreSQL database to run against, emptied; or null (PGlite) when none answers. */
async function prepareDatabase(): Promise<{ url: string | null; note: string }> {
  const explicit = process.env.DATABASE_URL;
  const url = explicit || DEFAULT_URL;
  if (!explicit) {
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (e) {
      return { url: null, note: `no PostgreSQL at ${withDatabase(url, 'postgres')} (${e instanceof Error ? e.message : String(e)}): FELL BACK TO PGlite in memory; these are not the issue's PostgreSQL figures` };
    }
    try {
      // A fresh database each run, so every run starts from empty tables.
      await admin.query('DROP DATABASE IF EXISTS ledger_bench WITH (FORCE)');
      await admin.query('CREATE DATABASE ledger_bench');
    } finally {
      await admin.end();
    }
    return { url, note: `PostgreSQL ${url.replace(/:[^:@/]*@/, ':***@')} (recreated)` };
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Every table of the server's schema (migrations live in the `drizzle` schema and stay).
    const { rows } = await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    if (rows.length > 0) await c.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await c.end();
  }
  return { url, note: `PostgreSQL from DATABASE_URL (tables emptied)` };
}

async function startServerChild(databaseUrl: string | null): Promise<{ child: ChildProcess; url: string; db: string }> {
  // As `npm run server` starts it: young-generation semi-spaces of 32 MB (see package.json).
  const semiSpace = process.env.BENCH_SEMI_SPACE ?? '32';
  const execArgv = ['--import', 'tsx', '--max-old-space-size=4096', ...(semiSpace === 'default' ? [] : [`--max-semi-space-size=${semiSpace}`])];
  if (cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
  const traceSql = args.has('trace-sql');
  const child = fork(fileURLToPath(import.meta.url), ['--server-child'], {
    execArgv,
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl ?? '', BENCH_TRACE_SQL: traceSql ? '1' : '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
    child.on('message', (m: ChildReady | ChildUsage) => {
      if (m.type === 'ready') resolve(m);
    });
  });
  return { child, url: `http://127.0.0.1:${ready.port}`, db: ready.db };
}

async function startReceiverChild(dataDir: string): Promise<ChildProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--receiver-child'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_RECEIVER_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiving PC exited with ${code}`)));
    child.once('message', () => resolve());
  });
  return child;
}

async function childUsage(child: ChildProcess, final = false): Promise<{ vmHwmKb: number | null; maxRssKb: number; cpuMs: number }> {
  let vmHwmKb: number | null = null;
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (m?.[1]) vmHwmKb = Number(m[1]);
  } catch {
    // Not Linux: resourceUsage below still answers.
  }
  const usage = await new Promise<ChildUsage>((resolve) => {
    const onMessage = (m: ChildReady | ChildUsage) => {
      if (m.type !== 'usage') return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send({ type: 'usage', final });
  });
  return { vmHwmKb, maxRssKb: usage.maxRssKb, cpuMs: usage.cpuMs };
}

/**
 * CPU time (user + system, ms) of the PostgreSQL backends serving the bench's database, read
 * from /proc (Linux, and PostgreSQL on this machine); null where that cannot be read. The
 * server's pool keeps its connections, so the difference over a leg is that leg's database work.
 */
async function postgresCpuMs(url: string | null): Promise<Map<number, number> | null> {
  if (!url) return null;
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const tick = 100; // USER_HZ: clock ticks per second on Linux
    const byPid = new Map<number, number>();
    for (const { pid } of rows) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / tick);
    }
    return byPid;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** CPU seconds each process spent over a leg, with the machine's load, for a shared machine. */
interface CpuMark {
  pc: number;
  server: number;
  /** Per backend pid: a backend the pool closed during a leg takes its time with it (an undercount). */
  postgres: Map<number, number> | null;
}

async function cpuMark(child: ChildProcess, url: string | null): Promise<CpuMark> {
  const own = process.cpuUsage();
  return { pc: (own.user + own.system) / 1000, server: (await childUsage(child)).cpuMs, postgres: await postgresCpuMs(url) };
}

function cpuSpent(from: CpuMark, to: CpuMark): string {
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  let pgMs: number | null = null;
  if (from.postgres && to.postgres) {
    pgMs = 0;
    for (const [pid, ms] of to.postgres) pgMs += ms - (from.postgres.get(pid) ?? 0);
  }
  const pg = pgMs !== null ? `, PostgreSQL backends ${s(pgMs)}` : '';
  return `CPU: PCs ${s(to.pc - from.pc)}, server ${s(to.server - from.server)}${pg}`;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'stop' });
  await exited;
}

async function adminPost<T>(serverUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function call(app: LedgerApp, method: string, input: unknown): unknown {
  const r = app.api.invokeSync(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

function outboxCount(app: LedgerApp): number {
  return (app.db.$client.prepare('SELECT COUNT(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

/**
 * PC A: a branch with a large catalogue (products only), the catalogue sent to head office as
 * master.import ops (as a demo set-up sends its own), then one-line receipts posted through
 * the ledger API until the outbox holds `opsWanted` ops. Receipts are grouped 1,000 to an outer
 * SQLite transaction only to spare a disk flush per receipt; each is still a full posting.
 */
function makePcA(app: LedgerApp): { products: number } {
  call(app, 'setup.createBranch', { code: 'BN01', name: 'Bench branch', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const s = app.db.$client;
  const one = <T>(q: string) => s.prepare(q).get() as T;
  const warehouseId = one<{ id: string }>("SELECT id FROM warehouses WHERE kind = 'main'").id;
  generateLargeLedger(app.db, {
    products: productsWanted,
    movements: 0,
    seed: 7,
    now: Date.now(),
    warehouseId,
    branchId: one<{ id: string }>('SELECT id FROM branches').id,
    userId: one<{ id: string }>('SELECT id FROM users').id,
  });
  // The catalogue as master data for head office, so the other PC can receive it.
  const rows: { entity: string; id: string; fields: Record<string, unknown> }[] = [];
  for (const c of s.prepare('SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM categories').all() as { id: string }[]) {
    const { id, ...fields } = c;
    rows.push({ entity: 'category', id, fields });
  }
  const products = s
    .prepare(
      `SELECT id, sku, name_zh AS nameZh, name_en AS nameEn, pinyin_initials AS pinyinInitials, category_id AS categoryId, brand,
              base_unit_code AS baseUnitCode, shelf_life_days AS shelfLifeDays, lot_tracked AS lotTracked, tax_rate_bp AS taxRateBp, active
         FROM products ORDER BY sku`,
    )
    .all() as { id: string; baseUnitCode: string; lotTracked: number; active: number }[];
  for (const p of products) {
    const { id, ...fields } = p;
    rows.push({ entity: 'product', id, fields: { ...fields, lotTracked: p.lotTracked === 1, active: p.active === 1 } });
  }
  for (const u of s.prepare('SELECT id, product_id AS productId, code, name_zh AS nameZh, name_en AS nameEn, factor, barcode FROM product_units').all() as { id: string }[]) {
    const { id, ...fields } = u;
    rows.push({ entity: 'product_unit', id, fields });
  }
  let n = 0;
  const ctx = { db: app.db, ids: () => crypto.randomUUID(), now: Date.now(), hlc: () => `${String(Date.now()).padStart(15, '0')}-${String(n++).padStart(5, '0')}-bench` };
  // A push carries at most 1 MB, so the catalogue goes as a few ops of 1,500 rows.
  s.transaction(() => {
    for (let i = 0; i < rows.length; i += 1500) writeOutbox(ctx as unknown as ServiceContext, 'master.import', 1, { rows: rows.slice(i, i + 1500) });
  })();

  const receipts = opsWanted - outboxCount(app);
  const receive = s.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const p = products[k % products.length];
      if (!p) throw new Error('no products');
      call(app, 'stock.receive', {
        warehouseId,
        lines: [{ productId: p.id, unitCode: p.baseUnitCode, qty: 12, unitCostFen: 150, ...(p.lotTracked ? { lotCode: `L${Math.floor(k / products.length) % 50}`, expiryDate: '2027-12-31' } : {}) }],
      });
    }
  });
  for (let k = 0; k < receipts; k += 1000) receive(k, Math.min(receipts, k + 1000));
  return { products: products.length };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The bench's branch on a fresh head office, and a way to get enrolment codes for it. */
async function benchBranch(serverUrl: string): Promise<() => Promise<string>> {
  const branch = await adminPost<{ id: string }>(serverUrl, '/admin/v1/branches', { code: 'BN01', name: 'Bench branch', timeZone: 'Asia/Shanghai' });
  return async () => (await adminPost<{ code: string }>(serverUrl, `/admin/v1/branches/${branch.id}/enrolment-codes`, {})).code;
}

/** The sequential legs; keeps a copy of PC A's ledger, as it was before it enrolled, in `copyDir`. Answers PC A's documents. */
async function sequentialLegs(copyDir: string): Promise<number> {
  const database = await prepareDatabase();
  const server = await startServerChild(database.url);
  try {
    const code = await benchBranch(server.url);

    // Time with at least one request to head office in flight (requests in flight together
    // count once), to tell the server's share from the PC's.
    const waited = { a: 0, b: 0 };
    const flying = { a: { n: 0, since: 0 }, b: { n: 0, since: 0 } };
    const timed =
      (who: 'a' | 'b'): typeof fetch =>
      async (input, init) => {
        const f = flying[who];
        if (f.n++ === 0) f.since = performance.now();
        try {
          const res = await fetch(input, init);
          const body = await res.arrayBuffer();
          return new Response(body, { status: res.status, headers: res.headers });
        } finally {
          if (--f.n === 0) waited[who] += performance.now() - f.since;
        }
      };
    const a = openLedgerApp({ dataDir: tempDir(), host: 'node', autoSync: false, fetch: timed('a') });
    const b = openLedgerApp({ dataDir: tempDir(), host: 'node', autoSync: false, fetch: timed('b') });
    try {
      let t0 = performance.now();
      const made = makePcA(a);
      const ops = outboxCount(a);
      const generateSeconds = (performance.now() - t0) / 1000;
      console.log(`PC A holds ${fmt(ops)} outbox ops (${made.products} products; made in ${fmt(generateSeconds, 1)} s, not timed below)`);
      // For the concurrent measure: the same ops, before anything was pushed.
      await a.db.$client.backup(join(copyDir, 'ledger.sqlite'));
      await a.sync.client.enrol({ serverUrl: server.url, code: await code(), deviceName: 'PC A' });
      await b.sync.client.enrol({ serverUrl: server.url, code: await code(), deviceName: 'PC B' });

      waited.a = 0;
      waited.b = 0;
      const beforePush = await cpuMark(server.child, database.url);
      // Push leg: A's sync client pushes until its outbox is settled, as "sync now" does.
      t0 = performance.now();
      const { acked: pushed, batches } = await a.sync.client.pushAll();
      const pushSeconds = (performance.now() - t0) / 1000;
      const left = (a.db.$client.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE acked_at IS NULL').get() as { n: number }).n;
      if (left > 0) throw new Error(`push left ${left} ops unsettled`);
      const afterPush = await cpuMark(server.child, database.url);

      // Pull leg: B pulls and applies everything (its sync client's own page size).
      t0 = performance.now();
      const pulled = await b.sync.client.pullOnce();
      const pullSeconds = (performance.now() - t0) / 1000;
      const afterPull = await cpuMark(server.child, database.url);

      const usage = await childUsage(server.child, true);
      const bDocs = (b.db.$client.prepare('SELECT COUNT(*) AS n FROM stock_documents').get() as { n: number }).n;
      const aDocs = (a.db.$client.prepare('SELECT COUNT(*) AS n FROM stock_documents').get() as { n: number }).n;
      const total = pushSeconds + pullSeconds;
      const peakMb = (usage.vmHwmKb ?? usage.maxRssKb) / 1024;
      console.log('');
      const semiSpace = process.env.BENCH_SEMI_SPACE ?? '32';
      console.log(`Sync benchmark — ${database.note}; server in a child process on 127.0.0.1 (young generation: ${semiSpace === 'default' ? "Node's default" : `${semiSpace} MB semi-spaces`})`);
      console.log(`  push  (PC A → head office): ${fmt(pushed)} ops in ${fmt(pushSeconds, 2)} s = ${fmt(pushed / pushSeconds)} ops/s (${batches} batches, up to two in flight; requests in flight ${fmt(waited.a / 1000, 2)} s)`);
      console.log(
        `  pull  (head office → PC B): ${fmt(pulled.applied + pulled.skipped)} changes in ${fmt(pullSeconds, 2)} s = ${fmt((pulled.applied + pulled.skipped) / pullSeconds)} changes/s (${pulled.pages} pages; requests in flight ${fmt(waited.b / 1000, 2)} s, overlapping the applying: the next page is asked for first; ${pulled.applied} applied, ${pulled.problems} problems, mismatched: ${pulled.mismatched.join(', ') || 'none'})`,
      );
      console.log(`  push ${cpuSpent(beforePush, afterPush)}`);
      console.log(`  pull ${cpuSpent(afterPush, afterPull)}`);
      console.log(`  machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the end`);
      console.log(`  end to end (push + pull):    ${fmt(total, 2)} s   goal < ${GOAL_SECONDS} s: ${total < GOAL_SECONDS ? 'met' : 'NOT met'}`);
      console.log(`  server peak RSS:             ${fmt(peakMb, 0)} MB (${usage.vmHwmKb !== null ? 'VmHWM' : 'maxRSS'}; maxRSS ${fmt(usage.maxRssKb / 1024, 0)} MB)`);
      console.log(`  check: PC A ${fmt(aDocs)} documents, PC B ${fmt(bDocs)} documents${aDocs === bDocs ? ' (equal)' : ' (DIFFERENT)'}`);
      return aDocs;
    } finally {
      a.close();
      b.close();
    }
  } finally {
    await stopChild(server.child);
  }
}

/** Longest the concurrent measure waits for the receiving PC before it gives up (s). */
const CATCH_UP_LIMIT_SECONDS = 600;

/**
 * The same push from a copy of PC A to an emptied head office, while PC C, in a process of its
 * own, joins the branch as the push starts and syncs on its background scheduler.
 */
async function concurrentMeasure(copyDir: string, documents: number): Promise<void> {
  const database = await prepareDatabase();
  const server = await startServerChild(database.url);
  const receiver = await startReceiverChild(tempDir());
  try {
    const code = await benchBranch(server.url);
    const a = openLedgerApp({ dataDir: copyDir, host: 'node', autoSync: false });
    try {
      await a.sync.client.enrol({ serverUrl: server.url, code: await code(), deviceName: 'PC A' });
      const receiverCode = await code();
      const before = await cpuMark(server.child, database.url);
      const caughtUp = new Promise<CaughtUp>((resolve, reject) => {
        const limit = setTimeout(() => reject(new Error(`PC C had not caught up after ${CATCH_UP_LIMIT_SECONDS} s`)), CATCH_UP_LIMIT_SECONDS * 1000);
        receiver.on('message', (m: CaughtUp) => {
          if (m.type !== 'caught-up') return;
          clearTimeout(limit);
          resolve(m);
        });
      });
      const start = Date.now();
      receiver.send({ type: 'join', serverUrl: server.url, code: receiverCode, documents } satisfies JoinMessage);
      const { acked } = await a.sync.client.pushAll();
      const pushSeconds = (Date.now() - start) / 1000;
      // Marked at once: the server's pool closes idle PostgreSQL connections, and their CPU time with them.
      const pushed = await cpuMark(server.child, database.url);
      const done = await caughtUp;
      const after = await cpuMark(server.child, database.url);
      const totalSeconds = (done.at - start) / 1000;
      console.log('');
      console.log('Sync benchmark, concurrent — as a branch really syncs: PC C (a process of its own) joins as PC A starts pushing the same ops to an emptied head office, then only its background scheduler syncs it');
      console.log(`  push  (PC A → head office): ${fmt(acked)} ops in ${fmt(pushSeconds, 2)} s = ${fmt(acked / pushSeconds)} ops/s, while PC C pulls`);
      console.log(`  PC C held all ${fmt(done.documents)} documents ${fmt(totalSeconds, 2)} s after the push began (${fmt(totalSeconds - pushSeconds, 2)} s after the push ended)`);
      console.log(`  until the push ended ${cpuSpent(before, pushed).replace('CPU: PCs', 'CPU: PC A')}; after it ${cpuSpent(pushed, after).replace('CPU: PCs', 'CPU: PC A')}`);
      console.log(`  CPU of PC C from joining to holding everything: ${fmt(done.cpuMs / 1000, 2)} s (on this machine's cores too, as if on its own PC)`);
      console.log(`  machine: load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the end`);
      console.log(`  end to end, pulling during the push: ${fmt(totalSeconds, 2)} s   goal < ${GOAL_SECONDS} s: ${totalSeconds < GOAL_SECONDS ? 'met' : 'NOT met'}`);
    } finally {
      a.close();
    }
  } finally {
    await stopChild(receiver);
    await stopChild(server.child);
  }
}

async function main(): Promise<void> {
  try {
    const copyDir = tempDir();
    const documents = await sequentialLegs(copyDir);
    if (!args.has('no-concurrent')) await concurrentMeasure(copyDir, documents);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (process.argv.includes('--receiver-child')) {
  runReceiverChild().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv.includes('--server-child')) {
  runServerChild().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
