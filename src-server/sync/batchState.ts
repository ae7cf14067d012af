import { eq, sql, type SQL } from 'drizzle-orm';
import type { BranchSetupArgs, CountOp, StockDocumentArgs, StockDocumentPartArgs } from '../../src-main/sync/protocol';
import { balances, countEntries, counts, documents, lots, movements, stockExceptions, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import { insertManySql, writeTogether } from '../db/insertMany';
import { rowsOf, uuidArray } from '../db/sqlArrays';
import { addToBucketChecksumsSql } from './bucketChecksums';
import { appendChangesSql, type NewChange } from './changeFeed';
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
  /** Document id → its branch and the device that posted it, for the documents the batch names that exist. */
  documents: Map<string, { branchId: string; originDeviceId: string }>;
  /** Movement id → its document and branch, for the movements the batch names that exist. */
  movementOwner: Map<string, { documentId: string; branchId: string }>;
  /** Current balance per stock key the batch touches (what is stored plus this batch's movements). */
  balance: Map<string, { qty: number; valueFen: number }>;
  /** The open exception per stock key, if any. */
  openException: Map<string, ExceptionRow>;
  /** Count id → its row, for the counts the batch names that exist (and those it adds or changes). */
  counts: Map<string, CountRow>;
  /** Count entry id → its count and branch, for the entries the batch names that exist. */
  countEntryOwner: Map<string, { countId: string; branchId: string }>;

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
  /** Counts to insert or whose status to update, by id, in their final state. */
  countsToWrite: Map<string, CountRow>;
  newCountIds: string[];
  newCountEntries: (typeof countEntries.$inferInsert)[];
  /** In op order: cursors follow the order the ops were applied in. */
  changes: NewChange[];
}

export type CountRow = typeof counts.$inferSelect;

export interface BatchNeeds {
  documentArgs: StockDocumentArgs[];
  partArgs: StockDocumentPartArgs[];
  setupArgs: BranchSetupArgs[];
  countOps: CountOp[];
}

interface BatchLookup {
  warehouses: string;
  documents: string;
  movements: string;
  balances: string;
  exceptions: string;
  counts: string;
  count_entries: string;
}

/** A batch state that knows nothing yet and has nothing to write. */
export function newBatchState(): BatchState {
  return {
    warehouseBranch: new Map(),
    warehouseOrigins: new Set(),
    documents: new Map(),
    movementOwner: new Map(),
    balance: new Map(),
    openException: new Map(),
    counts: new Map(),
    countEntryOwner: new Map(),
    newDocuments: [],
    newMovements: [],
    lots: new Map(),
    balanceDelta: new Map(),
    exceptionsToInsert: new Map(),
    exceptionsToUpdate: new Map(),
    newWarehouses: [],
    countsToWrite: new Map(),
    newCountIds: [],
    newCountEntries: [],
    changes: [],
  };
}

/**
 * Reads what the batch's ops need to know in one statement: the branch of each warehouse and
 * document they name, the owner of each movement id already stored, and the balance and open
 * exception of exactly the stock keys their movements touch — looked up by key, so a batch
 * reads as many balance rows as it touches, however many lots the branch has gathered (reading
 * every lot of the products touched grew with the table and made a long push slower and
 * slower). Each key is probed on its own (a LATERAL subquery, LIMIT 1: a key is unique among
 * balances and among open exceptions): joined instead, the planner may hash the branch's whole
 * table, as it did whenever its statistics were older than the table's growth — 15 ms of a 17 ms
 * lookup at 25,000 balances, and growing. Each part comes back as JSON text, so both drivers
 * answer alike.
 */
