import { z } from 'zod';
import type { Permission } from '../core/permissions';
import { purchaseOrderStatuses } from '../core/purchaseOrder';
import { demandWindows, serviceLevelKeys } from '../core/replenishment';
import { abcClasses, countReasons, countScopes } from '../core/stockCount';
import { transferDiscrepancyReasons, transferDispositions, transferStatuses } from '../core/transfer';
import { customerReturnStatuses, returnReasonCodes } from '../core/customerReturn';
import { supplierReturnStatuses } from '../core/supplierReturn';
import type { AccountRole } from '../core/vouchers';
import { credentialShapeOk, PASSWORD_MIN_LENGTH } from '../core/signIn';
import * as f from './schemas';
import { reportRequest } from './reportFilters';
import type * as R from './results';

/**
 * The whole API, named once. Each method has its input schema (parsed at the edge by every
 * host), the permission it needs, and — through the phantom `result` — its result type.
 * Electron's IPC handlers, the preload bridge, the HTTP host and the renderer client are all
 * derived from this object: adding a method is one entry here and one function in services.
 */
/** An account code as both systems take it: digits, optionally grouped by dots (1002.01). */
const accountCode = z
  .string()
  .trim()
  .min(1, { error: 'REQUIRED' })
  .max(20, { error: 'TOO_LONG' })
  .regex(/^\d+(\.\d+)*$/, { error: 'ACCOUNT_CODE_INVALID' });
const accountName = z.string().trim().min(1, { error: 'REQUIRED' }).max(40, { error: 'TOO_LONG' });
const account = z.strictObject({ code: accountCode, name: accountName });
const yearMonth = z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, { error: 'MONTH_INVALID' });

function method<TResult>() {
  return <TInput extends z.ZodType>(spec: { input: TInput; permission: Permission; writes: boolean; signedOut?: true }) =>
    spec as typeof spec & { readonly result?: TResult };
}

/**
 * `signedOut: true` marks the few methods a PC answers with nobody signed in (the sign-in screen's
 * own); every other method needs a signed-in, unlocked user holding its permission. Their
 * `permission` is then only what the session test lists them under.
 */

/** Who signs in: a user name as typed on the sign-in screen. */
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, { error: 'USERNAME_INVALID' });
/** A password or PIN as typed; its shape is checked against the user's kind in the service. */
const secret = z.string().min(1, { error: 'REQUIRED' }).max(200, { error: 'TOO_LONG' });
const credential = z
  .strictObject({ kind: z.enum(['password', 'pin']), secret })
  .refine((c) => credentialShapeOk(c.kind, c.secret), { error: 'CREDENTIAL_SHAPE', path: ['secret'] });
const roleName = z.enum(['clerk', 'sales', 'accountant', 'manager', 'admin']);
/**
 * Recovery mode (the ledger is damaged, nobody can sign in to it): who previews or restores a
 * backup names a user of that backup who may manage backups, with its password or PIN
 * (services/recoverySignIn.ts). Ignored while the ledger is open: the session decides there.
 */
const recoverySignIn = z.strictObject({ username, secret }).optional();
const auditFilter = {
  userId: z.string().max(80).optional(),
  entity: z.string().trim().max(60).optional(),
  action: z.string().trim().max(60).optional(),
  dateFrom: f.isoDate.optional(),
  dateTo: f.isoDate.optional(),
  q: f.searchText.default(''),
};

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

/** Count lines named by product and lot, for review actions on a selection. */
const countLineKeys = z.array(z.strictObject({ productId: f.id, lotId: f.id })).max(20_000, { error: 'TOO_MANY_LINES' });
const uncountedRule = z.enum(['zero', 'keep']);
/** Who is counting, as they call themselves on the counting screen. */
const counterName = z.string().trim().min(1, { error: 'COUNTER_REQUIRED' }).max(40, { error: 'TOO_LONG' });

/** One line of an order as the sales desk enters it; price and discount default from price lists and promotions. */
const salesLine = z.strictObject({
  productId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  /** Tax-exclusive price per `unitCode`; left out, the customer's price applies. */
  unitPriceFen: f.moneyFen.optional(),
  /** A discount the salesperson gives on this line, in basis points (500 = 5 %). */
  discountBp: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(10_000, { error: 'TOO_LARGE' }).optional(),
  note: f.note.default(''),
});

