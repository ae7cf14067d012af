import { documentTypeCodes, returnTypeCodes } from '../core/documentNumbers';
import {
  creditableQty,
  dispositionsAddUp,
  freeGoodsDeduction,
  receivedReturnStatuses,
  returnApprovalReasons,
  returnTransition,
  returnWindowDays,
  returnedShare,
  UNKNOWN_LOT_CODE,
  type CustomerReturnStatus,
  type ReturnAction,
  type ReturnApprovalReason,
} from '../core/customerReturn';
import { LedgerError } from '../core/errors';
import { lotIdFor } from '../core/ids';
import { divideRoundHalfEven, lineAmounts } from '../core/money';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { CreditNoteArgs, CustomerReturnArgs } from '../sync/protocol';
import { documentPrefix, requireBranch, resolveBusinessDate, todayAt, type BranchRow } from './branch';
import {
  deliveryLines,
  findReturn,
  liveStatusesJson,
  lotsById,
  productViews,
  readReturnRow,
  recallHolders,
  returnDetail,
  returnLineView,
  returnLines,
  returnWindows,
  type DeliveryLineRecord,
  type ReturnLineRecord,
  type ReturnRecord,
} from './customerReturnQueries';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import { insertOrderEvent, orderEventsForSync } from './orderEvents';
import { averageUnitCostFen, lastIncomingUnitCostFen, postIncoming, postOutgoing } from './posting';
import { findCustomer, findSalesProduct, priceEntries, priceFor, type CustomerRecord } from './salesQueries';
import { all, get, inTransaction, run } from './sql';
import { finish, insertDocument, type DocumentHeader, type PostingEffects } from './stockDocuments';
import type { ServiceContext } from './types';

/**
 * The return desk's commands: a customer return from request to credit. Each runs in one
 * transaction that writes its rows, stock postings, an audit entry, a tracking event and the
 * outbox ops that carry it to head office and the branch's other PCs.
 */

type Draft = Pick<ParsedInput<'returns.create'>, 'customerId' | 'deliveryId' | 'lines' | 'note'>;

interface ComputedLine extends Omit<ReturnLineRecord, 'return_id'> {
  returnable: number | null;
}

interface ComputedReturn {
  customer: CustomerRecord;
  delivery: { id: string; orderId: string | null; warehouseId: string } | null;
  lines: ComputedLine[];
  reasons: ReturnApprovalReason[];
  totals: R.ReturnTotals;
  deductionFen: number;
}

function unitOf(ctx: ServiceContext, productId: string, unitCode: string, i: number, productName: string): { code: string; factor: number } {
  const unit = get<{ code: string; factor: number }>(ctx.db, 'SELECT code, factor FROM product_units WHERE product_id = ? AND code = ?', productId, unitCode);
  if (!unit) {
    throw new LedgerError('UNIT_UNKNOWN', { unit: unitCode, product: productName, line: i + 1 }, [{ path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: unitCode } }]);
  }
  return unit;
}

/** Cost of `qty` base units at what the delivery line's goods left with (its movements' FIFO value). */
function deliveredCostFen(ctx: ServiceContext, deliveryLineId: string, qty: number): number {
  const m = get<{ qty: number | null; value: number | null }>(ctx.db, 'SELECT SUM(qty) AS qty, SUM(value_fen) AS value FROM stock_movements WHERE line_id = ?', deliveryLineId);
  if (!m?.qty) return 0;
  return divideRoundHalfEven(Math.abs(m.value ?? 0) * qty, Math.abs(m.qty));
}

/**
 * The lines, money, free-goods deduction and approval reasons of a return's content. Nothing is
 * written: preview and create both go through here. Over-returns, lots the delivery did not
 * issue and unknown products or units are refused outright, next to their field.
 */
