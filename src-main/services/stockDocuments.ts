import { addDays } from '../core/businessDate';
import { lotIdFor } from '../core/ids';
import { documentTypeCodes, type StockDocumentType } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import { documentPrefix, requireBranch, resolveBusinessDate, type BranchRow } from './branch';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import { averageUnitCostFen, lastIncomingUnitCostFen, postCompensatingIssue, postIncoming, postOutgoing, postOutgoingFromLots, readLayerCache, type PostedMovement } from './posting';
import { all, get, inTransaction, run, runForRows, valuesOf } from './sql';
import type { CommandContext, ServiceContext } from './types';
import type { LedgerDb } from '../../db/openLedgerDb';
import { splitDocumentOp, type StockDocumentArgs } from '../sync/protocol';
import { storedPartText } from '../sync/documentPartRefs';

interface ProductRow {
  id: string;
  sku: string;
  name_zh: string;
  lot_tracked: number;
  shelf_life_days: number | null;
  active: number;
}

interface UnitRow {
  code: string;
  factor: number;
}

interface LotRow {
  id: string;
  product_id: string;
  lot_code: string;
  expiry_date: string | null;
  production_date: string | null;
  first_received_at: number;
  hlc: string;
}

export interface LineRecord {
  id: string;
  lineNo: number;
  productId: string;
  unitCode: string;
  unitQty: number;
  qty: number;
  lotId: string | null;
  unitCostFen: number | null;
  valueFen: number;
  reasonCode: string | null;
  /** A delivery line's sales order line. */
  sourceLineId?: string | null;
}

/** Everything one posting wrote, for the outbox op that carries it to head office. */
export interface PostingEffects {
  lots: LotRow[];
  lines: LineRecord[];
  movements: PostedMovement[];
}

export function requireWarehouse(ctx: ServiceContext, warehouseId: string): void {
  const w = get<{ active: number }>(ctx.db, 'SELECT active FROM warehouses WHERE id = ?', warehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'warehouseId', code: 'WAREHOUSE_INACTIVE' }]);
}

/** A product with the unit a line names (null: the product has no such unit). */
type ProductWithUnit = ProductRow & { unit_code: string | null; factor: number | null };

/** What posting a count's line needs of its product and base unit; its names are read only when something must be said about it. */
export type CountProduct = Omit<ProductWithUnit, 'sku' | 'name_zh'>;

export function productForLine(ctx: ServiceContext, productId: string, unitCode: string, i: number, known?: ProductWithUnit): { product: ProductRow; unit: UnitRow } {
  // One read for product and unit: this runs for every line of every posting.
  const row =
    known ??
    get<ProductWithUnit>(
      ctx.db,
      `SELECT p.id, p.sku, p.name_zh, p.lot_tracked, p.shelf_life_days, p.active, u.code AS unit_code, u.factor
         FROM products p LEFT JOIN product_units u ON u.product_id = p.id AND u.code = ?
        WHERE p.id = ?`,
      unitCode,
      productId,
    );
  if (!row) throw new LedgerError('NOT_FOUND', { entity: 'product', line: i + 1 }, [{ path: `lines.${i}.productId`, code: 'NOT_FOUND' }]);
  if (!row.active) {
    throw new LedgerError('PRODUCT_INACTIVE', { product: row.name_zh, sku: row.sku, line: i + 1 }, [
      { path: `lines.${i}.productId`, code: 'PRODUCT_INACTIVE' },
    ]);
  }
  if (row.unit_code === null || row.factor === null) {
    throw new LedgerError('UNIT_UNKNOWN', { unit: unitCode, product: row.name_zh, line: i + 1 }, [
      { path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: unitCode } },
    ]);
  }
  return { product: row, unit: { code: row.unit_code, factor: row.factor } };
}

function findLot(ctx: ServiceContext, productId: string, lotCode: string): LotRow | undefined {
  return get<LotRow>(
    ctx.db,
    'SELECT id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc FROM lots WHERE product_id = ? AND lot_code = ?',
    productId,
    lotCode,
  );
}

/**
 * The lot an incoming line goes into: an existing lot of that code (its expiry must agree), or
 * a new one. A product that is not lot-tracked has one implicit lot with an empty code.
 */
