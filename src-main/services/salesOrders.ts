import { addDays } from '../core/businessDate';
import { documentTypeCodes, salesTypeCodes } from '../core/documentNumbers';
import { LedgerError } from '../core/errors';
import { allocateFefo } from '../core/fefo';
import { divideRoundHalfEven } from '../core/money';
import { actionAllowed, fulfilmentStatus, type SalesAction, type SalesOrderStatus } from '../core/salesOrder';
import { approvalReasons, freeGoods, salesLineAmounts, volumeDiscountBp, type ApprovalReason } from '../core/salesPricing';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import type { SalesInvoiceArgs, SalesOrderArgs, SalesPaymentArgs } from '../sync/protocol';
import { documentPrefix, requireBranch, resolveBusinessDate, todayAt } from './branch';
import { approvalReasonsForRole, creditIfAllowed } from './customerPrivacy';
import { nextDocumentNumber, writeAudit, writeOutbox } from './journal';
import { postOutgoingFromLots, readLayerCache, type LotIssue } from './posting';
import {
  availabilitySummary,
  creditStatus,
  findCustomer,
  findOrder,
  findSalesProduct,
  fulfilmentFacts,
  lineStates,
  lotAvailability,
  minExpiryFor,
  openInvoices,
  orderDetail,
  priceEntries,
  priceFor,
  promotionsFor,
  readPayment,
  type CustomerRecord,
  type LineState,
  type OrderRecord,
} from './salesQueries';
import { get, inTransaction, run, all } from './sql';
import { writeIssueDocument, type LineRecord } from './stockDocuments';
import { insertOrderEvent, orderEventsForSync } from './orderEvents';
import type { ServiceContext } from './types';

/**
 * The sales desk's commands: an order from quote to payment. Each runs in one transaction that
 * writes its rows, an audit entry, a tracking event and the outbox ops that carry it to head
 * office and the branch's other PCs.
 */

/** A cut from list above this needs a manager (handbook: "large discounts approved by the manager"). */
export const DEFAULT_MAX_DISCOUNT_BP = 1000;

type Draft = Pick<ParsedInput<'sales.create'>, 'customerId' | 'warehouseId' | 'lines' | 'requestedDate' | 'note'>;

interface ComputedLine {
  id: string;
  lineNo: number;
  productId: string;
  unitCode: string;
  factor: number;
  unitQty: number;
  qty: number;
  unitPriceFen: number;
  listPriceFen: number;
  priceSource: R.SalesLineView['priceSource'];
  discountBp: number;
  netFen: number;
  taxRateBp: number;
  taxFen: number;
  grossFen: number;
  free: boolean;
  promotionId: string | null;
  parentLineId: string | null;
  note: string;
  priceFloorFen: number | null;
  /** For the preview's view. */
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  baseUnitNameZh: string;
  baseUnitNameEn: string;
}

interface ComputedDraft {
  customer: CustomerRecord;
  lines: ComputedLine[];
  totals: R.SalesTotals;
  reasons: ApprovalReason[];
  credit: R.CreditStatus;
}

function requireSalesWarehouse(ctx: ServiceContext, warehouseId: string): void {
  const w = get<{ active: number; kind: string }>(ctx.db, 'SELECT active, kind FROM warehouses WHERE id = ?', warehouseId);
  if (!w) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
  if (!w.active) throw new LedgerError('WAREHOUSE_INACTIVE', {}, [{ path: 'warehouseId', code: 'WAREHOUSE_INACTIVE' }]);
}

/**
 * Prices, discounts, free goods and totals of an order's content, and what of it needs a
 * manager. Nothing is written: preview, create and amend all go through here.
 */
