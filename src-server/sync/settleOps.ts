import type { BranchSetupArgs, MasterSeedArgs, OpScope, StockDocumentArgs } from '../../src-main/sync/protocol';
import type { ServerTx } from '../openServerDb';
import { applyBranchSetup } from './applyBranchSetup';
import { applyDocumentOp } from './applyDocumentOp';
import { applyMasterSeed } from './applyMasterSeed';
import { flushBatchState, loadBatchState, type BatchState } from './batchState';
import { OpRejected, permanentRejection } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/** An op whose name, version and args the registry accepted, ready to apply. */
export interface ValidOp extends SettledOp {
  scope: OpScope;
  args: unknown;
}

export type Outcome = { status: 'applied' } | { status: 'rejected'; code: string; message: string };

async function applyAll(tx: ServerTx, ctx: OpContext, ops: readonly ValidOp[]): Promise<Outcome[]> {
  const state: BatchState = await loadBatchState(tx, ctx, {
    documentArgs: ops.filter((op) => op.scope === 'document').map((op) => op.args as StockDocumentArgs),
    setupArgs: ops.filter((op) => op.scope === 'branch-setup').map((op) => op.args as BranchSetupArgs),
  });
  const outcomes: Outcome[] = [];
  for (const op of ops) {
    try {
      if (op.scope === 'document') applyDocumentOp(state, ctx, op, op.args as StockDocumentArgs);
      else if (op.scope === 'branch-setup') applyBranchSetup(state, ctx, op, op.args as BranchSetupArgs);
      else await applyMasterSeed(tx, state, ctx, op, op.args as MasterSeedArgs);
      outcomes.push({ status: 'applied' });
    } catch (e) {
      if (!(e instanceof OpRejected)) throw e;
      outcomes.push({ status: 'rejected', code: e.code, message: e.message });
    }
  }
  await flushBatchState(tx, ctx, state);
  return outcomes;
}

/**
 * Applies a run of consecutive ops. First all together, in one savepoint; if the database then
 * refuses something that the checks before it could not foresee (text it cannot store, a
 * constraint), that savepoint is rolled back and the ops go again one by one, each in its own
 * savepoint, so only the op at fault is rejected and the others apply. Errors that are not the
 * ops' fault (connection, deadlock) pass through and fail the whole push.
 */
export async function settleOps(tx: ServerTx, ctx: OpContext, ops: readonly ValidOp[]): Promise<Outcome[]> {
  if (ops.length === 0) return [];
  try {
    return await tx.transaction((sp) => applyAll(sp, ctx, ops));
  } catch (e) {
    const rejection = permanentRejection(e);
    if (!rejection) throw e;
    if (ops.length === 1) return [{ status: 'rejected', code: rejection.code, message: rejection.message }];
  }
  const outcomes: Outcome[] = [];
  for (const op of ops) {
    try {
      outcomes.push(...(await tx.transaction((sp) => applyAll(sp, ctx, [op]))));
    } catch (e) {
      const rejection = permanentRejection(e);
      if (!rejection) throw e;
      outcomes.push({ status: 'rejected', code: rejection.code, message: rejection.message });
    }
  }
  return outcomes;
}
