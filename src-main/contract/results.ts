import type { Permission, Role } from '../core/permissions';
import type { PackUnit } from '../core/units';
import type { PurchaseAction, PurchaseOrderStatus } from '../core/purchaseOrder';
import type { SalesAction, SalesOrderStatus } from '../core/salesOrder';
import type { ApprovalReason } from '../core/salesPricing';
import type { CustomerReturnStatus, ReturnAction, ReturnApprovalReason, ReturnReasonCode } from '../core/customerReturn';
import type { SupplierReturnAction, SupplierReturnStatus } from '../core/supplierReturn';

export interface Page<T> {
  total: number;
  rows: T[];
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  host: 'electron' | 'http' | 'node';
  dataPath: string;
  branch: { id: string; code: string; name: string; timeZone: string } | null;
  user: { id: string; displayName: string; role: Role } | null;
  today: string | null;
}

export interface Settings {
  locale: 'zh-CN' | 'en';
  nearExpiryDays: number;
  /** Least remaining shelf life accepted at receipt, ‰ of the product's shelf life (333: one third). */
  minReceiptShelfLifePermille: number;
  /** Minutes of inactivity before the screen locks. */
  lockMinutes: number;
}

/** The period lock (关账): nothing posts on or before `lockedThrough`. */
export interface PeriodLock {
  lockedThrough: string | null;
  lockedBy: string | null;
  lockedAt: number | null;
  today: string;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  kind: 'main' | 'returns' | 'transit';
  active: boolean;
}

export interface Supplier {
  id: string;
  code: string;
  name: string;
}

