import type { StockDocumentArgs } from '../../src-main/sync/protocol';
import { stockKey, type BatchState, type StockKey } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';
import { reconcileStockExceptions } from './reconcileStockExceptions';

/**
 * A posted stock document (receipt, adjustment, reversal). Single writer: it belongs to the
 * branch whose token pushed it, whatever branch id the payload carries. Its movements are
 * immutable and merge by union — inserted once by id, so a replay adds nothing — and balances
 * move only by the movements actually inserted.
 */
export function applyDocumentOp(state: BatchState, ctx: OpContext, op: SettledOp, args: StockDocumentArgs): void {
  const doc = args.document;
  const foreignMovement = args.movements.find((m) => m.documentId !== doc.id);
  if (foreignMovement) throw new OpRejected('INVALID_ARGS', `Movement ${foreignMovement.id} belongs to another document than ${doc.id}`);

  // Authorization: every warehouse the document touches must be one of the token's branch.
  for (const id of [doc.warehouseId, ...args.movements.map((m) => m.warehouseId)]) {
    if (state.warehouseBranch.get(id) !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${id} is not a warehouse of branch ${ctx.branchCode}`);
  }
  const knownBranch = state.documentBranch.get(doc.id);
  if (knownBranch !== undefined && knownBranch !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Document ${doc.id} belongs to another branch`);
  // Union by id is safe only for the same movement again; an id already used by another
  // document (another branch's, say) must not be claimed by this one.
  const fresh = [];
  const seen = new Set<string>();
  for (const m of args.movements) {
    const owner = state.movementOwner.get(m.id);
    if (owner && (owner.documentId !== doc.id || owner.branchId !== ctx.branchId)) throw new OpRejected('FORBIDDEN', `Movement ${m.id} belongs to another document`);
    if (!owner && !seen.has(m.id)) fresh.push(m);
    seen.add(m.id);
  }
  // Balances after this document, checked before anything is changed.
  const after = new Map<string, StockKey & { qty: number; valueFen: number }>();
  for (const m of fresh) {
    const key = stockKey(m);
    const current = after.get(key) ?? { warehouseId: m.warehouseId, productId: m.productId, lotId: m.lotId, ...(state.balance.get(key) ?? { qty: 0, valueFen: 0 }) };
    const next = { ...current, qty: current.qty + m.qty, valueFen: current.valueFen + m.valueFen };
    if (!Number.isSafeInteger(next.qty) || !Number.isSafeInteger(next.valueFen)) {
      throw new OpRejected('INVALID_ARGS', `Movement ${m.id} takes a balance beyond what head office can count`);
    }
    after.set(key, next);
  }
  const serverDocument = { ...doc, branchId: ctx.branchId };
  if (fresh.length > 0 || knownBranch === undefined) {
    // The branch's other devices apply the same op; the origin already has it.
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'documents',
      kind: 'op',
      itemId: doc.id,
      originDeviceId: ctx.deviceId,
      payload: { name: op.name, version: op.version, args: { ...args, document: serverDocument }, originDeviceId: ctx.deviceId },
    });
  }

  // From here on nothing is refused: apply.
  if (knownBranch === undefined) {
    state.documentBranch.set(doc.id, ctx.branchId);
    state.newDocuments.push({
      id: doc.id,
      branchId: ctx.branchId,
      originDeviceId: ctx.deviceId,
      docType: doc.docType,
      docNo: doc.docNo,
      businessDate: doc.businessDate,
      warehouseId: doc.warehouseId,
      receivedAt: ctx.now,
    });
  }
  for (const l of args.lots) {
    if (!state.lots.has(l.id)) state.lots.set(l.id, { id: l.id, productId: l.productId, lotCode: l.lotCode, expiryDate: l.expiryDate, productionDate: l.productionDate });
  }
  for (const m of fresh) {
    state.movementOwner.set(m.id, { documentId: doc.id, branchId: ctx.branchId });
    state.newMovements.push({
      id: m.id,
      branchId: ctx.branchId,
      warehouseId: m.warehouseId,
      productId: m.productId,
      lotId: m.lotId,
      qty: m.qty,
      valueFen: m.valueFen,
      documentId: doc.id,
      businessDate: m.businessDate,
      createdAt: m.createdAt,
    });
    const key = stockKey(m);
    const delta = state.balanceDelta.get(key) ?? { warehouseId: m.warehouseId, productId: m.productId, lotId: m.lotId, qty: 0, valueFen: 0 };
    state.balanceDelta.set(key, { ...delta, qty: delta.qty + m.qty, valueFen: delta.valueFen + m.valueFen });
  }
  for (const [key, b] of after) state.balance.set(key, { qty: b.qty, valueFen: b.valueFen });
  reconcileStockExceptions(state, ctx, [...after.values()]);
}
