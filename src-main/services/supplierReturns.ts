import { documentTypeCodes, supplierReturnTypeCode } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import { consumeFifo, type CostLayer } from '../core/fifoCost';
import { creditProblem, supplierReturnTransition, type SupplierReturnAction, type SupplierReturnStatus } from '../core/supplierReturn';
import type { MethodResult, ParsedInput } from '../contract';
import type { SupplierReturnArgs } from '../sync/protocol';
import { documentPrefix, requireBranch, resolveBusinessDate, todayAt } from './branch';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import { postOutgoing, type PostedMovement } from './posting';
import { all, get, inTransaction, run } from './sql';
import { writeIssueDocument, type LineRecord } from './stockDocuments';
import { findSupplierReturn, lotReceivedFrom, supplierReturnDetail, type SupplierReturnRecord } from './supplierReturnQueries';
import type { ServiceContext } from './types';
import { takeNewerSnapshot } from './takeNewerSnapshot';

/**
 * Returns to suppliers (退供): a clerk drafts what goes back (lots received from that supplier,
 * from a main warehouse or the returns area), sends it (the stock issue), and records the
 * supplier's answer: an RMA, a credit (all or part of the claim) or a refusal. Each command is
 * one transaction writing the return, a tracking event, an audit entry and the outbox ops.
 */

type Draft = Pick<ParsedInput<'supplierReturns.create'>, 'supplierId' | 'warehouseId' | 'lines' | 'claimFen' | 'note'>;
type ReturnLine = SupplierReturnArgs['lines'][number];

interface CheckedDraft {
  lines: ReturnLine[];
  /** The goods at cost: FIFO over the warehouse's open layers as they stand now. */
  valueFen: number;
}

function requireSupplier(ctx: ServiceContext, supplierId: string): { name: string } {
  const s = get<{ name: string; active: number }>(ctx.db, 'SELECT name, active FROM suppliers WHERE id = ?', supplierId);
  if (!s) throw new LedgerError('NOT_FOUND', { entity: 'supplier' }, [{ path: 'supplierId', code: 'NOT_FOUND' }]);
  if (!s.active) throw new LedgerError('SUPPLIER_INACTIVE', { supplier: s.name }, [{ path: 'supplierId', code: 'SUPPLIER_INACTIVE' }]);
  return s;
}

/** Goods go back from saleable stock or the returns (quarantine) area, never from goods in transit. */
function requireReturnWarehouse(ctx: ServiceContext, warehouseId: string): void {
  const w = get<{ active: number; kind: string }>(ctx.db, 'SELECT active, kind FROM warehouses WHERE id = ?', warehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'warehouseId', code: 'WAREHOUSE_INACTIVE' }]);
  if (w.kind !== 'main' && w.kind !== 'returns') throw new LedgerError('SUPPLIER_RETURN_WAREHOUSE', {}, [{ path: 'warehouseId', code: 'SUPPLIER_RETURN_WAREHOUSE' }]);
}

/** On hand less what sales orders hold, for one lot in one warehouse. */
function lotAvailable(ctx: ServiceContext, warehouseId: string, productId: string, lotId: string): number {
  const onHand = get<{ qty: number }>(ctx.db, 'SELECT qty FROM stock_balances WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', productId, warehouseId, lotId)?.qty ?? 0;
  const reserved =
    get<{ qty: number | null }>(ctx.db, 'SELECT SUM(qty) AS qty FROM sales_allocations WHERE product_id = ? AND warehouse_id = ? AND lot_id = ?', productId, warehouseId, lotId)?.qty ?? 0;
  return Math.max(0, onHand - reserved);
}

/**
 * Refuses lots that held goods promised to customers or not there at all; lines of one lot
 * count together.
 */
