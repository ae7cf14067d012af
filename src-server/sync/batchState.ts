import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BranchSetupArgs, StockDocumentArgs } from '../../src-main/sync/protocol';
import { balances, documents, lots, movements, stockExceptions, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import { insertMany } from '../db/insertMany';
import { addToBucketChecksums } from './bucketChecksums';
import { appendChanges, type NewChange } from './changeFeed';
import type { OpContext } from './opContext';

/**
 * A push batch is applied in memory first and written in a handful of multi-row statements,
 * rather than a dozen statements per op: what the batch's ops need to know is read once
 * (`loadBatchState`), each op is checked and applied to this state in seq order — exactly as
 * if the ops were applied one after the other, so balances, exceptions and authorization see
 * the effect of the ops before them — and `flushBatchState` writes the result.
 *
 * Each op's handler checks everything before it changes anything here, so an op it refuses
 * (OpRejected) leaves the state as it was and the batch goes on without it.
 */

export interface StockKey {
  warehouseId: string;
  productId: string;
  lotId: string;
}

export function stockKey(k: StockKey): string {
  return `${k.warehouseId}/${k.productId}/${k.lotId}`;
}

export interface ExceptionRow extends StockKey {
  id: string;
  qty: number;
  status: 'open' | 'resolved';
  openedAt: number;
  resolvedAt: number | null;
}

export interface BatchState {
  /** Warehouse id → its branch, for every warehouse the batch names (and those added by it). */
  warehouseBranch: Map<string, string>;
  /** Devices that brought the token branch's warehouses (null for rows of unknown origin). */
  warehouseOrigins: Set<string | null>;
  /** Document id → branch, for the documents the batch names that exist. */
  documentBranch: Map<string, string>;
  /** Movement id → its document and branch, for the movements the batch names that exist. */
  movementOwner: Map<string, { documentId: string; branchId: string }>;
  /** Current balance per stock key the batch touches (what is stored plus this batch's movements). */
  balance: Map<string, { qty: number; valueFen: number }>;
  /** The open exception per stock key, if any. */
  openException: Map<string, ExceptionRow>;

  // What to write.
  newDocuments: (typeof documents.$inferInsert)[];
  newMovements: (typeof movements.$inferInsert)[];
  /** Lots the batch's documents describe, by id (kept as first described; an id is one lot). */
  lots: Map<string, typeof lots.$inferInsert>;
  balanceDelta: Map<string, StockKey & { qty: number; valueFen: number }>;
  /** Exceptions to insert (opened in this batch) or update, by id, in their final state. */
  exceptionsToInsert: Map<string, ExceptionRow>;
  exceptionsToUpdate: Map<string, ExceptionRow>;
  newWarehouses: (typeof warehouses.$inferInsert)[];
  /** In op order: cursors follow the order the ops were applied in. */
  changes: NewChange[];
}

export interface BatchNeeds {
  documentArgs: StockDocumentArgs[];
  setupArgs: BranchSetupArgs[];
}

/** PostgreSQL takes at most 65,535 bind parameters per statement; every chunk stays well under. */
const ID_CHUNK = 5000;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function loadBatchState(tx: ServerTx, ctx: OpContext, needs: BatchNeeds): Promise<BatchState> {
  const state: BatchState = {
    warehouseBranch: new Map(),
    warehouseOrigins: new Set(),
    documentBranch: new Map(),
    movementOwner: new Map(),
    balance: new Map(),
    openException: new Map(),
    newDocuments: [],
    newMovements: [],
    lots: new Map(),
    balanceDelta: new Map(),
    exceptionsToInsert: new Map(),
    exceptionsToUpdate: new Map(),
    newWarehouses: [],
    changes: [],
  };
  const warehouseIds = new Set<string>();
  const documentIds = new Set<string>();
  const movementIds = new Set<string>();
  const productIds = new Set<string>();
  for (const args of needs.documentArgs) {
    warehouseIds.add(args.document.warehouseId);
    documentIds.add(args.document.id);
    for (const m of args.movements) {
      warehouseIds.add(m.warehouseId);
      movementIds.add(m.id);
      productIds.add(m.productId);
    }
  }
  for (const args of needs.setupArgs) for (const w of args.warehouses) warehouseIds.add(w.id);

  for (const ids of chunks([...warehouseIds], ID_CHUNK)) {
    const rows = await tx.select({ id: warehouses.id, branchId: warehouses.branchId }).from(warehouses).where(inArray(warehouses.id, ids));
    for (const r of rows) state.warehouseBranch.set(r.id, r.branchId);
  }
  if (needs.setupArgs.length > 0) {
    const own = await tx.select({ id: warehouses.id, origin: warehouses.originDeviceId }).from(warehouses).where(eq(warehouses.branchId, ctx.branchId));
    for (const r of own) {
      state.warehouseOrigins.add(r.origin);
      state.warehouseBranch.set(r.id, ctx.branchId);
    }
  }
  for (const ids of chunks([...documentIds], ID_CHUNK)) {
    const rows = await tx.select({ id: documents.id, branchId: documents.branchId }).from(documents).where(inArray(documents.id, ids));
    for (const r of rows) state.documentBranch.set(r.id, r.branchId);
  }
  for (const ids of chunks([...movementIds], ID_CHUNK)) {
    const rows = await tx
      .select({ id: movements.id, documentId: movements.documentId, branchId: movements.branchId })
      .from(movements)
      .where(inArray(movements.id, ids));
    for (const r of rows) state.movementOwner.set(r.id, { documentId: r.documentId, branchId: r.branchId });
  }
  // Balances and open exceptions of the products touched; a few keys more than needed is cheaper
  // than a tuple lookup, and keys the batch does not touch are never written back.
  for (const ids of chunks([...productIds], ID_CHUNK)) {
    const rows = await tx
      .select({ warehouseId: balances.warehouseId, productId: balances.productId, lotId: balances.lotId, qty: balances.qty, valueFen: balances.valueFen })
      .from(balances)
      .where(and(eq(balances.branchId, ctx.branchId), inArray(balances.productId, ids)));
    for (const r of rows) state.balance.set(stockKey(r), { qty: r.qty, valueFen: r.valueFen });
    const open = await tx
      .select({
        id: stockExceptions.id,
        warehouseId: stockExceptions.warehouseId,
        productId: stockExceptions.productId,
        lotId: stockExceptions.lotId,
        qty: stockExceptions.qty,
        status: stockExceptions.status,
        openedAt: stockExceptions.openedAt,
        resolvedAt: stockExceptions.resolvedAt,
      })
      .from(stockExceptions)
      .where(and(eq(stockExceptions.branchId, ctx.branchId), eq(stockExceptions.status, 'open'), inArray(stockExceptions.productId, ids)));
    for (const r of open) state.openException.set(stockKey(r), r);
  }
  return state;
}

/** Writes what the batch's applied ops produced, one statement per table. */
export async function flushBatchState(tx: ServerTx, ctx: OpContext, state: BatchState): Promise<void> {
  await insertMany(
    tx,
    warehouses,
    [
      { column: warehouses.id, type: 'uuid', value: (w) => w.id },
      { column: warehouses.branchId, type: 'uuid', value: (w) => w.branchId },
      { column: warehouses.code, type: 'text', value: (w) => w.code },
      { column: warehouses.name, type: 'text', value: (w) => w.name },
      { column: warehouses.kind, type: 'text', value: (w) => w.kind },
      { column: warehouses.originDeviceId, type: 'uuid', value: (w) => w.originDeviceId ?? null },
      { column: warehouses.hlc, type: 'text', value: (w) => w.hlc },
      { column: warehouses.createdAt, type: 'bigint', value: (w) => w.createdAt },
    ],
    state.newWarehouses,
  );
  await insertMany(
    tx,
    documents,
    [
      { column: documents.id, type: 'uuid', value: (d) => d.id },
      { column: documents.branchId, type: 'uuid', value: (d) => d.branchId },
      { column: documents.originDeviceId, type: 'uuid', value: (d) => d.originDeviceId },
      { column: documents.docType, type: 'text', value: (d) => d.docType },
      { column: documents.docNo, type: 'text', value: (d) => d.docNo },
      { column: documents.businessDate, type: 'text', value: (d) => d.businessDate },
      { column: documents.warehouseId, type: 'uuid', value: (d) => d.warehouseId },
      { column: documents.receivedAt, type: 'bigint', value: (d) => d.receivedAt },
    ],
    state.newDocuments,
  );
  await insertMany(
    tx,
    movements,
    [
      { column: movements.id, type: 'uuid', value: (m) => m.id },
      { column: movements.branchId, type: 'uuid', value: (m) => m.branchId },
      { column: movements.warehouseId, type: 'uuid', value: (m) => m.warehouseId },
      { column: movements.productId, type: 'uuid', value: (m) => m.productId },
      { column: movements.lotId, type: 'uuid', value: (m) => m.lotId },
      { column: movements.qty, type: 'bigint', value: (m) => m.qty },
      { column: movements.valueFen, type: 'bigint', value: (m) => m.valueFen },
      { column: movements.documentId, type: 'uuid', value: (m) => m.documentId },
      { column: movements.businessDate, type: 'text', value: (m) => m.businessDate },
      { column: movements.createdAt, type: 'bigint', value: (m) => m.createdAt },
    ],
    state.newMovements,
  );
  await insertMany(
    tx,
    lots,
    [
      { column: lots.id, type: 'uuid', value: (l) => l.id },
      { column: lots.productId, type: 'uuid', value: (l) => l.productId },
      { column: lots.lotCode, type: 'text', value: (l) => l.lotCode },
      { column: lots.expiryDate, type: 'text', value: (l) => l.expiryDate ?? null },
      { column: lots.productionDate, type: 'text', value: (l) => l.productionDate ?? null },
    ],
    [...state.lots.values()],
    sql`ON CONFLICT (id) DO NOTHING`,
  );
  await insertMany(
    tx,
    balances,
    [
      { column: balances.branchId, type: 'uuid', value: () => ctx.branchId },
      { column: balances.warehouseId, type: 'uuid', value: (b) => b.warehouseId },
      { column: balances.productId, type: 'uuid', value: (b) => b.productId },
      { column: balances.lotId, type: 'uuid', value: (b) => b.lotId },
      { column: balances.qty, type: 'bigint', value: (b) => b.qty },
      { column: balances.valueFen, type: 'bigint', value: (b) => b.valueFen },
    ],
    [...state.balanceDelta.values()],
    sql`ON CONFLICT (branch_id, warehouse_id, product_id, lot_id) DO UPDATE SET qty = ${balances}.qty + excluded.qty, value_fen = ${balances}.value_fen + excluded.value_fen`,
  );
  // Updates first: an exception resolved in this batch frees its key for one opened after it.
  for (const e of state.exceptionsToUpdate.values()) {
    await tx.update(stockExceptions).set({ qty: e.qty, status: e.status, resolvedAt: e.resolvedAt }).where(eq(stockExceptions.id, e.id));
  }
  await insertMany(
    tx,
    stockExceptions,
    [
      { column: stockExceptions.id, type: 'uuid', value: (e) => e.id },
      { column: stockExceptions.branchId, type: 'uuid', value: () => ctx.branchId },
      { column: stockExceptions.warehouseId, type: 'uuid', value: (e) => e.warehouseId },
      { column: stockExceptions.productId, type: 'uuid', value: (e) => e.productId },
      { column: stockExceptions.lotId, type: 'uuid', value: (e) => e.lotId },
      { column: stockExceptions.qty, type: 'bigint', value: (e) => e.qty },
      { column: stockExceptions.status, type: 'text', value: (e) => e.status },
      { column: stockExceptions.openedAt, type: 'bigint', value: (e) => e.openedAt },
      { column: stockExceptions.resolvedAt, type: 'bigint', value: (e) => e.resolvedAt },
    ],
    [...state.exceptionsToInsert.values()],
  );
  await addToBucketChecksums(tx, ctx.branchId, {
    documents: state.newDocuments.map((d) => d.id),
    movements: state.newMovements.map((m) => m.id),
    exceptions: [...state.exceptionsToInsert.keys()],
    warehouses: state.newWarehouses.map((w) => w.id),
  });
  await appendChanges(tx, ctx.now, state.changes);
}
