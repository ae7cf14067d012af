import type { PeriodLockArgs, SalesTargetArgs } from '../../src-main/sync/protocol';
import type { BatchState } from './batchState';
import type { OpContext, SettledOp } from './opContext';

/**
 * A branch's period lock (`periods.lock`): it belongs to the branch whose token pushed it and is
 * relayed to its other PCs, which keep the furthest date. Head office keeps it only as the relayed op.
 */
export function applyPeriodLock(state: BatchState, ctx: OpContext, op: SettledOp, args: PeriodLockArgs): void {
  state.changes.push({
    branchId: ctx.branchId,
    bucket: 'periods',
    kind: 'op',
    itemId: ctx.branchId,
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args, originDeviceId: ctx.deviceId },
  });
}

/**
 * A branch's sales target (`targets.set`): branch data relayed to its other PCs like the period
 * lock, each of which keeps the later HLC per salesperson and month.
 */
export function applySalesTarget(state: BatchState, ctx: OpContext, op: SettledOp, args: SalesTargetArgs): void {
  state.changes.push({
    branchId: ctx.branchId,
    bucket: 'targets',
    kind: 'op',
    itemId: args.id,
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args, originDeviceId: ctx.deviceId },
  });
}