function requireStock(ctx: ServiceContext, warehouseId: string, lines: readonly ReturnLine[], label: (productId: string) => string): void {
  const wanted = new Map<string, number>();
  lines.forEach((l, i) => {
    const total = (wanted.get(l.lotId) ?? 0) + l.qty;
    wanted.set(l.lotId, total);
    const available = lotAvailable(ctx, warehouseId, l.productId, l.lotId);
    if (total > available) {
      const params = { productId: l.productId, product: label(l.productId), available, requested: total };
      throw new LedgerError('STOCK_INSUFFICIENT', params, [{ path: `lines.${i}.qty`, code: 'STOCK_INSUFFICIENT', params }]);
    }
  });
}

/** What a line of goods is worth if sent now: FIFO over the product's open layers, lines of a product in order. */
function estimateValues(ctx: ServiceContext, warehouseId: string, lines: ReturnLine[]): number {
  const layers = new Map<string, CostLayer[]>();
  const takenSoFar = new Map<string, { qty: number; valueFen: number }>();
  let total = 0;
  for (const l of lines) {
    let open = layers.get(l.productId);
    if (!open) {
      open = all<{ id: string; receivedAt: number; qtyRemaining: number; valueRemainingFen: number }>(
        ctx.db,
        `SELECT id, received_at AS receivedAt, qty_remaining AS qtyRemaining, value_remaining_fen AS valueRemainingFen
           FROM cost_layers WHERE warehouse_id = ? AND product_id = ? AND qty_remaining > 0 ORDER BY received_at, id`,
        warehouseId,
        l.productId,
      );
      layers.set(l.productId, open);
    }
    const before = takenSoFar.get(l.productId) ?? { qty: 0, valueFen: 0 };
    const fifo = consumeFifo(open, before.qty + l.qty);
    const cumulative = fifo.ok ? fifo.valueFen : before.valueFen;
    l.valueFen = cumulative - before.valueFen;
    takenSoFar.set(l.productId, { qty: before.qty + l.qty, valueFen: cumulative });
    total += l.valueFen;
  }
  return total;
}

/**
 * Checks a draft line by line (nothing is written): the supplier and warehouse, each product,
 * unit and lot, that the lot came from this supplier, customer-return goods not sent twice,
 * and stock not held for customers.
 */
function checkDraft(ctx: ServiceContext, draft: Draft, returnId: string | null): CheckedDraft {
  const supplier = requireSupplier(ctx, draft.supplierId);
  requireReturnWarehouse(ctx, draft.warehouseId);
  const names = new Map<string, string>();
  const lines: ReturnLine[] = draft.lines.map((input, i) => {
    const product = get<{ id: string; name_zh: string }>(ctx.db, 'SELECT id, name_zh FROM products WHERE id = ?', input.productId);
    if (!product) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: `lines.${i}.productId`, code: 'NOT_FOUND' }]);
    names.set(product.id, product.name_zh);
    const unit = get<{ code: string; factor: number }>(ctx.db, 'SELECT code, factor FROM product_units WHERE product_id = ? AND code = ?', product.id, input.unitCode);
    if (!unit) {
      throw new LedgerError('UNIT_UNKNOWN', { unit: input.unitCode, product: product.name_zh, line: i + 1 }, [
        { path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: input.unitCode } },
      ]);
    }
    const lot = get<{ id: string; lot_code: string }>(ctx.db, 'SELECT id, lot_code FROM lots WHERE id = ? AND product_id = ?', input.lotId, product.id);
    if (!lot) throw new LedgerError('LOT_NOT_FOUND', { lot: input.lotId, line: i + 1 }, [{ path: `lines.${i}.lotId`, code: 'LOT_NOT_FOUND' }]);
    if (!lotReceivedFrom(ctx, lot.id, draft.supplierId)) {
      throw new LedgerError('SUPPLIER_RETURN_LOT_NOT_FROM_SUPPLIER', { line: i + 1, lot: lot.lot_code || '—', product: product.name_zh, supplier: supplier.name }, [
        { path: `lines.${i}.lotId`, code: 'SUPPLIER_RETURN_LOT_NOT_FROM_SUPPLIER' },
      ]);
    }
    return {
      id: ctx.ids(),
      lineNo: i + 1,
      productId: product.id,
      lotId: lot.id,
      unitCode: unit.code,
      unitQty: input.qty,
      qty: input.qty * unit.factor,
      valueFen: 0,
      reasonCode: input.reasonCode,
      customerReturnLineId: input.customerReturnLineId ?? null,
      note: input.note,
    };
  });
  checkCustomerReturnLines(ctx, draft.warehouseId, lines, returnId);
  requireStock(ctx, draft.warehouseId, lines, (id) => names.get(id) ?? id);
  return { lines, valueFen: estimateValues(ctx, draft.warehouseId, lines) };
}

