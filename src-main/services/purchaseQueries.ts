import { LedgerError } from '../core/errors';
import { allowedPurchaseActions, type PurchaseOrderStatus } from '../core/purchaseOrder';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { lastIncomingUnitCostFen } from './posting';
import { escapeLike } from './stockQueries';
import { all, get, whereClause, textSearch } from './sql';
import type { ServiceContext } from './types';

/** Reads for purchasing: suppliers and their terms, purchase orders with what came against them. */

export interface SupplierRecord {
  id: string;
  code: string;
  name: string;
  lead_time_days: number;
  active: number;
}

export function findSupplier(ctx: ServiceContext, id: string, path = 'supplierId'): SupplierRecord {
  const s = get<SupplierRecord>(ctx.db, 'SELECT id, code, name, lead_time_days, active FROM suppliers WHERE id = ?', id);
  if (!s) throw new LedgerError('NOT_FOUND', { entity: 'supplier' }, [{ path, code: 'NOT_FOUND' }]);
  return s;
}

export function listPurchaseSuppliers(ctx: ServiceContext): MethodResult<'purchasing.suppliers'> {
  return all<R.PurchaseSupplier>(
    ctx.db,
    `SELECT s.id, s.code, s.name, s.lead_time_days AS leadTimeDays,
            (SELECT COUNT(*) FROM supplier_products sp WHERE sp.supplier_id = s.id AND sp.active = 1) AS productCount
       FROM suppliers s WHERE s.active = 1 ORDER BY s.code`,
  );
}

interface TermsRecord {
  product_id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
  lot_tracked: number;
  shelf_life_days: number | null;
  supplier_item_code: string | null;
  purchase_unit_code: string | null;
  min_order_qty: number | null;
  lead_time_days: number | null;
  last_cost_fen: number | null;
  preferred: number | null;
}

const termsSelect = `SELECT p.id AS product_id, p.sku, p.name_zh, p.name_en, p.base_unit_code, p.lot_tracked, p.shelf_life_days,
       sp.supplier_item_code, sp.purchase_unit_code, sp.min_order_qty, sp.lead_time_days, sp.last_cost_fen, sp.preferred`;

export function productUnits(ctx: ServiceContext, productIds: readonly string[]): Map<string, R.PurchaseUnit[]> {
  const out = new Map<string, R.PurchaseUnit[]>();
  if (productIds.length === 0) return out;
  const rows = all<R.PurchaseUnit & { productId: string }>(
    ctx.db,
    `SELECT product_id AS productId, code, name_zh AS nameZh, name_en AS nameEn, factor, barcode FROM product_units
      WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY factor DESC, code`,
    JSON.stringify(productIds),
  );
  for (const { productId, ...u } of rows) {
    const list = out.get(productId);
    if (list) list.push(u);
    else out.set(productId, [u]);
  }
  return out;
}

function termsView(ctx: ServiceContext, r: TermsRecord, units: R.PurchaseUnit[], supplierLeadTime: number): R.SupplierProductTerms {
  const purchaseUnitCode = r.purchase_unit_code ?? r.base_unit_code;
  const packFactor = units.find((u) => u.code === purchaseUnitCode)?.factor ?? 1;
  // Without the supplier's own cost, the last receipt's cost per base unit, scaled to the purchase unit.
  const lastPerBase = r.last_cost_fen === null ? lastIncomingUnitCostFen(ctx, r.product_id) : null;
  return {
    productId: r.product_id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    baseUnitCode: r.base_unit_code,
    lotTracked: r.lot_tracked === 1,
    shelfLifeDays: r.shelf_life_days,
    units,
    supplierItemCode: r.supplier_item_code,
    purchaseUnitCode,
    packFactor,
    minOrderQty: r.min_order_qty ?? 0,
    leadTimeDays: r.lead_time_days ?? supplierLeadTime,
    lastCostFen: r.last_cost_fen ?? (lastPerBase === null ? null : lastPerBase * packFactor),
    preferred: r.preferred === 1,
  };
}