function computeDraft(ctx: ServiceContext, draft: Draft, businessDate: string, excludeOrderId?: string): ComputedDraft {
  const customer = findCustomer(ctx, draft.customerId);
  if (!customer.active) throw new LedgerError('CUSTOMER_INACTIVE', { customer: customer.name }, [{ path: 'customerId', code: 'CUSTOMER_INACTIVE' }]);
  requireSalesWarehouse(ctx, draft.warehouseId);
  const lines: ComputedLine[] = [];
  const freeLines: ComputedLine[] = [];
  draft.lines.forEach((input, i) => {
    const product = findSalesProduct(ctx, input.productId, `lines.${i}.productId`);
    if (!product.active) {
      throw new LedgerError('PRODUCT_INACTIVE', { product: product.name_zh, sku: product.sku, line: i + 1 }, [{ path: `lines.${i}.productId`, code: 'PRODUCT_INACTIVE' }]);
    }
    const unit = get<{ code: string; factor: number; name_zh: string; name_en: string }>(
      ctx.db,
      'SELECT code, factor, name_zh, name_en FROM product_units WHERE product_id = ? AND code = ?',
      product.id,
      input.unitCode,
    );
    if (!unit) {
      throw new LedgerError('UNIT_UNKNOWN', { unit: input.unitCode, product: product.name_zh, line: i + 1 }, [
        { path: `lines.${i}.unitCode`, code: 'UNIT_UNKNOWN', params: { unit: input.unitCode } },
      ]);
    }
    const baseUnit =
      unit.code === product.base_unit_code
        ? unit
        : get<{ name_zh: string; name_en: string }>(ctx.db, 'SELECT name_zh, name_en FROM product_units WHERE product_id = ? AND code = ?', product.id, product.base_unit_code);
    const listed = priceFor(priceEntries(ctx, customer, product.id), unit, product.base_unit_code);
    if (input.unitPriceFen === undefined && listed === null) {
      throw new LedgerError('PRICE_MISSING', { product: product.name_zh, line: i + 1 }, [{ path: `lines.${i}.unitPriceFen`, code: 'PRICE_MISSING' }]);
    }
    const unitPriceFen = input.unitPriceFen ?? listed?.priceFen ?? 0;
    const qty = input.qty * unit.factor;
    const promotions = promotionsFor(ctx, product.id, customer.channel, businessDate);
    const discountBp = input.discountBp ?? volumeDiscountBp(promotions, qty);
    const amounts = salesLineAmounts(input.qty, unitPriceFen, product.tax_rate_bp, discountBp);
    const line: ComputedLine = {
      id: ctx.ids(),
      lineNo: 0,
      productId: product.id,
      unitCode: unit.code,
      factor: unit.factor,
      unitQty: input.qty,
      qty,
      unitPriceFen,
      listPriceFen: listed?.priceFen ?? unitPriceFen,
      priceSource: listed !== null && unitPriceFen === listed.priceFen ? listed.source : 'manual',
      discountBp,
      ...amounts,
      taxRateBp: product.tax_rate_bp,
      free: false,
      promotionId: null,
      parentLineId: null,
      note: input.note,
      priceFloorFen: product.price_floor_fen,
      sku: product.sku,
      nameZh: product.name_zh,
      nameEn: product.name_en,
      baseUnitCode: product.base_unit_code,
      unitNameZh: unit.name_zh,
      unitNameEn: unit.name_en,
      baseUnitNameZh: baseUnit?.name_zh ?? product.base_unit_code,
      baseUnitNameEn: baseUnit?.name_en ?? product.base_unit_code,
    };
    lines.push(line);
    for (const gift of freeGoods(promotions, qty)) {
      const freeProduct = findSalesProduct(ctx, gift.productId, `lines.${i}.productId`);
      const baseUnit = get<{ name_zh: string; name_en: string }>(ctx.db, 'SELECT name_zh, name_en FROM product_units WHERE product_id = ? AND code = ?', freeProduct.id, freeProduct.base_unit_code);
      const value = priceFor(priceEntries(ctx, customer, freeProduct.id), { code: freeProduct.base_unit_code, factor: 1 }, freeProduct.base_unit_code);
      freeLines.push({
        id: ctx.ids(),
        lineNo: 0,
        productId: freeProduct.id,
        unitCode: freeProduct.base_unit_code,
        factor: 1,
        unitQty: gift.qty,
        qty: gift.qty,
        unitPriceFen: 0,
        listPriceFen: value?.priceFen ?? 0,
        priceSource: 'free',
        discountBp: 0,
        netFen: 0,
        taxFen: 0,
        grossFen: 0,
        taxRateBp: freeProduct.tax_rate_bp,
        free: true,
        promotionId: gift.promotionId,
        parentLineId: line.id,
        note: '',
        priceFloorFen: null,
        sku: freeProduct.sku,
        nameZh: freeProduct.name_zh,
        nameEn: freeProduct.name_en,
        baseUnitCode: freeProduct.base_unit_code,
        unitNameZh: baseUnit?.name_zh ?? freeProduct.base_unit_code,
        unitNameEn: baseUnit?.name_en ?? freeProduct.base_unit_code,
        baseUnitNameZh: baseUnit?.name_zh ?? freeProduct.base_unit_code,
        baseUnitNameEn: baseUnit?.name_en ?? freeProduct.base_unit_code,
      });
    }
  });
  // Free goods follow the lines that earned them, numbered after all ordered lines.
  const all_ = [...lines, ...freeLines];
  all_.forEach((l, i) => (l.lineNo = i + 1));
  const totals = all_.reduce((t, l) => ({ netFen: t.netFen + l.netFen, taxFen: t.taxFen + l.taxFen, grossFen: t.grossFen + l.grossFen, qty: t.qty + l.qty }), {
    netFen: 0,
    taxFen: 0,
    grossFen: 0,
    qty: 0,
  });
  const credit = creditStatus(ctx, customer, excludeOrderId);
  const reasons = approvalReasons(
    all_,
    { limitFen: customer.credit_limit_fen, receivableFen: credit.receivableFen, openOrdersFen: credit.openOrdersFen, orderFen: totals.grossFen },
    DEFAULT_MAX_DISCOUNT_BP,
  );
  return { customer, lines: all_, totals, reasons, credit };
}

function lineView(l: ComputedLine, available: number): R.SalesLineView {
  return {
    id: l.id,
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.sku,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    unitCode: l.unitCode,
    unitNameZh: l.unitNameZh,
    unitNameEn: l.unitNameEn,
    factor: l.factor,
    baseUnitCode: l.baseUnitCode,
    baseUnitNameZh: l.baseUnitNameZh,
    baseUnitNameEn: l.baseUnitNameEn,
    unitQty: l.unitQty,
    qty: l.qty,
    unitPriceFen: l.unitPriceFen,
    listPriceFen: l.listPriceFen,
    priceSource: l.priceSource,
    discountBp: l.discountBp,
    netFen: l.netFen,
    taxRateBp: l.taxRateBp,
    taxFen: l.taxFen,
    grossFen: l.grossFen,
    free: l.free,
    promotionId: l.promotionId,
    parentLineNo: null,
    note: l.note,
    allocated: 0,
    delivered: 0,
    invoiced: 0,
    closed: 0,
    available,
  };
}

