import type { MethodInput, ProductDetail, ProductUnit } from '../../../src-main/contract';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import type { FormProblems, LineProblems, Problem } from './formProblems';
import { newLineKey } from './formProblems';
import { addDaysToIsoDate, addOneUnit, isIsoDate, isPlausibleDate, partsValueFen, splitForPosting, type PostingPart } from './lineQuantities';
import { fenToYuanText, parseYuanToFen } from '../../components/money';

/** One line of a goods receipt as the clerk is filling it in; everything typed stays text. */
export interface ReceiptLine {
  key: string;
  product: ProductDetail;
  unitCode: string;
  qtyText: string;
  lotCode: string;
  productionDate: string;
  expiryDate: string;
  /** Expiry was computed from production date + shelf life, so a new production date recomputes it. */
  expiryDerived: boolean;
  costText: string;
  /** Cost was pre-filled from the product's average cost and follows the unit until typed over. */
  costDerived: boolean;
}

export interface ReceiptHeader {
  warehouseId: string | null;
  supplierId: string | null;
  businessDate: string;
  note: string;
}

export function unitOf(product: ProductDetail, code: string): ProductUnit | undefined {
  return product.units.find((u) => u.code === code);
}

export function baseUnitOf(product: ProductDetail): ProductUnit | undefined {
  return product.units.find((u) => u.code === product.baseUnitCode) ?? product.units.find((u) => u.factor === 1);
}

/** The product's average cost per `unit`, as the yuan text a cost field starts with ('' when unknown). */
function averageCostText(product: ProductDetail, unit: ProductUnit | undefined): string {
  if (product.averageUnitCostFen === null || !unit) return '';
  return fenToYuanText(product.averageUnitCostFen * unit.factor);
}

export function newReceiptLine(product: ProductDetail, unit: ProductUnit | undefined, qtyText: string): ReceiptLine {
  const chosen = unit ?? baseUnitOf(product);
  const costText = averageCostText(product, chosen);
  return {
    key: newLineKey(),
    product,
    unitCode: chosen?.code ?? product.baseUnitCode,
    qtyText,
    lotCode: '',
    productionDate: '',
    expiryDate: '',
    expiryDerived: false,
    costText,
    costDerived: costText !== '',
  };
}

/**
 * A scan adds one of the scanned unit: to the latest line of that product and unit when there is
 * one (scanning the same case barcode twice makes 2 cases), else as a new line with quantity 1.
 */
export function addScannedUnit(
  lines: readonly ReceiptLine[],
  product: ProductDetail,
  unit: ProductUnit,
  zh: boolean,
  /** The line to add when none matches; made by the caller so the updater stays pure. */
  fresh: ReceiptLine,
): { lines: ReceiptLine[]; key: string; added: boolean } {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && line.product.id === product.id && line.unitCode === unit.code) {
      const updated = { ...line, qtyText: addOneUnit(line.qtyText, line.product.units, unit, zh) };
      return { lines: lines.map((l) => (l.key === line.key ? updated : l)), key: line.key, added: false };
    }
  }
  return { lines: [...lines, fresh], key: fresh.key, added: true };
}

/** Applies one edited field, keeping derived expiry and cost in step. */
export function editReceiptLine(line: ReceiptLine, patch: Partial<Omit<ReceiptLine, 'key' | 'product'>>): ReceiptLine {
  const next: ReceiptLine = { ...line, ...patch };
  if (patch.expiryDate !== undefined) next.expiryDerived = false;
  if (patch.costText !== undefined) next.costDerived = false;
  if (patch.productionDate !== undefined && (line.expiryDerived || line.expiryDate === '')) {
    const shelf = line.product.shelfLifeDays;
    const derived = shelf !== null && isIsoDate(patch.productionDate) ? addDaysToIsoDate(patch.productionDate, shelf) : null;
    if (derived) {
      next.expiryDate = derived;
      next.expiryDerived = true;
    } else if (line.expiryDerived) {
      next.expiryDate = '';
      next.expiryDerived = false;
    }
  }
  if (patch.unitCode !== undefined && line.costDerived) {
    next.costText = averageCostText(line.product, unitOf(line.product, patch.unitCode));
    next.costDerived = next.costText !== '';
  }
  return next;
}

/** Lot-tracked products need a lot code; an expiry too when the product has a shelf life. */
export function needsLot(product: ProductDetail): boolean {
  return product.lotTracked;
}

export function needsExpiry(product: ProductDetail): boolean {
  return product.lotTracked && product.shelfLifeDays !== null;
}

export function receiptLineQty(line: ReceiptLine): number | null {
  const parsed = parseQuantityInput(line.qtyText, line.product.units, unitOf(line.product, line.unitCode));
  return parsed.ok ? parsed.qty : null;
}

/** The contract lines this form line posts as, or null while quantity or cost is unreadable. */
export function receiptLineParts(line: ReceiptLine): PostingPart[] | null {
  const qty = receiptLineQty(line);
  const cost = parseYuanToFen(line.costText);
  const unit = unitOf(line.product, line.unitCode);
  const base = baseUnitOf(line.product);
  if (qty === null || qty <= 0 || !cost.ok || !unit || !base) return null;
  return splitForPosting(qty, unit, base, cost.fen);
}

