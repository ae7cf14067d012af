import { addDays } from '../core/businessDate';
import { purchaseTypeCode } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import { divideRoundHalfEven } from '../core/money';
import {
  checkReceiptLine,
  expectedDate,
  purchaseActionAllowed,
  receiptStatus,
  shelfLifeAtReceipt,
  type PurchaseAction,
  type PurchaseOrderStatus,
} from '../core/purchaseOrder';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { PurchaseOrderArgs } from '../sync/protocol';
import { documentPrefix, requireBranch, resolveBusinessDate, todayAt } from './branch';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import {
  findPurchaseOrder,
  findSupplier,
  openQty,
  productTermsFor,
  purchaseLineStates,
  purchaseOrderDetail,
  type PurchaseLineState,
  type PurchaseOrderRecord,
  type SupplierRecord,
} from './purchaseQueries';
import { readSettings } from './settings';
import { all, get, inTransaction, run } from './sql';
import { postReceipt, type IncomingLine } from './stockDocuments';
import { insertOrderEvent, orderEventsForSync, type OrderEventInput } from './orderEvents';
import type { ServiceContext } from './types';

/**
 * Purchasing's commands: a purchase order from draft to received, and receiving against it.
 * Each runs in one transaction that writes its rows, an audit entry, a tracking event and the
 * outbox ops that carry it to head office and the branch's other PCs.
 */

type Draft = Pick<ParsedInput<'purchasing.create'>, 'supplierId' | 'warehouseId' | 'expectedDate' | 'note' | 'lines'>;

type OrderLine = PurchaseOrderArgs['lines'][number];

function requireActiveSupplier(ctx: ServiceContext, supplierId: string): SupplierRecord {
  const supplier = findSupplier(ctx, supplierId);
  if (!supplier.active) throw new LedgerError('SUPPLIER_INACTIVE', { supplier: supplier.name }, [{ path: 'supplierId', code: 'SUPPLIER_INACTIVE' }]);
  return supplier;
}

function requireWarehouse(ctx: ServiceContext, warehouseId: string): void {
  const w = get<{ active: number }>(ctx.db, 'SELECT active FROM warehouses WHERE id = ?', warehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'warehouseId', code: 'WAREHOUSE_INACTIVE' }]);
}

/** An order's lines from what the buyer entered: units checked, costs defaulting to the supplier's last cost. */
function computeLines(ctx: ServiceContext, supplier: SupplierRecord, draft: Draft): { lines: OrderLine[]; leadTimeDays: number } {
  let leadTimeDays = supplier.lead_time_days;
  const lines = draft.lines.map((input, i): OrderLine => {
    const terms = productTermsFor(ctx, supplier, input.productId, `lines.${i}.productId`);
    const active = get<{ active: number }>(ctx.db, 'SELECT active FROM products WHERE id = ?', input.productId)?.active === 1;
    if (!active) {
      throw new LedgerError('PRODUCT_INACTIVE', { product: terms.nameZh, sku: terms.sku, line: i + 1 }, [{ path: `lines.${i}.productId`, code: 'PRODUCT_INACTIVE' }]);
    }
    const unit = terms.units.find((u) => u.code === input.unitCode);
    if (!unit) {
      throw new LedgerError('UNIT_UNKNOWN', { unit: input.unitCode, product: terms.nameZh, line: i + 1 }, [
        { path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: input.unitCode } },
      ]);
    }
    // The supplier's last cost is per its purchase unit; another unit costs its share of it.
    const listed = terms.lastCostFen === null ? null : divideRoundHalfEven(terms.lastCostFen * unit.factor, terms.packFactor);
    if (input.unitCostFen === undefined && listed === null) {
      throw new LedgerError('UNIT_COST_REQUIRED', { product: terms.nameZh, line: i + 1 }, [{ path: `lines.${i}.unitCostFen`, code: 'UNIT_COST_REQUIRED' }]);
    }
    const unitCostFen = input.unitCostFen ?? listed ?? 0;
    leadTimeDays = Math.max(leadTimeDays, terms.leadTimeDays);
    return {
      id: ctx.ids(),
      lineNo: i + 1,
      productId: input.productId,
      unitCode: unit.code,
      unitQty: input.qty,
      qty: input.qty * unit.factor,
      unitCostFen,
      valueFen: input.qty * unitCostFen,
      closedQty: 0,
    };
  });
  return { lines, leadTimeDays };
}