function lotForIncoming(
  ctx: ServiceContext,
  product: ProductRow,
  given: { lotCode?: string | undefined; expiryDate?: string | undefined; productionDate?: string | undefined },
  i: number,
  effects: PostingEffects,
): string {
  const tracked = product.lot_tracked === 1;
  const lotCode = tracked ? (given.lotCode ?? '').trim() : '';
  if (tracked && lotCode === '') {
    throw new LedgerError('LOT_REQUIRED', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.lotCode`, code: 'LOT_REQUIRED' }]);
  }
  let expiry: string | null = tracked ? (given.expiryDate ?? null) : null;
  if (tracked && expiry === null && given.productionDate && product.shelf_life_days !== null) {
    expiry = addDays(given.productionDate, product.shelf_life_days);
  }
  const existing = findLot(ctx, product.id, lotCode);
  if (existing) {
    if (tracked && expiry !== null && existing.expiry_date !== expiry) {
      throw new LedgerError('LOT_EXPIRY_MISMATCH', { lot: lotCode, expiry: existing.expiry_date ?? '—', line: i + 1 }, [
        { path: `lines.${i}.expiryDate`, code: 'LOT_EXPIRY_MISMATCH', params: { expiry: existing.expiry_date ?? '—' } },
      ]);
    }
    return existing.id;
  }
  if (tracked && expiry === null && product.shelf_life_days !== null) {
    throw new LedgerError('EXPIRY_REQUIRED', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.expiryDate`, code: 'EXPIRY_REQUIRED' }]);
  }
  const lot: LotRow = {
    id: lotIdFor(product.id, lotCode),
    product_id: product.id,
    lot_code: lotCode,
    expiry_date: expiry,
    production_date: tracked ? (given.productionDate ?? null) : null,
    first_received_at: ctx.now,
    hlc: ctx.hlc(),
  };
  run(
    ctx.db,
    'INSERT INTO lots (id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    lot.id,
    lot.product_id,
    lot.lot_code,
    lot.expiry_date,
    lot.production_date,
    lot.first_received_at,
    lot.hlc,
  );
  effects.lots.push(lot);
  return lot.id;
}

export interface DocumentHeader {
  id: string;
  docType: StockDocumentType;
  docNo: string;
  businessDate: string;
  warehouseId: string;
  supplierId: string | null;
  reasonCode: string | null;
  note: string;
  reversesDocumentId: string | null;
  /** What the document belongs to or fulfils: a return's receipt and disposition name the return, a receipt its purchase order. */
  sourceId?: string | null;
}

/** A document's lines, as posted here or as pulled from another PC of the branch, in multi-row statements. */
export function insertDocumentLines(db: LedgerDb, documentId: string, lines: readonly LineRecord[]): void {
  const values: unknown[] = [];
  for (const l of lines) {
    values.push(l.id, documentId, l.lineNo, l.productId, l.unitCode, l.unitQty, l.qty, l.lotId, l.unitCostFen, l.valueFen, l.reasonCode, l.sourceLineId ?? null);
  }
  runForRows(
    db,
    (n) =>
      `INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit_code, unit_qty, qty, lot_id, unit_cost_fen, value_fen, reason_code, source_line_id)
       VALUES ${valuesOf(n, 12)}`,
    12,
    values,
  );
}

/**
 * Writes a stock issue another command posted (a delivery for a sales order, goods sent back
 * to a supplier): the document that its lines and movements belong to, and the outbox op (or
 * ops, for a big one) named `method` that carries it. `sourceId` is what the document fulfils.
 */
export function writeIssueDocument(
  ctx: ServiceContext,
  method: string,
  header: { id: string; docType: StockDocumentType; docNo: string; businessDate: string; warehouseId: string; supplierId: string | null; note: string; sourceId: string; branchId: string },
  lines: readonly LineRecord[],
  movements: PostedMovement[],
): { totalQty: number; totalValueFen: number } {
  const totalQty = lines.reduce((n, l) => n + l.qty, 0);
  const totalValueFen = movements.reduce((n, m) => n + m.valueFen, 0);
  const hlc = ctx.hlc();
  run(
    ctx.db,
    `INSERT INTO stock_documents (id, branch_id, doc_type, doc_no, status, business_date, warehouse_id, supplier_id, reason_code, note,
       reverses_document_id, total_qty, total_value_fen, source_id, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?)`,
    header.id,
    header.branchId,
    header.docType,
    header.docNo,
    header.businessDate,
    header.warehouseId,
    header.supplierId,
    header.note,
    totalQty,
    totalValueFen,
    header.sourceId,
    ctx.currentUser.id,
    ctx.now,
    hlc,
  );
  insertDocumentLines(ctx.db, header.id, lines);
  const op = {
    document: {
      ...header,
      reasonCode: null,
      reversesDocumentId: null,
      status: 'posted' as const,
      totalQty,
      totalValueFen,
      createdBy: ctx.currentUser.id,
      createdAt: ctx.now,
      hlc,
    },
    lines: lines.map((l) => ({ ...l, sourceLineId: l.sourceLineId ?? null })),
    lots: [],
    movements,
  };
  writeDocumentOps(ctx, method, op);
  return { totalQty, totalValueFen };
}

