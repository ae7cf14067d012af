import type { StockDocumentArgs, StockDocumentPartArgs } from '../../src-main/sync/protocol';
import { stockKey, type BatchState, type StockKey } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';
import { reconcileStockExceptions } from './reconcileStockExceptions';

type Movement = StockDocumentArgs['movements'][number];

/** What a document's (or part's) movements would do, found before anything is changed. */
interface MovementPlan {
  fresh: Movement[];
  after: Map<string, StockKey & { qty: number; valueFen: number }>;
}

/**
 * Checks the movements an op brings for a document: each is the document's own, in a warehouse
 * of the token's branch, and not already another document's; and what the balances become.
 * Throws OpRejected before anything is changed.
 */
function planMovements(state: BatchState, ctx: OpContext, documentId: string, warehouseIds: readonly string[], movements: readonly Movement[]): MovementPlan {
  const foreignMovement = movements.find((m) => m.documentId !== documentId);
  if (foreignMovement) throw new OpRejected('INVALID_ARGS', `Movement ${foreignMovement.id} belongs to another document than ${documentId}`);
  // Authorization: every warehouse the document touches must be one of the token's branch.
  for (const id of [...warehouseIds, ...movements.map((m) => m.warehouseId)]) {
    if (state.warehouseBranch.get(id) !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${id} is not a warehouse of branch ${ctx.branchCode}`);
  }
  // Union by id is safe only for the same movement again; an id already used by another
  // document (another branch's, say) must not be claimed by this one.
  const fresh: Movement[] = [];
  const seen = new Set<string>();
  for (const m of movements) {
    const owner = state.movementOwner.get(m.id);
    if (owner && (owner.documentId !== documentId || owner.branchId !== ctx.branchId)) throw new OpRejected('FORBIDDEN', `Movement ${m.id} belongs to another document`);
    if (!owner && !seen.has(m.id)) fresh.push(m);
    seen.add(m.id);
  }
  // Balances after this op, checked before anything is changed.
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
  return { fresh, after };
}

/** Applies a checked plan: lots, new movements, balances and the exceptions they open or resolve. */
function applyMovements(state: BatchState, ctx: OpContext, documentId: string, lots: StockDocumentArgs['lots'], plan: MovementPlan): void {
  for (const l of lots) {
    if (!state.lots.has(l.id)) state.lots.set(l.id, { id: l.id, productId: l.productId, lotCode: l.lotCode, expiryDate: l.expiryDate, productionDate: l.productionDate });
  }
  for (const m of plan.fresh) {
    state.movementOwner.set(m.id, { documentId, branchId: ctx.branchId });
    state.newMovements.push({
      id: m.id,
      branchId: ctx.branchId,
      warehouseId: m.warehouseId,
      productId: m.productId,
      lotId: m.lotId,
      qty: m.qty,
      valueFen: m.valueFen,
      documentId,
      businessDate: m.businessDate,
      createdAt: m.createdAt,
    });
    const key = stockKey(m);
    const delta = state.balanceDelta.get(key) ?? { warehouseId: m.warehouseId, productId: m.productId, lotId: m.lotId, qty: 0, valueFen: 0 };
    state.balanceDelta.set(key, { ...delta, qty: delta.qty + m.qty, valueFen: delta.valueFen + m.valueFen });
  }
  for (const [key, b] of plan.after) state.balance.set(key, { qty: b.qty, valueFen: b.valueFen });
  reconcileStockExceptions(state, ctx, [...plan.after.values()]);
}

/**
 * What the branch's other devices pull for a document op (or part), as JSON text: the op with
 * the token's branch in the document's header. Made before the push's transaction where it can
 * be (pushOps), so the transaction, which other pushes wait for, does not spend its time on it.
 */
export function documentRelay(ctx: Pick<OpContext, 'branchId' | 'deviceId'>, op: Pick<SettledOp, 'name' | 'version'>, args: StockDocumentArgs | StockDocumentPartArgs): string {
  const relayed = 'document' in args ? { ...args, document: { ...args.document, branchId: ctx.branchId } } : args;
  return JSON.stringify({ name: op.name, version: op.version, args: relayed, originDeviceId: ctx.deviceId });
}

/**
 * A posted stock document (receipt, adjustment, reversal). Single writer: it belongs to the
 * branch whose token pushed it, whatever branch id the payload carries. Its movements are
 * immutable and merge by union — inserted once by id, so a replay adds nothing — and balances
 * move only by the movements actually inserted.
 */
export function applyDocumentOp(state: BatchState, ctx: OpContext, op: SettledOp & { relay?: string }, args: StockDocumentArgs): void {
  const doc = args.document;
  const known = state.documents.get(doc.id);
  if (known !== undefined && known.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Document ${doc.id} belongs to another branch`);
  const plan = planMovements(state, ctx, doc.id, [doc.warehouseId], args.movements);
  if (plan.fresh.length > 0 || known === undefined) {
    // The branch's other devices apply the same op; the origin already has it.
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'documents',
      kind: 'op',
      itemId: doc.id,
      originDeviceId: ctx.deviceId,
      payload: op.relay ?? documentRelay(ctx, op, args),
    });
  }

  // From here on nothing is refused: apply.
  if (known === undefined) {
    state.documents.set(doc.id, { branchId: ctx.branchId, originDeviceId: ctx.deviceId });
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
  applyMovements(state, ctx, doc.id, args.lots, plan);
}

/**
 * More lines of a document too big for one op (stock.documentPart). Only the device that posted
 * the document adds to it — single writer — and only after its document op settled here; the
 * part's movements merge by union like the document's own.
 */
export function applyDocumentPartOp(state: BatchState, ctx: OpContext, op: SettledOp & { relay?: string }, args: StockDocumentPartArgs): void {
  const known = state.documents.get(args.documentId);
  if (known === undefined) throw new OpRejected('DOCUMENT_UNKNOWN', `Document ${args.documentId} is not at head office, so part ${args.part} of it cannot apply`);
  if (known.branchId !== ctx.branchId || known.originDeviceId !== ctx.deviceId) {
    throw new OpRejected('FORBIDDEN', `Document ${args.documentId} belongs to another ${known.branchId !== ctx.branchId ? 'branch' : 'device'}`);
  }
  const plan = planMovements(state, ctx, args.documentId, [], args.movements);
  if (plan.fresh.length > 0) {
    state.changes.push({
      branchId: ctx.branchId,
      bucket: 'documents',
      kind: 'op',
      itemId: args.documentId,
      originDeviceId: ctx.deviceId,
      payload: op.relay ?? documentRelay(ctx, op, args),
    });
  }
  applyMovements(state, ctx, args.documentId, args.lots, plan);
}