export function receiptLineValueFen(line: ReceiptLine): number | null {
  const parts = receiptLineParts(line);
  return parts ? partsValueFen(parts) : null;
}

const lotCodePattern = /^[\w\-./]*$/u;

/** `businessDate` ('' when unknown) bounds the production date: goods are not made in the future. */
export function validateReceiptLine(line: ReceiptLine, businessDate = ''): LineProblems {
  const problems: LineProblems = {};
  const parsed = parseQuantityInput(line.qtyText, line.product.units, unitOf(line.product, line.unitCode));
  if (line.qtyText.trim() === '') problems.qty = { code: 'REQUIRED' };
  else if (!parsed.ok) problems.qty = { code: parsed.code, ...(parsed.token ? { params: { unit: parsed.token } } : {}) };
  else if (parsed.qty <= 0) problems.qty = { code: 'POSITIVE_REQUIRED' };
  if (needsLot(line.product)) {
    const code = line.lotCode.trim();
    if (code === '') problems.lot = { code: 'LOT_REQUIRED' };
    else if (code.length > 40) problems.lot = { code: 'TOO_LONG' };
    else if (!lotCodePattern.test(code)) problems.lot = { code: 'LOT_CODE_INVALID' };
  }
  if (line.product.lotTracked) {
    if (line.productionDate !== '' && !isIsoDate(line.productionDate)) problems.production = { code: 'DATE_INVALID' };
    else if (line.productionDate !== '' && !isPlausibleDate(line.productionDate)) problems.production = { code: 'DATE_OUT_OF_RANGE' };
    else if (line.productionDate !== '' && businessDate !== '' && line.productionDate > businessDate) {
      problems.production = { code: 'PRODUCTION_AFTER_TODAY' };
    }
    if (line.expiryDate !== '' && !isIsoDate(line.expiryDate)) problems.expiry = { code: 'DATE_INVALID' };
    else if (line.expiryDate !== '' && !isPlausibleDate(line.expiryDate)) problems.expiry = { code: 'DATE_OUT_OF_RANGE' };
    else if (line.expiryDate !== '' && line.productionDate !== '' && line.expiryDate < line.productionDate) {
      problems.expiry = { code: 'EXPIRY_BEFORE_PRODUCTION' };
    } else if (needsExpiry(line.product) && line.expiryDate === '') problems.expiry = { code: 'EXPIRY_REQUIRED' };
  }
  const cost = parseYuanToFen(line.costText);
  if (!cost.ok) problems.cost = { code: cost.code };
  return problems;
}

export function validateReceipt(header: ReceiptHeader, lines: readonly ReceiptLine[]): FormProblems {
  const result: FormProblems = { header: {}, lines: {}, other: [] };
  if (!header.warehouseId) result.header.warehouseId = { code: 'REQUIRED' };
  if (header.businessDate !== '' && !isIsoDate(header.businessDate)) result.header.businessDate = { code: 'DATE_INVALID' };
  if (header.note.trim().length > 500) result.header.note = { code: 'TOO_LONG' };
  if (lines.length === 0) result.other.push({ code: 'LINES_REQUIRED' });
  for (const line of lines) {
    const p = validateReceiptLine(line, header.businessDate);
    if (Object.keys(p).length > 0) result.lines[line.key] = p;
  }
  return result;
}

export type ReceiptInput = MethodInput<'stock.receive'>;

/** The stock.receive input, and for each contract line the key of the form line it came from. */
export function buildReceiptInput(header: ReceiptHeader, lines: readonly ReceiptLine[]): { input: ReceiptInput; origins: string[] } {
  const origins: string[] = [];
  const inputLines: ReceiptInput['lines'] = [];
  for (const line of lines) {
    const parts = receiptLineParts(line) ?? [];
    const lotCode = line.product.lotTracked ? line.lotCode.trim() : '';
    for (const part of parts) {
      origins.push(line.key);
      inputLines.push({
        productId: line.product.id,
        unitCode: part.unitCode,
        qty: part.qty,
        unitCostFen: part.unitCostFen ?? 0,
        ...(lotCode !== '' ? { lotCode } : {}),
        ...(line.product.lotTracked && line.expiryDate !== '' ? { expiryDate: line.expiryDate } : {}),
        ...(line.product.lotTracked && line.productionDate !== '' ? { productionDate: line.productionDate } : {}),
      });
    }
  }
  const input: ReceiptInput = {
    warehouseId: header.warehouseId ?? '',
    note: header.note.trim(),
    lines: inputLines,
    ...(header.supplierId ? { supplierId: header.supplierId } : {}),
    ...(header.businessDate !== '' ? { businessDate: header.businessDate } : {}),
  };
  return { input, origins };
}

/** Which field of which line the cursor should go to when the clerk asks "what is left?". */
export function firstUnfinished(lines: readonly ReceiptLine[], businessDate = ''): { key: string; field: keyof LineProblems } | null {
  const order: (keyof LineProblems)[] = ['qty', 'lot', 'production', 'expiry', 'cost'];
  for (const line of lines) {
    const p = validateReceiptLine(line, businessDate);
    const field = order.find((f) => p[f] !== undefined);
    if (field) return { key: line.key, field };
  }
  return null;
}

export type { Problem };
