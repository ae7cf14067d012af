import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openServerDb } from '../../src-server/openServerDb';
import { startFaultProxy } from './faultProxy';
import { expectBranchConverged } from './harness/checks';
import { createPostgresDatabase, headOfficeView, seedCatalogue } from './harness/headOffice';
import { createBranchPcs, openPc, outboxCount, outboxDocumentIds, pendingOps, postRandomDocument, type Pc } from './harness/pc';
import { signInAdmin } from '../helpers/testLedger';
import { spawnClient, spawnServer } from './harness/processes';
import { createRandom, testSeed } from './harness/random';

/**
 * kill -9 of a branch PC and of the head-office server, as real processes, at random moments —
 * including after head office committed a push and before the PC heard the answer. After
 * restarting on the same files, sync completes and nothing is lost, half-written or twice.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Target {
  kind: string;
  /** Where the server keeps its data: a PGlite folder or a PostgreSQL database. */
  storage(): Promise<{ dataDir?: string; databaseUrl?: string }>;
}

const targets: Target[] = [{ kind: 'pglite', storage: async () => ({ dataDir: tempDir('ho-kill-') }) }];
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) {
  targets.push({
    kind: 'postgres',
    storage: async () => {
      const created = await createPostgresDatabase(testDatabaseUrl);
      cleanups.push(() => created.drop());
      return { databaseUrl: created.url };
    },
  });
}

/** Documents whose rows are not whole: no lines, no movements, or lines and movements that disagree. */
function partialDocuments(pc: Pc): number {
  return (
    pc.app.db.$client
      .prepare(
        `SELECT COUNT(*) AS n FROM stock_documents d
          WHERE NOT EXISTS (SELECT 1 FROM stock_document_lines l WHERE l.document_id = d.id)
             OR NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.document_id = d.id)
             OR d.total_qty <> (SELECT COALESCE(SUM(l.qty), 0) FROM stock_document_lines l WHERE l.document_id = d.id)
             OR (SELECT COALESCE(SUM(l.qty), 0) FROM stock_document_lines l WHERE l.document_id = d.id)
                <> (SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m WHERE m.document_id = d.id)`,
      )
      .get() as { n: number }
  ).n;
}

