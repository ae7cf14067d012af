import { documentTypeCodes, transferTypeCode } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import { discrepancyProblem, quantityTakenIn, transferActionAllowed, valueTakenIn, type TransferAction, type TransferDiscrepancyReason, type TransferDisposition, type TransferStatus } from '../core/transfer';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { TransferReceiptArgs, TransferShipmentArgs } from '../sync/protocol';
import { documentPrefix, requireBranch, resolveBusinessDate, type BranchRow } from './branch';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import { insertOrderEvent, orderEventsForSync, type OrderEventInput } from './orderEvents';
import { postIncoming, postOutgoing, type PostedMovement } from './posting';
import { all, get, inTransaction, run, runForRows, valuesOf } from './sql';
import { finish, insertDocument, productForLine, requireWarehouse, writeIssueDocument, type LineRecord, type PostingEffects } from './stockDocuments';
import { allowedTransferActions, findTransfer, isInternal, statusOf, transferDetail, type TransferRecord } from './transferQueries';
import type { ServiceContext } from './types';

/**
 * Stock transfers' commands (core/transfer.ts). Each runs in one transaction writing its rows,
 * the stock documents that move the goods, an audit entry, a tracking event and the outbox ops:
 * the sender's shipment snapshot or the receiver's receipt, never the other side's part.
 */

type Draft = Pick<ParsedInput<'transfers.create'>, 'fromWarehouseId' | 'toWarehouseId' | 'toBranchCode' | 'twoStep' | 'businessDate' | 'note' | 'lines'>;
type ShipmentLine = TransferShipmentArgs['lines'][number];

function warehouseName(ctx: ServiceContext, id: string): string {
  return get<{ name: string }>(ctx.db, 'SELECT name FROM warehouses WHERE id = ?', id)?.name ?? '';
}

/**
 * Another branch the goods may go to, by the branch directory head office sends down: an unknown
 * code or a closed branch is refused before anything leaves. A PC that has not received the
 * directory yet (set up offline, never synced) cannot tell: it lets the code through and head
 * office checks it (an unknown code is refused there and shown on the Sync page); the entry
 * screen says so (transfers.branches answers `directoryReceived: false`).
 */
function requireKnownBranch(ctx: ServiceContext, code: string): void {
  if (!get(ctx.db, 'SELECT 1 AS x FROM branch_directory LIMIT 1')) return;
  const known = get<{ active: number }>(ctx.db, 'SELECT active FROM branch_directory WHERE code = ?', code);
  if (!known) throw new LedgerError('TRANSFER_BRANCH_UNKNOWN', { code }, [{ path: 'toBranchCode', code: 'TRANSFER_BRANCH_UNKNOWN', params: { code } }]);
  if (!known.active) throw new LedgerError('TRANSFER_BRANCH_INACTIVE', { code }, [{ path: 'toBranchCode', code: 'TRANSFER_BRANCH_INACTIVE', params: { code } }]);
}

/** The branches a transfer may go to (all but this one), and whether head office has sent the directory at all. */
export function transferBranches(ctx: ServiceContext): MethodResult<'transfers.branches'> {
  const branch = requireBranch(ctx);
  const rows = all<{ code: string; name: string; active: number }>(ctx.db, 'SELECT code, name, active FROM branch_directory ORDER BY code');
  return { directoryReceived: rows.length > 0, rows: rows.filter((r) => r.code !== branch.code).map((r) => ({ code: r.code, name: r.name, active: r.active === 1 })) };
}

