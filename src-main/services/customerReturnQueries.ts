import { allowedReturnActions, liveReturnStatuses, returnWindowDays, withinWindow, type CustomerReturnStatus, type ReturnApprovalReason, type ReturnReasonCode, type ReturnWindow } from '../core/customerReturn';
import { divideRoundHalfEven } from '../core/money';
import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { requireBranch, todayAt } from './branch';
import { findCustomer } from './salesQueries';
import { escapeLike } from './stockQueries';
import { all, get, whereClause, textSearch } from './sql';
import type { ServiceContext } from './types';

/** Reads for customer returns: the deliveries a customer can return from, returns and their detail, recall holders. */

/** Live returns (not rejected or cancelled), as an SQL list for `status IN (…)`. */
export const liveStatusesJson = JSON.stringify(liveReturnStatuses);

export interface ReturnRecord {
  id: string;
  branch_id: string;
  doc_no: string;
  customer_id: string;
  delivery_id: string | null;
  order_id: string | null;
  recall_lot_id: string | null;
  status: CustomerReturnStatus;
  business_date: string;
  returns_warehouse_id: string;
  restock_warehouse_id: string;
  approval_reasons: string;
  approved_by: string | null;
  approved_at: number | null;
  receipt_document_id: string | null;
  disposition_document_id: string | null;
  settlement: 'credit' | 'refund' | null;
  credit_note_id: string | null;
  free_goods_deduction_fen: number;
  total_net_fen: number;
  total_tax_fen: number;
  total_gross_fen: number;
  note: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  origin_device_id: string;
  hlc: string;
}

export interface ReturnLineRecord {
  id: string;
  return_id: string;
  line_no: number;
  product_id: string;
  delivery_line_id: string | null;
  order_line_id: string | null;
  lot_id: string | null;
  unit_code: string;
  unit_qty: number;
  qty: number;
  reason_code: ReturnReasonCode;
  note: string;
  free: number;
  unit_price_fen: number;
  net_fen: number;
  tax_rate_bp: number;
  tax_fen: number;
  gross_fen: number;
  cost_fen: number;
  restock_qty: number;
  quarantine_qty: number;
  scrap_qty: number;
  supplier_qty: number;
  credited_qty: number;
}