export function previewOrder(ctx: ServiceContext, input: ParsedInput<'sales.preview'>): MethodResult<'sales.preview'> {
  const branch = requireBranch(ctx);
  const today = todayAt(ctx, branch);
  const computed = computeDraft(ctx, input, today, input.orderId);
  const lineNoById = new Map(computed.lines.map((l) => [l.id, l.lineNo]));
  // Availability per product for the customer (shelf-life rule applied), shared by its lines.
  const wanted = new Map<string, number>();
  for (const l of computed.lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.qty);
  const forCustomer = new Map<string, number>();
  const shortages: { lineNo: number; short: number }[] = [];
  for (const l of computed.lines) {
    if (!forCustomer.has(l.productId)) {
      const product = findSalesProduct(ctx, l.productId, 'productId');
      const lots = lotAvailability(ctx, l.productId, input.warehouseId, input.orderId ?? '');
      forCustomer.set(l.productId, availabilitySummary(lots, minExpiryFor(product.shelf_life_days, computed.customer.min_shelf_life_permille, today)).availableForCustomer);
    }
  }
  const left = new Map(forCustomer);
  for (const l of computed.lines) {
    const have = left.get(l.productId) ?? 0;
    if (l.qty > have) shortages.push({ lineNo: l.lineNo, short: l.qty - have });
    left.set(l.productId, Math.max(0, have - l.qty));
  }
  return {
    lines: computed.lines.map((l) => ({ ...lineView(l, forCustomer.get(l.productId) ?? 0), parentLineNo: l.parentLineId ? (lineNoById.get(l.parentLineId) ?? null) : null })),
    totals: computed.totals,
    approvalReasons: approvalReasonsForRole(ctx, computed.reasons),
    ...creditIfAllowed(ctx, () => computed.credit),
    shortages,
  };
}

// ── Writing an order ────────────────────────────────────────────────────────────────────

function insertLines(ctx: ServiceContext, orderId: string, lines: readonly ComputedLine[]): void {
  insertOrderLines(ctx.db, orderId, lines.map((l) => ({ ...l, closedQty: 0 })));
}