/** Where the goods go: another warehouse of the branch, or another branch by code (never both, never nowhere, never where they are). */
function destination(ctx: ServiceContext, branch: BranchRow, draft: Draft): { toBranchCode: string; toWarehouseId: string | null; toWarehouseName: string } {
  requireWarehouse(ctx, draft.fromWarehouseId);
  const otherBranch = draft.toBranchCode !== undefined && draft.toBranchCode !== branch.code ? draft.toBranchCode : undefined;
  if (otherBranch !== undefined && draft.toWarehouseId === undefined) {
    requireKnownBranch(ctx, otherBranch);
    return { toBranchCode: otherBranch, toWarehouseId: null, toWarehouseName: '' };
  }
  if (otherBranch !== undefined || draft.toWarehouseId === undefined) {
    const path = otherBranch !== undefined ? 'toWarehouseId' : 'toBranchCode';
    throw new LedgerError('TRANSFER_DESTINATION_REQUIRED', {}, [{ path, code: 'TRANSFER_DESTINATION_REQUIRED' }]);
  }
  if (draft.toWarehouseId === draft.fromWarehouseId) {
    throw new LedgerError('TRANSFER_SAME_WAREHOUSE', {}, [{ path: 'toWarehouseId', code: 'TRANSFER_SAME_WAREHOUSE' }]);
  }
  const w = get<{ active: number }>(ctx.db, 'SELECT active FROM warehouses WHERE id = ?', draft.toWarehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'toWarehouseId', code: 'NOT_FOUND' }]);
  if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'toWarehouseId', code: 'WAREHOUSE_INACTIVE' }]);
  return { toBranchCode: branch.code, toWarehouseId: draft.toWarehouseId, toWarehouseName: warehouseName(ctx, draft.toWarehouseId) };
}

/** A draft's lines: products and units checked, a chosen lot must be the product's. */
function draftLines(ctx: ServiceContext, draft: Draft): ShipmentLine[] {
  return draft.lines.map((input, i) => {
    const { product, unit } = productForLine(ctx, input.productId, input.unitCode, i);
    let lot: { lot_code: string; expiry_date: string | null } | undefined;
    if (input.lotId !== undefined) {
      lot = get<{ lot_code: string; expiry_date: string | null }>(ctx.db, 'SELECT lot_code, expiry_date FROM lots WHERE id = ? AND product_id = ?', input.lotId, product.id);
      if (!lot) throw new LedgerError('LOT_NOT_FOUND', { lot: input.lotId, line: i + 1 }, [{ path: `lines.${i}.lotId`, code: 'LOT_NOT_FOUND' }]);
    }
    return {
      id: ctx.ids(),
      lineNo: i + 1,
      productId: product.id,
      unitCode: unit.code,
      unitQty: input.qty,
      qty: input.qty * unit.factor,
      lotId: input.lotId ?? null,
      lotCode: lot?.lot_code ?? null,
      expiryDate: lot?.expiry_date ?? null,
      valueFen: 0,
    };
  });
}

/** Shipment lines, as posted here or as pulled from another PC, in multi-row statements. */
export function insertTransferLines(ctx: Pick<ServiceContext, 'db'>, transferId: string, lines: readonly ShipmentLine[]): void {
  const values: unknown[] = [];
  for (const l of lines) values.push(l.id, transferId, l.lineNo, l.productId, l.unitCode, l.unitQty, l.qty, l.lotId, l.lotCode, l.expiryDate, l.valueFen);
  runForRows(
    ctx.db,
    (n) => `INSERT INTO transfer_lines (id, transfer_id, line_no, product_id, unit_code, unit_qty, qty, lot_id, lot_code, expiry_date, value_fen) VALUES ${valuesOf(n, 11)}`,
    11,
    values,
  );
}

function shipmentLines(ctx: Pick<ServiceContext, 'db'>, transferId: string): ShipmentLine[] {
  return all<ShipmentLine>(
    ctx.db,
    `SELECT id, line_no AS lineNo, product_id AS productId, unit_code AS unitCode, unit_qty AS unitQty, qty, lot_id AS lotId, lot_code AS lotCode,
            expiry_date AS expiryDate, value_fen AS valueFen
       FROM transfer_lines WHERE transfer_id = ? ORDER BY line_no`,
    transferId,
  );
}

