import { describe, expect, it } from 'vitest';
import type { CountLineRow } from '../../../src-main/contract';
import { addScan, confirmScan, emptyScanState, isPending, learn, lineKey, rollBack, shownLine, shownProgress, withMap, type KnownLine, type ScanState } from './pendingScans';
import { foundLine, mapLine, readScanMap, type ScanProduct } from './scanMap';

const water: ScanProduct = {
  id: 'p-water',
  sku: 'DRK-0001',
  nameZh: '农夫山泉',
  nameEn: 'Nongfu water',
  lotTracked: false,
  units: [
    { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24, barcode: '16901234567899' },
    { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1, barcode: '6901234567892' },
  ],
};
const key = lineKey(water.id, '');
const progress = { expectedLines: 10, countedLines: 2, foundLines: 0 };

/** The ledger's line for water with `counted` in it, as counts.record answers. */
const answer = (counted: number, counters = ['张三']): CountLineRow => ({ ...mapLine(water, { lotCode: '', expiryDate: null }, true, counted), lotId: 'lot-water', counters });

/** A screen with the map read: water on the count, not counted yet. */
function opened(): ScanState {
  const mapped = new Map<string, KnownLine>([[key, { line: mapLine(water, { lotCode: '', expiryDate: null }, true, null), seq: 0, exists: true }]]);
  return withMap(emptyScanState(progress), mapped);
}

const scan = (s: ScanState, seq: number, qty: number, k = key) => addScan(s, { seq, key: k, qty, counter: '张三' }, foundLine(water, { lotCode: '', expiryDate: null }));