/**
 * A line that names a customer-return line carries goods inspection sent to the supplier: the
 * same product and lot, waiting in this (returns) warehouse, and no more than is still waiting
 * (what other supplier returns, drafts included, carry is taken already).
 */
function checkCustomerReturnLines(ctx: ServiceContext, warehouseId: string, lines: readonly ReturnLine[], returnId: string | null): void {
  const used = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.customerReturnLineId === null) return;
    const source = get<{ product_id: string; lot_id: string | null; supplier_qty: number; warehouse_id: string; status: string; taken: number }>(
      ctx.db,
      `SELECT cl.product_id, cl.lot_id, cl.supplier_qty, r.returns_warehouse_id AS warehouse_id, r.status,
              COALESCE((SELECT SUM(sl.qty) FROM supplier_return_lines sl JOIN supplier_returns sr ON sr.id = sl.return_id
                         WHERE sl.customer_return_line_id = cl.id AND sr.status <> 'cancelled' AND sr.id <> ?), 0) AS taken
         FROM customer_return_lines cl JOIN customer_returns r ON r.id = cl.return_id WHERE cl.id = ?`,
      returnId ?? '',
      l.customerReturnLineId,
    );
    const total = (used.get(l.customerReturnLineId) ?? 0) + l.qty;
    used.set(l.customerReturnLineId, total);
    const fits =
      source !== undefined &&
      (source.status === 'inspected' || source.status === 'settled') &&
      source.product_id === l.productId &&
      source.lot_id === l.lotId &&
      source.warehouse_id === warehouseId;
    const available = fits ? Math.max(0, source.supplier_qty - source.taken) : 0;
    if (total > available) {
      throw new LedgerError('SUPPLIER_RETURN_CUSTOMER_LINE', { line: i + 1, available }, [
        { path: `lines.${i}.customerReturnLineId`, code: 'SUPPLIER_RETURN_CUSTOMER_LINE', params: { available } },
      ]);
    }
  });
}