/** The sender's part as it now stands, to head office and on to the branch's other PCs (and, once sent, the receiving branch). */
function sendShipment(ctx: ServiceContext, transferId: string): void {
  const t = findTransfer(ctx, transferId);
  const args: TransferShipmentArgs = {
    transfer: {
      id: t.id,
      branchId: t.branch_id,
      docNo: t.doc_no,
      fromBranchCode: t.from_branch_code,
      fromBranchName: t.from_branch_name,
      fromWarehouseId: t.from_warehouse_id,
      fromWarehouseName: t.from_warehouse_name,
      toBranchId: t.to_branch_id,
      toBranchCode: t.to_branch_code,
      toWarehouseId: t.to_warehouse_id,
      toWarehouseName: t.to_warehouse_name,
      status: t.status,
      twoStep: t.two_step === 1,
      businessDate: t.business_date,
      note: t.note,
      totalQty: t.total_qty,
      totalValueFen: t.total_value_fen,
      documentId: t.document_id,
      documentNo: t.document_no,
      createdBy: t.created_by,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      originDeviceId: t.origin_device_id,
      hlc: t.hlc,
    },
    lines: shipmentLines(ctx, t.id),
    events: orderEventsForSync(ctx, 'transfer_events', t.id),
  };
  writeOutbox(ctx, 'transfers.shipment', 1, args);
}

type EventInput = OrderEventInput;

function addEvent(ctx: ServiceContext, transferId: string, e: EventInput): void {
  insertOrderEvent(ctx, 'transfer_events', transferId, e);
}

/** The sender's status changes: its row, a tracking event, audit, and the shipment snapshot. */
function transition(ctx: ServiceContext, t: TransferRecord, from: TransferStatus, to: 'sent' | 'closed' | 'cancelled', event: Omit<EventInput, 'from' | 'to'>, audit: Record<string, unknown> = {}): void {
  run(ctx.db, 'UPDATE transfers SET status = ?, updated_at = ?, hlc = ? WHERE id = ?', to, ctx.now, ctx.hlc(), t.id);
  addEvent(ctx, t.id, { ...event, from, to });
  writeAudit(ctx, `transfers.${event.action}`, 'transfer', t.id, { status: from }, { status: to, ...audit });
  sendShipment(ctx, t.id);
}

/** The action must suit the status and be this branch's to take (the sender's shipment, the receiver's receipt). */
function requireAction(ctx: ServiceContext, t: TransferRecord, branch: BranchRow, action: TransferAction): TransferStatus {
  const status = statusOf(ctx, t);
  if (!transferActionAllowed(status, action)) throw new LedgerError('TRANSFER_STATE', { docNo: t.doc_no, status, action });
  if (!allowedTransferActions(t, status, branch.code).includes(action)) {
    const side = action === 'receive' ? t.to_branch_code : t.from_branch_code;
    throw new LedgerError('TRANSFER_WRONG_SIDE', { docNo: t.doc_no, action, branch: side });
  }
  return status;
}

function totalQty(lines: readonly ShipmentLine[]): number {
  return lines.reduce((n, l) => n + l.qty, 0);
}

export function createTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.create'>): MethodResult<'transfers.create'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const to = destination(ctx, branch, input);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const lines = draftLines(ctx, input);
    const id = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), transferTypeCode, businessDate);
    run(
      ctx.db,
      `INSERT INTO transfers (id, branch_id, doc_no, from_branch_code, from_branch_name, from_warehouse_id, from_warehouse_name, to_branch_id, to_branch_code,
         to_warehouse_id, to_warehouse_name, status, two_step, business_date, note, total_qty, total_value_fen, document_id, document_no,
         created_by, created_at, updated_at, origin_device_id, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, 0, NULL, NULL, ?, ?, ?, ?, ?)`,
      id,
      branch.id,
      docNo,
      branch.code,
      branch.name,
      input.fromWarehouseId,
      warehouseName(ctx, input.fromWarehouseId),
      to.toWarehouseId !== null ? branch.id : null,
      to.toBranchCode,
      to.toWarehouseId,
      to.toWarehouseName,
      input.twoStep ? 1 : 0,
      businessDate,
      input.note,
      totalQty(lines),
      ctx.currentUser.id,
      ctx.now,
      ctx.now,
      ctx.deviceId,
      ctx.hlc(),
    );
    insertTransferLines(ctx, id, lines);
    addEvent(ctx, id, { action: 'create', from: null, to: 'draft' });
    writeAudit(ctx, 'transfers.create', 'transfer', id, null, { docNo, fromWarehouseId: input.fromWarehouseId, toBranchCode: to.toBranchCode, toWarehouseId: to.toWarehouseId, lines: lines.length });
    sendShipment(ctx, id);
    if (input.send) sendGoods(ctx, branch, findTransfer(ctx, id), businessDate, '');
    return transferDetail(ctx, id);
  });
}

