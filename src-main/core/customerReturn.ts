import { daysBetween } from './businessDate';
import { divideRoundHalfEven } from './money';

/**
 * A customer return's rules (handbooks: "a return policy with conditions and a time limit;
 * review of each return's reason"):
 *
 *   pending_approval ──approve──▶ approved ──receive──▶ received ──inspect──▶ inspected ──settle──▶ settled
 *         │ reject                   │ cancel
 *         ▼                          ▼
 *      rejected                  cancelled
 *
 * A return inside the policy is approved when it is made; one without a delivery or outside the
 * return window waits for a manager. Goods are received into the returns area, inspected line
 * by line (restock, quarantine, scrap, back to the supplier), and the money settled by a credit
 * note or a refund. A return with nothing to credit (goods never invoiced) settles with no note.
 */

/** Coded reasons a customer gives back goods (退货原因). */
export const returnReasonCodes = ['damaged', 'expired', 'quality', 'wrong_item', 'over_ordered', 'recall'] as const;
export type ReturnReasonCode = (typeof returnReasonCodes)[number];

/** What inspection decides for returned goods: back to saleable stock, kept aside, written off, or sent back to the supplier. */
export const returnDispositions = ['restock', 'quarantine', 'scrap', 'supplier'] as const;
export type ReturnDisposition = (typeof returnDispositions)[number];

export const customerReturnStatuses = ['pending_approval', 'approved', 'received', 'inspected', 'settled', 'rejected', 'cancelled'] as const;
export type CustomerReturnStatus = (typeof customerReturnStatuses)[number];

export const returnActions = ['approve', 'reject', 'cancel', 'receive', 'inspect', 'settle'] as const;
export type ReturnAction = (typeof returnActions)[number];

const transitions: Record<CustomerReturnStatus, Partial<Record<ReturnAction, CustomerReturnStatus>>> = {
  pending_approval: { approve: 'approved', reject: 'rejected' },
  approved: { receive: 'received', cancel: 'cancelled' },
  received: { inspect: 'inspected' },
  inspected: { settle: 'settled' },
  settled: {},
  rejected: {},
  cancelled: {},
};

export function allowedReturnActions(status: CustomerReturnStatus): ReturnAction[] {
  return returnActions.filter((a) => transitions[status][a] !== undefined);
}

/** The state an action leads to, or null when the state does not allow it. */
export function returnTransition(status: CustomerReturnStatus, action: ReturnAction): CustomerReturnStatus | null {
  return transitions[status][action] ?? null;
}

/** Returns that still hold (or will hold) goods back from the customer: all but the refused and the called off. */
export const liveReturnStatuses: readonly CustomerReturnStatus[] = ['pending_approval', 'approved', 'received', 'inspected', 'settled'];
/** Returns whose goods have come back (the invoicing step no longer bills them). */
export const receivedReturnStatuses: readonly CustomerReturnStatus[] = ['received', 'inspected', 'settled'];

export interface ReturnWindow {
  customerClass: 'key' | 'ordinary' | null;
  categoryId: string | null;
  windowDays: number;
}

/**
 * The return window that applies: the most specific row — class and category, then category,
 * then class, then the default (neither). Null when head office set no window (no limit).
 */
export function returnWindowDays(windows: readonly ReturnWindow[], customerClass: string, categoryId: string | null): number | null {
  const rank = (w: ReturnWindow): number => {
    if (w.customerClass !== null && w.customerClass !== customerClass) return -1;
    if (w.categoryId !== null && w.categoryId !== categoryId) return -1;
    if (w.customerClass !== null && w.categoryId !== null) return 3;
    if (w.categoryId !== null) return 2;
    if (w.customerClass !== null) return 1;
    return 0;
  };
  let best: { rank: number; days: number } | null = null;
  for (const w of windows) {
    const r = rank(w);
    // Two rows equally specific (head office entered both): the shorter window holds.
    if (r >= 0 && (best === null || r > best.rank || (r === best.rank && w.windowDays < best.days))) best = { rank: r, days: w.windowDays };
  }
  return best?.days ?? null;
}

/** Whether a return on `today` is inside the window counted from the delivery's business date. */
export function withinWindow(deliveryDate: string, today: string, windowDays: number | null): boolean {
  return windowDays === null || daysBetween(deliveryDate, today) <= windowDays;
}

/** What the customer can still return of a delivery line: delivered minus what live returns already take back. */
export function returnableQty(delivered: number, alreadyReturned: number): number {
  return Math.max(0, delivered - alreadyReturned);
}

export type ReturnApprovalReason =
  | { code: 'no_delivery' }
  | { code: 'outside_window'; lineNo: number; deliveryDate: string; windowDays: number; days: number };

