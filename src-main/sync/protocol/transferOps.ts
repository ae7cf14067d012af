import { z } from 'zod';
import { transferDiscrepancyReasons, transferDispositions, transferShipmentStatuses } from '../../core/transfer';
import { syncedSalesEvent } from './salesOps';

/**
 * Stock transfers on the wire (core/transfer.ts). Each side writes only its own part:
 * - `transfers.shipment` — the sending branch's document as it now stands (header, lines with
 *   their lots, its tracking events). Any PC of the sender may act on it; the later HLC wins,
 *   events merge by union. Head office relays it to the sender's PCs and, once sent, to the
 *   receiving branch's, resolving the branch code the sender gave to that branch.
 * - `transfers.receipt` — the receiving branch's receipt: written once, by the PC that received,
 *   and relayed to both branches so the sender sees it received.
 * The goods move by stock documents ('transfer_out' from the sender, 'transfer_in' into the
 * receiver), ordinary document ops of each branch that never leave it.
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const hlc = z.string().max(100);
const text = (n: number) => z.string().max(n);

export const TRANSFER_OP_MAX_LINES = 1000;

export const transferShipmentArgs = z.strictObject({
  transfer: z.strictObject({
    id: uuid,
    /** The sender's branch; head office replaces it with the token's. */
    branchId: uuid,
    docNo: text(40),
    fromBranchCode: text(8),
    fromBranchName: text(60),
    fromWarehouseId: uuid,
    fromWarehouseName: text(80),
    /** Null until head office resolves `toBranchCode`; it fills it in what it relays. */
    toBranchId: uuid.nullable(),
    toBranchCode: text(8),
    toWarehouseId: uuid.nullable(),
    toWarehouseName: text(80),
    status: z.enum(transferShipmentStatuses),
    twoStep: z.boolean(),
    businessDate: date,
    note: text(500),
    totalQty: int,
    totalValueFen: int,
    documentId: uuid.nullable(),
    documentNo: text(40).nullable(),
    createdBy: text(64),
    createdAt: int,
    updatedAt: int,
    originDeviceId: text(64),
    hlc,
  }),
  lines: z
    .array(
      z.strictObject({
        id: uuid,
        lineNo: int.min(1),
        productId: uuid,
        unitCode: text(20),
        unitQty: int,
        qty: int,
        lotId: uuid.nullable(),
        lotCode: text(40).nullable(),
        expiryDate: date.nullable(),
        valueFen: int,
      }),
    )
    .min(1)
    .max(TRANSFER_OP_MAX_LINES),
  events: z.array(syncedSalesEvent).max(2000),
});
export type TransferShipmentArgs = z.infer<typeof transferShipmentArgs>;

export const transferReceiptArgs = z.strictObject({
  receipt: z.strictObject({
    id: uuid,
    transferId: uuid,
    /** The receiver's branch; head office replaces it with the token's. */
    branchId: uuid,
    warehouseId: uuid,
    warehouseName: text(80),
    businessDate: date,
    documentId: uuid.nullable(),
    documentNo: text(40).nullable(),
    receivedQty: int,
    writtenOffFen: int,
    note: text(500),
    receivedBy: text(64),
    receivedAt: int,
    hlc,
  }),
  lines: z
    .array(
      z.strictObject({
        id: uuid,
        transferLineId: uuid,
        receivedQty: int.min(0),
        reasonCode: z.enum(transferDiscrepancyReasons).nullable(),
        disposition: z.enum(transferDispositions).nullable(),
        differenceFen: int,
      }),
    )
    .min(1)
    .max(TRANSFER_OP_MAX_LINES),
  events: z.array(syncedSalesEvent).max(2000),
});
export type TransferReceiptArgs = z.infer<typeof transferReceiptArgs>;
