import { LedgerError } from '../core/errors';
import { allowedSupplierReturnActions, claimFigures, type ReturnReasonCode, type SupplierReturnStatus } from '../core/supplierReturn';
import type { PackUnit } from '../core/units';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { all, get, whereClause, textSearch } from './sql';
import { escapeLike } from './stockQueries';
import type { ServiceContext } from './types';

/**
 * What the supplier-return screens read: the goods that can go back to a supplier, the returns
 * with their claims, and one return with its lines and tracking.
 */

export interface SupplierReturnRecord {
  id: string;
  branch_id: string;
  doc_no: string;
  supplier_id: string;
  warehouse_id: string;
  status: SupplierReturnStatus;
  business_date: string;
  document_id: string | null;
  claim_fen: number;
  credited_fen: number;
  reference: string;
  note: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  origin_device_id: string;
  hlc: string;
}

export function findSupplierReturn(ctx: Pick<ServiceContext, 'db'>, id: string): SupplierReturnRecord {
  const r = get<SupplierReturnRecord>(ctx.db, 'SELECT * FROM supplier_returns WHERE id = ?', id);
  if (!r) throw new LedgerError('NOT_FOUND', { entity: 'supplierReturn' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return r;
}

/**
 * Whether a lot came in from the supplier: a receipt from that supplier carried it (read from
 * the lot's incoming lines, their documents by id: see lotSupplier in returnAnalysis.ts). A lot can
 * have come from two suppliers (the same lot code bought through two channels); it may then go
 * back to either.
 */
export function lotReceivedFrom(ctx: Pick<ServiceContext, 'db'>, lotId: string, supplierId: string): boolean {
  return (
    get(
      ctx.db,
      `SELECT 1 FROM stock_document_lines dl CROSS JOIN stock_documents d ON d.id = dl.document_id
        WHERE dl.lot_id = ? AND dl.qty > 0 AND +d.doc_type = 'receipt' AND +d.supplier_id = ? LIMIT 1`,
      lotId,
      supplierId,
    ) !== undefined
  );
}

interface UnitRow {
  product_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  factor: number;
}

/** The packaging units of some products, largest first, for typing "3箱5瓶" on their lines. */
export function unitsOf(ctx: Pick<ServiceContext, 'db'>, productIds: readonly string[]): Map<string, PackUnit[]> {
  const out = new Map<string, PackUnit[]>();
  if (productIds.length === 0) return out;
  const rows = all<UnitRow>(
    ctx.db,
    `SELECT product_id, code, name_zh, name_en, factor FROM product_units
      WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, factor DESC, code`,
    JSON.stringify([...new Set(productIds)]),
  );
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, factor: r.factor });
    out.set(r.product_id, list);
  }
  return out;
}

interface ProductColumns {
  product_id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
}

function productInfo(r: ProductColumns, units: Map<string, PackUnit[]>): R.ReturnProductInfo {
  return { productId: r.product_id, sku: r.sku, nameZh: r.name_zh, nameEn: r.name_en, baseUnitCode: r.base_unit_code, units: units.get(r.product_id) ?? [] };
}

/** Average cost of one base unit over a warehouse's open layers, per product. */
function averageCosts(ctx: Pick<ServiceContext, 'db'>, warehouseId: string, productIds: readonly string[]): Map<string, number> {
  const rows = all<{ product_id: string; qty: number; value: number }>(
    ctx.db,
    `SELECT product_id, SUM(qty_remaining) AS qty, SUM(value_remaining_fen) AS value FROM cost_layers
      WHERE warehouse_id = ? AND qty_remaining > 0 AND product_id IN (SELECT value FROM json_each(?)) GROUP BY product_id`,
    warehouseId,
    JSON.stringify([...new Set(productIds)]),
  );
  return new Map(rows.filter((r) => r.qty > 0).map((r) => [r.product_id, Math.round(r.value / r.qty)]));
}

interface CandidateLotRow extends ProductColumns {
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  on_hand: number;
  reserved: number;
}

interface AwaitingRow extends ProductColumns {
  id: string;
  return_id: string;
  return_no: string;
  customer_name: string;
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  supplier_qty: number;
  taken: number;
  reason_code: ReturnReasonCode;
  note: string;
  qty: number;
  cost_fen: number;
}

/**
 * Lots received from this supplier whose stock is in the warehouse, with what sales orders hold
 * of them, and inspected customer-return lines whose goods wait in it for this supplier (their
 * supplier quantity less what supplier returns, drafts included, already carry).
 */
