import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUuidV7Generator } from '../../src-main/core/ids';
import { createLedgerApi } from '../../src-main/services/createLedgerApi';
import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { ACKED_RETENTION_MS, MAX_PUSH_BYTES } from '../../src-main/sync/protocol';
import { MAX_REFETCH_ATTEMPTS } from '../../src-main/sync/syncClient';
import { createSyncScheduler } from '../../src-main/sync/syncScheduler';
import type { SyncRunResult } from '../../src-main/sync/syncClient';
import { createClient } from '../../src-renderer/api/createClient';
import { createTestLedger, inProcessClient, ledgerInvariantBroken, nonZeroBalances, testNow, type TestLedger, signInAdmin } from '../helpers/testLedger';
import { FakeHeadOffice } from './fakeHeadOffice';

const open: TestLedger[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

async function pc(office: FakeHeadOffice, options: { setUp?: boolean } = {}): Promise<TestLedger> {
  const l = await createTestLedger({ setUp: options.setUp ?? true, fetch: office.fetch, autoSync: false });
  open.push(l);
  return l;
}

/** The founding PC of a branch with the demo catalogue, so PCs that join can pull products too. */
async function founder(office: FakeHeadOffice): Promise<TestLedger> {
  const l = await pc(office, { setUp: false });
  await l.client['setup.createBranch']({ code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  return l;
}

const enrol = (l: TestLedger, office: FakeHeadOffice, deviceName = '前台电脑') =>
  l.client['sync.enrol']({ serverUrl: office.url, code: office.issueCode(), deviceName, adminPassword: 'admin-pass-1' });

const pending = (l: TestLedger) => (l.app.db.$client.prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE acked_at IS NULL').get() as { n: number }).n;
const sqlAll = (l: TestLedger, sql: string, ...params: unknown[]) => l.app.db.$client.prepare(sql).all(...params);
const balances = nonZeroBalances;
const invariantBroken = ledgerInvariantBroken;

function receiveWater(l: TestLedger, cases = 1, lotCode = 'L1') {
  return l.client['stock.receive']({
    warehouseId: l.catalogue.warehouseId,
    lines: [{ productId: l.catalogue.water.id, unitCode: 'CS24', qty: cases, lotCode, expiryDate: '2027-06-01', unitCostFen: 2400 }],
  });
}

/** A product with stock in the main warehouse of a demo ledger. */
function stocked(l: TestLedger): { warehouseId: string; productId: string; lotId: string; qty: number; unit: string } {
  return l.app.db.$client
    .prepare(
      `SELECT b.warehouse_id AS warehouseId, b.product_id AS productId, b.lot_id AS lotId, b.qty, p.base_unit_code AS unit
         FROM stock_balances b JOIN products p ON p.id = b.product_id JOIN warehouses w ON w.id = b.warehouse_id
        WHERE b.qty >= 10 AND w.kind = 'main' ORDER BY b.qty DESC, b.product_id LIMIT 1`,
    )
    .get() as { warehouseId: string; productId: string; lotId: string; qty: number; unit: string };
}

describe('without a head-office server', () => {
  it('the ledger works unchanged, pending ops are counted, and "sync now" says sync is not configured', async () => {
    const l = await createTestLedger();
    open.push(l);
    await receiveWater(l, 2);
    const status = await l.client['sync.status']({});
    expect(status).toMatchObject({ configured: false, serverUrl: null, lastSyncAt: null, lastError: null, rejected: [], openExceptions: [] });
    expect(status.pending).toBe(l.count('sync_outbox'));
    await expect(l.client['sync.now']({})).rejects.toMatchObject({ payload: { code: 'SYNC_NOT_CONFIGURED' } });

    // An API built without the sync dependency at all (a host that has none).
    const bare = createLedgerApi({
      db: l.app.db,
      clock: () => testNow,
      ids: createUuidV7Generator(() => testNow, (n) => randomBytes(n)),
      host: 'node',
      appVersion: 'test',
    });
    bare.invokeSync('auth.signIn', { username: 'admin', secret: 'admin-pass-1' });
    const client = createClient((m, i) => bare.invoke(m, i));
    await expect(client['sync.now']({})).rejects.toMatchObject({ payload: { code: 'SYNC_NOT_CONFIGURED' } });
    await expect(client['sync.enrol']({ serverUrl: 'http://ho.example', code: 'ABCD-EFGH-JKLM', deviceName: 'PC', adminPassword: 'admin-pass-1' })).rejects.toMatchObject({
      payload: { code: 'SYNC_UNAVAILABLE' },
    });
    expect((await client['stock.receive']({ warehouseId: l.catalogue.warehouseId, lines: [{ productId: l.catalogue.tissue.id, unitCode: 'EA', qty: 3, unitCostFen: 200 }] })).docNo).toBe(
      'BJ01-GR-2026-000002',
    );
  });

  it('the background scheduler never runs while the PC is not enrolled', async () => {
    const timers: number[] = [];
    let runs = 0;
    const scheduler = createSyncScheduler({
      client: { isConfigured: () => false, syncNow: async () => ((runs++, { ok: true, pushed: 0, pulled: 0, pending: 0 }) as SyncRunResult) },
      clock: () => 0,
      setTimeout: (_fn, ms) => timers.push(ms),
      clearTimeout: () => undefined,
    });
    scheduler.start();
    scheduler.nudge();
    expect(timers).toEqual([]);
    expect(runs).toBe(0);
  });
});

describe('enrolment', () => {
  it('the founding PC keeps its numbering, stores the binding, and its whole outbox reaches head office', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await receiveWater(a);
    const outbox = a.count('sync_outbox');
    const enrolled = await enrol(a, office);
    expect(enrolled.joined).toBe(false);
    expect(enrolled.status).toMatchObject({ configured: true, serverUrl: office.url, terminalCode: '', deviceName: '前台电脑', branch: { code: 'BJ01' }, pending: outbox });
    expect(enrolled.status.deviceId).toMatch(/^[0-9a-f-]{36}$/);

    const synced = await a.client['sync.now']({});
    expect(synced).toMatchObject({ pending: 0, lastError: null, lastSyncAt: testNow });
    expect(office.settledCount()).toBe(outbox);
    expect((await receiveWater(a)).docNo).toBe('BJ01-GR-2026-000002');
    expect((await a.client['sync.status']({})).pending).toBe(1);
    expect((await a.client['sync.now']({})).pending).toBe(0);
    // Checksums agree: no bucket is asked for again.
    await a.client['sync.now']({});
    const pulls = office.requests.filter((r) => r.path === '/sync/v1/pull');
    expect(pulls.every((r) => (r.body.refetch as unknown[]).length === 0)).toBe(true);
  });

  it('a wrong code, a wrong address and a code of another branch are refused next to the field, and nothing is stored', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    const bad = await a.app.api.invoke('sync.enrol', { serverUrl: office.url, code: 'NOPE-NOPE-NOPE', deviceName: 'PC', adminPassword: 'admin-pass-1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'SYNC_ENROLMENT_CODE_INVALID', fields: [{ path: 'code' }] } });
    const unreachable = await a.app.api.invoke('sync.enrol', { serverUrl: 'http://nowhere.test', code: office.issueCode(), deviceName: 'PC', adminPassword: 'admin-pass-1' });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'SYNC_SERVER_UNREACHABLE', fields: [{ path: 'serverUrl' }] } });
    const notUrl = await a.app.api.invoke('sync.enrol', { serverUrl: 'ftp://x', code: 'short', deviceName: '', adminPassword: 'admin-pass-1' });
    expect(notUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((notUrl as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => `${f.path}:${f.code}`).sort()).toEqual([
      'code:ENROLMENT_CODE_INVALID',
      'deviceName:REQUIRED',
      'serverUrl:URL_INVALID',
    ]);
    a.app.db.$client.prepare("UPDATE branches SET code = 'SH09'").run();
    const other = await a.app.api.invoke('sync.enrol', { serverUrl: office.url, code: office.issueCode(), deviceName: 'PC', adminPassword: 'admin-pass-1' });
    expect(other).toMatchObject({ ok: false, error: { code: 'SYNC_BRANCH_MISMATCH', params: { local: 'SH09', server: 'BJ01' } } });
    expect((await a.client['sync.status']({})).configured).toBe(false);
  });

  it('a PC that joins a branch takes its identity from head office, pulls warehouses, catalogue and documents, and numbers its own documents', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await founder(office);
    await enrol(a, office);
    expect((await a.client['sync.now']({})).pending).toBe(0);

    const b = await pc(office, { setUp: false });
    const joined = await enrol(b, office, '仓库电脑');
    expect(joined.joined).toBe(true);
    expect(joined.info.branch).toEqual(office.branch);
    expect(joined.info.user?.role).toBe('admin');
    expect(joined.status.terminalCode).toBe('B');
    const synced = await b.client['sync.now']({});
    expect(synced).toMatchObject({ pending: 0, lastError: null, divergence: [] });
    expect(balances(b)).toEqual(balances(a));
    expect(invariantBroken(b)).toEqual([]);
    expect(b.count('products')).toBe(a.count('products'));
    expect(b.count('warehouses')).toBe(2);

    const item = stocked(b);
    const adjusted = await b.client['stock.adjust']({ warehouseId: item.warehouseId, reasonCode: 'damage', lines: [{ productId: item.productId, lotId: item.lotId, unitCode: item.unit, qty: -1 }] });
    expect(adjusted.docNo).toMatch(/^BJ01B-ADJ-2026-0000\d\d$/);
    await b.client['sync.now']({});
    await a.client['sync.now']({});
    expect(balances(a)).toEqual(balances(b));
  });
});

describe('exactly once, whatever is lost on the way', () => {
  it('when the answer is lost after head office applied the ops, the next sync acks them and nothing is applied twice — also after the PC was killed', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await receiveWater(a, 1, 'L1');
    await receiveWater(a, 2, 'L2');
    const ops = a.count('sync_outbox');
    office.loseAnswers = 1;
    const lost = await a.client['sync.now']({});
    expect(lost.lastError).toMatchObject({ code: 'OFFLINE' });
    expect(lost.pending).toBe(ops);
    expect(office.settledCount()).toBe(ops);

    // Killed now: a new process opens the same ledger; the pending count comes from the outbox.
    a.app.close();
    const reopened = signInAdmin(openLedgerApp({ dataDir: a.dataDir, host: 'node', clock: () => testNow, fetch: office.fetch, autoSync: false }));
    try {
      const client = inProcessClient(reopened);
      expect((await client['sync.status']({})).pending).toBe(ops);
      const after = await client['sync.now']({});
      expect(after).toMatchObject({ pending: 0, lastError: null });
      expect(office.settledCount()).toBe(ops);
      const lastPush = office.requests.filter((r) => r.path === '/sync/v1/push').at(-1);
      expect((lastPush?.body.ops as unknown[]).length).toBe(ops);
      expect(Object.keys(office.state.documents)).toHaveLength(2);
    } finally {
      reopened.close();
      rmSync(a.dataDir, { recursive: true, force: true });
      open.splice(open.indexOf(a), 1);
    }
  });

  it('a head office restored from an older backup (new epoch) is sent again what it lost, and nothing is duplicated', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await receiveWater(a, 1, 'L1');
    await a.client['sync.now']({});
    const backup = office.backup();
    await receiveWater(a, 1, 'L2');
    await receiveWater(a, 1, 'L3');
    expect((await a.client['sync.now']({})).pending).toBe(0);
    expect(Object.keys(office.state.documents)).toHaveLength(3);

    office.restoreFrom(backup);
    expect(Object.keys(office.state.documents)).toHaveLength(1);
    const after = await a.client['sync.now']({});
    expect(after).toMatchObject({ pending: 0, lastError: null });
    expect(Object.keys(office.state.documents)).toHaveLength(3);
    const seqs = office.state.settled.map((s) => s.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(seqs).toHaveLength(a.count('sync_outbox'));
  });

  it('a head office whose last_seq went back without a new epoch is noticed the same way', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await a.client['sync.now']({});
    const backup = office.backup();
    await receiveWater(a, 1, 'L1');
    await receiveWater(a, 1, 'L2');
    await a.client['sync.now']({});
    office.restoreFrom(backup, { newEpoch: false });
    await a.client['sync.now']({});
    expect(Object.keys(office.state.documents)).toHaveLength(2);
    expect(office.settledCount()).toBe(a.count('sync_outbox'));
    expect(pending(a)).toBe(0);
  });
});

