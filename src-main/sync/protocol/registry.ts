import { z } from 'zod';
import { purchaseOrderArgs } from './purchaseOps';
import { salesInvoiceArgs, salesOrderArgs, salesPaymentArgs } from './salesOps';
import { creditNoteArgs, customerReturnArgs } from './returnOps';
import { supplierReturnArgs } from './supplierReturnOps';
import { transferReceiptArgs, transferShipmentArgs } from './transferOps';

/**
 * The sync registry: every op a device can push, with its version, the schema of its args,
 * who owns what it carries, how it merges, and the buckets it fills. Client and server read
 * the same table; a document type added later registers its ops here and is born syncable.
 *
 * Ownership and merge rules (DESIGN.md):
 * - `document`: a stock document belongs to the branch (and device) that created it — single
 *   writer; its movements are immutable and merge by union (insert if absent, by id).
 * - `branch-setup`: the branch's own warehouses, founded by its first device.
 * - `master-seed`: master data a device brings (a demo catalogue); head office owns master data,
 *   so it is inserted only where head office has no row of that id yet, never overwriting.
 * - `document-part`: more lines of a document whose op could not carry them all (a stock count
 *   posts thousands); it belongs to the document's branch and device, and its movements merge
 *   by union like the document's own.
 */

const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const int = z.number().int();
const hlc = z.string().max(100);

export const syncedDocument = z.strictObject({
  id: uuid,
  docType: z.enum(['receipt', 'adjustment', 'reversal', 'delivery', 'customer_return', 'return_disposition', 'supplier_return', 'transfer_out', 'transfer_in']),
  docNo: z.string().max(40),
  businessDate: date,
  warehouseId: uuid,
  supplierId: uuid.nullable(),
  reasonCode: z.string().max(40).nullable(),
  note: z.string().max(500),
  reversesDocumentId: uuid.nullable(),
  /** What the document fulfils (a delivery's sales order); absent on documents that fulfil nothing. */
  sourceId: uuid.nullable().optional(),
  /** The origin device's own branch id; the receiver replaces it with the token's branch. */
  branchId: uuid,
  status: z.literal('posted'),
  totalQty: int,
  totalValueFen: int,
  createdBy: z.string().max(64),
  createdAt: int,
  hlc,
});

export const syncedLine = z.strictObject({
  id: uuid,
  lineNo: int.min(1),
  productId: uuid,
  unitCode: z.string().max(20),
  unitQty: int,
  qty: int,
  lotId: uuid.nullable(),
  unitCostFen: int.nullable(),
  valueFen: int,
  reasonCode: z.string().max(40).nullable(),
  /** The source document's line (a delivery line's order line). */
  sourceLineId: uuid.nullable().optional(),
});

export const syncedLot = z.strictObject({
  id: uuid,
  productId: uuid,
  lotCode: z.string().max(40),
  expiryDate: date.nullable(),
  productionDate: date.nullable(),
  firstReceivedAt: int,
  hlc,
});

export const syncedMovement = z.strictObject({
  id: uuid,
  warehouseId: uuid,
  productId: uuid,
  lotId: uuid,
  qty: int,
  valueFen: int,
  documentType: z.string().max(40),
  documentId: uuid,
  lineId: uuid,
  businessDate: date,
  createdAt: int,
  hlc,
});

export const stockDocumentArgs = z.strictObject({
  document: syncedDocument,
  lines: z.array(syncedLine).max(5000),
  lots: z.array(syncedLot).max(5000),
  movements: z.array(syncedMovement).max(10000),
});
export type StockDocumentArgs = z.infer<typeof stockDocumentArgs>;

/**
 * A document op carries its header and at most this many lines (with their movements and the
 * lots they brought); further lines follow in `stock.documentPart` ops, written in the same
 * transaction. Parts are also cut by size, so every op stays far below a push batch's 1 MB.
 */
export const DOCUMENT_OP_MAX_LINES = 1000;
export const DOCUMENT_OP_MAX_BYTES = 400_000;

export const stockDocumentPartArgs = z.strictObject({
  documentId: uuid,
  /** 1 for the first part after the document op, then 2, 3, … */
  part: int.min(1),
  lines: z.array(syncedLine).min(1).max(DOCUMENT_OP_MAX_LINES),
  lots: z.array(syncedLot).max(5000),
  movements: z.array(syncedMovement).max(10000),
});
export type StockDocumentPartArgs = z.infer<typeof stockDocumentPartArgs>;