function insertReturnLines(db: ServiceContext['db'], returnId: string, lines: readonly ReturnLine[]): void {
  for (const l of lines) {
    run(
      db,
      `INSERT INTO supplier_return_lines (id, return_id, line_no, product_id, lot_id, unit_code, unit_qty, qty, value_fen, reason_code, customer_return_line_id, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      l.id,
      returnId,
      l.lineNo,
      l.productId,
      l.lotId,
      l.unitCode,
      l.unitQty,
      l.qty,
      l.valueFen,
      l.reasonCode,
      l.customerReturnLineId,
      l.note,
    );
  }
}

interface EventInput {
  action: string;
  from: SupplierReturnStatus | null;
  to: SupplierReturnStatus;
  note?: string;
  amountFen?: number | null;
}

function addEvent(ctx: ServiceContext, returnId: string, e: EventInput): void {
  run(
    ctx.db,
    `INSERT INTO supplier_return_events (id, return_id, action, from_status, to_status, user_id, device_id, at, note, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ctx.ids(),
    returnId,
    e.action,
    e.from,
    e.to,
    ctx.currentUser.id,
    ctx.deviceId,
    ctx.now,
    e.note ?? '',
    e.amountFen ?? null,
  );
}

/** The return as it now stands, to head office and the branch's other PCs (supplierReturnOps.ts). */
function sendSnapshot(ctx: ServiceContext, returnId: string): void {
  const r = findSupplierReturn(ctx, returnId);
  const args: SupplierReturnArgs = {
    supplierReturn: {
      id: r.id,
      branchId: r.branch_id,
      docNo: r.doc_no,
      supplierId: r.supplier_id,
      warehouseId: r.warehouse_id,
      status: r.status,
      businessDate: r.business_date,
      documentId: r.document_id,
      claimFen: r.claim_fen,
      creditedFen: r.credited_fen,
      reference: r.reference,
      note: r.note,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      originDeviceId: r.origin_device_id,
      hlc: r.hlc,
    },
    lines: all<ReturnLine>(
      ctx.db,
      `SELECT id, line_no AS lineNo, product_id AS productId, lot_id AS lotId, unit_code AS unitCode, unit_qty AS unitQty, qty, value_fen AS valueFen,
              reason_code AS reasonCode, customer_return_line_id AS customerReturnLineId, note
         FROM supplier_return_lines WHERE return_id = ? ORDER BY line_no`,
      returnId,
    ),
    events: all<SupplierReturnArgs['events'][number]>(
      ctx.db,
      `SELECT id, action, from_status AS fromStatus, to_status AS toStatus, user_id AS userId, device_id AS deviceId, at, note, amount_fen AS amountFen
         FROM supplier_return_events WHERE return_id = ? ORDER BY at, id`,
      returnId,
    ),
  };
  writeOutbox(ctx, 'returns.supplier', 1, args);
}

function requireAction(r: SupplierReturnRecord, action: SupplierReturnAction): SupplierReturnStatus {
  const to = supplierReturnTransition(r.status, action);
  if (to === null) throw new LedgerError('SUPPLIER_RETURN_STATE', { docNo: r.doc_no, status: r.status, action });
  return to;
}

/** Stamps the return's new state, records the step, audits it and sends the return. */
function transition(ctx: ServiceContext, r: SupplierReturnRecord, action: SupplierReturnAction, event: Omit<EventInput, 'from' | 'to' | 'action'>, audit: Record<string, unknown> = {}): void {
  const to = requireAction(r, action);
  run(ctx.db, 'UPDATE supplier_returns SET status = ?, updated_at = ?, hlc = ? WHERE id = ?', to, ctx.now, ctx.hlc(), r.id);
  addEvent(ctx, r.id, { ...event, action, from: r.status, to });
  writeAudit(ctx, `supplierReturns.${action}`, 'supplier_return', r.id, { status: r.status }, { status: to, ...audit });
  sendSnapshot(ctx, r.id);
}

export function createSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.create'>): MethodResult<'supplierReturns.create'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const checked = checkDraft(ctx, input, null);
    const businessDate = todayAt(ctx, branch);
    const id = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), supplierReturnTypeCode, businessDate);
    const claimFen = input.claimFen ?? checked.valueFen;
    run(
      ctx.db,
      `INSERT INTO supplier_returns (id, branch_id, doc_no, supplier_id, warehouse_id, status, business_date, document_id, claim_fen, credited_fen, reference, note,
         created_by, created_at, updated_at, origin_device_id, hlc)
       VALUES (?, ?, ?, ?, ?, 'draft', ?, NULL, ?, 0, '', ?, ?, ?, ?, ?, ?)`,
      id,
      branch.id,
      docNo,
      input.supplierId,
      input.warehouseId,
      businessDate,
      claimFen,
      input.note,
      ctx.currentUser.id,
      ctx.now,
      ctx.now,
      ctx.deviceId,
      ctx.hlc(),
    );
    insertReturnLines(ctx.db, id, checked.lines);
    addEvent(ctx, id, { action: 'create', from: null, to: 'draft', amountFen: claimFen });
    writeAudit(ctx, 'supplierReturns.create', 'supplier_return', id, null, { docNo, supplierId: input.supplierId, lines: checked.lines.length, claimFen });
    sendSnapshot(ctx, id);
    return supplierReturnDetail(ctx, id);
  });
}