export function supplierProducts(ctx: ServiceContext, input: ParsedInput<'purchasing.supplierProducts'>): MethodResult<'purchasing.supplierProducts'> {
  const supplier = findSupplier(ctx, input.supplierId);
  const params: unknown[] = [supplier.id];
  let filter = '';
  if (input.q !== '') {
    const like = `%${escapeLike(input.q)}%`;
    filter = ` AND (p.sku LIKE ? ESCAPE '\\' OR p.name_zh LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\' OR sp.supplier_item_code LIKE ? ESCAPE '\\')`;
    params.push(like, like, like, like);
  }
  const from = `FROM supplier_products sp JOIN products p ON p.id = sp.product_id WHERE sp.supplier_id = ? AND sp.active = 1${filter}`;
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n ${from}`, ...params)?.n ?? 0;
  const rows = all<TermsRecord>(ctx.db, `${termsSelect} ${from} ORDER BY p.sku LIMIT ? OFFSET ?`, ...params, input.limit, input.offset);
  const units = productUnits(ctx, rows.map((r) => r.product_id));
  return { total, rows: rows.map((r) => termsView(ctx, r, units.get(r.product_id) ?? [], supplier.lead_time_days)) };
}

export function productTermsFor(ctx: ServiceContext, supplier: SupplierRecord, productId: string, path = 'productId'): R.SupplierProductTerms {
  const r = get<TermsRecord>(
    ctx.db,
    `${termsSelect} FROM products p LEFT JOIN supplier_products sp ON sp.product_id = p.id AND sp.supplier_id = ? AND sp.active = 1 WHERE p.id = ?`,
    supplier.id,
    productId,
  );
  if (!r) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path, code: 'NOT_FOUND' }]);
  return termsView(ctx, r, productUnits(ctx, [productId]).get(productId) ?? [], supplier.lead_time_days);
}

export function productTerms(ctx: ServiceContext, input: ParsedInput<'purchasing.productTerms'>): MethodResult<'purchasing.productTerms'> {
  return productTermsFor(ctx, findSupplier(ctx, input.supplierId), input.productId);
}

// ── Orders ──────────────────────────────────────────────────────────────────────────────

export interface PurchaseOrderRecord {
  id: string;
  branch_id: string;
  doc_no: string;
  supplier_id: string;
  warehouse_id: string;
  status: PurchaseOrderStatus;
  order_date: string;
  expected_date: string;
  note: string;
  total_qty: number;
  total_value_fen: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  origin_device_id: string;
  hlc: string;
}

export function findPurchaseOrder(ctx: ServiceContext, id: string): PurchaseOrderRecord {
  const o = get<PurchaseOrderRecord>(ctx.db, 'SELECT * FROM purchase_orders WHERE id = ?', id);
  if (!o) throw new LedgerError('NOT_FOUND', { entity: 'purchaseOrder' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return o;
}

export interface PurchaseLineState {
  id: string;
  order_id: string;
  line_no: number;
  product_id: string;
  unit_code: string;
  unit_qty: number;
  qty: number;
  unit_cost_fen: number;
  value_fen: number;
  closed_qty: number;
  /** Base units received against the line by receipts not reversed since. */
  received: number;
}

/**
 * Received quantities come from the receipts, never from the order: receipt lines that name
 * the order line, of receipts not reversed (a reversal takes back a whole receipt).
 */
export const receivedSql = `COALESCE((SELECT SUM(d.qty) FROM stock_document_lines d JOIN stock_documents s ON s.id = d.document_id
     WHERE d.source_line_id = l.id AND s.doc_type = 'receipt'
       AND NOT EXISTS (SELECT 1 FROM stock_documents r WHERE r.reverses_document_id = s.id)), 0)`;

export function purchaseLineStates(ctx: ServiceContext, orderId: string): PurchaseLineState[] {
  return all<PurchaseLineState>(ctx.db, `SELECT l.*, ${receivedSql} AS received FROM purchase_order_lines l WHERE l.order_id = ? ORDER BY l.line_no`, orderId);
}

/** What is still expected on a line: ordered − closed − received, never below zero. */
export function openQty(l: Pick<PurchaseLineState, 'qty' | 'closed_qty' | 'received'>): number {
  return Math.max(0, l.qty - l.closed_qty - l.received);
}

interface OrderRowRecord {
  id: string;
  doc_no: string;
  supplier_id: string;
  supplier_code: string;
  supplier_name: string;
  warehouse_id: string;
  status: PurchaseOrderStatus;
  order_date: string;
  expected_date: string;
  total_qty: number;
  total_value_fen: number;
  lines: number;
  received: number;
}

const orderRowSelect = `SELECT o.id, o.doc_no, o.supplier_id, s.code AS supplier_code, s.name AS supplier_name, o.warehouse_id, o.status, o.order_date,
       o.expected_date, o.total_qty, o.total_value_fen,
       (SELECT COUNT(*) FROM purchase_order_lines l WHERE l.order_id = o.id) AS lines,
       (SELECT COALESCE(SUM(${receivedSql}), 0) FROM purchase_order_lines l WHERE l.order_id = o.id) AS received
  FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id`;

function orderRow(r: OrderRowRecord): R.PurchaseOrderRow {
  return {
    id: r.id,
    docNo: r.doc_no,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    warehouseId: r.warehouse_id,
    status: r.status,
    orderDate: r.order_date,
    expectedDate: r.expected_date,
    totalQty: r.total_qty,
    totalValueFen: r.total_value_fen,
    lineCount: r.lines,
    receivedQty: r.received,
  };
}

export function listPurchaseOrders(ctx: ServiceContext, input: ParsedInput<'purchasing.list'>): MethodResult<'purchasing.list'> {
  const { sql: whereSql, params } = whereClause([
    input.status === 'open' ? [`o.status IN ('draft', 'sent', 'partly_received')`] : input.status && ['o.status = ?', input.status],
    input.supplierId && ['o.supplier_id = ?', input.supplierId],
    input.from && ['o.order_date >= ?', input.from],
    input.to && ['o.order_date <= ?', input.to],
    textSearch(['o.doc_no', 's.name', 's.code'], input.q),
  ]);
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id ${whereSql}`, ...params)?.n ?? 0;
  const rows = all<OrderRowRecord>(ctx.db, `${orderRowSelect} ${whereSql} ORDER BY o.order_date DESC, o.doc_no DESC LIMIT ? OFFSET ?`, ...params, input.limit, input.offset);
  return { total, rows: rows.map(orderRow) };
}

