/**
 * Money is integer minor units (fen). Nothing in storage is a float.
 *
 * Rounding is banker's rounding (round half to even), applied once per line: Chinese VAT
 * invoices are computed per line, and half-even keeps the sum of many rounded lines unbiased.
 */

/** numerator / denominator rounded half to even; both integers, denominator > 0. */
export function divideRoundHalfEven(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideRoundHalfEven needs safe integers and a positive denominator`);
  }
  const negative = numerator < 0;
  const n = Math.abs(numerator);
  const quotient = Math.floor(n / denominator);
  const remainder = n - quotient * denominator;
  const twice = remainder * 2;
  let rounded = quotient;
  if (twice > denominator || (twice === denominator && quotient % 2 === 1)) rounded = quotient + 1;
  return negative ? -rounded : rounded;
}

/** Tax rates are basis points (1300 = 13 %). */
export interface LineAmounts {
  netFen: number;
  taxFen: number;
  grossFen: number;
}

/**
 * One line's amounts from quantity × unit price (tax-exclusive), a discount in basis points and a
 * tax rate in basis points. Discount and tax are each rounded once, on the line.
 */
export function lineAmounts(qty: number, unitPriceFen: number, taxRateBp: number, discountBp = 0): LineAmounts {
  const listFen = qty * unitPriceFen;
  if (!Number.isSafeInteger(listFen)) throw new RangeError('line amount out of range');
  const discountFen = divideRoundHalfEven(listFen * discountBp, 10_000);
  const netFen = listFen - discountFen;
  const taxFen = divideRoundHalfEven(netFen * taxRateBp, 10_000);
  return { netFen, taxFen, grossFen: netFen + taxFen };
}

/** Share `totalFen` across `weights` so the parts add up exactly (largest remainder). */
export function allocateProportionally(totalFen: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum <= 0) return weights.map(() => 0);
  // One part takes the whole (the usual issue from one lot, 20,000 of them in a count's posting).
  if (weights.length === 1) return [totalFen];
  const raw = weights.map((w) => (totalFen * w) / weightSum);
  const parts = raw.map((r) => Math.trunc(r));
  let rest = totalFen - parts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = rest >= 0 ? 1 : -1;
  for (let k = 0; rest !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const entry = order[k];
    if (!entry) break;
    parts[entry.i] = (parts[entry.i] ?? 0) + step;
    rest -= step;
  }
  return parts;
}