/** An order's lines, as entered here or as another PC of the branch sent them. */
export function insertPurchaseLines(db: ServiceContext['db'], orderId: string, lines: readonly OrderLine[]): void {
  for (const l of lines) {
    run(
      db,
      `INSERT INTO purchase_order_lines (id, order_id, line_no, product_id, unit_code, unit_qty, qty, unit_cost_fen, value_fen, closed_qty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      l.id,
      orderId,
      l.lineNo,
      l.productId,
      l.unitCode,
      l.unitQty,
      l.qty,
      l.unitCostFen,
      l.valueFen,
      l.closedQty,
    );
  }
}

interface EventInput extends OrderEventInput {
  from: PurchaseOrderStatus | null;
  to: PurchaseOrderStatus;
}

function addEvent(ctx: ServiceContext, orderId: string, e: EventInput): void {
  insertOrderEvent(ctx, 'purchase_order_events', orderId, e);
}

/** The order as it now stands, to head office and the branch's other PCs (purchaseOps.ts). */
function sendSnapshot(ctx: ServiceContext, orderId: string): void {
  const o = findPurchaseOrder(ctx, orderId);
  const args: PurchaseOrderArgs = {
    order: {
      id: o.id,
      branchId: o.branch_id,
      docNo: o.doc_no,
      supplierId: o.supplier_id,
      warehouseId: o.warehouse_id,
      status: o.status,
      orderDate: o.order_date,
      expectedDate: o.expected_date,
      note: o.note,
      totalQty: o.total_qty,
      totalValueFen: o.total_value_fen,
      createdBy: o.created_by,
      createdAt: o.created_at,
      updatedAt: o.updated_at,
      originDeviceId: o.origin_device_id,
      hlc: o.hlc,
    },
    lines: all<OrderLine>(
      ctx.db,
      `SELECT id, line_no AS lineNo, product_id AS productId, unit_code AS unitCode, unit_qty AS unitQty, qty, unit_cost_fen AS unitCostFen,
              value_fen AS valueFen, closed_qty AS closedQty
         FROM purchase_order_lines WHERE order_id = ? ORDER BY line_no`,
      orderId,
    ),
    events: orderEventsForSync(ctx, 'purchase_order_events', orderId),
  };
  writeOutbox(ctx, 'purchasing.order', 1, args);
}

/** Sets the order's status (and stamps it), records the step, audits it and sends the order. */
function transition(ctx: ServiceContext, o: PurchaseOrderRecord, to: PurchaseOrderStatus, event: Omit<EventInput, 'from' | 'to'>, extraAudit: Record<string, unknown> = {}): void {
  run(ctx.db, 'UPDATE purchase_orders SET status = ?, updated_at = ?, hlc = ? WHERE id = ?', to, ctx.now, ctx.hlc(), o.id);
  addEvent(ctx, o.id, { ...event, from: o.status, to });
  writeAudit(ctx, `purchasing.${event.action}`, 'purchase_order', o.id, { status: o.status }, { status: to, ...extraAudit });
  sendSnapshot(ctx, o.id);
}

function requireAction(o: PurchaseOrderRecord, action: PurchaseAction): void {
  if (!purchaseActionAllowed(o.status, action)) throw new LedgerError('PURCHASE_STATE', { docNo: o.doc_no, status: o.status, action });
}

function totalsOf(lines: readonly OrderLine[]): { qty: number; valueFen: number } {
  return lines.reduce((t, l) => ({ qty: t.qty + l.qty, valueFen: t.valueFen + l.valueFen }), { qty: 0, valueFen: 0 });
}

export function createPurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.create'>): MethodResult<'purchasing.create'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const supplier = requireActiveSupplier(ctx, input.supplierId);
    requireWarehouse(ctx, input.warehouseId);
    const orderDate = todayAt(ctx, branch);
    const { lines, leadTimeDays } = computeLines(ctx, supplier, input);
    const totals = totalsOf(lines);
    const id = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), purchaseTypeCode, orderDate);
    run(
      ctx.db,
      `INSERT INTO purchase_orders (id, branch_id, doc_no, supplier_id, warehouse_id, status, order_date, expected_date, note, total_qty, total_value_fen,
         created_by, created_at, updated_at, origin_device_id, hlc)
       VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      branch.id,
      docNo,
      supplier.id,
      input.warehouseId,
      orderDate,
      input.expectedDate ?? expectedDate(orderDate, leadTimeDays),
      input.note,
      totals.qty,
      totals.valueFen,
      ctx.currentUser.id,
      ctx.now,
      ctx.now,
      ctx.deviceId,
      ctx.hlc(),
    );
    insertPurchaseLines(ctx.db, id, lines);
    addEvent(ctx, id, { action: 'create', from: null, to: 'draft' });
    writeAudit(ctx, 'purchasing.create', 'purchase_order', id, null, { docNo, supplierId: supplier.id, lines: lines.length, totalValueFen: totals.valueFen });
    if (input.send) transition(ctx, findPurchaseOrder(ctx, id), 'sent', { action: 'send' });
    else sendSnapshot(ctx, id);
    return purchaseOrderDetail(ctx, id);
  });
}