export function updateTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.update'>): MethodResult<'transfers.update'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const t = findTransfer(ctx, input.id);
    requireAction(ctx, t, branch, 'edit');
    const to = destination(ctx, branch, input);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const lines = draftLines(ctx, input);
    run(ctx.db, 'DELETE FROM transfer_lines WHERE transfer_id = ?', t.id);
    insertTransferLines(ctx, t.id, lines);
    run(
      ctx.db,
      `UPDATE transfers SET from_warehouse_id = ?, from_warehouse_name = ?, to_branch_id = ?, to_branch_code = ?, to_warehouse_id = ?, to_warehouse_name = ?,
         two_step = ?, business_date = ?, note = ?, total_qty = ?, updated_at = ?, hlc = ? WHERE id = ?`,
      input.fromWarehouseId,
      warehouseName(ctx, input.fromWarehouseId),
      to.toWarehouseId !== null ? branch.id : null,
      to.toBranchCode,
      to.toWarehouseId,
      to.toWarehouseName,
      input.twoStep ? 1 : 0,
      businessDate,
      input.note,
      totalQty(lines),
      ctx.now,
      ctx.hlc(),
      t.id,
    );
    addEvent(ctx, t.id, { action: 'edit', from: 'draft', to: 'draft' });
    writeAudit(ctx, 'transfers.update', 'transfer', t.id, { toBranchCode: t.to_branch_code, totalQty: t.total_qty }, { toBranchCode: to.toBranchCode, totalQty: totalQty(lines), lines: lines.length });
    sendShipment(ctx, t.id);
    return transferDetail(ctx, t.id);
  });
}

/**
 * The goods leave: one transfer-out issue from the source warehouse, lots first-expiry-first-out
 * (or the lot the clerk chose), at FIFO cost. The draft's lines are replaced by what left, one
 * line per lot with its value, code and expiry, so the receiver takes in exactly those lots at
 * exactly that cost. Within the branch, a one-step transfer is received at once.
 */
