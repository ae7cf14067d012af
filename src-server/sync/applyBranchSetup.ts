import type { BranchSetupArgs } from '../../src-main/sync/protocol';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * `setup.createBranch`: the first device of a branch founds it and brings its warehouses. A
 * second device of the same branch must join (enrol, then pull the warehouses) rather than found
 * it again — two sets of warehouses would split the branch's stock in two.
 */
export function applyBranchSetup(state: BatchState, ctx: OpContext, op: SettledOp, args: BranchSetupArgs): void {
  if (args.branch.code !== ctx.branchCode) {
    throw new OpRejected('FORBIDDEN', `This ledger was set up as branch ${args.branch.code}, but the device is enrolled for branch ${ctx.branchCode}`);
  }
  if ([...state.warehouseOrigins].some((origin) => origin !== ctx.deviceId)) {
    throw new OpRejected('BRANCH_ALREADY_FOUNDED', `Branch ${ctx.branchCode} was already set up on another PC; this PC should join it instead`);
  }
  const foreign = args.warehouses.find((w) => {
    const branch = state.warehouseBranch.get(w.id);
    return branch !== undefined && branch !== ctx.branchId;
  });
  if (foreign) throw new OpRejected('FORBIDDEN', `Warehouse ${foreign.id} belongs to another branch`);
  const codes = new Set(state.newWarehouses.map((w) => w.code));
  const fresh = args.warehouses.filter((w) => !state.warehouseBranch.has(w.id));

  for (const w of fresh) {
    if (codes.has(w.code)) throw new OpRejected('CONFLICT', `Warehouse code ${w.code} is used twice`);
    codes.add(w.code);
  }
  for (const w of fresh) {
    state.warehouseBranch.set(w.id, ctx.branchId);
    state.warehouseOrigins.add(ctx.deviceId);
    state.newWarehouses.push({ ...w, branchId: ctx.branchId, originDeviceId: ctx.deviceId, hlc: op.hlc, createdAt: ctx.now });
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'warehouses',
      kind: 'master',
      itemId: w.id,
      payload: {
        entity: 'warehouse',
        id: w.id,
        fields: {
          code: { value: w.code, hlc: op.hlc },
          name: { value: w.name, hlc: op.hlc },
          kind: { value: w.kind, hlc: op.hlc },
          active: { value: true, hlc: op.hlc },
        },
      },
    });
  }
}