describe('refusals that must not wedge the queue', () => {
  it('a clock far ahead gets a clear error with the difference, keeps the outbox, and syncs once the clock is right', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await receiveWater(a);
    const ops = pending(a);
    a.tick(12 * 60_000);
    const refused = await a.client['sync.now']({});
    expect(refused.lastError).toMatchObject({ code: 'CLOCK_AHEAD', params: { minutes: 12 } });
    expect(refused.pending).toBe(ops);
    a.tick(-12 * 60_000);
    expect(await a.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
  });

  it('a pull answer that does not follow the protocol is refused as BAD_RESPONSE: nothing of it applied, the cursor kept, and the next good answer applies', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await founder(office);
    await enrol(a, office);
    expect((await a.client['sync.now']({})).pending).toBe(0);
    let tamper: ((page: { changes: Record<string, unknown>[] }) => void) | null = null;
    const tampering: typeof fetch = async (input, init) => {
      const res = await office.fetch(input, init);
      if (!tamper || !String(input).endsWith('/sync/v1/pull')) return res;
      const page = (await res.json()) as { changes: Record<string, unknown>[] };
      tamper(page);
      return new Response(JSON.stringify(page), { status: res.status, headers: res.headers });
    };
    const b = await createTestLedger({ setUp: false, fetch: tampering, autoSync: false });
    open.push(b);
    await enrol(b, office, '仓库电脑');
    const cursor = () => sqlAll(b, "SELECT value FROM sync_state WHERE key = 'pullCursor'");
    const before = { cursor: cursor(), documents: b.count('stock_documents'), products: b.count('products') };
    const broken: ((page: { changes: Record<string, unknown>[] }) => void)[] = [
      (page) => (page.changes.at(-1)!.note = 'a field the protocol does not know'),
      (page) => (page.changes.at(-1)!.cursor = 1.5),
      (page) => delete page.changes.at(-1)!.bucket,
    ];
    for (const breakIt of broken) {
      tamper = breakIt;
      const refused = await b.client['sync.now']({});
      expect(refused.lastError).toMatchObject({ code: 'BAD_RESPONSE' });
      expect({ cursor: cursor(), documents: b.count('stock_documents'), products: b.count('products') }).toEqual(before);
    }
    tamper = null;
    expect(await b.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
    expect(balances(b)).toEqual(balances(a));
  });

  it('"update required" keeps the outbox and stops background retries until the app restarts', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await receiveWater(a);
    const ops = pending(a);
    office.refusal = { status: 426, code: 'UPDATE_REQUIRED', message: 'update' };
    const timers: { fn: () => void; ms: number }[] = [];
    const scheduler = createSyncScheduler({
      client: a.app.sync.client,
      clock: () => testNow,
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
    });
    const result = await scheduler.runNow();
    expect(result).toMatchObject({ ok: false, error: { code: 'UPDATE_REQUIRED' } });
    expect(scheduler.state()).toMatchObject({ stoppedBy: 'UPDATE_REQUIRED', nextRunAt: null });
    scheduler.nudge();
    expect(timers).toHaveLength(0);
    const status = await a.client['sync.status']({});
    expect(status.lastError?.code).toBe('UPDATE_REQUIRED');
    expect(status.pending).toBe(ops);
  });

  it('an op head office refuses is listed with its reason, and the ops after it still sync', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    office.poison = (op) => (op.name === 'stock.adjust' ? 'FORBIDDEN' : null);
    await receiveWater(a, 2);
    const adjusted = await a.client['stock.adjust']({ warehouseId: a.catalogue.warehouseId, reasonCode: 'damage', lines: [{ productId: a.catalogue.water.id, unitCode: 'EA', qty: -1 }] });
    await receiveWater(a, 1, 'L9');
    const status = await a.client['sync.now']({});
    expect(status.pending).toBe(0);
    expect(status.rejected).toEqual([expect.objectContaining({ name: 'stock.adjust', code: 'FORBIDDEN', receivedAt: testNow })]);
    expect(Object.keys(office.state.documents)).toHaveLength(2);
    // The refused document stays in this ledger, and its absence at head office is not a divergence.
    expect(a.app.db.$client.prepare('SELECT 1 FROM stock_documents WHERE id = ?').get(adjusted.id)).toBeTruthy();
    await a.client['sync.now']({});
    expect(office.requests.filter((r) => r.path === '/sync/v1/pull').every((r) => (r.body.refetch as unknown[]).length === 0)).toBe(true);
  });

  it('an op larger than a whole push is refused on this PC, listed with PAYLOAD_TOO_LARGE, and the ops after it go on', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await a.client['sync.now']({});
    // A document bigger than any push may be (no real one is yet): written as writeOutbox would.
    const s = a.app.db.$client;
    const seq = (s.prepare('SELECT MAX(seq) AS m FROM sync_outbox').get() as { m: number }).m + 1;
    s.prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at, acked_at) VALUES (?, ?, 'stock.receive', 1, ?, ?, ?, NULL)").run(
      seq,
      randomUUID(),
      JSON.stringify({ note: 'x'.repeat(MAX_PUSH_BYTES + 10) }),
      `${String(testNow).padStart(15, '0')}-00000-test`,
      testNow,
    );
    await receiveWater(a);
    const status = await a.client['sync.now']({});
    expect(status.pending).toBe(0);
    expect(status.rejected).toEqual([expect.objectContaining({ seq, code: 'PAYLOAD_TOO_LARGE' })]);
    expect(office.requests.every((r) => r.status !== 413)).toBe(true);
    expect(office.state.settled.find((x) => x.seq === seq)?.status).toBe('rejected');
    expect(Object.keys(office.state.documents)).toHaveLength(1);
  });

  it('a batch head office takes before the one sent ahead of it stops at the hole and goes again: no restore is noticed, every op settles once', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await founder(office);
    await enrol(a, office);
    const outboxBytes = (a.app.db.$client.prepare('SELECT SUM(LENGTH(args)) AS n FROM sync_outbox').get() as { n: number }).n;
    expect(outboxBytes).toBeGreaterThan(MAX_PUSH_BYTES);
    office.swapNextPushes = true;
    const status = await a.client['sync.now']({});
    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] });

    // In the order head office took them: the second batch, taken first, stopped at the hole
    // before its first op; the first batch; the second again (then any later batches).
    const pushes = office.requests.filter((r) => r.path === '/sync/v1/push').map((r) => (r.body.ops as { seq: number }[]).map((op) => op.seq));
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    const [overtaking, first, ...later] = pushes;
    expect(overtaking?.[0]).toBe((first?.at(-1) ?? 0) + 1);
    expect(later).toContainEqual(overtaking);
    const settled = office.state.settled.filter((x) => x.deviceId === office.state.devices[0]?.id).map((x) => x.seq);
    expect(settled).toEqual([...new Set(settled)]);
    expect(office.settledCount()).toBe(a.count('sync_outbox'));
    expect(sqlAll(a, "SELECT key FROM sync_state WHERE key = 'lastRestoreAt'")).toEqual([]);
    expect(sqlAll(a, 'SELECT seq FROM sync_outbox WHERE acked_at IS NULL')).toEqual([]);
  });

  it('a server that takes smaller bodies than the protocol allows gets smaller batches, and nothing is refused', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    for (let i = 0; i < 6; i++) await receiveWater(a, 1, `L${i}`);
    const biggest = (a.app.db.$client.prepare('SELECT MAX(LENGTH(args)) AS n FROM sync_outbox').get() as { n: number }).n;
    office.pushBodyLimit = biggest * 2 + 1000;
    const status = await a.client['sync.now']({});
    expect(status).toMatchObject({ pending: 0, lastError: null, rejected: [] });
    expect(office.requests.some((r) => r.status === 413)).toBe(true);
    expect(office.settledCount()).toBe(a.count('sync_outbox'));
  });
});

