/**
 * What a clerk types into a quantity field, turned into base units on the client so the form can
 * show "= 77 瓶" while typing. The renderer may not import src-main/core, so this mirrors the
 * rules of core/units.ts (the server parses nothing: lines are sent as unit + integer count):
 * - "12"                → 12 of the default unit
 * - "3箱5瓶", "3 case 5 bottle", "3箱5" → named units; a bare number after a unit is the next
 *   smaller unit
 * - "3 5"               → bare numbers fill units from the largest down
 * Full-width digits from a Chinese IME are accepted; negatives are not (signs live elsewhere).
 */

export interface PackUnitLike {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Base units per one of this unit; the base unit has factor 1. */
  factor: number;
}

export interface QuantityPart<U extends PackUnitLike = PackUnitLike> {
  unit: U;
  count: number;
}

export type QuantityInputParse<U extends PackUnitLike = PackUnitLike> =
  | { ok: true; qty: number; parts: QuantityPart<U>[] }
  | { ok: false; code: 'QUANTITY_INVALID' | 'UNIT_UNKNOWN'; token?: string };

export function unitsLargestFirst<U extends PackUnitLike>(units: readonly U[]): U[] {
  return [...units].sort((a, b) => b.factor - a.factor);
}

export function findUnitByName<U extends PackUnitLike>(units: readonly U[], name: string): U | undefined {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  if (lower === '') return undefined;
  return units.find(
    (u) =>
      u.code.toLowerCase() === lower ||
      u.nameZh === trimmed ||
      u.nameEn.toLowerCase() === lower ||
      `${u.nameEn.toLowerCase()}s` === lower,
  );
}

function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export function parseQuantityInput<U extends PackUnitLike>(
  input: string,
  units: readonly U[],
  defaultUnit?: U,
): QuantityInputParse<U> {
  // "1,200" is a thousands separator, never two numbers.
  const text = toHalfWidthDigits(input)
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1')
    .trim();
  if (text === '') return { ok: false, code: 'QUANTITY_INVALID' };
  const sorted = unitsLargestFirst(units);

  // Each token is a count optionally followed by a unit name; together they must cover the text.
  const tokens: { count: number; name: string }[] = [];
  const pattern = /(\d+)\s*([^\d\s]*)\s*/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match || match[0].length === 0) return { ok: false, code: 'QUANTITY_INVALID' };
    tokens.push({ count: Number(match[1]), name: match[2] ?? '' });
    position += match[0].length;
  }
  if (tokens.length === 0) return { ok: false, code: 'QUANTITY_INVALID' };

  const parts: QuantityPart<U>[] = [];
  if (tokens.every((t) => t.name === '')) {
    if (tokens.length === 1) {
      const unit = defaultUnit ?? sorted[sorted.length - 1];
      if (!unit) return { ok: false, code: 'UNIT_UNKNOWN' };
      parts.push({ unit, count: tokens[0]?.count ?? 0 });
    } else {
      if (tokens.length > sorted.length) return { ok: false, code: 'QUANTITY_INVALID' };
      tokens.forEach((t, i) => {
        const unit = sorted[i];
        if (unit) parts.push({ unit, count: t.count });
      });
    }
  } else {
    let previous: U | undefined;
    for (const t of tokens) {
      let unit: U | undefined;
      if (t.name === '') {
        unit = sorted[previous ? sorted.indexOf(previous) + 1 : sorted.length - 1];
        if (!unit) return { ok: false, code: 'QUANTITY_INVALID' };
      } else {
        unit = findUnitByName(units, t.name);
        if (!unit) return { ok: false, code: 'UNIT_UNKNOWN', token: t.name };
      }
      parts.push({ unit, count: t.count });
      previous = unit;
    }
  }

  let qty = 0;
  for (const p of parts) qty += p.count * p.unit.factor;
  if (!Number.isSafeInteger(qty)) return { ok: false, code: 'QUANTITY_INVALID' };
  return { ok: true, qty, parts };
}
