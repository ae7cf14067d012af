import { inArray } from 'drizzle-orm';
import type { ProductLocationsArgs } from '../../src-main/sync/protocol';
import { warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * Bins of products in a branch's warehouses (`products.setLocations`): only the branch's own
 * warehouses, relayed to its other PCs, which merge each bin last-writer-wins by HLC. Head
 * office keeps them only as the relayed op.
 */
export async function applyProductLocations(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: ProductLocationsArgs): Promise<void> {
  const ids = [...new Set(args.locations.map((l) => l.warehouseId))];
  const found = await tx.select({ id: warehouses.id, branchId: warehouses.branchId }).from(warehouses).where(inArray(warehouses.id, ids));
  const branchOf = new Map(found.map((w) => [w.id, w.branchId]));
  for (const id of ids) {
    if ((state.warehouseBranch.get(id) ?? branchOf.get(id)) !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${id} is not a warehouse of branch ${ctx.branchCode}`);
  }
  state.changes.push({
    branchId: ctx.branchId,
    bucket: 'locations',
    kind: 'op',
    itemId: args.locations[0]?.productId ?? '',
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args, originDeviceId: ctx.deviceId },
  });
}
