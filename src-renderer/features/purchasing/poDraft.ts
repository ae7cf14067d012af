import type { PurchaseUnit, SupplierProductTerms } from '../../../src-main/contract';
import type { DisplayUnit } from '../../components/format';

/** A line of the purchase order form: the product's terms with this supplier, the unit and the typed quantity and cost. */
export interface PoLine {
  key: string;
  terms: SupplierProductTerms;
  unitCode: string;
  /** Count of `unitCode`. */
  qty: number;
  /** Cost per `unitCode`, as typed (yuan). */
  costText: string;
  /** Base units the buyer asked for before rounding up, when rounding changed it. */
  roundedFrom: number | null;
}

export function unitFactor(terms: SupplierProductTerms, unitCode: string): number {
  return terms.units.find((u) => u.code === unitCode)?.factor ?? 1;
}

/**
 * A quantity rounded up so the supplier can ship it: to the minimum order quantity, then to
 * whole case packs, then to whole units of the line's unit. The renderer may not import
 * src-main/core, so this follows core/purchaseOrder.ts roundToPack, which the unit test checks
 * it against.
 */
export function roundLineUp(terms: SupplierProductTerms, unitCode: string, qty: number): { qty: number; roundedFrom: number | null } {
  const factor = unitFactor(terms, unitCode);
  const base = qty * factor;
  if (base === 0) return { qty, roundedFrom: null };
  const pack = Math.max(1, terms.supplierItemCode === null ? 1 : terms.packFactor);
  let rounded = Math.ceil(Math.max(base, terms.minOrderQty) / pack) * pack;
  rounded = Math.ceil(rounded / factor) * factor;
  return rounded === base ? { qty, roundedFrom: null } : { qty: rounded / factor, roundedFrom: base };
}

/** The line's default cost per its unit: the supplier's last cost per purchase unit, shared out. */
export function defaultCostFen(terms: SupplierProductTerms, unitCode: string): number | null {
  if (terms.lastCostFen === null) return null;
  return Math.round((terms.lastCostFen * unitFactor(terms, unitCode)) / terms.packFactor);
}

/** A product's units as the quantity formatter takes them ("2箱3瓶"). */
export function displayUnits(l: { units: readonly PurchaseUnit[] }): DisplayUnit[] {
  return l.units.map((u) => ({ code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, factor: u.factor }));
}
