import { afterEach, describe, expect, it } from 'vitest';
import { faultKinds, startFaultProxy, type FaultProxy } from './faultProxy';
import { expectBranchConverged } from './harness/checks';
import { headOfficeView, seedCatalogue, serverTargets, startHeadOffice, type HeadOffice } from './harness/headOffice';
import { createBranchPcs, pendingOps, postRandomDocument, type Pc, type PostOutcome } from './harness/pc';
import { createRandom, testSeed } from './harness/random';

/**
 * Three PCs of one branch post documents and sync through a proxy that cuts connections, loses
 * answers the server already committed, delays, duplicates and reorders requests; then they sync
 * cleanly. Every PC must end with the same stock, head office with every document exactly once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

const ROUNDS = 30;

for (const target of targets) {
  describe(`sync through a faulty network [${target.kind}]`, { timeout: 120_000 }, () => {
    it('three PCs of a branch, random documents, cuts, lost answers, delays, duplicates and reorders: they converge, nothing lost or twice', async () => {
      const seed = testSeed();
      console.log(`[faultProxy ${target.kind}] seed ${seed} (SYNC_TEST_SEED=${seed} replays it)`);
      const random = createRandom(seed);
      const ho: HeadOffice = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
      cleanups.push(() => ho.stop());
      // Reorder twice as likely: it only counts when another PC's request overtakes the held one.
      const proxy: FaultProxy = await startFaultProxy({ upstream: ho.url, random: createRandom(seed + 1), faultRate: 0.4, kinds: [...faultKinds, 'reorder'] });
      cleanups.push(() => proxy.close());
      const products = await seedCatalogue(ho.url, 3);

      proxy.enabled = false;
      const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: proxy.url, code: 'FP01', pcs: 3 });
      for (const pc of branch.pcs) cleanups.push(() => pc.dispose());

      proxy.enabled = true;
      const posted: Record<PostOutcome, number> = { receipt: 0, writeOff: 0, found: 0, reversal: 0, refused: 0 };
      let failedSyncs = 0;
      let syncs = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const pc of branch.pcs) {
          for (let n = random.int(0, 2); n > 0; n--) posted[await postRandomDocument(pc, random, products)]++;
        }
        // A random subset syncs at once, so requests of several PCs are on the wire together.
        const syncing: Pc[] = branch.pcs.filter(() => random.chance(0.7));
        const results = await Promise.all(syncing.map((pc) => pc.client['sync.now']({})));
        syncs += results.length;
        failedSyncs += results.filter((r) => r.lastError !== null).length;
      }

      proxy.enabled = false;
      for (let round = 0; round < 2; round++) {
        for (const pc of branch.pcs) expect((await pc.client['sync.now']({})).lastError, `${pc.name} clean sync`).toBeNull();
      }

      const c = proxy.counts;
      console.log(
        `[faultProxy ${target.kind}] ${c.requests} requests, ${c.forwarded} forwarded; faults injected: ${c.cutBefore} cuts before the server, ` +
          `${c.lostAnswer} answers lost after commit, ${c.delay} delays, ${c.duplicate} duplicates, ${c.reorder} reorders ` +
          `(${c.reorderUnmatched} held without a request to overtake them); ${failedSyncs} of ${syncs} syncs failed; ` +
          `documents posted: ${posted.receipt} receipts, ${posted.writeOff} write-offs, ${posted.found} found, ${posted.reversal} reversals (${posted.refused} refused locally)`,
      );
      for (const kind of faultKinds) expect(c[kind], `fault ${kind} injected at least once`).toBeGreaterThan(0);
      expect(failedSyncs, 'the faults made syncs fail').toBeGreaterThan(0);
      expect(c.upstreamFailed).toBe(0);

      const check = expectBranchConverged('FP01', branch.pcs, await headOfficeView(ho.opened.db, branch.branchId));
      for (const pc of branch.pcs) expect(pendingOps(pc)).toBe(0);
      console.log(
        `[faultProxy ${target.kind}] converged: ${check.documents} documents and ${check.ops} ops at head office once each, ${check.balances} balances equal on 3 PCs and head office, ` +
          `${check.negativeBalances} negative balances with ${check.openExceptions} open exceptions`,
      );
      expect(check.documents).toBeGreaterThan(20);
    });
  });
}
