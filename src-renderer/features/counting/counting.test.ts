import { describe, expect, it } from 'vitest';
import type { CountLineRow, LotRow } from '../../../src-main/contract';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { lotOptions } from './lotOptions';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('counting texts', () => {
  it('has the same keys in Chinese and English, so no part of the screen falls back to the other language', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
});

describe('the lots offered for a lot-tracked product', () => {
  const line = (lotId: string, lotCode: string, expiryDate: string | null, expected: boolean, countedQty: number | null) =>
    ({ lotId, lotCode, expiryDate, expected, countedQty }) as CountLineRow;
  const onHand = (lotId: string, lotCode: string, expiryDate: string | null, qty: number) => ({ lotId, lotCode, expiryDate, qty }) as LotRow;

  it('lists the count’s lots and those on hand once each, first expiry first, with what was counted', () => {
    const options = lotOptions(
      [line('b', 'L2', '2027-03-01', true, 24), line('c', 'L9', '2027-01-01', false, 6)],
      [onHand('b', 'L2', '2027-03-01', 30), onHand('a', 'L1', '2026-12-01', 12)],
      false,
    );
    expect(options.map((o) => [o.lotCode, o.counted, o.onHand, o.found])).toEqual([
      ['L1', null, 12, false],
      ['L9', 6, null, true],
      ['L2', 24, 30, false],
    ]);
  });

  it('never shows the book in a blind count', () => {
    const options = lotOptions([line('b', 'L2', null, true, null)], [onHand('b', 'L2', null, 30), onHand('a', 'L1', null, 12)], true);
    expect(options.every((o) => o.onHand === null)).toBe(true);
  });
});