describe('checksums', () => {
  it('ops not sent yet do not make a bucket look diverged', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await a.client['sync.now']({});
    await receiveWater(a);
    const pulled = await a.app.sync.client.pullOnce();
    expect(pulled.mismatched).toEqual([]);
  });

  it('a bucket that disagrees is refetched, then noted as diverged; nothing local is deleted', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await pc(office);
    await enrol(a, office);
    await receiveWater(a);
    await a.client['sync.now']({});
    const documents = a.count('stock_documents');
    office.phantomItems.documents = [randomUUID()];
    for (let i = 0; i <= MAX_REFETCH_ATTEMPTS + 1; i++) await a.client['sync.now']({});
    const refetches = office.requests.filter((r) => r.path === '/sync/v1/pull' && (r.body.refetch as string[]).includes('documents'));
    expect(refetches).toHaveLength(MAX_REFETCH_ATTEMPTS);
    const status = await a.client['sync.status']({});
    expect(status.divergence).toEqual([{ bucket: 'documents', localCount: documents, serverCount: documents + 1, since: testNow }]);
    expect(a.count('stock_documents')).toBe(documents);
    office.phantomItems = {};
    expect((await a.client['sync.now']({})).divergence).toEqual([]);
  });
});

describe('two PCs of one branch', () => {
  it('post offline, sync twice each, and end with the same stock; an oversell becomes a visible exception on both', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const a = await founder(office);
    await enrol(a, office);
    await a.client['sync.now']({});
    const b = await pc(office, { setUp: false });
    await enrol(b, office, '仓库电脑');
    await b.client['sync.now']({});

    // Offline: both write off most of the same lot, and each receives something.
    const item = stocked(a);
    const take = item.qty - 2;
    for (const l of [a, b]) {
      await l.client['stock.adjust']({ warehouseId: item.warehouseId, reasonCode: 'damage', lines: [{ productId: item.productId, lotId: item.lotId, unitCode: item.unit, qty: -take }] });
      await l.client['stock.receive']({ warehouseId: item.warehouseId, lines: [{ productId: item.productId, unitCode: item.unit, qty: 5, lotCode: `R${l === a ? 'A' : 'B'}`, expiryDate: '2027-12-31', unitCostFen: 300 }] });
    }
    for (let round = 0; round < 2; round++) for (const l of [a, b]) await l.client['sync.now']({});

    expect(balances(a)).toEqual(balances(b));
    expect(invariantBroken(a)).toEqual([]);
    expect(invariantBroken(b)).toEqual([]);
    expect(a.count('stock_movements')).toBe(b.count('stock_movements'));
    expect(Object.keys(office.state.movements)).toHaveLength(a.count('stock_movements'));
    // Exactly one open exception per negative balance, the same on both PCs.
    const negative = sqlAll(a, 'SELECT qty FROM stock_balances WHERE qty < 0') as { qty: number }[];
    expect(negative).toHaveLength(1);
    for (const l of [a, b]) {
      const status = await l.client['sync.status']({});
      expect(status.pending).toBe(0);
      expect(status.openExceptions).toEqual([
        expect.objectContaining({ qty: negative[0]?.qty, sku: expect.any(String), productNameZh: expect.any(String), warehouseName: expect.any(String) }),
      ]);
    }
  });
});