export function returnCandidates(ctx: ServiceContext, input: ParsedInput<'supplierReturns.candidates'>): MethodResult<'supplierReturns.candidates'> {
  const like = `%${escapeLike(input.q)}%`;
  const lots = all<CandidateLotRow>(
    ctx.db,
    `SELECT p.id AS product_id, p.sku, p.name_zh, p.name_en, p.base_unit_code, l.id AS lot_id, l.lot_code, l.expiry_date, b.qty AS on_hand,
            COALESCE((SELECT SUM(a.qty) FROM sales_allocations a
                       WHERE a.product_id = b.product_id AND a.warehouse_id = b.warehouse_id AND a.lot_id = b.lot_id), 0) AS reserved
       FROM (SELECT DISTINCT dl.lot_id FROM stock_documents d JOIN stock_document_lines dl ON dl.document_id = d.id
              WHERE d.supplier_id = ? AND d.doc_type = 'receipt' AND dl.lot_id IS NOT NULL) s
       JOIN lots l ON l.id = s.lot_id
       JOIN stock_balances b ON b.lot_id = l.id AND b.product_id = l.product_id AND b.warehouse_id = ?
       JOIN products p ON p.id = l.product_id
      WHERE b.qty > 0 AND (? = '' OR p.sku LIKE ? ESCAPE '\\' OR p.name_zh LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\' OR l.lot_code LIKE ? ESCAPE '\\')
      ORDER BY p.sku, l.expiry_date IS NULL, l.expiry_date, l.lot_code
      LIMIT 500`,
    input.supplierId,
    input.warehouseId,
    input.q,
    like,
    like,
    like,
    like,
  );
  const awaitingRows = all<AwaitingRow>(
    ctx.db,
    `SELECT cl.id, r.id AS return_id, r.doc_no AS return_no, c.name AS customer_name, p.id AS product_id, p.sku, p.name_zh, p.name_en, p.base_unit_code,
            l.id AS lot_id, l.lot_code, l.expiry_date, cl.supplier_qty, cl.reason_code, cl.note, cl.qty, cl.cost_fen,
            COALESCE((SELECT SUM(sl.qty) FROM supplier_return_lines sl JOIN supplier_returns sr ON sr.id = sl.return_id
                       WHERE sl.customer_return_line_id = cl.id AND sr.status <> 'cancelled'), 0) AS taken
       FROM customer_return_lines cl
       JOIN customer_returns r ON r.id = cl.return_id
       JOIN customers c ON c.id = r.customer_id
       JOIN products p ON p.id = cl.product_id
       JOIN lots l ON l.id = cl.lot_id
      WHERE cl.supplier_qty > 0 AND r.returns_warehouse_id = ? AND r.status IN ('inspected', 'settled')
        AND EXISTS (SELECT 1 FROM stock_document_lines dl CROSS JOIN stock_documents d ON d.id = dl.document_id
                     WHERE dl.lot_id = cl.lot_id AND dl.qty > 0 AND +d.doc_type = 'receipt' AND +d.supplier_id = ?)
        AND (? = '' OR p.sku LIKE ? ESCAPE '\\' OR p.name_zh LIKE ? ESCAPE '\\' OR r.doc_no LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')
      ORDER BY r.business_date, r.doc_no, cl.line_no
      LIMIT 500`,
    input.warehouseId,
    input.supplierId,
    input.q,
    like,
    like,
    like,
    like,
  ).filter((r) => r.supplier_qty > r.taken);
  const productIds = [...lots.map((l) => l.product_id), ...awaitingRows.map((r) => r.product_id)];
  const units = unitsOf(ctx, productIds);
  const costs = averageCosts(ctx, input.warehouseId, productIds);
  return {
    lots: lots.map((l) => ({
      ...productInfo(l, units),
      lotId: l.lot_id,
      lotCode: l.lot_code,
      expiryDate: l.expiry_date,
      onHand: l.on_hand,
      reserved: l.reserved,
      available: Math.max(0, l.on_hand - l.reserved),
      unitCostFen: costs.get(l.product_id) ?? null,
    })),
    awaiting: awaitingRows.map((r) => ({
      ...productInfo(r, units),
      customerReturnLineId: r.id,
      customerReturnId: r.return_id,
      customerReturnNo: r.return_no,
      customerName: r.customer_name,
      lotId: r.lot_id,
      lotCode: r.lot_code,
      expiryDate: r.expiry_date,
      awaitingQty: r.supplier_qty - r.taken,
      reasonCode: r.reason_code,
      note: r.note,
      unitCostFen: r.qty > 0 ? Math.round(r.cost_fen / r.qty) : (costs.get(r.product_id) ?? null),
    })),
  };
}

interface RowRecord extends SupplierReturnRecord {
  supplier_code: string;
  supplier_name: string;
  warehouse_name: string;
  line_count: number;
  qty: number;
  value_fen: number;
}

const rowSelect = `SELECT r.*, s.code AS supplier_code, s.name AS supplier_name, w.name AS warehouse_name,
         (SELECT COUNT(*) FROM supplier_return_lines l WHERE l.return_id = r.id) AS line_count,
         (SELECT COALESCE(SUM(l.qty), 0) FROM supplier_return_lines l WHERE l.return_id = r.id) AS qty,
         (SELECT COALESCE(SUM(l.value_fen), 0) FROM supplier_return_lines l WHERE l.return_id = r.id) AS value_fen
    FROM supplier_returns r JOIN suppliers s ON s.id = r.supplier_id JOIN warehouses w ON w.id = r.warehouse_id`;

