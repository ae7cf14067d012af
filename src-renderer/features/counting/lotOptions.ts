import type { CountLineRow, LotRow } from '../../../src-main/contract';

export interface LotOption {
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  /** Counted so far in this count (all counters). */
  counted: number | null;
  /** On hand now; only known (and shown) when the count is not blind. */
  onHand: number | null;
  inCount: boolean;
  found: boolean;
}

/** The count's lots of the product and its lots on hand, first expiry first (FEFO shelf order). */
export function lotOptions(countLines: readonly CountLineRow[], onHand: readonly LotRow[], blind: boolean): LotOption[] {
  const byId = new Map<string, LotOption>();
  for (const l of countLines) {
    byId.set(l.lotId, { lotId: l.lotId, lotCode: l.lotCode, expiryDate: l.expiryDate, counted: l.countedQty, onHand: null, inCount: true, found: !l.expected });
  }
  for (const l of onHand) {
    const known = byId.get(l.lotId);
    if (known) known.onHand = blind ? null : l.qty;
    else byId.set(l.lotId, { lotId: l.lotId, lotCode: l.lotCode, expiryDate: l.expiryDate, counted: null, onHand: blind ? null : l.qty, inCount: false, found: false });
  }
  return [...byId.values()].sort(
    (a, b) => (a.expiryDate ?? '9999').localeCompare(b.expiryDate ?? '9999') || a.lotCode.localeCompare(b.lotCode),
  );
}