function integrity(pc: Pc): string {
  return (pc.app.db.$client.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
}

for (const target of targets) {
  describe(`kill -9 [${target.kind}]`, { timeout: 150_000 }, () => {
    it('a PC killed at random moments, several times right after head office committed its push: restarted, it syncs to completion, every document once', async () => {
      const seed = testSeed();
      console.log(`[killNine client ${target.kind}] seed ${seed}`);
      const random = createRandom(seed);
      const storage = await target.storage();
      const server = await spawnServer(storage);
      cleanups.push(() => server.kill9());
      // Every push answer is held 40–200 ms after head office gave it: the window to kill in.
      const proxy = await startFaultProxy({ upstream: server.url, random: createRandom(seed + 1), faultRate: 0, answerDelayMs: [40, 200] });
      cleanups.push(() => proxy.close());
      const products = await seedCatalogue(server.url, 3);
      proxy.enabled = false;
      const branch = await createBranchPcs({ adminUrl: server.url, pcServerUrl: proxy.url, code: 'KC01', pcs: 1 });
      const founder = branch.pcs[0] as Pc;
      const dataDir = founder.dataDir;
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      founder.close();
      proxy.enabled = true;

      const KILLS = 6;
      let killedAfterCommit = 0;
      let killedWithUnacked = 0;
      for (let k = 0; k < KILLS; k++) {
        const child = await spawnClient(dataDir, seed + 10 + k, products.map((p) => p.id));
        if (k % 2 === 0) {
          // Wait until head office has answered a push the PC has not received yet.
          for (let waited = 0; proxy.pushAnswersHeld() === 0 && waited < 20_000; waited++) await sleep(1);
        } else {
          await sleep(random.int(100, 1500));
        }
        const heldAtKill = proxy.pushAnswersHeld();
        await child.kill9();
        if (heldAtKill > 0) killedAfterCommit++;
        const pc = openPc('after-kill', dataDir);
        expect(integrity(pc)).toBe('ok');
        expect(partialDocuments(pc)).toBe(0);
        if (pendingOps(pc) > 0) killedWithUnacked++;
        pc.close();
      }

      proxy.enabled = false;
      const pc = openPc('restarted', dataDir);
      signInAdmin(pc.app);
      for (let round = 0; round < 2; round++) expect((await pc.client['sync.now']({})).lastError).toBeNull();
      expect(integrity(pc)).toBe('ok');
      expect(partialDocuments(pc)).toBe(0);
      expect(pendingOps(pc)).toBe(0);
      await server.stop();
      const opened = await openServerDb(storage);
      try {
        const view = await headOfficeView(opened.db, branch.branchId);
        const check = expectBranchConverged('KC01', [pc], view);
        console.log(
          `[killNine client ${target.kind}] ${KILLS} kills: ${killedAfterCommit} after head office committed and before the PC heard, ` +
            `${killedWithUnacked} with unacked ops in the outbox; then ${check.documents} documents and ${check.ops} ops at head office once each (outbox ${outboxCount(pc)} ops)`,
        );
        expect(view.documentIds).toEqual(outboxDocumentIds(pc));
      } finally {
        await opened.close();
        pc.close();
      }
      expect(killedAfterCommit, 'kills that landed between commit and ack').toBeGreaterThanOrEqual(KILLS / 2);
      expect(killedWithUnacked).toBeGreaterThanOrEqual(killedAfterCommit);
    });

    it('the server killed mid-push several times and restarted on its data: the PCs resume and converge, nothing twice', async () => {
      const seed = testSeed();
      console.log(`[killNine server ${target.kind}] seed ${seed}`);
      const random = createRandom(seed);
      const storage = await target.storage();
      let server = await spawnServer(storage);
      cleanups.push(() => server.kill9());
      const proxy = await startFaultProxy({ upstream: server.url, random: createRandom(seed + 1), faultRate: 0 });
      cleanups.push(() => proxy.close());
      const products = await seedCatalogue(server.url, 3);
      const branch = await createBranchPcs({ adminUrl: server.url, pcServerUrl: proxy.url, code: 'KS01', pcs: 2 });
      for (const pc of branch.pcs) cleanups.push(() => pc.dispose());

      // The PCs post and sync in the background until told to stop.
      let working = true;
      let failedSyncs = 0;
      const work = Promise.all(
        branch.pcs.map(async (pc, i) => {
          const r = createRandom(seed + 100 + i);
          while (working) {
            for (let n = r.int(2, 8); n > 0; n--) await postRandomDocument(pc, r, products);
            if ((await pc.client['sync.now']({})).lastError) {
              failedSyncs++;
              // Head office is down: wait a little, as the scheduler's backoff would.
              await sleep(200);
            }
            await sleep(r.int(0, 20));
          }
        }),
      );

      const KILLS = 6;
      let midPush = 0;
      for (let k = 0; k < KILLS; k++) {
        await sleep(random.int(100, 600));
        for (let waited = 0; proxy.pushesAtServer() === 0 && waited < 20_000; waited++) await sleep(1);
        if (proxy.pushesAtServer() > 0) midPush++;
        await server.kill9();
        await sleep(random.int(0, 300));
        server = await spawnServer(storage);
        proxy.setUpstream(server.url);
      }
      working = false;
      await work;

      for (let round = 0; round < 2; round++) for (const pc of branch.pcs) expect((await pc.client['sync.now']({})).lastError, `${pc.name} final sync`).toBeNull();
      await server.stop();
      const opened = await openServerDb(storage);
      try {
        const check = expectBranchConverged('KS01', branch.pcs, await headOfficeView(opened.db, branch.branchId));
        console.log(
          `[killNine server ${target.kind}] ${KILLS} server kills, ${midPush} with a push inside the server; ${failedSyncs} syncs failed meanwhile, ${proxy.counts.upstreamFailed} requests cut by a dead server; ` +
            `then ${check.documents} documents and ${check.ops} ops at head office once each, ${check.negativeBalances} negative balances / ${check.openExceptions} open exceptions`,
        );
      } finally {
        await opened.close();
      }
      expect(midPush).toBeGreaterThanOrEqual(KILLS / 2);
      expect(proxy.counts.upstreamFailed).toBeGreaterThan(0);
    });
  });
}