function toRow(r: RowRecord): R.SupplierReturnRow {
  const claim = claimFigures(r.status, r.claim_fen, r.credited_fen);
  return {
    id: r.id,
    docNo: r.doc_no,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    status: r.status,
    businessDate: r.business_date,
    lineCount: r.line_count,
    qty: r.qty,
    valueFen: r.value_fen,
    claimFen: claim.claimFen,
    creditedFen: claim.creditedFen,
    writtenOffFen: claim.writtenOffFen,
    openFen: claim.openFen,
    reference: r.reference,
  };
}

export function listSupplierReturns(ctx: ServiceContext, input: ParsedInput<'supplierReturns.list'>): MethodResult<'supplierReturns.list'> {
  const { sql: whereSql, params } = whereClause([
    input.status === 'open' ? [`r.status IN ('draft', 'sent', 'accepted')`] : input.status && ['r.status = ?', input.status],
    input.supplierId && ['r.supplier_id = ?', input.supplierId],
    input.dateFrom && ['r.business_date >= ?', input.dateFrom],
    input.dateTo && ['r.business_date <= ?', input.dateTo],
    textSearch(['r.doc_no', 's.name', 's.code', 'r.reference'], input.q),
  ]);
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM supplier_returns r JOIN suppliers s ON s.id = r.supplier_id ${whereSql}`, ...params)?.n ?? 0;
  const rows = all<RowRecord>(ctx.db, `${rowSelect} ${whereSql} ORDER BY r.business_date DESC, r.doc_no DESC LIMIT ? OFFSET ?`, ...params, input.limit, input.offset);
  return { total, rows: rows.map(toRow) };
}

interface LineRecord extends ProductColumns {
  id: string;
  line_no: number;
  lot_id: string;
  lot_code: string;
  expiry_date: string | null;
  unit_code: string;
  unit_qty: number;
  qty: number;
  value_fen: number;
  reason_code: ReturnReasonCode;
  note: string;
  customer_return_line_id: string | null;
  customer_return_no: string | null;
}

export function supplierReturnDetail(ctx: ServiceContext, id: string): R.SupplierReturnDetail {
  const r = get<RowRecord>(ctx.db, `${rowSelect} WHERE r.id = ?`, id);
  if (!r) throw new LedgerError('NOT_FOUND', { entity: 'supplierReturn' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  const lines = all<LineRecord>(
    ctx.db,
    `SELECT sl.id, sl.line_no, p.id AS product_id, p.sku, p.name_zh, p.name_en, p.base_unit_code, l.id AS lot_id, l.lot_code, l.expiry_date,
            sl.unit_code, sl.unit_qty, sl.qty, sl.value_fen, sl.reason_code, sl.note, sl.customer_return_line_id,
            (SELECT cr.doc_no FROM customer_return_lines cl JOIN customer_returns cr ON cr.id = cl.return_id WHERE cl.id = sl.customer_return_line_id) AS customer_return_no
       FROM supplier_return_lines sl JOIN products p ON p.id = sl.product_id JOIN lots l ON l.id = sl.lot_id
      WHERE sl.return_id = ? ORDER BY sl.line_no`,
    id,
  );
  const units = unitsOf(
    ctx,
    lines.map((l) => l.product_id),
  );
  const events = all<R.SupplierReturnEventView>(
    ctx.db,
    `SELECT e.id, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.user_id AS userId, u.display_name AS userName, e.at, e.note,
            e.amount_fen AS amountFen
       FROM supplier_return_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.return_id = ? ORDER BY e.at, e.id`,
    id,
  );
  const document = r.document_id
    ? (get<{ id: string; docNo: string; businessDate: string }>(ctx.db, 'SELECT id, doc_no AS docNo, business_date AS businessDate FROM stock_documents WHERE id = ?', r.document_id) ?? null)
    : null;
  return {
    ...toRow(r),
    note: r.note,
    createdAt: r.created_at,
    document,
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      ...productInfo(l, units),
      lotId: l.lot_id,
      lotCode: l.lot_code,
      expiryDate: l.expiry_date,
      unitCode: l.unit_code,
      unitQty: l.unit_qty,
      qty: l.qty,
      valueFen: l.value_fen,
      reasonCode: l.reason_code,
      note: l.note,
      customerReturnLineId: l.customer_return_line_id,
      customerReturnNo: l.customer_return_no,
    })),
    events,
    allowedActions: allowedSupplierReturnActions(r.status),
  };
}

export function getSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.get'>): MethodResult<'supplierReturns.get'> {
  return supplierReturnDetail(ctx, input.id);
}
