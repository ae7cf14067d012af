import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity, splitQuantity, type PackUnit } from '../../src-main/core/units';

const bottle: PackUnit = { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 };
const pack: PackUnit = { code: 'PK6', nameZh: '提', nameEn: 'pack', factor: 6 };
const kase: PackUnit = { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 };
const twoLevel = [bottle, kase];
const threeLevel = [bottle, pack, kase];

describe('quantities typed by a clerk', () => {
  it('reads "3箱5瓶" as 77 bottles when a case holds 24', () => {
    expect(parseQuantity('3箱5瓶', twoLevel)).toMatchObject({ ok: true, qty: 77 });
  });
  it('reads "3 5" as 3 cases and 5 bottles for a two-level product', () => {
    expect(parseQuantity('3 5', twoLevel)).toMatchObject({ ok: true, qty: 77 });
  });
  it('reads "3 5" as cases then packs for a three-level product, and "1 2 3" down to bottles', () => {
    expect(parseQuantity('3 5', threeLevel)).toMatchObject({ ok: true, qty: 3 * 24 + 5 * 6 });
    expect(parseQuantity('1 2 3', threeLevel)).toMatchObject({ ok: true, qty: 24 + 12 + 3 });
  });
  it('reads a bare number in the chosen unit, or in the base unit by default', () => {
    expect(parseQuantity('12', twoLevel)).toMatchObject({ ok: true, qty: 12 });
    expect(parseQuantity('2', twoLevel, kase)).toMatchObject({ ok: true, qty: 48 });
  });
  it('reads "3箱5" as 3 cases and 5 of the next smaller unit', () => {
    expect(parseQuantity('3箱5', threeLevel)).toMatchObject({ ok: true, qty: 3 * 24 + 5 * 6 });
    expect(parseQuantity('3箱5', twoLevel)).toMatchObject({ ok: true, qty: 77 });
  });
  it('accepts English unit names, plurals and full-width digits from a Chinese IME', () => {
    expect(parseQuantity('2 cases 3 bottles', twoLevel)).toMatchObject({ ok: true, qty: 51 });
    expect(parseQuantity('３箱', twoLevel)).toMatchObject({ ok: true, qty: 72 });
  });
  it('refuses text it cannot read rather than guessing', () => {
    expect(parseQuantity('', twoLevel)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
    expect(parseQuantity('abc', twoLevel)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
    expect(parseQuantity('-3', twoLevel)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
    expect(parseQuantity('3.5', twoLevel)).toMatchObject({ ok: false });
    expect(parseQuantity('3桶', twoLevel)).toMatchObject({ ok: false, code: 'UNIT_UNKNOWN', token: '桶' });
    expect(parseQuantity('1 2 3', twoLevel)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
  });
  it('splits base quantities back into packaging units, largest first', () => {
    expect(splitQuantity(77, twoLevel).map((p) => [p.unit.code, p.count])).toEqual([
      ['CS24', 3],
      ['EA', 5],
    ]);
    expect(formatQuantity(77, twoLevel, 'zh-CN')).toBe('3箱5瓶');
    expect(formatQuantity(-30, threeLevel, 'en')).toBe('-1 case -1 pack');
    expect(formatQuantity(0, twoLevel, 'en')).toBe('0');
  });
});