export function updateSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.update'>): MethodResult<'supplierReturns.update'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    requireAction(r, 'edit');
    const checked = checkDraft(ctx, input, r.id);
    const claimFen = input.claimFen ?? checked.valueFen;
    run(ctx.db, 'DELETE FROM supplier_return_lines WHERE return_id = ?', r.id);
    insertReturnLines(ctx.db, r.id, checked.lines);
    run(
      ctx.db,
      'UPDATE supplier_returns SET supplier_id = ?, warehouse_id = ?, claim_fen = ?, note = ?, updated_at = ?, hlc = ? WHERE id = ?',
      input.supplierId,
      input.warehouseId,
      claimFen,
      input.note,
      ctx.now,
      ctx.hlc(),
      r.id,
    );
    addEvent(ctx, r.id, { action: 'edit', from: r.status, to: r.status, amountFen: claimFen });
    writeAudit(ctx, 'supplierReturns.update', 'supplier_return', r.id, { supplierId: r.supplier_id, claimFen: r.claim_fen }, { supplierId: input.supplierId, claimFen, lines: checked.lines.length });
    sendSnapshot(ctx, r.id);
    return supplierReturnDetail(ctx, r.id);
  });
}

/**
 * The goods leave: one stock issue ('supplier_return') from the lots named, at FIFO cost, dated
 * by the business date (a locked period refuses it). The lines take the value they left with;
 * a claim left at the estimated cost follows it, a claim the clerk changed stays as set.
 */
export function sendSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.send'>): MethodResult<'supplierReturns.send'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    requireAction(r, 'send');
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const lines = all<ReturnLine>(
      ctx.db,
      `SELECT id, line_no AS lineNo, product_id AS productId, lot_id AS lotId, unit_code AS unitCode, unit_qty AS unitQty, qty, value_fen AS valueFen,
              reason_code AS reasonCode, customer_return_line_id AS customerReturnLineId, note
         FROM supplier_return_lines WHERE return_id = ? ORDER BY line_no`,
      r.id,
    );
    const names = new Map(all<{ id: string; name_zh: string }>(ctx.db, 'SELECT id, name_zh FROM products WHERE id IN (SELECT product_id FROM supplier_return_lines WHERE return_id = ?)', r.id).map((p) => [p.id, p.name_zh]));
    const label = (id: string) => names.get(id) ?? id;
    requireStock(ctx, r.warehouse_id, lines, label);

    const documentId = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.supplier_return, businessDate);
    const estimated = lines.reduce((n, l) => n + l.valueFen, 0);
    const movements: PostedMovement[] = [];
    const docLines: LineRecord[] = lines.map((l, i) => {
      const lineId = ctx.ids();
      const moved = postOutgoing(
        ctx,
        { branchId: branch.id, documentType: 'supplier_return', documentId, lineId, businessDate },
        { warehouseId: r.warehouse_id, productId: l.productId, qty: l.qty, lotId: l.lotId, fieldPath: `lines.${i}.qty`, productLabel: () => label(l.productId) },
      );
      movements.push(...moved);
      const valueFen = -moved.reduce((n, m) => n + m.valueFen, 0);
      run(ctx.db, 'UPDATE supplier_return_lines SET value_fen = ? WHERE id = ?', valueFen, l.id);
      return {
        id: lineId,
        lineNo: i + 1,
        productId: l.productId,
        unitCode: l.unitCode,
        unitQty: -l.unitQty,
        qty: -l.qty,
        lotId: l.lotId,
        unitCostFen: null,
        valueFen: -valueFen,
        reasonCode: l.reasonCode,
        sourceLineId: l.id,
      };
    });
    const { totalQty, totalValueFen } = writeIssueDocument(
      ctx,
      'returns.supplierSend',
      { id: documentId, docType: 'supplier_return', docNo, businessDate, warehouseId: r.warehouse_id, supplierId: r.supplier_id, note: input.note, sourceId: r.id, branchId: branch.id },
      docLines,
      movements,
    );
    const claimFen = r.claim_fen === estimated ? -totalValueFen : r.claim_fen;
    writeAudit(ctx, 'supplierReturns.send', 'stock_document', documentId, null, { docNo, supplierReturnId: r.id, supplierReturnNo: r.doc_no, totalQty, totalValueFen });
    run(ctx.db, 'UPDATE supplier_returns SET business_date = ?, document_id = ?, claim_fen = ? WHERE id = ?', businessDate, documentId, claimFen, r.id);
    transition(ctx, r, 'send', { note: input.note || docNo, amountFen: claimFen }, { documentId, docNo, claimFen });
    return supplierReturnDetail(ctx, r.id);
  });
}

