import { addDays, daysBetween } from '../core/businessDate';
import { LedgerError } from '../core/errors';
import { ageingBucket, allowedActions, openOrderStatuses, type FulfilmentFacts, type SalesOrderStatus } from '../core/salesOrder';
import { receivedReturnStatuses } from '../core/customerReturn';
import { pickPrice, type ApprovalReason, type PriceEntry, type Promotion } from '../core/salesPricing';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { readSyncState } from '../sync/syncState';
import { requireBranch, todayAt } from './branch';
import { approvalReasonsForRole, creditIfAllowed, readsSensitiveCustomerData } from './customerPrivacy';
import { escapeLike } from './stockQueries';
import { all, get, whereClause, textSearch } from './sql';
import type { ServiceContext } from './types';

/** Reads for the sales desk: customers and their credit, prices and availability, orders. */

export interface CustomerRecord {
  id: string;
  code: string;
  name: string;
  channel: R.CustomerChannel;
  customer_class: 'key' | 'ordinary';
  region: string;
  salesperson: string;
  contact: string;
  phone: string;
  address: string;
  contacts: string;
  credit_limit_fen: number;
  payment_terms_days: number;
  min_shelf_life_permille: number;
  price_list_id: string | null;
  active: number;
}

const customerColumns = `id, code, name, channel, customer_class, region, salesperson, contact, phone, address, contacts, credit_limit_fen,
  payment_terms_days, min_shelf_life_permille, price_list_id, active`;

export function findCustomer(ctx: ServiceContext, id: string, path = 'customerId'): CustomerRecord {
  const c = get<CustomerRecord>(ctx.db, `SELECT ${customerColumns} FROM customers WHERE id = ?`, id);
  if (!c) throw new LedgerError('NOT_FOUND', { entity: 'customer' }, [{ path, code: 'NOT_FOUND' }]);
  return c;
}

/**
 * Invoiced minus paid minus credited, per customer (payments and credit notes not yet set against
 * an invoice count too). A refund's note is money paid out, not credit: it leaves receivables alone.
 */
const receivableSql = `
  COALESCE((SELECT SUM(gross_fen) FROM sales_invoices WHERE customer_id = c.id), 0)
  - COALESCE((SELECT SUM(amount_fen) FROM customer_payments WHERE customer_id = c.id), 0)
  - COALESCE((SELECT SUM(gross_fen) FROM credit_notes WHERE customer_id = c.id AND settlement = 'credit'), 0)`;

function customerRow(c: CustomerRecord & { receivable_fen: number }, sensitive: boolean): R.CustomerRow {
  const row: R.CustomerRow = {
    id: c.id,
    code: c.code,
    name: c.name,
    channel: c.channel,
    customerClass: c.customer_class,
    region: c.region,
    salesperson: c.salesperson,
    active: c.active === 1,
  };
  if (sensitive) {
    Object.assign(row, { contact: c.contact, phone: c.phone, creditLimitFen: c.credit_limit_fen, paymentTermsDays: c.payment_terms_days, receivableFen: c.receivable_fen });
  }
  return row;
}

