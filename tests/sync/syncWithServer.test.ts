import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { createServer } from '../../src-server/createServer';
import * as serverSchema from '../../src-server/db/schema';
import { declareRestore, openServerDb, type OpenedServerDb } from '../../src-server/openServerDb';
import { createTestLedger, inProcessClient, nonZeroBalances, testNow, type TestLedger, signInAdmin } from '../helpers/testLedger';

/**
 * The sync client against the real head-office server (src-server) on a loopback port, with
 * PGlite: what the fake head office in syncClient.test.ts stands in for, run for real.
 */

const adminToken = 'sync-client-test-admin-token';

interface RunningServer {
  app: FastifyInstance;
  opened: OpenedServerDb;
  url: string;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startServer(options: { opened?: OpenedServerDb; port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const opened = options.opened ?? (await openServerDb({ now: () => testNow, ...(options.dataDir ? { dataDir: options.dataDir } : {}) }));
  const app = createServer({ db: opened, clock: () => testNow, adminToken, rateLimit: { max: 100_000 } });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await opened.close();
  };
  cleanups.push(stop);
  return { app, opened, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stop };
}

async function adminPost<T>(server: RunningServer, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as T;
}

async function headOfficeBranch(server: RunningServer): Promise<{ id: string; code: string }> {
  return adminPost(server, '/admin/v1/branches', { code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai' });
}

async function enrolmentCode(server: RunningServer, branchId: string): Promise<string> {
  return (await adminPost<{ code: string }>(server, `/admin/v1/branches/${branchId}/enrolment-codes`, {})).code;
}

async function ledger(options: { setUp?: boolean; fetch?: typeof fetch } = {}): Promise<TestLedger> {
  const l = await createTestLedger({ setUp: options.setUp ?? false, autoSync: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
  cleanups.push(() => l.close());
  return l;
}

async function founder(server: RunningServer, branchId: string, fetchImpl?: typeof fetch): Promise<TestLedger> {
  const l = await ledger(fetchImpl ? { fetch: fetchImpl } : {});
  await l.client['setup.createBranch']({ code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 11 });
  await l.client['sync.enrol']({ serverUrl: server.url, code: await enrolmentCode(server, branchId), deviceName: '前台电脑', adminPassword: 'admin-pass-1' });
  return l;
}

const pending = (l: TestLedger) => (l.app.db.$client.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE acked_at IS NULL').get() as { n: number }).n;
const balances = nonZeroBalances;
const serverCount = async (server: RunningServer, table: typeof serverSchema.ingestedOps | typeof serverSchema.documents | typeof serverSchema.movements) =>
  (await server.opened.db.select({ n: count() }).from(table))[0]?.n ?? -1;

function stocked(l: TestLedger, offset = 0): { warehouseId: string; productId: string; lotId: string; qty: number; unit: string } {
  return l.app.db.$client
    .prepare(
      `SELECT b.warehouse_id AS warehouseId, b.product_id AS productId, b.lot_id AS lotId, b.qty, p.base_unit_code AS unit
         FROM stock_balances b JOIN products p ON p.id = b.product_id JOIN warehouses w ON w.id = b.warehouse_id
        WHERE b.qty >= 10 AND w.kind = 'main' ORDER BY b.qty DESC, b.product_id LIMIT 1 OFFSET ?`,
    )
    .get(offset) as { warehouseId: string; productId: string; lotId: string; qty: number; unit: string };
}

// PGlite applies a founding PC's whole demo history on each test: give it room on a slow machine.
describe('sync with the real head-office server', { timeout: 120_000 }, () => {
  it('two PCs of one branch post offline, sync twice each, and converge through head office', async () => {
    const server = await startServer();
    const branch = await headOfficeBranch(server);
    const a = await founder(server, branch.id);
    expect(await a.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });

    const b = await ledger();
    const joined = await b.client['sync.enrol']({ serverUrl: server.url, code: await enrolmentCode(server, branch.id), deviceName: '仓库电脑', adminPassword: 'admin-pass-1' });
    expect(joined).toMatchObject({ joined: true, status: { terminalCode: 'B', branch: { id: branch.id, code: 'BJ01' } } });
    expect(await b.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, divergence: [] });
    expect(balances(b)).toEqual(balances(a));

    // Offline: each PC receives and writes off; both write off most of the same lot.
    const shared = stocked(a);
    const take = shared.qty - 3;
    for (const [l, tag] of [[a, 'A'], [b, 'B']] as const) {
      const other = stocked(l, 1);
      await l.client['stock.receive']({ warehouseId: other.warehouseId, lines: [{ productId: other.productId, unitCode: other.unit, qty: 7, lotCode: `OFF${tag}`, expiryDate: '2027-12-31', unitCostFen: 350 }] });
      await l.client['stock.adjust']({ warehouseId: shared.warehouseId, reasonCode: 'damage', lines: [{ productId: shared.productId, lotId: shared.lotId, unitCode: shared.unit, qty: -take }] });
    }
    expect((await b.client['stock.documents']({ docType: 'adjustment', limit: 1 })).rows[0]?.docNo).toMatch(/^BJ01B-ADJ-/);

    for (let round = 0; round < 2; round++) for (const l of [a, b]) await l.client['sync.now']({});

    expect(balances(a)).toEqual(balances(b));
    expect(a.count('stock_movements')).toBe(b.count('stock_movements'));
    expect(await serverCount(server, serverSchema.movements)).toBe(a.count('stock_movements'));
    expect(await serverCount(server, serverSchema.ingestedOps)).toBe(a.count('sync_outbox') + b.count('sync_outbox'));
    for (const l of [a, b]) {
      const status = await l.client['sync.status']({});
      expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [], divergence: [] });
      // The oversell both PCs made offline is one open exception, seen on each.
      expect(status.openExceptions).toHaveLength(1);
      expect(status.openExceptions[0]?.qty).toBe(shared.qty - 2 * take);
    }
  });

  it('an answer lost after the server committed, then a killed PC: the next sync is skipped at head office and acked here, nothing twice', async () => {
    const server = await startServer();
    const branch = await headOfficeBranch(server);
    let loseNext = false;
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = await res.arrayBuffer();
      if (loseNext && String(input).endsWith('/push')) {
        loseNext = false;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const a = await founder(server, branch.id, losing);
    const ops = a.count('sync_outbox');
    loseNext = true;
    expect((await a.client['sync.now']({})).lastError?.code).toBe('OFFLINE');
    // Head office applied the first batch; this PC never heard so.
    const appliedUnheard = await serverCount(server, serverSchema.ingestedOps);
    expect(appliedUnheard).toBeGreaterThan(0);
    expect(pending(a)).toBe(ops);

    a.app.close();
    const reopened = signInAdmin(openLedgerApp({ dataDir: a.dataDir, host: 'node', clock: () => testNow, autoSync: false }));
    cleanups.push(() => reopened.close());
    const client = inProcessClient(reopened);
    expect((await client['sync.status']({})).pending).toBe(ops);
    expect(await client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
    expect(await serverCount(server, serverSchema.ingestedOps)).toBe(ops);
    const counts = reopened.db.$client.prepare('SELECT (SELECT COUNT(*) FROM stock_documents) AS d, (SELECT COUNT(*) FROM stock_movements) AS m').get() as { d: number; m: number };
    expect(await serverCount(server, serverSchema.documents)).toBe(counts.d);
    expect(await serverCount(server, serverSchema.movements)).toBe(counts.m);
  });

  it('head office restored from an older backup: the PC re-pushes what was lost and nothing is duplicated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ho-restore-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const live = join(dir, 'live');
    const backup = join(dir, 'backup');
    const first = await startServer({ dataDir: live });
    const branch = await headOfficeBranch(first);
    const a = await founder(first, branch.id);
    expect((await a.client['sync.now']({})).pending).toBe(0);
    const port = Number(new URL(first.url).port);
    // Nightly backup: a copy of the stopped database's files.
    await first.stop();
    cpSync(live, backup, { recursive: true });
    const second = await startServer({ dataDir: live, port });
    for (let i = 0; i < 3; i++) {
      const item = stocked(a, i);
      await a.client['stock.adjust']({ warehouseId: item.warehouseId, reasonCode: 'damage', lines: [{ productId: item.productId, lotId: item.lotId, unitCode: item.unit, qty: -1 }] });
    }
    expect((await a.client['sync.now']({})).pending).toBe(0);
    const ops = a.count('sync_outbox');
    expect(await serverCount(second, serverSchema.ingestedOps)).toBe(ops);
    await second.stop();

    // Head office's disk fails; last night's backup is restored and declared (a new epoch).
    const restoredOpened = await openServerDb({ dataDir: backup, now: () => testNow });
    await declareRestore(restoredOpened.db, testNow);
    const restored = await startServer({ opened: restoredOpened, port });
    expect(await serverCount(restored, serverSchema.ingestedOps)).toBe(ops - 3);
    const after = await a.client['sync.now']({});
    expect(after).toMatchObject({ pending: 0, lastError: null });
    expect(await serverCount(restored, serverSchema.ingestedOps)).toBe(ops);
    expect(await serverCount(restored, serverSchema.documents)).toBe(a.count('stock_documents'));
    expect(await serverCount(restored, serverSchema.movements)).toBe(a.count('stock_movements'));
  });

  it('a clock far ahead and an unsupported protocol are refused with clear errors; the outbox is kept and syncs afterwards', async () => {
    const server = await startServer();
    const branch = await headOfficeBranch(server);
    let protocolVersion: number | null = null;
    const rewriting: typeof fetch = (input, init) => {
      if (protocolVersion !== null && typeof init?.body === 'string') {
        init = { ...init, body: JSON.stringify({ ...(JSON.parse(init.body) as object), protocolVersion }) };
      }
      return fetch(input, init);
    };
    const a = await founder(server, branch.id, rewriting);
    const ops = pending(a);
    a.tick(20 * 60_000);
    expect(await a.client['sync.now']({})).toMatchObject({ pending: ops, lastError: { code: 'CLOCK_AHEAD', params: { minutes: 20 } } });
    a.tick(-20 * 60_000);

    protocolVersion = 99;
    expect(await a.client['sync.now']({})).toMatchObject({ pending: ops, lastError: { code: 'UPDATE_REQUIRED' } });
    expect(await serverCount(server, serverSchema.ingestedOps)).toBe(0);

    protocolVersion = null;
    expect(await a.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
  });

  it('an op head office refuses is listed with its reason and the ops after it still reach head office', async () => {
    const server = await startServer();
    const branch = await headOfficeBranch(server);
    const a = await founder(server, branch.id);
    await a.client['sync.now']({});
    // An op an older build wrote wrongly: valid JSON, not valid args.
    const s = a.app.db.$client;
    const seq = (s.prepare('SELECT MAX(seq) AS m FROM sync_outbox').get() as { m: number }).m + 1;
    s.prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at, acked_at) VALUES (?, ?, 'stock.adjust', 1, '{\"document\":{}}', ?, ?, NULL)").run(
      seq,
      randomUUID(),
      `${String(testNow).padStart(15, '0')}-00000-test`,
      testNow,
    );
    const item = stocked(a);
    await a.client['stock.adjust']({ warehouseId: item.warehouseId, reasonCode: 'found', lines: [{ productId: item.productId, lotId: item.lotId, unitCode: item.unit, qty: 2 }] });
    const status = await a.client['sync.now']({});
    expect(status.pending).toBe(0);
    expect(status.rejected).toEqual([expect.objectContaining({ seq, name: 'stock.adjust', code: 'INVALID_ARGS' })]);
    expect(await serverCount(server, serverSchema.documents)).toBe(a.count('stock_documents'));
    expect(status.divergence).toEqual([]);
  });
});
