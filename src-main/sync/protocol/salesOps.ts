import { z } from 'zod';
import { salesOrderStatuses } from '../../core/salesOrder';

/**
 * Sales documents on the wire. An order belongs to its branch; any PC of the branch may act on
 * it, and each change sends the whole order as it now stands (`sales.order`): the later HLC
 * wins, and its tracking events merge by union, so no step of its history is lost even when two
 * PCs changed it offline. Quantities delivered and invoiced are never in the snapshot: they are
 * read from deliveries (stock documents) and invoices, which are immutable and merge by union.
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const hlc = z.string().max(100);
const text = (n: number) => z.string().max(n);

export const SALES_OP_MAX_LINES = 500;

export const syncedSalesOrder = z.strictObject({
  id: uuid,
  branchId: uuid,
  docNo: text(40),
  customerId: uuid,
  warehouseId: uuid,
  status: z.enum(salesOrderStatuses),
  businessDate: date,
  requestedDate: date.nullable(),
  note: text(500),
  salesperson: text(60),
  approvalReasons: z.array(z.record(z.string(), z.union([z.string().max(40), int]))).max(SALES_OP_MAX_LINES * 2 + 1),
  approvedBy: text(64).nullable(),
  approvedAt: int.nullable(),
  creditCheck: z.record(z.string(), z.union([int, z.null()])).nullable(),
  totalNetFen: int,
  totalTaxFen: int,
  totalGrossFen: int,
  createdBy: text(64),
  createdAt: int,
  updatedAt: int,
  originDeviceId: text(64),
  hlc,
});

export const syncedSalesLine = z.strictObject({
  id: uuid,
  lineNo: int.min(1),
  productId: uuid,
  unitCode: text(20),
  unitQty: int,
  qty: int,
  unitPriceFen: int,
  listPriceFen: int,
  priceSource: z.enum(['customer', 'list', 'standard', 'manual', 'free']),
  discountBp: int,
  netFen: int,
  taxRateBp: int,
  taxFen: int,
  grossFen: int,
  free: z.boolean(),
  promotionId: uuid.nullable(),
  parentLineId: uuid.nullable(),
  note: text(500),
  closedQty: int.min(0),
});

export const syncedAllocation = z.strictObject({ id: uuid, lineId: uuid, warehouseId: uuid, productId: uuid, lotId: uuid, qty: int.min(1) });

export const syncedSalesEvent = z.strictObject({
  id: uuid,
  action: text(40),
  fromStatus: text(40).nullable(),
  toStatus: text(40),
  userId: text(64),
  deviceId: text(64),
  at: int,
  note: text(500),
  documentId: uuid.nullable(),
  documentNo: text(40).nullable(),
});

export const salesOrderArgs = z.strictObject({
  order: syncedSalesOrder,
  lines: z.array(syncedSalesLine).min(1).max(SALES_OP_MAX_LINES * 2),
  allocations: z.array(syncedAllocation).max(SALES_OP_MAX_LINES * 20),
  events: z.array(syncedSalesEvent).max(2000),
});
export type SalesOrderArgs = z.infer<typeof salesOrderArgs>;

export const salesInvoiceArgs = z.strictObject({
  invoice: z.strictObject({
    id: uuid,
    branchId: uuid,
    docNo: text(40),
    orderId: uuid,
    customerId: uuid,
    businessDate: date,
    dueDate: date,
    netFen: int,
    taxFen: int,
    grossFen: int,
    createdBy: text(64),
    createdAt: int,
    hlc,
  }),
  lines: z
    .array(z.strictObject({ id: uuid, orderLineId: uuid, qty: int.min(1), netFen: int, taxFen: int, grossFen: int }))
    .min(1)
    .max(SALES_OP_MAX_LINES * 2),
});
export type SalesInvoiceArgs = z.infer<typeof salesInvoiceArgs>;

export const salesPaymentArgs = z.strictObject({
  payment: z.strictObject({
    id: uuid,
    branchId: uuid,
    docNo: text(40),
    customerId: uuid,
    businessDate: date,
    method: z.enum(['cash', 'transfer']),
    amountFen: int.min(1),
    reference: text(80),
    note: text(500),
    createdBy: text(64),
    createdAt: int,
    hlc,
  }),
  allocations: z.array(z.strictObject({ id: uuid, invoiceId: uuid, amountFen: int.min(1) })).max(200),
});
export type SalesPaymentArgs = z.infer<typeof salesPaymentArgs>;
