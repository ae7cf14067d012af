import { addDays, daysBetween } from './businessDate';

/**
 * A purchase order's states (distributor handbook: purchase requisition → order to supplier →
 * receiving and inspection against the order):
 *
 *   draft ──send──▶ sent ──receive──▶ partly_received ──receive──▶ received
 *     │               │                     │
 *     └─cancel─▶ cancelled   └──close (short)──┴──▶ closed
 *
 * Only a draft is edited or cancelled: once the supplier has the order, what does not come is
 * closed short (the order keeps what was received). Past `sent` the state follows from the
 * quantities received, read from the receipts, so it is derived here rather than set by each
 * command.
 */
export const purchaseOrderStatuses = ['draft', 'sent', 'partly_received', 'received', 'closed', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

export const purchaseActions = ['edit', 'send', 'cancel', 'receive', 'close'] as const;
export type PurchaseAction = (typeof purchaseActions)[number];

export interface ReceiptFacts {
  /** Base units ordered, summed over lines. */
  orderedQty: number;
  /** Base units received against the order (from its receipts). */
  receivedQty: number;
}

/** The state of a sent order from what has been received; `closed` once the rest was given up. */
export function receiptStatus(f: ReceiptFacts, closed: boolean): PurchaseOrderStatus {
  if (closed) return 'closed';
  if (f.receivedQty <= 0) return 'sent';
  return f.receivedQty >= f.orderedQty ? 'received' : 'partly_received';
}

export function allowedPurchaseActions(status: PurchaseOrderStatus): PurchaseAction[] {
  if (status === 'draft') return ['edit', 'send', 'cancel'];
  if (status === 'sent') return ['receive', 'close'];
  if (status === 'partly_received') return ['receive', 'close'];
  return [];
}

export function purchaseActionAllowed(status: PurchaseOrderStatus, action: PurchaseAction): boolean {
  return allowedPurchaseActions(status).includes(action);
}

/** Statuses in which goods are still expected. */
export const openPurchaseStatuses: readonly PurchaseOrderStatus[] = ['sent', 'partly_received'];

/** When the goods should arrive: the order date plus the supplier's (or the product's) lead time. */
export function expectedDate(orderDate: string, leadTimeDays: number): string {
  return addDays(orderDate, Math.max(0, leadTimeDays));
}

/**
 * Over-receipt the receiving clerk may take without a confirmation, in ‰ of the line's open
 * quantity. 0: every unit above what is still open must be confirmed (`allowOver`); suppliers
 * that ship a little over by habit are given a tolerance by passing it in.
 */
export const DEFAULT_OVER_TOLERANCE_PERMILLE = 0;

export interface ReceiptLineCheck {
  /** Base units still open on the line before this receipt (ordered − closed − received). */
  open: number;
  /** Base units this receipt brings for the line. */
  incoming: number;
  kind: 'exact' | 'under' | 'over';
  /** Base units above what is open (over) or still missing after it (under). */
  difference: number;
  /** Over by more than the tolerance: refused unless confirmed. */
  needsConfirmation: boolean;
}

/** Compares what arrives on a line with what is still open on it. */
export function checkReceiptLine(open: number, incoming: number, tolerancePermille = DEFAULT_OVER_TOLERANCE_PERMILLE): ReceiptLineCheck {
  const left = Math.max(0, open);
  if (incoming === left) return { open: left, incoming, kind: 'exact', difference: 0, needsConfirmation: false };
  if (incoming < left) return { open: left, incoming, kind: 'under', difference: left - incoming, needsConfirmation: false };
  const over = incoming - left;
  // Integer arithmetic: over / open > tolerance ‰  ⇔  over × 1000 > tolerance × open.
  return { open: left, incoming, kind: 'over', difference: over, needsConfirmation: over * 1000 > tolerancePermille * left };
}

/**
 * Minimum remaining shelf life accepted at receipt, in ‰ of the product's shelf life: one third
 * by default, the trade's usual receiving rule for a distributor (goods with less left cannot
 * reach customers who ask for a share of the life themselves). A branch setting changes it.
 */
export const DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE = 333;

export interface ShelfLifeCheck {
  remainingDays: number;
  minDays: number;
  short: boolean;
}

/** Whether goods expiring on `expiryDate`, received on `receiptDate`, have too little life left; null when nothing can be judged. */
export function shelfLifeAtReceipt(expiryDate: string | null, receiptDate: string, shelfLifeDays: number | null, minPermille: number): ShelfLifeCheck | null {
  if (expiryDate === null || shelfLifeDays === null || shelfLifeDays <= 0) return null;
  const remainingDays = daysBetween(receiptDate, expiryDate);
  const minDays = Math.ceil((shelfLifeDays * minPermille) / 1000);
  return { remainingDays, minDays, short: remainingDays < minDays };
}

/**
 * A quantity rounded up so the supplier can ship it: to at least the minimum order quantity,
 * then up to whole case packs. All in base units.
 */
export function roundToPack(qty: number, packFactor: number, minOrderQty: number): number {
  const wanted = Math.max(qty, minOrderQty, 0);
  if (wanted === 0) return 0;
  const pack = Math.max(1, packFactor);
  return Math.ceil(wanted / pack) * pack;
}
