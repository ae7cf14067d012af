import { z } from 'zod';
import type { Permission } from '../core/permissions';
import * as f from './schemas';
import type * as R from './results';

/**
 * The whole API, named once. Each method has its input schema (parsed at the edge by every
 * host), the permission it needs, and — through the phantom `result` — its result type.
 * Electron's IPC handlers, the preload bridge, the HTTP host and the renderer client are all
 * derived from this object: adding a method is one entry here and one function in services.
 */
function method<TResult>() {
  return <TInput extends z.ZodType>(spec: { input: TInput; permission: Permission; writes: boolean }) =>
    spec as typeof spec & { readonly result?: TResult };
}

const receiptLine = z.strictObject({
  productId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  lotCode: f.lotCode.optional(),
  expiryDate: f.isoDate.optional(),
  productionDate: f.isoDate.optional(),
  /** Cost per `unitCode`, tax exclusive, in fen. */
  unitCostFen: f.moneyFen,
});

const adjustmentLine = z.strictObject({
  productId: f.id,
  unitCode: f.unitCode,
  /** + found / − lost, in `unitCode`. */
  qty: f.signedQty,
  /** The lot to adjust; for an increase, a new lot can be named by code and expiry instead. */
  lotId: f.id.optional(),
  lotCode: f.lotCode.optional(),
  expiryDate: f.isoDate.optional(),
  /** Cost per `unitCode` for an increase; defaults to the current average cost. */
  unitCostFen: f.moneyFen.optional(),
});

/** What stock on hand is filtered by, on the screen and in its export. */
const onHandFilter = {
  warehouseId: f.id.optional(),
  productId: f.id.optional(),
  categoryId: f.id.optional(),
  q: f.searchText.default(''),
  /** Only lots expiring within this many days. */
  expiringWithinDays: z.number().int().min(0).max(3650).optional(),
  groupBy: z.enum(['lot', 'product']).default('lot'),
};

export const methods = {
  'app.info': method<R.AppInfo>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  'setup.createBranch': method<R.AppInfo>()({
    input: z.strictObject({
      code: f.branchCode,
      name: z.string().trim().min(1, { error: 'REQUIRED' }).max(60, { error: 'TOO_LONG' }),
      timeZone: f.timeZone,
      withDemoData: z.boolean(),
      seed: z.number().int().min(0).max(2 ** 31).default(1),
    }),
    permission: 'setup.run',
    writes: true,
  }),
  'settings.get': method<R.Settings>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  'settings.update': method<R.Settings>()({
    input: z.strictObject({
      locale: z.enum(['zh-CN', 'en']).optional(),
      nearExpiryDays: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(365, { error: 'TOO_LARGE' }).optional(),
    }),
    permission: 'settings.write',
    writes: true,
  }),

  'master.warehouses': method<R.Warehouse[]>()({ input: z.strictObject({}), permission: 'master.read', writes: false }),
  'master.suppliers': method<R.Supplier[]>()({ input: z.strictObject({}), permission: 'master.read', writes: false }),
  'master.categories': method<R.Category[]>()({ input: z.strictObject({}), permission: 'master.read', writes: false }),

  'products.list': method<R.Page<R.ProductRow>>()({
    input: z.strictObject({
      q: f.searchText.default(''),
      categoryId: f.id.optional(),
      includeInactive: z.boolean().default(false),
      ...f.page,
    }),
    permission: 'master.read',
    writes: false,
  }),
  'products.get': method<R.ProductDetail>()({ input: z.strictObject({ id: f.id }), permission: 'master.read', writes: false }),
  'products.lookupBarcode': method<R.BarcodeHit>()({
    input: z.strictObject({ barcode: z.string().trim().min(1, { error: 'REQUIRED' }).max(64, { error: 'TOO_LONG' }) }),
    permission: 'master.read',
    writes: false,
  }),

  'stock.receive': method<R.PostedDocument>()({
    input: z.strictObject({
      warehouseId: f.id,
      supplierId: f.id.optional(),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
      lines: z.array(receiptLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
    }),
    permission: 'stock.receive',
    writes: true,
  }),
  'stock.adjust': method<R.PostedDocument>()({
    input: z.strictObject({
      warehouseId: f.id,
      reasonCode: z.enum(f.adjustmentReasons, { error: 'REASON_REQUIRED' }),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
      lines: z.array(adjustmentLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
    }),
    permission: 'stock.adjust',
    writes: true,
  }),
  'stock.reverse': method<R.PostedDocument>()({
    input: z.strictObject({ documentId: f.id, note: f.note.default('') }),
    permission: 'stock.reverse',
    writes: true,
  }),
  'stock.onHand': method<R.OnHandPage>()({
    input: z.strictObject({
      ...onHandFilter,
      /** Count, quantity and value of everything the filter matches; asked for with the first page only. */
      withTotals: z.boolean().default(true),
      ...f.page,
    }),
    permission: 'stock.read',
    writes: false,
  }),
  /** Everything stock.onHand's filter matches, as a file (see src-main/exports). */
  'stock.exportOnHand': method<R.ExportedFile>()({
    input: z.strictObject({ ...onHandFilter, format: z.enum(['xlsx', 'csv', 'pdf'], { error: 'EXPORT_FORMAT_INVALID' }) }),
    permission: 'stock.read',
    writes: false,
  }),
  'stock.movements': method<R.Page<R.MovementRow>>()({
    input: z.strictObject({ productId: f.id, warehouseId: f.id.optional(), ...f.page }),
    permission: 'stock.read',
    writes: false,
  }),
  'stock.documents': method<R.Page<R.DocumentRow>>()({
    input: z.strictObject({ docType: z.enum(['receipt', 'adjustment', 'reversal']).optional(), q: f.searchText.default(''), ...f.page }),
    permission: 'stock.read',
    writes: false,
  }),
  'stock.document': method<R.DocumentDetail>()({ input: z.strictObject({ id: f.id }), permission: 'stock.read', writes: false }),

  'sync.status': method<R.SyncStatus>()({ input: z.strictObject({}), permission: 'sync.read', writes: false }),
  /** Binds this PC to a head-office server and branch with a one-time code; before set-up it joins that branch. */
  'sync.enrol': method<R.SyncEnrolled>()({
    input: z.strictObject({
      serverUrl: f.serverUrl,
      code: z.string().trim().min(8, { error: 'ENROLMENT_CODE_INVALID' }).max(40, { error: 'ENROLMENT_CODE_INVALID' }),
      deviceName: z.string().trim().min(1, { error: 'REQUIRED' }).max(80, { error: 'TOO_LONG' }),
    }),
    permission: 'sync.configure',
    writes: true,
  }),
  /** Push, pull, push: answers the status afterwards (a failure is in `lastError`). */
  'sync.now': method<R.SyncStatus>()({ input: z.strictObject({}), permission: 'sync.run', writes: false }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<Methods[M]['result']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
