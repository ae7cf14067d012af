import type { LedgerDb } from '../../db/openLedgerDb';
import type { PurchaseOrderArgs } from '../sync/protocol';
import { insertPurchaseLines } from './purchaseOrders';
import { insertSyncedOrderEvents } from './orderEvents';
import { get, run } from './sql';

/**
 * A purchase order another PC of the branch wrote (src-main/sync/protocol/purchaseOps.ts): the
 * snapshot replaces this PC's copy only when its HLC is later; its tracking events are added
 * either way (union by id), so a PC that ordered and a PC that received both keep every step.
 * Answers whether anything changed here.
 */
export function applyPurchaseOp(db: LedgerDb, branchId: string, args: PurchaseOrderArgs): boolean {
  const { order: o, lines, events } = args;
  const stored = get<{ hlc: string }>(db, 'SELECT hlc FROM purchase_orders WHERE id = ?', o.id);
  let changed = false;
  if (!stored || stored.hlc < o.hlc) {
    const values = [
      o.docNo,
      o.supplierId,
      o.warehouseId,
      o.status,
      o.orderDate,
      o.expectedDate,
      o.note,
      o.totalQty,
      o.totalValueFen,
      o.createdBy,
      o.createdAt,
      o.updatedAt,
      o.originDeviceId,
      o.hlc,
    ];
    if (stored) {
      run(db, 'DELETE FROM purchase_order_lines WHERE order_id = ?', o.id);
      run(
        db,
        `UPDATE purchase_orders SET doc_no = ?, supplier_id = ?, warehouse_id = ?, status = ?, order_date = ?, expected_date = ?, note = ?, total_qty = ?,
           total_value_fen = ?, created_by = ?, created_at = ?, updated_at = ?, origin_device_id = ?, hlc = ?
         WHERE id = ?`,
        ...values,
        o.id,
      );
    } else {
      run(
        db,
        `INSERT INTO purchase_orders (doc_no, supplier_id, warehouse_id, status, order_date, expected_date, note, total_qty, total_value_fen, created_by,
           created_at, updated_at, origin_device_id, hlc, id, branch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...values,
        o.id,
        branchId,
      );
    }
    insertPurchaseLines(db, o.id, lines);
    changed = true;
  }
  return insertSyncedOrderEvents(db, 'purchase_order_events', o.id, events) || changed;
}