/** An order's content: what the sales desk enters, for a preview, a new order or an amendment. */
const salesDraft = {
  customerId: f.id,
  warehouseId: f.id,
  lines: z.array(salesLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
  requestedDate: f.isoDate.optional(),
  note: f.note.default(''),
};

/**
 * One line of a customer return: a line of the chosen delivery (its lot by default; null when
 * the customer cannot tell the lot), or, for a return without a delivery, a product.
 */
const returnLine = z.strictObject({
  deliveryLineId: f.id.optional(),
  productId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  /** The lot given back: one the delivery issued; null = unknown. Left out: the delivery line's own lot. */
  lotId: f.id.nullable().optional(),
  reasonCode: z.enum(returnReasonCodes, { error: 'REASON_REQUIRED' }),
  note: f.note.default(''),
});

/** A return as the desk enters it, for a preview or a new return. */
const returnDraft = {
  customerId: f.id,
  /** The delivery (stock document) the goods came from; left out for a return without one. */
  deliveryId: f.id.optional(),
  lines: z.array(returnLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
  note: f.note.default(''),
};

/** A purchase order's line as the buyer enters it: quantity in any unit of the product, cost per that unit (defaults to the supplier's last cost). */
const purchaseLine = z.strictObject({
  productId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  unitCostFen: f.moneyFen.optional(),
});

/** A transfer as the clerk enters it: from a warehouse of this branch to another of its warehouses, or to another branch (by code). */
const transferDraft = {
  fromWarehouseId: f.id,
  /** Within the branch. */
  toWarehouseId: f.id.optional(),
  /** Another branch, by its code; it chooses the warehouse when it receives. */
  toBranchCode: f.branchCode.optional(),
  /** Within the branch: received in a second step instead of at once on sending. */
  twoStep: z.boolean().default(false),
  businessDate: f.isoDate.optional(),
  note: f.note.default(''),
  lines: z
    .array(
      z.strictObject({
        productId: f.id,
        unitCode: f.unitCode,
        qty: f.positiveQty,
        /** A lot chosen by the clerk; otherwise lots leave first-expiry-first-out when sent. */
        lotId: f.id.optional(),
      }),
    )
    .min(1, { error: 'LINES_REQUIRED' })
    .max(500, { error: 'TOO_MANY_LINES' }),
};

const purchaseDraft = {
  supplierId: f.id,
  warehouseId: f.id,
  /** Defaults to the order date plus the supplier's lead time. */
  expectedDate: f.isoDate.optional(),
  note: f.note.default(''),
  lines: z.array(purchaseLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
};

/** Goods arriving against a purchase order: the order line (or the product, matched to its open line), in any unit. */
const purchaseReceiptLine = z.strictObject({
  lineId: f.id.optional(),
  productId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  lotCode: f.lotCode.optional(),
  expiryDate: f.isoDate.optional(),
  productionDate: f.isoDate.optional(),
  /** Cost per `unitCode`; defaults to the order line's cost. */
  unitCostFen: f.moneyFen.optional(),
});

const purchaseReceipt = {
  id: f.id,
  businessDate: f.isoDate.optional(),
  lines: z.array(purchaseReceiptLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
};

/** One line of a supplier return: a lot received from that supplier, in any of the product's units. */
const supplierReturnLine = z.strictObject({
  productId: f.id,
  lotId: f.id,
  unitCode: f.unitCode,
  qty: f.positiveQty,
  reasonCode: z.enum(returnReasonCodes, { error: 'REASON_REQUIRED' }),
  note: f.note.default(''),
  /** The inspected customer-return line whose goods these are (disposition 'supplier'). */
  customerReturnLineId: f.id.optional(),
});

/** A supplier return's draft: the supplier, where the goods leave from, the lines, and the claim (the goods' cost unless given). */
const supplierReturnDraft = {
  supplierId: f.id,
  warehouseId: f.id,
  lines: z.array(supplierReturnLine).min(1, { error: 'LINES_REQUIRED' }).max(500, { error: 'TOO_MANY_LINES' }),
  claimFen: f.moneyFen.optional(),
  note: f.note.default(''),
};

const requiredNote = z.string().trim().min(1, { error: 'REQUIRED' }).max(500, { error: 'TOO_LONG' });
const reference = z.string().trim().max(80, { error: 'TOO_LONG' });

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
      /** The branch administrator's password (user name admin); set-up signs the administrator in. */
      adminPassword: z.string().min(PASSWORD_MIN_LENGTH, { error: 'PASSWORD_TOO_SHORT' }).max(200, { error: 'TOO_LONG' }),
    }),
    permission: 'setup.run',
    writes: true,
  }),
  'settings.get': method<R.Settings>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  'settings.update': method<R.Settings>()({
    input: z.strictObject({
      locale: z.enum(['zh-CN', 'en']).optional(),
      nearExpiryDays: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(365, { error: 'TOO_LARGE' }).optional(),
      minReceiptShelfLifePermille: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(1000, { error: 'TOO_LARGE' }).optional(),
      /** Minutes without keyboard or mouse before the screen locks (administrators only). */
      lockMinutes: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(240, { error: 'TOO_LARGE' }).optional(),
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

  /** Sets (or, with an empty location, clears) where a product is kept in a warehouse: a bin code such as A-01-03. */
  'products.setLocation': method<R.ProductDetail>()({
    input: z.strictObject({
      productId: f.id,
      warehouseId: f.id,
      location: z
        .string()
        .trim()
        .toUpperCase()
        .max(20, { error: 'TOO_LONG' })
        .regex(/^([A-Z0-9]+(-[A-Z0-9]+)*)?$/, { error: 'LOCATION_INVALID' }),
    }),
    permission: 'stock.adjust',
    writes: true,
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
    input: z.strictObject({ docType: z.enum(['receipt', 'adjustment', 'reversal', 'delivery', 'customer_return', 'return_disposition', 'supplier_return', 'transfer_out', 'transfer_in']).optional(), q: f.searchText.default(''), ...f.page }),
    permission: 'stock.read',
    writes: false,
  }),
  'stock.document': method<R.DocumentDetail>()({ input: z.strictObject({ id: f.id }), permission: 'stock.read', writes: false }),

  'counts.list': method<R.Page<R.CountRow>>()({
    input: z.strictObject({ status: z.enum(['open', 'counting', 'review', 'posted', 'cancelled']).optional(), ...f.page }),
    permission: 'stock.read',
    writes: false,
  }),
  /** The zones of a warehouse's bin codes (A-01-03 → A) with how many products each holds, for count plans. */
  'counts.zones': method<R.CountZone[]>()({ input: z.strictObject({ warehouseId: f.id }), permission: 'stock.read', writes: false }),
  /** Starts a count: the plan, and the snapshot of book quantities it is judged against. */
  'counts.start': method<R.CountDetail>()({
    input: z.strictObject({
      warehouseId: f.id,
      scope: z.enum(countScopes),
      categoryIds: z.array(f.id).max(500).default([]),
      zones: z.array(z.string().trim().min(1).max(20, { error: 'TOO_LONG' })).max(100).default([]),
      productIds: z.array(f.id).max(20_000).default([]),
      abcClasses: z.array(z.enum(abcClasses)).max(3).default([]),
      blind: z.boolean().default(true),
      /** Recount a first-round variance above this share, in ‰ of the expected quantity. */
      recountPermille: z.number().int().min(0).max(1000, { error: 'TOO_LARGE' }).default(50),
      /** A variance worth this many fen or more needs a manager's approval; 0 = never. */
      approvalValueFen: f.moneyFen.default(50_000),
      note: f.note.default(''),
    }),
    permission: 'stock.count',
    writes: true,
  }),
  'counts.get': method<R.CountDetail>()({ input: z.strictObject({ id: f.id }), permission: 'stock.read', writes: false }),
  'counts.lines': method<R.CountLinesPage>()({
    input: z.strictObject({
      id: f.id,
      filter: z.enum(['all', 'uncounted', 'counted', 'variance', 'attention', 'recount']).default('all'),
      sort: z.enum(['variance', 'location', 'product']).default('variance'),
      q: f.searchText.default(''),
      /** One product's lines only (the counting screen's lot choice). */
      productId: f.id.optional(),
      uncounted: uncountedRule.default('zero'),
      ...f.page,
    }),
    permission: 'stock.read',
    writes: false,
  }),
  /** One scan or typed quantity (signed: a negative entry corrects an over-count). */
  'counts.record': method<R.CountRecorded>()({
    input: z.strictObject({
      countId: f.id,
      productId: f.id,
      unitCode: f.unitCode,
      qty: f.signedQty,
      lotId: f.id.optional(),
      lotCode: f.lotCode.optional(),
      expiryDate: f.isoDate.optional(),
      counter: counterName,
    }),
    permission: 'stock.count',
    writes: true,
  }),
  /**
   * A scanner's read on the counting screen, in one call: the barcode's product and unit, and one
   * of that unit counted, unless the product is lot-tracked (then nothing is counted: the screen
   * names the lot and calls counts.record).
   */
  'counts.scan': method<R.CountScanned>()({
    input: z.strictObject({
      countId: f.id,
      barcode: z.string().trim().min(1, { error: 'REQUIRED' }).max(64, { error: 'TOO_LONG' }),
      counter: counterName,
    }),
    permission: 'stock.count',
    writes: true,
  }),
  /**
   * The counting screen's barcode map for one count: products in scope (every active product for
   * a full count, else those on its lines) with units and barcodes, and its lines' counted
   * quantities, so a scan is shown before counts.record answers it. Reads only.
   */
  'counts.scanMap': method<R.CountScanMap>()({ input: z.strictObject({ countId: f.id }), permission: 'stock.count', writes: false }),
  /** Undoes this counter's last entry that is not yet undone. */
  'counts.undo': method<R.CountRecorded>()({
    input: z.strictObject({ countId: f.id, counter: counterName }),
    permission: 'stock.count',
    writes: true,
  }),
  'counts.entries': method<R.CountEntry[]>()({
    input: z.strictObject({ countId: f.id, limit: z.number().int().min(1).max(200).default(20) }),
    permission: 'stock.read',
    writes: false,
  }),
  /** Counting is done: the count goes to review. */
  'counts.submit': method<R.CountDetail>()({ input: z.strictObject({ id: f.id }), permission: 'stock.count', writes: true }),
  /** Gives a reason to the chosen lines, or to every line with a variance and no reason yet. */
  'counts.setReason': method<R.CountDetail>()({
    input: z.strictObject({
      id: f.id,
      reasonCode: z.enum(countReasons, { error: 'REASON_REQUIRED' }),
      lines: countLineKeys.optional(),
      uncounted: uncountedRule.default('zero'),
    }),
    permission: 'stock.count',
    writes: true,
  }),
  /** A manager accepts variances that crossed a threshold (chosen lines, or all that need it). */
  'counts.approve': method<R.CountDetail>()({
    input: z.strictObject({
      id: f.id,
      lines: countLineKeys.optional(),
      uncounted: uncountedRule.default('zero'),
    }),
    permission: 'stock.countApprove',
    writes: true,
  }),
  /** Sends the chosen lines back to be counted again; the count returns to counting. */
  'counts.recount': method<R.CountDetail>()({
    input: z.strictObject({ id: f.id, lines: countLineKeys.min(1, { error: 'LINES_REQUIRED' }) }),
    permission: 'stock.count',
    writes: true,
  }),
  /** Posts the variances as one adjustment; lines nobody counted are zero or left as booked. */
  'counts.post': method<R.CountDetail>()({
    input: z.strictObject({ id: f.id, uncounted: uncountedRule }),
    permission: 'stock.count',
    writes: true,
  }),
  /** The count sheet (walking order, room to write) or the variance report, as .xlsx, .csv or PDF. */
  'counts.export': method<R.ExportedFile>()({
    input: z.strictObject({
      id: f.id,
      kind: z.enum(['sheet', 'variances']),
      format: z.enum(['xlsx', 'csv', 'pdf'], { error: 'EXPORT_FORMAT_INVALID' }),
      uncounted: uncountedRule.default('zero'),
    }),
    permission: 'stock.read',
    writes: false,
  }),
  'counts.cancel': method<R.CountDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'stock.count', writes: true }),

  'customers.list': method<R.Page<R.CustomerRow>>()({
    input: z.strictObject({
      q: f.searchText.default(''),
      channel: z.enum(['supermarket', 'convenience', 'restaurant', 'wholesaler']).optional(),
      ...f.page,
    }),
    permission: 'sales.read',
    writes: false,
  }),
  /** A customer's record: terms, contacts, credit figures and transaction history. */
  'customers.get': method<R.CustomerDetail>()({ input: z.strictObject({ id: f.id }), permission: 'sales.read', writes: false }),
  /** What order entry shows for a product and customer: prices per unit, the last price sold, promotions, availability. */
  'sales.productTerms': method<R.SalesProductTerms>()({
    input: z.strictObject({ customerId: f.id, productId: f.id, warehouseId: f.id, businessDate: f.isoDate.optional() }),
    permission: 'sales.read',
    writes: false,
  }),
  /** An order worked out without saving: prices, free goods, totals with tax, availability, what needs approval. */
  'sales.preview': method<R.SalesPreview>()({
    input: z.strictObject({ ...salesDraft, orderId: f.id.optional() }),
    permission: 'sales.read',
    writes: false,
  }),
  'sales.list': method<R.Page<R.SalesOrderRow>>()({
    input: z.strictObject({
      status: z.enum(['open', 'quote', 'pending_approval', 'confirmed', 'allocated', 'partly_delivered', 'delivered', 'invoiced', 'paid', 'closed', 'cancelled']).optional(),
      customerId: f.id.optional(),
      q: f.searchText.default(''),
      ...f.page,
    }),
    permission: 'sales.read',
    writes: false,
  }),
  'sales.get': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id }), permission: 'sales.read', writes: false }),
  /** Saves a new quote; with `confirm` it is confirmed at once (and waits for approval if it needs one). */
  'sales.create': method<R.SalesOrderDetail>()({
    input: z.strictObject({ ...salesDraft, confirm: z.boolean().default(false) }),
    permission: 'sales.order',
    writes: true,
  }),
  /** Replaces an order's content before anything is delivered; a confirmed order is checked again and its allocation released. */
  'sales.amend': method<R.SalesOrderDetail>()({
    input: z.strictObject({ id: f.id, ...salesDraft }),
    permission: 'sales.order',
    writes: true,
  }),
  'sales.confirm': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id }), permission: 'sales.order', writes: true }),
  'sales.approve': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'sales.approve', writes: true }),
  /** Sends an order waiting for approval back to quote, with why. */
  'sales.reject': method<R.SalesOrderDetail>()({
    input: z.strictObject({ id: f.id, note: z.string().trim().min(1, { error: 'REQUIRED' }).max(500, { error: 'TOO_LONG' }) }),
    permission: 'sales.approve',
    writes: true,
  }),
  /** Reserves stock for what is not yet reserved or delivered, first expiry first out within the customer's shelf-life limit. */
  'sales.allocate': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id }), permission: 'sales.order', writes: true }),
  /** Posts the stock issue for the allocated goods (all, or the quantities given per line) as a delivery. */
  'sales.deliver': method<R.SalesOrderDetail>()({
    input: z.strictObject({
      id: f.id,
      lines: z.array(z.strictObject({ lineId: f.id, qty: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(10_000_000, { error: 'TOO_LARGE' }) })).max(500).optional(),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
    }),
    permission: 'sales.deliver',
    writes: true,
  }),
  /** Invoices everything delivered and not yet invoiced. */
  'sales.invoice': method<R.SalesOrderDetail>()({
    input: z.strictObject({ id: f.id, businessDate: f.isoDate.optional() }),
    permission: 'sales.invoice',
    writes: true,
  }),
  'sales.cancel': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'sales.order', writes: true }),
  /** Gives up what is left to deliver after a partial delivery (no backorder). */
  'sales.close': method<R.SalesOrderDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'sales.order', writes: true }),
  /** Money received from a customer, set against the invoices named or its oldest open ones. */
  /** The order's paper: pick list (what is reserved now), a delivery note or an invoice (the latest unless one is named), as PDF or .xlsx. */
  'sales.print': method<R.ExportedFile>()({
    input: z.strictObject({
      id: f.id,
      kind: z.enum(['pickList', 'deliveryNote', 'invoice']),
      documentId: f.id.optional(),
      format: z.enum(['pdf', 'xlsx'], { error: 'EXPORT_FORMAT_INVALID' }).default('pdf'),
    }),
    permission: 'sales.read',
    writes: false,
  }),
  'sales.receivePayment': method<R.PaymentResult>()({
    input: z.strictObject({
      customerId: f.id,
      amountFen: f.moneyFen.refine((n) => n > 0, { error: 'POSITIVE_REQUIRED' }),
      method: z.enum(['cash', 'transfer']),
      reference: z.string().trim().max(80, { error: 'TOO_LONG' }).default(''),
      invoiceIds: z.array(f.id).max(200).optional(),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
    }),
    permission: 'sales.payment',
    writes: true,
  }),
  /** Open invoices with their age, per customer or for all. */
  'sales.receivables': method<R.ReceivablesReport>()({
    input: z.strictObject({ customerId: f.id.optional(), q: f.searchText.default(''), ...f.page }),
    permission: 'sales.read',
    writes: false,
  }),

  /** A customer's deliveries with what each line delivered, what was returned and what may still come back. */
  'returns.deliveries': method<R.Page<R.ReturnableDelivery>>()({
    input: z.strictObject({ customerId: f.id, q: f.searchText.default(''), ...f.page }),
    permission: 'returns.read',
    writes: false,
  }),
  /** Credit, free-goods deduction and approval reasons of a return before it is saved; nothing is written. */
  'returns.preview': method<R.ReturnPreview>()({ input: z.strictObject(returnDraft), permission: 'returns.read', writes: false }),
  'returns.create': method<R.CustomerReturnDetail>()({ input: z.strictObject(returnDraft), permission: 'returns.create', writes: true }),
  'returns.list': method<R.Page<R.CustomerReturnRow>>()({
    input: z.strictObject({
      status: z.enum(customerReturnStatuses).optional(),
      customerId: f.id.optional(),
      from: f.isoDate.optional(),
      to: f.isoDate.optional(),
      q: f.searchText.default(''),
      ...f.page,
    }),
    permission: 'returns.read',
    writes: false,
  }),
  'returns.get': method<R.CustomerReturnDetail>()({ input: z.strictObject({ id: f.id }), permission: 'returns.read', writes: false }),
  'returns.approve': method<R.CustomerReturnDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'returns.approve', writes: true }),
  'returns.reject': method<R.CustomerReturnDetail>()({
    input: z.strictObject({ id: f.id, note: f.note.min(1, { error: 'REASON_REQUIRED' }) }),
    permission: 'returns.approve',
    writes: true,
  }),
  'returns.cancel': method<R.CustomerReturnDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'returns.create', writes: true }),
  /** The goods arrive: posted into the returns area, in the delivered lot, at the cost they left with. */
  'returns.receive': method<R.CustomerReturnDetail>()({
    input: z.strictObject({ id: f.id, businessDate: f.isoDate.optional(), note: f.note.default('') }),
    permission: 'returns.receive',
    writes: true,
  }),
  /** Inspection: each line's base units restocked, kept in quarantine, scrapped or kept for the supplier. */
  'returns.inspect': method<R.CustomerReturnDetail>()({
    input: z.strictObject({
      id: f.id,
      lines: z
        .array(
          z.strictObject({
            lineId: f.id,
            restockQty: z.number().int({ error: 'INTEGER_REQUIRED' }).min(0, { error: 'NOT_NEGATIVE' }),
            quarantineQty: z.number().int({ error: 'INTEGER_REQUIRED' }).min(0, { error: 'NOT_NEGATIVE' }),
            scrapQty: z.number().int({ error: 'INTEGER_REQUIRED' }).min(0, { error: 'NOT_NEGATIVE' }),
            supplierQty: z.number().int({ error: 'INTEGER_REQUIRED' }).min(0, { error: 'NOT_NEGATIVE' }),
          }),
        )
        .min(1, { error: 'LINES_REQUIRED' })
        .max(500, { error: 'TOO_MANY_LINES' }),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
    }),
    permission: 'returns.receive',
    writes: true,
  }),
  /** The money: a credit note set against receivables, or a refund paid out (cash or transfer). */
  'returns.settle': method<R.CustomerReturnDetail>()({
    input: z.strictObject({
      id: f.id,
      settlement: z.enum(['credit', 'refund']),
      refundMethod: z.enum(['cash', 'transfer']).optional(),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
    }),
    permission: 'returns.settle',
    writes: true,
  }),
  /** Every customer who received a lot, with what they may still hold of it. */
  'returns.recallLookup': method<R.RecallLookup>()({
    input: z.strictObject({ productId: f.id, lotCode: f.lotCode.min(1, { error: 'REQUIRED' }) }),
    permission: 'returns.read',
    writes: false,
  }),
  /** Starts a recall: one approved return per customer and delivery, for all they still hold of the lot. */
  'returns.startRecall': method<R.RecallStarted>()({
    input: z.strictObject({ productId: f.id, lotCode: f.lotCode.min(1, { error: 'REQUIRED' }), note: f.note.default('') }),
    permission: 'returns.approve',
    writes: true,
  }),

  'periods.get': method<R.PeriodLock>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  /** Closes the books through a date (关账); the lock only moves forward. */
  'periods.lock': method<R.PeriodLock>()({ input: z.strictObject({ lockedThrough: f.isoDate }), permission: 'periods.lock', writes: true }),

  /** Active suppliers with their lead time, for purchase order entry. */
  'purchasing.suppliers': method<R.PurchaseSupplier[]>()({ input: z.strictObject({}), permission: 'purchasing.read', writes: false }),
  /** A supplier's products and terms (head office's master data): case pack, MOQ, lead time, last cost. */
  'purchasing.supplierProducts': method<R.Page<R.SupplierProductTerms>>()({
    input: z.strictObject({ supplierId: f.id, q: f.searchText.default(''), ...f.page }),
    permission: 'purchasing.read',
    writes: false,
  }),
  /** One product as the supplier sells it (terms or, without terms, the product's own units and last cost). */
  'purchasing.productTerms': method<R.SupplierProductTerms>()({
    input: z.strictObject({ supplierId: f.id, productId: f.id }),
    permission: 'purchasing.read',
    writes: false,
  }),
  'purchasing.list': method<R.Page<R.PurchaseOrderRow>>()({
    input: z.strictObject({
      status: z.enum(['open', ...purchaseOrderStatuses]).optional(),
      supplierId: f.id.optional(),
      from: f.isoDate.optional(),
      to: f.isoDate.optional(),
      q: f.searchText.default(''),
      ...f.page,
    }),
    permission: 'purchasing.read',
    writes: false,
  }),
  'purchasing.get': method<R.PurchaseOrderDetail>()({ input: z.strictObject({ id: f.id }), permission: 'purchasing.read', writes: false }),
  /** Saves a new draft order; with `send` it is sent at once. */
  'purchasing.create': method<R.PurchaseOrderDetail>()({
    input: z.strictObject({ ...purchaseDraft, send: z.boolean().default(false) }),
    permission: 'purchasing.order',
    writes: true,
  }),
  /** Replaces a draft's content. */
  'purchasing.update': method<R.PurchaseOrderDetail>()({ input: z.strictObject({ id: f.id, ...purchaseDraft }), permission: 'purchasing.order', writes: true }),
  'purchasing.send': method<R.PurchaseOrderDetail>()({ input: z.strictObject({ id: f.id }), permission: 'purchasing.order', writes: true }),
  'purchasing.cancel': method<R.PurchaseOrderDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'purchasing.order', writes: true }),
  /** Gives up what has not come of a sent or partly received order. */
  'purchasing.close': method<R.PurchaseOrderDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'purchasing.order', writes: true }),
  /** The flags a receipt would raise (over, under, short-dated), without posting anything. */
  'purchasing.checkReceipt': method<R.ReceiptCheck>()({ input: z.strictObject(purchaseReceipt), permission: 'purchasing.receive', writes: false }),
  /**
   * Posts a goods receipt against the order (stock on hand rises at the order's cost). An
   * over-receipt above the tolerance, or short-dated goods, are refused unless confirmed.
   */
  'purchasing.receive': method<R.PurchaseReceived>()({
    input: z.strictObject({
      ...purchaseReceipt,
      note: f.note.default(''),
      allowOver: z.boolean().default(false),
      allowShortDated: z.boolean().default(false),
    }),
    permission: 'purchasing.receive',
    writes: true,
  }),
  /** What can go back to a supplier from a warehouse: lots received from it on hand, and inspected customer returns waiting for it. */
  'supplierReturns.candidates': method<R.SupplierReturnCandidates>()({
    input: z.strictObject({ supplierId: f.id, warehouseId: f.id, q: f.searchText.default('') }),
    permission: 'returns.read',
    writes: false,
  }),
  'supplierReturns.list': method<R.Page<R.SupplierReturnRow>>()({
    input: z.strictObject({
      status: z.enum(['open', ...supplierReturnStatuses]).optional(),
      supplierId: f.id.optional(),
      dateFrom: f.isoDate.optional(),
      dateTo: f.isoDate.optional(),
      q: f.searchText.default(''),
      ...f.page,
    }),
    permission: 'returns.read',
    writes: false,
  }),
  'supplierReturns.get': method<R.SupplierReturnDetail>()({ input: z.strictObject({ id: f.id }), permission: 'returns.read', writes: false }),
  'supplierReturns.create': method<R.SupplierReturnDetail>()({ input: z.strictObject(supplierReturnDraft), permission: 'returns.supplier', writes: true }),
  /** Replaces a draft's content. */
  'supplierReturns.update': method<R.SupplierReturnDetail>()({ input: z.strictObject({ id: f.id, ...supplierReturnDraft }), permission: 'returns.supplier', writes: true }),
  /** The goods leave: a stock issue from the lots named, at FIFO cost. */
  'supplierReturns.send': method<R.SupplierReturnDetail>()({
    input: z.strictObject({ id: f.id, businessDate: f.isoDate.optional(), note: f.note.default('') }),
    permission: 'returns.supplier',
    writes: true,
  }),
  /** The supplier accepts the claim, with its RMA reference. */
  'supplierReturns.accept': method<R.SupplierReturnDetail>()({
    input: z.strictObject({ id: f.id, reference: reference.min(1, { error: 'REQUIRED' }), note: f.note.default('') }),
    permission: 'returns.supplier',
    writes: true,
  }),
  /** The supplier's credit: all of the claim or part of it (the rest is written off). */
  'supplierReturns.credit': method<R.SupplierReturnDetail>()({
    input: z.strictObject({ id: f.id, creditedFen: f.moneyFen, reference: reference.default(''), note: f.note.default('') }),
    permission: 'returns.supplier',
    writes: true,
  }),
  'supplierReturns.reject': method<R.SupplierReturnDetail>()({ input: z.strictObject({ id: f.id, note: requiredNote }), permission: 'returns.supplier', writes: true }),
  'supplierReturns.cancel': method<R.SupplierReturnDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'returns.supplier', writes: true }),
  /** The supplier return note (退供单) with signature lines, as PDF or .xlsx. */
  'supplierReturns.print': method<R.ExportedFile>()({
    input: z.strictObject({ id: f.id, format: z.enum(['pdf', 'xlsx'], { error: 'EXPORT_FORMAT_INVALID' }).default('pdf') }),
    permission: 'returns.read',
    writes: false,
  }),
  /** Customer returns against deliveries, by product, customer, supplier, reason or month, for business dates in a range. */
  'returns.analysis': method<R.ReturnAnalysis>()({
    input: z
      .strictObject({ dimension: z.enum(['product', 'customer', 'supplier', 'reason', 'month']), dateFrom: f.isoDate, dateTo: f.isoDate, limit: z.number().int().min(1).max(500).default(200) })
      .refine((i) => i.dateFrom <= i.dateTo, { error: 'DATE_RANGE_INVALID', path: ['dateTo'] }),
    permission: 'returns.read',
    writes: false,
  }),

  // ── Finance: late postings, voucher export and account mapping, sales targets, dashboard ──
  /** Documents dated in a locked period that arrived later by sync (迟到单据), open ones unless asked. */
  'periods.latePostings': method<R.LatePostings>()({
    input: z.strictObject({ includeAcknowledged: z.boolean().default(false), ...f.page }),
    permission: 'periods.lock',
    writes: false,
  }),
  /** The accountant has seen these late postings: they leave the open list. */
  'periods.acknowledgeLate': method<R.LatePostings>()({
    input: z.strictObject({ ids: z.array(f.id).min(1, { error: 'REQUIRED' }).max(500, { error: 'TOO_LARGE' }) }),
    permission: 'periods.lock',
    writes: true,
  }),
  'accounting.getMapping': method<R.AccountMapping>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  /** The account mapping (科目映射) vouchers are written with. */
  'accounting.setMapping': method<R.AccountMapping>()({
    input: z.strictObject({
      accounts: z.strictObject({
        salesRevenue: account,
        outputVat: account,
        receivables: account,
        inventory: account,
        cogs: account,
        stockGainLoss: account,
        cash: account,
        bank: account,
        payables: account,
      } satisfies Record<AccountRole, typeof account>),
      vatApplicable: z.boolean(),
      voucherWord: z.string().trim().min(1, { error: 'REQUIRED' }).max(4, { error: 'TOO_LONG' }),
    }),
    permission: 'accounting.configure',
    writes: true,
  }),
  /**
   * Starts writing vouchers (凭证) for postings dated in a range as a Kingdee- or Yonyou-style
   * import file, in the report worker; answers at once with a job to follow, like reports.exportStart.
   */
  'accounting.exportStart': method<R.ReportExportJob>()({
    input: z
      .strictObject({
        dateFrom: f.isoDate,
        dateTo: f.isoDate,
        layout: z.enum(['kingdee', 'yonyou']),
        format: z.enum(['xlsx', 'csv'], { error: 'EXPORT_FORMAT_INVALID' }),
      })
      .refine((i) => i.dateFrom <= i.dateTo, { error: 'DATE_RANGE_INVALID', path: ['dateTo'] })
      .refine((i) => Date.parse(i.dateTo) - Date.parse(i.dateFrom) <= 366 * 86_400_000, { error: 'DATE_RANGE_TOO_LONG', path: ['dateTo'] }),
    permission: 'accounting.export',
    writes: false,
  }),
  /** How far the voucher export has got (rows written); when done, the file to save. */
  'accounting.exportProgress': method<R.ReportExportJob>()({ input: z.strictObject({ jobId: f.id }), permission: 'accounting.export', writes: false }),
  /** Stops the voucher export; its partial file is removed. */
  'accounting.exportCancel': method<R.ReportExportJob>()({ input: z.strictObject({ jobId: f.id }), permission: 'accounting.export', writes: false }),
  /** Sales targets of a month with each salesperson's net sales (less returns) and attainment. */
  'targets.list': method<R.SalesTargets>()({ input: z.strictObject({ month: yearMonth }), permission: 'sales.read', writes: false }),
  /** Sets (or with 0, clears to nothing) a salesperson's target for a month (销售目标). */
  'targets.set': method<R.SalesTargets>()({
    input: z.strictObject({ month: yearMonth, salesperson: z.string().trim().min(1, { error: 'REQUIRED' }).max(40, { error: 'TOO_LONG' }), targetFen: f.moneyFen }),
    permission: 'targets.write',
    writes: true,
  }),
  /** The dashboard (首页): sales trend, top customers and products, stock health, return rate, targets. */
  'dashboard.get': method<R.Dashboard>()({ input: z.strictObject({ days: z.number().int().min(7).max(92).default(30) }), permission: 'sales.read', writes: false }),
  /** Reorder suggestions for a warehouse: per product demand, stock position and min/max, what to order in whole cases. */
  'replenishment.suggestions': method<R.ReplenishmentSuggestions>()({
    input: z.strictObject({
      warehouseId: f.id,
      windowDays: z.union(demandWindows.map((d) => z.literal(d)) as [z.ZodLiteral<28>, z.ZodLiteral<56>, z.ZodLiteral<91>, z.ZodLiteral<182>]).default(28),
      safety: z.enum(['days', 'service']).default('days'),
      safetyDays: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(90, { error: 'TOO_LARGE' }).default(7),
      serviceLevel: z.enum(serviceLevelKeys as [string, ...string[]]).default('95').transform((v) => v as (typeof serviceLevelKeys)[number]),
      reviewDays: z.number().int().min(1, { error: 'TOO_SMALL' }).max(90, { error: 'TOO_LARGE' }).default(7),
      seasonal: z.boolean().default(false),
      supplierId: f.id.optional(),
      categoryId: f.id.optional(),
      q: f.searchText.default(''),
      onlyNeeded: z.boolean().default(true),
    }),
    permission: 'purchasing.read',
    writes: false,
  }),
  /** Draft purchase orders, one per supplier, from chosen suggestions (quantities in the supplier's purchase unit). */
  'replenishment.createOrders': method<R.ReplenishmentOrdersCreated>()({
    input: z.strictObject({
      warehouseId: f.id,
      note: f.note.default(''),
      lines: z
        .array(z.strictObject({ productId: f.id, supplierId: f.id, packs: f.positiveQty }))
        .min(1, { error: 'LINES_REQUIRED' })
        .max(20_000, { error: 'TOO_MANY_LINES' }),
    }),
    permission: 'purchasing.order',
    writes: true,
  }),
  /** The buyer's own min/max per product for a warehouse (base units); nulls go back to the computed levels. */
  'replenishment.setPolicies': method<R.ReplenishmentPoliciesSet>()({
    input: z.strictObject({
      warehouseId: f.id,
      policies: z
        .array(
          z
            .strictObject({
              productId: f.id,
              minQty: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(100_000_000, { error: 'TOO_LARGE' }).nullable(),
              maxQty: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(100_000_000, { error: 'TOO_LARGE' }).nullable(),
            })
            .refine((p) => p.minQty === null || p.maxQty === null || p.minQty <= p.maxQty, { error: 'REPLENISH_MIN_ABOVE_MAX', path: ['maxQty'] }),
        )
        .min(1, { error: 'LINES_REQUIRED' })
        .max(5000, { error: 'TOO_MANY_LINES' }),
    }),
    permission: 'purchasing.order',
    writes: true,
  }),
  /** Suppliers' on-time and fill rates, lead times and quality returns over a period (orders by order date). */
  'purchasing.supplierPerformance': method<R.SupplierPerformance>()({
    input: z
      .strictObject({ dateFrom: f.isoDate, dateTo: f.isoDate, supplierId: f.id.optional() })
      .refine((i) => i.dateFrom <= i.dateTo, { error: 'DATE_RANGE_INVALID', path: ['dateTo'] }),
    permission: 'purchasing.read',
    writes: false,
  }),
  /** Stockouts, overstock, slow movers and near-expiry lots of a warehouse. */
  'stock.health': method<R.StockHealth>()({
    input: z.strictObject({
      warehouseId: f.id,
      windowDays: z.number().int().min(7, { error: 'TOO_SMALL' }).max(365, { error: 'TOO_LARGE' }).default(28),
      overstockDays: z.number().int().min(1, { error: 'TOO_SMALL' }).max(3650, { error: 'TOO_LARGE' }).default(90),
      slowDays: z.number().int().min(1, { error: 'TOO_SMALL' }).max(3650, { error: 'TOO_LARGE' }).default(60),
      expiryDays: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(3650, { error: 'TOO_LARGE' }).default(30),
      q: f.searchText.default(''),
      /** The near-expiry list is paged (a branch may hold 100,000 such lots); the other lists are one row per product. */
      expiryOffset: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(10_000_000, { error: 'TOO_LARGE' }).default(0),
      expiryLimit: z.number().int().min(1, { error: 'TOO_SMALL' }).max(1000, { error: 'TOO_LARGE' }).default(500),
    }),
    permission: 'stock.read',
    writes: false,
  }),

  // ── Stock transfers (调拨) ──
  'transfers.list': method<R.Page<R.TransferRow>>()({
    input: z.strictObject({
      status: z.enum(['open', ...transferStatuses]).optional(),
      direction: z.enum(['internal', 'out', 'in']).optional(),
      /** Another branch's code or a warehouse's name, either end. */
      other: f.searchText.default(''),
      from: f.isoDate.optional(),
      to: f.isoDate.optional(),
      q: f.searchText.default(''),
      ...f.page,
    }),
    permission: 'stock.read',
    writes: false,
  }),
  'transfers.get': method<R.TransferDetail>()({ input: z.strictObject({ id: f.id }), permission: 'stock.read', writes: false }),
  /** Goods in transit, out and in, counted and valued at the cost they left with. */
  'transfers.inTransit': method<R.TransfersInTransit>()({ input: z.strictObject({}), permission: 'stock.read', writes: false }),
  /** The other branches a transfer may go to (the branch directory from head office). */
  'transfers.branches': method<R.TransferBranches>()({ input: z.strictObject({}), permission: 'stock.read', writes: false }),
  /** Saves a new draft; with `send` the goods leave at once. */
  'transfers.create': method<R.TransferDetail>()({
    input: z.strictObject({ ...transferDraft, send: z.boolean().default(false) }),
    permission: 'stock.transfer',
    writes: true,
  }),
  /** Replaces a draft's content. */
  'transfers.update': method<R.TransferDetail>()({ input: z.strictObject({ id: f.id, ...transferDraft }), permission: 'stock.transfer', writes: true }),
  /**
   * The goods leave the source warehouse (a transfer-out issue at FIFO cost, lots by FEFO unless
   * named) and are in transit; within the branch, a one-step transfer is received at once.
   */
  'transfers.send': method<R.TransferDetail>()({
    input: z.strictObject({ id: f.id, businessDate: f.isoDate.optional(), note: f.note.default('') }),
    permission: 'stock.transfer',
    writes: true,
  }),
  /** Only a draft may be cancelled: once sent, the goods are on their way. */
  'transfers.cancel': method<R.TransferDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'stock.transfer', writes: true }),
  /**
   * The goods arrive: a transfer-in receipt into the destination, in the same lots at the same
   * cost. Lines left out arrived in full; a line that differs needs a reason and a disposition.
   */
  'transfers.receive': method<R.TransferDetail>()({
    input: z.strictObject({
      id: f.id,
      /** Required for a transfer from another branch (the sender does not choose our warehouse). */
      warehouseId: f.id.optional(),
      lines: z
        .array(
          z.strictObject({
            lineId: f.id,
            /** Base units that arrived. */
            receivedQty: z.number({ error: 'INTEGER_REQUIRED' }).int({ error: 'INTEGER_REQUIRED' }).min(0, { error: 'NOT_NEGATIVE' }).max(1_000_000_000, { error: 'TOO_LARGE' }),
            reasonCode: z.enum(transferDiscrepancyReasons).optional(),
            disposition: z.enum(transferDispositions).optional(),
          }),
        )
        .max(1000, { error: 'TOO_MANY_LINES' })
        .default([]),
      businessDate: f.isoDate.optional(),
      note: f.note.default(''),
    }),
    permission: 'stock.transfer',
    writes: true,
  }),
  /** The sender, having seen what arrived, closes a transfer received by another branch. */
  'transfers.close': method<R.TransferDetail>()({ input: z.strictObject({ id: f.id, note: f.note.default('') }), permission: 'stock.transfer', writes: true }),
  /** The transfer note (调拨单) with signature lines, as PDF or .xlsx. */
  'transfers.print': method<R.ExportedFile>()({
    input: z.strictObject({ id: f.id, format: z.enum(['pdf', 'xlsx'], { error: 'EXPORT_FORMAT_INVALID' }).default('pdf') }),
    permission: 'stock.read',
    writes: false,
  }),

  // ---- Reports (issue 8): run off the main thread on a read-only connection ----
  /**
   * One page of a report's rows (`limit` from `offset`, in the report's order or sorted by one
   * column), its totals over all rows, its row count and its columns. The screen asks page by
   * page as it scrolls; an export writes every row.
   */
  'reports.run': method<R.ReportResult>()({
    input: z.strictObject({
      request: reportRequest,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(50_000).default(10_000),
      sort: z.strictObject({ key: z.string().regex(/^[A-Za-z0-9_]{1,40}$/), desc: z.boolean().default(false) }).optional(),
    }),
    permission: 'reports.read',
    writes: false,
  }),
  /** Starts writing a report to .xlsx, .csv or PDF; answers at once with a job to follow. */
  'reports.exportStart': method<R.ReportExportJob>()({
    input: z.strictObject({ request: reportRequest, format: z.enum(['xlsx', 'csv', 'pdf'], { error: 'EXPORT_FORMAT_INVALID' }) }),
    permission: 'reports.read',
    writes: false,
  }),
  /** How far an export has got; when done, the file to save. */
  'reports.exportProgress': method<R.ReportExportJob>()({ input: z.strictObject({ jobId: f.id }), permission: 'reports.read', writes: false }),
  /** Stops an export; its partial file is removed. */
  'reports.exportCancel': method<R.ReportExportJob>()({ input: z.strictObject({ jobId: f.id }), permission: 'reports.read', writes: false }),

  'sync.status': method<R.SyncStatus>()({ input: z.strictObject({}), permission: 'sync.read', writes: false }),
  /** Binds this PC to a head-office server and branch with a one-time code; before set-up it joins that branch. */
  'sync.enrol': method<R.SyncEnrolled>()({
    input: z.strictObject({
      serverUrl: f.serverUrl,
      code: z.string().trim().min(8, { error: 'ENROLMENT_CODE_INVALID' }).max(40, { error: 'ENROLMENT_CODE_INVALID' }),
      deviceName: z.string().trim().min(1, { error: 'REQUIRED' }).max(80, { error: 'TOO_LONG' }),
      /** Joining a branch (before set-up) makes this PC's administrator, who needs a password. */
      adminPassword: z.string().min(PASSWORD_MIN_LENGTH, { error: 'PASSWORD_TOO_SHORT' }).max(200, { error: 'TOO_LONG' }).optional(),
    }),
    permission: 'sync.configure',
    writes: true,
  }),
  /** Push, pull, push: answers the status afterwards (a failure is in `lastError`). */
  'sync.now': method<R.SyncStatus>()({ input: z.strictObject({}), permission: 'sync.run', writes: false }),

  // --- backups and restore (issue 9) ---
  /** The backups in `<dataDir>/backups`, newest first, and the rotation policy. Works in recovery mode too. */
  'backups.list': method<R.BackupList>()({ input: z.strictObject({}), permission: 'backups.manage', writes: false }),
  /** A backup now (SQLite's online backup, verified with integrity_check), then rotation. */
  'backups.create': method<R.BackupInfo>()({ input: z.strictObject({}), permission: 'backups.manage', writes: true }),
  /** integrity_check (full) or quick_check of the ledger as it is. */
  'backups.checkLedger': method<R.IntegrityReport>()({ input: z.strictObject({ full: z.boolean().default(true) }), permission: 'backups.manage', writes: false }),
  /** What restoring a backup would bring back and what it would lose, after checking the backup. */
  'backups.preview': method<R.RestorePreview>()({ input: z.strictObject({ fileName: f.backupFileName, signIn: recoverySignIn }), permission: 'backups.manage', writes: false }),
  /** Backs up the ledger as it is, replaces it with the backup and reopens it. */
  'backups.restore': method<R.RestoreDone>()({
    input: z.strictObject({ fileName: f.backupFileName, confirm: z.literal(true, { error: 'CONFIRM_REQUIRED' }), signIn: recoverySignIn }),
    permission: 'backups.manage',
    writes: true,
  }),
  /** How many backups of each kind rotation keeps. */
  'backups.setPolicy': method<R.BackupList>()({
    input: z.strictObject({
      daily: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(60, { error: 'TOO_LARGE' }),
      weekly: z.number().int().min(0, { error: 'NOT_NEGATIVE' }).max(52, { error: 'TOO_LARGE' }),
      preMigration: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(20, { error: 'TOO_LARGE' }),
      manual: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(100, { error: 'TOO_LARGE' }),
      preRestore: z.number().int().min(1, { error: 'POSITIVE_REQUIRED' }).max(20, { error: 'TOO_LARGE' }),
    }),
    permission: 'backups.manage',
    writes: true,
  }),
  // ── Sign-in, users and the audit trail (issue 9) ──────────────────────────────────────
  /** Who is signed in (if anyone), whether the screen is locked, and whom the sign-in screen offers. */
  'auth.status': method<R.AuthStatus>()({ input: z.strictObject({}), permission: 'app.read', writes: false, signedOut: true }),
  /** Signs a user in, replacing whoever was signed in (the quick switch on a shared PC). */
  'auth.signIn': method<R.AuthStatus>()({ input: z.strictObject({ username, secret }), permission: 'app.read', writes: false, signedOut: true }),
  /** Locks the screen (after inactivity, or by hand); the signed-in user unlocks with their password or PIN. */
  'auth.lock': method<R.AuthStatus>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  'auth.unlock': method<R.AuthStatus>()({ input: z.strictObject({ secret }), permission: 'app.read', writes: false, signedOut: true }),
  'auth.signOut': method<R.AuthStatus>()({ input: z.strictObject({}), permission: 'app.read', writes: false }),
  'users.list': method<R.UserRow[]>()({ input: z.strictObject({}), permission: 'users.manage', writes: false }),
  'users.create': method<R.UserRow>()({
    input: z.strictObject({
      username,
      displayName: z.string().trim().min(1, { error: 'REQUIRED' }).max(40, { error: 'TOO_LONG' }),
      role: roleName,
      credential,
    }),
    permission: 'users.manage',
    writes: true,
  }),
  /** Renames a user, changes the role, or disables / enables them. */
  'users.update': method<R.UserRow>()({
    input: z.strictObject({
      id: z.string().min(1).max(80),
      displayName: z.string().trim().min(1, { error: 'REQUIRED' }).max(40, { error: 'TOO_LONG' }).optional(),
      role: roleName.optional(),
      active: z.boolean().optional(),
    }),
    permission: 'users.manage',
    writes: true,
  }),
  /** Sets a new password or PIN (a forgotten PIN) and lifts a lock-out. */
  'users.setCredential': method<R.UserRow>()({ input: z.strictObject({ id: z.string().min(1).max(80), credential }), permission: 'users.manage', writes: true }),
  /** The audit trail, newest first. */
  'audit.search': method<R.Page<R.AuditRow>>()({
    input: z.strictObject({ ...auditFilter, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    permission: 'audit.read',
    writes: false,
  }),
  'audit.export': method<R.ExportedFile>()({
    input: z.strictObject({ ...auditFilter, format: z.enum(['xlsx', 'csv'], { error: 'EXPORT_FORMAT_INVALID' }) }),
    permission: 'audit.read',
    writes: false,
  }),
  /** The customer list with contacts and credit terms, as a file (confidential: the export itself is audited). */
  'customers.export': method<R.ExportedFile>()({
    input: z.strictObject({ q: f.searchText.default(''), format: z.enum(['xlsx', 'csv'], { error: 'EXPORT_FORMAT_INVALID' }) }),
    permission: 'customers.sensitive',
    writes: false,
  }),
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
