import type { MethodInput, ReturnReasonCode, SupplierReturnDetail } from '../../../src-main/contract';
import { formatQuantity, type Locale } from '../../components/format';
import { parseYuanToFen } from '../../components/money';
import { parseQuantityInput, type PackUnitLike } from '../../components/parseQuantityInput';

/** The coded reasons, in the order the form offers them (the contract checks them; the renderer may not import core). */
export const reasonCodes: readonly ReturnReasonCode[] = ['damaged', 'expired', 'quality', 'wrong_item', 'over_ordered', 'recall'];

/** One line of a supplier-return draft as the form holds it: a lot, and what the clerk typed. */
export interface DraftLine {
  key: string;
  productId: string;
  lotId: string;
  sku: string;
  nameZh: string;
  nameEn: string;
  lotCode: string;
  expiryDate: string | null;
  units: PackUnitLike[];
  qtyText: string;
  reasonCode: ReturnReasonCode;
  note: string;
  customerReturnLineId: string | null;
  customerReturnNo: string | null;
  /** Cost of one base unit, for the estimate shown while typing. */
  unitCostFen: number | null;
}

export interface DraftProblem {
  path: string;
  code: 'QUANTITY_INVALID' | 'UNIT_UNKNOWN' | 'POSITIVE_REQUIRED' | 'MONEY_INVALID';
}

export type DraftInput = Omit<MethodInput<'supplierReturns.create'>, 'note'> & { note: string };

/**
 * The API input of a draft, or the problems that keep it from being sent. "3箱5瓶" goes as base
 * units; a quantity in one unit ("2箱") keeps that unit so the return note reads as typed.
 */
export function draftInput(
  supplierId: string,
  warehouseId: string,
  lines: readonly DraftLine[],
  claimText: string,
  note: string,
): { ok: true; input: DraftInput } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const out: DraftInput['lines'] = [];
  lines.forEach((l, i) => {
    const base = l.units.find((u) => u.factor === 1);
    const parsed = parseQuantityInput(l.qtyText, l.units, base);
    if (!parsed.ok) {
      problems.push({ path: `lines.${i}.qty`, code: parsed.code });
      return;
    }
    if (parsed.qty <= 0) {
      problems.push({ path: `lines.${i}.qty`, code: 'POSITIVE_REQUIRED' });
      return;
    }
    const single = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
    out.push({
      productId: l.productId,
      lotId: l.lotId,
      unitCode: single ? single.unit.code : (base?.code ?? ''),
      qty: single ? single.count : parsed.qty,
      reasonCode: l.reasonCode,
      note: l.note.trim(),
      ...(l.customerReturnLineId ? { customerReturnLineId: l.customerReturnLineId } : {}),
    });
  });
  let claimFen: number | undefined;
  if (claimText.trim() !== '') {
    const claim = parseYuanToFen(claimText);
    if (claim.ok) claimFen = claim.fen;
    else problems.push({ path: 'claimFen', code: 'MONEY_INVALID' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, input: { supplierId, warehouseId, lines: out, note: note.trim(), ...(claimFen === undefined ? {} : { claimFen }) } };
}

/** What the typed quantities are worth at the lots' unit costs (the ledger values them at FIFO when sent). */
export function estimatedFen(lines: readonly DraftLine[]): number {
  let total = 0;
  for (const l of lines) {
    const parsed = parseQuantityInput(l.qtyText, l.units, l.units.find((u) => u.factor === 1));
    if (parsed.ok && l.unitCostFen !== null) total += parsed.qty * l.unitCostFen;
  }
  return total;
}

/** A saved draft's lines back in the form, quantities written in packs ("1箱6瓶"). */
export function linesOf(detail: SupplierReturnDetail, locale: Locale): DraftLine[] {
  return detail.lines.map((l) => ({
    key: l.id,
    productId: l.productId,
    lotId: l.lotId,
    sku: l.sku,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    lotCode: l.lotCode,
    expiryDate: l.expiryDate,
    units: l.units,
    qtyText: formatQuantity(l.qty, l.units, locale),
    reasonCode: l.reasonCode,
    note: l.note,
    customerReturnLineId: l.customerReturnLineId,
    customerReturnNo: l.customerReturnNo,
    unitCostFen: l.qty > 0 ? Math.round(l.valueFen / l.qty) : null,
  }));
}