function computeReturn(ctx: ServiceContext, draft: Draft, today: string, options: { recall?: boolean; restockWarehouseId?: string } = {}): ComputedReturn {
  const customer = findCustomer(ctx, draft.customerId);
  const windows = returnWindows(ctx);
  const lines: ComputedLine[] = [];
  const windowFacts: { lineNo: number; deliveryDate: string | null; windowDays: number | null }[] = [];
  let delivery: ComputedReturn['delivery'] = null;
  let deductionFen = 0;

  if (draft.deliveryId !== undefined) {
    const ofDelivery = deliveryLines(ctx, [draft.deliveryId]);
    const first = ofDelivery[0];
    if (!first || first.customer_id !== customer.id) throw new LedgerError('NOT_FOUND', { entity: 'delivery' }, [{ path: 'deliveryId', code: 'NOT_FOUND' }]);
    delivery = { id: first.delivery_id, orderId: first.order_id, warehouseId: first.warehouse_id };
    const byId = new Map(ofDelivery.map((l) => [l.id, l]));
    const taking = new Map<string, number>();
    const categories = new Map(
      all<{ id: string; category_id: string | null }>(ctx.db, 'SELECT id, category_id FROM products WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ofDelivery.map((l) => l.product_id))).map(
        (p) => [p.id, p.category_id],
      ),
    );
    draft.lines.forEach((input, i) => {
      let dl = input.deliveryLineId ? byId.get(input.deliveryLineId) : undefined;
      if (!dl || dl.product_id !== input.productId) {
        throw new LedgerError('RETURN_LINE_NOT_DELIVERED', { line: i + 1 }, [{ path: `lines.${i}.deliveryLineId`, code: 'RETURN_LINE_NOT_DELIVERED' }]);
      }
      const product = findSalesProduct(ctx, dl.product_id, `lines.${i}.productId`);
      const unit = unitOf(ctx, product.id, input.unitCode, i, product.name_zh);
      let lotId: string | null = dl.lot_id;
      if (input.lotId === null) lotId = null;
      else if (input.lotId !== undefined && input.lotId !== dl.lot_id) {
        // Another lot of the same order line on this delivery: the return is from that delivery line.
        const base: DeliveryLineRecord = dl;
        const other = ofDelivery.find((x) => x.order_line_id === base.order_line_id && x.product_id === base.product_id && x.lot_id === input.lotId);
        if (!other) {
          const lot = get<{ lot_code: string }>(ctx.db, 'SELECT lot_code FROM lots WHERE id = ?', input.lotId);
          throw new LedgerError('RETURN_LOT_NOT_DELIVERED', { line: i + 1, lot: lot?.lot_code ?? input.lotId }, [
            { path: `lines.${i}.lotId`, code: 'RETURN_LOT_NOT_DELIVERED', params: { lot: lot?.lot_code ?? input.lotId } },
          ]);
        }
        dl = other;
        lotId = other.lot_id;
      }
      const qty = input.qty * unit.factor;
      const already = dl.returned + (taking.get(dl.id) ?? 0);
      const returnable = Math.max(0, dl.delivered - already);
      if (qty > returnable) {
        throw new LedgerError('RETURN_TOO_MUCH', { line: i + 1, returnable, delivered: dl.delivered, returned: already, requested: qty }, [
          { path: `lines.${i}.qty`, code: 'RETURN_TOO_MUCH', params: { line: i + 1, returnable, delivered: dl.delivered, returned: already, requested: qty } },
        ]);
      }
      taking.set(dl.id, (taking.get(dl.id) ?? 0) + qty);
      const free = dl.free === 1;
      const money = free ? { netFen: 0, taxFen: 0, grossFen: 0 } : returnedShare({ qty: dl.ol_qty ?? 0, netFen: dl.ol_net_fen ?? 0, taxFen: dl.ol_tax_fen ?? 0 }, qty);
      lines.push({
        id: ctx.ids(),
        line_no: i + 1,
        product_id: dl.product_id,
        delivery_line_id: dl.id,
        order_line_id: dl.order_line_id,
        lot_id: lotId,
        unit_code: unit.code,
        unit_qty: input.qty,
        qty,
        reason_code: input.reasonCode,
        note: input.note,
        free: free ? 1 : 0,
        unit_price_fen: free || !dl.ol_qty ? 0 : divideRoundHalfEven((dl.ol_net_fen ?? 0) * unit.factor, dl.ol_qty),
        net_fen: money.netFen,
        tax_rate_bp: dl.tax_rate_bp ?? product.tax_rate_bp,
        tax_fen: money.taxFen,
        gross_fen: money.grossFen,
        cost_fen: deliveredCostFen(ctx, dl.id, qty),
        restock_qty: 0,
        quarantine_qty: 0,
        scrap_qty: 0,
        supplier_qty: 0,
        credited_qty: 0,
        returnable,
      });
      windowFacts.push({ lineNo: i + 1, deliveryDate: dl.business_date, windowDays: returnWindowDays(windows, customer.customer_class, categories.get(dl.product_id) ?? null) });
    });
    deductionFen = freeGoodsDeductionFen(ctx, lines);
  } else {
    const restockWarehouseId = options.restockWarehouseId ?? mainWarehouseId(ctx);
    draft.lines.forEach((input, i) => {
      if (input.deliveryLineId !== undefined) {
        throw new LedgerError('RETURN_LINE_NOT_DELIVERED', { line: i + 1 }, [{ path: `lines.${i}.deliveryLineId`, code: 'RETURN_LINE_NOT_DELIVERED' }]);
      }
      const product = findSalesProduct(ctx, input.productId, `lines.${i}.productId`);
      const unit = unitOf(ctx, product.id, input.unitCode, i, product.name_zh);
      let lotId: string | null = null;
      if (input.lotId) {
        const lot = get<{ id: string }>(ctx.db, 'SELECT id FROM lots WHERE id = ? AND product_id = ?', input.lotId, product.id);
        if (!lot) throw new LedgerError('LOT_NOT_FOUND', { line: i + 1, lot: input.lotId }, [{ path: `lines.${i}.lotId`, code: 'LOT_NOT_FOUND' }]);
        lotId = lot.id;
      }
      const unitPriceFen = customerPriceFen(ctx, customer, product.id, product.base_unit_code, unit);
      if (unitPriceFen === null) throw new LedgerError('PRICE_MISSING', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.productId`, code: 'PRICE_MISSING' }]);
      const qty = input.qty * unit.factor;
      const amounts = lineAmounts(input.qty, unitPriceFen, product.tax_rate_bp);
      const perBase = averageUnitCostFen(ctx, restockWarehouseId, product.id) ?? lastIncomingUnitCostFen(ctx, product.id) ?? 0;
      lines.push({
        id: ctx.ids(),
        line_no: i + 1,
        product_id: product.id,
        delivery_line_id: null,
        order_line_id: null,
        lot_id: lotId,
        unit_code: unit.code,
        unit_qty: input.qty,
        qty,
        reason_code: input.reasonCode,
        note: input.note,
        free: 0,
        unit_price_fen: unitPriceFen,
        net_fen: amounts.netFen,
        tax_rate_bp: product.tax_rate_bp,
        tax_fen: amounts.taxFen,
        gross_fen: amounts.grossFen,
        cost_fen: perBase * qty,
        restock_qty: 0,
        quarantine_qty: 0,
        scrap_qty: 0,
        supplier_qty: 0,
        credited_qty: 0,
        returnable: null,
      });
    });
  }
  const reasons = returnApprovalReasons({ hasDelivery: delivery !== null, recall: options.recall === true, today, lines: windowFacts });
  const sums = lines.reduce((t, l) => ({ netFen: t.netFen + l.net_fen, taxFen: t.taxFen + l.tax_fen, grossFen: t.grossFen + l.gross_fen, qty: t.qty + l.qty }), {
    netFen: 0,
    taxFen: 0,
    grossFen: 0,
    qty: 0,
  });
  return {
    customer,
    delivery,
    lines,
    reasons,
    deductionFen,
    totals: { ...sums, freeGoodsDeductionFen: deductionFen, creditFen: Math.max(0, sums.grossFen - deductionFen) },
  };
}

/** The customer's last price for the product (per this unit), else its price list's. */
function customerPriceFen(ctx: ServiceContext, customer: CustomerRecord, productId: string, baseUnitCode: string, unit: { code: string; factor: number }): number | null {
  const last = get<{ unit_price_fen: number; factor: number }>(
    ctx.db,
    `SELECT l.unit_price_fen, u.factor
       FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id JOIN product_units u ON u.product_id = l.product_id AND u.code = l.unit_code
      WHERE o.customer_id = ? AND l.product_id = ? AND l.free = 0 AND o.status NOT IN ('quote', 'cancelled')
      ORDER BY o.business_date DESC, o.created_at DESC LIMIT 1`,
    customer.id,
    productId,
  );
  if (last) return divideRoundHalfEven(last.unit_price_fen * unit.factor, last.factor);
  return priceFor(priceEntries(ctx, customer, productId), unit, baseUnitCode)?.priceFen ?? null;
}

/**
 * Free goods (赠品) this return leaves the customer holding without having earned them: for each
 * paid order line it takes goods back from, the free line that line earned under its promotion.
 */
function freeGoodsDeductionFen(ctx: ServiceContext, lines: readonly ComputedLine[]): number {
  const nowByOrderLine = new Map<string, number>();
  for (const l of lines) if (l.order_line_id) nowByOrderLine.set(l.order_line_id, (nowByOrderLine.get(l.order_line_id) ?? 0) + l.qty);
  let total = 0;
  for (const [orderLineId, paidNow] of nowByOrderLine) {
    const paid = get<{ id: string; qty: number; net_fen: number; tax_rate_bp: number; free: number }>(ctx.db, 'SELECT id, qty, net_fen, tax_rate_bp, free FROM sales_order_lines WHERE id = ?', orderLineId);
    if (!paid || paid.free === 1 || paidNow === 0) continue;
    const gifts = all<{ id: string; min_qty: number; free_qty: number }>(
      ctx.db,
      `SELECT f.id, p.min_qty, p.free_qty FROM sales_order_lines f JOIN promotions p ON p.id = f.promotion_id
        WHERE f.parent_line_id = ? AND f.free = 1 AND p.free_qty IS NOT NULL`,
      paid.id,
    );
    for (const gift of gifts) {
      const d = freeGoodsDeduction({
        paidDelivered: deliveredQty(ctx, paid.id),
        paidReturnedBefore: returnedQty(ctx, paid.id),
        paidReturnedNow: paidNow,
        freeDelivered: deliveredQty(ctx, gift.id),
        freeReturnedBefore: returnedQty(ctx, gift.id),
        freeReturnedNow: nowByOrderLine.get(gift.id) ?? 0,
        minQty: gift.min_qty,
        freeQty: gift.free_qty,
        paidNetFen: paid.net_fen,
        paidQty: paid.qty,
        taxRateBp: paid.tax_rate_bp,
      });
      total += d.grossFen;
    }
  }
  return total;
}

function deliveredQty(ctx: ServiceContext, orderLineId: string): number {
  return get<{ n: number }>(ctx.db, 'SELECT COALESCE(-SUM(qty), 0) AS n FROM stock_document_lines WHERE source_line_id = ?', orderLineId)?.n ?? 0;
}

/** Base units of an order line that live returns take back (`statuses`: which returns count). */
function returnedQty(ctx: ServiceContext, orderLineId: string, statuses = liveStatusesJson): number {
  return (
    get<{ n: number }>(
      ctx.db,
      `SELECT COALESCE(SUM(l.qty), 0) AS n FROM customer_return_lines l JOIN customer_returns r ON r.id = l.return_id
        WHERE l.order_line_id = ? AND r.status IN (SELECT value FROM json_each(?))`,
      orderLineId,
      statuses,
    )?.n ?? 0
  );
}

function mainWarehouseId(ctx: ServiceContext): string {
  const w = get<{ id: string }>(ctx.db, "SELECT id FROM warehouses WHERE kind = 'main' AND active = 1 ORDER BY code LIMIT 1");
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' });
  return w.id;
}

function returnsWarehouseId(ctx: ServiceContext, branch: BranchRow): string {
  const w = get<{ id: string }>(ctx.db, "SELECT id FROM warehouses WHERE kind = 'returns' AND active = 1 AND branch_id = ? ORDER BY code LIMIT 1", branch.id);
  if (!w) throw new LedgerError('RETURN_NO_RETURNS_WAREHOUSE');
  return w.id;
}

export function previewReturn(ctx: ServiceContext, input: ParsedInput<'returns.preview'>): MethodResult<'returns.preview'> {
  const computed = computeReturn(ctx, input, todayAt(ctx, requireBranch(ctx)));
  const views = productViews(
    ctx,
    computed.lines.map((l) => l.product_id),
  );
  const lots = lotsById(
    ctx,
    computed.lines.map((l) => l.lot_id),
  );
  return {
    customerId: computed.customer.id,
    deliveryId: computed.delivery?.id ?? null,
    lines: computed.lines.map((l) => returnLineView(l, views, lots, l.returnable)),
    totals: computed.totals,
    approvalReasons: computed.reasons,
  };
}

// ── Writing a return ───────────────────────────────────────────────────────────────────

interface EventInput {
  action: string;
  from: CustomerReturnStatus | null;
  to: CustomerReturnStatus;
  note?: string;
  documentId?: string | null;
  documentNo?: string | null;
}

function addEvent(ctx: ServiceContext, returnId: string, e: EventInput): void {
  insertOrderEvent(ctx, 'customer_return_events', returnId, { ...e, documentId: e.documentId ?? undefined, documentNo: e.documentNo ?? undefined });
}

/** The whole return as it now stands, for the outbox (`returns.customer`). */
export function returnSnapshot(ctx: ServiceContext, id: string): CustomerReturnArgs {
  const r = findReturn(ctx, id);
  return {
    customerReturn: {
      id: r.id,
      branchId: r.branch_id,
      docNo: r.doc_no,
      customerId: r.customer_id,
      deliveryId: r.delivery_id,
      orderId: r.order_id,
      recallLotId: r.recall_lot_id,
      status: r.status,
      businessDate: r.business_date,
      returnsWarehouseId: r.returns_warehouse_id,
      restockWarehouseId: r.restock_warehouse_id,
      approvalReasons: JSON.parse(r.approval_reasons) as CustomerReturnArgs['customerReturn']['approvalReasons'],
      approvedBy: r.approved_by,
      approvedAt: r.approved_at,
      receiptDocumentId: r.receipt_document_id,
      dispositionDocumentId: r.disposition_document_id,
      settlement: r.settlement,
      creditNoteId: r.credit_note_id,
      freeGoodsDeductionFen: r.free_goods_deduction_fen,
      totalNetFen: r.total_net_fen,
      totalTaxFen: r.total_tax_fen,
      totalGrossFen: r.total_gross_fen,
      note: r.note,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      originDeviceId: r.origin_device_id,
      hlc: r.hlc,
    },
    lines: returnLines(ctx, id).map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      deliveryLineId: l.delivery_line_id,
      orderLineId: l.order_line_id,
      lotId: l.lot_id,
      unitCode: l.unit_code,
      unitQty: l.unit_qty,
      qty: l.qty,
      reasonCode: l.reason_code,
      note: l.note,
      free: l.free === 1,
      unitPriceFen: l.unit_price_fen,
      netFen: l.net_fen,
      taxRateBp: l.tax_rate_bp,
      taxFen: l.tax_fen,
      grossFen: l.gross_fen,
      costFen: l.cost_fen,
      restockQty: l.restock_qty,
      quarantineQty: l.quarantine_qty,
      scrapQty: l.scrap_qty,
      supplierQty: l.supplier_qty,
      creditedQty: l.credited_qty,
    })),
    events: orderEventsForSync(ctx, 'customer_return_events', id),
  };
}

function sendReturn(ctx: ServiceContext, id: string): void {
  writeOutbox(ctx, 'returns.customer', 1, returnSnapshot(ctx, id) satisfies CustomerReturnArgs);
}

function requireAction(r: ReturnRecord, action: ReturnAction): CustomerReturnStatus {
  const to = returnTransition(r.status, action);
  if (to === null) {
    if (action === 'receive' && r.status === 'pending_approval') throw new LedgerError('RETURN_NEEDS_APPROVAL', { docNo: r.doc_no });
    throw new LedgerError('RETURN_STATE', { docNo: r.doc_no, status: r.status, action });
  }
  return to;
}

function transition(ctx: ServiceContext, r: ReturnRecord, to: CustomerReturnStatus, event: Omit<EventInput, 'from' | 'to'>, extraAudit: Record<string, unknown> = {}): void {
  run(ctx.db, 'UPDATE customer_returns SET status = ?, updated_at = ?, hlc = ? WHERE id = ?', to, ctx.now, ctx.hlc(), r.id);
  addEvent(ctx, r.id, { ...event, from: r.status, to });
  writeAudit(ctx, `returns.${event.action}`, 'customer_return', r.id, { status: r.status }, { status: to, ...extraAudit });
  sendReturn(ctx, r.id);
}

/** Writes a new return (inside the caller's transaction) and answers its id. */
function insertReturn(ctx: ServiceContext, branch: BranchRow, computed: ComputedReturn, note: string, businessDate: string, recallLotId: string | null): string {
  const id = ctx.ids();
  const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), returnTypeCodes.customerReturn, businessDate);
  const status: CustomerReturnStatus = computed.reasons.length > 0 ? 'pending_approval' : 'approved';
  run(
    ctx.db,
    `INSERT INTO customer_returns (id, branch_id, doc_no, customer_id, delivery_id, order_id, recall_lot_id, status, business_date, returns_warehouse_id,
       restock_warehouse_id, approval_reasons, approved_by, approved_at, free_goods_deduction_fen, total_net_fen, total_tax_fen, total_gross_fen, note,
       created_by, created_at, updated_at, origin_device_id, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    branch.id,
    docNo,
    computed.customer.id,
    computed.delivery?.id ?? null,
    computed.delivery?.orderId ?? null,
    recallLotId,
    status,
    businessDate,
    returnsWarehouseId(ctx, branch),
    computed.delivery?.warehouseId ?? mainWarehouseId(ctx),
    JSON.stringify(computed.reasons),
    computed.deductionFen,
    computed.totals.netFen,
    computed.totals.taxFen,
    computed.totals.grossFen,
    note,
    ctx.currentUser.id,
    ctx.now,
    ctx.now,
    ctx.deviceId,
    ctx.hlc(),
  );
  insertReturnLines(ctx.db, id, computed.lines);
  addEvent(ctx, id, { action: 'create', from: null, to: status, note: computed.reasons.map((r) => r.code).join(', ') });
  writeAudit(ctx, 'returns.create', 'customer_return', id, null, { docNo, status, customerId: computed.customer.id, deliveryId: computed.delivery?.id ?? null, lines: computed.lines.length, grossFen: computed.totals.grossFen });
  sendReturn(ctx, id);
  return id;
}

export function insertReturnLines(db: ServiceContext['db'], returnId: string, lines: readonly Omit<ReturnLineRecord, 'return_id'>[]): void {
  for (const l of lines) {
    run(
      db,
      `INSERT INTO customer_return_lines (id, return_id, line_no, product_id, delivery_line_id, order_line_id, lot_id, unit_code, unit_qty, qty, reason_code, note,
         free, unit_price_fen, net_fen, tax_rate_bp, tax_fen, gross_fen, cost_fen, restock_qty, quarantine_qty, scrap_qty, supplier_qty, credited_qty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      l.id,
      returnId,
      l.line_no,
      l.product_id,
      l.delivery_line_id,
      l.order_line_id,
      l.lot_id,
      l.unit_code,
      l.unit_qty,
      l.qty,
      l.reason_code,
      l.note,
      l.free,
      l.unit_price_fen,
      l.net_fen,
      l.tax_rate_bp,
      l.tax_fen,
      l.gross_fen,
      l.cost_fen,
      l.restock_qty,
      l.quarantine_qty,
      l.scrap_qty,
      l.supplier_qty,
      l.credited_qty,
    );
  }
}

export function createReturn(ctx: ServiceContext, input: ParsedInput<'returns.create'>): MethodResult<'returns.create'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, undefined);
    const computed = computeReturn(ctx, input, businessDate);
    return returnDetail(ctx, insertReturn(ctx, branch, computed, input.note, businessDate, null));
  });
}

export function approveReturn(ctx: ServiceContext, input: ParsedInput<'returns.approve'>): MethodResult<'returns.approve'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    const to = requireAction(r, 'approve');
    run(ctx.db, 'UPDATE customer_returns SET approved_by = ?, approved_at = ? WHERE id = ?', ctx.currentUser.id, ctx.now, r.id);
    transition(ctx, r, to, { action: 'approve', note: input.note });
    return returnDetail(ctx, r.id);
  });
}

export function rejectReturn(ctx: ServiceContext, input: ParsedInput<'returns.reject'>): MethodResult<'returns.reject'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    transition(ctx, r, requireAction(r, 'reject'), { action: 'reject', note: input.note });
    return returnDetail(ctx, r.id);
  });
}

export function cancelReturn(ctx: ServiceContext, input: ParsedInput<'returns.cancel'>): MethodResult<'returns.cancel'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    transition(ctx, r, requireAction(r, 'cancel'), { action: 'cancel', note: input.note });
    return returnDetail(ctx, r.id);
  });
}

/** The per-product lot that holds returned goods whose lot the customer could not tell; made when first needed. */
function unknownLotId(ctx: ServiceContext, productId: string, effects: PostingEffects): string {
  const id = lotIdFor(productId, UNKNOWN_LOT_CODE);
  if (!get(ctx.db, 'SELECT 1 FROM lots WHERE id = ?', id)) {
    const lot = { id, product_id: productId, lot_code: UNKNOWN_LOT_CODE, expiry_date: null, production_date: null, first_received_at: ctx.now, hlc: ctx.hlc() };
    run(ctx.db, 'INSERT INTO lots (id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc) VALUES (?, ?, ?, NULL, NULL, ?, ?)', id, productId, UNKNOWN_LOT_CODE, ctx.now, lot.hlc);
    effects.lots.push(lot);
  }
  return id;
}

/** A return's stock document: in or out of its returns area, named after the return. */
function returnDocumentHeader(
  ctx: ServiceContext,
  branch: BranchRow,
  r: ReturnRecord,
  docType: 'customer_return' | 'return_disposition',
  businessDate: string,
  note: string,
): DocumentHeader {
  return {
    id: ctx.ids(),
    docType,
    docNo: nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes[docType], businessDate),
    businessDate,
    warehouseId: r.returns_warehouse_id,
    supplierId: null,
    reasonCode: null,
    note: note === '' ? r.doc_no : `${r.doc_no} ${note}`,
    reversesDocumentId: null,
    sourceId: r.id,
  };
}

/**
 * The goods arrive: one 'customer_return' document into the returns area, each line in the lot
 * that was delivered (or the product's unknown-lot lot) at the cost it left with, so the FIFO
 * layer there carries the original cost.
 */
export function receiveReturn(ctx: ServiceContext, input: ParsedInput<'returns.receive'>): MethodResult<'returns.receive'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    const to = requireAction(r, 'receive');
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const header = returnDocumentHeader(ctx, branch, r, 'customer_return', businessDate, input.note);
    const effects: PostingEffects = { lots: [], lines: [], movements: [] };
    for (const l of returnLines(ctx, r.id)) {
      const lotId = l.lot_id ?? unknownLotId(ctx, l.product_id, effects);
      const lineId = ctx.ids();
      const ref = { branchId: branch.id, documentType: 'customer_return', documentId: header.id, lineId, businessDate };
      effects.movements.push(postIncoming(ctx, ref, { warehouseId: r.returns_warehouse_id, productId: l.product_id, lotId, qty: l.qty, valueFen: l.cost_fen }));
      effects.lines.push({
        id: lineId,
        lineNo: effects.lines.length + 1,
        productId: l.product_id,
        unitCode: l.unit_code,
        unitQty: l.unit_qty,
        qty: l.qty,
        lotId,
        unitCostFen: l.unit_qty > 0 ? divideRoundHalfEven(l.cost_fen, l.unit_qty) : 0,
        valueFen: l.cost_fen,
        reasonCode: l.reason_code,
        sourceLineId: l.id,
      });
    }
    const document = insertDocument(ctx, branch, header, effects);
    finish(ctx, 'returns.receive', document, effects);
    run(ctx.db, 'UPDATE customer_returns SET receipt_document_id = ? WHERE id = ?', header.id, r.id);
    transition(ctx, r, to, { action: 'receive', note: input.note, documentId: header.id, documentNo: header.docNo }, { documentId: header.id, docNo: header.docNo });
    return returnDetail(ctx, r.id);
  });
}

/**
 * Inspection: each line's units restocked, kept in quarantine, scrapped, or kept for the
 * supplier. One 'return_disposition' document moves what leaves the returns area: restocked
 * goods go back into the saleable warehouse in the same lot at the cost they came back with
 * (the layer their receipt opened), scrapped goods are written off. Quarantined goods and those
 * awaiting a return to the supplier stay in the returns area.
 */
export function inspectReturn(ctx: ServiceContext, input: ParsedInput<'returns.inspect'>): MethodResult<'returns.inspect'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    const to = requireAction(r, 'inspect');
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const lines = returnLines(ctx, r.id);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const decided = new Map<string, ParsedInput<'returns.inspect'>['lines'][number]>();
    input.lines.forEach((d, i) => {
      if (!byId.has(d.lineId) || decided.has(d.lineId)) throw new LedgerError('NOT_FOUND', { entity: 'customerReturnLine' }, [{ path: `lines.${i}.lineId`, code: 'NOT_FOUND' }]);
      decided.set(d.lineId, d);
    });
    const receiptLines = new Map(
      all<{ source_line_id: string; lot_id: string; movement_id: string }>(
        ctx.db,
        `SELECT dl.source_line_id, dl.lot_id, m.id AS movement_id FROM stock_document_lines dl JOIN stock_movements m ON m.line_id = dl.id WHERE dl.document_id = ?`,
        r.receipt_document_id ?? '',
      ).map((x) => [x.source_line_id, x]),
    );
    const lots = lotsById(
      ctx,
      [...receiptLines.values()].map((x) => x.lot_id),
    );
    const today = todayAt(ctx, branch);
    const header = returnDocumentHeader(ctx, branch, r, 'return_disposition', businessDate, input.note);
    const effects: PostingEffects = { lots: [], lines: [], movements: [] };
    lines.forEach((l) => {
      const i = input.lines.findIndex((d) => d.lineId === l.id);
      const d = decided.get(l.id) ?? { lineId: l.id, restockQty: 0, quarantineQty: 0, scrapQty: 0, supplierQty: 0 };
      const path = i >= 0 ? `lines.${i}` : 'lines';
      if (!dispositionsAddUp(l.qty, d)) {
        const sum = d.restockQty + d.quarantineQty + d.scrapQty + d.supplierQty;
        throw new LedgerError('RETURN_DISPOSITION_SUM', { line: l.line_no, sum, qty: l.qty }, [{ path: `${path}.restockQty`, code: 'RETURN_DISPOSITION_SUM', params: { qty: l.qty } }]);
      }
      const received = receiptLines.get(l.id);
      if (!received) throw new LedgerError('RETURN_STATE', { docNo: r.doc_no, status: r.status, action: 'inspect' });
      const lot = lots.get(received.lot_id);
      if (d.restockQty > 0) {
        if (l.lot_id === null || lot?.lot_code === UNKNOWN_LOT_CODE) {
          throw new LedgerError('RETURN_RESTOCK_UNKNOWN_LOT', { line: l.line_no }, [{ path: `${path}.restockQty`, code: 'RETURN_RESTOCK_UNKNOWN_LOT' }]);
        }
        if (lot?.expiry_date && lot.expiry_date < today) {
          throw new LedgerError('RETURN_RESTOCK_EXPIRED', { line: l.line_no, lot: lot.lot_code, expiry: lot.expiry_date }, [
            { path: `${path}.restockQty`, code: 'RETURN_RESTOCK_EXPIRED', params: { lot: lot.lot_code, expiry: lot.expiry_date } },
          ]);
        }
      }
      const layer = get<{ id: string }>(ctx.db, 'SELECT id FROM cost_layers WHERE source_movement_id = ?', received.movement_id);
      const move = (qty: number, into: string | null) => {
        if (qty === 0) return;
        const lineId = ctx.ids();
        const ref = { branchId: branch.id, documentType: 'return_disposition', documentId: header.id, lineId, businessDate };
        const out = postOutgoing(ctx, ref, {
          warehouseId: r.returns_warehouse_id,
          productId: l.product_id,
          qty,
          lotId: received.lot_id,
          preferLayerIds: layer ? [layer.id] : [],
          fieldPath: `${path}.${into ? 'restockQty' : 'scrapQty'}`,
          productLabel: l.product_id,
        });
        const valueFen = -out.reduce((n, m) => n + m.valueFen, 0);
        effects.movements.push(...out);
        effects.lines.push({ id: lineId, lineNo: effects.lines.length + 1, productId: l.product_id, unitCode: baseUnit(ctx, l.product_id), unitQty: -qty, qty: -qty, lotId: received.lot_id, unitCostFen: null, valueFen: -valueFen, reasonCode: into ? 'restock' : 'scrap', sourceLineId: l.id });
        if (into) {
          const inId = ctx.ids();
          effects.movements.push(postIncoming(ctx, { ...ref, lineId: inId }, { warehouseId: into, productId: l.product_id, lotId: received.lot_id, qty, valueFen }));
          effects.lines.push({ id: inId, lineNo: effects.lines.length + 1, productId: l.product_id, unitCode: baseUnit(ctx, l.product_id), unitQty: qty, qty, lotId: received.lot_id, unitCostFen: divideRoundHalfEven(valueFen, qty), valueFen, reasonCode: 'restock', sourceLineId: l.id });
        }
      };
      move(d.restockQty, r.restock_warehouse_id);
      move(d.scrapQty, null);
      run(
        ctx.db,
        'UPDATE customer_return_lines SET restock_qty = ?, quarantine_qty = ?, scrap_qty = ?, supplier_qty = ? WHERE id = ?',
        d.restockQty,
        d.quarantineQty,
        d.scrapQty,
        d.supplierQty,
        l.id,
      );
    });
    let documentNo: string | null = null;
    if (effects.lines.length > 0) {
      const document = insertDocument(ctx, branch, header, effects);
      finish(ctx, 'returns.inspect', document, effects);
      run(ctx.db, 'UPDATE customer_returns SET disposition_document_id = ? WHERE id = ?', header.id, r.id);
      documentNo = header.docNo;
    }
    transition(ctx, r, to, { action: 'inspect', note: input.note, documentId: documentNo ? header.id : null, documentNo }, { documentNo });
    return returnDetail(ctx, r.id);
  });
}

function baseUnit(ctx: ServiceContext, productId: string): string {
  return get<{ base_unit_code: string }>(ctx.db, 'SELECT base_unit_code FROM products WHERE id = ?', productId)?.base_unit_code ?? '';
}

/**
 * The money. Only goods that were billed are credited (the invoicing step never bills what came
 * back first); free goods no longer earned are taken off. A credit note (`credit`) is set
 * against the invoice the goods were billed on, then the customer's oldest open invoices, the
 * rest an advance; a `refund` is paid out and leaves receivables as they were. Nothing to credit:
 * the return settles with no note.
 */
export function settleReturn(ctx: ServiceContext, input: ParsedInput<'returns.settle'>): MethodResult<'returns.settle'> {
  return inTransaction(ctx.db, () => {
    const r = findReturn(ctx, input.id);
    const to = requireAction(r, 'settle');
    if (input.settlement === 'refund' && input.refundMethod === undefined) {
      throw new LedgerError('RETURN_REFUND_METHOD', {}, [{ path: 'refundMethod', code: 'RETURN_REFUND_METHOD' }]);
    }
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    let net = 0;
    let tax = 0;
    for (const l of returnLines(ctx, r.id)) {
      if (!l.order_line_id || l.free === 1) {
        // Without a delivery there is no invoice to look at: the return is credited at its value.
        if (!l.order_line_id) {
          run(ctx.db, 'UPDATE customer_return_lines SET credited_qty = ? WHERE id = ?', l.qty, l.id);
          net += l.net_fen;
          tax += l.tax_fen;
        }
        continue;
      }
      const credited = creditableQty({
        qty: l.qty,
        delivered: deliveredQty(ctx, l.order_line_id),
        invoiced: get<{ n: number }>(ctx.db, 'SELECT COALESCE(SUM(qty), 0) AS n FROM sales_invoice_lines WHERE order_line_id = ?', l.order_line_id)?.n ?? 0,
        returnedReceived: returnedQty(ctx, l.order_line_id, JSON.stringify(receivedReturnStatuses)),
        creditedBefore:
          get<{ n: number }>(
            ctx.db,
            `SELECT COALESCE(SUM(l.credited_qty), 0) AS n FROM customer_return_lines l JOIN customer_returns r ON r.id = l.return_id
              WHERE l.order_line_id = ? AND r.status = 'settled'`,
            l.order_line_id,
          )?.n ?? 0,
      });
      if (credited === 0) continue;
      run(ctx.db, 'UPDATE customer_return_lines SET credited_qty = ? WHERE id = ?', credited, l.id);
      const share = credited === l.qty ? { netFen: l.net_fen, taxFen: l.tax_fen } : { netFen: divideRoundHalfEven(l.net_fen * credited, l.qty), taxFen: divideRoundHalfEven(l.tax_fen * credited, l.qty) };
      net += share.netFen;
      tax += share.taxFen;
    }
    const gross = net + tax;
    // The free-goods deduction is taken off the credit, shared between net and tax as the credit is.
    const deduction = Math.min(gross, r.free_goods_deduction_fen);
    const deductionNet = gross > 0 ? divideRoundHalfEven(deduction * net, gross) : 0;
    const note = { net: net - deductionNet, tax: tax - (deduction - deductionNet) };
    const noteGross = note.net + note.tax;
    let creditNoteId: string | null = null;
    let documentNo: string | null = null;
    if (noteGross > 0) {
      creditNoteId = ctx.ids();
      documentNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), returnTypeCodes.creditNote, businessDate);
      const invoices = r.order_id ? all<{ id: string }>(ctx.db, 'SELECT id FROM sales_invoices WHERE order_id = ? ORDER BY business_date, doc_no', r.order_id) : [];
      const allocations: CreditNoteArgs['allocations'] = [];
      if (input.settlement === 'credit') {
        // The order's own invoices first, then the customer's oldest open invoices.
        const open = openInvoiceAmounts(ctx, r.customer_id);
        const own = new Set(invoices.map((i) => i.id));
        const ordered = [...open.filter((i) => own.has(i.id)), ...open.filter((i) => !own.has(i.id))];
        let rest = noteGross;
        for (const inv of ordered) {
          if (rest === 0) break;
          const amount = Math.min(rest, inv.open_fen);
          if (amount <= 0) continue;
          allocations.push({ id: ctx.ids(), invoiceId: inv.id, amountFen: amount });
          rest -= amount;
        }
      }
      const creditNote: CreditNoteArgs['creditNote'] = {
        id: creditNoteId,
        branchId: branch.id,
        docNo: documentNo,
        customerId: r.customer_id,
        returnId: r.id,
        invoiceId: invoices[0]?.id ?? null,
        businessDate,
        settlement: input.settlement,
        refundMethod: input.settlement === 'refund' ? (input.refundMethod ?? null) : null,
        netFen: note.net,
        taxFen: note.tax,
        grossFen: noteGross,
        note: input.note,
        createdBy: ctx.currentUser.id,
        createdAt: ctx.now,
        hlc: ctx.hlc(),
      };
      insertCreditNote(ctx.db, creditNote, allocations);
      writeAudit(ctx, 'returns.creditNote', 'credit_note', creditNoteId, null, { docNo: documentNo, returnId: r.id, settlement: input.settlement, grossFen: noteGross, applied: allocations.length });
      writeOutbox(ctx, 'returns.creditNote', 1, { creditNote, allocations } satisfies CreditNoteArgs);
    }
    run(ctx.db, 'UPDATE customer_returns SET settlement = ?, credit_note_id = ? WHERE id = ?', input.settlement, creditNoteId, r.id);
    transition(ctx, r, to, { action: 'settle', note: input.note, documentId: creditNoteId, documentNo }, { settlement: input.settlement, creditNoteId, grossFen: noteGross });
    return returnDetail(ctx, r.id);
  });
}

/** A customer's invoices with money open (payments and credit notes set against them), oldest first. */
function openInvoiceAmounts(ctx: ServiceContext, customerId: string): { id: string; open_fen: number }[] {
  return all<{ id: string; open_fen: number }>(
    ctx.db,
    `SELECT * FROM (
       SELECT i.id, i.business_date, i.doc_no,
              i.gross_fen - COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a WHERE a.invoice_id = i.id), 0)
                          - COALESCE((SELECT SUM(c.amount_fen) FROM credit_note_allocations c WHERE c.invoice_id = i.id), 0) AS open_fen
         FROM sales_invoices i WHERE i.customer_id = ?)
      WHERE open_fen > 0 ORDER BY business_date, doc_no`,
    customerId,
  );
}

export function insertCreditNote(db: ServiceContext['db'], n: CreditNoteArgs['creditNote'], allocations: CreditNoteArgs['allocations']): void {
  run(
    db,
    `INSERT INTO credit_notes (id, branch_id, doc_no, customer_id, return_id, invoice_id, business_date, settlement, refund_method, net_fen, tax_fen, gross_fen, note, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    n.id,
    n.branchId,
    n.docNo,
    n.customerId,
    n.returnId,
    n.invoiceId,
    n.businessDate,
    n.settlement,
    n.refundMethod,
    n.netFen,
    n.taxFen,
    n.grossFen,
    n.note,
    n.createdBy,
    n.createdAt,
    n.hlc,
  );
  for (const a of allocations) {
    run(db, 'INSERT INTO credit_note_allocations (id, credit_note_id, invoice_id, amount_fen) VALUES (?, ?, ?, ?)', a.id, n.id, a.invoiceId, a.amountFen);
  }
}

// ── Recall ──────────────────────────────────────────────────────────────────────────────

/**
 * A recall (召回): the company takes back every unit of a lot its customers still hold. One
 * return per customer and delivery, approved at once (no window: the company starts it), reason
 * 'recall'; the goods are then received and inspected like any return.
 */
export function startRecall(ctx: ServiceContext, input: ParsedInput<'returns.startRecall'>): MethodResult<'returns.startRecall'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, undefined);
    const lot = get<{ id: string }>(ctx.db, 'SELECT id FROM lots WHERE product_id = ? AND lot_code = ?', input.productId, input.lotCode);
    if (!lot) throw new LedgerError('LOT_NOT_FOUND', { lot: input.lotCode, line: 1 }, [{ path: 'lotCode', code: 'LOT_NOT_FOUND' }]);
    const holders = recallHolders(ctx, input.productId, lot.id).filter((h) => h.returnable > 0);
    if (holders.length === 0) throw new LedgerError('RECALL_NOTHING', {}, [{ path: 'lotCode', code: 'RECALL_NOTHING' }]);
    const base = baseUnit(ctx, input.productId);
    const ids: string[] = [];
    for (const h of holders) {
      const lines = deliveryLines(ctx, [h.deliveryId]).filter((l) => l.product_id === input.productId && l.lot_id === lot.id && l.delivered > l.returned);
      const draft: Draft = {
        customerId: h.customerId,
        deliveryId: h.deliveryId,
        note: input.note,
        lines: lines.map((l) => ({ deliveryLineId: l.id, productId: l.product_id, unitCode: base, qty: l.delivered - l.returned, lotId: lot.id, reasonCode: 'recall' as const, note: '' })),
      };
      const computed = computeReturn(ctx, draft, businessDate, { recall: true });
      ids.push(insertReturn(ctx, branch, computed, input.note, businessDate, lot.id));
    }
    return { returns: ids.map((id) => readReturnRow(ctx, id)) };
  });
}