/**
 * The one place a posted document becomes outbox ops, in the posting's transaction: one op `method`,
 * or, for a document too big for one (a stock count's adjustment), the op and its parts, each
 * part stored as a reference to the rows just written (sync/documentPartRefs.ts).
 */
function writeDocumentOps(ctx: CommandContext, method: string, args: StockDocumentArgs): void {
  splitDocumentOp(args, (cut) => {
    if (cut.name === 'document') writeOutbox(ctx, method, 1, cut.op.args, cut.op.json);
    else writeOutbox(ctx, 'stock.documentPart', 1, cut.op.args, storedPartText(cut.op.args, cut.op.json));
  });
}

export function insertDocument(ctx: CommandContext, branch: BranchRow, header: DocumentHeader, effects: PostingEffects) {
  const totalQty = effects.lines.reduce((n, l) => n + l.qty, 0);
  const totalValueFen = effects.movements.reduce((n, m) => n + m.valueFen, 0);
  const hlc = ctx.hlc();
  run(
    ctx.db,
    `INSERT INTO stock_documents (id, branch_id, doc_type, doc_no, status, business_date, warehouse_id, supplier_id, reason_code, note,
       reverses_document_id, total_qty, total_value_fen, source_id, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    header.id,
    branch.id,
    header.docType,
    header.docNo,
    header.businessDate,
    header.warehouseId,
    header.supplierId,
    header.reasonCode,
    header.note,
    header.reversesDocumentId,
    totalQty,
    totalValueFen,
    header.sourceId ?? null,
    ctx.currentUser.id,
    ctx.now,
    hlc,
  );
  insertDocumentLines(ctx.db, header.id, effects.lines);
  const document = { ...header, branchId: branch.id, status: 'posted' as const, totalQty, totalValueFen, createdBy: ctx.currentUser.id, createdAt: ctx.now, hlc };
  return document;
}

/** Audit and outbox op(s) of a posted document, in the caller's transaction. */
export function finish(
  ctx: CommandContext,
  method: string,
  document: ReturnType<typeof insertDocument>,
  effects: PostingEffects,
): MethodResult<'stock.receive'> {
  writeAudit(ctx, method, 'stock_document', document.id, null, {
    docNo: document.docNo,
    docType: document.docType,
    businessDate: document.businessDate,
    warehouseId: document.warehouseId,
    lines: effects.lines.length,
    totalQty: document.totalQty,
    totalValueFen: document.totalValueFen,
    reversesDocumentId: document.reversesDocumentId,
  });
  const lots = effects.lots.map((l) => ({
    id: l.id,
    productId: l.product_id,
    lotCode: l.lot_code,
    expiryDate: l.expiry_date,
    productionDate: l.production_date,
    firstReceivedAt: l.first_received_at,
    hlc: l.hlc,
  }));
  writeDocumentOps(ctx, method, { document, lines: effects.lines, lots, movements: effects.movements });
  return {
    id: document.id,
    docNo: document.docNo,
    docType: document.docType,
    businessDate: document.businessDate,
    totalQty: document.totalQty,
    totalValueFen: document.totalValueFen,
  };
}

/** One incoming line of a receipt; `valueFen` defaults to qty × unitCostFen. */
export interface IncomingLine {
  productId: string;
  unitCode: string;
  qty: number;
  lotCode?: string | undefined;
  expiryDate?: string | undefined;
  productionDate?: string | undefined;
  unitCostFen: number;
  valueFen?: number;
  /** The purchase order line it is received against. */
  sourceLineId?: string;
}

export interface ReceiptRequest {
  warehouseId: string;
  supplierId: string | null;
  businessDate: string;
  note: string;
  /** The purchase order it is received against. */
  sourceId?: string;
  lines: readonly IncomingLine[];
}

/**
 * Posts a goods receipt inside the caller's transaction: lots found or opened, movements in at
 * the given cost (one FIFO layer per line), audit and the outbox op named `method`. Free
 * receipts (stock.receive) and receipts against a purchase order (purchasing.receive) both
 * post here. Answers the document and its lines (with the lots they went into).
 */
export function postReceipt(ctx: ServiceContext, branch: BranchRow, method: 'stock.receive' | 'purchasing.receive', req: ReceiptRequest): { document: MethodResult<'stock.receive'>; lines: LineRecord[] } {
  requireWarehouse(ctx, req.warehouseId);
  const header: DocumentHeader = {
    id: ctx.ids(),
    docType: 'receipt',
    docNo: nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.receipt, req.businessDate),
    businessDate: req.businessDate,
    warehouseId: req.warehouseId,
    supplierId: req.supplierId,
    reasonCode: null,
    note: req.note,
    reversesDocumentId: null,
    ...(req.sourceId !== undefined ? { sourceId: req.sourceId } : {}),
  };
  const effects: PostingEffects = { lots: [], lines: [], movements: [] };
  req.lines.forEach((line, i) => {
    const { product, unit } = productForLine(ctx, line.productId, line.unitCode, i);
    const lotId = lotForIncoming(ctx, product, line, i, effects);
    const qty = line.qty * unit.factor;
    const valueFen = line.valueFen ?? line.qty * line.unitCostFen;
    const record: LineRecord = {
      id: ctx.ids(),
      lineNo: i + 1,
      productId: product.id,
      unitCode: unit.code,
      unitQty: line.qty,
      qty,
      lotId,
      unitCostFen: line.unitCostFen,
      valueFen,
      reasonCode: null,
      ...(line.sourceLineId !== undefined ? { sourceLineId: line.sourceLineId } : {}),
    };
    effects.lines.push(record);
    effects.movements.push(
      postIncoming(
        ctx,
        { branchId: branch.id, documentType: 'receipt', documentId: header.id, lineId: record.id, businessDate: req.businessDate },
        { warehouseId: req.warehouseId, productId: product.id, lotId, qty, valueFen },
      ),
    );
  });
  return { document: finish(ctx, method, insertDocument(ctx, branch, header, effects), effects), lines: effects.lines };
}

export function receiveStock(ctx: ServiceContext, input: ParsedInput<'stock.receive'>): MethodResult<'stock.receive'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    requireWarehouse(ctx, input.warehouseId);
    if (input.supplierId !== undefined && !get(ctx.db, 'SELECT 1 FROM suppliers WHERE id = ?', input.supplierId)) {
      throw new LedgerError('NOT_FOUND', { entity: 'supplier' }, [{ path: 'supplierId', code: 'NOT_FOUND' }]);
    }
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    return postReceipt(ctx, branch, 'stock.receive', { warehouseId: input.warehouseId, supplierId: input.supplierId ?? null, businessDate, note: input.note, lines: input.lines }).document;
  });
}

export function adjustStock(ctx: ServiceContext, input: ParsedInput<'stock.adjust'>): MethodResult<'stock.adjust'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    requireWarehouse(ctx, input.warehouseId);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const header: DocumentHeader = {
      id: ctx.ids(),
      docType: 'adjustment',
      docNo: nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.adjustment, businessDate),
      businessDate,
      warehouseId: input.warehouseId,
      supplierId: null,
      reasonCode: input.reasonCode,
      note: input.note,
      reversesDocumentId: null,
    };
    const effects: PostingEffects = { lots: [], lines: [], movements: [] };
    input.lines.forEach((line, i) => {
      const { product, unit } = productForLine(ctx, line.productId, line.unitCode, i);
      const qty = line.qty * unit.factor;
      const ref = { branchId: branch.id, documentType: 'adjustment', documentId: header.id, lineId: ctx.ids(), businessDate };
      let lotId: string | null = null;
      if (line.lotId !== undefined) {
        const lot = get<LotRow>(ctx.db, 'SELECT id, product_id FROM lots WHERE id = ?', line.lotId);
        if (!lot || lot.product_id !== product.id) {
          throw new LedgerError('LOT_NOT_FOUND', { line: i + 1 }, [{ path: `lines.${i}.lotId`, code: 'LOT_NOT_FOUND' }]);
        }
        lotId = lot.id;
      }
      if (qty > 0) {
        lotId ??= lotForIncoming(ctx, product, line, i, effects);
        const perBase = line.unitCostFen !== undefined ? null : (averageUnitCostFen(ctx, input.warehouseId, product.id) ?? lastIncomingUnitCostFen(ctx, product.id));
        if (line.unitCostFen === undefined && perBase === null) {
          throw new LedgerError('UNIT_COST_REQUIRED', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.unitCostFen`, code: 'UNIT_COST_REQUIRED' }]);
        }
        const unitCostFen = line.unitCostFen ?? (perBase ?? 0) * unit.factor;
        const valueFen = line.qty * unitCostFen;
        effects.lines.push({ id: ref.lineId, lineNo: i + 1, productId: product.id, unitCode: unit.code, unitQty: line.qty, qty, lotId, unitCostFen, valueFen, reasonCode: input.reasonCode });
        effects.movements.push(postIncoming(ctx, ref, { warehouseId: input.warehouseId, productId: product.id, lotId, qty, valueFen }));
      } else {
        if (lotId === null && line.lotCode !== undefined && line.lotCode.trim() !== '') {
          const lot = findLot(ctx, product.id, line.lotCode.trim());
          if (!lot) throw new LedgerError('LOT_NOT_FOUND', { lot: line.lotCode, line: i + 1 }, [{ path: `lines.${i}.lotCode`, code: 'LOT_NOT_FOUND' }]);
          lotId = lot.id;
        }
        const moved = postOutgoing(ctx, ref, {
          warehouseId: input.warehouseId,
          productId: product.id,
          qty: -qty,
          ...(lotId !== null ? { lotId } : {}),
          fieldPath: `lines.${i}.qty`,
          productLabel: product.name_zh,
        });
        const valueFen = moved.reduce((n, m) => n + m.valueFen, 0);
        effects.lines.push({
          id: ref.lineId,
          lineNo: i + 1,
          productId: product.id,
          unitCode: unit.code,
          unitQty: line.qty,
          qty,
          lotId: moved.length === 1 ? (moved[0]?.lotId ?? null) : lotId,
          unitCostFen: null,
          valueFen,
          reasonCode: input.reasonCode,
        });
        effects.movements.push(...moved);
      }
    });
    return finish(ctx, 'stock.adjust', insertDocument(ctx, branch, header, effects), effects);
  });
}