export interface Category {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ProductUnit extends PackUnit {
  barcode: string | null;
}

export interface ProductRow {
  id: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  categoryId: string | null;
  categoryZh: string | null;
  categoryEn: string | null;
  brand: string;
  baseUnitCode: string;
  /** The barcode of the base unit, for display. */
  barcode: string | null;
  active: boolean;
  onHand: number;
  /** Packaging units, largest first, for showing on-hand as 3箱5瓶. */
  units: PackUnit[];
}

export interface LotRow {
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  productionDate: string | null;
  warehouseId: string;
  warehouseName: string;
  qty: number;
}

export interface ProductDetail {
  id: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  categoryId: string | null;
  categoryZh: string | null;
  categoryEn: string | null;
  brand: string;
  baseUnitCode: string;
  shelfLifeDays: number | null;
  lotTracked: boolean;
  taxRateBp: number;
  active: boolean;
  units: ProductUnit[];
  lots: LotRow[];
  onHand: number;
  valueFen: number;
  /** Average cost of one base unit in fen (rounded), from open FIFO layers; null when none. */
  averageUnitCostFen: number | null;
  /** The bin in each active warehouse of the branch (null where none is set). */
  locations: { warehouseId: string; warehouseName: string; location: string | null }[];
}

export interface BarcodeHit {
  product: ProductDetail;
  unit: ProductUnit;
}

export interface PostedDocument {
  id: string;
  docNo: string;
  docType: 'receipt' | 'adjustment' | 'reversal' | 'delivery' | 'customer_return' | 'return_disposition' | 'supplier_return' | 'transfer_out' | 'transfer_in';
  businessDate: string;
  totalQty: number;
  totalValueFen: number;
}

export interface OnHandRow {
  warehouseId: string;
  warehouseName: string;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  units: PackUnit[];
  /** null when grouped by product. */
  lotId: string | null;
  lotCode: string | null;
  expiryDate: string | null;
  daysToExpiry: number | null;
  qty: number;
  valueFen: number;
}

export interface OnHandPage extends Page<OnHandRow> {
  totalQty: number;
  totalValueFen: number;
  /** False when the call asked for rows only (withTotals: false): total and sums are then 0. */
  hasTotals: boolean;
}

/**
 * A file an export made under the data directory's exports/ folder. The renderer hands it to
 * saveExportedFile: a download from the loopback host, a save dialog in Electron.
 */
export interface ExportedFile {
  fileId: string;
  fileName: string;
  bytes: number;
  rows: number;
}

export interface MovementRow {
  id: string;
  createdAt: number;
  businessDate: string;
  warehouseName: string;
  documentId: string;
  docNo: string;
  documentType: string;
  lotCode: string;
  expiryDate: string | null;
  qty: number;
  valueFen: number;
  /** On hand in this warehouse after the movement (all lots). */
  balanceAfter: number;
}

export interface DocumentRow {
  id: string;
  docNo: string;
  docType: 'receipt' | 'adjustment' | 'reversal' | 'delivery' | 'customer_return' | 'return_disposition' | 'supplier_return' | 'transfer_out' | 'transfer_in';
  businessDate: string;
  warehouseName: string;
  supplierName: string | null;
  reasonCode: string | null;
  totalQty: number;
  totalValueFen: number;
  reversedByDocNo: string | null;
  reversesDocNo: string | null;
  createdByName: string;
  createdAt: number;
}

export interface DocumentLine {
  lineNo: number;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  unitCode: string;
  unitQty: number;
  qty: number;
  lotCode: string | null;
  expiryDate: string | null;
  unitCostFen: number | null;
  valueFen: number;
  /** Per-line reason (a count's lines each carry their own). */
  reasonCode: string | null;
}

export interface DocumentDetail extends DocumentRow {
  note: string;
  lines: DocumentLine[];
}

/** A sync failure as the status shows it; `code` is translated by the renderer (sync namespace). */
export interface SyncErrorInfo {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  at: number;
}

export interface SyncRejectedOp {
  seq: number;
  name: string;
  code: string;
  message: string;
  receivedAt: number;
}

export interface SyncOpenException {
  id: string;
  warehouseName: string | null;
  sku: string | null;
  productNameZh: string | null;
  productNameEn: string | null;
  lotCode: string | null;
  /** The negative balance, in base units. */
  qty: number;
  openedAt: number;
}

export interface SyncDivergence {
  bucket: string;
  localCount: number;
  serverCount: number;
  since: number;
}

export interface SyncStatus {
  /** Enrolled with a head-office server. */
  configured: boolean;
  serverUrl: string | null;
  deviceId: string | null;
  deviceName: string | null;
  /** The branch head office bound this PC to. */
  branch: { id: string; code: string; name: string; timeZone: string } | null;
  /** This PC's letter within the branch ('' for the founding PC); its documents are numbered `${code}${terminalCode}-…`. */
  terminalCode: string | null;
  enrolledAt: number | null;
  lastSyncAt: number | null;
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** Ops waiting for head office, counted from the outbox. */
  pending: number;
  lastError: SyncErrorInfo | null;
  /** Server time minus this PC's time at the last answer, in ms. */
  clockOffsetMs: number | null;
  rejected: SyncRejectedOp[];
  openExceptions: SyncOpenException[];
  divergence: SyncDivergence[];
}

export interface SyncEnrolled {
  info: AppInfo;
  status: SyncStatus;
  /** The ledger had no branch and took head office's. */
  joined: boolean;
}

export type CountStatus = 'counting' | 'review' | 'posted' | 'cancelled';

export interface CountRow {
  id: string;
  docNo: string;
  warehouseId: string;
  warehouseName: string;
  scope: 'full' | 'partial' | 'cycle';
  blind: boolean;
  status: CountStatus;
  snapshotAt: number;
  createdAt: number;
  createdBy: string;
  note: string;
  /** Lines the plan expected (book quantities in the snapshot). */
  expectedLines: number;
  /** Expected lines counted in their current round. */
  countedLines: number;
  /** Lines found that the plan did not expect. */
  foundLines: number;
  adjustment: { id: string; docNo: string } | null;
}

export interface CountZone {
  zone: string;
  products: number;
}

export interface CountSummary {
  /** Lines nobody has counted in their current round. */
  uncountedLines: number;
  varianceLines: number;
  gainQty: number;
  lossQty: number;
  gainValueFen: number;
  lossValueFen: number;
  needsReason: number;
  needsRecount: number;
  needsApproval: number;
  /** Lines that would stop posting now. */
  notReady: number;
}

export interface CountDetail extends CountRow {
  categoryIds: string[];
  zones: string[];
  productCount: number;
  abcClasses: ('A' | 'B' | 'C')[];
  recountPermille: number;
  approvalValueFen: number;
  entries: number;
  counters: string[];
  closedAt: number | null;
  closedBy: string | null;
  /** Variance figures (lines nobody counted taken as zero); null while a blind count is still counting. */
  summary: CountSummary | null;
}

export interface CountLineRow {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  units: PackUnit[];
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  location: string | null;
  /** In the plan's snapshot (false: found by a counter). */
  expected: boolean;
  round: number;
  countedQty: number | null;
  lastCountedAt: number | null;
  counters: string[];
  reasonCode: string | null;
  approved: boolean;
  /** Book figures and the verdict; null while a blind count is still counting. */
  bookQty: number | null;
  movedSinceSnapshot: number | null;
  expectedQty: number | null;
  varianceQty: number | null;
  varianceValueFen: number | null;
  needsRecount: boolean;
  needsApproval: boolean;
  needsReason: boolean;
  ready: boolean;
}

export interface CountLinesPage extends Page<CountLineRow> {
  /** The whole count's figures; null while a blind count is counting, or when the page is one product's lines. */
  summary: CountSummary | null;
}

export interface CountEntry {
  id: string;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  lotId: string;
  lotCode: string;
  unitCode: string;
  unitQty: number;
  qty: number;
  counter: string;
  createdAt: number;
  /** This entry undoes another. */
  undoes: boolean;
  /** This entry was undone later. */
  undone: boolean;
  /**
   * This entry came too late: it was made (on a PC that had not heard yet) after the count was
   * posted elsewhere, so it is not in the count's figures, here or on any PC.
   */
  late: boolean;
}

export interface CountRecorded {
  entry: CountEntry;
  line: CountLineRow;
  progress: { expectedLines: number; countedLines: number; foundLines: number };
}

/**
 * What the counting screen needs to show a scan before the ledger answers it (counts.scanMap):
 * every product in the count's scope with its units and barcodes, and the count's lines as they
 * stand. Arrays rather than objects: a full count of 20,000 products is one answer, read once.
 */
export interface CountScanMap {
  countId: string;
  /** The unit names used, once each: [code, nameZh, nameEn]. */
  unitNames: [code: string, nameZh: string, nameEn: string][];
  /** Products in scope: units largest first, each [index into unitNames, factor, barcode]. */
  products: [id: string, sku: string, nameZh: string, nameEn: string, lotTracked: 0 | 1, units: [unitName: number, factor: number, barcode: string | null][]][];
  /** The count's lines: [index into products, lot code ('' for none), expiry, expected by the plan, counted so far (null: not yet)]. */
  lines: [product: number, lotCode: string, expiryDate: string | null, expected: 0 | 1, countedQty: number | null][];
}

// ── Sales ───────────────────────────────────────────────────────────────────────────────

export type CustomerChannel = 'supermarket' | 'convenience' | 'restaurant' | 'wholesaler';
export type { SalesOrderStatus, SalesAction } from '../core/salesOrder';
export type { PurchaseOrderStatus, PurchaseAction } from '../core/purchaseOrder';
export type { ApprovalReason } from '../core/salesPricing';
export type { CustomerReturnStatus, ReturnAction, ReturnApprovalReason, ReturnReasonCode } from '../core/customerReturn';

export interface CustomerRow {
  id: string;
  code: string;
  name: string;
  channel: CustomerChannel;
  customerClass: 'key' | 'ordinary';
  region: string;
  salesperson: string;
  /** Contacts and credit: only for roles with customers.sensitive (absent otherwise). */
  contact?: string;
  phone?: string;
  creditLimitFen?: number;
  paymentTermsDays?: number;
  receivableFen?: number;
  active: boolean;
}

/** The credit picture an order is checked against, with how old this PC's knowledge of other PCs' documents is. */
export interface CreditStatus {
  limitFen: number;
  receivableFen: number;
  openOrdersFen: number;
  /** limit − receivable − open orders (negative: over the limit). */
  availableFen: number;
  overdueFen: number;
  /** When this PC last heard from head office; null when it never synced (its own documents only). */
  syncedAt: number | null;
}

export interface CustomerContact {
  name: string;
  role: string;
  phone: string;
}

export interface CustomerDetail extends CustomerRow {
  /** Absent, like the credit, for roles without customers.sensitive. */
  address?: string;
  contacts?: CustomerContact[];
  priceListCode: string | null;
  priceListName: string | null;
  /** ‰ of shelf life a lot must still have (667 = two thirds). */
  minShelfLifePermille: number;
  credit?: CreditStatus;
  orders: SalesOrderRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  /** Credit notes and refunds for the customer's returns, newest first. */
  creditNotes: CustomerCreditNoteRow[];
}

export interface CustomerCreditNoteRow {
  id: string;
  docNo: string;
  businessDate: string;
  returnId: string;
  returnNo: string;
  settlement: 'credit' | 'refund';
  refundMethod: 'cash' | 'transfer' | null;
  grossFen: number;
  /** Credit not set against an invoice (an advance); 0 for a refund. */
  unappliedFen: number;
}

export interface UnitPrice {
  unitCode: string;
  nameZh: string;
  nameEn: string;
  factor: number;
  barcode: string | null;
  priceFen: number | null;
  source: 'customer' | 'list' | 'standard' | null;
}

export interface PromotionInfo {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'free_goods' | 'volume_discount';
  minQty: number;
  freeProductId: string | null;
  freeProductZh: string | null;
  freeProductEn: string | null;
  freeQty: number | null;
  discountBp: number | null;
  endsOn: string;
}

export interface SalesProductTerms {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  taxRateBp: number;
  priceFloorFen: number | null;
  units: UnitPrice[];
  /** What this customer last paid, per unit as sold. */
  lastPrice: { unitCode: string; unitPriceFen: number; businessDate: string; docNo: string } | null;
  promotions: PromotionInfo[];
  /** Base units: on hand, reserved for orders, on hand − reserved; and what the customer's shelf-life rule lets it have. */
  onHand: number;
  reserved: number;
  available: number;
  availableForCustomer: number;
}

export interface SalesLineView {
  id: string;
  lineNo: number;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  factor: number;
  baseUnitCode: string;
  /** The base unit's names, so base-unit quantities (allocated, delivered) read "3箱5瓶". */
  baseUnitNameZh: string;
  baseUnitNameEn: string;
  unitQty: number;
  qty: number;
  unitPriceFen: number;
  listPriceFen: number;
  priceSource: 'customer' | 'list' | 'standard' | 'manual' | 'free';
  discountBp: number;
  netFen: number;
  taxRateBp: number;
  taxFen: number;
  grossFen: number;
  free: boolean;
  promotionId: string | null;
  parentLineNo: number | null;
  note: string;
  /** Base units. */
  allocated: number;
  delivered: number;
  invoiced: number;
  closed: number;
  /** Available now (on hand − reserved by other orders), base units. */
  available: number;
}

export interface SalesTotals {
  netFen: number;
  taxFen: number;
  grossFen: number;
  qty: number;
}

export interface SalesPreview {
  lines: SalesLineView[];
  totals: SalesTotals;
  approvalReasons: ApprovalReason[];
  /** Absent for roles without customers.sensitive. */
  credit?: CreditStatus;
  /** Lines asking for more than is available (base units short), for the desk to see before confirming. */
  shortages: { lineNo: number; short: number }[];
}

export interface SalesOrderRow {
  id: string;
  docNo: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  status: SalesOrderStatus;
  businessDate: string;
  requestedDate: string | null;
  grossFen: number;
  lineCount: number;
  salesperson: string;
}

export interface SalesAllocationView {
  lineId: string;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  location: string | null;
  qty: number;
}

export interface SalesEventView {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  userId: string;
  userName: string | null;
  at: number;
  note: string;
  documentId: string | null;
  documentNo: string | null;
}

export interface InvoiceRow {
  id: string;
  docNo: string;
  orderId: string;
  orderNo: string;
  customerId: string;
  customerName: string;
  businessDate: string;
  dueDate: string;
  grossFen: number;
  paidFen: number;
  openFen: number;
  /** Days past the invoice date, as of today. */
  ageDays: number;
  overdue: boolean;
}

export interface PaymentRow {
  id: string;
  docNo: string;
  customerId: string;
  businessDate: string;
  method: 'cash' | 'transfer';
  amountFen: number;
  reference: string;
  /** Not yet set against an invoice (paid in advance). */
  unappliedFen: number;
}

export interface SalesOrderDetail extends SalesOrderRow {
  warehouseId: string;
  warehouseName: string;
  note: string;
  customerClass: 'key' | 'ordinary';
  customerChannel: CustomerChannel;
  minShelfLifePermille: number;
  approvalReasons: ApprovalReason[];
  approvedBy: string | null;
  approvedAt: number | null;
  totals: SalesTotals;
  /** Absent for roles without customers.sensitive. */
  credit?: CreditStatus;
  lines: SalesLineView[];
  allocations: SalesAllocationView[];
  events: SalesEventView[];
  deliveries: { id: string; docNo: string; businessDate: string; qty: number; valueFen: number }[];
  invoices: InvoiceRow[];
  allowedActions: SalesAction[];
}

export interface PaymentResult {
  payment: PaymentRow;
  applied: { invoiceId: string; docNo: string; amountFen: number }[];
  /** Absent for roles without customers.sensitive. */
  credit?: CreditStatus;
}

export interface ReceivablesReport {
  total: number;
  rows: InvoiceRow[];
  /** Open amounts by age over the whole selection. */
  ageing: { '0-30': number; '31-60': number; '61-90': number; '90+': number };
  openFen: number;
}

/** A scan on the counting screen: the barcode's product and unit, and what was counted (null: the product's lot must be named first). */
export interface CountScanned extends BarcodeHit {
  recorded: CountRecorded | null;
}

// ── Customer returns ───────────────────────────────────────────────────────────────────

/** A product's name and units, as return lines show quantities ("3箱5瓶"). */
export interface ReturnProductView {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  units: PackUnit[];
}

export interface ReturnableDeliveryLine extends ReturnProductView {
  deliveryLineId: string;
  orderLineId: string | null;
  lotId: string | null;
  lotCode: string | null;
  expiryDate: string | null;
  free: boolean;
  delivered: number;
  returned: number;
  returnable: number;
  /** Tax-exclusive price paid per base unit (discount included), rounded; 0 for free goods. */
  netPerBaseFen: number;
  taxRateBp: number;
}

export interface ReturnableDelivery {
  deliveryId: string;
  docNo: string;
  orderId: string | null;
  orderNo: string | null;
  businessDate: string;
  /** The return window of its lines (the shortest), null when there is no limit. */
  windowDays: number | null;
  withinWindow: boolean;
  lines: ReturnableDeliveryLine[];
}

export interface ReturnLineView extends ReturnProductView {
  id: string;
  lineNo: number;
  deliveryLineId: string | null;
  orderLineId: string | null;
  lotId: string | null;
  lotCode: string | null;
  expiryDate: string | null;
  unitCode: string;
  unitQty: number;
  qty: number;
  reasonCode: ReturnReasonCode;
  note: string;
  free: boolean;
  unitPriceFen: number;
  netFen: number;
  taxRateBp: number;
  taxFen: number;
  grossFen: number;
  costFen: number;
  restockQty: number;
  quarantineQty: number;
  scrapQty: number;
  /** Kept in the returns area, awaiting a return to the supplier (退供). */
  supplierQty: number;
  creditedQty: number;
  /** Still returnable on the delivery line before this return (preview only; null otherwise). */
  returnable: number | null;
}

export interface ReturnTotals {
  netFen: number;
  taxFen: number;
  grossFen: number;
  /** Free goods (赠品扣回) charged against the credit, gross. */
  freeGoodsDeductionFen: number;
  /** What the return is worth to the customer: gross less the deduction (never below 0). */
  creditFen: number;
  qty: number;
}

export interface ReturnPreview {
  customerId: string;
  deliveryId: string | null;
  lines: ReturnLineView[];
  totals: ReturnTotals;
  approvalReasons: ReturnApprovalReason[];
}

export interface CustomerReturnRow {
  id: string;
  docNo: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  status: CustomerReturnStatus;
  businessDate: string;
  deliveryNo: string | null;
  recall: boolean;
  grossFen: number;
  lineCount: number;
}

/** A return's tracking event reads like an order's. */
export type ReturnEventView = SalesEventView;

export interface CreditNoteView {
  id: string;
  docNo: string;
  businessDate: string;
  settlement: 'credit' | 'refund';
  refundMethod: 'cash' | 'transfer' | null;
  netFen: number;
  taxFen: number;
  grossFen: number;
  invoiceNo: string | null;
  applied: { invoiceId: string; docNo: string; amountFen: number }[];
  /** Left as an advance (credit not set against any invoice). */
  unappliedFen: number;
}

export interface CustomerReturnDetail extends CustomerReturnRow {
  orderId: string | null;
  orderNo: string | null;
  deliveryId: string | null;
  recallLotCode: string | null;
  returnsWarehouseId: string;
  restockWarehouseId: string;
  approvalReasons: ReturnApprovalReason[];
  approvedBy: string | null;
  approvedAt: number | null;
  settlement: 'credit' | 'refund' | null;
  note: string;
  lines: ReturnLineView[];
  totals: ReturnTotals;
  events: ReturnEventView[];
  documents: { id: string; docNo: string; docType: 'customer_return' | 'return_disposition'; businessDate: string; qty: number; valueFen: number }[];
  creditNote: CreditNoteView | null;
  allowedActions: ReturnAction[];
}

export interface RecallHolder {
  customerId: string;
  customerCode: string;
  customerName: string;
  deliveryId: string;
  deliveryNo: string;
  businessDate: string;
  delivered: number;
  returned: number;
  returnable: number;
}

export interface RecallLookup {
  lot: { id: string; lotCode: string; expiryDate: string | null } | null;
  product: ReturnProductView | null;
  holders: RecallHolder[];
}

export interface RecallStarted {
  returns: CustomerReturnRow[];
}

// ── Purchasing ──────────────────────────────────────────────────────────────────────────

export interface PurchaseSupplier {
  id: string;
  code: string;
  name: string;
  leadTimeDays: number;
  /** Products with this supplier's terms. */
  productCount: number;
}

export interface PurchaseUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  factor: number;
  barcode: string | null;
}

