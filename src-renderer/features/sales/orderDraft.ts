import type { ApiErrorPayload, MethodInput, SalesLineView, SalesPreview, SalesProductTerms } from '../../../src-main/contract';
import { parseQuantityInput, type PackUnitLike } from '../../components/parseQuantityInput';

/**
 * The order entry form's state and the pure rules between it and the contract: what a line's
 * typed quantity, price and discount mean, which lines are ready to be previewed, and where the
 * ledger's answer (prices, free goods, field problems) belongs on screen. Prices, promotions and
 * approval rules are the ledger's (sales.preview); nothing here computes money.
 */

export type SalesLineField = 'product' | 'qty' | 'price' | 'discount';

export interface SalesProblem {
  code: string;
  params?: Record<string, string | number>;
}

export interface OrderLine {
  key: string;
  productId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  units: PackUnitLike[];
  /** The unit a bare number means (the scanned unit, else the largest pack). */
  defaultUnitCode: string;
  qtyText: string;
  /** Yuan per `priceUnitCode`, '' for the customer's price. */
  priceText: string;
  priceUnitCode: string;
  /** Percent, '' for the promotion's (or none). */
  discountText: string;
}

export interface OrderHeader {
  customerId: string | null;
  warehouseId: string | null;
  requestedDate: string;
  note: string;
}

/** Where a product's terms are kept: they depend on the customer and the warehouse too. */
export function termsKey(header: OrderHeader, productId: string): string {
  return `${header.customerId ?? ''}|${header.warehouseId ?? ''}|${productId}`;
}

let seed = 0;
export function newSalesLineKey(): string {
  seed += 1;
  return `s${Date.now().toString(36)}${seed}`;
}

export interface LineProduct {
  id: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  units: readonly { code: string; nameZh: string; nameEn: string; factor: number }[];
}

export function largestUnit(units: readonly PackUnitLike[]): PackUnitLike | undefined {
  return [...units].sort((a, b) => b.factor - a.factor)[0];
}

export function newOrderLine(product: LineProduct, unitCode: string, qtyText: string): OrderLine {
  return {
    key: newSalesLineKey(),
    productId: product.id,
    sku: product.sku,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    units: product.units.map((u) => ({ code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, factor: u.factor })),
    defaultUnitCode: unitCode,
    qtyText,
    priceText: '',
    priceUnitCode: unitCode,
    discountText: '',
  };
}

/** The units a product's terms list, as the quantity field reads them. */
export function unitsOfTerms(terms: SalesProductTerms): PackUnitLike[] {
  return terms.units.map((u) => ({ code: u.unitCode, nameZh: u.nameZh, nameEn: u.nameEn, factor: u.factor }));
}

/**
 * What a line's quantity text orders, as the contract takes it (one unit, a whole count): "3"
 * or "3箱" in that unit, "3箱5瓶" in the smallest unit that holds it exactly.
 */
export function lineQuantity(line: Pick<OrderLine, 'qtyText' | 'units' | 'defaultUnitCode'>):
  | { ok: true; unitCode: string; qty: number; baseQty: number }
  | { ok: false; code: string } {
  if (line.qtyText.trim() === '') return { ok: false, code: 'REQUIRED' };
  const defaultUnit = line.units.find((u) => u.code === line.defaultUnitCode);
  const parsed = parseQuantityInput(line.qtyText, line.units, defaultUnit);
  if (!parsed.ok) return { ok: false, code: parsed.code };
  if (parsed.qty <= 0) return { ok: false, code: 'POSITIVE_REQUIRED' };
  const single = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
  if (single) return { ok: true, unitCode: single.unit.code, qty: single.count, baseQty: parsed.qty };
  const smallest = [...parsed.parts].sort((a, b) => a.unit.factor - b.unit.factor)[0]?.unit;
  const unit = smallest && parsed.qty % smallest.factor === 0 ? smallest : line.units.find((u) => u.factor === 1);
  if (!unit) return { ok: false, code: 'QUANTITY_INVALID' };
  return { ok: true, unitCode: unit.code, qty: parsed.qty / unit.factor, baseQty: parsed.qty };
}

/** '12.5' yuan → 1250 fen; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.．](\d{0,2}))?\s*$/.exec(text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** '5' or '2.5' percent → basis points (500, 250); null when not 0–100 with at most two decimals. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.．](\d{0,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

export type LineProblems = Partial<Record<SalesLineField, SalesProblem>>;

/** What is wrong with a line before the ledger is asked (an empty, zero or unreadable entry). */
export function checkLine(line: OrderLine): LineProblems {
  const out: LineProblems = {};
  const q = lineQuantity(line);
  if (!q.ok) out.qty = { code: q.code };
  if (line.priceText.trim() !== '' && parseYuan(line.priceText) === null) out.price = { code: 'MONEY_INVALID' };
  if (line.discountText.trim() !== '' && parsePercent(line.discountText) === null) out.discount = { code: 'PERCENT_INVALID' };
  return out;
}

