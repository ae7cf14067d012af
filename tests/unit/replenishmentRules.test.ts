import { describe, expect, it } from 'vitest';
import { dailyDemand, daysOfCover, neededQty, reorderPolicy, roundToPacks, safetyStock, seasonalityPermille, stockPosition } from '../../src-main/core/replenishment';

describe('demand', () => {
  it('the moving average spreads what was issued over every day of the window, days without sales included', () => {
    // 7 days: sold 10, 0, 0, 4, 0, 0, 0 → mean 2, Σx² = 116, variance 116/7 − 4.
    const d = dailyDemand(14, 116, 7);
    expect(d.mean).toBe(2);
    expect(d.stdDev).toBeCloseTo(Math.sqrt(116 / 7 - 4), 9);
  });

  it('no window or no sales is no demand', () => {
    expect(dailyDemand(0, 0, 28)).toEqual({ mean: 0, stdDev: 0 });
    expect(dailyDemand(10, 100, 0)).toEqual({ mean: 0, stdDev: 0 });
  });

  it('the seasonal factor compares last year\'s coming period with the window before it, within half and double', () => {
    expect(seasonalityPermille(280, 28, 150, 14)).toBe(1071); // 10.71/day ahead against 10/day
    expect(seasonalityPermille(28, 28, 140, 14)).toBe(2000); // ten times: capped at double
    expect(seasonalityPermille(280, 28, 10, 14)).toBe(500);
    expect(seasonalityPermille(0, 28, 50, 14)).toBe(1000); // nothing a year ago: no season
  });
});

describe('reorder levels', () => {
  it('safety stock by days of cover or by service level, rounded up', () => {
    expect(safetyStock({ kind: 'days', days: 3 }, 2.5, 0, 7)).toBe(8);
    expect(safetyStock({ kind: 'days', days: 3 }, 0.1 * 10, 0, 7)).toBe(3);
    // z(95 %) 1.6449 × σ 4 × √9 = 19.74 → 20
    expect(safetyStock({ kind: 'service', level: '95' }, 10, 4, 9)).toBe(20);
  });

  it('min is demand over the lead time plus safety stock; max adds the review period', () => {
    const p = reorderPolicy({ demandPerDay: 10, stdDevPerDay: 0, leadTimeDays: 5, reviewDays: 7, safety: { kind: 'days', days: 2 } });
    expect(p).toEqual({ safetyStock: 20, min: 70, max: 140, source: 'computed' });
  });

  it('the buyer\'s override replaces min and max; max never falls below min', () => {
    const base = { demandPerDay: 10, stdDevPerDay: 0, leadTimeDays: 5, reviewDays: 7, safety: { kind: 'days', days: 2 } } as const;
    expect(reorderPolicy({ ...base, overrideMin: 30, overrideMax: 100 })).toMatchObject({ min: 30, max: 100, source: 'override' });
    expect(reorderPolicy({ ...base, overrideMin: 200 })).toMatchObject({ min: 200, max: 200, source: 'override' });
  });

  it('no demand and no override: nothing is kept and nothing ordered', () => {
    const p = reorderPolicy({ demandPerDay: 0, stdDevPerDay: 0, leadTimeDays: 5, reviewDays: 7, safety: { kind: 'days', days: 2 } });
    expect(p).toMatchObject({ min: 0, max: 0 });
    expect(neededQty(p, 0)).toBe(0);
  });
});

describe('suggested quantity', () => {
  it('the position counts what is on order and takes off what is committed to customers', () => {
    expect(stockPosition(50, 48, 30)).toBe(68);
  });

  it('orders up to max only once the position is at or below min', () => {
    expect(neededQty({ min: 70, max: 140 }, 71)).toBe(0);
    expect(neededQty({ min: 70, max: 140 }, 70)).toBe(70);
    expect(neededQty({ min: 70, max: 140 }, -10)).toBe(150);
  });

  it('rounds up to whole cases and to the supplier\'s minimum order quantity', () => {
    expect(roundToPacks(70, 24, 0)).toEqual({ packs: 3, qty: 72 });
    expect(roundToPacks(72, 24, 0)).toEqual({ packs: 3, qty: 72 });
    expect(roundToPacks(10, 24, 120)).toEqual({ packs: 5, qty: 120 });
    // A minimum that is not whole cases is met with whole cases.
    expect(roundToPacks(10, 24, 100)).toEqual({ packs: 5, qty: 120 });
    expect(roundToPacks(0, 24, 120)).toEqual({ packs: 0, qty: 0 });
    expect(roundToPacks(5, 1, 0)).toEqual({ packs: 5, qty: 5 });
  });

  it('days of cover are on hand over demand per day', () => {
    expect(daysOfCover(30, 2)).toBe(15);
    expect(daysOfCover(30, 0)).toBeNull();
  });
});