export interface OriginalDocument {
  id: string;
  doc_type: StockDocumentType;
  doc_no: string;
  warehouse_id: string;
}

interface OriginalMovement {
  id: string;
  product_id: string;
  lot_id: string;
  qty: number;
  value_fen: number;
  name_zh: string;
  base_unit_code: string;
}

/**
 * Reverses a posted document by a new one with the opposite movements: goods that came in go
 * out of the same lot, taking back the cost layer their receipt opened; goods that went out
 * come back into their lot at the value they left with. The original is never touched.
 */
export function reverseDocument(ctx: ServiceContext, input: ParsedInput<'stock.reverse'>): MethodResult<'stock.reverse'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const original = get<OriginalDocument>(ctx.db, 'SELECT id, doc_type, doc_no, warehouse_id FROM stock_documents WHERE id = ?', input.documentId);
    if (!original) throw new LedgerError('NOT_FOUND', { entity: 'document' }, [{ path: 'documentId', code: 'NOT_FOUND' }]);
    // A reversal is not reversed again, and a delivery is answered by a customer return (its order must know).
    // A return's receipt and disposition belong to the return, whose state must follow them; goods
    // sent on a transfer are in transit until received, and the transfer must know where they are.
    if (['reversal', 'delivery', 'customer_return', 'return_disposition', 'transfer_out'].includes(original.doc_type)) throw new LedgerError('DOCUMENT_NOT_REVERSIBLE', { docNo: original.doc_no });
    const already = get<{ doc_no: string }>(ctx.db, 'SELECT doc_no FROM stock_documents WHERE reverses_document_id = ?', original.id);
    if (already) throw new LedgerError('DOCUMENT_ALREADY_REVERSED', { docNo: original.doc_no, reversal: already.doc_no });

    const businessDate = resolveBusinessDate(ctx, branch, undefined);
    return postReversal(ctx, branch, original, { businessDate, note: input.note, method: 'stock.reverse' }).document;
  });
}

