import type { LedgerDb } from '../../db/openLedgerDb';
import type { TransferReceiptArgs, TransferShipmentArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { runForRows, valuesOf } from './sql';
import { takeNewerSnapshot } from './takeNewerSnapshot';
import { insertReceipt, insertTransferLines } from './transfers';

/**
 * A transfer's parts as another PC wrote them (src-main/sync/protocol/transferOps.ts). The
 * shipment replaces this PC's copy when its HLC is later, bringing the lots its lines left in
 * (a receiving branch may never have held them); the receipt is written once. Tracking events
 * merge by union either way. Answers whether anything changed here.
 */
export function applyTransferShipment(db: LedgerDb, args: TransferShipmentArgs): boolean {
  const { transfer: t, lines, events } = args;
  const row = {
    id: t.id,
    branch_id: t.branchId,
    doc_no: t.docNo,
    from_branch_code: t.fromBranchCode,
    from_branch_name: t.fromBranchName,
    from_warehouse_id: t.fromWarehouseId,
    from_warehouse_name: t.fromWarehouseName,
    to_branch_id: t.toBranchId,
    to_branch_code: t.toBranchCode,
    to_warehouse_id: t.toWarehouseId,
    to_warehouse_name: t.toWarehouseName,
    status: t.status,
    two_step: t.twoStep ? 1 : 0,
    business_date: t.businessDate,
    note: t.note,
    total_qty: t.totalQty,
    total_value_fen: t.totalValueFen,
    document_id: t.documentId,
    document_no: t.documentNo,
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    origin_device_id: t.originDeviceId,
    hlc: t.hlc,
  };
  const changed = takeNewerSnapshot(db, 'transfers', row, [['transfer_lines', 'transfer_id']]);
  if (changed) {
    const values: unknown[] = [];
    for (const l of lines) if (l.lotId !== null) values.push(l.lotId, l.productId, l.lotCode ?? '', l.expiryDate, t.createdAt, t.hlc);
    // A lot's id is derived from product and code on every PC (core/ids lotIdFor): the same lot wherever it is known.
    runForRows(db, (n) => `INSERT OR IGNORE INTO lots (id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc) SELECT column1, column2, column3, column4, NULL, column5, column6 FROM (VALUES ${valuesOf(n, 6)})`, 6, values);
    insertTransferLines({ db }, t.id, lines);
  }
  return insertSyncedOrderEvents(db, 'transfer_events', t.id, events) || changed;
}

export function applyTransferReceipt(db: LedgerDb, args: TransferReceiptArgs): boolean {
  const added = insertReceipt({ db }, args.receipt, args.lines);
  return insertSyncedOrderEvents(db, 'transfer_events', args.receipt.transferId, args.events) || added;
}