describe('scans shown before the ledger answers', () => {
  it('adds repeated scans up on the line at once, a case as its factor, and counts the line in the progress once', () => {
    let s = opened();
    s = scan(s, 1, 24);
    s = scan(s, 2, 1);
    s = scan(s, 3, 1);
    expect(shownLine(s, key)?.countedQty).toBe(26);
    expect(shownLine(s, key)?.counters).toEqual(['张三']);
    expect(shownProgress(s)).toEqual({ expectedLines: 10, countedLines: 3, foundLines: 0 });
    expect(isPending(s, 2)).toBe(true);
  });

  it('replaces the shown line with the ledger’s when a scan is confirmed, keeping the scans still on their way', () => {
    let s = scan(scan(opened(), 1, 24), 2, 1);
    // Another counter had counted 6 meanwhile: the ledger's total wins, the unanswered scan stays on top.
    s = confirmScan(s, 1, answer(30, ['李四', '张三']), { ...progress, countedLines: 3 });
    expect(shownLine(s, key)?.countedQty).toBe(31);
    expect(shownLine(s, key)?.counters).toEqual(['李四', '张三']);
    expect(shownProgress(s).countedLines).toBe(3);
    s = confirmScan(s, 2, answer(31, ['李四', '张三']), { ...progress, countedLines: 3 });
    expect(s.pending).toEqual([]);
    expect(shownLine(s, key)).toEqual(answer(31, ['李四', '张三']));
    expect(shownProgress(s).countedLines).toBe(3);
  });

  it('takes a refused scan back off the line and the progress, and only that one', () => {
    let s = scan(scan(opened(), 1, 24), 2, 1);
    s = rollBack(s, 1);
    expect(shownLine(s, key)?.countedQty).toBe(1);
    s = rollBack(s, 2);
    expect(shownLine(s, key)?.countedQty).toBeNull();
    expect(shownProgress(s)).toEqual(progress);
  });

  it('counts an answer that arrives after a later one neither twice nor not at all', () => {
    let s = scan(scan(scan(opened(), 1, 24), 2, 1), 3, 1);
    // The answer to scan 2 holds scan 1 already (the ledger took them in order)…
    s = confirmScan(s, 2, answer(25), { ...progress, countedLines: 3 });
    expect(shownLine(s, key)?.countedQty).toBe(26);
    // …so scan 1's own answer, late, changes nothing shown, and neither would its refusal.
    const late = confirmScan(s, 1, answer(24), { ...progress, countedLines: 3 });
    expect(shownLine(late, key)?.countedQty).toBe(26);
    expect(shownProgress(late).countedLines).toBe(3);
    expect(shownLine(rollBack(s, 1), key)?.countedQty).toBe(26);
    expect(shownProgress(rollBack(s, 1)).countedLines).toBe(3);
    // The last one still adds on top until its own answer.
    expect(shownLine(confirmScan(late, 3, answer(26), { ...progress, countedLines: 3 }), key)?.countedQty).toBe(26);
  });

  it('takes other actions’ answers (an undo, a typed quantity) as the new base of the line', () => {
    let s = scan(opened(), 1, 24);
    s = confirmScan(s, 1, answer(24), { ...progress, countedLines: 3 });
    // Action 2 was an undo, answered with the line at 0; scan 3 adds on it.
    s = learn(s, 2, answer(0), { ...progress, countedLines: 3 });
    s = scan(s, 3, 1);
    expect(shownLine(s, key)?.countedQty).toBe(1);
    // An older answer never replaces a newer one.
    expect(shownLine(learn(s, 1, answer(24), progress), key)?.countedQty).toBe(1);
  });

  it('shows goods the count does not hold as a found line, counted in the progress as found', () => {
    const newLot = lineKey(water.id, 'E2E-NEW1');
    let s = addScan(opened(), { seq: 1, key: newLot, qty: 1, counter: '张三' }, foundLine(water, { lotCode: 'E2E-NEW1', expiryDate: '2028-01-31' }));
    s = addScan(s, { seq: 2, key: newLot, qty: 1, counter: '张三' }, foundLine(water, { lotCode: 'X', expiryDate: null }));
    expect(shownLine(s, newLot)).toMatchObject({ lotCode: 'E2E-NEW1', expiryDate: '2028-01-31', expected: false, countedQty: 2 });
    expect(shownProgress(s)).toEqual({ ...progress, foundLines: 1 });
    // Confirmed, the ledger's progress holds it: not counted again.
    s = confirmScan(s, 1, { ...answer(1), lotCode: 'E2E-NEW1', expected: false }, { ...progress, foundLines: 1 });
    expect(shownProgress(s)).toEqual({ ...progress, foundLines: 1 });
    expect(shownLine(s, newLot)?.countedQty).toBe(2);
  });

  it('adds to the variance of an open count as it adds to the total', () => {
    const open = { ...answer(20), bookQty: 24, expectedQty: 24, varianceQty: -4 };
    let s = learn(opened(), 1, open, progress);
    s = scan(scan(s, 2, 1), 3, 1);
    expect(shownLine(s, key)).toMatchObject({ countedQty: 22, bookQty: 24, varianceQty: -2 });
  });
});

describe('the count’s barcode map', () => {
  it('finds a product and its unit by either barcode, with the lines as counted', () => {
    const map = readScanMap({
      countId: 'c1',
      unitNames: [
        ['CS24', '箱', 'case'],
        ['EA', '瓶', 'bottle'],
      ],
      products: [['p-water', 'DRK-0001', '农夫山泉', 'Nongfu water', 0, [[0, 24, '16901234567899'], [1, 1, '6901234567892']]]],
      lines: [[0, '', null, 1, 7]],
    });
    expect(map.barcodes.get('16901234567899')).toEqual({ product: water, unit: water.units[0] });
    expect(map.barcodes.get('6901234567892')?.unit.factor).toBe(1);
    expect(map.barcodes.get('6900000000017')).toBeUndefined();
    expect(map.lines.get(key)?.line).toMatchObject({ productId: 'p-water', sku: 'DRK-0001', baseUnitCode: 'EA', expected: true, countedQty: 7 });
  });
});
