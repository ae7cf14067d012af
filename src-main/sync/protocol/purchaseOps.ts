import { z } from 'zod';
import { purchaseOrderStatuses } from '../../core/purchaseOrder';
import { syncedSalesEvent } from './salesOps';

/**
 * Purchase orders on the wire. An order belongs to its branch; any PC of the branch may act on
 * it (one PC orders, another receives), and each change sends the whole order as it now stands
 * (`purchasing.order`): the later HLC wins, and its tracking events merge by union. Received
 * quantities are never in the snapshot: they are read from the receipts (stock documents whose
 * source is the order), which are immutable and merge by union.
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const hlc = z.string().max(100);
const text = (n: number) => z.string().max(n);

export const PURCHASE_OP_MAX_LINES = 500;

export const purchaseOrderArgs = z.strictObject({
  order: z.strictObject({
    id: uuid,
    branchId: uuid,
    docNo: text(40),
    supplierId: uuid,
    warehouseId: uuid,
    status: z.enum(purchaseOrderStatuses),
    orderDate: date,
    expectedDate: date,
    note: text(500),
    totalQty: int,
    totalValueFen: int,
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
        unitCostFen: int,
        valueFen: int,
        closedQty: int.min(0),
      }),
    )
    .min(1)
    .max(PURCHASE_OP_MAX_LINES),
  /** Tracking events, the same shape as a sales order's. */
  events: z.array(syncedSalesEvent).max(2000),
});
export type PurchaseOrderArgs = z.infer<typeof purchaseOrderArgs>;