export function listCustomers(ctx: ServiceContext, input: ParsedInput<'customers.list'>): MethodResult<'customers.list'> {
  const where: string[] = [];
  const params: unknown[] = [];
  const sensitive = readsSensitiveCustomerData(ctx);
  if (input.q !== '') {
    const like = `%${escapeLike(input.q)}%`;
    // Without the permission a phone number cannot be probed by searching for it either.
    const columns = sensitive ? ['c.code', 'c.name', 'c.phone', 'c.contact'] : ['c.code', 'c.name'];
    where.push(`(${columns.map((col) => `${col} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...columns.map(() => like));
  }
  if (input.channel) {
    where.push('c.channel = ?');
    params.push(input.channel);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM customers c ${whereSql}`, ...params)?.n ?? 0;
  const rows = all<CustomerRecord & { receivable_fen: number }>(
    ctx.db,
    `SELECT ${customerColumns.replace(/(\w+)/g, 'c.$1')}, ${receivableSql} AS receivable_fen
       FROM customers c ${whereSql}
      ORDER BY c.active DESC, c.code LIMIT ? OFFSET ?`,
    ...params,
    input.limit,
    input.offset,
  );
  return { total, rows: rows.map((r) => customerRow(r, sensitive)) };
}

/**
 * The customer's credit as this PC knows it: its own documents always, other PCs' documents as
 * of the last sync (so the desk is told how old that is). Open orders count at what is not yet
 * invoiced of them.
 */
export function creditStatus(ctx: ServiceContext, customer: Pick<CustomerRecord, 'id' | 'credit_limit_fen'>, excludeOrderId?: string): R.CreditStatus {
  const receivableFen =
    get<{ n: number }>(
      ctx.db,
      `SELECT COALESCE((SELECT SUM(gross_fen) FROM sales_invoices WHERE customer_id = ?), 0)
            - COALESCE((SELECT SUM(amount_fen) FROM customer_payments WHERE customer_id = ?), 0)
            - COALESCE((SELECT SUM(gross_fen) FROM credit_notes WHERE customer_id = ? AND settlement = 'credit'), 0) AS n`,
      customer.id,
      customer.id,
      customer.id,
    )?.n ?? 0;
  const openOrdersFen =
    get<{ n: number }>(
      ctx.db,
      `SELECT COALESCE(SUM(o.total_gross_fen - COALESCE((SELECT SUM(i.gross_fen) FROM sales_invoices i WHERE i.order_id = o.id), 0)), 0) AS n
         FROM sales_orders o
        WHERE o.customer_id = ? AND o.id <> ? AND o.status IN (SELECT value FROM json_each(?))`,
      customer.id,
      excludeOrderId ?? '',
      JSON.stringify(openOrderStatuses),
    )?.n ?? 0;
  const today = todayAt(ctx, requireBranch(ctx));
  const overdueFen = openInvoices(ctx, customer.id)
    .filter((i) => i.due_date < today)
    .reduce((n, i) => n + i.open_fen, 0);
  const syncedAt = readSyncState(ctx.db, 'lastPullAt') ?? null;
  return {
    limitFen: customer.credit_limit_fen,
    receivableFen,
    openOrdersFen: Math.max(0, openOrdersFen),
    availableFen: customer.credit_limit_fen - receivableFen - Math.max(0, openOrdersFen),
    overdueFen,
    syncedAt,
  };
}

interface OpenInvoiceRecord {
  id: string;
  doc_no: string;
  order_id: string;
  order_no: string;
  customer_id: string;
  customer_name: string;
  business_date: string;
  due_date: string;
  gross_fen: number;
  paid_fen: number;
  open_fen: number;
}

/** What is set against an invoice: payments and credit notes (a return's credit reduces what is owed on it). */
const settledSql = `(COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a WHERE a.invoice_id = i.id), 0)
  + COALESCE((SELECT SUM(n.amount_fen) FROM credit_note_allocations n WHERE n.invoice_id = i.id), 0))`;

const invoiceSelect = `
  SELECT i.id, i.doc_no, i.order_id, o.doc_no AS order_no, i.customer_id, c.name AS customer_name, i.business_date, i.due_date, i.gross_fen,
         ${settledSql} AS paid_fen,
         i.gross_fen - ${settledSql} AS open_fen
    FROM sales_invoices i JOIN sales_orders o ON o.id = i.order_id JOIN customers c ON c.id = i.customer_id`;

/** A customer's invoices with money still open, oldest first (the order payments are set against them). */
export function openInvoices(ctx: ServiceContext, customerId: string): OpenInvoiceRecord[] {
  return all<OpenInvoiceRecord>(ctx.db, `SELECT * FROM (${invoiceSelect} WHERE i.customer_id = ?) WHERE open_fen > 0 ORDER BY business_date, doc_no`, customerId);
}

function invoiceRow(i: OpenInvoiceRecord, today: string): R.InvoiceRow {
  return {
    id: i.id,
    docNo: i.doc_no,
    orderId: i.order_id,
    orderNo: i.order_no,
    customerId: i.customer_id,
    customerName: i.customer_name,
    businessDate: i.business_date,
    dueDate: i.due_date,
    grossFen: i.gross_fen,
    paidFen: i.paid_fen,
    openFen: i.open_fen,
    ageDays: Math.max(0, daysBetween(i.business_date, today)),
    overdue: i.open_fen > 0 && i.due_date < today,
  };
}

interface PaymentRecord {
  id: string;
  doc_no: string;
  customer_id: string;
  business_date: string;
  method: 'cash' | 'transfer';
  amount_fen: number;
  reference: string;
  applied_fen: number;
}

export function paymentRow(p: PaymentRecord): R.PaymentRow {
  return {
    id: p.id,
    docNo: p.doc_no,
    customerId: p.customer_id,
    businessDate: p.business_date,
    method: p.method,
    amountFen: p.amount_fen,
    reference: p.reference,
    unappliedFen: p.amount_fen - p.applied_fen,
  };
}

export const paymentSelect = `
  SELECT p.id, p.doc_no, p.customer_id, p.business_date, p.method, p.amount_fen, p.reference,
         COALESCE((SELECT SUM(a.amount_fen) FROM payment_allocations a WHERE a.payment_id = p.id), 0) AS applied_fen
    FROM customer_payments p`;

export function readPayment(ctx: ServiceContext, id: string): R.PaymentRow {
  const p = get<PaymentRecord>(ctx.db, `${paymentSelect} WHERE p.id = ?`, id);
  if (!p) throw new LedgerError('NOT_FOUND', { entity: 'payment' });
  return paymentRow(p);
}

export function getCustomer(ctx: ServiceContext, input: ParsedInput<'customers.get'>): MethodResult<'customers.get'> {
  const c = findCustomer(ctx, input.id, 'id');
  const today = todayAt(ctx, requireBranch(ctx));
  const sensitive = readsSensitiveCustomerData(ctx);
  const receivable = creditStatus(ctx, c);
  const priceList = c.price_list_id ? get<{ code: string; name_zh: string }>(ctx.db, 'SELECT code, name_zh FROM price_lists WHERE id = ?', c.price_list_id) : undefined;
  const detail: R.CustomerDetail = {
    ...customerRow({ ...c, receivable_fen: receivable.receivableFen }, sensitive),
    priceListCode: priceList?.code ?? null,
    priceListName: priceList?.name_zh ?? null,
    minShelfLifePermille: c.min_shelf_life_permille,
    orders: orderRows(ctx, 'WHERE o.customer_id = ?', [c.id], 50, 0),
    invoices: all<OpenInvoiceRecord>(ctx.db, `${invoiceSelect} WHERE i.customer_id = ? ORDER BY i.business_date DESC, i.doc_no DESC LIMIT 50`, c.id).map((i) => invoiceRow(i, today)),
    payments: all<PaymentRecord>(ctx.db, `${paymentSelect} WHERE p.customer_id = ? ORDER BY p.business_date DESC, p.doc_no DESC LIMIT 50`, c.id).map(paymentRow),
    creditNotes: all<R.CustomerCreditNoteRow>(
      ctx.db,
      `SELECT n.id, n.doc_no AS docNo, n.business_date AS businessDate, n.return_id AS returnId, r.doc_no AS returnNo, n.settlement,
              n.refund_method AS refundMethod, n.gross_fen AS grossFen,
              CASE WHEN n.settlement = 'credit' THEN n.gross_fen - COALESCE((SELECT SUM(a.amount_fen) FROM credit_note_allocations a WHERE a.credit_note_id = n.id), 0) ELSE 0 END AS unappliedFen
         FROM credit_notes n JOIN customer_returns r ON r.id = n.return_id
        WHERE n.customer_id = ? ORDER BY n.business_date DESC, n.doc_no DESC LIMIT 50`,
      c.id,
    ),
  };
  if (sensitive) Object.assign(detail, { address: c.address, contacts: parseContacts(c.contacts), credit: receivable });
  return detail;
}

function parseContacts(json: string): R.CustomerContact[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value
      .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
      .map((v) => ({ name: String(v.name ?? ''), role: String(v.role ?? ''), phone: String(v.phone ?? '') }));
  } catch {
    return [];
  }
}

// ── Prices, promotions, availability ────────────────────────────────────────────────────

export interface SalesProduct {
  id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
  tax_rate_bp: number;
  price_floor_fen: number | null;
  shelf_life_days: number | null;
  active: number;
}

export function findSalesProduct(ctx: ServiceContext, productId: string, path: string): SalesProduct {
  const p = get<SalesProduct>(
    ctx.db,
    'SELECT id, sku, name_zh, name_en, base_unit_code, tax_rate_bp, price_floor_fen, shelf_life_days, active FROM products WHERE id = ?',
    productId,
  );
  if (!p) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path, code: 'NOT_FOUND' }]);
  return p;
}

/** Every price that could apply to this customer and product: own, price list, standard list. */
export function priceEntries(ctx: ServiceContext, customer: Pick<CustomerRecord, 'id' | 'price_list_id'>, productId: string): PriceEntry[] {
  return all<PriceEntry>(
    ctx.db,
    `SELECT 'customer' AS source, unit_code AS unitCode, price_fen AS priceFen FROM customer_prices WHERE customer_id = ? AND product_id = ?
     UNION ALL
     SELECT 'list', i.unit_code, i.price_fen FROM price_list_items i JOIN price_lists l ON l.id = i.price_list_id
      WHERE l.id = ? AND l.active = 1 AND l.code <> 'STD' AND i.product_id = ?
     UNION ALL
     SELECT 'standard', i.unit_code, i.price_fen FROM price_list_items i JOIN price_lists l ON l.id = i.price_list_id
      WHERE l.code = 'STD' AND i.product_id = ?`,
    customer.id,
    productId,
    customer.price_list_id ?? '',
    productId,
    productId,
  );
}

export function priceFor(entries: readonly PriceEntry[], unit: { code: string; factor: number }, baseUnitCode: string) {
  return pickPrice(entries, unit.code, unit.factor, baseUnitCode);
}

interface PromotionRecord {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  kind: 'free_goods' | 'volume_discount';
  product_id: string;
  min_qty: number;
  free_product_id: string | null;
  free_qty: number | null;
  discount_bp: number | null;
  channel: string | null;
  starts_on: string;
  ends_on: string;
  active: number;
  free_zh: string | null;
  free_en: string | null;
}

/** Promotions running on `date` for the product and the customer's channel. */
export function promotionsFor(ctx: ServiceContext, productId: string, channel: string, date: string): (Promotion & { info: R.PromotionInfo })[] {
  return all<PromotionRecord>(
    ctx.db,
    `SELECT p.*, f.name_zh AS free_zh, f.name_en AS free_en
       FROM promotions p LEFT JOIN products f ON f.id = p.free_product_id
      WHERE p.product_id = ? AND p.active = 1 AND p.starts_on <= ? AND p.ends_on >= ? AND (p.channel IS NULL OR p.channel = ?)
      ORDER BY p.code`,
    productId,
    date,
    date,
    channel,
  ).map((p) => ({
    id: p.id,
    kind: p.kind,
    productId: p.product_id,
    minQty: p.min_qty,
    freeProductId: p.free_product_id,
    freeQty: p.free_qty,
    discountBp: p.discount_bp,
    channel: p.channel,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    active: p.active === 1,
    info: {
      id: p.id,
      code: p.code,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      kind: p.kind,
      minQty: p.min_qty,
      freeProductId: p.free_product_id,
      freeProductZh: p.free_zh,
      freeProductEn: p.free_en,
      freeQty: p.free_qty,
      discountBp: p.discount_bp,
      endsOn: p.ends_on,
    },
  }));
}

/**
 * The earliest expiry a lot may have for this customer: it must still have `permille` of the
 * product's shelf life left (key supermarkets take only two thirds). Undefined: no rule.
 */
export function minExpiryFor(shelfLifeDays: number | null, permille: number, today: string): string | undefined {
  if (shelfLifeDays === null || permille <= 0) return undefined;
  return addDays(today, Math.ceil((shelfLifeDays * permille) / 1000));
}

export interface LotAvailability {
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  firstReceivedAt: number;
  onHand: number;
  reserved: number;
}

/** Per lot of a product in a warehouse: on hand and reserved by orders (other than `excludeOrderId`). */
export function lotAvailability(ctx: ServiceContext, productId: string, warehouseId: string, excludeOrderId = ''): LotAvailability[] {
  return all<LotAvailability>(
    ctx.db,
    `SELECT b.lot_id AS lotId, l.lot_code AS lotCode, l.expiry_date AS expiryDate, l.first_received_at AS firstReceivedAt, b.qty AS onHand,
            COALESCE((SELECT SUM(a.qty) FROM sales_allocations a
                       WHERE a.product_id = b.product_id AND a.warehouse_id = b.warehouse_id AND a.lot_id = b.lot_id AND a.order_id <> ?), 0) AS reserved
       FROM stock_balances b JOIN lots l ON l.id = b.lot_id
      WHERE b.product_id = ? AND b.warehouse_id = ? AND b.qty > 0`,
    excludeOrderId,
    productId,
    warehouseId,
  );
}

/**
 * On hand − reserved by other orders, per product of an order, in two grouped reads (the detail every sales
 * command answers shows it per line; a query per line cost more than the rest of the detail).
 */
function orderAvailability(ctx: ServiceContext, orderId: string, warehouseId: string): Map<string, number> {
  const products = 'SELECT DISTINCT product_id FROM sales_order_lines WHERE order_id = ?';
  const onHand = all<{ product_id: string; qty: number }>(
    ctx.db,
    `SELECT product_id, SUM(qty) AS qty FROM stock_balances WHERE warehouse_id = ? AND qty > 0 AND product_id IN (${products}) GROUP BY product_id`,
    warehouseId,
    orderId,
  );
  const reserved = new Map(
    all<{ product_id: string; qty: number }>(
      ctx.db,
      `SELECT product_id, SUM(qty) AS qty FROM sales_allocations
        WHERE warehouse_id = ? AND order_id <> ? AND product_id IN (${products}) GROUP BY product_id`,
      warehouseId,
      orderId,
      orderId,
    ).map((r) => [r.product_id, r.qty]),
  );
  return new Map(onHand.map((r) => [r.product_id, Math.max(0, r.qty - (reserved.get(r.product_id) ?? 0))]));
}

export function availabilitySummary(lots: readonly LotAvailability[], minExpiry: string | undefined) {
  let onHand = 0;
  let reserved = 0;
  let forCustomer = 0;
  for (const l of lots) {
    onHand += l.onHand;
    reserved += l.reserved;
    const free = Math.max(0, l.onHand - l.reserved);
    if (minExpiry === undefined || l.expiryDate === null || l.expiryDate >= minExpiry) forCustomer += free;
  }
  return { onHand, reserved, available: Math.max(0, onHand - reserved), availableForCustomer: forCustomer };
}

export function productTerms(ctx: ServiceContext, input: ParsedInput<'sales.productTerms'>): MethodResult<'sales.productTerms'> {
  const customer = findCustomer(ctx, input.customerId);
  const product = findSalesProduct(ctx, input.productId, 'productId');
  const today = todayAt(ctx, requireBranch(ctx));
  const date = input.businessDate ?? today;
  const entries = priceEntries(ctx, customer, product.id);
  const units = all<{ code: string; name_zh: string; name_en: string; factor: number; barcode: string | null }>(
    ctx.db,
    'SELECT code, name_zh, name_en, factor, barcode FROM product_units WHERE product_id = ? ORDER BY factor',
    product.id,
  );
  const last = get<{ unit_code: string; unit_price_fen: number; business_date: string; doc_no: string }>(
    ctx.db,
    `SELECT l.unit_code, l.unit_price_fen, o.business_date, o.doc_no
       FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id
      WHERE o.customer_id = ? AND l.product_id = ? AND l.free = 0 AND o.status NOT IN ('quote', 'cancelled')
      ORDER BY o.business_date DESC, o.created_at DESC LIMIT 1`,
    customer.id,
    product.id,
  );
  const lots = lotAvailability(ctx, product.id, input.warehouseId);
  const stock = availabilitySummary(lots, minExpiryFor(product.shelf_life_days, customer.min_shelf_life_permille, today));
  return {
    productId: product.id,
    sku: product.sku,
    nameZh: product.name_zh,
    nameEn: product.name_en,
    baseUnitCode: product.base_unit_code,
    taxRateBp: product.tax_rate_bp,
    priceFloorFen: product.price_floor_fen,
    units: units.map((u) => {
      const price = priceFor(entries, { code: u.code, factor: u.factor }, product.base_unit_code);
      return { unitCode: u.code, nameZh: u.name_zh, nameEn: u.name_en, factor: u.factor, barcode: u.barcode, priceFen: price?.priceFen ?? null, source: price?.source ?? null };
    }),
    lastPrice: last ? { unitCode: last.unit_code, unitPriceFen: last.unit_price_fen, businessDate: last.business_date, docNo: last.doc_no } : null,
    promotions: promotionsFor(ctx, product.id, customer.channel, date).map((p) => p.info),
    ...stock,
  };
}

// ── Orders ──────────────────────────────────────────────────────────────────────────────

export interface OrderRecord {
  id: string;
  branch_id: string;
  doc_no: string;
  customer_id: string;
  warehouse_id: string;
  status: SalesOrderStatus;
  business_date: string;
  requested_date: string | null;
  note: string;
  salesperson: string;
  approval_reasons: string;
  approved_by: string | null;
  approved_at: number | null;
  total_net_fen: number;
  total_tax_fen: number;
  total_gross_fen: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  origin_device_id: string;
  hlc: string;
}

export function findOrder(ctx: ServiceContext, id: string): OrderRecord {
  const o = get<OrderRecord>(ctx.db, 'SELECT * FROM sales_orders WHERE id = ?', id);
  if (!o) throw new LedgerError('NOT_FOUND', { entity: 'salesOrder' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return o;
}

export interface LineState {
  id: string;
  line_no: number;
  product_id: string;
  unit_code: string;
  unit_qty: number;
  qty: number;
  unit_price_fen: number;
  list_price_fen: number;
  price_source: R.SalesLineView['priceSource'];
  discount_bp: number;
  net_fen: number;
  tax_rate_bp: number;
  tax_fen: number;
  gross_fen: number;
  free: number;
  promotion_id: string | null;
  parent_line_id: string | null;
  note: string;
  closed_qty: number;
  allocated: number;
  delivered: number;
  invoiced: number;
  /** Base units customer returns brought back (received or further); never invoiced after that. */
  returned: number;
}

/** The order's lines with what is reserved, delivered (from its deliveries), invoiced and returned. */
export function lineStates(ctx: ServiceContext, orderId: string): LineState[] {
  return all<LineState>(
    ctx.db,
    `SELECT l.*,
            COALESCE((SELECT SUM(a.qty) FROM sales_allocations a WHERE a.order_id = l.order_id AND a.line_id = l.id), 0) AS allocated,
            COALESCE((SELECT -SUM(d.qty) FROM stock_document_lines d WHERE d.source_line_id = l.id), 0) AS delivered,
            COALESCE((SELECT SUM(i.qty) FROM sales_invoice_lines i WHERE i.order_line_id = l.id), 0) AS invoiced,
            COALESCE((SELECT SUM(rl.qty) FROM customer_return_lines rl JOIN customer_returns r ON r.id = rl.return_id
                       WHERE rl.order_line_id = l.id AND r.status IN (SELECT value FROM json_each(?))), 0) AS returned
       FROM sales_order_lines l WHERE l.order_id = ? ORDER BY l.line_no`,
    JSON.stringify(receivedReturnStatuses),
    orderId,
  );
}

export function fulfilmentFacts(ctx: ServiceContext, orderId: string, lines = lineStates(ctx, orderId)): FulfilmentFacts {
  const f = { orderedQty: 0, allocatedQty: 0, deliveredQty: 0, invoicedQty: 0, invoicesPaid: false };
  for (const l of lines) {
    f.orderedQty += l.qty - l.closed_qty;
    f.allocatedQty += l.allocated;
    f.deliveredQty += l.delivered;
    // Goods returned before they were invoiced are never billed: for the order's state they are done with.
    f.invoicedQty += l.invoiced + Math.max(0, Math.min(l.returned, l.delivered - l.invoiced));
  }
  const invoices = get<{ n: number; open: number }>(
    ctx.db,
    `SELECT COUNT(*) AS n, COALESCE(SUM(i.gross_fen - ${settledSql}), 0) AS open
       FROM sales_invoices i WHERE i.order_id = ?`,
    orderId,
  );
  f.invoicesPaid = (invoices?.n ?? 0) > 0 && (invoices?.open ?? 0) <= 0;
  return f;
}

interface OrderRowRecord {
  id: string;
  doc_no: string;
  customer_id: string;
  customer_code: string;
  customer_name: string;
  status: SalesOrderStatus;
  business_date: string;
  requested_date: string | null;
  total_gross_fen: number;
  lines: number;
  salesperson: string;
}

function orderRows(ctx: ServiceContext, whereSql: string, params: unknown[], limit: number, offset: number): R.SalesOrderRow[] {
  return all<OrderRowRecord>(
    ctx.db,
    `SELECT o.id, o.doc_no, o.customer_id, c.code AS customer_code, c.name AS customer_name, o.status, o.business_date, o.requested_date,
            o.total_gross_fen, (SELECT COUNT(*) FROM sales_order_lines l WHERE l.order_id = o.id) AS lines, o.salesperson
       FROM sales_orders o JOIN customers c ON c.id = o.customer_id
       ${whereSql}
      ORDER BY o.business_date DESC, o.doc_no DESC LIMIT ? OFFSET ?`,
    ...params,
    limit,
    offset,
  ).map((o) => ({
    id: o.id,
    docNo: o.doc_no,
    customerId: o.customer_id,
    customerCode: o.customer_code,
    customerName: o.customer_name,
    status: o.status,
    businessDate: o.business_date,
    requestedDate: o.requested_date,
    grossFen: o.total_gross_fen,
    lineCount: o.lines,
    salesperson: o.salesperson,
  }));
}

export function listOrders(ctx: ServiceContext, input: ParsedInput<'sales.list'>): MethodResult<'sales.list'> {
  const { sql: whereSql, params } = whereClause([
    input.status === 'open'
      ? [`o.status IN ('quote', 'pending_approval', 'confirmed', 'allocated', 'partly_delivered', 'delivered')`]
      : input.status && ['o.status = ?', input.status],
    input.customerId && ['o.customer_id = ?', input.customerId],
    textSearch(['o.doc_no', 'c.name', 'c.code'], input.q),
  ]);
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM sales_orders o JOIN customers c ON c.id = o.customer_id ${whereSql}`, ...params)?.n ?? 0;
  return { total, rows: orderRows(ctx, whereSql, params, input.limit, input.offset) };
}