describe('housekeeping', () => {
  it('acked ops are pruned after the retention, never unacked or refused ones, and numbering continues', async () => {
    let officeNow = testNow;
    const office = new FakeHeadOffice(() => officeNow);
    const a = await pc(office);
    await enrol(a, office);
    office.poison = (op) => (op.name === 'stock.adjust' ? 'FORBIDDEN' : null);
    await receiveWater(a, 2);
    await a.client['stock.adjust']({ warehouseId: a.catalogue.warehouseId, reasonCode: 'damage', lines: [{ productId: a.catalogue.water.id, unitCode: 'EA', qty: -1 }] });
    await receiveWater(a, 1, 'L2');
    await a.client['sync.now']({});
    const newest = (sqlAll(a, 'SELECT MAX(seq) AS m FROM sync_outbox')[0] as { m: number }).m;
    const refusedSeq = (sqlAll(a, 'SELECT seq FROM sync_rejections')[0] as { seq: number }).seq;

    a.tick(ACKED_RETENTION_MS + 60_000);
    officeNow += ACKED_RETENTION_MS + 60_000;
    office.offline = true;
    await receiveWater(a, 1, 'L3');
    await a.client['sync.now']({});
    // Offline: nothing is pruned, the new op waits.
    expect(a.count('sync_outbox')).toBe(newest + 1);
    office.offline = false;
    expect((await a.client['sync.now']({})).pending).toBe(0);
    const kept = (sqlAll(a, 'SELECT seq FROM sync_outbox ORDER BY seq') as { seq: number }[]).map((r) => r.seq);
    expect(kept).toEqual([refusedSeq, newest + 1]);
    expect((await receiveWater(a, 1, 'L4')).docNo).toBe('BJ01-GR-2026-000004');
    expect((sqlAll(a, 'SELECT MAX(seq) AS m FROM sync_outbox')[0] as { m: number }).m).toBe(newest + 2);
  });
});

