import { stockKey, type BatchState, type ExceptionRow, type StockKey } from './batchState';
import type { OpContext } from './opContext';

/**
 * Negative stock is refused at the branch, so a negative balance here means merging revealed an
 * oversell (two PCs sold the same stock offline), or a PC took back goods it had taken in twice
 * (a transfer received on two PCs) after some of them had gone out (the branch's compensating
 * reversal, src-main/services/applyTransferOp.ts). It is never corrected silently: it opens a
 * stock exception that both the branch and head office see, and only a compensating document
 * that brings the balance back to zero or above resolves it. Exactly one open exception per
 * negative balance: opened once, its quantity kept current, resolved once. Run after every
 * document, in seq order, so an oversell that a later document of the same batch makes good is
 * still recorded (opened, then resolved), not smoothed away.
 */
export function reconcileStockExceptions(state: BatchState, ctx: OpContext, touched: readonly (StockKey & { qty: number })[]): void {
  for (const balance of touched) {
    const key = stockKey(balance);
    const open = state.openException.get(key);
    let changed: ExceptionRow | undefined;
    if (!open && balance.qty < 0) {
      changed = { id: ctx.ids(), warehouseId: balance.warehouseId, productId: balance.productId, lotId: balance.lotId, qty: balance.qty, status: 'open', openedAt: ctx.now, resolvedAt: null };
      state.openException.set(key, changed);
      state.exceptionsToInsert.set(changed.id, changed);
    } else if (open && balance.qty >= 0) {
      changed = { ...open, status: 'resolved', resolvedAt: ctx.now };
      state.openException.delete(key);
    } else if (open && balance.qty !== open.qty) {
      changed = { ...open, qty: balance.qty };
      state.openException.set(key, changed);
    }
    if (!changed) continue;
    if (state.exceptionsToInsert.has(changed.id)) state.exceptionsToInsert.set(changed.id, changed);
    else state.exceptionsToUpdate.set(changed.id, changed);
    state.changes.push({ branchId: ctx.branchId, bucket: 'exceptions', kind: 'exception', itemId: changed.id, payload: { exception: changed } });
  }
}
