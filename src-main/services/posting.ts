import { allocateProportionally } from '../core/money';
import { allocateFefo, type LotStock } from '../core/fefo';
import { consumeFifo, type CostLayer } from '../core/fifoCost';
import { LedgerError } from '../core/errors';
import type { ServiceContext } from './types';
import { all, allRaw, get, ROWS_PER_STATEMENT, run, runForRows, valuesOf } from './sql';

/**
 * The one place stock moves. Every movement updates its balance and the FIFO cost layers in
 * the caller's transaction, so Σ movements = balances = Σ open layers holds after every commit.
 */

/** What posting needs of a command: the ledger, id and clock sources, and the instant. */
export type PostingContext = Pick<ServiceContext, 'db' | 'ids' | 'hlc' | 'now'>;

export interface MovementRef {
  branchId: string;
  documentType: string;
  documentId: string;
  lineId: string;
  businessDate: string;
}

export interface PostedMovement {
  id: string;
  warehouseId: string;
  productId: string;
  lotId: string;
  qty: number;
  valueFen: number;
  documentType: string;
  documentId: string;
  lineId: string;
  businessDate: string;
  createdAt: number;
  hlc: string;
}

function insertMovement(ctx: PostingContext, m: Omit<PostedMovement, 'id' | 'createdAt' | 'hlc'>, branchId: string, balance: 'add' | 'taken'): PostedMovement {
  const movement = newMovement(ctx, m);
  insertMovementRow(ctx, movement, branchId);
  if (balance === 'add') addToBalance(ctx, movement.warehouseId, movement.productId, movement.lotId, movement.qty);
  return movement;
}

/** A movement with its id and stamps, not yet written. */
function newMovement(ctx: PostingContext, m: Omit<PostedMovement, 'id' | 'createdAt' | 'hlc'>): PostedMovement {
  // Spelled out rather than spread: one object shape for every movement, its keys in the order the outbox op has always carried them.
  return {
    warehouseId: m.warehouseId,
    productId: m.productId,
    lotId: m.lotId,
    qty: m.qty,
    valueFen: m.valueFen,
    documentType: m.documentType,
    documentId: m.documentId,
    lineId: m.lineId,
    businessDate: m.businessDate,
    id: ctx.ids(),
    createdAt: ctx.now,
    hlc: ctx.hlc(),
  };
}