function sendGoods(ctx: ServiceContext, branch: BranchRow, t: TransferRecord, businessDate: string, note: string): void {
  const draft = shipmentLines(ctx, t.id);
  const names = new Map(all<{ id: string; name_zh: string; base_unit_code: string }>(ctx.db, 'SELECT id, name_zh, base_unit_code FROM products WHERE id IN (SELECT product_id FROM transfer_lines WHERE transfer_id = ?)', t.id).map((p) => [p.id, p]));
  const documentId = ctx.ids();
  const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.transfer_out, businessDate);
  const movements: PostedMovement[] = [];
  const docLines: LineRecord[] = [];
  const sent: ShipmentLine[] = [];
  draft.forEach((l, i) => {
    const lineId = ctx.ids();
    const moved = postOutgoing(
      ctx,
      { branchId: branch.id, documentType: 'transfer_out', documentId, lineId, businessDate },
      { warehouseId: t.from_warehouse_id, productId: l.productId, qty: l.qty, ...(l.lotId !== null ? { lotId: l.lotId } : {}), fieldPath: `lines.${i}.qty`, productLabel: () => names.get(l.productId)?.name_zh ?? l.productId },
    );
    movements.push(...moved);
    const baseUnit = names.get(l.productId)?.base_unit_code ?? l.unitCode;
    const factor = l.qty / l.unitQty;
    const firstSent = sent.length;
    for (const m of moved) {
      const qty = -m.qty;
      const lot = get<{ lot_code: string; expiry_date: string | null }>(ctx.db, 'SELECT lot_code, expiry_date FROM lots WHERE id = ?', m.lotId);
      // A line that left from one lot keeps the unit it was entered in; a lot's share of a split line counts in base units unless whole.
      const whole = qty % factor === 0;
      sent.push({
        id: ctx.ids(),
        lineNo: sent.length + 1,
        productId: l.productId,
        unitCode: whole ? l.unitCode : baseUnit,
        unitQty: whole ? qty / factor : qty,
        qty,
        lotId: m.lotId,
        lotCode: lot?.lot_code ?? '',
        expiryDate: lot?.expiry_date ?? null,
        valueFen: -m.valueFen,
      });
    }
    const valueFen = moved.reduce((n, m) => n + m.valueFen, 0);
    const single = moved.length === 1;
    docLines.push({
      id: lineId,
      lineNo: i + 1,
      productId: l.productId,
      unitCode: l.unitCode,
      unitQty: -l.unitQty,
      qty: -l.qty,
      lotId: single ? (moved[0]?.lotId ?? null) : null,
      unitCostFen: null,
      valueFen,
      reasonCode: null,
      sourceLineId: single ? (sent[firstSent]?.id ?? null) : null,
    });
  });
  const { totalQty: movedQty, totalValueFen } = writeIssueDocument(
    ctx,
    'transfers.send',
    { id: documentId, docType: 'transfer_out', docNo, businessDate, warehouseId: t.from_warehouse_id, supplierId: null, note: note || t.doc_no, sourceId: t.id, branchId: branch.id },
    docLines,
    movements,
  );
  run(ctx.db, 'DELETE FROM transfer_lines WHERE transfer_id = ?', t.id);
  insertTransferLines(ctx, t.id, sent);
  run(ctx.db, 'UPDATE transfers SET business_date = ?, total_qty = ?, total_value_fen = ?, document_id = ?, document_no = ? WHERE id = ?', businessDate, -movedQty, -totalValueFen, documentId, docNo, t.id);
  transition(ctx, t, 'draft', 'sent', { action: 'send', note, documentId, documentNo: docNo }, { documentId, docNo, totalQty: -movedQty, totalValueFen: -totalValueFen });
  if (isInternal(t) && t.two_step !== 1) receiveGoods(ctx, branch, findTransfer(ctx, t.id), { warehouseId: undefined, lines: [], businessDate, note: '' });
}

export function sendTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.send'>): MethodResult<'transfers.send'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const t = findTransfer(ctx, input.id);
    requireAction(ctx, t, branch, 'send');
    requireWarehouse(ctx, t.from_warehouse_id);
    // A draft saved before the directory arrived, or a branch closed since, is checked again as the goods leave.
    if (t.to_branch_code !== branch.code) requireKnownBranch(ctx, t.to_branch_code);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    sendGoods(ctx, branch, t, businessDate, input.note);
    return transferDetail(ctx, t.id);
  });
}

/** A sender's step that moves no goods: cancelling a draft, closing a transfer the other branch received. */
function settleShipment(ctx: ServiceContext, id: string, action: 'cancel' | 'close', note: string): R.TransferDetail {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const t = findTransfer(ctx, id);
    const from = requireAction(ctx, t, branch, action);
    transition(ctx, t, from, action === 'cancel' ? 'cancelled' : 'closed', { action, note });
    return transferDetail(ctx, t.id);
  });
}

export function cancelTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.cancel'>): MethodResult<'transfers.cancel'> {
  return settleShipment(ctx, input.id, 'cancel', input.note);
}

export function closeTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.close'>): MethodResult<'transfers.close'> {
  return settleShipment(ctx, input.id, 'close', input.note);
}

type ReceiveRequest = Pick<ParsedInput<'transfers.receive'>, 'warehouseId' | 'lines' | 'note'> & { businessDate: string };

