import type { LedgerDb } from '../../db/openLedgerDb';
import type { CreditNoteArgs, CustomerReturnArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { insertCreditNote, insertReturnLines } from './customerReturns';
import { get, run } from './sql';

export type PulledReturnOp = { scope: 'return-customer'; args: CustomerReturnArgs } | { scope: 'return-credit-note'; args: CreditNoteArgs };

/**
 * A customer return another PC of the branch wrote (src-main/sync/protocol/returnOps.ts), applied
 * as sales orders are (applySalesOp.ts): a snapshot replaces this PC's copy only when its HLC is
 * later, its tracking events are added either way (union by id); a credit note is inserted once.
 * Answers whether anything changed here.
 */
export function applyReturnOp(db: LedgerDb, branchId: string, op: PulledReturnOp): boolean {
  if (op.scope === 'return-credit-note') {
    if (get(db, 'SELECT 1 FROM credit_notes WHERE id = ?', op.args.creditNote.id)) return false;
    insertCreditNote(db, { ...op.args.creditNote, branchId }, op.args.allocations);
    run(db, 'UPDATE customer_returns SET credit_note_id = ? WHERE id = ? AND credit_note_id IS NULL', op.args.creditNote.id, op.args.creditNote.returnId);
    return true;
  }
  const { customerReturn: r, lines, events } = op.args;
  const stored = get<{ hlc: string }>(db, 'SELECT hlc FROM customer_returns WHERE id = ?', r.id);
  let changed = false;
  if (!stored || stored.hlc < r.hlc) {
    const values = [
      r.docNo,
      r.customerId,
      r.deliveryId,
      r.orderId,
      r.recallLotId,
      r.status,
      r.businessDate,
      r.returnsWarehouseId,
      r.restockWarehouseId,
      JSON.stringify(r.approvalReasons),
      r.approvedBy,
      r.approvedAt,
      r.receiptDocumentId,
      r.dispositionDocumentId,
      r.settlement,
      // The credit note travels in its own op and may arrive after the return that names it.
      null,
      r.freeGoodsDeductionFen,
      r.totalNetFen,
      r.totalTaxFen,
      r.totalGrossFen,
      r.note,
      r.createdBy,
      r.createdAt,
      r.updatedAt,
      r.originDeviceId,
      r.hlc,
    ];
    if (stored) {
      run(db, 'DELETE FROM customer_return_lines WHERE return_id = ?', r.id);
      run(
        db,
        `UPDATE customer_returns SET doc_no = ?, customer_id = ?, delivery_id = ?, order_id = ?, recall_lot_id = ?, status = ?, business_date = ?,
           returns_warehouse_id = ?, restock_warehouse_id = ?, approval_reasons = ?, approved_by = ?, approved_at = ?, receipt_document_id = ?,
           disposition_document_id = ?, settlement = ?, credit_note_id = ?, free_goods_deduction_fen = ?, total_net_fen = ?, total_tax_fen = ?,
           total_gross_fen = ?, note = ?, created_by = ?, created_at = ?, updated_at = ?, origin_device_id = ?, hlc = ?
         WHERE id = ?`,
        ...values,
        r.id,
      );
    } else {
      run(
        db,
        `INSERT INTO customer_returns (doc_no, customer_id, delivery_id, order_id, recall_lot_id, status, business_date, returns_warehouse_id,
           restock_warehouse_id, approval_reasons, approved_by, approved_at, receipt_document_id, disposition_document_id, settlement, credit_note_id,
           free_goods_deduction_fen, total_net_fen, total_tax_fen, total_gross_fen, note, created_by, created_at, updated_at, origin_device_id, hlc, id, branch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...values,
        r.id,
        branchId,
      );
    }
    insertReturnLines(
      db,
      r.id,
      lines.map((l) => ({
        id: l.id,
        line_no: l.lineNo,
        product_id: l.productId,
        delivery_line_id: l.deliveryLineId,
        order_line_id: l.orderLineId,
        lot_id: l.lotId,
        unit_code: l.unitCode,
        unit_qty: l.unitQty,
        qty: l.qty,
        reason_code: l.reasonCode,
        note: l.note,
        free: l.free ? 1 : 0,
        unit_price_fen: l.unitPriceFen,
        net_fen: l.netFen,
        tax_rate_bp: l.taxRateBp,
        tax_fen: l.taxFen,
        gross_fen: l.grossFen,
        cost_fen: l.costFen,
        restock_qty: l.restockQty,
        quarantine_qty: l.quarantineQty,
        scrap_qty: l.scrapQty,
        supplier_qty: l.supplierQty,
        credited_qty: l.creditedQty,
      })),
    );
    changed = true;
  }
  // The note named by the snapshot, once it is here (it may have come first, or come later).
  if (r.creditNoteId && get(db, 'SELECT 1 FROM credit_notes WHERE id = ?', r.creditNoteId)) {
    run(db, 'UPDATE customer_returns SET credit_note_id = ? WHERE id = ? AND credit_note_id IS NULL', r.creditNoteId, r.id);
  }
  changed = insertSyncedOrderEvents(db, 'customer_return_events', r.id, events) || changed;
  return changed;
}