export function updatePurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.update'>): MethodResult<'purchasing.update'> {
  return inTransaction(ctx.db, () => {
    const o = findPurchaseOrder(ctx, input.id);
    requireAction(o, 'edit');
    const supplier = requireActiveSupplier(ctx, input.supplierId);
    requireWarehouse(ctx, input.warehouseId);
    const { lines, leadTimeDays } = computeLines(ctx, supplier, input);
    const totals = totalsOf(lines);
    run(ctx.db, 'DELETE FROM purchase_order_lines WHERE order_id = ?', o.id);
    insertPurchaseLines(ctx.db, o.id, lines);
    run(
      ctx.db,
      `UPDATE purchase_orders SET supplier_id = ?, warehouse_id = ?, expected_date = ?, note = ?, total_qty = ?, total_value_fen = ?, updated_at = ?, hlc = ?
        WHERE id = ?`,
      supplier.id,
      input.warehouseId,
      input.expectedDate ?? expectedDate(o.order_date, leadTimeDays),
      input.note,
      totals.qty,
      totals.valueFen,
      ctx.now,
      ctx.hlc(),
      o.id,
    );
    addEvent(ctx, o.id, { action: 'edit', from: o.status, to: o.status });
    writeAudit(ctx, 'purchasing.update', 'purchase_order', o.id, { supplierId: o.supplier_id, totalValueFen: o.total_value_fen }, {
      supplierId: supplier.id,
      totalValueFen: totals.valueFen,
      lines: lines.length,
    });
    sendSnapshot(ctx, o.id);
    return purchaseOrderDetail(ctx, o.id);
  });
}

export function sendPurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.send'>): MethodResult<'purchasing.send'> {
  return inTransaction(ctx.db, () => {
    const o = findPurchaseOrder(ctx, input.id);
    requireAction(o, 'send');
    requireActiveSupplier(ctx, o.supplier_id);
    transition(ctx, o, 'sent', { action: 'send' });
    return purchaseOrderDetail(ctx, o.id);
  });
}

export function cancelPurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.cancel'>): MethodResult<'purchasing.cancel'> {
  return inTransaction(ctx.db, () => {
    const o = findPurchaseOrder(ctx, input.id);
    requireAction(o, 'cancel');
    transition(ctx, o, 'cancelled', { action: 'cancel', note: input.note });
    return purchaseOrderDetail(ctx, o.id);
  });
}

/** Gives up what has not come: each line's open rest is closed, and the order is finished. */
export function closePurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.close'>): MethodResult<'purchasing.close'> {
  return inTransaction(ctx.db, () => {
    const o = findPurchaseOrder(ctx, input.id);
    requireAction(o, 'close');
    let closed = 0;
    for (const l of purchaseLineStates(ctx, o.id)) {
      const rest = openQty(l);
      if (rest > 0) {
        run(ctx.db, 'UPDATE purchase_order_lines SET closed_qty = closed_qty + ? WHERE id = ?', rest, l.id);
        closed += rest;
      }
    }
    transition(ctx, o, 'closed', { action: 'close', note: input.note }, { closedQty: closed });
    return purchaseOrderDetail(ctx, o.id);
  });
}

// ── Receiving ───────────────────────────────────────────────────────────────────────────

type ReceiptInput = ParsedInput<'purchasing.checkReceipt'>;

interface PlannedLine extends IncomingLine {
  orderLine: PurchaseLineState;
  baseQty: number;
}

