import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES } from '../../src-main/sync/protocol';
import { countCounterDrift } from '../helpers/countCounters';
import { refusal } from '../helpers/refusal';
import { expectBranchConverged } from './harness/checks';
import { headOfficeView, seedCatalogue, serverTargets, startHeadOffice, type CatalogueProduct, type ServerTarget } from './harness/headOffice';
import { createBranchPcs, localBalances, type Pc } from './harness/pc';

/**
 * Two clerks count one warehouse on two PCs of the branch: the count started on one PC reaches
 * the other by sync, both scan, and after sync both show one count with the same figures; the
 * review and posting done on one PC reach the other with the adjustment and the same stock.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

const sqlite = (pc: Pc) => pc.app.db.$client;

type Product = CatalogueProduct;

/** Head office, a branch with two PCs, and `stocked` of `products` received (100 each) in its main warehouse on PC A. */
async function countingBranch(target: ServerTarget, code: string, products: number, stocked: number, options: { lotTracked?: boolean } = {}) {
  const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
  cleanups.push(() => ho.stop());
  const catalogue = await seedCatalogue(ho.url, products, undefined, options);
  const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code, pcs: 2 });
  const [a, b] = branch.pcs as [Pc, Pc];
  for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
  await syncAll([a]);
  const warehouseId = (sqlite(a).prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
  if (stocked > 0) await a.client['stock.receive']({ warehouseId, lines: catalogue.slice(0, stocked).map((p) => ({ productId: p.id, unitCode: 'EA', qty: 100, unitCostFen: 100 })) });
  return { ho, branch, a, b, warehouseId, products: catalogue };
}

async function syncAll(pcs: readonly Pc[]): Promise<void> {
  for (const pc of pcs) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });
}

/** What a clerk sees of a count on this PC: header, progress, and each line's figures. */
async function countSeen(pc: Pc, id: string) {
  const detail = await pc.client['counts.get']({ id });
  const lines = await pc.client['counts.lines']({ id, filter: 'all', sort: 'product', limit: 500 });
  return {
    docNo: detail.docNo,
    status: detail.status,
    progress: { expected: detail.expectedLines, counted: detail.countedLines, found: detail.foundLines },
    entries: detail.entries,
    counters: [...detail.counters].sort(),
    adjustment: detail.adjustment?.docNo ?? null,
    lines: lines.rows.map((l) => ({
      productId: l.productId,
      expected: l.expected,
      round: l.round,
      bookQty: l.bookQty,
      countedQty: l.countedQty,
      varianceQty: l.varianceQty,
      reasonCode: l.reasonCode,
      approved: l.approved,
    })),
  };
}

/** Every row of the count's tables on this PC, to show a replay changes nothing. */
function countTables(pc: Pc) {
  return {
    counts: sqlite(pc).prepare('SELECT * FROM stock_counts ORDER BY id').all(),
    lines: sqlite(pc).prepare('SELECT * FROM stock_count_lines ORDER BY count_id, product_id, lot_id').all(),
    entries: sqlite(pc).prepare('SELECT * FROM stock_count_entries ORDER BY id').all(),
    documents: sqlite(pc).prepare('SELECT id FROM stock_documents ORDER BY id').all(),
    movements: sqlite(pc).prepare('SELECT COUNT(*) AS n FROM stock_movements').get(),
    balances: [...localBalances(pc)],
  };
}

