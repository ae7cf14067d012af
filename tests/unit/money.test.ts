import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProportionally, divideRoundHalfEven, lineAmounts } from '../../src-main/core/money';

describe("banker's rounding of money", () => {
  it('rounds halves to the even neighbour and everything else to the nearest', () => {
    expect(divideRoundHalfEven(5, 2)).toBe(2);
    expect(divideRoundHalfEven(7, 2)).toBe(4);
    expect(divideRoundHalfEven(-5, 2)).toBe(-2);
    expect(divideRoundHalfEven(-7, 2)).toBe(-4);
    expect(divideRoundHalfEven(10, 3)).toBe(3);
    expect(divideRoundHalfEven(11, 3)).toBe(4);
  });
  it('computes tax once per line: 3 × ¥3.35 at 13 % is ¥10.05 + ¥1.31', () => {
    expect(lineAmounts(3, 335, 1300)).toEqual({ netFen: 1005, taxFen: 131, grossFen: 1136 });
  });
  it('applies a discount before tax, each rounded once', () => {
    // 10 × ¥1.25 = ¥12.50, 5 % off = ¥0.625 → ¥0.62 (half to even), tax 13 % of ¥11.88 = ¥1.5444 → ¥1.54
    expect(lineAmounts(10, 125, 1300, 500)).toEqual({ netFen: 1188, taxFen: 154, grossFen: 1342 });
  });
  it('never strays more than half a fen from the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(Math.abs(divideRoundHalfEven(n, d) - n / d)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });
  it('shares a total so the parts always add up exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = allocateProportionally(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p) => expect(Number.isInteger(p)).toBe(true));
      }),
    );
  });
});
