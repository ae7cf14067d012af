import { LedgerError } from '../core/errors';
import { transferActionAllowed, transferActions, transferActionSide, transferStatus, type TransferAction, type TransferShipmentStatus, type TransferStatus } from '../core/transfer';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { findBranch } from './branch';
import { productUnits } from './purchaseQueries';
import { all, get, textSearch, whereClause } from './sql';
import type { ServiceContext } from './types';

/** Reads of stock transfers: the list, one transfer with its lines, receipt and tracking, and goods in transit. */

export interface TransferRecord {
  id: string;
  branch_id: string;
  doc_no: string;
  from_branch_code: string;
  from_branch_name: string;
  from_warehouse_id: string;
  from_warehouse_name: string;
  to_branch_id: string | null;
  to_branch_code: string;
  to_warehouse_id: string | null;
  to_warehouse_name: string;
  status: TransferShipmentStatus;
  two_step: number;
  business_date: string;
  note: string;
  total_qty: number;
  total_value_fen: number;
  document_id: string | null;
  document_no: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  origin_device_id: string;
  hlc: string;
}

export function findTransfer(ctx: Pick<ServiceContext, 'db'>, id: string): TransferRecord {
  const t = get<TransferRecord>(ctx.db, 'SELECT * FROM transfers WHERE id = ?', id);
  if (!t) throw new LedgerError('NOT_FOUND', { entity: 'transfer' }, [{ path: 'id', code: 'NOT_FOUND' }]);
  return t;
}

export function isInternal(t: Pick<TransferRecord, 'from_branch_code' | 'to_branch_code'>): boolean {
  return t.from_branch_code === t.to_branch_code;
}

/**
 * Whether this branch sent the transfer (its shipment is ours to write). Branches are told apart
 * by code: a PC's own id for its branch need not be head office's, which the pulled copy carries.
 */
export function isSender(t: Pick<TransferRecord, 'from_branch_code'>, branchCode: string): boolean {
  return t.from_branch_code === branchCode;
}

/** Whether this branch receives it: the branch it was addressed to (within a branch, the branch itself). */
export function isReceiver(t: Pick<TransferRecord, 'to_branch_code'>, branchCode: string): boolean {
  return t.to_branch_code === branchCode;
}

export function hasReceipt(ctx: Pick<ServiceContext, 'db'>, transferId: string): boolean {
  return get(ctx.db, 'SELECT 1 FROM transfer_receipts WHERE transfer_id = ?', transferId) !== undefined;
}

export function statusOf(ctx: Pick<ServiceContext, 'db'>, t: TransferRecord): TransferStatus {
  return transferStatus(t.status, hasReceipt(ctx, t.id));
}

/** The actions this branch may take now: the sender's on its shipment, the receiver's receipt. */
export function allowedTransferActions(t: TransferRecord, status: TransferStatus, branchCode: string): TransferAction[] {
  return transferActions.filter((a) => {
    if (!transferActionAllowed(status, a)) return false;
    if (a === 'close' && isInternal(t)) return false;
    return transferActionSide(a) === 'sender' ? isSender(t, branchCode) : isReceiver(t, branchCode);
  });
}

interface RowRecord extends TransferRecord {
  lines: number;
  received: number | null;
  received_date: string | null;
}

const rowSelect = `SELECT t.*, (SELECT COUNT(*) FROM transfer_lines l WHERE l.transfer_id = t.id) AS lines,
       r.received_qty AS received, r.business_date AS received_date, r.warehouse_name AS receipt_warehouse
  FROM transfers t LEFT JOIN transfer_receipts r ON r.transfer_id = t.id`;

function direction(t: TransferRecord, branchCode: string): R.TransferDirection {
  if (isInternal(t)) return 'internal';
  return isSender(t, branchCode) ? 'out' : 'in';
}

function transferRow(r: RowRecord & { receipt_warehouse: string | null }, branchCode: string): R.TransferRow {
  return {
    id: r.id,
    docNo: r.doc_no,
    status: transferStatus(r.status, r.received !== null),
    direction: direction(r, branchCode),
    businessDate: r.business_date,
    fromBranchCode: r.from_branch_code,
    fromBranchName: r.from_branch_name,
    fromWarehouseName: r.from_warehouse_name,
    toBranchCode: r.to_branch_code,
    toWarehouseName: r.receipt_warehouse ?? r.to_warehouse_name,
    twoStep: r.two_step === 1,
    totalQty: r.total_qty,
    totalValueFen: r.total_value_fen,
    lineCount: r.lines,
    receivedQty: r.received,
    receivedDate: r.received_date,
  };
}

