import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateFefo, type LotStock } from '../../src-main/core/fefo';
import { consumeFifo, type CostLayer } from '../../src-main/core/fifoCost';

const lot = (lotId: string, expiryDate: string | null, qty: number, firstReceivedAt = 0): LotStock => ({ lotId, expiryDate, qty, firstReceivedAt });

describe('lots are issued first-expiry-first-out', () => {
  it('takes the lot that expires first, then the next', () => {
    const result = allocateFefo([lot('late', '2027-03-01', 10), lot('early', '2026-12-01', 4), lot('mid', '2027-01-01', 10)], 9);
    expect(result).toEqual({ ok: true, takes: [{ lotId: 'early', qty: 4 }, { lotId: 'mid', qty: 5 }] });
  });
  it('issues undated lots after dated ones, oldest receipt first', () => {
    const result = allocateFefo([lot('new', null, 5, 200), lot('old', null, 5, 100), lot('dated', '2030-01-01', 1)], 7);
    expect(result).toEqual({ ok: true, takes: [{ lotId: 'dated', qty: 1 }, { lotId: 'old', qty: 5 }, { lotId: 'new', qty: 1 }] });
  });
  it('skips lots too short-dated for a customer who needs remaining shelf life', () => {
    const result = allocateFefo([lot('short', '2026-12-01', 10), lot('long', '2027-06-01', 10)], 5, '2027-01-01');
    expect(result).toEqual({ ok: true, takes: [{ lotId: 'long', qty: 5 }] });
  });
  it('refuses more than is available and says how much is', () => {
    expect(allocateFefo([lot('a', '2027-01-01', 3), lot('b', null, 2)], 6)).toEqual({ ok: false, available: 5 });
  });
  it('always takes exactly what was asked, from lots that had it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ qty: fc.integer({ min: 0, max: 50 }), day: fc.option(fc.integer({ min: 1, max: 28 })) }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 300 }),
        (lots, qty) => {
          const stock = lots.map((l, i) => lot(`L${i}`, l.day === null ? null : `2027-01-${String(l.day).padStart(2, '0')}`, l.qty, i));
          const result = allocateFefo(stock, qty);
          const available = stock.reduce((n, l) => n + l.qty, 0);
          if (qty > available) {
            expect(result.ok).toBe(false);
            return;
          }
          if (!result.ok) throw new Error('expected ok');
          expect(result.takes.reduce((n, t) => n + t.qty, 0)).toBe(qty);
          for (const t of result.takes) expect(t.qty).toBeLessThanOrEqual(stock.find((s) => s.lotId === t.lotId)?.qty ?? 0);
        },
      ),
    );
  });
});

const layer = (id: string, receivedAt: number, qtyRemaining: number, valueRemainingFen: number): CostLayer => ({ id, receivedAt, qtyRemaining, valueRemainingFen });

describe('issues are costed first-in-first-out', () => {
  it('consumes the oldest layer first at its cost', () => {
    const result = consumeFifo([layer('new', 2, 10, 2000), layer('old', 1, 10, 1000)], 15);
    expect(result).toEqual({
      ok: true,
      valueFen: 1000 + 1000,
      takes: [
        { layerId: 'old', qty: 10, valueFen: 1000 },
        { layerId: 'new', qty: 5, valueFen: 1000 },
      ],
    });
  });
  it('a case bought for ¥100.00 issues bottle by bottle and the last one takes exactly what is left', () => {
    let l = layer('case', 1, 24, 10000);
    let total = 0;
    for (let i = 0; i < 24; i++) {
      const r = consumeFifo([l], 1);
      if (!r.ok) throw new Error('expected ok');
      total += r.valueFen;
      l = { ...l, qtyRemaining: l.qtyRemaining - 1, valueRemainingFen: l.valueRemainingFen - r.valueFen };
    }
    expect(total).toBe(10000);
    expect(l.valueRemainingFen).toBe(0);
  });
  it('takes a preferred layer first (a reversal takes back its own receipt)', () => {
    const result = consumeFifo([layer('old', 1, 10, 1000), layer('mine', 2, 10, 3000)], 4, ['mine']);
    expect(result).toMatchObject({ ok: true, takes: [{ layerId: 'mine', qty: 4, valueFen: 1200 }] });
  });
  it('refuses more than the layers hold', () => {
    expect(consumeFifo([layer('a', 1, 3, 300)], 4)).toEqual({ ok: false, available: 3 });
  });
  it('takes preferred layers, then the open layers oldest first (ties by id), in whatever order they are given', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), at: fc.integer({ min: 0, max: 4 }), qty: fc.integer({ min: -5, max: 20 }), unit: fc.integer({ min: 1, max: 500 }) }), {
          selector: (l) => l.id,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 80 }),
        fc.nat({ max: 3 }),
        (given, qty, preferCount) => {
          const layers = given.map((l) => layer(l.id, l.at, l.qty, l.qty * l.unit));
          const prefer = given.slice(0, preferCount).map((l) => l.id);
          // What it must equal: the open layers, the preferred first, the rest sorted by age, taken in turn.
          const open = layers.filter((l) => l.qtyRemaining > 0);
          const rest = open.filter((l) => !prefer.includes(l.id)).sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
          const order = [...prefer.flatMap((id) => open.filter((l) => l.id === id)), ...rest];
          const available = open.reduce((n, l) => n + l.qtyRemaining, 0);
          const result = consumeFifo(layers, qty, prefer);
          if (qty > available) {
            expect(result).toEqual({ ok: false, available });
            return;
          }
          const takes: { layerId: string; qty: number; valueFen: number }[] = [];
          let left = qty;
          for (const l of order) {
            if (left === 0) break;
            const take = Math.min(left, l.qtyRemaining);
            takes.push({ layerId: l.id, qty: take, valueFen: take >= l.qtyRemaining ? l.valueRemainingFen : Math.round((l.valueRemainingFen * take) / l.qtyRemaining) });
            left -= take;
          }
          expect(result).toEqual({ ok: true, takes, valueFen: takes.reduce((n, t) => n + t.valueFen, 0) });
        },
      ),
    );
  });
});