interface ReceiptPlan {
  order: PurchaseOrderRecord;
  businessDate: string;
  lines: PlannedLine[];
  flags: R.ReceiptFlag[];
  minPermille: number;
}

interface ProductFacts {
  name_zh: string;
  lot_tracked: number;
  shelf_life_days: number | null;
}

/** The expiry a receipt line's lot will have: as given, the existing lot's, or production date + shelf life. */
function expiryOf(ctx: ServiceContext, productId: string, product: ProductFacts, line: ReceiptInput['lines'][number]): string | null {
  if (product.lot_tracked !== 1) return null;
  if (line.expiryDate) return line.expiryDate;
  const lot = get<{ expiry_date: string | null }>(ctx.db, 'SELECT expiry_date FROM lots WHERE product_id = ? AND lot_code = ?', productId, (line.lotCode ?? '').trim());
  if (lot) return lot.expiry_date;
  return line.productionDate && product.shelf_life_days !== null ? addDays(line.productionDate, product.shelf_life_days) : null;
}

/**
 * Matches each received line to its order line, works out its cost from the order, and the
 * flags the receipt raises: over and under against what is still open, short-dated lots.
 * Nothing is written.
 */
function planReceipt(ctx: ServiceContext, input: ReceiptInput): ReceiptPlan {
  const order = findPurchaseOrder(ctx, input.id);
  requireAction(order, 'receive');
  const branch = requireBranch(ctx);
  const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
  const states = purchaseLineStates(ctx, order.id);
  const minPermille = readSettings(ctx).minReceiptShelfLifePermille;
  const incoming = new Map<string, number>();
  const lines: PlannedLine[] = [];
  const flags: R.ReceiptFlag[] = [];
  input.lines.forEach((line, i) => {
    const orderLine = line.lineId
      ? states.find((l) => l.id === line.lineId && l.product_id === line.productId)
      : // A scan names the product: its first line with something open, else its first line.
        (states.find((l) => l.product_id === line.productId && openQty(l) - (incoming.get(l.id) ?? 0) > 0) ?? states.find((l) => l.product_id === line.productId));
    if (!orderLine) {
      throw new LedgerError('PURCHASE_NOT_ON_ORDER', { docNo: order.doc_no, line: i + 1 }, [{ path: `lines.${i}.productId`, code: 'PURCHASE_NOT_ON_ORDER' }]);
    }
    const unit = get<{ factor: number }>(ctx.db, 'SELECT factor FROM product_units WHERE product_id = ? AND code = ?', line.productId, line.unitCode);
    const orderUnit = get<{ factor: number }>(ctx.db, 'SELECT factor FROM product_units WHERE product_id = ? AND code = ?', line.productId, orderLine.unit_code);
    const product = get<ProductFacts>(ctx.db, 'SELECT name_zh, lot_tracked, shelf_life_days FROM products WHERE id = ?', line.productId);
    if (!unit || !product) {
      throw new LedgerError('UNIT_UNKNOWN', { unit: line.unitCode, product: product?.name_zh ?? '', line: i + 1 }, [
        { path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: line.unitCode } },
      ]);
    }
    const baseQty = line.qty * unit.factor;
    const orderFactor = orderUnit?.factor ?? 1;
    // The order's cost per its unit, shared out to the unit received: the value is rounded once, half to even.
    const unitCostFen = line.unitCostFen ?? divideRoundHalfEven(orderLine.unit_cost_fen * unit.factor, orderFactor);
    const valueFen = line.unitCostFen !== undefined ? line.qty * line.unitCostFen : divideRoundHalfEven(baseQty * orderLine.unit_cost_fen, orderFactor);
    incoming.set(orderLine.id, (incoming.get(orderLine.id) ?? 0) + baseQty);
    lines.push({
      productId: line.productId,
      unitCode: line.unitCode,
      qty: line.qty,
      lotCode: line.lotCode,
      expiryDate: line.expiryDate,
      productionDate: line.productionDate,
      unitCostFen,
      valueFen,
      sourceLineId: orderLine.id,
      orderLine,
      baseQty,
    });
    const expiry = expiryOf(ctx, line.productId, product, line);
    const shelf = shelfLifeAtReceipt(expiry, businessDate, product.shelf_life_days, minPermille);
    if (shelf?.short) {
      flags.push({
        kind: 'short_dated',
        lineNo: orderLine.line_no,
        productId: line.productId,
        lotCode: (line.lotCode ?? '').trim(),
        expiryDate: expiry ?? '',
        remainingDays: shelf.remainingDays,
        minDays: shelf.minDays,
      });
    }
  });
  for (const l of states) {
    const qty = incoming.get(l.id);
    if (qty === undefined) continue;
    const check = checkReceiptLine(openQty(l), qty);
    if (check.kind === 'over') {
      flags.push({ kind: 'over', lineNo: l.line_no, productId: l.product_id, open: check.open, incoming: qty, difference: check.difference, needsConfirmation: check.needsConfirmation });
    } else if (check.kind === 'under') {
      flags.push({ kind: 'under', lineNo: l.line_no, productId: l.product_id, open: check.open, incoming: qty, difference: check.difference });
    }
  }
  flags.sort((a, b) => a.lineNo - b.lineNo);
  return { order, businessDate, lines, flags, minPermille };
}