interface LineExtra {
  id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
  lot_tracked: number;
  shelf_life_days: number | null;
}

export function purchaseOrderDetail(ctx: ServiceContext, id: string): R.PurchaseOrderDetail {
  const o = findPurchaseOrder(ctx, id);
  const row = all<OrderRowRecord>(ctx.db, `${orderRowSelect} WHERE o.id = ?`, id)[0];
  if (!row) throw new LedgerError('NOT_FOUND', { entity: 'purchaseOrder' });
  const supplier = findSupplier(ctx, o.supplier_id);
  const states = purchaseLineStates(ctx, o.id);
  const extras = new Map(
    all<LineExtra>(
      ctx.db,
      `SELECT l.id, p.sku, p.name_zh, p.name_en, p.base_unit_code, p.lot_tracked, p.shelf_life_days
         FROM purchase_order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ?`,
      o.id,
    ).map((r) => [r.id, r]),
  );
  const units = productUnits(ctx, [...new Set(states.map((l) => l.product_id))]);
  const lines: R.PurchaseLineView[] = states.map((l) => {
    const x = extras.get(l.id);
    const us = units.get(l.product_id) ?? [];
    const unit = us.find((u) => u.code === l.unit_code);
    const base = us.find((u) => u.code === x?.base_unit_code);
    return {
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      sku: x?.sku ?? '',
      nameZh: x?.name_zh ?? '',
      nameEn: x?.name_en ?? '',
      baseUnitCode: x?.base_unit_code ?? '',
      baseUnitNameZh: base?.nameZh ?? x?.base_unit_code ?? '',
      baseUnitNameEn: base?.nameEn ?? x?.base_unit_code ?? '',
      lotTracked: x?.lot_tracked === 1,
      shelfLifeDays: x?.shelf_life_days ?? null,
      unitCode: l.unit_code,
      unitNameZh: unit?.nameZh ?? l.unit_code,
      unitNameEn: unit?.nameEn ?? l.unit_code,
      factor: unit?.factor ?? 1,
      unitQty: l.unit_qty,
      qty: l.qty,
      received: l.received,
      closed: l.closed_qty,
      open: openQty(l),
      unitCostFen: l.unit_cost_fen,
      valueFen: l.value_fen,
      units: us,
    };
  });
  const receipts = all<{ id: string; docNo: string; businessDate: string; qty: number; valueFen: number; reversed: number }>(
    ctx.db,
    `SELECT s.id, s.doc_no AS docNo, s.business_date AS businessDate, s.total_qty AS qty, s.total_value_fen AS valueFen,
            EXISTS (SELECT 1 FROM stock_documents r WHERE r.reverses_document_id = s.id) AS reversed
       FROM stock_documents s WHERE s.source_id = ? AND s.doc_type = 'receipt' ORDER BY s.created_at, s.doc_no`,
    o.id,
  ).map((r) => ({ ...r, reversed: r.reversed === 1 }));
  const events = all<R.PurchaseEventView>(
    ctx.db,
    `SELECT e.id, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.user_id AS userId, u.display_name AS userName, e.at, e.note,
            e.document_id AS documentId, e.document_no AS documentNo
       FROM purchase_order_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.order_id = ? ORDER BY e.at, e.id`,
    o.id,
  );
  const warehouse = get<{ name: string }>(ctx.db, 'SELECT name FROM warehouses WHERE id = ?', o.warehouse_id);
  return {
    ...orderRow(row),
    warehouseName: warehouse?.name ?? '',
    supplierLeadTimeDays: supplier.lead_time_days,
    note: o.note,
    createdBy: o.created_by,
    createdAt: o.created_at,
    lines,
    receipts,
    events,
    allowedActions: allowedPurchaseActions(o.status),
  };
}

export function getPurchaseOrder(ctx: ServiceContext, input: ParsedInput<'purchasing.get'>): MethodResult<'purchasing.get'> {
  return purchaseOrderDetail(ctx, input.id);
}
