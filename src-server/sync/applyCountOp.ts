import type { CountOp } from '../../src-main/sync/protocol';
import type { BatchState, CountRow } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * A stock count's ops (registry.ts). A count belongs to the branch whose device started it: any
 * device of that branch may count on it, review it and close it; no other branch may touch it or
 * see it (its changes go to its branch only). Head office keeps each count's status, so a
 * closed count takes no more entries or decisions — the PC that sent one hears why — and each
 * entry id, so an entry is relayed once however often it is pushed.
 */
export function applyCountOp(state: BatchState, ctx: OpContext, op: SettledOp, count: CountOp): void {
  const relay = (itemId: string) =>
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'counts',
      kind: 'op',
      itemId,
      originDeviceId: ctx.deviceId,
      payload: { name: op.name, version: op.version, args: count.args, originDeviceId: ctx.deviceId },
    });

  if (count.scope === 'count') {
    const c = count.args.count;
    if (state.warehouseBranch.get(c.warehouseId) !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${c.warehouseId} is not a warehouse of branch ${ctx.branchCode}`);
    const known = state.counts.get(c.id);
    if (known) {
      if (known.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Count ${c.id} belongs to another branch`);
      return;
    }
    const row: CountRow = {
      id: c.id,
      branchId: ctx.branchId,
      originDeviceId: ctx.deviceId,
      docNo: c.docNo,
      warehouseId: c.warehouseId,
      status: 'counting',
      statusHlc: c.hlc,
      adjustmentDocumentId: null,
      receivedAt: ctx.now,
    };
    state.counts.set(c.id, row);
    state.countsToWrite.set(c.id, row);
    state.newCountIds.push(c.id);
    // The branch's other PCs apply it as the origin wrote it, in their own branch.
    relay(c.id);
    return;
  }

  const known = ownCount(state, ctx, count.args.countId);
  switch (count.scope) {
    case 'count-snapshot-part':
      // The snapshot is the starting PC's alone (single writer), sent with its start.
      if (known.originDeviceId !== ctx.deviceId) throw new OpRejected('FORBIDDEN', `Count ${known.docNo} was started on another device`);
      relay(known.id);
      return;
    case 'count-entry': {
      const entry = count.args.entry;
      const owner = state.countEntryOwner.get(entry.id);
      if (owner) {
        if (owner.countId !== known.id || owner.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Count entry ${entry.id} belongs to another count`);
        return;
      }
      requireOpen(known);
      state.countEntryOwner.set(entry.id, { countId: known.id, branchId: ctx.branchId });
      state.newCountEntries.push({ id: entry.id, countId: known.id, branchId: ctx.branchId, deviceId: ctx.deviceId, receivedAt: ctx.now });
      relay(entry.id);
      return;
    }
    case 'count-review':
      requireOpen(known);
      relay(known.id);
      return;
    case 'count-status': {
      const s = count.args;
      if (known.status === 'posted' || known.status === 'cancelled') {
        if (s.status === known.status && s.adjustmentDocumentId === known.adjustmentDocumentId) return;
        throw new OpRejected('COUNT_CLOSED', `Count ${known.docNo} is already ${known.status} at head office; this ${s.status} was not applied`);
      }
      if (s.adjustmentDocumentId !== null) {
        const document = state.documents.get(s.adjustmentDocumentId);
        if (document?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Document ${s.adjustmentDocumentId} is not a document of branch ${ctx.branchCode}`);
      }
      if (s.status === 'posted' && known.originDeviceId !== ctx.deviceId) {
        throw new OpRejected('FORBIDDEN', `Count ${known.docNo} was started on another device; only that device posts it`);
      }
      const closing = s.status === 'posted' || s.status === 'cancelled';
      // Between counting and review the later status by HLC wins, as on the PCs; closing always does.
      if (closing || s.hlc > known.statusHlc) {
        const row: CountRow = { ...known, status: s.status, statusHlc: s.hlc, adjustmentDocumentId: s.adjustmentDocumentId };
        state.counts.set(known.id, row);
        state.countsToWrite.set(known.id, row);
      }
      relay(known.id);
      return;
    }
  }
}

function ownCount(state: BatchState, ctx: OpContext, countId: string): CountRow {
  const known = state.counts.get(countId);
  if (!known) throw new OpRejected('COUNT_UNKNOWN', `Count ${countId} is not at head office`);
  if (known.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Count ${countId} belongs to another branch`);
  return known;
}

function requireOpen(count: CountRow): void {
  if (count.status === 'posted' || count.status === 'cancelled') {
    throw new OpRejected('COUNT_CLOSED', `Count ${count.docNo} is already ${count.status}; entries and decisions after that do not count`);
  }
}
