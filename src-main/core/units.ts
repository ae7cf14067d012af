/**
 * Quantities are integers in the product's base unit (each / 瓶). Packaging units carry an
 * integer factor (箱 = 24 瓶). Conversions happen here and nowhere else.
 */

export interface PackUnit {
  /** Stable code stored on lines, e.g. 'EA', 'CS24'. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** How many base units one of this unit holds; the base unit has factor 1. */
  factor: number;
}

export type QuantityParse =
  | { ok: true; qty: number; parts: { unit: PackUnit; count: number }[] }
  | { ok: false; code: 'QUANTITY_INVALID' | 'UNIT_UNKNOWN'; token?: string };

/** Units largest first; ties keep their given order. */
export function sortUnitsDescending(units: readonly PackUnit[]): PackUnit[] {
  return [...units].sort((a, b) => b.factor - a.factor);
}

export function findUnit(units: readonly PackUnit[], name: string): PackUnit | undefined {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return undefined;
  return units.find(
    (u) =>
      u.code.toLowerCase() === wanted ||
      u.nameZh === name.trim() ||
      u.nameEn.toLowerCase() === wanted ||
      `${u.nameEn.toLowerCase()}s` === wanted,
  );
}

const fullWidthDigits = /[０-９]/g;

/**
 * Parses what a clerk types into a quantity field:
 * - "12" → 12 of `defaultUnit`
 * - "3箱5瓶", "3 case 5 bottle", "3箱5" → named units; a bare number after a unit is the next
 *   smaller unit, so "3箱5" is 3 cases and 5 of the unit below the case
 * - "3 5" → bare numbers fill units from the largest down (3 cases, 5 bottles for a two-level product)
 * Full-width digits (from a Chinese IME) are accepted. Zero is allowed; negatives are not
 * (signed adjustments carry their sign separately).
 */
export function parseQuantity(input: string, units: readonly PackUnit[], defaultUnit?: PackUnit): QuantityParse {
  const text = input.replace(fullWidthDigits, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  if (text === '') return { ok: false, code: 'QUANTITY_INVALID' };
  const sorted = sortUnitsDescending(units);
  const tokens = [...text.matchAll(/(\d+)\s*([^\d\s]*)\s*/gy)];
  const consumed = tokens.reduce((n, t) => n + t[0].length, 0);
  if (tokens.length === 0 || consumed !== text.length) return { ok: false, code: 'QUANTITY_INVALID' };

  const parts: { unit: PackUnit; count: number }[] = [];
  const anyNamed = tokens.some((t) => (t[2] ?? '') !== '');
  if (!anyNamed) {
    const counts = tokens.map((t) => Number(t[1]));
    if (counts.length === 1) {
      const unit = defaultUnit ?? sorted[sorted.length - 1];
      if (!unit) return { ok: false, code: 'UNIT_UNKNOWN' };
      parts.push({ unit, count: counts[0] ?? 0 });
    } else {
      if (counts.length > sorted.length) return { ok: false, code: 'QUANTITY_INVALID' };
      counts.forEach((count, i) => {
        const unit = sorted[i];
        if (unit) parts.push({ unit, count });
      });
    }
  } else {
    let previous: PackUnit | undefined;
    for (const t of tokens) {
      const count = Number(t[1]);
      const name = t[2] ?? '';
      let unit: PackUnit | undefined;
      if (name === '') {
        const index = previous ? sorted.indexOf(previous) + 1 : sorted.length - 1;
        unit = sorted[index];
        if (!unit) return { ok: false, code: 'QUANTITY_INVALID' };
      } else {
        unit = findUnit(units, name);
        if (!unit) return { ok: false, code: 'UNIT_UNKNOWN', token: name };
      }
      parts.push({ unit, count });
      previous = unit;
    }
  }
  let qty = 0;
  for (const p of parts) qty += p.count * p.unit.factor;
  if (!Number.isSafeInteger(qty)) return { ok: false, code: 'QUANTITY_INVALID' };
  return { ok: true, qty, parts };
}

/** Splits a base quantity into packaging units, largest first: 77 with a 24-case → 3箱5瓶. */
export function splitQuantity(qty: number, units: readonly PackUnit[]): { unit: PackUnit; count: number }[] {
  const sorted = sortUnitsDescending(units);
  const sign = qty < 0 ? -1 : 1;
  let rest = Math.abs(qty);
  const out: { unit: PackUnit; count: number }[] = [];
  for (const unit of sorted) {
    const count = Math.floor(rest / unit.factor);
    if (count > 0) out.push({ unit, count: count * sign });
    rest -= count * unit.factor;
  }
  return out;
}

export function formatQuantity(qty: number, units: readonly PackUnit[], locale: 'zh-CN' | 'en'): string {
  if (qty === 0) return '0';
  const parts = splitQuantity(qty, units);
  if (locale === 'zh-CN') return parts.map((p) => `${p.count}${p.unit.nameZh}`).join('');
  return parts.map((p) => `${p.count} ${p.unit.nameEn}`).join(' ');
}