/** A product as a supplier sells it: its units, the supplier's case pack, MOQ, lead time and last cost. */
export interface SupplierProductTerms {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  lotTracked: boolean;
  shelfLifeDays: number | null;
  units: PurchaseUnit[];
  /** Null: the supplier has no terms for this product (it may still be ordered). */
  supplierItemCode: string | null;
  purchaseUnitCode: string;
  /** Base units per purchase unit (the case pack). */
  packFactor: number;
  minOrderQty: number;
  leadTimeDays: number;
  /** Cost per purchase unit: the supplier's last cost, else the last receipt's. */
  lastCostFen: number | null;
  preferred: boolean;
}

export interface PurchaseOrderRow {
  id: string;
  docNo: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  warehouseId: string;
  status: PurchaseOrderStatus;
  orderDate: string;
  expectedDate: string;
  totalQty: number;
  totalValueFen: number;
  lineCount: number;
  /** Base units received so far, over all lines. */
  receivedQty: number;
}

export interface PurchaseLineView {
  id: string;
  lineNo: number;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  baseUnitNameZh: string;
  baseUnitNameEn: string;
  lotTracked: boolean;
  shelfLifeDays: number | null;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  factor: number;
  unitQty: number;
  /** Base units ordered, received (from receipts), closed short and still open. */
  qty: number;
  received: number;
  closed: number;
  open: number;
  unitCostFen: number;
  valueFen: number;
  units: PurchaseUnit[];
}

