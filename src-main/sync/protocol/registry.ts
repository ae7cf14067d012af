import { z } from 'zod';

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
  docType: z.enum(['receipt', 'adjustment', 'reversal']),
  docNo: z.string().max(40),
  businessDate: date,
  warehouseId: uuid,
  supplierId: uuid.nullable(),
  reasonCode: z.string().max(40).nullable(),
  note: z.string().max(500),
  reversesDocumentId: uuid.nullable(),
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

export const masterEntities = ['category', 'product', 'product_unit', 'supplier', 'customer', 'warehouse'] as const;
export type MasterEntity = (typeof masterEntities)[number];

export const masterSeedArgs = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        entity: z.enum(masterEntities),
        id: uuid,
        fields: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
      }),
    )
    .max(200_000),
});
export type MasterSeedArgs = z.infer<typeof masterSeedArgs>;

export type OpScope = 'document' | 'document-part' | 'branch-setup' | 'master-seed';

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
} as const satisfies Record<string, OpSpec>;

export type RegisteredOpName = keyof typeof opRegistry;

export function findOp(name: string, version: number): OpSpec | undefined {
  if (!Object.prototype.hasOwnProperty.call(opRegistry, name)) return undefined;
  const spec: OpSpec = opRegistry[name as RegisteredOpName];
  return spec.version === version ? spec : undefined;
}
