import type { LotRow, MethodInput, ProductDetail, ProductUnit } from '../../../src-main/contract';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import type { FormProblems, LineProblems } from './formProblems';
import { newLineKey } from './formProblems';
import { addOneUnit, isIsoDate, isPlausibleDate, partsValueFen, splitForPosting } from './lineQuantities';
import { parseYuanToFen } from '../../components/money';
import { baseUnitOf, unitOf } from './receiptDraft';

export const adjustmentReasons = ['damage', 'expiry', 'theft_loss', 'receiving_error', 'data_error', 'found', 'sample', 'other'] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

/** Lot choice for an increase that names a lot not yet in the ledger. */
export const NEW_LOT = '__new__';
/** Lot choice for a decrease that lets the ledger take lots first-expiry-first-out. */
export const FEFO_LOT = '__fefo__';

export type Direction = 'in' | 'out';

export interface AdjustmentLine {
  key: string;
  product: ProductDetail;
  direction: Direction;
  unitCode: string;
  qtyText: string;
  /** A lotId, FEFO_LOT (decrease: ledger picks) or NEW_LOT (increase: a new code + expiry). */
  lotChoice: string;
  newLotCode: string;
  newExpiryDate: string;
  /** Optional for increases: the ledger uses the current average cost when empty. */
  costText: string;
}

export interface AdjustmentHeader {
  warehouseId: string | null;
  reasonCode: AdjustmentReason | null;
  businessDate: string;
  note: string;
}

/** Found goods come in; every other reason writes stock off. */
export function defaultDirection(reason: AdjustmentReason | null): Direction {
  return reason === 'found' ? 'in' : 'out';
}

/** Lots of the product that hold stock in the warehouse, first expiry first. */
export function lotsInWarehouse(product: ProductDetail, warehouseId: string | null): LotRow[] {
  return product.lots
    .filter((l) => l.warehouseId === warehouseId && l.qty > 0)
    .sort((a, b) => (a.expiryDate ?? '9999-12-31').localeCompare(b.expiryDate ?? '9999-12-31') || a.lotCode.localeCompare(b.lotCode));
}

/** Every lot the product has anywhere (for an increase into an existing lot), one entry per lot. */
export function knownLots(product: ProductDetail): LotRow[] {
  const seen = new Map<string, LotRow>();
  for (const lot of product.lots) if (!seen.has(lot.lotId)) seen.set(lot.lotId, lot);
  return [...seen.values()].sort((a, b) => (b.expiryDate ?? '').localeCompare(a.expiryDate ?? ''));
}

export function onHandInWarehouse(product: ProductDetail, warehouseId: string | null): number {
  return lotsInWarehouse(product, warehouseId).reduce((n, l) => n + l.qty, 0);
}

/**
 * The lot a line starts with. A decrease of a product whose stock here sits in one lot takes
 * that lot; with several lots the ledger picks FEFO until the clerk names the damaged one.
 * An increase of a lot-tracked product needs a lot: the only one known, else a new one.
 */
export function defaultLotChoice(product: ProductDetail, direction: Direction, warehouseId: string | null): string {
  if (direction === 'out') {
    const lots = lotsInWarehouse(product, warehouseId);
    return lots.length === 1 && lots[0] ? lots[0].lotId : FEFO_LOT;
  }
  if (!product.lotTracked) return FEFO_LOT;
  const lots = knownLots(product);
  return lots.length === 1 && lots[0] ? lots[0].lotId : NEW_LOT;
}

export function newAdjustmentLine(
  product: ProductDetail,
  unit: ProductUnit | undefined,
  direction: Direction,
  warehouseId: string | null,
  qtyText: string,
): AdjustmentLine {
  const chosen = unit ?? baseUnitOf(product);
  return {
    key: newLineKey(),
    product,
    direction,
    unitCode: chosen?.code ?? product.baseUnitCode,
    qtyText,
    lotChoice: defaultLotChoice(product, direction, warehouseId),
    newLotCode: '',
    newExpiryDate: '',
    costText: '',
  };
}

export function addScannedAdjustment(
  lines: readonly AdjustmentLine[],
  product: ProductDetail,
  unit: ProductUnit,
  direction: Direction,
  zh: boolean,
  /** The line to add when none matches; made by the caller so the updater stays pure. */
  fresh: AdjustmentLine,
): { lines: AdjustmentLine[]; key: string; added: boolean } {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && line.product.id === product.id && line.unitCode === unit.code && line.direction === direction) {
      const updated = { ...line, qtyText: addOneUnit(line.qtyText, line.product.units, unit, zh) };
      return { lines: lines.map((l) => (l.key === line.key ? updated : l)), key: line.key, added: false };
    }
  }
  return { lines: [...lines, fresh], key: fresh.key, added: true };
}

/** After the direction or warehouse changes, a lot choice that no longer fits is replaced. */
export function refitLot(line: AdjustmentLine, warehouseId: string | null): AdjustmentLine {
  const valid =
    line.direction === 'out'
      ? line.lotChoice === FEFO_LOT || lotsInWarehouse(line.product, warehouseId).some((l) => l.lotId === line.lotChoice)
      : line.product.lotTracked
        ? line.lotChoice === NEW_LOT || knownLots(line.product).some((l) => l.lotId === line.lotChoice)
        : line.lotChoice === FEFO_LOT;
  return valid ? line : { ...line, lotChoice: defaultLotChoice(line.product, line.direction, warehouseId) };
}

export function adjustmentLineQty(line: AdjustmentLine): number | null {
  const parsed = parseQuantityInput(line.qtyText, line.product.units, unitOf(line.product, line.unitCode));
  return parsed.ok ? parsed.qty : null;
}