for (const target of targets) {
  describe(`a count on several PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('counted on two PCs, reviewed and posted on one: both show one count with the same figures, the adjustment and the same stock; pulling again changes nothing', async () => {
      const { ho, branch, a, b, warehouseId, products } = await countingBranch(target, 'CT01', 5, 4);
      const [p0, p1, p2, p3, found] = products as [Product, Product, Product, Product, Product];

      // A starts the count; B takes it by sync and can count on it.
      const count = await a.client['counts.start']({ warehouseId, scope: 'full', blind: false });
      expect(count.expectedLines).toBe(4);
      await syncAll([a, b]);
      expect(await countSeen(b, count.id)).toEqual(await countSeen(a, count.id));

      // Both count the same line and different ones; B scans a product the book did not hold; A undoes a wrong scan.
      await a.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 60, counter: '张三' });
      await b.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 30, counter: '李四' });
      await b.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 100, counter: '李四' });
      await b.client['counts.record']({ countId: count.id, productId: found.id, unitCode: 'EA', qty: 3, counter: '李四' });
      // …which turns out to be the neighbour's shelf: B undoes it (the found line stays, counted 0).
      await b.client['counts.undo']({ countId: count.id, counter: '李四' });
      await a.client['counts.record']({ countId: count.id, productId: p2.id, unitCode: 'EA', qty: 50, counter: '张三' });
      await a.client['counts.record']({ countId: count.id, productId: p2.id, unitCode: 'EA', qty: 7, counter: '张三' });
      await a.client['counts.undo']({ countId: count.id, counter: '张三' });
      await a.client['counts.record']({ countId: count.id, productId: p3.id, unitCode: 'EA', qty: 100, counter: '张三' });
      await syncAll([a, b, a]);

      const merged = await countSeen(a, count.id);
      expect(await countSeen(b, count.id)).toEqual(merged);
      expect(merged.progress).toEqual({ expected: 4, counted: 4, found: 1 });
      expect(merged.entries).toBe(9);
      expect(merged.counters).toEqual(['张三', '李四']);
      const countedOf = (productId: string) => merged.lines.find((l) => l.productId === productId)?.countedQty;
      expect([p0, p1, p2, p3, found].map((p) => countedOf(p.id))).toEqual([90, 100, 50, 100, 0]);
      for (const pc of branch.pcs) expect(countCounterDrift(sqlite(pc)), pc.name).toEqual({ counts: [], lines: [] });

      // A submits and sends p0 back for a recount; B recounts it in round 2.
      await a.client['counts.submit']({ id: count.id });
      await a.client['counts.recount']({ id: count.id, lines: [{ productId: p0.id, lotId: lotOf(a, count.id, p0.id) }] });
      await syncAll([a, b]);
      expect((await countSeen(b, count.id)).status).toBe('counting');
      await b.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 96, counter: '李四' });
      await syncAll([b, a]);
      const recounted = await countSeen(a, count.id);
      expect(recounted.lines.find((l) => l.productId === p0.id)).toMatchObject({ round: 2, countedQty: 96 });
      expect(recounted).toEqual(await countSeen(b, count.id));

      // A reviews and posts; B sees it posted with the adjustment and the same stock.
      await a.client['counts.submit']({ id: count.id });
      await a.client['counts.setReason']({ id: count.id, reasonCode: 'damage' });
      await a.client['counts.approve']({ id: count.id });
      await a.client['counts.approve']({ id: count.id, lines: [{ productId: p0.id, lotId: lotOf(a, count.id, p0.id) }] });
      // Only the PC that started the count posts it: two PCs posting offline would post two adjustments.
      await syncAll([a, b]);
      expect((await refusal(b.client['counts.post']({ id: count.id, uncounted: 'zero' }))).code).toBe('COUNT_POST_ELSEWHERE');
      const posted = await a.client['counts.post']({ id: count.id, uncounted: 'zero' });
      expect(posted.status).toBe('posted');
      expect(posted.adjustment).not.toBeNull();
      await syncAll([a, b, a]);

      const onA = await countSeen(a, count.id);
      expect(onA.lines.find((l) => l.productId === p0.id)).toMatchObject({ reasonCode: 'damage', approved: true });
      expect(await countSeen(b, count.id)).toEqual(onA);
      expect(localBalances(b)).toEqual(localBalances(a));
      const p0Key = [...localBalances(a)].find(([k]) => k.includes(p0.id));
      expect(p0Key?.[1]).toBe(96);
      expectBranchConverged('count posted', branch.pcs, await headOfficeView(ho.opened.db, branch.branchId));
      // Head office's checksums of counts and entries match both PCs': nothing to fetch again.
      for (const pc of branch.pcs) {
        expect((await pc.client['sync.status']({})).divergence).toEqual([]);
        expect(sqlite(pc).prepare("SELECT value FROM sync_state WHERE key = 'refetch'").get()).toEqual({ value: '{}' });
      }
      for (const pc of branch.pcs) expect(countCounterDrift(sqlite(pc)), pc.name).toEqual({ counts: [], lines: [] });
      // A posted count on B is frozen as on A.
      await expect(b.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 1, counter: '李四' })).rejects.toMatchObject({ code: 'COUNT_STATE' });

      // Pulling everything again from the start applies nothing twice.
      const before = countTables(b);
      sqlite(b).prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([b]);
      expect(countTables(b)).toEqual(before);
    });

    it('review decisions made on two PCs at once merge per field: an approval on one and a reason on the other both stay, and of two reasons the later one wins on both', async () => {
      const { branch, a, b, warehouseId, products } = await countingBranch(target, 'CT02', 2, 2);
      const [p0, p1] = products as [Product, Product];
      const count = await a.client['counts.start']({ warehouseId, scope: 'full', blind: false });
      await a.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 80, counter: '张三' });
      await a.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 90, counter: '张三' });
      await a.client['counts.submit']({ id: count.id });
      await syncAll([a, b]);
      expect((await countSeen(b, count.id)).status).toBe('review');

      const line0 = { productId: p0.id, lotId: lotOf(a, count.id, p0.id) };
      const line1 = { productId: p1.id, lotId: lotOf(a, count.id, p1.id) };
      // Neither PC has seen the other's decisions when it makes its own.
      await a.client['counts.approve']({ id: count.id, lines: [line0] });
      await a.client['counts.setReason']({ id: count.id, reasonCode: 'damage', lines: [line1] });
      await b.client['counts.setReason']({ id: count.id, reasonCode: 'theft_loss', lines: [line0, line1] });
      const reasonClock = (pc: Pc) =>
        (sqlite(pc).prepare('SELECT reason_hlc FROM stock_count_lines WHERE count_id = ? AND product_id = ?').get(count.id, p1.id) as { reason_hlc: string }).reason_hlc;
      const laterReason = reasonClock(a) > reasonClock(b) ? 'damage' : 'theft_loss';
      await syncAll([a, b, a]);

      const onA = await countSeen(a, count.id);
      expect(await countSeen(b, count.id)).toEqual(onA);
      expect(onA.lines.find((l) => l.productId === p0.id)).toMatchObject({ approved: true, reasonCode: 'theft_loss' });
      expect(onA.lines.find((l) => l.productId === p1.id)).toMatchObject({ reasonCode: laterReason });
      for (const pc of branch.pcs) expect(countCounterDrift(sqlite(pc)), pc.name).toEqual({ counts: [], lines: [] });
    });

    it('an entry made on a PC that had not heard the count was posted is refused by head office and shown to that PC; the count stays posted as posted', async () => {
      const { a, b, warehouseId, products } = await countingBranch(target, 'CT03', 1, 1);
      const [p0] = products as [Product];
      const count = await a.client['counts.start']({ warehouseId, scope: 'full', blind: false });
      await syncAll([a, b]);
      await a.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 100, counter: '张三' });
      await a.client['counts.submit']({ id: count.id });
      await a.client['counts.post']({ id: count.id, uncounted: 'zero' });
      await syncAll([a]);

      // B is still counting when it records, offline from what A did.
      await b.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 5, counter: '李四' });
      const status = await b.client['sync.now']({});
      expect(status.rejected.map((r) => [r.name, r.code])).toEqual([['counts.entry', 'COUNT_CLOSED']]);
      const onB = await countSeen(b, count.id);
      expect(onB.status).toBe('posted');
      expect(onB.adjustment).toBe((await countSeen(a, count.id)).adjustment);
      expect(localBalances(b)).toEqual(localBalances(a));
      expect(countCounterDrift(sqlite(a))).toEqual({ counts: [], lines: [] });
    });

    it('entries that missed the posting — one head office took after the posting PC last heard, and ones made offline after it posted — are in neither PC\'s figures: both show what was posted, and the late entries say so', async () => {
      const { a, b, warehouseId, products } = await countingBranch(target, 'CT05', 3, 2);
      const [p0, p1, found] = products as [Product, Product, Product];
      const count = await a.client['counts.start']({ warehouseId, scope: 'full', blind: false });
      await syncAll([a, b]);
      await a.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 100, counter: '张三' });
      const onTime = await b.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 40, counter: '李四' });
      await syncAll([b, a]);

      // B counts one more; head office takes it, but A posts before it hears of it.
      const missed = await b.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 1, counter: '李四' });
      await syncAll([b]);
      await a.client['counts.submit']({ id: count.id });
      await a.client['counts.setReason']({ id: count.id, reasonCode: 'damage' });
      await a.client['counts.approve']({ id: count.id });
      await a.client['counts.post']({ id: count.id, uncounted: 'zero' });
      await syncAll([a]);

      // B, not yet knowing, counts on: a line A counted, and goods the book did not hold (a found line).
      const afterPost = [
        await b.client['counts.record']({ countId: count.id, productId: p0.id, unitCode: 'EA', qty: 5, counter: '李四' }),
        await b.client['counts.record']({ countId: count.id, productId: found.id, unitCode: 'EA', qty: 2, counter: '王五' }),
      ];
      const status = await b.client['sync.now']({});
      expect(status.rejected.map((r) => [r.name, r.code])).toEqual([
        ['counts.entry', 'COUNT_CLOSED'],
        ['counts.entry', 'COUNT_CLOSED'],
      ]);
      await syncAll([a]);

      const onA = await countSeen(a, count.id);
      expect(onA.status).toBe('posted');
      expect(onA.progress).toEqual({ expected: 2, counted: 2, found: 0 });
      expect(onA.counters).toEqual(['张三', '李四']);
      expect(onA.entries).toBe(2);
      expect(onA.lines.find((l) => l.productId === p0.id)).toMatchObject({ countedQty: 100, varianceQty: 0 });
      expect(onA.lines.find((l) => l.productId === p1.id)).toMatchObject({ countedQty: 40, varianceQty: -60 });
      expect(await countSeen(b, count.id)).toEqual(onA);
      const countersOfLines = async (pc: Pc) => (await pc.client['counts.lines']({ id: count.id, filter: 'all', sort: 'product', limit: 500 })).rows.map((l) => [l.productId, l.counters]);
      expect(await countersOfLines(b)).toEqual(await countersOfLines(a));
      expect(localBalances(b)).toEqual(localBalances(a));
      for (const pc of [a, b]) expect(countCounterDrift(sqlite(pc)), pc.name).toEqual({ counts: [], lines: [] });

      // Each PC lists the late entries it holds as late: B all three, A the one head office took.
      const entriesOn = async (pc: Pc) => await pc.client['counts.entries']({ countId: count.id, limit: 50 });
      const lateOn = async (pc: Pc) => (await entriesOn(pc)).filter((e) => e.late).map((e) => e.id).sort();
      expect(await lateOn(b)).toEqual([missed.entry.id, ...afterPost.map((r) => r.entry.id)].sort());
      expect(await lateOn(a)).toEqual([missed.entry.id]);
      expect((await entriesOn(b)).find((e) => e.id === onTime.entry.id)?.late).toBe(false);
      // Still frozen on B.
      await expect(b.client['counts.record']({ countId: count.id, productId: p1.id, unitCode: 'EA', qty: 1, counter: '李四' })).rejects.toMatchObject({ code: 'COUNT_STATE' });
    });

    it('a 20,000-line count goes to the branch\'s other PC as ops far under a push\'s limit, and is counted there', async () => {
      const { branch, a, b, warehouseId, products } = await countingBranch(target, 'CT04', 20, 0, { lotTracked: true });
      // 20 products in 1,000 lots each, received 500 lines at a time.
      for (const product of products) {
        for (let from = 0; from < 1000; from += 500) {
          const lines = Array.from({ length: 500 }, (_, i) => ({ productId: product.id, unitCode: 'EA', qty: 2, unitCostFen: 100, lotCode: `L${from + i}`, expiryDate: '2027-11-01' }));
          await a.client['stock.receive']({ warehouseId, lines });
        }
      }
      const seq = (sqlite(a).prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number }).s;
      const count = await a.client['counts.start']({ warehouseId, scope: 'full', blind: true });
      expect(count.expectedLines).toBe(20_000);
      const ops = sqlite(a).prepare('SELECT name, length(CAST(args AS BLOB)) AS bytes FROM sync_outbox WHERE seq > ? ORDER BY seq').all(seq) as { name: string; bytes: number }[];
      expect(ops.map((o) => o.name)).toEqual(['counts.start', ...Array.from({ length: 19 }, () => 'counts.snapshotPart')]);
      for (const op of ops) expect(op.bytes).toBeLessThan(MAX_PUSH_BYTES / 2);
      await syncAll([a, b]);

      const [first] = products as [Product];
      await b.client['counts.record']({ countId: count.id, productId: first.id, unitCode: 'EA', qty: 2, lotCode: 'L7', counter: '李四' });
      await syncAll([b, a]);
      const seen = await countSeen(a, count.id);
      expect(seen.progress).toEqual({ expected: 20_000, counted: 1, found: 0 });
      expect(await countSeen(b, count.id)).toEqual(seen);
      for (const pc of branch.pcs) expect(countCounterDrift(sqlite(pc)), pc.name).toEqual({ counts: [], lines: [] });
    });
  });
}

function lotOf(pc: Pc, countId: string, productId: string): string {
  return (sqlite(pc).prepare('SELECT lot_id FROM stock_count_lines WHERE count_id = ? AND product_id = ?').get(countId, productId) as { lot_id: string }).lot_id;
}