describe('the scheduler', () => {
  function harness(results: SyncRunResult[], options: { configured?: boolean; random?: number } = {}) {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    let now = 0;
    let runs = 0;
    const scheduler = createSyncScheduler({
      client: {
        isConfigured: () => options.configured ?? true,
        syncNow: async () => results[Math.min(runs++, results.length - 1)] as SyncRunResult,
      },
      clock: () => now,
      random: () => options.random ?? 0.999,
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => {
        (t as { cleared: boolean }).cleared = true;
      },
    });
    /** Fires the pending timer and lets its run finish; answers the delay it was set for. */
    const fire = async (): Promise<number | undefined> => {
      const t = timers.filter((x) => !x.cleared).at(-1);
      if (!t) return undefined;
      t.cleared = true;
      now += t.ms;
      t.fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      return t.ms;
    };
    const pendingDelay = () => timers.filter((x) => !x.cleared).at(-1)?.ms;
    return { scheduler, timers, fire, pendingDelay, runs: () => runs };
  }
  const ok: SyncRunResult = { ok: true, pushed: 0, pulled: 0, pending: 0 };
  const offline: SyncRunResult = { ok: false, error: { code: 'OFFLINE', message: 'fetch failed', params: {} }, pending: 3 };

  it('retries on its timer with growing, capped, jittered backoff — with no new local write — and returns to its interval after a success', async () => {
    const h = harness([offline, offline, offline, offline, offline, offline, offline, offline, ok, ok]);
    h.scheduler.start();
    expect(h.pendingDelay()).toBe(2_000);
    await h.fire();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) delays.push((await h.fire()) ?? -1);
    expect(h.runs()).toBe(9);
    // 5 s doubling, capped at 5 min; the jitter stays within the top half of each step.
    const ceilings = [5, 10, 20, 40, 80, 160, 300, 300].map((s) => s * 1000);
    delays.forEach((d, i) => {
      expect(d).toBeLessThanOrEqual(ceilings[i] ?? 0);
      expect(d).toBeGreaterThanOrEqual((ceilings[i] ?? 0) / 2);
    });
    expect(h.pendingDelay()).toBe(30_000);
  });

  it('a local write makes it sync within a second, and a revoked device stops it', async () => {
    const revoked: SyncRunResult = { ok: false, error: { code: 'DEVICE_REVOKED', message: 'revoked', params: {} }, pending: 1 };
    const h = harness([ok, revoked]);
    h.scheduler.start();
    await h.fire();
    expect(h.pendingDelay()).toBe(30_000);
    h.scheduler.nudge();
    expect(h.pendingDelay()).toBe(1_000);
    await h.fire();
    expect(h.scheduler.state().stoppedBy).toBe('DEVICE_REVOKED');
    expect(h.pendingDelay()).toBeUndefined();
    h.scheduler.nudge();
    expect(h.pendingDelay()).toBeUndefined();
    h.scheduler.wake();
    expect(h.pendingDelay()).toBe(1_000);
  });

  it('follows a peer that is still pushing: a run that pulled changes is followed within a second, one that pulled nothing waits the interval', async () => {
    const pulledSome: SyncRunResult = { ok: true, pushed: 0, pulled: 5000, pending: 0 };
    const h = harness([pulledSome, pulledSome, ok, pulledSome]);
    h.scheduler.start();
    await h.fire();
    expect(h.pendingDelay()).toBe(1_000);
    await h.fire();
    expect(h.pendingDelay()).toBe(1_000);
    await h.fire();
    expect(h.pendingDelay()).toBe(30_000);
    await h.fire();
    expect(h.pendingDelay()).toBe(1_000);
    expect(h.runs()).toBe(4);
  });
});