export interface PurchaseEventView {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  userId: string;
  /** The user's display name on this PC; null for someone of another PC or branch this PC does not know. */
  userName: string | null;
  at: number;
  note: string;
  documentId: string | null;
  documentNo: string | null;
}

export interface PurchaseOrderDetail extends PurchaseOrderRow {
  warehouseName: string;
  supplierLeadTimeDays: number;
  note: string;
  createdBy: string;
  createdAt: number;
  lines: PurchaseLineView[];
  receipts: { id: string; docNo: string; businessDate: string; qty: number; valueFen: number; reversed: boolean }[];
  events: PurchaseEventView[];
  allowedActions: PurchaseAction[];
}

/** What receiving a line raises: more than open, less than open, or goods with too little shelf life left. */
export type ReceiptFlag =
  | { kind: 'over'; lineNo: number; productId: string; open: number; incoming: number; difference: number; needsConfirmation: boolean }
  | { kind: 'under'; lineNo: number; productId: string; open: number; incoming: number; difference: number }
  | { kind: 'short_dated'; lineNo: number; productId: string; lotCode: string; expiryDate: string; remainingDays: number; minDays: number };

export interface ReceiptCheck {
  flags: ReceiptFlag[];
  /** A flag that posting refuses unless confirmed (allowOver / allowShortDated). */
  needsConfirmation: { over: boolean; shortDated: boolean };
  minShelfLifePermille: number;
}

