import { afterEach, describe, expect, it } from 'vitest';
import { highestAckedSeq, markAcked, pruneAckedOps, unackAfter } from '../../src-main/sync/syncState';
import { createTestLedger, testNow, type TestLedger } from '../helpers/testLedger';

const open: TestLedger[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

async function ledgerWithOps(n: number): Promise<TestLedger> {
  const l = await createTestLedger({ autoSync: false });
  open.push(l);
  while (l.count('sync_outbox') < n) {
    await l.client['stock.receive']({
      warehouseId: l.catalogue.warehouseId,
      lines: [{ productId: l.catalogue.tissue.id, unitCode: 'EA', qty: 1, unitCostFen: 100 }],
    });
  }
  return l;
}

describe('the outbox bookkeeping', () => {
  it('the highest acked seq is the last one head office settled, also after those ops were pruned, and follows a restore', async () => {
    const l = await ledgerWithOps(12);
    const db = l.app.db;
    expect(l.count('sync_outbox')).toBe(12);
    expect(highestAckedSeq(db)).toBe(0);

    markAcked(db, 7, testNow);
    expect(highestAckedSeq(db)).toBe(7);
    // Acked a month ago: pruned, yet head office still settled them.
    expect(pruneAckedOps(db, testNow + 1)).toBe(7);
    expect(highestAckedSeq(db)).toBe(7);

    // Head office restored from a backup that had only up to 9; nothing acked after it.
    markAcked(db, 12, testNow);
    expect(highestAckedSeq(db)).toBe(12);
    expect(unackAfter(db, 9)).toBe(3);
    expect(highestAckedSeq(db)).toBe(9);
  });
});