/** An order's lines, as entered here or as another PC of the branch sent them. */
export function insertOrderLines(db: ServiceContext['db'], orderId: string, lines: readonly SalesOrderArgs['lines'][number][]): void {
  for (const l of lines) {
    run(
      db,
      `INSERT INTO sales_order_lines (id, order_id, line_no, product_id, unit_code, unit_qty, qty, unit_price_fen, list_price_fen, price_source, discount_bp,
         net_fen, tax_rate_bp, tax_fen, gross_fen, free, promotion_id, parent_line_id, note, closed_qty)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      l.id,
      orderId,
      l.lineNo,
      l.productId,
      l.unitCode,
      l.unitQty,
      l.qty,
      l.unitPriceFen,
      l.listPriceFen,
      l.priceSource,
      l.discountBp,
      l.netFen,
      l.taxRateBp,
      l.taxFen,
      l.grossFen,
      l.free ? 1 : 0,
      l.promotionId,
      l.parentLineId,
      l.note,
      l.closedQty,
    );
  }
}

interface EventInput {
  action: string;
  from: SalesOrderStatus | null;
  to: SalesOrderStatus;
  note?: string;
  documentId?: string;
  documentNo?: string;
}

function addEvent(ctx: ServiceContext, orderId: string, e: EventInput): void {
  insertOrderEvent(ctx, 'sales_order_events', orderId, e);
}

/** The order as it now stands, to head office and the branch's other PCs (salesOps.ts). */
function sendOrder(ctx: ServiceContext, orderId: string, knownLines?: readonly LineState[]): void {
  const o = findOrder(ctx, orderId);
  const credit = get<{ credit_check: string | null }>(ctx.db, 'SELECT credit_check FROM sales_orders WHERE id = ?', orderId)?.credit_check ?? null;
  const args: SalesOrderArgs = {
    order: {
      id: o.id,
      branchId: o.branch_id,
      docNo: o.doc_no,
      customerId: o.customer_id,
      warehouseId: o.warehouse_id,
      status: o.status,
      businessDate: o.business_date,
      requestedDate: o.requested_date,
      note: o.note,
      salesperson: o.salesperson,
      approvalReasons: JSON.parse(o.approval_reasons) as SalesOrderArgs['order']['approvalReasons'],
      approvedBy: o.approved_by,
      approvedAt: o.approved_at,
      creditCheck: credit ? (JSON.parse(credit) as SalesOrderArgs['order']['creditCheck']) : null,
      totalNetFen: o.total_net_fen,
      totalTaxFen: o.total_tax_fen,
      totalGrossFen: o.total_gross_fen,
      createdBy: o.created_by,
      createdAt: o.created_at,
      updatedAt: o.updated_at,
      originDeviceId: o.origin_device_id,
      hlc: o.hlc,
    },
    lines: (knownLines ?? all<LineState>(ctx.db, 'SELECT * FROM sales_order_lines WHERE order_id = ? ORDER BY line_no', orderId)).map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      unitCode: l.unit_code,
      unitQty: l.unit_qty,
      qty: l.qty,
      unitPriceFen: l.unit_price_fen,
      listPriceFen: l.list_price_fen,
      priceSource: l.price_source,
      discountBp: l.discount_bp,
      netFen: l.net_fen,
      taxRateBp: l.tax_rate_bp,
      taxFen: l.tax_fen,
      grossFen: l.gross_fen,
      free: l.free === 1,
      promotionId: l.promotion_id,
      parentLineId: l.parent_line_id,
      note: l.note,
      closedQty: l.closed_qty,
    })),
    allocations: all<SalesOrderArgs['allocations'][number]>(
      ctx.db,
      'SELECT id, line_id AS lineId, warehouse_id AS warehouseId, product_id AS productId, lot_id AS lotId, qty FROM sales_allocations WHERE order_id = ? ORDER BY id',
      orderId,
    ),
    events: orderEventsForSync(ctx, 'sales_order_events', orderId),
  };
  writeOutbox(ctx, 'sales.order', 1, args);
}

/**
 * Sets the order's status (and stamps it), records the step, audits it and sends the order.
 * `unchangedLines`: the order's lines as the command read them, when it did not change them.
 */
function transition(
  ctx: ServiceContext,
  o: OrderRecord,
  to: SalesOrderStatus,
  event: Omit<EventInput, 'from' | 'to'>,
  extraAudit: Record<string, unknown> = {},
  unchangedLines?: readonly LineState[],
): void {
  run(ctx.db, 'UPDATE sales_orders SET status = ?, updated_at = ?, hlc = ? WHERE id = ?', to, ctx.now, ctx.hlc(), o.id);
  addEvent(ctx, o.id, { ...event, from: o.status, to });
  writeAudit(ctx, `sales.${event.action}`, 'sales_order', o.id, { status: o.status }, { status: to, ...extraAudit });
  sendOrder(ctx, o.id, unchangedLines);
}

function requireAction(ctx: ServiceContext, o: OrderRecord, action: SalesAction, lines?: LineState[]): void {
  if (!actionAllowed(o.status, fulfilmentFacts(ctx, o.id, lines), action)) {
    throw new LedgerError('SALES_STATE', { docNo: o.doc_no, status: o.status, action });
  }
}

/**
 * The state a confirmed order is in now, from its quantities: read again, or as the command that
 * just changed them already knows them.
 */
function derivedStatus(ctx: ServiceContext, o: OrderRecord, states = lineStates(ctx, o.id)): SalesOrderStatus {
  const closed = states.some((l) => l.closed_qty > 0);
  return fulfilmentStatus(fulfilmentFacts(ctx, o.id, states), closed);
}

function releaseAllocations(ctx: ServiceContext, orderId: string): number {
  return run(ctx.db, 'DELETE FROM sales_allocations WHERE order_id = ?', orderId).changes;
}

function creditSnapshot(credit: R.CreditStatus): Record<string, number | null> {
  return { limitFen: credit.limitFen, receivableFen: credit.receivableFen, openOrdersFen: credit.openOrdersFen, syncedAt: credit.syncedAt };
}

/** Confirming: straight to confirmed, or to a manager when the checks found something. */
function confirmState(ctx: ServiceContext, o: OrderRecord, computed: Pick<ComputedDraft, 'reasons' | 'credit'>): void {
  run(
    ctx.db,
    'UPDATE sales_orders SET approval_reasons = ?, credit_check = ?, approved_by = NULL, approved_at = NULL WHERE id = ?',
    JSON.stringify(computed.reasons),
    JSON.stringify(creditSnapshot(computed.credit)),
    o.id,
  );
  const to: SalesOrderStatus = computed.reasons.length > 0 ? 'pending_approval' : 'confirmed';
  transition(ctx, o, to, { action: 'confirm', note: computed.reasons.map((r) => r.code).join(', ') });
}

export function createOrder(ctx: ServiceContext, input: ParsedInput<'sales.create'>): MethodResult<'sales.create'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const businessDate = todayAt(ctx, branch);
    const computed = computeDraft(ctx, input, businessDate);
    const id = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), salesTypeCodes.order, businessDate);
    run(
      ctx.db,
      `INSERT INTO sales_orders (id, branch_id, doc_no, customer_id, warehouse_id, status, business_date, requested_date, note, salesperson,
         approval_reasons, approved_by, approved_at, credit_check, total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at,
         origin_device_id, hlc)
       VALUES (?, ?, ?, ?, ?, 'quote', ?, ?, ?, ?, '[]', NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      branch.id,
      docNo,
      computed.customer.id,
      input.warehouseId,
      businessDate,
      input.requestedDate ?? null,
      input.note,
      computed.customer.salesperson,
      computed.totals.netFen,
      computed.totals.taxFen,
      computed.totals.grossFen,
      ctx.currentUser.id,
      ctx.now,
      ctx.now,
      ctx.deviceId,
      ctx.hlc(),
    );
    insertLines(ctx, id, computed.lines);
    addEvent(ctx, id, { action: 'create', from: null, to: 'quote' });
    writeAudit(ctx, 'sales.create', 'sales_order', id, null, { docNo, customerId: computed.customer.id, lines: computed.lines.length, grossFen: computed.totals.grossFen });
    if (input.confirm) confirmState(ctx, findOrder(ctx, id), computed);
    else sendOrder(ctx, id);
    return orderDetail(ctx, id);
  });
}