export const syncedWarehouse = z.strictObject({
  id: uuid,
  code: z.string().max(20),
  name: z.string().max(80),
  kind: z.enum(['main', 'returns', 'transit']),
});

export const branchSetupArgs = z.strictObject({
  branch: z.strictObject({ id: uuid, code: z.string().max(8), name: z.string().max(60), timeZone: z.string().max(64) }),
  warehouses: z.array(syncedWarehouse).max(100),
});
export type BranchSetupArgs = z.infer<typeof branchSetupArgs>;

export const masterEntities = [
  'category',
  'product',
  'product_unit',
  'supplier',
  'customer',
  'warehouse',
  'price_list',
  'price_list_item',
  'customer_price',
  'promotion',
  'supplier_product',
  'return_window',
  'branch',
] as const;
export type MasterEntity = (typeof masterEntities)[number];

export const masterSeedArgs = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        entity: z.enum(masterEntities),
        id: uuid,
        fields: z.record(z.string().max(40), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
      }),
    )
    .max(200_000),
});
export type MasterSeedArgs = z.infer<typeof masterSeedArgs>;

/**
 * A stock count (盘点) belongs to its branch: any PC of the branch counts on it. Its header and
 * snapshot lines come once (`counts.start`, then `counts.snapshotPart` ops of at most
 * COUNT_OP_MAX_LINES lines, from the PC that started it); entries merge by union by id
 * (`counts.entry`, with the line a scan found when it made one); review decisions merge per
 * field, last writer by HLC wins, and a recount raises the line's round (`counts.review`);
 * status changes (`counts.status`) merge by HLC between counting and review, and a posted or
 * cancelled count never goes back.
 */
export const COUNT_OP_MAX_LINES = 1000;

const countStatus = z.enum(['counting', 'review', 'posted', 'cancelled']);

export const syncedCount = z.strictObject({
  id: uuid,
  docNo: z.string().max(40),
  /** The origin device's own branch id; the receiver replaces it with its own (the token's) branch. */
  branchId: uuid,
  warehouseId: uuid,
  scope: z.enum(['full', 'partial', 'cycle']),
  scopeFilter: z.strictObject({
    categoryIds: z.array(uuid).max(20_000),
    zones: z.array(z.string().max(40)).max(20_000),
    productIds: z.array(uuid).max(20_000),
    abcClasses: z.array(z.enum(['A', 'B', 'C'])).max(3),
  }),
  blind: z.boolean(),
  snapshotAt: int,
  recountPermille: int.min(0),
  approvalValueFen: int.min(0),
  note: z.string().max(500),
  createdBy: z.string().max(64),
  createdAt: int,
  hlc,
});

export const syncedCountLine = z.strictObject({
  productId: uuid,
  lotId: uuid,
  lotCode: z.string().max(40),
  expiryDate: date.nullable(),
  bookQty: int,
  expected: z.boolean(),
  round: int.min(1),
  hlc,
});

export const countStartArgs = z.strictObject({
  count: syncedCount,
  lines: z.array(syncedCountLine).max(COUNT_OP_MAX_LINES),
});
export type CountStartArgs = z.infer<typeof countStartArgs>;

export const countSnapshotPartArgs = z.strictObject({
  countId: uuid,
  /** 1 for the first part after the start op, then 2, 3, … */
  part: int.min(1),
  lines: z.array(syncedCountLine).min(1).max(COUNT_OP_MAX_LINES),
});
export type CountSnapshotPartArgs = z.infer<typeof countSnapshotPartArgs>;

export const countEntryArgs = z.strictObject({
  countId: uuid,
  entry: z.strictObject({
    id: uuid,
    productId: uuid,
    lotId: uuid,
    round: int.min(1),
    unitCode: z.string().max(20),
    unitQty: int,
    qty: int,
    undoesEntryId: uuid.nullable(),
    counter: z.string().max(64),
    userId: z.string().max(64),
    deviceId: z.string().max(64),
    createdAt: int,
    hlc,
  }),
  /** The line this entry's scan added to the count ("found"), if it added one. */
  foundLine: syncedCountLine.nullable(),
});
export type CountEntryArgs = z.infer<typeof countEntryArgs>;