/** Inserts a movement row; false when a movement of that id is in the ledger already. */
function insertMovementRow(ctx: PostingContext, movement: PostedMovement, branchId: string): boolean {
  return (
    run(
      ctx.db,
      `INSERT OR IGNORE INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      movement.id,
      branchId,
      movement.warehouseId,
      movement.productId,
      movement.lotId,
      movement.qty,
      movement.valueFen,
      movement.documentType,
      movement.documentId,
      movement.lineId,
      movement.businessDate,
      movement.createdAt,
      movement.hlc,
    ).changes > 0
  );
}

function addToBalance(ctx: PostingContext, warehouseId: string, productId: string, lotId: string, qty: number): void {
  run(
    ctx.db,
    `INSERT INTO stock_balances (warehouse_id, product_id, lot_id, qty, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (warehouse_id, product_id, lot_id) DO UPDATE SET qty = qty + excluded.qty, updated_at = excluded.updated_at`,
    warehouseId,
    productId,
    lotId,
    qty,
    ctx.now,
  );
}

/**
 * Takes `qty` off one lot's balance if it holds that much, in the statement that checks it
 * (a count posts thousands of these). Answers false, having changed nothing, when it does not.
 */
function takeFromBalance(ctx: PostingContext, warehouseId: string, productId: string, lotId: string, qty: number): boolean {
  return (
    run(
      ctx.db,
      'UPDATE stock_balances SET qty = qty - ?, updated_at = ? WHERE product_id = ? AND warehouse_id = ? AND lot_id = ? AND qty >= ?',
      qty,
      ctx.now,
      productId,
      warehouseId,
      lotId,
      qty,
    ).changes > 0
  );
}

/**
 * Writes a movement and adds it to its balance. A movement that is already in the ledger (one
 * pulled again from head office) changes nothing: movements merge by union, by id. Answers
 * whether it was new.
 */
export function writeMovement(ctx: PostingContext, movement: PostedMovement, branchId: string): boolean {
  if (!insertMovementRow(ctx, movement, branchId)) return false;
  addToBalance(ctx, movement.warehouseId, movement.productId, movement.lotId, movement.qty);
  return true;
}

/**
 * Takes up to `qty` from the product's open FIFO layers in the warehouse, oldest first
 * (`preferLayerIds` first), and answers how much was taken at what value.
 */
export function takeFromLayers(
  ctx: PostingContext,
  warehouseId: string,
  productId: string,
  qty: number,
  preferLayerIds: readonly string[] = [],
  cache?: LayerCache,
): { qty: number; valueFen: number } {
  const layers = cache?.get(productId) ?? readOpenLayers(ctx, warehouseId, productId);
  return consumeLayers(layers, productId, qty, preferLayerIds, cache, (layer, takeQty, valueFen) =>
    run(ctx.db, 'UPDATE cost_layers SET qty_remaining = qty_remaining - ?, value_remaining_fen = value_remaining_fen - ? WHERE rowid = ?', takeQty, valueFen, layer.rowid),
  );
}

/** Takes from `layers` by FIFO, `write` saying each take to the ledger; keeps the read-ahead (if any) to the open layers. */
function consumeLayers(
  layers: OpenLayer[],
  productId: string,
  qty: number,
  preferLayerIds: readonly string[],
  cache: LayerCache | undefined,
  write: (layer: OpenLayer, qty: number, valueFen: number) => void,
): { qty: number; valueFen: number } {
  let open = 0;
  for (const l of layers) open += l.qtyRemaining;
  const take = Math.min(qty, open);
  const fifo = consumeFifo(layers, take, preferLayerIds);
  if (!fifo.ok || take === 0) return { qty: 0, valueFen: 0 };
  for (const t of fifo.takes) {
    const layer = layers.find((l) => l.id === t.layerId);
    if (!layer) throw new Error(`cost layer ${t.layerId} taken but not read`);
    write(layer, t.qty, t.valueFen);
    layer.qtyRemaining -= t.qty;
    layer.valueRemainingFen -= t.valueFen;
  }
  if (cache) {
    // The read-ahead keeps only open layers: the used-up ones are dropped in place.
    let kept = 0;
    for (const l of layers) if (l.qtyRemaining > 0) layers[kept++] = l;
    layers.length = kept;
    cache.set(productId, layers);
  }
  return { qty: take, valueFen: fifo.valueFen };
}

/** An open layer as read for taking from it; its rowid spares the update a search of the id index. */
interface OpenLayer extends CostLayer {
  rowid: number;
}

const openLayerColumns = 'rowid, id, received_at, qty_remaining, value_remaining_fen';

function toOpenLayer(r: unknown[], at: number): OpenLayer {
  return { rowid: r[at] as number, id: r[at + 1] as string, receivedAt: r[at + 2] as number, qtyRemaining: r[at + 3] as number, valueRemainingFen: r[at + 4] as number };
}

function readOpenLayers(ctx: PostingContext, warehouseId: string, productId: string): OpenLayer[] {
  return allRaw(
    ctx.db,
    `SELECT ${openLayerColumns} FROM cost_layers WHERE warehouse_id = ? AND product_id = ? AND qty_remaining > 0 ORDER BY received_at, id`,
    warehouseId,
    productId,
  ).map((r) => toOpenLayer(r, 0));
}

/**
 * The oldest open FIFO layers of many products in one warehouse, enough for a posting that
 * issues from all of them (a stock count, a delivery), read in one statement. Only outgoing
 * lines may use it: it is kept up to date by takeFromLayers, not by incoming goods.
 */
export type LayerCache = Map<string, OpenLayer[]>;

/**
 * How many layers a product's read-ahead starts with. A product holds a layer per receipt still
 * open (30 or more on a busy shelf), an issue mostly takes from the first one or two, and the
 * whole list was the read's cost: every layer's id is a lookup in the table.
 */
const LAYERS_READ_AHEAD = 4;

/**
 * `needs`: what the posting will take of each product, in all (a product may be issued from
 * several lots). Each product's layers are read oldest first up to the LAYERS_READ_AHEAD-th
 * oldest's receipt instant (layers received in the same instant are read together, so the
 * order by id among them is kept); one that holds less than the need there is read whole.
 */
export function readLayerCache(ctx: PostingContext, warehouseId: string, needs: readonly { productId: string; qty: number }[]): LayerCache {
  const need = new Map<string, number>();
  for (const n of needs) need.set(n.productId, (need.get(n.productId) ?? 0) + n.qty);
  const cache: LayerCache = new Map([...need.keys()].map((id) => [id, []]));
  const rows = allRaw(
    ctx.db,
    `SELECT c.product_id, c.rowid, c.id, c.received_at, c.qty_remaining, c.value_remaining_fen
       FROM json_each(?) p JOIN cost_layers c
         ON c.product_id = p.value AND c.warehouse_id = ? AND c.qty_remaining > 0
        AND c.received_at <= COALESCE((SELECT received_at FROM cost_layers
                                        WHERE product_id = p.value AND warehouse_id = ? AND qty_remaining > 0
                                        ORDER BY received_at LIMIT 1 OFFSET ${LAYERS_READ_AHEAD - 1}), ${Number.MAX_SAFE_INTEGER})
      ORDER BY c.product_id, c.received_at, c.id`,
    JSON.stringify([...need.keys()]),
    warehouseId,
    warehouseId,
  );
  for (const r of rows) cache.get(r[0] as string)?.push(toOpenLayer(r, 1));
  for (const [productId, layers] of cache) {
    if (layers.length < LAYERS_READ_AHEAD) continue; // read whole already
    let held = 0;
    for (const l of layers) held += l.qtyRemaining;
    if (held < (need.get(productId) ?? 0)) cache.set(productId, readOpenLayers(ctx, warehouseId, productId));
  }
  return cache;
}

/** Goods of one lot in one warehouse, signed, with their value. */
type LayerLine = { warehouseId: string; productId: string; lotId: string; qty: number; valueFen: number };

/** Goods in: one movement, its balance, and a new FIFO layer holding exactly `valueFen`. */
export function postIncoming(
  ctx: PostingContext,
  ref: MovementRef,
  line: LayerLine,
): PostedMovement {
  const movement = insertMovement(ctx, movementOf(ref, line), ref.branchId, 'add');
  addCostLayer(ctx, line, movement.id);
  return movement;
}

/** A movement of `line` for the document line `ref`, as insertMovement takes it. */
function movementOf(ref: MovementRef, line: LayerLine): Omit<PostedMovement, 'id' | 'createdAt' | 'hlc'> {
  return {
    warehouseId: line.warehouseId,
    productId: line.productId,
    lotId: line.lotId,
    qty: line.qty,
    valueFen: line.valueFen,
    documentType: ref.documentType,
    documentId: ref.documentId,
    lineId: ref.lineId,
    businessDate: ref.businessDate,
  };
}

/**
 * Opens a FIFO layer for goods that came in. Stock sold before it was known to be there (an
 * oversell merged in by sync) left a negative layer; incoming goods fill that first, so the
 * open layers always add up to the balances. `noShortLayers`: the caller knows the ledger holds
 * no negative layer at all (a pull applying a run of receipts), so there is nothing to look for.
 */
export function addCostLayer(
  ctx: PostingContext,
  line: LayerLine,
  sourceMovementId: string,
  noShortLayers = false,
): void {
  let qty = line.qty;
  let valueFen = line.valueFen;
  const short = noShortLayers ? [] : all<{ id: string; qty_remaining: number; value_remaining_fen: number }>(
    ctx.db,
    `SELECT id, qty_remaining, value_remaining_fen FROM cost_layers
      WHERE product_id = ? AND warehouse_id = ? AND qty_remaining < 0 ORDER BY received_at, id`,
    line.productId,
    line.warehouseId,
  );
  for (const layer of short) {
    if (qty === 0) break;
    const fill = Math.min(qty, -layer.qty_remaining);
    const fillValue = fill === qty ? valueFen : Math.round((valueFen * fill) / qty);
    run(
      ctx.db,
      'UPDATE cost_layers SET qty_remaining = qty_remaining + ?, value_remaining_fen = CASE WHEN qty_remaining + ? = 0 THEN 0 ELSE value_remaining_fen + ? END WHERE id = ?',
      fill,
      fill,
      fillValue,
      layer.id,
    );
    qty -= fill;
    valueFen -= fillValue;
  }
  insertCostLayer(ctx, line, sourceMovementId, { qty: line.qty, valueFen: line.valueFen }, { qty, valueFen });
}

function insertCostLayer(ctx: PostingContext, line: LayerLine, sourceMovementId: string, into: { qty: number; valueFen: number }, remaining: { qty: number; valueFen: number }): void {
  run(
    ctx.db,
    `INSERT INTO cost_layers (id, warehouse_id, product_id, lot_id, source_movement_id, received_at, qty_in, value_in_fen, qty_remaining, value_remaining_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ctx.ids(),
    line.warehouseId,
    line.productId,
    line.lotId,
    sourceMovementId,
    ctx.now,
    into.qty,
    into.valueFen,
    remaining.qty,
    remaining.valueFen,
  );
}

export interface OutgoingRequest {
  warehouseId: string;
  productId: string;
  qty: number;
  /** Take from this lot only; otherwise lots are taken first-expiry-first-out. */
  lotId?: string;
  /** Layers consumed before FIFO order (a reversal takes back its own receipt's layer). */
  preferLayerIds?: string[];
  /** Open layers read ahead for a posting of many issues (see readLayerCache). */
  layers?: LayerCache;
  /** For the STOCK_INSUFFICIENT error shown next to the line. */
  fieldPath?: string;
  /** Or how to get it: read only if the line is refused. */
  productLabel?: string | (() => string);
}

interface BalanceRow {
  lot_id: string;
  qty: number;
  expiry_date: string | null;
  first_received_at: number;
}

function insufficient(req: OutgoingRequest, available: number): LedgerError {
  const params = {
    productId: req.productId,
    product: (typeof req.productLabel === 'function' ? req.productLabel() : req.productLabel) ?? req.productId,
    available,
    requested: req.qty,
  };
  return new LedgerError('STOCK_INSUFFICIENT', params, req.fieldPath ? [{ path: req.fieldPath, code: 'STOCK_INSUFFICIENT', params }] : undefined);
}

/**
 * Goods out: lots by FEFO (or the named lot), cost by FIFO across the product's layers in the
 * warehouse. More than is on hand is refused with STOCK_INSUFFICIENT before anything is written.
 */
export function postOutgoing(ctx: PostingContext, ref: MovementRef, req: OutgoingRequest): PostedMovement[] {
  let takes: { lotId: string; qty: number }[];
  let balance: 'add' | 'taken' = 'add';
  if (req.lotId !== undefined) {
    // One lot named: its balance is one row of the primary key, checked and taken in one statement.
    if (takeFromBalance(ctx, req.warehouseId, req.productId, req.lotId, req.qty)) {
      balance = 'taken';
    } else {
      const available = get<{ qty: number }>(ctx.db, 'SELECT qty FROM stock_balances WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', req.productId, req.warehouseId, req.lotId)?.qty ?? 0;
      if (available < req.qty) throw insufficient(req, Math.max(available, 0));
    }
    takes = [{ lotId: req.lotId, qty: req.qty }];
  } else {
    const balances = all<BalanceRow>(
      ctx.db,
      `SELECT b.lot_id, b.qty, l.expiry_date, l.first_received_at
         FROM stock_balances b JOIN lots l ON l.id = b.lot_id
        WHERE b.warehouse_id = ? AND b.product_id = ? AND b.qty > 0`,
      req.warehouseId,
      req.productId,
    );
    const stock: LotStock[] = balances.map((b) => ({
      lotId: b.lot_id,
      expiryDate: b.expiry_date,
      firstReceivedAt: b.first_received_at,
      qty: b.qty,
    }));
    const fefo = allocateFefo(stock, req.qty);
    if (!fefo.ok) throw insufficient(req, fefo.available);
    takes = fefo.takes;
  }

  const taken = takeFromLayers(ctx, req.warehouseId, req.productId, req.qty, req.preferLayerIds, req.layers);
  if (taken.qty < req.qty) {
    // Balances and layers are kept in step by this module; a mismatch is a broken ledger, not bad input.
    throw new Error(`cost layers (${taken.qty}) out of step with balances for product ${req.productId}`);
  }
  const values = allocateProportionally(taken.valueFen, takes.map((t) => t.qty));
  return takes.map((take, i) =>
    insertMovement(
      ctx,
      {
        warehouseId: req.warehouseId,
        productId: req.productId,
        lotId: take.lotId,
        qty: -take.qty,
        valueFen: -(values[i] ?? 0),
        documentType: ref.documentType,
        documentId: ref.documentId,
        lineId: ref.lineId,
        businessDate: ref.businessDate,
      },
      ref.branchId,
      balance,
    ),
  );
}

/**
 * A negative FIFO layer for goods that left before the ledger knew they were there (an oversell
 * merged in by sync, or a compensation that takes back goods already issued), at the value they
 * left with. The next goods in fill it first (addCostLayer), so the open layers keep adding up
 * to the balances while the balance is below zero.
 */
export function openShortLayer(ctx: PostingContext, line: LayerLine, sourceMovementId: string): void {
  const short = { qty: -line.qty, valueFen: -line.valueFen };
  insertCostLayer(ctx, line, sourceMovementId, short, short);
}

/**
 * Goods out of one lot that the system must take whatever the lot holds: the compensation of a
 * transfer received twice (applyTransferOp), whose goods may have been issued meanwhile. The
 * lot's balance may go below zero — unlike any user's issue, which postOutgoing refuses — and
 * head office opens a stock exception for it when the movement arrives there, as for an
 * oversell. Cost comes from the product's open layers (`preferLayerIds` first); what they do not
 * hold leaves at its share of `valueFen` (what the goods came in at) as a short layer. Answers the movement and by how much the lot's
 * balance went below zero.
 */
export function postCompensatingIssue(
  ctx: PostingContext,
  ref: MovementRef,
  req: { warehouseId: string; productId: string; lotId: string; qty: number; valueFen: number; preferLayerIds: readonly string[] },
): { movement: PostedMovement; shortfall: number } {
  const held = get<{ qty: number }>(ctx.db, 'SELECT qty FROM stock_balances WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', req.productId, req.warehouseId, req.lotId)?.qty ?? 0;
  const taken = takeFromLayers(ctx, req.warehouseId, req.productId, req.qty, req.preferLayerIds);
  const short = req.qty - taken.qty;
  const shortValueFen = short === req.qty ? req.valueFen : Math.round((req.valueFen * short) / req.qty);
  const line = { warehouseId: req.warehouseId, productId: req.productId, lotId: req.lotId, qty: -req.qty, valueFen: -(taken.valueFen + shortValueFen) };
  const movement = insertMovement(ctx, movementOf(ref, line), ref.branchId, 'add');
  if (short > 0) openShortLayer(ctx, { warehouseId: req.warehouseId, productId: req.productId, lotId: req.lotId, qty: short, valueFen: shortValueFen }, movement.id);
  return { movement, shortfall: req.qty - Math.min(req.qty, Math.max(held, 0)) };
}

/** An issue from one named lot, as postOutgoing takes it, with the line it posts for. */
export interface LotIssue {
  lineId: string;
  req: OutgoingRequest & { lotId: string };
}

/**
 * Issues from named lots, many at once (a count's losses): for each issue, in order, exactly
 * what postOutgoing does, with the rows written ROWS_PER_STATEMENT issues at a time: their
 * balances checked and taken in one statement, FIFO layers taken from the read-ahead and
 * updated in one, movements inserted in one. The first issue larger than its lot's balance is
 * refused with STOCK_INSUFFICIENT, as postOutgoing would; the caller's transaction then rolls
 * back what the statements before it wrote. Answers one movement per issue.
 */
export function postOutgoingFromLots(ctx: PostingContext, ref: Omit<MovementRef, 'lineId'>, issues: readonly LotIssue[], layers: LayerCache): PostedMovement[] {
  const posted: PostedMovement[] = [];
  for (let first = 0; first < issues.length; first += ROWS_PER_STATEMENT) {
    const batch = issues.slice(first, first + ROWS_PER_STATEMENT);
    if (!distinctLots(batch)) {
      // One lot twice in a statement would be taken once: such a batch posts issue by issue.
      for (const i of batch) posted.push(...postOutgoing(ctx, { ...ref, lineId: i.lineId }, { ...i.req, layers }));
      continue;
    }
    takeBalances(ctx, batch);
    const movements: PostedMovement[] = [];
    const layerTakes = new Map<number, [number, number]>();
    for (const { lineId, req } of batch) {
      let open = layers.get(req.productId);
      if (!open) layers.set(req.productId, (open = readOpenLayers(ctx, req.warehouseId, req.productId)));
      // Takes of one layer by several issues are summed: the statement updates a layer once.
      const taken = consumeLayers(open, req.productId, req.qty, req.preferLayerIds ?? [], layers, (layer, qty, valueFen) => {
        const sum = layerTakes.get(layer.rowid);
        if (sum) {
          sum[0] += qty;
          sum[1] += valueFen;
        } else layerTakes.set(layer.rowid, [qty, valueFen]);
      });
      if (taken.qty < req.qty) throw new Error(`cost layers (${taken.qty}) out of step with balances for product ${req.productId}`);
      movements.push(
        newMovement(ctx, {
          warehouseId: req.warehouseId,
          productId: req.productId,
          lotId: req.lotId,
          qty: -req.qty,
          valueFen: -taken.valueFen,
          documentType: ref.documentType,
          documentId: ref.documentId,
          lineId,
          businessDate: ref.businessDate,
        }),
      );
    }
    const takes: number[] = [];
    for (const [rowid, [qty, valueFen]] of layerTakes) takes.push(rowid, qty, valueFen);
    runForRows(
      ctx.db,
      (n) => `UPDATE cost_layers SET qty_remaining = qty_remaining - v.column2, value_remaining_fen = value_remaining_fen - v.column3
               FROM (VALUES ${valuesOf(n, 3)}) AS v WHERE cost_layers.rowid = v.column1`,
      3,
      takes,
    );
    insertMovementRows(ctx, movements, ref.branchId);
    for (const m of movements) posted.push(m);
  }
  return posted;
}

/** Whether no lot is issued twice from one warehouse in `batch` (a lot is of one product). */
function distinctLots(batch: readonly LotIssue[]): boolean {
  const seen = new Map<string, Set<string>>();
  for (const { req } of batch) {
    let lots = seen.get(req.warehouseId);
    if (!lots) seen.set(req.warehouseId, (lots = new Set()));
    if (lots.has(req.lotId)) return false;
    lots.add(req.lotId);
  }
  return true;
}

/** Takes each issue off its lot's balance, checked in the statement that takes it; refuses the first that is short. */
function takeBalances(ctx: PostingContext, batch: readonly LotIssue[]): void {
  const values: unknown[] = [];
  for (const { req } of batch) values.push(req.productId, req.warehouseId, req.lotId, req.qty);
  const taken = allRaw(
    ctx.db,
    `UPDATE stock_balances AS b SET qty = b.qty - v.column4, updated_at = ?
       FROM (VALUES ${valuesOf(batch.length, 4)}) AS v
      WHERE b.product_id = v.column1 AND b.warehouse_id = v.column2 AND b.lot_id = v.column3 AND b.qty >= v.column4
      RETURNING product_id, warehouse_id, lot_id`,
    ctx.now,
    ...values,
  );
  if (taken.length === batch.length) return;
  const done = new Set(taken.map((r) => `${String(r[1])}\u0000${String(r[0])}\u0000${String(r[2])}`));
  for (const { req } of batch) {
    if (done.has(`${req.warehouseId}\u0000${req.productId}\u0000${req.lotId}`)) continue;
    const available = get<{ qty: number }>(ctx.db, 'SELECT qty FROM stock_balances WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', req.productId, req.warehouseId, req.lotId)?.qty ?? 0;
    throw insufficient(req, Math.max(available, 0));
  }
}

/** Writes new movements whose balances are already taken, in multi-row statements. */
function insertMovementRows(ctx: PostingContext, movements: readonly PostedMovement[], branchId: string): void {
  const values: unknown[] = [];
  for (const m of movements) {
    values.push(m.id, branchId, m.warehouseId, m.productId, m.lotId, m.qty, m.valueFen, m.documentType, m.documentId, m.lineId, m.businessDate, m.createdAt, m.hlc);
  }
  runForRows(
    ctx.db,
    (n) =>
      `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
       VALUES ${valuesOf(n, 13)}`,
    13,
    values,
  );
}

/** Average cost of one base unit over the open layers (rounded), or null when nothing is open. */
export function averageUnitCostFen(ctx: PostingContext, warehouseId: string, productId: string): number | null {
  const row = get<{ qty: number | null; value: number | null }>(
    ctx.db,
    `SELECT SUM(qty_remaining) AS qty, SUM(value_remaining_fen) AS value FROM cost_layers
      WHERE warehouse_id = ? AND product_id = ? AND qty_remaining > 0`,
    warehouseId,
    productId,
  );
  if (!row?.qty) return null;
  return Math.round((row.value ?? 0) / row.qty);
}

/** The cost of the most recent incoming movement, for an increase when nothing is open. */
export function lastIncomingUnitCostFen(ctx: PostingContext, productId: string): number | null {
  const row = get<{ qty: number; value_fen: number }>(
    ctx.db,
    'SELECT qty, value_fen FROM stock_movements WHERE product_id = ? AND qty > 0 ORDER BY created_at DESC, id DESC LIMIT 1',
    productId,
  );
  if (!row || row.qty === 0) return null;
  return Math.round(row.value_fen / row.qty);
}
