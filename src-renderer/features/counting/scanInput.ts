import { parseQuantityInput, type PackUnitLike } from '../../components/parseQuantityInput';

/**
 * What the clerk typed into the scan field, before anything is looked up. One field takes both
 * scans and quantities, so the rule must be plain enough to say on screen:
 * - a quantity ending (or starting) with * or ×, e.g. "12*", "3箱5瓶*" → counts the **next** scan;
 * - a short number or a quantity with units, e.g. "12", "3箱5瓶", "3 5" → sets the quantity of
 *   the **last** scan (the product shown big on screen);
 * - anything else is a barcode. Retail barcodes have 8 digits or more (EAN-8, UPC-A, EAN-13,
 *   ITF-14), so a number of up to 5 digits can never be one.
 */
export type ScanText =
  | { kind: 'barcode'; code: string }
  | { kind: 'quantity'; target: 'last' | 'next'; text: string };

/** Quantities above this many digits per number are barcodes, never counts. */
const maxQuantityDigits = 5;

function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/＊/g, '*')
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Numbers of at most five digits, each optionally followed by a unit word: "12", "3箱5瓶", "3 5", "3 case 5". */
function looksLikeQuantity(text: string): boolean {
  if (!/^\d/.test(text)) return false;
  const numbers = text.match(/\d+/g) ?? [];
  if (numbers.some((n) => n.length > maxQuantityDigits)) return false;
  return /^(\d+\s*[^\d\s*×]*\s*)+$/u.test(text);
}

export function classifyScanText(raw: string): ScanText {
  const text = normalise(raw);
  const starred = /^[*×]\s*(.*)$/u.exec(text) ?? /^(.*?)\s*[*×]$/u.exec(text);
  if (starred) return { kind: 'quantity', target: 'next', text: (starred[1] ?? '').trim() };
  if (looksLikeQuantity(text)) return { kind: 'quantity', target: 'last', text };
  return { kind: 'barcode', code: text };
}

/** A quantity "next scan" can hold before its product is known: only its shape is checked. */
export function isQuantityText(text: string): boolean {
  return looksLikeQuantity(normalise(text));
}

export interface RecordQuantity {
  /** In base units. */
  qty: number;
  /** How the entry is sent: one unit and a whole count of it ("3 CS24"), or base units for mixed packs. */
  unitCode: string;
  unitQty: number;
}

export type QuantityResolution = { ok: true; value: RecordQuantity } | { ok: false; code: 'QUANTITY_INVALID' | 'UNIT_UNKNOWN'; token?: string };

interface Unit extends PackUnitLike {
  code: string;
}

/** The unit an entry of `qty` base units is best sent in: the given unit when it divides evenly, else the base unit. */
export function entryUnit(qty: number, preferred: Unit, units: readonly Unit[]): RecordQuantity | null {
  if (qty % preferred.factor === 0) return { qty, unitCode: preferred.code, unitQty: qty / preferred.factor };
  const base = units.find((u) => u.factor === 1);
  return base ? { qty, unitCode: base.code, unitQty: qty } : null;
}

/**
 * A typed quantity for one product: a bare number is counted in the scanned unit (a case
 * barcode then "3" means 3 cases), named units as written ("3箱5瓶"), "3 5" largest first.
 */
export function resolveQuantity(text: string, units: readonly Unit[], scannedUnit: Unit): QuantityResolution {
  const parsed = parseQuantityInput(normalise(text), units, scannedUnit);
  if (!parsed.ok) return parsed.token === undefined ? { ok: false, code: parsed.code } : { ok: false, code: parsed.code, token: parsed.token };
  const single = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
  if (single) return { ok: true, value: { qty: parsed.qty, unitCode: single.unit.code, unitQty: single.count } };
  const value = entryUnit(parsed.qty, scannedUnit, units);
  return value ? { ok: true, value } : { ok: false, code: 'UNIT_UNKNOWN' };
}