export function listTransfers(ctx: ServiceContext, input: ParsedInput<'transfers.list'>): MethodResult<'transfers.list'> {
  const branchCode = findBranch(ctx)?.code ?? '';
  const statusCondition = (): readonly [string, ...unknown[]] | undefined => {
    switch (input.status) {
      case undefined:
        return undefined;
      case 'open':
        return [`(t.status = 'draft' OR (t.status = 'sent'))`];
      case 'sent':
        return [`t.status = 'sent' AND r.id IS NULL`];
      case 'received':
        return [`t.status = 'sent' AND r.id IS NOT NULL`];
      default:
        return ['t.status = ?', input.status];
    }
  };
  const { sql: whereSql, params } = whereClause([
    statusCondition(),
    input.direction === 'internal' && ['t.from_branch_code = t.to_branch_code'],
    input.direction === 'out' && ['t.from_branch_code <> t.to_branch_code AND t.from_branch_code = ?', branchCode],
    input.direction === 'in' && ['t.from_branch_code <> t.to_branch_code AND t.to_branch_code = ?', branchCode],
    textSearch(['t.from_branch_code', 't.to_branch_code', 't.from_warehouse_name', 't.to_warehouse_name', 'r.warehouse_name'], input.other),
    input.from && ['t.business_date >= ?', input.from],
    input.to && ['t.business_date <= ?', input.to],
    textSearch(['t.doc_no', 't.note', 't.document_no'], input.q),
  ]);
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM transfers t LEFT JOIN transfer_receipts r ON r.transfer_id = t.id ${whereSql}`, ...params)?.n ?? 0;
  const rows = all<RowRecord & { receipt_warehouse: string | null }>(
    ctx.db,
    `${rowSelect} ${whereSql} ORDER BY t.business_date DESC, t.doc_no DESC LIMIT ? OFFSET ?`,
    ...params,
    input.limit,
    input.offset,
  );
  return { total, rows: rows.map((r) => transferRow(r, branchCode)) };
}

interface LineRecord {
  id: string;
  line_no: number;
  product_id: string;
  unit_code: string;
  unit_qty: number;
  qty: number;
  lot_id: string | null;
  lot_code: string | null;
  expiry_date: string | null;
  value_fen: number;
  sku: string;
  name_zh: string;
  name_en: string;
  base_unit_code: string;
  received_qty: number | null;
  reason_code: R.TransferDiscrepancyReason | null;
  disposition: R.TransferDisposition | null;
  difference_fen: number | null;
}

export function transferDetail(ctx: ServiceContext, id: string): R.TransferDetail {
  const t = findTransfer(ctx, id);
  const branchCode = findBranch(ctx)?.code ?? '';
  const row = all<RowRecord & { receipt_warehouse: string | null }>(ctx.db, `${rowSelect} WHERE t.id = ?`, id)[0];
  if (!row) throw new LedgerError('NOT_FOUND', { entity: 'transfer' });
  const receipt =
    get<R.TransferReceiptView>(
      ctx.db,
      `SELECT id, warehouse_id AS warehouseId, warehouse_name AS warehouseName, business_date AS businessDate, document_id AS documentId,
              document_no AS documentNo, received_qty AS receivedQty, written_off_fen AS writtenOffFen, note, received_by AS receivedBy, received_at AS receivedAt
         FROM transfer_receipts WHERE transfer_id = ?`,
      id,
    ) ?? null;
  const records = all<LineRecord>(
    ctx.db,
    `SELECT l.id, l.line_no, l.product_id, l.unit_code, l.unit_qty, l.qty, l.lot_id, l.lot_code, l.expiry_date, l.value_fen,
            p.sku, p.name_zh, p.name_en, p.base_unit_code, rl.received_qty, rl.reason_code, rl.disposition, rl.difference_fen
       FROM transfer_lines l JOIN products p ON p.id = l.product_id
       LEFT JOIN transfer_receipt_lines rl ON rl.transfer_line_id = l.id AND rl.receipt_id = ?
      WHERE l.transfer_id = ? ORDER BY l.line_no`,
    receipt?.id ?? '',
    id,
  );
  const units = productUnits(ctx, [...new Set(records.map((l) => l.product_id))]);
  const lines = records.map((l): R.TransferLineView => {
    const us = units.get(l.product_id) ?? [];
    const unit = us.find((u) => u.code === l.unit_code);
    const base = us.find((u) => u.code === l.base_unit_code);
    return {
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      sku: l.sku,
      nameZh: l.name_zh,
      nameEn: l.name_en,
      baseUnitCode: l.base_unit_code,
      baseUnitNameZh: base?.nameZh ?? l.base_unit_code,
      baseUnitNameEn: base?.nameEn ?? l.base_unit_code,
      unitCode: l.unit_code,
      unitNameZh: unit?.nameZh ?? l.unit_code,
      unitNameEn: unit?.nameEn ?? l.unit_code,
      factor: unit?.factor ?? 1,
      unitQty: l.unit_qty,
      qty: l.qty,
      lotId: l.lot_id,
      lotCode: l.lot_code,
      expiryDate: l.expiry_date,
      valueFen: l.value_fen,
      units: us,
      receivedQty: l.received_qty,
      reasonCode: l.reason_code,
      disposition: l.disposition,
      differenceFen: l.difference_fen,
    };
  });
  const events = all<R.PurchaseEventView>(
    ctx.db,
    `SELECT e.id, e.action, e.from_status AS fromStatus, e.to_status AS toStatus, e.user_id AS userId, u.display_name AS userName, e.at, e.note,
            e.document_id AS documentId, e.document_no AS documentNo
       FROM transfer_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.transfer_id = ? ORDER BY e.at, e.id`,
    id,
  );
  const base = transferRow(row, branchCode);
  return {
    ...base,
    fromWarehouseId: t.from_warehouse_id,
    toWarehouseId: receipt?.warehouseId ?? t.to_warehouse_id,
    note: t.note,
    documentId: t.document_id,
    documentNo: t.document_no,
    createdBy: t.created_by,
    createdAt: t.created_at,
    lines,
    receipt,
    events,
    allowedActions: allowedTransferActions(t, base.status, branchCode),
  };
}

export function getTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.get'>): MethodResult<'transfers.get'> {
  return transferDetail(ctx, input.id);
}

/**
 * Goods in transit: lines of transfers sent and not yet received, at the value they left with.
 * This branch's own goods on their way (to another branch, or between its warehouses) are
 * outgoing; another branch's goods addressed here are incoming.
 */
export function transfersInTransit(ctx: ServiceContext): MethodResult<'transfers.inTransit'> {
  const branchCode = findBranch(ctx)?.code ?? '';
  const rows = all<{ product_id: string; sku: string; name_zh: string; name_en: string; base_unit_code: string; internal: number; mine: number; qty: number; value_fen: number; transfers: number }>(
    ctx.db,
    `SELECT l.product_id, p.sku, p.name_zh, p.name_en, p.base_unit_code,
            t.from_branch_code = t.to_branch_code AS internal, t.from_branch_code = ? AS mine,
            SUM(l.qty) AS qty, SUM(l.value_fen) AS value_fen, COUNT(DISTINCT t.id) AS transfers
       FROM transfers t JOIN transfer_lines l ON l.transfer_id = t.id JOIN products p ON p.id = l.product_id
      WHERE t.status = 'sent' AND NOT EXISTS (SELECT 1 FROM transfer_receipts r WHERE r.transfer_id = t.id)
      GROUP BY l.product_id, internal, mine
      ORDER BY p.sku`,
    branchCode,
  );
  const count = (mine: boolean) =>
    get<{ n: number }>(
      ctx.db,
      `SELECT COUNT(*) AS n FROM transfers t WHERE t.status = 'sent' AND (t.from_branch_code = ?) = ? AND NOT EXISTS (SELECT 1 FROM transfer_receipts r WHERE r.transfer_id = t.id)`,
      branchCode,
      mine ? 1 : 0,
    )?.n ?? 0;
  const sum = (mine: boolean) =>
    rows.filter((r) => (r.mine === 1) === mine).reduce((s, r) => ({ qty: s.qty + r.qty, valueFen: s.valueFen + r.value_fen }), { qty: 0, valueFen: 0 });
  return {
    outgoing: { transfers: count(true), ...sum(true) },
    incoming: { transfers: count(false), ...sum(false) },
    products: rows.map((r) => ({
      productId: r.product_id,
      sku: r.sku,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      baseUnitCode: r.base_unit_code,
      direction: r.internal === 1 ? 'internal' : r.mine === 1 ? 'out' : 'in',
      qty: r.qty,
      valueFen: r.value_fen,
    })),
  };
}