export const countReviewArgs = z.strictObject({
  countId: uuid,
  decision: z.enum(['reason', 'approval', 'recount']),
  lines: z
    .array(
      z.strictObject({
        productId: uuid,
        lotId: uuid,
        /** The line's round the decision was made in; a recount carries the new round. */
        round: int.min(1),
        reasonCode: z.string().max(40).nullable(),
        approvedBy: z.string().max(64).nullable(),
        approvedAt: int.nullable(),
        hlc,
      }),
    )
    .min(1)
    .max(COUNT_OP_MAX_LINES),
});
export type CountReviewArgs = z.infer<typeof countReviewArgs>;

export const countStatusArgs = z.strictObject({
  countId: uuid,
  status: countStatus,
  hlc,
  /** Posting: the adjustment it produced (an ordinary document op, pushed before this one). */
  adjustmentDocumentId: uuid.nullable(),
  closedBy: z.string().max(64).nullable(),
  closedAt: int.nullable(),
  /** Cancelling: the note it left (null: unchanged). */
  note: z.string().max(500).nullable(),
  /**
   * Posting: of each device that counted, the HLC of its newest entry the posting counted. Its
   * entries after that came too late (stock_counts.entries_seen); the PCs that hold one leave it
   * out of the figures, so every PC shows what was posted. Left out by PCs before this field.
   */
  entriesSeen: z
    .record(z.string().max(64), hlc)
    .refine((seen) => Object.keys(seen).length <= 1000, 'at most 1000 devices')
    .optional(),
});
export type CountStatusArgs = z.infer<typeof countStatusArgs>;

/** A count op with its scope, as both sides dispatch it. */
export type CountOp =
  | { scope: 'count'; args: CountStartArgs }
  | { scope: 'count-snapshot-part'; args: CountSnapshotPartArgs }
  | { scope: 'count-entry'; args: CountEntryArgs }
  | { scope: 'count-review'; args: CountReviewArgs }
  | { scope: 'count-status'; args: CountStatusArgs };

export const countScopes: readonly OpScope[] = ['count', 'count-snapshot-part', 'count-entry', 'count-review', 'count-status'];

/**
 * Where products are kept in the branch's warehouses (bins), set on any PC of the branch. Each
 * row merges last-writer-wins by its HLC; a cleared bin travels as '' and is kept as such, so an
 * older setting arriving later never brings it back.
 */
export const productLocationsArgs = z.strictObject({
  locations: z
    .array(z.strictObject({ warehouseId: uuid, productId: uuid, location: z.string().max(20), hlc }))
    .min(1)
    .max(5000),
});
export type ProductLocationsArgs = z.infer<typeof productLocationsArgs>;

/**
 * The buyer's reorder levels (min/max, base units) for products in the branch's warehouses,
 * set on any PC of the branch; each row merges last-writer-wins by its HLC, and a cleared
 * override travels as nulls, so an older setting arriving later never brings it back.
 */
export const replenishmentPoliciesArgs = z.strictObject({
  policies: z
    .array(
      z.strictObject({
        warehouseId: uuid,
        productId: uuid,
        minQty: int.nullable(),
        maxQty: int.nullable(),
        updatedBy: z.string().max(64),
        updatedAt: int,
        hlc,
      }),
    )
    .min(1)
    .max(5000),
});
export type ReplenishmentPoliciesArgs = z.infer<typeof replenishmentPoliciesArgs>;

/**
 * The branch's period lock (关账), set on any PC of the branch: the later lock date wins (a lock
 * only moves forward), so PCs that locked offline converge on the furthest date.
 */
export const periodLockArgs = z.strictObject({ lockedThrough: date, lockedBy: z.string().max(64), lockedAt: int, hlc });
export type PeriodLockArgs = z.infer<typeof periodLockArgs>;

/** A salesperson's target for a month (销售目标), set on any PC of the branch: the later HLC wins. */
export const salesTargetArgs = z.strictObject({
  id: uuid,
  salesperson: z.string().min(1).max(40),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  targetFen: int.min(0),
  updatedBy: z.string().max(64),
  updatedAt: int,
  hlc,
});
export type SalesTargetArgs = z.infer<typeof salesTargetArgs>;

export type OpScope =
  | 'document'
  | 'document-part'
  | 'branch-setup'
  | 'master-seed'
  | 'count'
  | 'count-snapshot-part'
  | 'count-entry'
  | 'count-review'
  | 'count-status'
  | 'sales-order'
  | 'sales-invoice'
  | 'sales-payment'
  | 'return-customer'
  | 'return-credit-note'
  | 'purchase-order'
  | 'supplier-return'
  | 'product-locations'
  | 'period-lock'
  | 'sales-target'
  | 'replenishment-policies'
  | 'transfer-shipment'
  | 'transfer-receipt';