/**
 * Posts the reversal of a document inside the caller's transaction: each movement taken back in
 * the opposite direction (goods in leave from their own lot and cost layer). `compensation` is for
 * a reversal the system makes when sync reveals goods taken in twice (a transfer received on two
 * PCs): it takes back everything even where some of it was issued meanwhile, leaving the lot
 * below zero rather than refusing or leaving the goods counted twice (postCompensatingIssue),
 * and answers by how much (`shortfall`); head office opens a stock exception for it.
 */
export function postReversal(
  ctx: CommandContext,
  branch: BranchRow,
  original: OriginalDocument,
  options: { businessDate: string; note: string; method: string; compensation?: boolean },
): { document: MethodResult<'stock.reverse'>; shortfall: number } {
  const { businessDate } = options;
  let shortfall = 0;
  const header: DocumentHeader = {
    id: ctx.ids(),
    docType: 'reversal',
    docNo: nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.reversal, businessDate),
    businessDate,
    warehouseId: original.warehouse_id,
    supplierId: null,
    reasonCode: null,
    note: options.note,
    reversesDocumentId: original.id,
  };
  const effects: PostingEffects = { lots: [], lines: [], movements: [] };
  const movements = all<OriginalMovement>(
    ctx.db,
    `SELECT m.id, m.product_id, m.lot_id, m.qty, m.value_fen, p.name_zh, p.base_unit_code
       FROM stock_movements m JOIN products p ON p.id = m.product_id
      WHERE m.document_id = ? ORDER BY m.rowid`,
    original.id,
  );
  for (const m of movements) {
    const ref = { branchId: branch.id, documentType: 'reversal', documentId: header.id, lineId: ctx.ids(), businessDate };
    let posted: PostedMovement[];
    const qty = m.qty;
    const layer = qty > 0 ? get<{ id: string }>(ctx.db, 'SELECT id FROM cost_layers WHERE source_movement_id = ?', m.id) : undefined;
    if (qty > 0 && options.compensation) {
      const issued = postCompensatingIssue(ctx, ref, {
        warehouseId: original.warehouse_id,
        productId: m.product_id,
        lotId: m.lot_id,
        qty,
        valueFen: m.value_fen,
        preferLayerIds: layer ? [layer.id] : [],
      });
      posted = [issued.movement];
      shortfall += issued.shortfall;
    } else if (qty > 0) {
      posted = postOutgoing(ctx, ref, {
        warehouseId: original.warehouse_id,
        productId: m.product_id,
        qty,
        lotId: m.lot_id,
        ...(layer ? { preferLayerIds: [layer.id] } : {}),
        productLabel: m.name_zh,
      });
    } else {
      posted = [postIncoming(ctx, ref, { warehouseId: original.warehouse_id, productId: m.product_id, lotId: m.lot_id, qty: -m.qty, valueFen: -m.value_fen })];
    }
    effects.movements.push(...posted);
    effects.lines.push({
      id: ref.lineId,
      lineNo: effects.lines.length + 1,
      productId: m.product_id,
      unitCode: m.base_unit_code,
      unitQty: -qty,
      qty: -qty,
      lotId: m.lot_id,
      unitCostFen: null,
      valueFen: posted.reduce((n, p) => n + p.valueFen, 0),
      reasonCode: null,
    });
  }
  return { document: finish(ctx, options.method, insertDocument(ctx, branch, header, effects), effects), shortfall };
}

