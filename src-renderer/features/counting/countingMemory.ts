/**
 * What the counting screen remembers on this PC between scans and visits: who is counting, and
 * which lot each product was last counted in. Kept in localStorage, so pausing a count (leaving
 * the screen) and coming back resumes without asking again. In a plain browser on the loopback
 * host the origin changes at each start, so the name is asked again then; that is harmless.
 */

const counterKey = 'branchLedger.counting.counter';
const recentCountersKey = 'branchLedger.counting.recentCounters';
const lotsKey = (countId: string) => `branchLedger.counting.lots.${countId}`;

export interface LotChoice {
  lotId?: string;
  lotCode: string;
  expiryDate: string | null;
}

function read<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only means the screen asks again next time.
  }
}

export function readCounter(): string {
  const name = read<unknown>(counterKey, '');
  return typeof name === 'string' ? name.trim() : '';
}

export function readRecentCounters(): string[] {
  const names = read<unknown>(recentCountersKey, []);
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n.trim() !== '') : [];
}

/** Saves the counter and keeps the last few names for a quick switch between people on one PC. */
export function saveCounter(name: string): void {
  const trimmed = name.trim();
  write(counterKey, trimmed);
  write(recentCountersKey, [trimmed, ...readRecentCounters().filter((n) => n !== trimmed)].slice(0, 8));
}

export function readLotChoices(countId: string): Map<string, LotChoice> {
  const saved = read<unknown>(lotsKey(countId), {});
  const out = new Map<string, LotChoice>();
  if (typeof saved !== 'object' || saved === null) return out;
  for (const [productId, value] of Object.entries(saved as Record<string, unknown>)) {
    const v = value as Partial<LotChoice> | null;
    if (v && typeof v.lotCode === 'string') {
      out.set(productId, { lotCode: v.lotCode, expiryDate: typeof v.expiryDate === 'string' ? v.expiryDate : null, ...(typeof v.lotId === 'string' ? { lotId: v.lotId } : {}) });
    }
  }
  return out;
}

export function saveLotChoices(countId: string, choices: ReadonlyMap<string, LotChoice>): void {
  write(lotsKey(countId), Object.fromEntries(choices));
}