interface LineViewExtra {
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
  unit_name_zh: string | null;
  unit_name_en: string | null;
  factor: number | null;
  base_name_zh: string | null;
  base_name_en: string | null;
}

/** The order as every screen shows it; a command that already holds its lines' states passes them. */
export function orderDetail(ctx: ServiceContext, id: string, known?: LineState[]): R.SalesOrderDetail {
  const o = findOrder(ctx, id);
  const customer = findCustomer(ctx, o.customer_id);
  const today = todayAt(ctx, requireBranch(ctx));
  const states = known ?? lineStates(ctx, o.id);
  const facts = fulfilmentFacts(ctx, o.id, states);
  const extras = new Map(
    all<LineViewExtra & { id: string }>(
      ctx.db,
      `SELECT l.id, p.sku, p.name_zh, p.name_en, p.base_unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en, u.factor,
              bu.name_zh AS base_name_zh, bu.name_en AS base_name_en
         FROM sales_order_lines l JOIN products p ON p.id = l.product_id
         LEFT JOIN product_units u ON u.product_id = l.product_id AND u.code = l.unit_code
         LEFT JOIN product_units bu ON bu.product_id = l.product_id AND bu.code = p.base_unit_code
        WHERE l.order_id = ?`,
      o.id,
    ).map((r) => [r.id, r]),
  );
  const lineNoById = new Map(states.map((l) => [l.id, l.line_no]));
  const availableByProduct = orderAvailability(ctx, o.id, o.warehouse_id);
  const lines: R.SalesLineView[] = states.map((l) => {
    const x = extras.get(l.id);
    return {
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      sku: x?.sku ?? '',
      nameZh: x?.name_zh ?? '',
      nameEn: x?.name_en ?? '',
      unitCode: l.unit_code,
      unitNameZh: x?.unit_name_zh ?? l.unit_code,
      unitNameEn: x?.unit_name_en ?? l.unit_code,
      factor: x?.factor ?? 1,
      baseUnitCode: x?.base_unit_code ?? '',
      baseUnitNameZh: x?.base_name_zh ?? x?.base_unit_code ?? '',
      baseUnitNameEn: x?.base_name_en ?? x?.base_unit_code ?? '',
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
      parentLineNo: l.parent_line_id ? (lineNoById.get(l.parent_line_id) ?? null) : null,
      note: l.note,
      allocated: l.allocated,
      delivered: l.delivered,
      invoiced: l.invoiced,
      closed: l.closed_qty,
      available: availableByProduct.get(l.product_id) ?? 0,
    };
  });
  const allocations = all<R.SalesAllocationView>(
    ctx.db,
    `SELECT a.line_id AS lineId, a.lot_id AS lotId, l.lot_code AS lotCode, l.expiry_date AS expiryDate, pl.location, a.qty
       FROM sales_allocations a JOIN lots l ON l.id = a.lot_id
       LEFT JOIN product_locations pl ON pl.warehouse_id = a.warehouse_id AND pl.product_id = a.product_id AND pl.location <> ''
      WHERE a.order_id = ? ORDER BY pl.location, l.expiry_date`,
    o.id,
  );
  const events = all<R.SalesEventView>(
    ctx.db,
    `SELECT e.id, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.user_id AS userId, u.display_name AS userName, e.at, e.note,
            e.document_id AS documentId, e.document_no AS documentNo
       FROM sales_order_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.order_id = ? ORDER BY e.at, e.id`,
    o.id,
  );
  const deliveries = all<{ id: string; docNo: string; businessDate: string; qty: number; valueFen: number }>(
    ctx.db,
    `SELECT id, doc_no AS docNo, business_date AS businessDate, -total_qty AS qty, -total_value_fen AS valueFen
       FROM stock_documents WHERE source_id = ? AND doc_type = 'delivery' ORDER BY created_at`,
    o.id,
  );
  const invoices = all<OpenInvoiceRecord>(ctx.db, `${invoiceSelect} WHERE i.order_id = ? ORDER BY i.business_date, i.doc_no`, o.id).map((i) => invoiceRow(i, today));
  const warehouse = get<{ name: string }>(ctx.db, 'SELECT name FROM warehouses WHERE id = ?', o.warehouse_id);
  return {
    id: o.id,
    docNo: o.doc_no,
    customerId: o.customer_id,
    customerCode: customer.code,
    customerName: customer.name,
    customerClass: customer.customer_class,
    customerChannel: customer.channel,
    minShelfLifePermille: customer.min_shelf_life_permille,
    status: o.status,
    businessDate: o.business_date,
    requestedDate: o.requested_date,
    grossFen: o.total_gross_fen,
    lineCount: lines.length,
    lines,
    salesperson: o.salesperson,
    warehouseId: o.warehouse_id,
    warehouseName: warehouse?.name ?? '',
    note: o.note,
    approvalReasons: approvalReasonsForRole(ctx, JSON.parse(o.approval_reasons) as ApprovalReason[]),
    approvedBy: o.approved_by,
    approvedAt: o.approved_at,
    totals: { netFen: o.total_net_fen, taxFen: o.total_tax_fen, grossFen: o.total_gross_fen, qty: states.reduce((n, l) => n + l.qty, 0) },
    ...creditIfAllowed(ctx, () => creditStatus(ctx, customer, o.id)),
    allocations,
    events,
    deliveries,
    invoices,
    allowedActions: allowedActions(o.status, facts),
  };
}

