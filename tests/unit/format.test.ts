import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  formatBasisPoints,
  formatDate,
  formatDateTime,
  formatMoney,
  formatQuantity,
  localName,
  otherName,
  toLocale,
} from '../../src-renderer/components/format';

const water = [
  { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 },
  { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 },
];

describe('money as a clerk reads it', () => {
  it('shows fen as yuan with the yuan sign and thousands separators in both languages', () => {
    expect(formatMoney(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(123456, 'en')).toBe('¥1,234.56');
  });

  it('keeps whole and tiny amounts exact', () => {
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(1, 'zh-CN')).toBe('¥0.01');
    expect(formatMoney(10, 'en')).toBe('¥0.10');
    expect(formatMoney(100_000_000_00, 'en')).toBe('¥100,000,000.00');
  });

  it('shows a negative value (a stock write-off) with a minus sign', () => {
    expect(formatMoney(-2550, 'zh-CN')).toMatch(/^-¥25\.50$/);
  });
});

describe('quantities in packaging units', () => {
  it('splits base units into the largest unit first', () => {
    expect(formatQuantity(77, water, 'zh-CN')).toBe('3箱5瓶');
    expect(formatQuantity(77, water, 'en')).toBe('3 case 5 bottle');
  });

  it('leaves out a unit with nothing in it', () => {
    expect(formatQuantity(48, water, 'zh-CN')).toBe('2箱');
    expect(formatQuantity(5, water, 'en')).toBe('5 bottle');
  });

  it('writes the sign once for an issue or a loss', () => {
    expect(formatQuantity(-77, water, 'zh-CN')).toBe('-3箱5瓶');
    expect(formatQuantity(-1, water, 'en')).toBe('-1 bottle');
  });

  it('shows zero in the base unit', () => {
    expect(formatQuantity(0, water, 'zh-CN')).toBe('0瓶');
    expect(formatQuantity(0, water, 'en')).toBe('0 bottle');
  });

  it('does not depend on the order the units are listed in', () => {
    expect(formatQuantity(77, [...water].reverse(), 'zh-CN')).toBe('3箱5瓶');
  });

  it('handles three levels and large counts with separators', () => {
    const units = [...water, { code: 'PL', nameZh: '托', nameEn: 'pallet', factor: 24 * 60 }];
    expect(formatQuantity(24 * 60 * 2 + 24 * 3 + 1, units, 'zh-CN')).toBe('2托3箱1瓶');
    expect(formatQuantity(24 * 1500, water, 'en')).toBe('1,500 case');
  });

  it('falls back to the plain number when a product has no units', () => {
    expect(formatQuantity(1234, [], 'en')).toBe('1,234');
  });
});

describe('dates', () => {
  it('shows a business date without shifting it by the PC time zone', () => {
    expect(formatDate('2026-05-01', 'zh-CN')).toBe('2026-05-01');
    expect(formatDate('2026-05-01', 'en')).toBe('May 1, 2026');
  });

  it('shows an instant in the branch time zone', () => {
    // 2026-04-30T16:30Z is 00:30 on 1 May in Beijing.
    const instant = Date.UTC(2026, 3, 30, 16, 30);
    expect(formatDate(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2026-05-01');
    expect(formatDateTime(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2026-05-01 00:30');
    expect(formatDateTime(instant, 'en', 'UTC')).toBe('Apr 30, 2026 16:30');
  });

  it('shows a dash for no date and the raw text for an invalid one', () => {
    expect(formatDate(null, 'en')).toBe('—');
    expect(formatDate('2026-02-30', 'en')).toBe('2026-02-30');
  });

  it('counts days between business dates across month ends', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });
});

describe('names and languages', () => {
  it('picks the name in the UI language and falls back when one is missing', () => {
    expect(localName('en', '农夫山泉 550ml', 'Nongfu Spring 550ml')).toBe('Nongfu Spring 550ml');
    expect(localName('en', '农夫山泉 550ml', '')).toBe('农夫山泉 550ml');
    expect(localName('zh-CN', '', 'Nongfu Spring')).toBe('Nongfu Spring');
    expect(otherName('zh-CN', '农夫山泉', 'Nongfu Spring')).toBe('Nongfu Spring');
    expect(otherName('en', '', 'Nongfu Spring')).toBe('');
  });

  it('maps i18next language codes to the two UI locales', () => {
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale('zh-CN')).toBe('zh-CN');
    expect(toLocale(undefined)).toBe('zh-CN');
  });

  it('shows tax rates from basis points', () => {
    expect(formatBasisPoints(1300, 'zh-CN')).toBe('13%');
    expect(formatBasisPoints(650, 'en')).toBe('6.5%');
  });
});