function confirmationsNeeded(flags: readonly R.ReceiptFlag[]): R.ReceiptCheck['needsConfirmation'] {
  return { over: flags.some((f) => f.kind === 'over' && f.needsConfirmation), shortDated: flags.some((f) => f.kind === 'short_dated') };
}

export function checkPurchaseReceipt(ctx: ServiceContext, input: ParsedInput<'purchasing.checkReceipt'>): MethodResult<'purchasing.checkReceipt'> {
  const plan = planReceipt(ctx, input);
  return { flags: plan.flags, needsConfirmation: confirmationsNeeded(plan.flags), minShelfLifePermille: plan.minPermille };
}

/**
 * Posts the goods that came as a receipt against the order — the same posting as any receipt
 * (stock on hand and a FIFO layer at the order's cost) with the order and its lines as source —
 * then moves the order on by what has now been received.
 */
export function receivePurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.receive'>): MethodResult<'purchasing.receive'> {
  return inTransaction(ctx.db, () => {
    const plan = planReceipt(ctx, input);
    const needs = confirmationsNeeded(plan.flags);
    const over = plan.flags.find((f) => f.kind === 'over' && f.needsConfirmation);
    if (needs.over && !input.allowOver && over?.kind === 'over') {
      throw new LedgerError('PURCHASE_OVER_RECEIPT', { line: over.lineNo, open: over.open, incoming: over.incoming }, [
        { path: 'allowOver', code: 'PURCHASE_OVER_RECEIPT', params: { line: over.lineNo, open: over.open, incoming: over.incoming } },
      ]);
    }
    const short = plan.flags.find((f) => f.kind === 'short_dated');
    if (short?.kind === 'short_dated' && !input.allowShortDated) {
      throw new LedgerError('PURCHASE_SHORT_DATED', { line: short.lineNo, lot: short.lotCode, remaining: short.remainingDays, min: short.minDays }, [
        { path: 'allowShortDated', code: 'PURCHASE_SHORT_DATED', params: { line: short.lineNo, remaining: short.remainingDays, min: short.minDays } },
      ]);
    }
    const o = plan.order;
    const branch = requireBranch(ctx);
    const { document } = postReceipt(ctx, branch, 'purchasing.receive', {
      warehouseId: o.warehouse_id,
      supplierId: o.supplier_id,
      businessDate: plan.businessDate,
      note: input.note === '' ? o.doc_no : `${o.doc_no} ${input.note}`,
      sourceId: o.id,
      lines: plan.lines.map(({ orderLine: _orderLine, baseQty: _baseQty, ...line }) => line),
    });
    const states = purchaseLineStates(ctx, o.id);
    const facts = states.reduce((f, l) => ({ orderedQty: f.orderedQty + l.qty - l.closed_qty, receivedQty: f.receivedQty + l.received }), { orderedQty: 0, receivedQty: 0 });
    const to = receiptStatus(facts, false);
    const flagNote = plan.flags.map((f) => `${f.kind}:${f.lineNo}`).join(', ');
    transition(ctx, o, to, { action: 'receive', documentId: document.id, documentNo: document.docNo, note: flagNote }, { documentId: document.id, docNo: document.docNo, flags: plan.flags.length });
    return { order: purchaseOrderDetail(ctx, o.id), receipt: document, flags: plan.flags };
  });
}