/** Why a return waits for a manager (empty: it is approved when made). A recall is the company's own and needs none. */
export function returnApprovalReasons(input: {
  hasDelivery: boolean;
  recall: boolean;
  today: string;
  lines: readonly { lineNo: number; deliveryDate: string | null; windowDays: number | null }[];
}): ReturnApprovalReason[] {
  if (input.recall) return [];
  if (!input.hasDelivery) return [{ code: 'no_delivery' }];
  const out: ReturnApprovalReason[] = [];
  for (const l of input.lines) {
    if (l.deliveryDate === null || l.windowDays === null) continue;
    const days = daysBetween(l.deliveryDate, input.today);
    if (days > l.windowDays) out.push({ code: 'outside_window', lineNo: l.lineNo, deliveryDate: l.deliveryDate, windowDays: l.windowDays, days });
  }
  return out;
}

/** A returned line's share of the order line's money: the customer is credited what was paid per unit, discount included. */
export function returnedShare(orderLine: { qty: number; netFen: number; taxFen: number }, qty: number): { netFen: number; taxFen: number; grossFen: number } {
  if (orderLine.qty <= 0) return { netFen: 0, taxFen: 0, grossFen: 0 };
  const netFen = divideRoundHalfEven(orderLine.netFen * qty, orderLine.qty);
  const taxFen = divideRoundHalfEven(orderLine.taxFen * qty, orderLine.qty);
  return { netFen, taxFen, grossFen: netFen + taxFen };
}

/** Free goods a kept quantity still earns under a "buy minQty, get freeQty" promotion. */
export function earnedFreeQty(keptQty: number, minQty: number, freeQty: number): number {
  return minQty > 0 ? Math.floor(Math.max(0, keptQty) / minQty) * freeQty : 0;
}

export interface FreeGoodsFacts {
  /** The paid line: delivered, returned by earlier live returns, returned by this one (base units). */
  paidDelivered: number;
  paidReturnedBefore: number;
  paidReturnedNow: number;
  /** The free line it earned: the same. */
  freeDelivered: number;
  freeReturnedBefore: number;
  freeReturnedNow: number;
  minQty: number;
  freeQty: number;
  /** The paid line's tax-exclusive amount and base quantity, and its tax rate: the price of what is deducted. */
  paidNetFen: number;
  paidQty: number;
  taxRateBp: number;
}

/**
 * Free goods (赠品) the customer keeps without having earned them any more: after returning paid
 * goods, the kept quantity earns floor(kept / minQty) × freeQty; free goods kept beyond that and
 * not brought back with them are charged against the credit, at the paid line's net price per
 * base unit. Only what this return newly leaves unearned is deducted (earlier returns were
 * charged their own part), so several partial returns add up to the same deduction as one.
 */
export function freeGoodsDeduction(f: FreeGoodsFacts): { qty: number; netFen: number; taxFen: number; grossFen: number } {
  const unearned = (paidReturned: number, freeReturned: number) =>
    Math.max(0, f.freeDelivered - freeReturned - earnedFreeQty(f.paidDelivered - paidReturned, f.minQty, f.freeQty));
  const before = unearned(f.paidReturnedBefore, f.freeReturnedBefore);
  const after = unearned(f.paidReturnedBefore + f.paidReturnedNow, f.freeReturnedBefore + f.freeReturnedNow);
  const qty = Math.max(0, after - before);
  if (qty === 0 || f.paidQty <= 0) return { qty, netFen: 0, taxFen: 0, grossFen: 0 };
  const netFen = divideRoundHalfEven(f.paidNetFen * qty, f.paidQty);
  const taxFen = divideRoundHalfEven(netFen * f.taxRateBp, 10_000);
  return { qty, netFen, taxFen, grossFen: netFen + taxFen };
}

/**
 * How much of a returned line was billed and so is credited now. The invoicing step bills
 * delivered − returned, so goods returned before they were invoiced were never billed: of all
 * goods returned on the order line, `invoiced − (delivered − returned)` were billed; what earlier
 * settlements credited is taken off.
 */
export function creditableQty(f: { qty: number; delivered: number; invoiced: number; returnedReceived: number; creditedBefore: number }): number {
  const billedReturned = Math.max(0, f.invoiced - (f.delivered - f.returnedReceived));
  return Math.max(0, Math.min(f.qty, billedReturned - f.creditedBefore));
}

export interface Dispositions {
  restockQty: number;
  quarantineQty: number;
  scrapQty: number;
  supplierQty: number;
}

/** Inspection must place every returned unit somewhere: the four quantities add up to the line. */
export function dispositionsAddUp(qty: number, d: Dispositions): boolean {
  const parts = [d.restockQty, d.quarantineQty, d.scrapQty, d.supplierQty];
  return parts.every((p) => Number.isInteger(p) && p >= 0) && parts.reduce((a, b) => a + b, 0) === qty;
}

/** Lot code of the per-product lot that holds returned goods of an unknown lot; it never goes back to saleable stock. */
export const UNKNOWN_LOT_CODE = 'RETURN-UNKNOWN';
