import { z } from 'zod';
import { returnReasonCodes, supplierReturnStatuses } from '../../core/supplierReturn';
import { syncedSalesEvent } from './salesOps';

/**
 * A supplier return (退供) on the wire (`returns.supplier`). It belongs to its branch; any PC of
 * the branch may act on it, and each change sends the whole return as it now stands: the later
 * HLC wins and its tracking events merge by union, like a sales order (salesOps.ts). The goods
 * leaving are a stock document of type 'supplier_return', sent by the document op.
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const text = (n: number) => z.string().max(n);

export const SUPPLIER_RETURN_OP_MAX_LINES = 500;

export const supplierReturnArgs = z.strictObject({
  supplierReturn: z.strictObject({
    id: uuid,
    branchId: uuid,
    docNo: text(40),
    supplierId: uuid,
    warehouseId: uuid,
    status: z.enum(supplierReturnStatuses),
    businessDate: date,
    documentId: uuid.nullable(),
    claimFen: int.min(0),
    creditedFen: int.min(0),
    reference: text(80),
    note: text(500),
    createdBy: text(64),
    createdAt: int,
    updatedAt: int,
    originDeviceId: text(64),
    hlc: z.string().max(100),
  }),
  lines: z
    .array(
      z.strictObject({
        id: uuid,
        lineNo: int.min(1),
        productId: uuid,
        lotId: uuid,
        unitCode: text(20),
        unitQty: int.min(1),
        qty: int.min(1),
        valueFen: int,
        reasonCode: z.enum(returnReasonCodes),
        customerReturnLineId: uuid.nullable(),
        note: text(500),
      }),
    )
    .min(1)
    .max(SUPPLIER_RETURN_OP_MAX_LINES),
  events: z
    .array(syncedSalesEvent.omit({ documentId: true, documentNo: true }).extend({ amountFen: int.nullable() }))
    .max(200),
});
export type SupplierReturnArgs = z.infer<typeof supplierReturnArgs>;