export function amendOrder(ctx: ServiceContext, input: ParsedInput<'sales.amend'>): MethodResult<'sales.amend'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'amend');
    const computed = computeDraft(ctx, input, o.business_date, o.id);
    const before = { customerId: o.customer_id, grossFen: o.total_gross_fen, status: o.status };
    releaseAllocations(ctx, o.id);
    run(ctx.db, 'DELETE FROM sales_order_lines WHERE order_id = ?', o.id);
    insertLines(ctx, o.id, computed.lines);
    run(
      ctx.db,
      `UPDATE sales_orders SET customer_id = ?, warehouse_id = ?, requested_date = ?, note = ?, total_net_fen = ?, total_tax_fen = ?, total_gross_fen = ?
        WHERE id = ?`,
      computed.customer.id,
      input.warehouseId,
      input.requestedDate ?? null,
      input.note,
      computed.totals.netFen,
      computed.totals.taxFen,
      computed.totals.grossFen,
      o.id,
    );
    writeAudit(ctx, 'sales.amend', 'sales_order', o.id, before, { customerId: computed.customer.id, grossFen: computed.totals.grossFen, lines: computed.lines.length });
    // A quote stays a quote; an order already confirmed is checked again as amended.
    if (o.status === 'quote') {
      run(ctx.db, 'UPDATE sales_orders SET updated_at = ?, hlc = ? WHERE id = ?', ctx.now, ctx.hlc(), o.id);
      addEvent(ctx, o.id, { action: 'amend', from: o.status, to: 'quote' });
      sendOrder(ctx, o.id);
    } else {
      addEvent(ctx, o.id, { action: 'amend', from: o.status, to: o.status });
      confirmState(ctx, { ...findOrder(ctx, o.id) }, computed);
    }
    return orderDetail(ctx, o.id);
  });
}

export function confirmOrder(ctx: ServiceContext, input: ParsedInput<'sales.confirm'>): MethodResult<'sales.confirm'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'confirm');
    // Prices stay as quoted; credit is checked as it stands now.
    const lines = lineStates(ctx, o.id);
    const customer = findCustomer(ctx, o.customer_id);
    if (!customer.active) throw new LedgerError('CUSTOMER_INACTIVE', { customer: customer.name });
    const credit = creditStatus(ctx, customer, o.id);
    const floors = new Map(
      all<{ id: string; price_floor_fen: number | null }>(ctx.db, 'SELECT id, price_floor_fen FROM products WHERE id IN (SELECT product_id FROM sales_order_lines WHERE order_id = ?)', o.id).map(
        (p) => [p.id, p.price_floor_fen],
      ),
    );
    const reasons = approvalReasons(
      lines.map((l) => ({
        lineNo: l.line_no,
        free: l.free === 1,
        unitQty: l.unit_qty,
        factor: l.unit_qty > 0 ? l.qty / l.unit_qty : 1,
        unitPriceFen: l.unit_price_fen,
        listPriceFen: l.list_price_fen,
        discountBp: l.discount_bp,
        netFen: l.net_fen,
        priceFloorFen: floors.get(l.product_id) ?? null,
      })),
      { limitFen: customer.credit_limit_fen, receivableFen: credit.receivableFen, openOrdersFen: credit.openOrdersFen, orderFen: o.total_gross_fen },
      DEFAULT_MAX_DISCOUNT_BP,
    );
    confirmState(ctx, o, { reasons, credit });
    return orderDetail(ctx, o.id);
  });
}

export function approveOrder(ctx: ServiceContext, input: ParsedInput<'sales.approve'>): MethodResult<'sales.approve'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'approve');
    run(ctx.db, 'UPDATE sales_orders SET approved_by = ?, approved_at = ? WHERE id = ?', ctx.currentUser.id, ctx.now, o.id);
    transition(ctx, o, 'confirmed', { action: 'approve', note: input.note }, { approvedBy: ctx.currentUser.id });
    return orderDetail(ctx, o.id);
  });
}

export function rejectOrder(ctx: ServiceContext, input: ParsedInput<'sales.reject'>): MethodResult<'sales.reject'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'reject');
    transition(ctx, o, 'quote', { action: 'reject', note: input.note });
    return orderDetail(ctx, o.id);
  });
}

/**
 * Reserves stock for what each line still needs, lot by lot, first expiry first out, never a
 * lot shorter-dated than the customer accepts. What cannot be reserved stays open (a backorder)
 * and can be allocated later when goods arrive.
 */
export function allocateOrder(ctx: ServiceContext, input: ParsedInput<'sales.allocate'>): MethodResult<'sales.allocate'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'allocate');
    const customer = findCustomer(ctx, o.customer_id);
    const today = todayAt(ctx, requireBranch(ctx));
    const lines = lineStates(ctx, o.id);
    // What this allocation takes is reserved for the next line of the same product too.
    const taken = new Map<string, number>();
    let reserved = 0;
    let wanted = 0;
    for (const l of lines) {
      const need = l.qty - l.closed_qty - l.delivered - l.allocated;
      if (need <= 0) continue;
      wanted += need;
      const product = findSalesProduct(ctx, l.product_id, 'id');
      const lots = lotAvailability(ctx, l.product_id, o.warehouse_id).map((lot) => ({
        lotId: lot.lotId,
        expiryDate: lot.expiryDate,
        firstReceivedAt: lot.firstReceivedAt,
        qty: lot.onHand - lot.reserved - (taken.get(lot.lotId) ?? 0),
      }));
      const minExpiry = minExpiryFor(product.shelf_life_days, customer.min_shelf_life_permille, today);
      const fefo = allocateFefo(lots, need, minExpiry);
      const take = fefo.ok ? need : fefo.available;
      if (take <= 0) continue;
      const plan = fefo.ok ? fefo : allocateFefo(lots, take, minExpiry);
      if (!plan.ok) continue;
      for (const t of plan.takes) {
        run(
          ctx.db,
          'INSERT INTO sales_allocations (id, order_id, line_id, warehouse_id, product_id, lot_id, qty) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ctx.ids(),
          o.id,
          l.id,
          o.warehouse_id,
          l.product_id,
          t.lotId,
          t.qty,
        );
        taken.set(t.lotId, (taken.get(t.lotId) ?? 0) + t.qty);
        reserved += t.qty;
      }
    }
    if (wanted === 0) throw new LedgerError('SALES_NOTHING_TO_ALLOCATE', { docNo: o.doc_no });
    if (reserved === 0) throw new LedgerError('STOCK_INSUFFICIENT', { product: o.doc_no, available: 0, requested: wanted });
    const to = derivedStatus(ctx, o);
    transition(ctx, o, to, { action: 'allocate', note: reserved < wanted ? `${reserved}/${wanted}` : '' }, { reserved, wanted });
    return orderDetail(ctx, o.id);
  });
}

