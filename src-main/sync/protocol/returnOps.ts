import { z } from 'zod';
import { customerReturnStatuses, returnReasonCodes } from '../../core/customerReturn';
import { syncedSalesEvent } from './salesOps';

/**
 * Customer returns on the wire, like sales orders (salesOps.ts). A return belongs to its branch;
 * any PC of the branch may act on it, and each change sends the whole return as it now stands
 * (`returns.customer`): the later HLC wins and its tracking events merge by union. Its receipt
 * and disposition are stock documents and travel as such; its credit note is immutable and
 * travels once (`returns.creditNote`, with how it was set against invoices).
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const hlc = z.string().max(100);
const text = (n: number) => z.string().max(n);

export const RETURN_OP_MAX_LINES = 500;

export const syncedCustomerReturn = z.strictObject({
  id: uuid,
  branchId: uuid,
  docNo: text(40),
  customerId: uuid,
  deliveryId: uuid.nullable(),
  orderId: uuid.nullable(),
  recallLotId: uuid.nullable(),
  status: z.enum(customerReturnStatuses),
  businessDate: date,
  returnsWarehouseId: uuid,
  restockWarehouseId: uuid,
  approvalReasons: z.array(z.record(z.string(), z.union([z.string().max(40), int]))).max(RETURN_OP_MAX_LINES + 1),
  approvedBy: text(64).nullable(),
  approvedAt: int.nullable(),
  receiptDocumentId: uuid.nullable(),
  dispositionDocumentId: uuid.nullable(),
  settlement: z.enum(['credit', 'refund']).nullable(),
  creditNoteId: uuid.nullable(),
  freeGoodsDeductionFen: int,
  totalNetFen: int,
  totalTaxFen: int,
  totalGrossFen: int,
  note: text(500),
  createdBy: text(64),
  createdAt: int,
  updatedAt: int,
  originDeviceId: text(64),
  hlc,
});

export const syncedCustomerReturnLine = z.strictObject({
  id: uuid,
  lineNo: int.min(1),
  productId: uuid,
  deliveryLineId: uuid.nullable(),
  orderLineId: uuid.nullable(),
  lotId: uuid.nullable(),
  unitCode: text(20),
  unitQty: int,
  qty: int.min(1),
  reasonCode: z.enum(returnReasonCodes),
  note: text(500),
  free: z.boolean(),
  unitPriceFen: int,
  netFen: int,
  taxRateBp: int,
  taxFen: int,
  grossFen: int,
  costFen: int,
  restockQty: int.min(0),
  quarantineQty: int.min(0),
  scrapQty: int.min(0),
  supplierQty: int.min(0),
  creditedQty: int.min(0),
});

/** A return's tracking event has the shape of an order's. */
export const syncedReturnEvent = syncedSalesEvent;

export const customerReturnArgs = z.strictObject({
  customerReturn: syncedCustomerReturn,
  lines: z.array(syncedCustomerReturnLine).min(1).max(RETURN_OP_MAX_LINES),
  events: z.array(syncedReturnEvent).max(2000),
});
export type CustomerReturnArgs = z.infer<typeof customerReturnArgs>;

export const creditNoteArgs = z.strictObject({
  creditNote: z.strictObject({
    id: uuid,
    branchId: uuid,
    docNo: text(40),
    customerId: uuid,
    returnId: uuid,
    invoiceId: uuid.nullable(),
    businessDate: date,
    settlement: z.enum(['credit', 'refund']),
    refundMethod: z.enum(['cash', 'transfer']).nullable(),
    netFen: int,
    taxFen: int,
    grossFen: int.min(1),
    note: text(500),
    createdBy: text(64),
    createdAt: int,
    hlc,
  }),
  allocations: z.array(z.strictObject({ id: uuid, invoiceId: uuid, amountFen: int.min(1) })).max(200),
});
export type CreditNoteArgs = z.infer<typeof creditNoteArgs>;