export interface OpSpec {
  version: number;
  scope: OpScope;
  args: z.ZodType;
  /** Buckets whose checksums cover what this op carries. */
  buckets: readonly string[];
}

export const opRegistry = {
  'setup.createBranch': { version: 1, scope: 'branch-setup', args: branchSetupArgs, buckets: ['warehouses'] },
  'master.import': { version: 1, scope: 'master-seed', args: masterSeedArgs, buckets: ['master'] },
  'stock.receive': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'stock.adjust': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'stock.reverse': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'stock.documentPart': { version: 1, scope: 'document-part', args: stockDocumentPartArgs, buckets: ['documents', 'movements'] },
  'counts.start': { version: 1, scope: 'count', args: countStartArgs, buckets: ['counts'] },
  'counts.snapshotPart': { version: 1, scope: 'count-snapshot-part', args: countSnapshotPartArgs, buckets: ['counts'] },
  'counts.entry': { version: 1, scope: 'count-entry', args: countEntryArgs, buckets: ['counts'] },
  'counts.review': { version: 1, scope: 'count-review', args: countReviewArgs, buckets: ['counts'] },
  'counts.status': { version: 1, scope: 'count-status', args: countStatusArgs, buckets: ['counts'] },
  // A delivery is a stock document (its movements are the stock issue); the order, its invoices
  // and the customer's payments are the branch's sales records (salesOps.ts).
  'sales.deliver': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'sales.order': { version: 1, scope: 'sales-order', args: salesOrderArgs, buckets: ['sales'] },
  'sales.invoice': { version: 1, scope: 'sales-invoice', args: salesInvoiceArgs, buckets: ['sales'] },
  'sales.payment': { version: 1, scope: 'sales-payment', args: salesPaymentArgs, buckets: ['sales'] },
  // A return's receipt and disposition are stock documents; the return and its credit note are
  // the branch's sales records (returnOps.ts).
  'returns.receive': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'returns.inspect': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'returns.customer': { version: 1, scope: 'return-customer', args: customerReturnArgs, buckets: ['sales'] },
  'returns.creditNote': { version: 1, scope: 'return-credit-note', args: creditNoteArgs, buckets: ['sales'] },
  'periods.lock': { version: 1, scope: 'period-lock', args: periodLockArgs, buckets: ['periods'] },
  // A receipt against a purchase order is a stock document like any receipt (its source is the
  // order); the order itself is the branch's purchasing record (purchaseOps.ts).
  'purchasing.receive': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'purchasing.order': { version: 1, scope: 'purchase-order', args: purchaseOrderArgs, buckets: ['purchasing'] },
  // Goods sent back to a supplier leave by a stock document; the return and its claim are a
  // snapshot of their own (supplierReturnOps.ts).
  'returns.supplierSend': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'returns.supplier': { version: 1, scope: 'supplier-return', args: supplierReturnArgs, buckets: ['returns'] },
  'products.setLocations': { version: 1, scope: 'product-locations', args: productLocationsArgs, buckets: ['locations'] },
  'targets.set': { version: 1, scope: 'sales-target', args: salesTargetArgs, buckets: ['targets'] },
  'replenishment.policies': { version: 1, scope: 'replenishment-policies', args: replenishmentPoliciesArgs, buckets: ['replenishment'] },
  // Stock transfers: the goods leave and arrive by each branch's own stock documents; the
  // shipment is the sender's part and the receipt the receiver's (transferOps.ts).
  'transfers.send': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'transfers.receive': { version: 1, scope: 'document', args: stockDocumentArgs, buckets: ['documents', 'movements'] },
  'transfers.shipment': { version: 1, scope: 'transfer-shipment', args: transferShipmentArgs, buckets: ['transfers'] },
  'transfers.receipt': { version: 1, scope: 'transfer-receipt', args: transferReceiptArgs, buckets: ['transfers'] },
} as const satisfies Record<string, OpSpec>;

export type RegisteredOpName = keyof typeof opRegistry;

export function findOp(name: string, version: number): OpSpec | undefined {
  if (!Object.prototype.hasOwnProperty.call(opRegistry, name)) return undefined;
  const spec: OpSpec = opRegistry[name as RegisteredOpName];
  return spec.version === version ? spec : undefined;
}