/**
 * Posts the stock issue for what is picked: a delivery document whose lines name the order
 * lines and whose movements leave from the allocated lots at FIFO cost. Partial deliveries
 * leave the rest allocated.
 */
export function deliverOrder(ctx: ServiceContext, input: ParsedInput<'sales.deliver'>): MethodResult<'sales.deliver'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    const lines = lineStates(ctx, o.id);
    requireAction(ctx, o, 'deliver', lines);
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const wanted = new Map<string, number>();
    if (input.lines) {
      input.lines.forEach((w, i) => {
        const l = byId.get(w.lineId);
        if (!l) throw new LedgerError('NOT_FOUND', { entity: 'salesLine' }, [{ path: `lines.${i}.lineId`, code: 'NOT_FOUND' }]);
        if (w.qty > l.allocated) {
          throw new LedgerError('SALES_DELIVER_TOO_MUCH', { line: l.line_no, allocated: l.allocated, requested: w.qty }, [
            { path: `lines.${i}.qty`, code: 'SALES_DELIVER_TOO_MUCH', params: { allocated: l.allocated } },
          ]);
        }
        if (w.qty > 0) wanted.set(l.id, (wanted.get(l.id) ?? 0) + w.qty);
      });
    } else {
      for (const l of lines) if (l.allocated > 0) wanted.set(l.id, l.allocated);
    }
    if (wanted.size === 0) throw new LedgerError('SALES_NOTHING_TO_DELIVER', { docNo: o.doc_no });

    const documentId = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), documentTypeCodes.delivery, businessDate);
    const products = new Map(
      all<{ id: string; name_zh: string; base_unit_code: string }>(
        ctx.db,
        'SELECT p.id, p.name_zh, p.base_unit_code FROM products p WHERE p.id IN (SELECT product_id FROM sales_order_lines WHERE order_id = ?)',
        o.id,
      ).map((p) => [p.id, p]),
    );
    // Allocated lots in expiry order: the pick list sends the picker to them in that order.
    const allocationsOf = new Map<string, { id: string; lot_id: string; qty: number }[]>();
    for (const a of all<{ id: string; line_id: string; lot_id: string; qty: number }>(
      ctx.db,
      `SELECT a.id, a.line_id, a.lot_id, a.qty FROM sales_allocations a JOIN lots t ON t.id = a.lot_id
        WHERE a.order_id = ? ORDER BY t.expiry_date IS NULL, t.expiry_date, t.first_received_at, a.id`,
      o.id,
    )) {
      const list = allocationsOf.get(a.line_id);
      if (list) list.push(a);
      else allocationsOf.set(a.line_id, [a]);
    }
    const issues: LotIssue[] = [];
    const taken: { allocation: { id: string; qty: number }; line: LineState }[] = [];
    for (const l of lines) {
      let rest = wanted.get(l.id) ?? 0;
      for (const a of allocationsOf.get(l.id) ?? []) {
        if (rest === 0) break;
        const qty = Math.min(rest, a.qty);
        const label = products.get(l.product_id)?.name_zh ?? l.product_id;
        issues.push({ lineId: ctx.ids(), req: { warehouseId: o.warehouse_id, productId: l.product_id, qty, lotId: a.lot_id, fieldPath: `lines.${l.line_no - 1}.qty`, productLabel: label } });
        taken.push({ allocation: { id: a.id, qty: a.qty }, line: l });
        rest -= qty;
      }
    }
    // One issue from each allocated lot, posted together: balances, FIFO layers and movements a statement each.
    const layers = readLayerCache(ctx, o.warehouse_id, issues.map((i) => i.req));
    const ref = { branchId: branch.id, documentType: 'delivery', documentId, businessDate };
    const movements = postOutgoingFromLots(ctx, ref, issues, layers);
    const docLines: LineRecord[] = issues.map(({ lineId, req }, k) => ({
      id: lineId,
      lineNo: k + 1,
      productId: req.productId,
      unitCode: products.get(req.productId)?.base_unit_code ?? '',
      unitQty: -req.qty,
      qty: -req.qty,
      lotId: req.lotId,
      unitCostFen: null,
      valueFen: movements[k]?.valueFen ?? 0,
      reasonCode: null,
      sourceLineId: taken[k]?.line.id ?? null,
    }));
    const used: string[] = [];
    issues.forEach(({ req }, k) => {
      const a = taken[k]?.allocation;
      if (!a) return;
      if (req.qty === a.qty) used.push(a.id);
      else run(ctx.db, 'UPDATE sales_allocations SET qty = qty - ? WHERE id = ?', req.qty, a.id);
    });
    run(ctx.db, 'DELETE FROM sales_allocations WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(used));
    const { totalQty, totalValueFen } = writeIssueDocument(
      ctx,
      'sales.deliver',
      { id: documentId, docType: 'delivery', docNo, businessDate, warehouseId: o.warehouse_id, supplierId: null, note: input.note, sourceId: o.id, branchId: branch.id },
      docLines,
      movements,
    );
    writeAudit(ctx, 'sales.deliver', 'stock_document', documentId, null, { docNo, orderId: o.id, orderNo: o.doc_no, lines: docLines.length, totalQty, totalValueFen });
    // What each line now has: the delivered quantity moved from allocated to delivered.
    const deliveredNow = new Map<string, number>();
    issues.forEach(({ req }, k) => {
      const lineId = taken[k]?.line.id;
      if (lineId) deliveredNow.set(lineId, (deliveredNow.get(lineId) ?? 0) + req.qty);
    });
    const after = lines.map((l) => {
      const qty = deliveredNow.get(l.id) ?? 0;
      return qty === 0 ? l : { ...l, allocated: l.allocated - qty, delivered: l.delivered + qty };
    });
    // A delivery changes no order line, only what was delivered from them.
    transition(ctx, o, derivedStatus(ctx, o, after), { action: 'deliver', documentId, documentNo: docNo }, { documentId, docNo }, lines);
    return orderDetail(ctx, o.id, after);
  });
}

