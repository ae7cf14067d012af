import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { businessDateOf, daysBetween, isValidIsoDate } from '../../src-main/core/businessDate';
import { ean13CheckDigit, gtin14ForCase, isValidEan13, isValidGtin14 } from '../../src-main/core/ean13';
import { ClockDriftError, createHlcClock, formatHlc, hlcAfter, parseHlc } from '../../src-main/core/hlc';
import { createUuidV7Generator, uuidV7Timestamp } from '../../src-main/core/ids';

describe('UUIDv7 ids', () => {
  it('carry their millisecond, are RFC 9562 version 7, and sort in creation order within one ms', () => {
    const ids = createUuidV7Generator(() => 1_763_000_000_000, (n) => randomBytes(n));
    const made = Array.from({ length: 5000 }, () => ids());
    for (const id of made) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    expect(uuidV7Timestamp(made[0] ?? '')).toBe(1_763_000_000_000);
  });
  it('keep rising when the wall clock steps back', () => {
    let t = 2_000_000;
    const ids = createUuidV7Generator(() => t, (n) => randomBytes(n));
    const a = ids();
    t -= 1000;
    const b = ids();
    expect(b > a).toBe(true);
  });
});

describe('hybrid logical clock', () => {
  it('orders local events and events merged from another device', () => {
    let wall = 1000;
    const a = createHlcClock('A', () => wall);
    const b = createHlcClock('B', () => wall);
    const a1 = a.now();
    const a2 = a.now();
    expect(a2 > a1).toBe(true);
    wall = 900; // B's clock is behind
    const b1 = b.receive(a2);
    expect(b1 > a2).toBe(true);
    expect(parseHlc(b1).node).toBe('B');
  });
  it('refuses a timestamp from a clock far ahead instead of jumping with it', () => {
    const local = createHlcClock('A', () => 1_000_000, 60_000);
    const remote = createHlcClock('B', () => 1_000_000 + 3_600_000);
    expect(() => local.receive(remote.now())).toThrow(ClockDriftError);
    expect(parseHlc(local.now()).ms).toBe(1_000_000);
  });
});

describe('a decision made after seeing another', () => {
  it('sorts after it even from a PC whose clock is behind, and keeps its own time when that is later already', () => {
    const seen = formatHlc({ ms: 2_000, counter: 3, node: 'pc-a' });
    const behind = formatHlc({ ms: 1_000, counter: 0, node: 'pc-b' });
    expect(hlcAfter(behind, seen) > seen).toBe(true);
    expect(parseHlc(hlcAfter(behind, seen))).toEqual({ ms: 2_000, counter: 4, node: 'pc-b' });
    const ahead = formatHlc({ ms: 3_000, counter: 0, node: 'pc-b' });
    expect(hlcAfter(ahead, seen)).toBe(ahead);
    expect(hlcAfter(behind, null)).toBe(behind);
  });
});

describe('business dates and barcodes', () => {
  it("puts 00:30 in Beijing on Beijing's date, whatever UTC says", () => {
    expect(businessDateOf(Date.parse('2026-11-20T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-21');
    expect(businessDateOf(Date.parse('2026-11-20T16:30:00Z'), 'UTC')).toBe('2026-11-20');
    expect(daysBetween('2026-11-20', '2026-12-01')).toBe(11);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2026-02-28')).toBe(true);
  });
  it('validates EAN-13 and derives a case GTIN-14', () => {
    expect(ean13CheckDigit('690123456789')).toBe(2);
    expect(isValidEan13('6901234567892')).toBe(true);
    expect(isValidEan13('6901234567893')).toBe(false);
    const caseCode = gtin14ForCase('6901234567892', 1);
    expect(caseCode).toMatch(/^1690123456789\d$/);
    expect(isValidGtin14(caseCode)).toBe(true);
  });
});

describe('lot ids', () => {
  it('are the same on every PC for one product and lot code, and differ otherwise', async () => {
    const { lotIdFor } = await import('../../src-main/core/ids');
    const product = '0190a000-0000-7000-8000-000000000001';
    const a = lotIdFor(product, '20261101A');
    expect(a).toBe(lotIdFor(product, '20261101A'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(lotIdFor(product, `L${i}`));
    seen.add(lotIdFor('0190a000-0000-7000-8000-000000000002', '20261101A'));
    expect(seen.size).toBe(20001);
  });
});