export interface PurchaseReceived {
  order: PurchaseOrderDetail;
  receipt: PostedDocument;
  flags: ReceiptFlag[];
}

// ── Supplier returns and return analysis ───────────────────────────────────────────────

export type { SupplierReturnAction, SupplierReturnStatus } from '../core/supplierReturn';

/** A product as a supplier-return line shows it, with its units for typing "3箱5瓶". */
export interface ReturnProductInfo {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  units: PackUnit[];
}

/** A lot received from the supplier and on hand in the warehouse. */
export interface SupplierReturnCandidateLot extends ReturnProductInfo {
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  onHand: number;
  /** Held for sales orders (sales_allocations). */
  reserved: number;
  available: number;
  /** Average cost of one base unit over the warehouse's open layers of the product. */
  unitCostFen: number | null;
}

/** Goods a customer returned that inspection sent back to the supplier and that no supplier return carries yet. */
export interface SupplierReturnAwaitingLine extends ReturnProductInfo {
  customerReturnLineId: string;
  customerReturnId: string;
  customerReturnNo: string;
  customerName: string;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  awaitingQty: number;
  reasonCode: ReturnReasonCode;
  note: string;
  unitCostFen: number | null;
}

export interface SupplierReturnCandidates {
  lots: SupplierReturnCandidateLot[];
  awaiting: SupplierReturnAwaitingLine[];
}

export interface SupplierReturnRow {
  id: string;
  docNo: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  warehouseId: string;
  warehouseName: string;
  status: SupplierReturnStatus;
  businessDate: string;
  lineCount: number;
  qty: number;
  valueFen: number;
  claimFen: number;
  creditedFen: number;
  writtenOffFen: number;
  openFen: number;
  reference: string;
}

