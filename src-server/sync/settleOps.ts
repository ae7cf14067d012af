import {
  countScopes,
  type BranchSetupArgs,
  type CountOp,
  type MasterSeedArgs,
  type OpScope,
  type ProductLocationsArgs,
  type ReplenishmentPoliciesArgs,
  type PeriodLockArgs,
  type SalesTargetArgs,
  type PurchaseOrderArgs,
  type StockDocumentArgs,
  type StockDocumentPartArgs,
  type SupplierReturnArgs,
  type TransferReceiptArgs,
  type TransferShipmentArgs,
} from '../../src-main/sync/protocol';
import { applyCountOp } from './applyCountOp';
import type { ServerTx } from '../openServerDb';
import { applyBranchSetup } from './applyBranchSetup';
import { applyDocumentOp, applyDocumentPartOp } from './applyDocumentOp';
import { applyMasterSeed } from './applyMasterSeed';
import { applyPurchaseOp } from './applyPurchaseOp';
import { applySalesOp, salesScopes, type SalesOp } from './applySalesOp';
import { applyPeriodLock, applySalesTarget } from './applyPeriodLock';
import { applyProductLocations, applyReplenishmentPolicies } from './applyProductLocations';
import { applySupplierReturnOp } from './applySupplierReturnOp';
import { applyTransferReceipt, applyTransferShipment } from './applyTransferOp';
import { flushBatchState, loadBatchState, newBatchState, type BatchState } from './batchState';
import { OpRejected, permanentRejection } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/** An op whose name, version and args the registry accepted, ready to apply. */
export interface ValidOp extends SettledOp {
  scope: OpScope;
  args: unknown;
  /** What the branch's other devices pull for this op, as JSON text, when it was made ahead (documentRelay). */
  relay?: string;
}

export type Outcome = { status: 'applied' } | { status: 'rejected'; code: string; message: string };

export interface AppliedBatch {
  state: BatchState;
  outcomes: Outcome[];
}

function isCountOp(op: ValidOp): boolean {
  return countScopes.includes(op.scope);
}

function isSalesOp(op: ValidOp): boolean {
  return (salesScopes as readonly OpScope[]).includes(op.scope);
}

/** The registry parsed the args by the op's name, and each count op name has its own scope. */
function countOpOf(op: ValidOp): CountOp {
  return { scope: op.scope, args: op.args } as CountOp;
}

/**
 * Applies a run of consecutive ops to one batch state, in seq order: checked and applied in
 * memory, to be written by flushBatchState (only master seeds write as they go).
 */
export async function applyToBatchState(tx: ServerTx, ctx: OpContext, ops: readonly ValidOp[]): Promise<AppliedBatch> {
  const state: BatchState =
    ops.length === 0
      ? newBatchState()
      : await loadBatchState(tx, ctx, {
          documentArgs: ops.filter((op) => op.scope === 'document').map((op) => op.args as StockDocumentArgs),
          partArgs: ops.filter((op) => op.scope === 'document-part').map((op) => op.args as StockDocumentPartArgs),
          setupArgs: ops.filter((op) => op.scope === 'branch-setup').map((op) => op.args as BranchSetupArgs),
          countOps: ops.filter(isCountOp).map(countOpOf),
        });
  const outcomes: Outcome[] = [];
  for (const op of ops) {
    try {
      if (op.scope === 'document') applyDocumentOp(state, ctx, op, op.args as StockDocumentArgs);
      else if (op.scope === 'document-part') applyDocumentPartOp(state, ctx, op, op.args as StockDocumentPartArgs);
      else if (op.scope === 'branch-setup') applyBranchSetup(state, ctx, op, op.args as BranchSetupArgs);
      else if (isCountOp(op)) applyCountOp(state, ctx, op, countOpOf(op));
      else if (isSalesOp(op)) await applySalesOp(tx, state, ctx, op, { scope: op.scope, args: op.args } as SalesOp);
      else if (op.scope === 'period-lock') applyPeriodLock(state, ctx, op, op.args as PeriodLockArgs);
      else if (op.scope === 'sales-target') applySalesTarget(state, ctx, op, op.args as SalesTargetArgs);
      else if (op.scope === 'purchase-order') await applyPurchaseOp(tx, state, ctx, op, op.args as PurchaseOrderArgs);
      else if (op.scope === 'supplier-return') await applySupplierReturnOp(tx, state, ctx, op, op.args as SupplierReturnArgs);
      else if (op.scope === 'product-locations') await applyProductLocations(tx, state, ctx, op, op.args as ProductLocationsArgs);
      else if (op.scope === 'replenishment-policies') await applyReplenishmentPolicies(tx, state, ctx, op, op.args as ReplenishmentPoliciesArgs);
      else if (op.scope === 'transfer-shipment') await applyTransferShipment(tx, state, ctx, op, op.args as TransferShipmentArgs);
      else if (op.scope === 'transfer-receipt') await applyTransferReceipt(tx, state, ctx, op, op.args as TransferReceiptArgs);
      else await applyMasterSeed(tx, state, ctx, op, op.args as MasterSeedArgs);
      outcomes.push({ status: 'applied' });
    } catch (e) {
      if (!(e instanceof OpRejected)) throw e;
      outcomes.push({ status: 'rejected', code: e.code, message: e.message });
    }
  }
  return { state, outcomes };
}

/**
 * Settles ops one at a time, each in its own savepoint: the way a batch goes again when the
 * database refused something in it that the checks could not foresee (text it cannot store, a
 * constraint). Only the op at fault is then rejected and the others apply. Errors that are not
 * the ops' fault (connection, deadlock) pass through and fail the whole push.
 */
export async function settleOneByOne(tx: ServerTx, ctx: OpContext, ops: readonly ValidOp[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const op of ops) {
    try {
      outcomes.push(
        ...(await tx.transaction(async (sp) => {
          const applied = await applyToBatchState(sp, ctx, [op]);
          await flushBatchState(sp, ctx, applied.state);
          return applied.outcomes;
        })),
      );
    } catch (e) {
      const rejection = permanentRejection(e);
      if (!rejection) throw e;
      outcomes.push({ status: 'rejected', code: rejection.code, message: rejection.message });
    }
  }
  return outcomes;
}