/**
 * The goods arrive: one transfer-in receipt into the destination, in the lots they left in, at
 * the cost they left with. Each line's difference is checked (core discrepancyProblem): short
 * goods are written off at their cost, extra goods are taken in at the line's cost or sent
 * back. The receipt is this branch's part and goes out as its own op; within the branch the
 * transfer is closed at once.
 */
function receiveGoods(ctx: ServiceContext, branch: BranchRow, t: TransferRecord, req: ReceiveRequest): void {
  const internal = isInternal(t);
  const warehouseId = internal ? t.to_warehouse_id : (req.warehouseId ?? null);
  if (warehouseId === null) throw new LedgerError('TRANSFER_DESTINATION_REQUIRED', {}, [{ path: 'warehouseId', code: 'TRANSFER_DESTINATION_REQUIRED' }]);
  requireWarehouse(ctx, warehouseId);
  const lines = shipmentLines(ctx, t.id);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const given = new Map<string, { receivedQty: number; reasonCode: TransferDiscrepancyReason | null; disposition: TransferDisposition | null; index: number }>();
  req.lines.forEach((g, k) => {
    if (!byId.has(g.lineId)) throw new LedgerError('TRANSFER_LINE_UNKNOWN', { line: k + 1 }, [{ path: `lines.${k}.lineId`, code: 'TRANSFER_LINE_UNKNOWN' }]);
    given.set(g.lineId, { receivedQty: g.receivedQty, reasonCode: g.reasonCode ?? null, disposition: g.disposition ?? null, index: k });
  });
  const receiptId = ctx.ids();
  const documentId = ctx.ids();
  const effects: PostingEffects = { lots: [], lines: [], movements: [] };
  const receiptLines: TransferReceiptArgs['lines'] = [];
  let writtenOffFen = 0;
  let receivedQty = 0;
  const baseUnits = new Map(
    all<{ id: string; base_unit_code: string }>(ctx.db, 'SELECT id, base_unit_code FROM products WHERE id IN (SELECT product_id FROM transfer_lines WHERE transfer_id = ?)', t.id).map((p) => [p.id, p.base_unit_code]),
  );
  for (const l of lines) {
    const g = given.get(l.id);
    const received = g?.receivedQty ?? l.qty;
    const disposition = g?.disposition ?? null;
    const problem = discrepancyProblem(l.qty, received, g?.reasonCode ?? null, disposition);
    if (problem !== null) {
      const field = problem === 'REASON_REQUIRED' ? 'reasonCode' : problem === 'NO_DISCREPANCY' ? 'receivedQty' : 'disposition';
      throw new LedgerError('TRANSFER_DISCREPANCY', { line: l.lineNo, sent: l.qty, received }, [{ path: `lines.${g?.index ?? 0}.${field}`, code: `TRANSFER_${problem}`, params: { sent: l.qty, received } }]);
    }
    const takeIn = quantityTakenIn(l.qty, received, disposition);
    const valueIn = valueTakenIn(l.qty, l.valueFen, takeIn);
    // Short goods written off lose their share of the value; extra goods accepted bring the line's cost per unit; goods sent back change nothing.
    const differenceFen = received === l.qty || disposition === 'return' ? 0 : valueIn - l.valueFen;
    if (disposition === 'write_off') writtenOffFen -= differenceFen;
    receivedQty += received;
    receiptLines.push({ id: ctx.ids(), transferLineId: l.id, receivedQty: received, reasonCode: g?.reasonCode ?? null, disposition, differenceFen });
    if (takeIn === 0 || l.lotId === null) continue;
    const lineId = ctx.ids();
    effects.lines.push({ id: lineId, lineNo: effects.lines.length + 1, productId: l.productId, unitCode: baseUnits.get(l.productId) ?? l.unitCode, unitQty: takeIn, qty: takeIn, lotId: l.lotId, unitCostFen: null, valueFen: valueIn, reasonCode: null, sourceLineId: l.id });
    effects.movements.push(postIncoming(ctx, { branchId: branch.id, documentType: 'transfer_in', documentId, lineId, businessDate: req.businessDate }, { warehouseId, productId: l.productId, lotId: l.lotId, qty: takeIn, valueFen: valueIn }));
  }
  let document: { id: string; docNo: string } | null = null;
  if (effects.lines.length > 0) {
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.transfer_in, req.businessDate);
    const header = { id: documentId, docType: 'transfer_in' as const, docNo, businessDate: req.businessDate, warehouseId, supplierId: null, reasonCode: null, note: req.note || t.doc_no, reversesDocumentId: null, sourceId: t.id };
    finish(ctx, 'transfers.receive', insertDocument(ctx, branch, header, effects), effects);
    document = { id: documentId, docNo };
  }
  const hlc = ctx.hlc();
  const receipt: TransferReceiptArgs['receipt'] = {
    id: receiptId,
    transferId: t.id,
    branchId: branch.id,
    warehouseId,
    warehouseName: warehouseName(ctx, warehouseId),
    businessDate: req.businessDate,
    documentId: document?.id ?? null,
    documentNo: document?.docNo ?? null,
    receivedQty,
    writtenOffFen,
    note: req.note,
    receivedBy: ctx.currentUser.id,
    receivedAt: ctx.now,
    hlc,
  };
  insertReceipt(ctx, receipt, receiptLines);
  addEvent(ctx, t.id, { action: 'receive', from: 'sent', to: internal ? 'closed' : 'received', note: req.note, ...(document ? { documentId: document.id, documentNo: document.docNo } : {}) });
  writeAudit(ctx, 'transfers.receive', 'transfer', t.id, { status: 'sent' }, { status: internal ? 'closed' : 'received', receiptId, documentNo: document?.docNo ?? null, receivedQty, writtenOffFen });
  writeOutbox(ctx, 'transfers.receipt', 1, { receipt, lines: receiptLines, events: orderEventsForSync(ctx, 'transfer_events', t.id) } satisfies TransferReceiptArgs);
  if (internal) {
    run(ctx.db, "UPDATE transfers SET status = 'closed', updated_at = ?, hlc = ? WHERE id = ?", ctx.now, ctx.hlc(), t.id);
    sendShipment(ctx, t.id);
  }
}

