/**
 * A small seeded pseudo-random generator (mulberry32) for demo data. Same seed → same sequence,
 * on every platform: only 32-bit integer arithmetic is used before the final division.
 */
export interface DemoRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): DemoRandom {
  // Scramble the seed once so that neighbouring seeds (1, 2, 3…) do not start out alike.
  let state = Math.imul((Math.trunc(seed) >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  return {
    next,
    int(min: number, max: number): number {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`random.int needs integers min <= max, got ${min}, ${max}`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('random.pick needs a non-empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
