import { describe, expect, it } from 'vitest';
import { classifyAbc, countAllows, judgeLine, zoneOf, type CountLineFigures } from '../../src-main/core/stockCount';

const line = (over: Partial<CountLineFigures> = {}): CountLineFigures => ({
  bookQty: 100,
  movedSinceSnapshot: 0,
  countedQty: 100,
  round: 1,
  unitCostFen: 250,
  approved: false,
  reasonCode: null,
  ...over,
});
const thresholds = { recountPermille: 50, approvalValueFen: 10_000 };

describe('judging a count line', () => {
  it('expects the snapshot plus what moved before the line was counted', () => {
    const v = judgeLine(line({ movedSinceSnapshot: -30, countedQty: 70 }), thresholds);
    expect(v).toMatchObject({ expectedQty: 70, varianceQty: 0, ready: true, needsReason: false });
  });

  it('asks for a recount above the share, only in the first round, and a reason for any variance', () => {
    expect(judgeLine(line({ countedQty: 95 }), thresholds)).toMatchObject({ varianceQty: -5, needsRecount: false, needsReason: true, ready: false });
    expect(judgeLine(line({ countedQty: 94 }), thresholds)).toMatchObject({ needsRecount: true });
    expect(judgeLine(line({ countedQty: 94, round: 2, reasonCode: 'damage' }), thresholds)).toMatchObject({ needsRecount: false, ready: true });
  });

  it('needs approval at the value threshold, which approval satisfies', () => {
    const big = line({ countedQty: 60, round: 2, reasonCode: 'theft_loss' });
    expect(judgeLine(big, thresholds)).toMatchObject({ varianceValueFen: -10_000, needsApproval: true, ready: false });
    expect(judgeLine({ ...big, approved: true }, thresholds).ready).toBe(true);
    expect(judgeLine(big, { recountPermille: 50, approvalValueFen: 0 }).needsApproval).toBe(false);
  });

  it('treats an uncounted line as zero or as booked', () => {
    expect(judgeLine(line({ countedQty: null }), thresholds, 'zero')).toMatchObject({ counted: false, varianceQty: -100, needsRecount: false });
    expect(judgeLine(line({ countedQty: null, movedSinceSnapshot: 5 }), thresholds, 'keep')).toMatchObject({ countedQty: 105, varianceQty: 0, ready: true });
  });

  it('rounds the value of a variance once, from a fractional average cost', () => {
    expect(judgeLine(line({ countedQty: 97, unitCostFen: 33.335, round: 2 }), thresholds).varianceValueFen).toBe(-100);
  });
});

describe('count states, ABC classes and zones', () => {
  it('allows recording only while counting and nothing once closed', () => {
    expect(countAllows('counting', 'record')).toBe(true);
    expect(countAllows('review', 'record')).toBe(false);
    expect(countAllows('review', 'post')).toBe(true);
    expect(countAllows('posted', 'cancel')).toBe(false);
    expect(countAllows('cancelled', 'review')).toBe(false);
  });

  it('classes by cumulative usage value: 80% A, 15% B, the rest and the idle C', () => {
    const classes = classifyAbc([
      { productId: 'a', usageValueFen: 700 },
      { productId: 'b', usageValueFen: 150 },
      { productId: 'c', usageValueFen: 100 },
      { productId: 'd', usageValueFen: 50 },
      { productId: 'e', usageValueFen: 0 },
    ]);
    expect(Object.fromEntries(classes)).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C', e: 'C' });
    expect(Object.fromEntries(classifyAbc([{ productId: 'x', usageValueFen: 0 }]))).toEqual({ x: 'C' });
  });

  it('takes the zone from the bin code', () => {
    expect(zoneOf('a-01-03')).toBe('A');
    expect(zoneOf('COLD')).toBe('COLD');
  });
});
