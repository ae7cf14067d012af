import { parseQuantityInput, unitsLargestFirst, type PackUnitLike } from '../../components/parseQuantityInput';
import { divideHalfEven } from '../../components/money';

/** One line as the contract takes it: a whole count of one unit, and its cost per that unit. */
export interface PostingPart {
  unitCode: string;
  qty: number;
  unitCostFen: number | undefined;
}

/**
 * A form line's quantity (base units, positive) and cost per the chosen unit, as contract lines.
 * The contract counts in whole units, so "3箱5瓶" entered against 箱 posts as 3 箱 at the case
 * cost plus 5 瓶 at the case cost ÷ 24, rounded half-even once for the loose line — the same
 * once-per-line rounding the ledger applies everywhere else.
 */
export function splitForPosting(
  baseQty: number,
  unit: PackUnitLike,
  baseUnit: PackUnitLike,
  unitCostFen: number | undefined,
): PostingPart[] {
  if (unit.factor <= 0 || baseQty % unit.factor === 0) {
    return [{ unitCode: unit.code, qty: unit.factor > 0 ? baseQty / unit.factor : baseQty, unitCostFen }];
  }
  const whole = Math.floor(baseQty / unit.factor);
  const rest = baseQty - whole * unit.factor;
  const parts: PostingPart[] = [];
  if (whole > 0) parts.push({ unitCode: unit.code, qty: whole, unitCostFen });
  if (rest > 0) {
    parts.push({
      unitCode: baseUnit.code,
      qty: rest,
      unitCostFen: unitCostFen === undefined ? undefined : divideHalfEven(unitCostFen * baseUnit.factor, unit.factor),
    });
  }
  return parts;
}

/** What the parts are worth, exactly as the ledger will compute it (qty × cost per line). */
export function partsValueFen(parts: readonly PostingPart[]): number | null {
  let total = 0;
  for (const p of parts) {
    if (p.unitCostFen === undefined) return null;
    total += p.qty * p.unitCostFen;
  }
  return total;
}

/**
 * A base quantity as text the quantity field can parse back: a bare count when it is a whole
 * number of `unit`, else named units without digit grouping ("4箱5瓶" / "4 case 5 bottle").
 */
export function quantityText(baseQty: number, units: readonly PackUnitLike[], unit: PackUnitLike, zh: boolean): string {
  if (unit.factor > 0 && baseQty % unit.factor === 0) return String(baseQty / unit.factor);
  let rest = baseQty;
  const parts: string[] = [];
  for (const u of unitsLargestFirst(units)) {
    if (u.factor <= 0) continue;
    const count = Math.floor(rest / u.factor);
    if (count > 0) parts.push(zh ? `${count}${u.nameZh}` : `${count} ${u.nameEn}`);
    rest -= count * u.factor;
  }
  return parts.join(zh ? '' : ' ') || '0';
}

/** "Scan the same barcode again" → one more of the scanned unit; an unreadable entry restarts at 1. */
export function addOneUnit(text: string, units: readonly PackUnitLike[], unit: PackUnitLike, zh: boolean): string {
  const parsed = parseQuantityInput(text, units, unit);
  const before = parsed.ok ? parsed.qty : 0;
  return quantityText(before + unit.factor, units, unit, zh);
}

/** 'YYYY-MM-DD' + n days, in calendar days (no time zone involved). Null for an invalid date. */
export function addDaysToIsoDate(date: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(t);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) return null;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  return addDaysToIsoDate(value, 0) !== null;
}

/** A date a clerk plausibly means on goods in a warehouse: years 1990–2199 (a typo like 0202 is not). */
export function isPlausibleDate(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1990 && year < 2200;
}