/**
 * Invoices what was delivered and not yet invoiced. A line's amounts are shared out by quantity
 * so that the invoices of a line always add up to the line exactly (each cumulative share is
 * rounded once, half to even).
 */
export function invoiceOrder(ctx: ServiceContext, input: ParsedInput<'sales.invoice'>): MethodResult<'sales.invoice'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'invoice');
    const branch = requireBranch(ctx);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const customer = findCustomer(ctx, o.customer_id);
    const invoiceId = ctx.ids();
    const lines: SalesInvoiceArgs['lines'] = [];
    for (const l of lineStates(ctx, o.id)) {
      // Goods the customer returned are not billed (a return received before invoicing is never on an invoice).
      const qty = l.delivered - Math.max(0, Math.min(l.returned, l.delivered - l.invoiced)) - l.invoiced;
      if (qty <= 0) continue;
      const share = (amount: number, upTo: number) => (l.qty > 0 ? divideRoundHalfEven(amount * upTo, l.qty) : 0);
      const netFen = share(l.net_fen, l.invoiced + qty) - share(l.net_fen, l.invoiced);
      const taxFen = share(l.tax_fen, l.invoiced + qty) - share(l.tax_fen, l.invoiced);
      lines.push({ id: ctx.ids(), orderLineId: l.id, qty, netFen, taxFen, grossFen: netFen + taxFen });
    }
    if (lines.length === 0) throw new LedgerError('SALES_NOTHING_TO_INVOICE', { docNo: o.doc_no });
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), salesTypeCodes.invoice, businessDate);
    const totals = lines.reduce((t, l) => ({ net: t.net + l.netFen, tax: t.tax + l.taxFen }), { net: 0, tax: 0 });
    const invoice: SalesInvoiceArgs['invoice'] = {
      id: invoiceId,
      branchId: branch.id,
      docNo,
      orderId: o.id,
      customerId: o.customer_id,
      businessDate,
      dueDate: addDays(businessDate, customer.payment_terms_days),
      netFen: totals.net,
      taxFen: totals.tax,
      grossFen: totals.net + totals.tax,
      createdBy: ctx.currentUser.id,
      createdAt: ctx.now,
      hlc: ctx.hlc(),
    };
    insertInvoice(ctx.db, invoice, lines);
    writeAudit(ctx, 'sales.invoice', 'sales_invoice', invoiceId, null, { docNo, orderId: o.id, grossFen: invoice.grossFen, lines: lines.length });
    writeOutbox(ctx, 'sales.invoice', 1, { invoice, lines } satisfies SalesInvoiceArgs);
    transition(ctx, o, derivedStatus(ctx, o), { action: 'invoice', documentId: invoiceId, documentNo: docNo });
    return orderDetail(ctx, o.id);
  });
}