export async function loadBatchState(tx: ServerTx, ctx: OpContext, needs: BatchNeeds): Promise<BatchState> {
  const state = newBatchState();
  const warehouseIds = new Set<string>();
  const documentIds = new Set<string>();
  const movementIds = new Set<string>();
  const keys = new Map<string, StockKey>();
  for (const args of needs.documentArgs) warehouseIds.add(args.document.warehouseId);
  for (const args of [...needs.documentArgs, ...needs.partArgs]) {
    documentIds.add('document' in args ? args.document.id : args.documentId);
    for (const m of args.movements) {
      warehouseIds.add(m.warehouseId);
      movementIds.add(m.id);
      keys.set(stockKey(m), { warehouseId: m.warehouseId, productId: m.productId, lotId: m.lotId });
    }
  }
  for (const args of needs.setupArgs) for (const w of args.warehouses) warehouseIds.add(w.id);
  const countIds = new Set<string>();
  const entryIds = new Set<string>();
  for (const op of needs.countOps) {
    if (op.scope === 'count') {
      countIds.add(op.args.count.id);
      warehouseIds.add(op.args.count.warehouseId);
      continue;
    }
    countIds.add(op.args.countId);
    if (op.scope === 'count-entry') entryIds.add(op.args.entry.id);
    if (op.scope === 'count-status' && op.args.adjustmentDocumentId !== null) documentIds.add(op.args.adjustmentDocumentId);
  }

  const keyList = [...keys.values()];
  const stockKeys = sql`unnest(${uuidArray(keyList.map((k) => k.warehouseId))}, ${uuidArray(keyList.map((k) => k.productId))}, ${uuidArray(keyList.map((k) => k.lotId))}) AS k(warehouse_id, product_id, lot_id)`;
  const [found] = rowsOf<BatchLookup>(
    await tx.execute(sql`
      SELECT
        (SELECT coalesce(json_agg(json_build_array(w.id, w.branch_id)), '[]')::text
           FROM ${warehouses} w WHERE w.id = ANY(${uuidArray(warehouseIds)})) AS warehouses,
        (SELECT coalesce(json_agg(json_build_array(d.id, d.branch_id, d.origin_device_id)), '[]')::text
           FROM ${documents} d WHERE d.id = ANY(${uuidArray(documentIds)})) AS documents,
        (SELECT coalesce(json_agg(json_build_array(m.id, m.document_id, m.branch_id)), '[]')::text
           FROM ${movements} m WHERE m.id = ANY(${uuidArray(movementIds)})) AS movements,
        (SELECT coalesce(json_agg(json_build_array(b.warehouse_id, b.product_id, b.lot_id, b.qty, b.value_fen)), '[]')::text
           FROM ${stockKeys} CROSS JOIN LATERAL (
             SELECT * FROM ${balances} b
              WHERE b.branch_id = ${ctx.branchId} AND b.warehouse_id = k.warehouse_id AND b.product_id = k.product_id AND b.lot_id = k.lot_id
              LIMIT 1) b) AS balances,
        (SELECT coalesce(json_agg(json_build_array(e.id, e.warehouse_id, e.product_id, e.lot_id, e.qty, e.opened_at)), '[]')::text
           FROM ${stockKeys} CROSS JOIN LATERAL (
             SELECT * FROM ${stockExceptions} e
              WHERE e.branch_id = ${ctx.branchId} AND e.warehouse_id = k.warehouse_id AND e.product_id = k.product_id AND e.lot_id = k.lot_id
                AND e.status = 'open'
              LIMIT 1) e) AS exceptions,
        (SELECT coalesce(json_agg(json_build_array(c.id, c.branch_id, c.origin_device_id, c.doc_no, c.warehouse_id, c.status, c.status_hlc, c.adjustment_document_id, c.received_at)), '[]')::text
           FROM ${counts} c WHERE c.id = ANY(${uuidArray(countIds)})) AS counts,
        (SELECT coalesce(json_agg(json_build_array(ce.id, ce.count_id, ce.branch_id)), '[]')::text
           FROM ${countEntries} ce WHERE ce.id = ANY(${uuidArray(entryIds)})) AS count_entries`),
  );
  if (!found) throw new Error('the batch lookup answered no row');
  for (const [id, branchId] of JSON.parse(found.warehouses) as [string, string][]) state.warehouseBranch.set(id, branchId);
  for (const [id, branchId, originDeviceId] of JSON.parse(found.documents) as [string, string, string][]) state.documents.set(id, { branchId, originDeviceId });
  for (const [id, documentId, branchId] of JSON.parse(found.movements) as [string, string, string][]) state.movementOwner.set(id, { documentId, branchId });
  for (const [warehouseId, productId, lotId, qty, valueFen] of JSON.parse(found.balances) as [string, string, string, number, number][]) {
    state.balance.set(stockKey({ warehouseId, productId, lotId }), { qty, valueFen });
  }
  for (const [id, warehouseId, productId, lotId, qty, openedAt] of JSON.parse(found.exceptions) as [string, string, string, string, number, number][]) {
    state.openException.set(stockKey({ warehouseId, productId, lotId }), { id, warehouseId, productId, lotId, qty, status: 'open', openedAt, resolvedAt: null });
  }
  type CountTuple = [string, string, string, string, string, CountRow['status'], string, string | null, number];
  for (const [id, branchId, originDeviceId, docNo, warehouseId, status, statusHlc, adjustmentDocumentId, receivedAt] of JSON.parse(found.counts) as CountTuple[]) {
    state.counts.set(id, { id, branchId, originDeviceId, docNo, warehouseId, status, statusHlc, adjustmentDocumentId, receivedAt: Number(receivedAt) });
  }
  for (const [id, countId, branchId] of JSON.parse(found.count_entries) as [string, string, string][]) state.countEntryOwner.set(id, { countId, branchId });
  if (needs.setupArgs.length > 0) {
    const own = await tx.select({ id: warehouses.id, origin: warehouses.originDeviceId }).from(warehouses).where(eq(warehouses.branchId, ctx.branchId));
    for (const r of own) {
      state.warehouseOrigins.add(r.origin);
      state.warehouseBranch.set(r.id, ctx.branchId);
    }
  }
  return state;
}