/** A receipt, as written here or pulled from another PC; present already (by transfer) means nothing to do. Answers whether it was new. */
export function insertReceipt(ctx: Pick<ServiceContext, 'db'>, r: TransferReceiptArgs['receipt'], lines: TransferReceiptArgs['lines']): boolean {
  const added =
    run(
      ctx.db,
      `INSERT OR IGNORE INTO transfer_receipts (id, transfer_id, branch_id, warehouse_id, warehouse_name, business_date, document_id, document_no, received_qty,
         written_off_fen, note, received_by, received_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.id,
      r.transferId,
      r.branchId,
      r.warehouseId,
      r.warehouseName,
      r.businessDate,
      r.documentId,
      r.documentNo,
      r.receivedQty,
      r.writtenOffFen,
      r.note,
      r.receivedBy,
      r.receivedAt,
      r.hlc,
    ).changes > 0;
  if (!added) return false;
  const values: unknown[] = [];
  for (const l of lines) values.push(l.id, r.id, l.transferLineId, l.receivedQty, l.reasonCode, l.disposition, l.differenceFen);
  runForRows(
    ctx.db,
    (n) => `INSERT INTO transfer_receipt_lines (id, receipt_id, transfer_line_id, received_qty, reason_code, disposition, difference_fen) VALUES ${valuesOf(n, 7)}`,
    7,
    values,
  );
  return true;
}

export function receiveTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.receive'>): MethodResult<'transfers.receive'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const t = findTransfer(ctx, input.id);
    requireAction(ctx, t, branch, 'receive');
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    receiveGoods(ctx, branch, t, { warehouseId: input.warehouseId, lines: input.lines, note: input.note, businessDate });
    return transferDetail(ctx, t.id);
  });
}