export function findReturn(ctx: ServiceContext, id: string): ReturnRecord {
  const r = get<ReturnRecord>(ctx.db, 'SELECT * FROM customer_returns WHERE id = ?', id);
  if (!r) throw new LedgerError('NOT_FOUND', { entity: 'customerReturn' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return r;
}

export function returnLines(ctx: ServiceContext, returnId: string): ReturnLineRecord[] {
  return all<ReturnLineRecord>(ctx.db, 'SELECT * FROM customer_return_lines WHERE return_id = ? ORDER BY line_no', returnId);
}

/** A product's names and packaging units, read once per product for a screen's lines. */
export function productViews(ctx: ServiceContext, productIds: Iterable<string>): Map<string, R.ReturnProductView> {
  const ids = [...new Set(productIds)];
  const out = new Map<string, R.ReturnProductView>();
  if (ids.length === 0) return out;
  const products = all<{ id: string; sku: string; name_zh: string; name_en: string; base_unit_code: string }>(
    ctx.db,
    'SELECT id, sku, name_zh, name_en, base_unit_code FROM products WHERE id IN (SELECT value FROM json_each(?))',
    JSON.stringify(ids),
  );
  const units = all<{ product_id: string; code: string; name_zh: string; name_en: string; factor: number }>(
    ctx.db,
    'SELECT product_id, code, name_zh, name_en, factor FROM product_units WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY factor',
    JSON.stringify(ids),
  );
  for (const p of products) {
    out.set(p.id, {
      productId: p.id,
      sku: p.sku,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      baseUnitCode: p.base_unit_code,
      units: units.filter((u) => u.product_id === p.id).map((u) => ({ code: u.code, nameZh: u.name_zh, nameEn: u.name_en, factor: u.factor })),
    });
  }
  return out;
}

export function returnWindows(ctx: ServiceContext): ReturnWindow[] {
  return all<{ customer_class: 'key' | 'ordinary' | null; category_id: string | null; window_days: number }>(
    ctx.db,
    'SELECT customer_class, category_id, window_days FROM return_windows',
  ).map((w) => ({ customerClass: w.customer_class, categoryId: w.category_id, windowDays: w.window_days }));
}

/** One delivery line with what it delivered, what live returns take back, and its order line's money. */
export interface DeliveryLineRecord {
  delivery_id: string;
  doc_no: string;
  business_date: string;
  warehouse_id: string;
  order_id: string | null;
  order_no: string | null;
  customer_id: string | null;
  id: string;
  line_no: number;
  product_id: string;
  category_id: string | null;
  lot_id: string | null;
  lot_code: string | null;
  expiry_date: string | null;
  order_line_id: string | null;
  delivered: number;
  returned: number;
  free: number | null;
  ol_qty: number | null;
  ol_net_fen: number | null;
  ol_tax_fen: number | null;
  tax_rate_bp: number | null;
}

/** Delivery lines of the given deliveries; `excludeReturnId` leaves one return out of what is already returned. */
export function deliveryLines(ctx: ServiceContext, deliveryIds: readonly string[], excludeReturnId = ''): DeliveryLineRecord[] {
  return all<DeliveryLineRecord>(
    ctx.db,
    `SELECT d.id AS delivery_id, d.doc_no, d.business_date, d.warehouse_id, d.source_id AS order_id, o.doc_no AS order_no, o.customer_id,
            dl.id, dl.line_no, dl.product_id, p.category_id, dl.lot_id, t.lot_code, t.expiry_date, dl.source_line_id AS order_line_id,
            -dl.qty AS delivered,
            COALESCE((SELECT SUM(rl.qty) FROM customer_return_lines rl JOIN customer_returns r ON r.id = rl.return_id
                       WHERE rl.delivery_line_id = dl.id AND r.id <> ? AND r.status IN (SELECT value FROM json_each(?))), 0) AS returned,
            ol.free, ol.qty AS ol_qty, ol.net_fen AS ol_net_fen, ol.tax_fen AS ol_tax_fen, ol.tax_rate_bp
       FROM stock_documents d
       JOIN stock_document_lines dl ON dl.document_id = d.id
       JOIN products p ON p.id = dl.product_id
       LEFT JOIN sales_orders o ON o.id = d.source_id
       LEFT JOIN sales_order_lines ol ON ol.id = dl.source_line_id
       LEFT JOIN lots t ON t.id = dl.lot_id
      WHERE d.doc_type = 'delivery' AND d.id IN (SELECT value FROM json_each(?))
      ORDER BY d.business_date DESC, d.doc_no DESC, dl.line_no`,
    excludeReturnId,
    liveStatusesJson,
    JSON.stringify(deliveryIds),
  );
}

/** Tax-exclusive price paid per base unit on an order line (0 for free goods). */
export function netPerBaseFen(l: Pick<DeliveryLineRecord, 'free' | 'ol_qty' | 'ol_net_fen'>): number {
  if (l.free === 1 || !l.ol_qty || l.ol_net_fen === null) return 0;
  return divideRoundHalfEven(l.ol_net_fen, l.ol_qty);
}

export function listReturnableDeliveries(ctx: ServiceContext, input: ParsedInput<'returns.deliveries'>): MethodResult<'returns.deliveries'> {
  const customer = findCustomer(ctx, input.customerId);
  const today = todayAt(ctx, requireBranch(ctx));
  const where = ["d.doc_type = 'delivery'", 'o.customer_id = ?'];
  const params: unknown[] = [customer.id];
  if (input.q !== '') {
    const like = `%${escapeLike(input.q)}%`;
    where.push(`(d.doc_no LIKE ? ESCAPE '\\' OR o.doc_no LIKE ? ESCAPE '\\')`);
    params.push(like, like);
  }
  const from = `FROM stock_documents d JOIN sales_orders o ON o.id = d.source_id WHERE ${where.join(' AND ')}`;
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n ${from}`, ...params)?.n ?? 0;
  const ids = all<{ id: string }>(ctx.db, `SELECT d.id ${from} ORDER BY d.business_date DESC, d.doc_no DESC LIMIT ? OFFSET ?`, ...params, input.limit, input.offset).map(
    (r) => r.id,
  );
  const lines = deliveryLines(ctx, ids);
  const views = productViews(
    ctx,
    lines.map((l) => l.product_id),
  );
  const windows = returnWindows(ctx);
  const rows: R.ReturnableDelivery[] = ids.map((id) => {
    const own = lines.filter((l) => l.delivery_id === id);
    const first = own[0];
    const days = own.map((l) => returnWindowDays(windows, customer.customer_class, l.category_id)).filter((d): d is number => d !== null);
    const windowDays = days.length > 0 ? Math.min(...days) : null;
    const businessDate = first?.business_date ?? '';
    return {
      deliveryId: id,
      docNo: first?.doc_no ?? '',
      orderId: first?.order_id ?? null,
      orderNo: first?.order_no ?? null,
      businessDate,
      windowDays,
      withinWindow: withinWindow(businessDate, today, windowDays),
      lines: own.map((l) => deliveryLineView(l, views)),
    };
  });
  return { total, rows };
}

/** A line's product fields, from the views read for its screen. */
function productFields(views: Map<string, R.ReturnProductView>, productId: string): R.ReturnProductView {
  return views.get(productId) ?? { productId, sku: '', nameZh: '', nameEn: '', baseUnitCode: '', units: [] };
}

function deliveryLineView(l: DeliveryLineRecord, views: Map<string, R.ReturnProductView>): R.ReturnableDeliveryLine {
  return {
    ...productFields(views, l.product_id),
    deliveryLineId: l.id,
    orderLineId: l.order_line_id,
    lotId: l.lot_id,
    lotCode: l.lot_code,
    expiryDate: l.expiry_date,
    free: l.free === 1,
    delivered: l.delivered,
    returned: l.returned,
    returnable: Math.max(0, l.delivered - l.returned),
    netPerBaseFen: netPerBaseFen(l),
    taxRateBp: l.tax_rate_bp ?? 0,
  };
}

// ── Returns ─────────────────────────────────────────────────────────────────────────────

interface ReturnRowRecord {
  id: string;
  doc_no: string;
  customer_id: string;
  customer_code: string;
  customer_name: string;
  status: CustomerReturnStatus;
  business_date: string;
  delivery_no: string | null;
  recall_lot_id: string | null;
  total_gross_fen: number;
  lines: number;
}

const returnRowSelect = `
  SELECT r.id, r.doc_no, r.customer_id, c.code AS customer_code, c.name AS customer_name, r.status, r.business_date,
         d.doc_no AS delivery_no, r.recall_lot_id, r.total_gross_fen,
         (SELECT COUNT(*) FROM customer_return_lines l WHERE l.return_id = r.id) AS lines
    FROM customer_returns r JOIN customers c ON c.id = r.customer_id LEFT JOIN stock_documents d ON d.id = r.delivery_id`;

function returnRow(r: ReturnRowRecord): R.CustomerReturnRow {
  return {
    id: r.id,
    docNo: r.doc_no,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    customerName: r.customer_name,
    status: r.status,
    businessDate: r.business_date,
    deliveryNo: r.delivery_no,
    recall: r.recall_lot_id !== null,
    grossFen: r.total_gross_fen,
    lineCount: r.lines,
  };
}

export function readReturnRow(ctx: ServiceContext, id: string): R.CustomerReturnRow {
  const r = get<ReturnRowRecord>(ctx.db, `${returnRowSelect} WHERE r.id = ?`, id);
  if (!r) throw new LedgerError('NOT_FOUND', { entity: 'customerReturn' });
  return returnRow(r);
}

export function listReturns(ctx: ServiceContext, input: ParsedInput<'returns.list'>): MethodResult<'returns.list'> {
  const { sql: whereSql, params } = whereClause([
    input.status && ['r.status = ?', input.status],
    input.customerId && ['r.customer_id = ?', input.customerId],
    input.from && ['r.business_date >= ?', input.from],
    input.to && ['r.business_date <= ?', input.to],
    textSearch(['r.doc_no', 'c.name', 'c.code', 'd.doc_no'], input.q),
  ]);
  const total =
    get<{ n: number }>(
      ctx.db,
      `SELECT COUNT(*) AS n FROM customer_returns r JOIN customers c ON c.id = r.customer_id LEFT JOIN stock_documents d ON d.id = r.delivery_id ${whereSql}`,
      ...params,
    )?.n ?? 0;
  const rows = all<ReturnRowRecord>(ctx.db, `${returnRowSelect} ${whereSql} ORDER BY r.business_date DESC, r.doc_no DESC LIMIT ? OFFSET ?`, ...params, input.limit, input.offset);
  return { total, rows: rows.map(returnRow) };
}

export function returnLineView(
  l: Omit<ReturnLineRecord, 'return_id'>,
  views: Map<string, R.ReturnProductView>,
  lots: Map<string, { lot_code: string; expiry_date: string | null }>,
  returnable: number | null,
): R.ReturnLineView {
  const lot = l.lot_id ? lots.get(l.lot_id) : undefined;
  return {
    ...productFields(views, l.product_id),
    id: l.id,
    lineNo: l.line_no,
    deliveryLineId: l.delivery_line_id,
    orderLineId: l.order_line_id,
    lotId: l.lot_id,
    lotCode: lot?.lot_code ?? null,
    expiryDate: lot?.expiry_date ?? null,
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
    returnable,
  };
}

export function lotsById(ctx: ServiceContext, lotIds: Iterable<string | null>): Map<string, { lot_code: string; expiry_date: string | null }> {
  const ids = [...new Set([...lotIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  return new Map(
    all<{ id: string; lot_code: string; expiry_date: string | null }>(ctx.db, 'SELECT id, lot_code, expiry_date FROM lots WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)).map(
      (l) => [l.id, l],
    ),
  );
}

export function returnDetail(ctx: ServiceContext, id: string): R.CustomerReturnDetail {
  const r = findReturn(ctx, id);
  const lines = returnLines(ctx, r.id);
  const views = productViews(
    ctx,
    lines.map((l) => l.product_id),
  );
  const lots = lotsById(ctx, [...lines.map((l) => l.lot_id), r.recall_lot_id]);
  const order = r.order_id ? get<{ doc_no: string }>(ctx.db, 'SELECT doc_no FROM sales_orders WHERE id = ?', r.order_id) : undefined;
  const events = all<R.ReturnEventView>(
    ctx.db,
    `SELECT e.id, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.user_id AS userId, u.display_name AS userName, e.at, e.note,
            e.document_id AS documentId, e.document_no AS documentNo
       FROM customer_return_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.return_id = ? ORDER BY e.at, e.id`,
    r.id,
  );
  const documents = all<R.CustomerReturnDetail['documents'][number]>(
    ctx.db,
    `SELECT id, doc_no AS docNo, doc_type AS docType, business_date AS businessDate, total_qty AS qty, total_value_fen AS valueFen
       FROM stock_documents WHERE source_id = ? AND doc_type IN ('customer_return', 'return_disposition') ORDER BY created_at, doc_no`,
    r.id,
  );
  const approver = r.approved_by ? get<{ display_name: string }>(ctx.db, 'SELECT display_name FROM users WHERE id = ?', r.approved_by) : undefined;
  const grossFen = r.total_gross_fen;
  return {
    ...readReturnRow(ctx, r.id),
    orderId: r.order_id,
    orderNo: order?.doc_no ?? null,
    deliveryId: r.delivery_id,
    recallLotCode: r.recall_lot_id ? (lots.get(r.recall_lot_id)?.lot_code ?? null) : null,
    returnsWarehouseId: r.returns_warehouse_id,
    restockWarehouseId: r.restock_warehouse_id,
    approvalReasons: JSON.parse(r.approval_reasons) as ReturnApprovalReason[],
    approvedBy: approver?.display_name ?? r.approved_by,
    approvedAt: r.approved_at,
    settlement: r.settlement,
    note: r.note,
    lines: lines.map((l) => returnLineView(l, views, lots, null)),
    totals: {
      netFen: r.total_net_fen,
      taxFen: r.total_tax_fen,
      grossFen,
      freeGoodsDeductionFen: r.free_goods_deduction_fen,
      creditFen: Math.max(0, grossFen - r.free_goods_deduction_fen),
      qty: lines.reduce((n, l) => n + l.qty, 0),
    },
    events,
    documents,
    creditNote: r.credit_note_id ? creditNoteView(ctx, r.credit_note_id) : null,
    allowedActions: allowedReturnActions(r.status),
  };
}

function creditNoteView(ctx: ServiceContext, id: string): R.CreditNoteView | null {
  const n = get<{
    id: string;
    doc_no: string;
    business_date: string;
    settlement: 'credit' | 'refund';
    refund_method: 'cash' | 'transfer' | null;
    net_fen: number;
    tax_fen: number;
    gross_fen: number;
    invoice_no: string | null;
  }>(
    ctx.db,
    `SELECT n.id, n.doc_no, n.business_date, n.settlement, n.refund_method, n.net_fen, n.tax_fen, n.gross_fen, i.doc_no AS invoice_no
       FROM credit_notes n LEFT JOIN sales_invoices i ON i.id = n.invoice_id WHERE n.id = ?`,
    id,
  );
  if (!n) return null;
  const applied = all<{ invoiceId: string; docNo: string; amountFen: number }>(
    ctx.db,
    `SELECT a.invoice_id AS invoiceId, i.doc_no AS docNo, a.amount_fen AS amountFen
       FROM credit_note_allocations a JOIN sales_invoices i ON i.id = a.invoice_id WHERE a.credit_note_id = ? ORDER BY i.business_date, i.doc_no`,
    id,
  );
  return {
    id: n.id,
    docNo: n.doc_no,
    businessDate: n.business_date,
    settlement: n.settlement,
    refundMethod: n.refund_method,
    netFen: n.net_fen,
    taxFen: n.tax_fen,
    grossFen: n.gross_fen,
    invoiceNo: n.invoice_no,
    applied,
    unappliedFen: n.settlement === 'credit' ? n.gross_fen - applied.reduce((s, a) => s + a.amountFen, 0) : 0,
  };
}

export function getReturn(ctx: ServiceContext, input: ParsedInput<'returns.get'>): MethodResult<'returns.get'> {
  return returnDetail(ctx, input.id);
}

// ── Recall ──────────────────────────────────────────────────────────────────────────────

/**
 * Who a lot was delivered to. The delivery lines are found through the product's movements (a
 * product has a few hundred, read by stock_movements_product), then by id: no index holds lines
 * that take a lot out (see stock_document_lines_lot), so every delivery writes one index less.
 * CROSS JOIN keeps SQLite from starting at the deliveries by type (all of them).
 */
export function recallHolders(ctx: ServiceContext, productId: string, lotId: string): R.RecallHolder[] {
  return all<R.RecallHolder>(
    ctx.db,
    `SELECT o.customer_id AS customerId, c.code AS customerCode, c.name AS customerName, d.id AS deliveryId, d.doc_no AS deliveryNo,
            d.business_date AS businessDate, SUM(-dl.qty) AS delivered,
            COALESCE((SELECT SUM(rl.qty) FROM customer_return_lines rl JOIN customer_returns r ON r.id = rl.return_id
                       WHERE rl.delivery_line_id IN (SELECT x.id FROM stock_document_lines x WHERE x.document_id = d.id AND x.lot_id = ?)
                         AND r.status IN (SELECT value FROM json_each(?))), 0) AS returned,
            0 AS returnable
       FROM (SELECT DISTINCT m.line_id FROM stock_movements m WHERE m.product_id = ? AND m.lot_id = ? AND m.document_type = 'delivery') issued
      CROSS JOIN stock_document_lines dl ON dl.id = issued.line_id
      CROSS JOIN stock_documents d ON d.id = dl.document_id
       JOIN sales_orders o ON o.id = d.source_id
       JOIN customers c ON c.id = o.customer_id
      WHERE +d.doc_type = 'delivery' AND dl.product_id = ? AND dl.lot_id = ?
      GROUP BY d.id
      ORDER BY c.code, d.business_date, d.doc_no`,
    lotId,
    liveStatusesJson,
    productId,
    lotId,
    productId,
    lotId,
  ).map((h) => ({ ...h, returnable: Math.max(0, h.delivered - h.returned) }));
}

export function recallLookup(ctx: ServiceContext, input: ParsedInput<'returns.recallLookup'>): MethodResult<'returns.recallLookup'> {
  const product = productViews(ctx, [input.productId]).get(input.productId);
  if (!product) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: 'productId', code: 'NOT_FOUND' }]);
  const lot = get<{ id: string; lot_code: string; expiry_date: string | null }>(
    ctx.db,
    'SELECT id, lot_code, expiry_date FROM lots WHERE product_id = ? AND lot_code = ?',
    input.productId,
    input.lotCode,
  );
  if (!lot) return { lot: null, product, holders: [] };
  return { lot: { id: lot.id, lotCode: lot.lot_code, expiryDate: lot.expiry_date }, product, holders: recallHolders(ctx, input.productId, lot.id) };
}