/** What else goes into the statement that writes a batch: the push's own bookkeeping. */
export interface BatchExtras {
  /** Changes after the batch's own (rejections), in the same INSERT so cursors keep their order. */
  changes?: readonly NewChange[];
  statements?: readonly (SQL | null)[];
}

/**
 * Writes what the batch's applied ops produced: every table's rows in one statement (see
 * writeTogether), after the few exception updates a batch can have. A batch's writes do not
 * depend on one another — except an exception resolved in this batch, which frees its key
 * for one opened after it: so updates go first, on their own.
 */
export async function flushBatchState(tx: ServerTx, ctx: OpContext, state: BatchState, extras: BatchExtras = {}): Promise<void> {
  for (const e of state.exceptionsToUpdate.values()) {
    await tx.update(stockExceptions).set({ qty: e.qty, status: e.status, resolvedAt: e.resolvedAt }).where(eq(stockExceptions.id, e.id));
  }
  const writes: (SQL | null)[] = [];
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
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
  ));
  writes.push(insertManySql(
    counts,
    [
      { column: counts.id, type: 'uuid', value: (c) => c.id },
      { column: counts.branchId, type: 'uuid', value: (c) => c.branchId },
      { column: counts.originDeviceId, type: 'uuid', value: (c) => c.originDeviceId },
      { column: counts.docNo, type: 'text', value: (c) => c.docNo },
      { column: counts.warehouseId, type: 'uuid', value: (c) => c.warehouseId },
      { column: counts.status, type: 'text', value: (c) => c.status },
      { column: counts.statusHlc, type: 'text', value: (c) => c.statusHlc },
      { column: counts.adjustmentDocumentId, type: 'uuid', value: (c) => c.adjustmentDocumentId },
      { column: counts.receivedAt, type: 'bigint', value: (c) => c.receivedAt },
    ],
    [...state.countsToWrite.values()],
    sql`ON CONFLICT (id) DO UPDATE SET status = excluded.status, status_hlc = excluded.status_hlc, adjustment_document_id = excluded.adjustment_document_id`,
  ));
  writes.push(insertManySql(
    countEntries,
    [
      { column: countEntries.id, type: 'uuid', value: (e) => e.id },
      { column: countEntries.countId, type: 'uuid', value: (e) => e.countId },
      { column: countEntries.branchId, type: 'uuid', value: (e) => e.branchId },
      { column: countEntries.deviceId, type: 'uuid', value: (e) => e.deviceId },
      { column: countEntries.receivedAt, type: 'bigint', value: (e) => e.receivedAt },
    ],
    state.newCountEntries,
  ));
  writes.push(
    addToBucketChecksumsSql(ctx.branchId, {
    documents: state.newDocuments.map((d) => d.id),
    movements: state.newMovements.map((m) => m.id),
    exceptions: [...state.exceptionsToInsert.keys()],
    warehouses: state.newWarehouses.map((w) => w.id),
    counts: state.newCountIds,
    countEntries: state.newCountEntries.map((e) => e.id),
    }),
  );
  writes.push(appendChangesSql(ctx.now, [...state.changes, ...(extras.changes ?? [])]));

  await writeTogether(tx, [...writes, ...(extras.statements ?? [])]);
}
