import { inArray } from 'drizzle-orm';
import type { ProductLocationsArgs, ReplenishmentPoliciesArgs } from '../../src-main/sync/protocol';
import { warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * A branch's settings for products in its warehouses: only the branch's own warehouses,
 * relayed to its other PCs, which merge each row last-writer-wins by HLC. Head office keeps
 * them only as the relayed op.
 */
async function relayWarehouseProductRows(
  tx: ServerTx,
  state: BatchState,
  ctx: OpContext,
  op: SettledOp,
  args: unknown,
  rows: readonly { warehouseId: string; productId: string }[],
  bucket: string,
): Promise<void> {
  const ids = [...new Set(rows.map((l) => l.warehouseId))];
  const found = await tx.select({ id: warehouses.id, branchId: warehouses.branchId }).from(warehouses).where(inArray(warehouses.id, ids));
  const branchOf = new Map(found.map((w) => [w.id, w.branchId]));
  for (const id of ids) {
    if ((state.warehouseBranch.get(id) ?? branchOf.get(id)) !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${id} is not a warehouse of branch ${ctx.branchCode}`);
  }
  state.changes.push({
    branchId: ctx.branchId,
    bucket,
    kind: 'op',
    itemId: rows[0]?.productId ?? '',
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args, originDeviceId: ctx.deviceId },
  });
}

/** Bins of products in a branch's warehouses (`products.setLocations`). */
export async function applyProductLocations(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: ProductLocationsArgs): Promise<void> {
  await relayWarehouseProductRows(tx, state, ctx, op, args, args.locations, 'locations');
}

/** The buyer's reorder levels for products in a branch's warehouses (`replenishment.policies`). */
export async function applyReplenishmentPolicies(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: ReplenishmentPoliciesArgs): Promise<void> {
  await relayWarehouseProductRows(tx, state, ctx, op, args, args.policies, 'replenishment');
}