/** What is available for a decrease: the chosen lot, or all lots here when the ledger picks. */
export function availableForLine(line: AdjustmentLine, warehouseId: string | null): number {
  const lots = lotsInWarehouse(line.product, warehouseId);
  if (line.lotChoice === FEFO_LOT) return lots.reduce((n, l) => n + l.qty, 0);
  return lots.find((l) => l.lotId === line.lotChoice)?.qty ?? 0;
}

const lotCodePattern = /^[\w\-./]*$/u;

export function validateAdjustmentLine(line: AdjustmentLine): LineProblems {
  const problems: LineProblems = {};
  const parsed = parseQuantityInput(line.qtyText, line.product.units, unitOf(line.product, line.unitCode));
  if (line.qtyText.trim() === '') problems.qty = { code: 'REQUIRED' };
  else if (!parsed.ok) problems.qty = { code: parsed.code, ...(parsed.token ? { params: { unit: parsed.token } } : {}) };
  else if (parsed.qty <= 0) problems.qty = { code: 'POSITIVE_REQUIRED' };
  if (line.direction === 'in') {
    if (line.product.lotTracked && line.lotChoice === NEW_LOT) {
      const code = line.newLotCode.trim();
      if (code === '') problems.lot = { code: 'LOT_REQUIRED' };
      else if (code.length > 40) problems.lot = { code: 'TOO_LONG' };
      else if (!lotCodePattern.test(code)) problems.lot = { code: 'LOT_CODE_INVALID' };
      if (line.newExpiryDate !== '' && !isIsoDate(line.newExpiryDate)) problems.expiry = { code: 'DATE_INVALID' };
      else if (line.newExpiryDate !== '' && !isPlausibleDate(line.newExpiryDate)) problems.expiry = { code: 'DATE_OUT_OF_RANGE' };
      else if (line.newExpiryDate === '' && line.product.shelfLifeDays !== null) problems.expiry = { code: 'EXPIRY_REQUIRED' };
    }
    if (line.costText.trim() !== '') {
      const cost = parseYuanToFen(line.costText);
      if (!cost.ok) problems.cost = { code: cost.code };
    }
  }
  return problems;
}

export function validateAdjustment(header: AdjustmentHeader, lines: readonly AdjustmentLine[]): FormProblems {
  const result: FormProblems = { header: {}, lines: {}, other: [] };
  if (!header.warehouseId) result.header.warehouseId = { code: 'REQUIRED' };
  if (!header.reasonCode) result.header.reasonCode = { code: 'REASON_REQUIRED' };
  if (header.businessDate !== '' && !isIsoDate(header.businessDate)) result.header.businessDate = { code: 'DATE_INVALID' };
  if (header.note.trim().length > 500) result.header.note = { code: 'TOO_LONG' };
  if (lines.length === 0) result.other.push({ code: 'LINES_REQUIRED' });
  for (const line of lines) {
    const p = validateAdjustmentLine(line);
    if (Object.keys(p).length > 0) result.lines[line.key] = p;
  }
  return result;
}

function lineParts(line: AdjustmentLine) {
  const qty = adjustmentLineQty(line);
  const unit = unitOf(line.product, line.unitCode);
  const base = baseUnitOf(line.product);
  if (qty === null || qty <= 0 || !unit || !base) return null;
  const cost = line.direction === 'in' && line.costText.trim() !== '' ? parseYuanToFen(line.costText) : null;
  return splitForPosting(qty, unit, base, cost?.ok ? cost.fen : undefined);
}

/** The value of an increase with a typed cost; null when the ledger will price it (average cost). */
export function adjustmentLineValueFen(line: AdjustmentLine): number | null {
  if (line.direction === 'out') return null;
  const parts = lineParts(line);
  return parts ? partsValueFen(parts) : null;
}

export type AdjustmentInput = MethodInput<'stock.adjust'>;

export function buildAdjustmentInput(header: AdjustmentHeader, lines: readonly AdjustmentLine[]): { input: AdjustmentInput; origins: string[] } {
  const origins: string[] = [];
  const inputLines: AdjustmentInput['lines'] = [];
  for (const line of lines) {
    const parts = lineParts(line) ?? [];
    const sign = line.direction === 'out' ? -1 : 1;
    let lot: { lotId?: string; lotCode?: string; expiryDate?: string } = {};
    if (line.lotChoice === NEW_LOT) {
      if (line.direction === 'in' && line.product.lotTracked) {
        lot = { lotCode: line.newLotCode.trim(), ...(line.newExpiryDate !== '' ? { expiryDate: line.newExpiryDate } : {}) };
      }
    } else if (line.lotChoice !== FEFO_LOT) {
      lot = { lotId: line.lotChoice };
    }
    for (const part of parts) {
      origins.push(line.key);
      inputLines.push({
        productId: line.product.id,
        unitCode: part.unitCode,
        qty: sign * part.qty,
        ...lot,
        ...(line.direction === 'in' && part.unitCostFen !== undefined ? { unitCostFen: part.unitCostFen } : {}),
      });
    }
  }
  const input: AdjustmentInput = {
    warehouseId: header.warehouseId ?? '',
    reasonCode: header.reasonCode ?? 'other',
    note: header.note.trim(),
    lines: inputLines,
    ...(header.businessDate !== '' ? { businessDate: header.businessDate } : {}),
  };
  return { input, origins };
}

export function firstUnfinishedAdjustment(lines: readonly AdjustmentLine[]): { key: string; field: keyof LineProblems } | null {
  const order: (keyof LineProblems)[] = ['qty', 'lot', 'expiry', 'cost'];
  for (const line of lines) {
    const p = validateAdjustmentLine(line);
    const field = order.find((f) => p[f] !== undefined);
    if (field) return { key: line.key, field };
  }
  return null;
}