export function acceptSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.accept'>): MethodResult<'supplierReturns.accept'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    requireAction(r, 'accept');
    run(ctx.db, 'UPDATE supplier_returns SET reference = ? WHERE id = ?', input.reference, r.id);
    transition(ctx, r, 'accept', { note: [input.reference, input.note].filter((s) => s !== '').join(' · ') }, { reference: input.reference });
    return supplierReturnDetail(ctx, r.id);
  });
}

/** The supplier's credit note: the claim or part of it; what it does not cover is written off. */
export function creditSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.credit'>): MethodResult<'supplierReturns.credit'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    requireAction(r, 'credit');
    const problem = creditProblem(r.claim_fen, input.creditedFen);
    if (problem) {
      throw new LedgerError('SUPPLIER_RETURN_CREDIT_INVALID', { credited: input.creditedFen, claim: r.claim_fen }, [
        { path: 'creditedFen', code: 'SUPPLIER_RETURN_CREDIT_INVALID', params: { claim: r.claim_fen } },
      ]);
    }
    const reference = input.reference === '' ? r.reference : input.reference;
    run(ctx.db, 'UPDATE supplier_returns SET credited_fen = ?, reference = ? WHERE id = ?', input.creditedFen, reference, r.id);
    transition(ctx, r, 'credit', { note: [input.reference, input.note].filter((s) => s !== '').join(' · '), amountFen: input.creditedFen }, {
      creditedFen: input.creditedFen,
      writtenOffFen: r.claim_fen - input.creditedFen,
      reference,
    });
    return supplierReturnDetail(ctx, r.id);
  });
}

export function rejectSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.reject'>): MethodResult<'supplierReturns.reject'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    transition(ctx, r, 'reject', { note: input.note, amountFen: r.claim_fen }, { writtenOffFen: r.claim_fen });
    return supplierReturnDetail(ctx, r.id);
  });
}

export function cancelSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.cancel'>): MethodResult<'supplierReturns.cancel'> {
  return inTransaction(ctx.db, () => {
    const r = findSupplierReturn(ctx, input.id);
    transition(ctx, r, 'cancel', { note: input.note });
    return supplierReturnDetail(ctx, r.id);
  });
}

/** A supplier return another PC of the branch wrote: the later snapshot wins, events merge by union. */
export function applySupplierReturnSnapshot(db: ServiceContext['db'], branchId: string, args: SupplierReturnArgs): boolean {
  const s = args.supplierReturn;
  const row = {
    id: s.id,
    branch_id: branchId,
    doc_no: s.docNo,
    supplier_id: s.supplierId,
    warehouse_id: s.warehouseId,
    status: s.status,
    business_date: s.businessDate,
    document_id: s.documentId,
    claim_fen: s.claimFen,
    credited_fen: s.creditedFen,
    reference: s.reference,
    note: s.note,
    created_by: s.createdBy,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    origin_device_id: s.originDeviceId,
    hlc: s.hlc,
  };
  let changed = takeNewerSnapshot(db, 'supplier_returns', row, [['supplier_return_lines', 'return_id']]);
  if (changed) insertReturnLines(db, s.id, args.lines);
  for (const e of args.events) {
    changed =
      run(
        db,
        `INSERT OR IGNORE INTO supplier_return_events (id, return_id, action, from_status, to_status, user_id, device_id, at, note, amount_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        e.id,
        s.id,
        e.action,
        e.fromStatus,
        e.toStatus,
        e.userId,
        e.deviceId,
        e.at,
        e.note,
        e.amountFen,
      ).changes > 0 || changed;
  }
  return changed;
}
