/**
 * Which lots an issue takes. FEFO (first expiry, first out) is the food-distribution practice
 * that keeps short-dated stock moving; lots without an expiry go after dated ones, oldest
 * receipt first (FIFO). A customer may demand a minimum remaining shelf life: lots expiring
 * before `minExpiryDate` are not offered.
 */

export interface LotStock {
  lotId: string;
  /** 'YYYY-MM-DD' or null when the product has no expiry. */
  expiryDate: string | null;
  /** Epoch ms of the lot's first receipt, for FIFO among undated lots and ties. */
  firstReceivedAt: number;
  qty: number;
}

export interface LotTake {
  lotId: string;
  qty: number;
}

export type FefoResult = { ok: true; takes: LotTake[] } | { ok: false; available: number };

export function compareFefo(a: LotStock, b: LotStock): number {
  if (a.expiryDate !== b.expiryDate) {
    if (a.expiryDate === null) return 1;
    if (b.expiryDate === null) return -1;
    return a.expiryDate < b.expiryDate ? -1 : 1;
  }
  if (a.firstReceivedAt !== b.firstReceivedAt) return a.firstReceivedAt - b.firstReceivedAt;
  return a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0;
}

export function allocateFefo(lots: readonly LotStock[], qty: number, minExpiryDate?: string): FefoResult {
  const eligible = lots
    .filter((l) => l.qty > 0 && (minExpiryDate === undefined || l.expiryDate === null || l.expiryDate >= minExpiryDate))
    .sort(compareFefo);
  const available = eligible.reduce((n, l) => n + l.qty, 0);
  if (qty > available) return { ok: false, available };
  const takes: LotTake[] = [];
  let rest = qty;
  for (const lot of eligible) {
    if (rest === 0) break;
    const take = Math.min(rest, lot.qty);
    takes.push({ lotId: lot.lotId, qty: take });
    rest -= take;
  }
  return { ok: true, takes };
}