export function insertInvoice(db: ServiceContext['db'], invoice: SalesInvoiceArgs['invoice'], lines: SalesInvoiceArgs['lines']): void {
  run(
    db,
    `INSERT INTO sales_invoices (id, branch_id, doc_no, order_id, customer_id, business_date, due_date, net_fen, tax_fen, gross_fen, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    invoice.id,
    invoice.branchId,
    invoice.docNo,
    invoice.orderId,
    invoice.customerId,
    invoice.businessDate,
    invoice.dueDate,
    invoice.netFen,
    invoice.taxFen,
    invoice.grossFen,
    invoice.createdBy,
    invoice.createdAt,
    invoice.hlc,
  );
  for (const l of lines) {
    run(
      db,
      'INSERT INTO sales_invoice_lines (id, invoice_id, order_line_id, qty, net_fen, tax_fen, gross_fen) VALUES (?, ?, ?, ?, ?, ?, ?)',
      l.id,
      invoice.id,
      l.orderLineId,
      l.qty,
      l.netFen,
      l.taxFen,
      l.grossFen,
    );
  }
}

export function cancelOrder(ctx: ServiceContext, input: ParsedInput<'sales.cancel'>): MethodResult<'sales.cancel'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'cancel');
    const released = releaseAllocations(ctx, o.id);
    transition(ctx, o, 'cancelled', { action: 'cancel', note: input.note }, { releasedAllocations: released });
    return orderDetail(ctx, o.id);
  });
}

/** Gives up the undelivered rest of a partly delivered order: its reservations are released. */
export function closeOrder(ctx: ServiceContext, input: ParsedInput<'sales.close'>): MethodResult<'sales.close'> {
  return inTransaction(ctx.db, () => {
    const o = findOrder(ctx, input.id);
    requireAction(ctx, o, 'close');
    releaseAllocations(ctx, o.id);
    for (const l of lineStates(ctx, o.id)) {
      const rest = l.qty - l.delivered;
      if (rest > 0) run(ctx.db, 'UPDATE sales_order_lines SET closed_qty = ? WHERE id = ?', rest, l.id);
    }
    transition(ctx, o, derivedStatus(ctx, o), { action: 'close', note: input.note });
    return orderDetail(ctx, o.id);
  });
}

// ── Payments ────────────────────────────────────────────────────────────────────────────

export function receivePayment(ctx: ServiceContext, input: ParsedInput<'sales.receivePayment'>): MethodResult<'sales.receivePayment'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const customer = findCustomer(ctx, input.customerId);
    const businessDate = resolveBusinessDate(ctx, branch, input.businessDate);
    const open = openInvoices(ctx, customer.id);
    let targets = open;
    if (input.invoiceIds) {
      const wanted = new Set(input.invoiceIds);
      targets = open.filter((i) => wanted.has(i.id));
      input.invoiceIds.forEach((id, i) => {
        if (!targets.some((t) => t.id === id)) throw new LedgerError('INVOICE_NOT_OPEN', {}, [{ path: `invoiceIds.${i}`, code: 'INVOICE_NOT_OPEN' }]);
      });
      const openFen = targets.reduce((n, t) => n + t.open_fen, 0);
      if (input.amountFen > openFen) {
        throw new LedgerError('PAYMENT_TOO_LARGE', { amount: input.amountFen, open: openFen }, [{ path: 'amountFen', code: 'PAYMENT_TOO_LARGE', params: { open: openFen } }]);
      }
    }
    const paymentId = ctx.ids();
    const docNo = nextDocumentNumber(ctx, documentPrefix(ctx, branch), salesTypeCodes.payment, businessDate);
    // Oldest invoice first (the accountant's usual rule); what is left is an advance.
    const allocations: SalesPaymentArgs['allocations'] = [];
    let rest = input.amountFen;
    for (const inv of targets) {
      if (rest === 0) break;
      const amount = Math.min(rest, inv.open_fen);
      allocations.push({ id: ctx.ids(), invoiceId: inv.id, amountFen: amount });
      rest -= amount;
    }
    const payment: SalesPaymentArgs['payment'] = {
      id: paymentId,
      branchId: branch.id,
      docNo,
      customerId: customer.id,
      businessDate,
      method: input.method,
      amountFen: input.amountFen,
      reference: input.reference,
      note: input.note,
      createdBy: ctx.currentUser.id,
      createdAt: ctx.now,
      hlc: ctx.hlc(),
    };
    insertPayment(ctx.db, payment, allocations);
    writeAudit(ctx, 'sales.receivePayment', 'customer_payment', paymentId, null, { docNo, customerId: customer.id, amountFen: input.amountFen, applied: allocations.length });
    writeOutbox(ctx, 'sales.payment', 1, { payment, allocations } satisfies SalesPaymentArgs);
    // Orders whose invoices are now all paid move to paid.
    const orderIds = new Set(allocations.map((a) => open.find((i) => i.id === a.invoiceId)?.order_id).filter((id): id is string => id !== undefined));
    for (const orderId of orderIds) {
      const o = findOrder(ctx, orderId);
      const to = derivedStatus(ctx, o);
      if (to !== o.status) transition(ctx, o, to, { action: 'pay', documentId: paymentId, documentNo: docNo });
    }
    const byId = new Map(open.map((i) => [i.id, i.doc_no]));
    return {
      payment: readPayment(ctx, paymentId),
      applied: allocations.map((a) => ({ invoiceId: a.invoiceId, docNo: byId.get(a.invoiceId) ?? '', amountFen: a.amountFen })),
      ...creditIfAllowed(ctx, () => creditStatus(ctx, customer)),
    };
  });
}

export function insertPayment(db: ServiceContext['db'], payment: SalesPaymentArgs['payment'], allocations: SalesPaymentArgs['allocations']): void {
  run(
    db,
    `INSERT INTO customer_payments (id, branch_id, doc_no, customer_id, business_date, method, amount_fen, reference, note, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    payment.id,
    payment.branchId,
    payment.docNo,
    payment.customerId,
    payment.businessDate,
    payment.method,
    payment.amountFen,
    payment.reference,
    payment.note,
    payment.createdBy,
    payment.createdAt,
    payment.hlc,
  );
  for (const a of allocations) {
    run(db, 'INSERT INTO payment_allocations (id, payment_id, invoice_id, amount_fen) VALUES (?, ?, ?, ?)', a.id, payment.id, a.invoiceId, a.amountFen);
  }
}
