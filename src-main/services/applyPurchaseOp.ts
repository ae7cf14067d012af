import type { LedgerDb } from '../../db/openLedgerDb';
import type { PurchaseOrderArgs } from '../sync/protocol';
import { insertPurchaseLines } from './purchaseOrders';
import { insertSyncedOrderEvents } from './orderEvents';
import { takeNewerSnapshot } from './takeNewerSnapshot';

/**
 * A purchase order another PC of the branch wrote (src-main/sync/protocol/purchaseOps.ts): the
 * snapshot replaces this PC's copy only when its HLC is later; its tracking events are added
 * either way (union by id), so a PC that ordered and a PC that received both keep every step.
 * Answers whether anything changed here.
 */
export function applyPurchaseOp(db: LedgerDb, branchId: string, args: PurchaseOrderArgs): boolean {
  const { order: o, lines, events } = args;
  const row = {
    id: o.id,
    branch_id: branchId,
    doc_no: o.docNo,
    supplier_id: o.supplierId,
    warehouse_id: o.warehouseId,
    status: o.status,
    order_date: o.orderDate,
    expected_date: o.expectedDate,
    note: o.note,
    total_qty: o.totalQty,
    total_value_fen: o.totalValueFen,
    created_by: o.createdBy,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    origin_device_id: o.originDeviceId,
    hlc: o.hlc,
  };
  const changed = takeNewerSnapshot(db, 'purchase_orders', row, [['purchase_order_lines', 'order_id']]);
  if (changed) insertPurchaseLines(db, o.id, lines);
  return insertSyncedOrderEvents(db, 'purchase_order_events', o.id, events) || changed;
}
