import { divideRoundHalfEven, lineAmounts, type LineAmounts } from './money';

/**
 * Prices, promotions and the checks a sales order goes through (distributor handbook: "order
 * review — price, discount and credit approved before goods leave"). Prices are tax exclusive,
 * in fen per the unit they name.
 */

export type PriceSource = 'customer' | 'list' | 'standard';

export interface PriceEntry {
  source: PriceSource;
  unitCode: string;
  priceFen: number;
}

const sourceOrder: readonly PriceSource[] = ['customer', 'list', 'standard'];

/**
 * The price of `unitCode`: the customer's own price, else its price list's, else the standard
 * list's. A source without a price for this unit but with one for the base unit prices the unit
 * as base price × factor, before a lower-priority source is asked.
 */
export function pickPrice(entries: readonly PriceEntry[], unitCode: string, factor: number, baseUnitCode: string): { priceFen: number; source: PriceSource } | null {
  for (const source of sourceOrder) {
    const exact = entries.find((e) => e.source === source && e.unitCode === unitCode);
    if (exact) return { priceFen: exact.priceFen, source };
    const base = entries.find((e) => e.source === source && e.unitCode === baseUnitCode);
    if (base) return { priceFen: base.priceFen * factor, source };
  }
  return null;
}

export interface Promotion {
  id: string;
  kind: 'free_goods' | 'volume_discount';
  productId: string;
  minQty: number;
  freeProductId: string | null;
  freeQty: number | null;
  discountBp: number | null;
  channel: string | null;
  startsOn: string;
  endsOn: string;
  active: boolean;
}

export function promotionApplies(p: Promotion, productId: string, channel: string, businessDate: string): boolean {
  return p.active && p.productId === productId && (p.channel === null || p.channel === channel) && p.startsOn <= businessDate && businessDate <= p.endsOn;
}

/** The best volume discount a line of `qty` base units earns (0 if none). */
export function volumeDiscountBp(promotions: readonly Promotion[], qty: number): number {
  let best = 0;
  for (const p of promotions) {
    if (p.kind === 'volume_discount' && qty >= p.minQty && (p.discountBp ?? 0) > best) best = p.discountBp ?? 0;
  }
  return best;
}

/** Free goods (赠品) a line of `qty` base units earns: every full `minQty` gives `freeQty`. */
export function freeGoods(promotions: readonly Promotion[], qty: number): { promotionId: string; productId: string; qty: number }[] {
  const out: { promotionId: string; productId: string; qty: number }[] = [];
  for (const p of promotions) {
    if (p.kind !== 'free_goods' || p.freeProductId === null || p.freeQty === null || p.minQty <= 0) continue;
    const times = Math.floor(qty / p.minQty);
    if (times > 0) out.push({ promotionId: p.id, productId: p.freeProductId, qty: times * p.freeQty });
  }
  return out;
}

/** A line's amounts; a free line is worth nothing. */
export function salesLineAmounts(unitQty: number, unitPriceFen: number, taxRateBp: number, discountBp: number): LineAmounts {
  return lineAmounts(unitQty, unitPriceFen, taxRateBp, discountBp);
}

/**
 * How far below list a line sells, in basis points of the list amount (price cut and discount
 * together). 0 when it sells at or above list, or there is no list price.
 */
export function discountFromListBp(unitQty: number, listPriceFen: number, netFen: number): number {
  const listFen = unitQty * listPriceFen;
  if (listFen <= 0 || netFen >= listFen) return 0;
  return divideRoundHalfEven((listFen - netFen) * 10_000, listFen);
}

export type ApprovalReason =
  /** Figures absent for roles without customers.sensitive (services/customerPrivacy.ts). */
  | { code: 'CREDIT_LIMIT'; limitFen?: number; exposureFen?: number }
  | { code: 'PRICE_BELOW_FLOOR'; lineNo: number; priceFen: number; floorFen: number }
  | { code: 'DISCOUNT_LARGE'; lineNo: number; discountBp: number; maxBp: number };

export interface LineForApproval {
  lineNo: number;
  free: boolean;
  unitQty: number;
  factor: number;
  unitPriceFen: number;
  listPriceFen: number;
  discountBp: number;
  netFen: number;
  /** Per base unit; null when the product has none. */
  priceFloorFen: number | null;
}

export interface CreditFigures {
  limitFen: number;
  /** Invoiced and not yet paid, as far as this PC knows. */
  receivableFen: number;
  /** Other open orders of the customer, not yet invoiced. */
  openOrdersFen: number;
  /** This order, not yet invoiced. */
  orderFen: number;
}

export function creditExposure(c: CreditFigures): number {
  return c.receivableFen + c.openOrdersFen + c.orderFen;
}

/**
 * Why an order must wait for a manager: the customer's exposure (receivables + open orders +
 * this order) above its credit limit; a price below the product's floor (net per base unit,
 * after discount); a cut from list above `maxDiscountBp`. Free goods are the promotion's, not
 * the salesperson's, and are not judged.
 */
export function approvalReasons(lines: readonly LineForApproval[], credit: CreditFigures, maxDiscountBp: number): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  const exposure = creditExposure(credit);
  if (credit.orderFen > 0 && exposure > credit.limitFen) reasons.push({ code: 'CREDIT_LIMIT', limitFen: credit.limitFen, exposureFen: exposure });
  for (const l of lines) {
    if (l.free) continue;
    const baseQty = l.unitQty * l.factor;
    if (l.priceFloorFen !== null && baseQty > 0 && l.netFen < l.priceFloorFen * baseQty) {
      reasons.push({ code: 'PRICE_BELOW_FLOOR', lineNo: l.lineNo, priceFen: divideRoundHalfEven(l.netFen, baseQty), floorFen: l.priceFloorFen });
    }
    const cut = discountFromListBp(l.unitQty, l.listPriceFen, l.netFen);
    if (cut > maxDiscountBp) reasons.push({ code: 'DISCOUNT_LARGE', lineNo: l.lineNo, discountBp: cut, maxBp: maxDiscountBp });
  }
  return reasons;
}