export interface SupplierReturnLineView extends ReturnProductInfo {
  id: string;
  lineNo: number;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  unitCode: string;
  unitQty: number;
  qty: number;
  valueFen: number;
  reasonCode: ReturnReasonCode;
  note: string;
  customerReturnLineId: string | null;
  customerReturnNo: string | null;
}

/** A step of a supplier return's tracking; `amountFen` is the claim or credit the step recorded. */
export interface SupplierReturnEventView extends Omit<SalesEventView, 'documentId' | 'documentNo'> {
  amountFen: number | null;
}

export interface SupplierReturnDetail extends SupplierReturnRow {
  note: string;
  createdAt: number;
  /** The stock issue posted when it was sent. */
  document: { id: string; docNo: string; businessDate: string } | null;
  lines: SupplierReturnLineView[];
  events: SupplierReturnEventView[];
  allowedActions: SupplierReturnAction[];
}

export type ReturnAnalysisDimension = 'product' | 'customer' | 'supplier' | 'reason' | 'month';

export interface ReturnAnalysisFigures {
  returnedQty: number;
  /** At the cost the goods left with (customer_return_lines.cost_fen). */
  returnedFen: number;
  deliveredQty: number;
  /** Delivered at FIFO cost (the delivery documents' value). */
  deliveredFen: number;
  /** Basis points (10000 = 100 %); null where nothing was delivered. */
  qtyRateBp: number | null;
  valueRateBp: number | null;
}

export interface ReturnAnalysisRow extends ReturnAnalysisFigures {
  /** The product, customer or supplier id, the reason code or the month (YYYY-MM); '' for returns with no known supplier. */
  key: string;
  /** The product's, customer's or supplier's name ('' for the reason and month, which the screen names). */
  label: string;
  /** The product's English name where there is one. */
  labelEn: string;
  /** The SKU, customer code or supplier code. */
  detail: string;
}

export interface ReturnAnalysis {
  dimension: ReturnAnalysisDimension;
  dateFrom: string;
  dateTo: string;
  rows: ReturnAnalysisRow[];
  /** Rows beyond `limit` (the least returned) are not listed but are in the totals. */
  total: number;
  totals: ReturnAnalysisFigures;
}

// --- backups and restore (issue 9) ---

export type BackupKind = 'daily' | 'manual' | 'preMigration' | 'preRestore';
export type DocumentKind =
  | 'stockDocuments'
  | 'stockCounts'
  | 'salesOrders'
  | 'salesInvoices'
  | 'customerPayments'
  | 'customerReturns'
  | 'creditNotes'
  | 'purchaseOrders'
  | 'supplierReturns';

/** How many documents of one kind a ledger (or a backup) holds, and its highest document number. */
export interface DocumentTally {
  type: DocumentKind;
  count: number;
  lastDocNo: string | null;
}

export interface BackupInfo {
  fileName: string;
  kind: BackupKind;
  createdAt: number;
  sizeBytes: number;
  /** Schema and app version of the ledger it copies; null for a file whose description is missing. */
  schemaVersion: number | null;
  appVersion: string | null;
  /** integrity_check passed on the copy when it was made. */
  verified: boolean;
  documents: DocumentTally[] | null;
}

export interface BackupList {
  /** `<dataDir>/backups`. */
  folder: string;
  backups: BackupInfo[];
  policy: { daily: number; weekly: number; preMigration: number; manual: number; preRestore: number };
  /** Why the ledger could not be opened (recovery mode), else null. */
  damaged: string | null;
}

export interface IntegrityReport {
  ok: boolean;
  /** integrity_check's findings (at most 20); empty when ok. */
  problems: string[];
  full: boolean;
  checkedAt: number;
}

export interface RestorePreview {
  backup: BackupInfo;
  integrity: IntegrityReport;
  /** The ledger as it is now; null when it cannot be read (recovery mode). */
  current: DocumentTally[] | null;
  /** Documents in the ledger now that the backup does not have: lost by restoring it. */
  lost: { type: DocumentKind; count: number; docNos: string[] }[];
  /** The backup is of an older schema; it is migrated (after a copy) when it opens. */
  willMigrate: boolean;
  /**
   * Changes this PC made after the backup that head office already has. Restoring would give
   * new changes their sequence numbers again, which head office takes as already received: such
   * a restore is refused (restore a newer backup, or join the branch again on a fresh ledger).
   */
  sentToHeadOffice: number;
}

export interface RestoreDone {
  restoredFrom: string;
  /** The copy of the ledger as it was just before, made first; null in recovery mode. */
  safetyBackup: string | null;
  /** In recovery mode the damaged file is kept under this name beside the ledger. */
  damagedFileKeptAs: string | null;
}

// ── Finance ─────────────────────────────────────────────────────────────────────────────