export interface CountVarianceLine {
  productId: string;
  baseUnitCode: string;
  /** The product, with its base unit, as the count read it with its lines. */
  product: CountProduct;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  /** Signed base units: + found, − missing. */
  qty: number;
  reasonCode: string;
}

/** A line of a count's adjustment; its keys in the order its sync op has always carried them. */
function countLine(id: string, i: number, productId: string, unitCode: string, line: CountVarianceLine, lotId: string, unitCostFen: number | null, valueFen: number): LineRecord {
  return { id, lineNo: i + 1, productId, unitCode, unitQty: line.qty, qty: line.qty, reasonCode: line.reasonCode, lotId, unitCostFen, valueFen };
}

/**
 * Posts a stock count's variances as one adjustment, inside the caller's transaction: gains
 * come in at the product's average cost (or its last cost), losses leave their own lot at FIFO
 * cost. Answers the posted document.
 */
export function postCountAdjustment(
  ctx: ServiceContext,
  branch: BranchRow,
  count: { warehouseId: string; docNo: string; note: string },
  lines: readonly CountVarianceLine[],
): MethodResult<'stock.adjust'> {
  requireWarehouse(ctx, count.warehouseId);
  const businessDate = resolveBusinessDate(ctx, branch, undefined);
  const header: DocumentHeader = {
    id: ctx.ids(),
    docType: 'adjustment',
    docNo: nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.adjustment, businessDate),
    businessDate,
    warehouseId: count.warehouseId,
    supplierId: null,
    reasonCode: 'count',
    note: count.note === '' ? count.docNo : `${count.docNo} ${count.note}`,
    reversesDocumentId: null,
  };
  const effects: PostingEffects = { lots: [], lines: [], movements: [] };
  // Losses only take from layers; gains are posted after them, so the read-ahead stays true.
  const losses = lines.filter((l) => l.qty < 0);
  const gains = lines.filter((l) => l.qty > 0);
  const layers = readLayerCache(ctx, count.warehouseId, losses.map((l) => ({ productId: l.productId, qty: -l.qty })));
  const nameOf = (productId: string) => () => get<{ name_zh: string }>(ctx.db, 'SELECT name_zh FROM products WHERE id = ?', productId)?.name_zh ?? productId;
  const ref = { branchId: branch.id, documentType: 'adjustment', documentId: header.id, businessDate };
  const cannotPost = (facts: CountProduct) => !facts.active || facts.unit_code === null || facts.factor === null;
  // Losses leave their lots in runs posted together; a product that cannot post (inactive, no base unit)
  // is read whole and refused as any line's would be, once the lines before it have posted.
  for (let from = 0; from < losses.length; ) {
    let to = from;
    while (to < losses.length && (to === from || !cannotPost((losses[to] as CountVarianceLine).product))) to++;
    const first = losses[from] as CountVarianceLine;
    if (cannotPost(first.product)) productForLine(ctx, first.productId, first.baseUnitCode, from);
    const batch = losses.slice(from, to);
    const issues = batch.map((line, k) => ({
      lineId: ctx.ids(),
      req: { warehouseId: count.warehouseId, productId: line.productId, qty: -line.qty, lotId: line.lotId, fieldPath: `lines.${from + k}.qty`, productLabel: nameOf(line.productId) },
    }));
    const moved = postOutgoingFromLots(ctx, ref, issues, layers);
    batch.forEach((line, k) => {
      const m = moved[k] as PostedMovement;
      effects.movements.push(m);
      effects.lines.push(countLine(m.lineId, from + k, line.productId, line.product.unit_code ?? line.baseUnitCode, line, line.lotId, null, m.valueFen));
    });
    from = to;
  }
  gains.forEach((line, g) => {
    const i = losses.length + g;
    // Goods found: the lot and cost rules speak of the product by name, so it is read whole.
    const { product } = productForLine(ctx, line.productId, line.baseUnitCode, i);
    const lotId = lotForIncoming(ctx, product, { lotCode: line.lotCode, ...(line.expiryDate ? { expiryDate: line.expiryDate } : {}) }, i, effects);
    const perBase = averageUnitCostFen(ctx, count.warehouseId, product.id) ?? lastIncomingUnitCostFen(ctx, product.id);
    if (perBase === null) {
      throw new LedgerError('UNIT_COST_REQUIRED', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.unitCostFen`, code: 'UNIT_COST_REQUIRED' }]);
    }
    const valueFen = line.qty * perBase;
    const lineId = ctx.ids();
    effects.lines.push(countLine(lineId, i, product.id, line.product.unit_code ?? line.baseUnitCode, line, lotId, perBase, valueFen));
    effects.movements.push(postIncoming(ctx, { ...ref, lineId }, { warehouseId: count.warehouseId, productId: product.id, lotId, qty: line.qty, valueFen }));
  });
  return finish(ctx, 'stock.adjust', insertDocument(ctx, branch, header, effects), effects);
}