export function getOrder(ctx: ServiceContext, input: ParsedInput<'sales.get'>): MethodResult<'sales.get'> {
  return orderDetail(ctx, input.id);
}

export function receivables(ctx: ServiceContext, input: ParsedInput<'sales.receivables'>): MethodResult<'sales.receivables'> {
  const today = todayAt(ctx, requireBranch(ctx));
  const where: string[] = ['open_fen > 0'];
  const params: unknown[] = [];
  if (input.customerId) {
    where.push('customer_id = ?');
    params.push(input.customerId);
  }
  if (input.q !== '') {
    const like = `%${escapeLike(input.q)}%`;
    where.push(`(doc_no LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\' OR order_no LIKE ? ESCAPE '\\')`);
    params.push(like, like, like);
  }
  const open = all<OpenInvoiceRecord>(ctx.db, `SELECT * FROM (${invoiceSelect}) WHERE ${where.join(' AND ')} ORDER BY business_date, doc_no`, ...params);
  const ageing = { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
  let openFen = 0;
  for (const i of open) {
    ageing[ageingBucket(Math.max(0, daysBetween(i.business_date, today)))] += i.open_fen;
    openFen += i.open_fen;
  }
  return {
    total: open.length,
    rows: open.slice(input.offset, input.offset + input.limit).map((i) => invoiceRow(i, today)),
    ageing,
    openFen,
  };
}
