import { expect, it } from 'vitest';
import type { CountStatusArgs, PullResponse } from '../../src-main/sync/protocol';
import { describeServer, newId } from './serverHarness';
import { countEntryArgs, countStartArgs, enrolDevice, foundBranch, type TestDevice } from './testDevice';

/**
 * A stock count belongs to its branch: every PC of the branch counts on it and receives what the
 * others counted, and no other branch can push into it or see it.
 */

function statusArgs(device: TestDevice, countId: string, status: CountStatusArgs['status']): CountStatusArgs {
  return { countId, status, hlc: device.hlc(), adjustmentDocumentId: null, closedBy: status === 'cancelled' ? 'user-1' : null, closedAt: status === 'cancelled' ? 3 : null, note: null };
}

const countChanges = (changes: PullResponse['changes']) => changes.filter((c) => c.bucket === 'counts');

describeServer('stock counts', (server) => {
  it('a count started on one PC reaches the branch\'s other PCs with every entry once, and never another branch', async () => {
    const other = await foundBranch(server, 'SH02');
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const start = countStartArgs(founder, warehouses[0]!.id, newId());
    expect(await founder.push([founder.op('counts.start', start)])).toMatchObject({ applied: 1, rejected: [] });

    const entry = countEntryArgs(sibling, start, 12);
    // The same entry pushed again under another op (a PC that re-enrolled, say) is relayed once.
    expect(await sibling.push([sibling.op('counts.entry', entry), sibling.op('counts.entry', entry)])).toMatchObject({ applied: 2, rejected: [] });

    const toFounder = countChanges((await founder.pullAll()).changes);
    expect(toFounder.map((c) => (c.kind === 'op' ? c.name : c.kind))).toEqual(['counts.entry']);
    const toSibling = countChanges((await sibling.pullAll()).changes);
    expect(toSibling.map((c) => (c.kind === 'op' ? c.name : c.kind))).toEqual(['counts.start']);
    expect(countChanges((await other.founder.pullAll()).changes)).toEqual([]);
  });

  it('another branch\'s device cannot start a count in this branch\'s warehouse, nor count, review or close this branch\'s count', async () => {
    const other = await foundBranch(server, 'SH02');
    const { founder, warehouses } = await foundBranch(server, 'BJ01');
    const start = countStartArgs(founder, warehouses[0]!.id, newId());
    await founder.push([founder.op('counts.start', start)]);
    const line = start.lines[0]!;

    const intruder = other.founder;
    const res = await intruder.push([
      intruder.op('counts.start', { ...countStartArgs(intruder, warehouses[0]!.id, newId()) }),
      intruder.op('counts.start', { ...start, count: { ...start.count, warehouseId: other.warehouses[0]!.id } }),
      intruder.op('counts.entry', countEntryArgs(intruder, start, 5)),
      intruder.op('counts.review', { countId: start.count.id, decision: 'reason', lines: [{ productId: line.productId, lotId: line.lotId, round: 1, reasonCode: 'theft_loss', approvedBy: null, approvedAt: null, hlc: intruder.hlc() }] }),
      intruder.op('counts.status', statusArgs(intruder, start.count.id, 'cancelled')),
      intruder.op('counts.snapshotPart', { countId: start.count.id, part: 1, lines: start.lines }),
    ]);
    expect(res.applied).toBe(0);
    expect(res.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // Nothing of it reached the branch.
    expect(countChanges((await founder.pullAll()).changes)).toEqual([]);
  });

  it('only the device that started a count posts it: a sibling may count and cancel, but its post is refused', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const start = countStartArgs(founder, warehouses[0]!.id, newId());
    await founder.push([founder.op('counts.start', start)]);
    const res = await sibling.push([sibling.op('counts.entry', countEntryArgs(sibling, start, 3)), sibling.op('counts.status', statusArgs(sibling, start.count.id, 'posted'))]);
    expect(res.applied).toBe(1);
    expect(res.rejected.map((r) => r.code)).toEqual(['FORBIDDEN']);
    expect(countChanges((await founder.pullAll()).changes).map((c) => (c.kind === 'op' ? c.name : c.kind))).toEqual(['counts.entry']);
  });

  it('a closed count takes no more entries or decisions, an unknown count none at all, and bad count args are refused: each PC hears why', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const start = countStartArgs(founder, warehouses[0]!.id, newId());
    const cancel = statusArgs(founder, start.count.id, 'cancelled');
    expect(await founder.push([founder.op('counts.start', start), founder.op('counts.status', cancel)])).toMatchObject({ applied: 2, rejected: [] });

    const unknown = { ...countEntryArgs(sibling, start, 1), countId: newId() };
    const res = await sibling.push([
      sibling.op('counts.entry', countEntryArgs(sibling, start, 3)),
      sibling.op('counts.status', statusArgs(sibling, start.count.id, 'review')),
      sibling.op('counts.entry', unknown),
      sibling.op('counts.entry', { ...countEntryArgs(sibling, start, 3), entry: { id: 'not-a-uuid' } }),
      // The same close again changes nothing and is no error.
      sibling.op('counts.status', cancel),
    ]);
    expect(res.rejected.map((r) => r.code)).toEqual(['COUNT_CLOSED', 'COUNT_CLOSED', 'COUNT_UNKNOWN', 'INVALID_ARGS']);
    expect(res.applied).toBe(1);
    expect(countChanges((await founder.pullAll()).changes)).toEqual([]);
  });
});