describe('the device token at rest', () => {
  const keychain = { seal: (s: string) => Buffer.from(s).toString('base64').split('').reverse().join(''), open: (s: string) => Buffer.from(s.split('').reverse().join(''), 'base64').toString() };
  const storedToken = (l: TestLedger) => (l.app.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'deviceToken'").get() as { value: string }).value;

  it('is kept sealed by the keychain the host gives, and sync works with it', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const l = await createTestLedger({ fetch: office.fetch, autoSync: false, secrets: keychain });
    open.push(l);
    await enrol(l, office);
    const stored = JSON.parse(storedToken(l)) as string;
    expect(stored.startsWith('sealed:v1:')).toBe(true);
    await receiveWater(l, 1, 'L1');
    expect(await l.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null });
  });

  it('a token stored in plain text (before the keychain) is sealed at its next use', async () => {
    const office = new FakeHeadOffice(() => testNow);
    const l = await createTestLedger({ fetch: office.fetch, autoSync: false });
    open.push(l);
    await enrol(l, office);
    const plain = JSON.parse(storedToken(l)) as string;
    expect(plain.startsWith('sealed:')).toBe(false);
    l.app.close();
    const reopened = signInAdmin(openLedgerApp({ dataDir: l.dataDir, host: 'node', clock: () => testNow, fetch: office.fetch, autoSync: false, secrets: keychain }));
    try {
      expect((await inProcessClient(reopened)['sync.now']({})).lastError).toBeNull();
      const sealed = JSON.parse((reopened.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'deviceToken'").get() as { value: string }).value) as string;
      expect(sealed.startsWith('sealed:v1:')).toBe(true);
      expect(sealed).not.toContain(plain);
    } finally {
      reopened.close();
    }
  });
});
