import type { LedgerDb } from '../../db/openLedgerDb';
import type { CreditNoteArgs, CustomerReturnArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { insertCreditNote, insertReturnLines } from './customerReturns';
import { get, run } from './sql';
import { takeNewerSnapshot } from './takeNewerSnapshot';

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
  // The credit note travels in its own op and may arrive after the return that names it, so the
  // snapshot leaves credit_note_id alone; it is set below once the note is here.
  const row = {
    id: r.id,
    branch_id: branchId,
    doc_no: r.docNo,
    customer_id: r.customerId,
    delivery_id: r.deliveryId,
    order_id: r.orderId,
    recall_lot_id: r.recallLotId,
    status: r.status,
    business_date: r.businessDate,
    returns_warehouse_id: r.returnsWarehouseId,
    restock_warehouse_id: r.restockWarehouseId,
    approval_reasons: JSON.stringify(r.approvalReasons),
    approved_by: r.approvedBy,
    approved_at: r.approvedAt,
    receipt_document_id: r.receiptDocumentId,
    disposition_document_id: r.dispositionDocumentId,
    settlement: r.settlement,
    free_goods_deduction_fen: r.freeGoodsDeductionFen,
    total_net_fen: r.totalNetFen,
    total_tax_fen: r.totalTaxFen,
    total_gross_fen: r.totalGrossFen,
    note: r.note,
    created_by: r.createdBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    origin_device_id: r.originDeviceId,
    hlc: r.hlc,
  };
  let changed = takeNewerSnapshot(db, 'customer_returns', row, [['customer_return_lines', 'return_id']]);
  if (changed) {
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
  }
  // The note named by the snapshot, once it is here (it may have come first, or come later).
  if (r.creditNoteId && get(db, 'SELECT 1 FROM credit_notes WHERE id = ?', r.creditNoteId)) {
    run(db, 'UPDATE customer_returns SET credit_note_id = ? WHERE id = ? AND credit_note_id IS NULL', r.creditNoteId, r.id);
  }
  changed = insertSyncedOrderEvents(db, 'customer_return_events', r.id, events) || changed;
  return changed;
}
