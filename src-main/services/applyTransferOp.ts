import type { LedgerDb } from '../../db/openLedgerDb';
import type { Role } from '../core/permissions';
import { requireBranch, todayAt } from './branch';
import { writeAudit } from './journal';
import { insertOrderEvent } from './orderEvents';
import type { PostingContext } from './posting';
import { readSetting } from './settings';
import { postReversal, type OriginalDocument } from './stockDocuments';
import type { CommandContext } from './types';
import type { TransferReceiptArgs, TransferShipmentArgs } from '../sync/protocol';
import { insertSyncedOrderEvents } from './orderEvents';
import { get, run, runForRows, valuesOf } from './sql';
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

/**
 * The receiving branch's receipt. Head office keeps one receipt per transfer and relays only
 * that one, so a receipt arriving here for a transfer this PC holds a different receipt of can
 * only mean: two PCs of the branch received the same goods offline, the other PC's receipt
 * reached head office first, and this PC's was (or will be) refused with CONFLICT. Its goods
 * were taken in twice, so this PC — the single writer of its own transfer-in document — answers
 * with a compensating reversal (compensateDuplicateReceipt), and the accepted receipt takes the
 * place of its own.
 */
export function applyTransferReceipt(ctx: PostingContext, args: TransferReceiptArgs): boolean {
  const compensated = compensateDuplicateReceipt(ctx, args.receipt);
  const added = insertReceipt(ctx, args.receipt, args.lines);
  return insertSyncedOrderEvents(ctx.db, 'transfer_events', args.receipt.transferId, args.events) || added || compensated;
}

/**
 * DESIGN.md: what sync reveals is never silently corrected — it is answered by a compensating
 * document that everyone sees. The reversal of this PC's transfer-in goes out like any document
 * (so the branch's other PCs and head office take the goods back out too), is audited and noted
 * on the transfer's tracking as 'duplicate_receipt', as the user whose receipt lost. It takes
 * back all of it even when some was issued meanwhile (into another warehouse than the accepted
 * receipt's, say): leaving that out would count those goods twice for good. The lot then stands
 * below zero by the shortfall, which the event states; head office opens one stock exception for
 * it when the reversal arrives, the branch pulls it, and a compensating document (a count, a
 * receipt) resolves it. This PC's own receipt rows, which head office never accepted, give way
 * to the accepted one.
 */
function compensateDuplicateReceipt(ctx: PostingContext, accepted: TransferReceiptArgs['receipt']): boolean {
  const own = get<{ id: string; document_id: string | null; document_no: string | null; received_by: string }>(
    ctx.db,
    'SELECT id, document_id, document_no, received_by FROM transfer_receipts WHERE transfer_id = ? AND id <> ?',
    accepted.transferId,
    accepted.id,
  );
  if (!own) return false;
  const branch = requireBranch(ctx);
  const user = get<{ role: Role }>(ctx.db, 'SELECT role FROM users WHERE id = ?', own.received_by);
  const command: CommandContext = { ...ctx, currentUser: { id: own.received_by, role: user?.role ?? 'clerk' }, deviceId: readSetting<string>(ctx, 'deviceId') ?? '' };
  const transfer = get<{ doc_no: string }>(ctx.db, 'SELECT doc_no FROM transfers WHERE id = ?', accepted.transferId);
  const note = `${transfer?.doc_no ?? accepted.transferId}: ${accepted.documentNo ?? accepted.id}`;
  let reversal: { docNo: string; id: string } | null = null;
  let shortfall = 0;
  const original = own.document_id === null ? undefined : get<OriginalDocument>(ctx.db, 'SELECT id, doc_type, doc_no, warehouse_id FROM stock_documents WHERE id = ?', own.document_id);
  const reversedAlready = original && get(ctx.db, 'SELECT 1 AS x FROM stock_documents WHERE reverses_document_id = ?', original.id);
  if (original && !reversedAlready) {
    const posted = postReversal(command, branch, original, { businessDate: todayAt(ctx, branch), note, method: 'stock.reverse', compensation: true });
    reversal = posted.document;
    shortfall = posted.shortfall;
  }
  run(ctx.db, 'DELETE FROM transfer_receipt_lines WHERE receipt_id = ?', own.id);
  run(ctx.db, 'DELETE FROM transfer_receipts WHERE id = ?', own.id);
  insertOrderEvent(command, 'transfer_events', accepted.transferId, {
    action: 'duplicate_receipt',
    from: 'received',
    to: 'received',
    note: JSON.stringify({ acceptedDocumentNo: accepted.documentNo, ownDocumentNo: own.document_no, shortfall }),
    ...(reversal ? { documentId: reversal.id, documentNo: reversal.docNo } : {}),
  });
  writeAudit(command, 'transfers.duplicateReceipt', 'transfer', accepted.transferId, { receiptId: own.id, documentNo: own.document_no }, {
    receiptId: accepted.id,
    documentNo: accepted.documentNo,
    reversalNo: reversal?.docNo ?? null,
    shortfall,
  });
  return true;
}