export interface LatePosting {
  id: string;
  documentKind: 'stock_document' | 'sales_invoice' | 'customer_payment' | 'credit_note';
  documentId: string;
  docNo: string;
  /** The stock document's type, or sales_invoice / customer_payment / credit_note. */
  docType: string;
  /** The document's own business date, in the locked period. */
  originalDate: string;
  /** The first open day it was posted on here. */
  postedDate: string;
  lockedThrough: string;
  /** The PC of the branch that wrote it. */
  sourceDeviceId: string;
  arrivedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

export interface LatePostings extends Page<LatePosting> {
  /** Not yet acknowledged, whatever the page shows. */
  open: number;
}

export type { AccountMapping } from '../core/vouchers';

export interface SalesTargetRow {
  salesperson: string;
  /** Null when the salesperson sold this month but has no target. */
  targetFen: number | null;
  /** Invoiced net of tax, less credit notes, in the month. */
  actualFen: number;
  /** actual / target; null without a target. */
  attainment: number | null;
}

export interface SalesTargets {
  month: string;
  rows: SalesTargetRow[];
  totals: { targetFen: number; actualFen: number; attainment: number | null };
}

export interface DashboardPoint {
  /** 'YYYY-MM-DD' for days, 'YYYY-MM' for months. */
  period: string;
  netFen: number;
}

export interface DashboardTop {
  id: string;
  label: string;
  labelEn: string;
  netFen: number;
}

export interface Dashboard {
  today: string;
  dateFrom: string;
  daily: DashboardPoint[];
  monthly: DashboardPoint[];
  topCustomers: DashboardTop[];
  topProducts: DashboardTop[];
  stock: { activeProducts: number; stockouts: number; nearExpiryLots: number; expiredLots: number; nearExpiryDays: number };
  returns: { salesNetFen: number; returnsNetFen: number; rate: number | null };
  targets: SalesTargets;
  openLatePostings: number;
}

// ── Replenishment, supplier performance, stock health ───────────────────────────────────

/** One product's reorder figures in a warehouse (base units unless named otherwise). */
export interface ReplenishmentRow {
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  /** The supplier it is bought from (preferred terms); null without supplier terms. */
  supplierId: string | null;
  supplierCode: string;
  supplierName: string;
  purchaseUnitCode: string;
  purchaseUnitNameZh: string;
  purchaseUnitNameEn: string;
  /** Base units in one purchase unit (case). */
  packFactor: number;
  minOrderQty: number;
  leadTimeDays: number;
  onHand: number;
  /** Open on purchase orders (drafts included), not yet received. */
  onOrder: number;
  /** Reserved for customers' orders. */
  committed: number;
  position: number;
  /** Moving average of sales issues per day, seasonal factor applied. */
  demandPerDay: number;
  /** ‰; 1000 without a seasonal adjustment. */
  seasonalityPermille: number;
  daysOfCover: number | null;
  safetyStock: number;
  min: number;
  max: number;
  policySource: 'computed' | 'override';
  overrideMin: number | null;
  overrideMax: number | null;
  /** Purchase units to order (whole cases, at least the MOQ); 0 when nothing is needed. */
  suggestedPacks: number;
  suggestedQty: number;
  /** Cost per purchase unit, fen (supplier's last cost); null when unknown. */
  unitCostFen: number | null;
  suggestedValueFen: number | null;
}

export interface ReplenishmentSuggestions {
  asOf: string;
  windowDays: number;
  rows: ReplenishmentRow[];
}

export interface ReplenishmentOrder {
  id: string;
  docNo: string;
  supplierId: string;
  supplierName: string;
  lineCount: number;
  totalValueFen: number;
}

export interface ReplenishmentOrdersCreated {
  orders: ReplenishmentOrder[];
}

export interface ReplenishmentPoliciesSet {
  updated: number;
}

/** A supplier's delivery record over a period (orders by order date; drafts and cancelled orders left out). */
export interface SupplierPerformanceRow {
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  orders: number;
  /** Orders whose promised date has passed or that are finished (received, closed short). */
  dueOrders: number;
  /** Due orders received in full by their promised date. */
  onTimeOrders: number;
  /** Basis points of due orders; null without due orders. */
  onTimeRateBp: number | null;
  orderedQty: number;
  receivedQty: number;
  /** Received over ordered, basis points; null when nothing was ordered. */
  fillRateBp: number | null;
  /** Average promised lead time (order to promised date), days ×10; null without orders. */
  promisedLeadTimeTenths: number | null;
  /** Average actual lead time (order to first receipt), days ×10; null without receipts. */
  actualLeadTimeTenths: number | null;
  /** Sent back to the supplier in the period (supplier returns not draft, cancelled or rejected). */
  supplierReturnQty: number;
  supplierReturnFen: number;
  /** Customer returns in the period of goods from the supplier's lots, and all received from it in the period (every receipt). */
  customerReturnQty: number;
  suppliedQty: number;
  customerReturnRateBp: number | null;
}

export interface SupplierPerformance {
  dateFrom: string;
  dateTo: string;
  rows: SupplierPerformanceRow[];
}

export type StockHealthKind = 'stockout' | 'overstock' | 'slow' | 'nearExpiry';

export interface StockHealthRow {
  kind: StockHealthKind;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  onHand: number;
  onOrder: number;
  demandPerDay: number;
  daysOfCover: number | null;
  lastSaleDate: string | null;
  /** Value on hand at FIFO cost, fen. */
  valueFen: number;
  supplierId: string | null;
  supplierName: string;
  /** Near-expiry rows are per lot. */
  lotId: string | null;
  lotCode: string | null;
  expiryDate: string | null;
  daysToExpiry: number | null;
}

export interface StockHealth {
  asOf: string;
  stockout: StockHealthRow[];
  overstock: StockHealthRow[];
  slow: StockHealthRow[];
  /** One page of the near-expiry lots, soonest first (`expiryOffset`, `expiryLimit`). */
  nearExpiry: StockHealthRow[];
  /** How many lots the whole near-expiry list has, and their value, fen. */
  nearExpiryTotal: number;
  nearExpiryValueFen: number;
}

// ── Stock transfers ────────────────────────────────────────────────────────────────────

import type { TransferAction, TransferDiscrepancyReason, TransferDisposition, TransferStatus } from '../core/transfer';
export type { TransferAction, TransferDiscrepancyReason, TransferDisposition, TransferStatus };

/** Which way a transfer goes as this branch sees it: within the branch, out to another branch, in from one. */
export type TransferDirection = 'internal' | 'out' | 'in';

export interface TransferRow {
  id: string;
  docNo: string;
  status: TransferStatus;
  direction: TransferDirection;
  businessDate: string;
  fromBranchCode: string;
  fromBranchName: string;
  fromWarehouseName: string;
  toBranchCode: string;
  /** The destination warehouse, named once known (a branch receiving from another chooses it). */
  toWarehouseName: string;
  twoStep: boolean;
  totalQty: number;
  /** What the goods left with, at FIFO cost (0 while a draft). */
  totalValueFen: number;
  lineCount: number;
  /** Base units received, once received. */
  receivedQty: number | null;
  receivedDate: string | null;
}

export interface TransferLineView {
  id: string;
  lineNo: number;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  baseUnitCode: string;
  baseUnitNameZh: string;
  baseUnitNameEn: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  factor: number;
  unitQty: number;
  /** Base units sent (or to send, on a draft). */
  qty: number;
  lotId: string | null;
  lotCode: string | null;
  expiryDate: string | null;
  valueFen: number;
  units: PurchaseUnit[];
  /** Once received: what arrived, and the difference's reason, disposition and value. */
  receivedQty: number | null;
  reasonCode: TransferDiscrepancyReason | null;
  disposition: TransferDisposition | null;
  differenceFen: number | null;
}

export interface TransferReceiptView {
  id: string;
  warehouseId: string;
  warehouseName: string;
  businessDate: string;
  documentId: string | null;
  documentNo: string | null;
  receivedQty: number;
  writtenOffFen: number;
  note: string;
  receivedBy: string;
  receivedAt: number;
}

export interface TransferDetail extends TransferRow {
  fromWarehouseId: string;
  toWarehouseId: string | null;
  note: string;
  documentId: string | null;
  documentNo: string | null;
  createdBy: string;
  createdAt: number;
  lines: TransferLineView[];
  receipt: TransferReceiptView | null;
  events: PurchaseEventView[];
  /** What this PC may do now (the sender's or the receiver's actions). */
  allowedActions: TransferAction[];
}

/** Goods in transit as this branch sees them: sent out and not yet received, and on their way in. */
export interface TransferBranches {
  /** False until head office has sent the branch directory: codes are then checked only there. */
  directoryReceived: boolean;
  rows: { code: string; name: string; active: boolean }[];
}

export interface TransfersInTransit {
  outgoing: { transfers: number; qty: number; valueFen: number };
  incoming: { transfers: number; qty: number; valueFen: number };
  /** By product, both directions. */
  products: { productId: string; sku: string; nameZh: string; nameEn: string; baseUnitCode: string; direction: TransferDirection; qty: number; valueFen: number }[];
}

// ---- Reports (issue 8) ----

export type ReportColumnType = 'text' | 'int' | 'qty' | 'money' | 'percent' | 'date' | 'datetime';

/** A report's column: its key in the rows, how its values are shown, and both headers. */
export interface ReportColumn {
  key: string;
  type: ReportColumnType;
  zh: string;
  en: string;
  /** Summed into the totals row. */
  total?: boolean;
  width?: number;
}

export type ReportCell = string | number | null;

export interface ReportResult {
  reportId: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  /** The totals row over every row the filters match, not only those sent. */
  totals: Record<string, ReportCell>;
  /** How many rows the filters match. */
  rowCount: number;
  /** Where `rows` start among them (0 for the first page). */
  offset: number;
  /** More rows matched than were sent (the next pages, or an export for all). */
  truncated: boolean;
}

export interface ReportExportJob {
  jobId: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** Rows written so far. */
  rows: number;
  /** Set when done. */
  file?: ExportedFile;
  /** Set when failed: the error code. */
  error?: string;
}

// ── Sign-in, users and the audit trail ─────────────────────────────────────────────────

/** A user the sign-in screen offers (no secrets, no lock-out state beyond what the screen shows). */
export interface SignInChoice {
  id: string;
  username: string;
  displayName: string;
  credentialKind: 'password' | 'pin';
}

export interface AuthStatus {
  /** False before the first-start set-up (the set-up screen shows instead). */
  branchSetUp: boolean;
  user: { id: string; username: string; displayName: string; role: Role; credentialKind: 'password' | 'pin' } | null;
  locked: boolean;
  /** What the signed-in user may do (empty when nobody is). */
  permissions: Permission[];
  /** Minutes of inactivity before the screen locks. */
  lockMinutes: number;
  locale: 'zh-CN' | 'en';
  users: SignInChoice[];
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  credentialKind: 'password' | 'pin';
  hasCredential: boolean;
  active: boolean;
  origin: 'branch' | 'head_office';
  failedAttempts: number;
  /** Epoch ms until which sign-in is refused after wrong tries; null when not locked out. */
  lockedUntil: number | null;
  createdAt: number;
}

export interface AuditRow {
  id: string;
  at: number;
  userId: string;
  userName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
}