type DraftLine = MethodInput<'sales.preview'>['lines'][number];

/**
 * The contract's draft from the form: only lines without problems, with `origins[i]` naming
 * the form line behind contract line i (and so behind preview line i + 1). A manual price is
 * sent only while the line is still in the unit it was typed for.
 */
export function buildDraftLines(lines: readonly OrderLine[]): { lines: DraftLine[]; origins: string[]; skipped: number } {
  const out: DraftLine[] = [];
  const origins: string[] = [];
  let skipped = 0;
  for (const line of lines) {
    const q = lineQuantity(line);
    if (!q.ok || Object.keys(checkLine(line)).length > 0) {
      skipped += 1;
      continue;
    }
    const price = line.priceText.trim() === '' || line.priceUnitCode !== q.unitCode ? null : parseYuan(line.priceText);
    const discount = line.discountText.trim() === '' ? null : parsePercent(line.discountText);
    out.push({
      productId: line.productId,
      unitCode: q.unitCode,
      qty: q.qty,
      ...(price === null ? {} : { unitPriceFen: price }),
      ...(discount === null ? {} : { discountBp: discount }),
      note: '',
    });
    origins.push(line.key);
  }
  return { lines: out, origins, skipped };
}

/** The preview's lines for each form line: the priced line and the free goods it earned. */
export function previewByLine(preview: SalesPreview | null, origins: readonly string[]): Map<string, { line: SalesLineView; free: SalesLineView[]; short: number }> {
  const out = new Map<string, { line: SalesLineView; free: SalesLineView[]; short: number }>();
  if (!preview) return out;
  const keyOfLineNo = new Map<number, string>();
  for (const l of preview.lines) {
    if (l.free) continue;
    const key = origins[l.lineNo - 1];
    if (key === undefined) continue;
    keyOfLineNo.set(l.lineNo, key);
    out.set(key, { line: l, free: [], short: preview.shortages.find((s) => s.lineNo === l.lineNo)?.short ?? 0 });
  }
  for (const l of preview.lines) {
    if (!l.free || l.parentLineNo === null) continue;
    const key = keyOfLineNo.get(l.parentLineNo);
    const entry = key === undefined ? undefined : out.get(key);
    entry?.free.push(l);
  }
  return out;
}

/** The ledger's field issues placed next to the form's fields (lines.2.unitPriceFen → line, price). */
export function placeSalesProblems(payload: ApiErrorPayload, origins: readonly string[]): { header: Record<string, SalesProblem>; lines: Record<string, LineProblems>; other: SalesProblem[] } {
  const fieldOf: Record<string, SalesLineField> = { productId: 'product', unitCode: 'qty', qty: 'qty', unitPriceFen: 'price', discountBp: 'discount' };
  const result = { header: {} as Record<string, SalesProblem>, lines: {} as Record<string, LineProblems>, other: [] as SalesProblem[] };
  for (const issue of payload.fields ?? []) {
    const problem: SalesProblem = { code: issue.code, ...(issue.params ? { params: issue.params } : {}) };
    const [first = '', index, field = ''] = issue.path.split('.');
    const key = first === 'lines' && index !== undefined ? origins[Number(index)] : undefined;
    if (key !== undefined) {
      (result.lines[key] ??= {})[fieldOf[field] ?? 'product'] ??= problem;
    } else if (['customerId', 'warehouseId', 'requestedDate', 'note'].includes(first)) {
      result.header[first] ??= problem;
    } else {
      result.other.push(problem);
    }
  }
  return result;
}

/** A scanned unit adds one to the product's line in that unit, or starts a new line. */
export function addScanned(lines: readonly OrderLine[], fresh: OrderLine): { lines: OrderLine[]; key: string; added: boolean } {
  const existing = lines.find((l) => l.productId === fresh.productId && l.defaultUnitCode === fresh.defaultUnitCode && /^\s*\d+\s*$/.test(l.qtyText));
  if (!existing) return { lines: [...lines, fresh], key: fresh.key, added: true };
  const next = { ...existing, qtyText: String(Number(existing.qtyText.trim()) + 1) };
  return { lines: lines.map((l) => (l.key === existing.key ? next : l)), key: existing.key, added: false };
}

/** Edits a line; a changed quantity that changes the line's unit drops a price typed for the old unit. */
export function editOrderLine(line: OrderLine, patch: Partial<Pick<OrderLine, 'qtyText' | 'priceText' | 'discountText'>>): OrderLine {
  const next = { ...line, ...patch };
  const q = lineQuantity(next);
  if (patch.priceText !== undefined && q.ok) next.priceUnitCode = q.unitCode;
  if (patch.qtyText !== undefined && q.ok && next.priceText !== '' && q.unitCode !== line.priceUnitCode) next.priceText = '';
  return next;
}
