import { describe, expect, it } from 'vitest';
import type { ProductDetail, ProductUnit } from '../../../src-main/contract';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import { buildAdjustmentInput, FEFO_LOT, NEW_LOT, newAdjustmentLine, validateAdjustmentLine } from './adjustmentDraft';
import { placeServerProblems } from './formProblems';
import { addDaysToIsoDate, addOneUnit, splitForPosting } from './lineQuantities';
import { parseYuanToFen } from '../../components/money';
import { addScannedUnit, buildReceiptInput, editReceiptLine, newReceiptLine, receiptLineValueFen, validateReceiptLine } from './receiptDraft';

const bottle: ProductUnit = { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1, barcode: '6900000000011' };
const caseOf24: ProductUnit = { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24, barcode: '6900000000028' };

function water(overrides: Partial<ProductDetail> = {}): ProductDetail {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    sku: 'W550',
    nameZh: '矿泉水 550ml',
    nameEn: 'Mineral water 550ml',
    categoryId: null,
    categoryZh: null,
    categoryEn: null,
    brand: '',
    baseUnitCode: 'EA',
    shelfLifeDays: 365,
    lotTracked: true,
    taxRateBp: 1300,
    active: true,
    units: [bottle, caseOf24],
    lots: [],
    onHand: 0,
    valueFen: 0,
    averageUnitCostFen: null,
    locations: [],
    ...overrides,
  };
}

describe('what a clerk types as a quantity', () => {
  const units = [bottle, caseOf24];
  it('reads packs and loose units the way they are counted', () => {
    expect(parseQuantityInput('3箱5瓶', units)).toMatchObject({ ok: true, qty: 77 });
    expect(parseQuantityInput('3 5', units)).toMatchObject({ ok: true, qty: 77 });
    expect(parseQuantityInput('3 case 5 bottles', units)).toMatchObject({ ok: true, qty: 77 });
    expect(parseQuantityInput('3箱5', units)).toMatchObject({ ok: true, qty: 77 });
    expect(parseQuantityInput('12', units, caseOf24)).toMatchObject({ ok: true, qty: 288 });
    expect(parseQuantityInput('１２', units)).toMatchObject({ ok: true, qty: 12 });
    expect(parseQuantityInput('1,200', units)).toMatchObject({ ok: true, qty: 1200 });
  });
  it('refuses what it cannot read, naming an unknown unit', () => {
    expect(parseQuantityInput('3盒', units)).toEqual({ ok: false, code: 'UNIT_UNKNOWN', token: '盒' });
    expect(parseQuantityInput('abc', units)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
    expect(parseQuantityInput('-3', units)).toMatchObject({ ok: false });
    expect(parseQuantityInput('1 2 3', units)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
  });
});

describe('unit cost typed in yuan', () => {
  it('becomes exact integer fen without floating point', () => {
    expect(parseYuanToFen('19.99')).toEqual({ ok: true, fen: 1999 });
    expect(parseYuanToFen('0.07')).toEqual({ ok: true, fen: 7 });
    expect(parseYuanToFen('¥1,234.5')).toEqual({ ok: true, fen: 123450 });
    expect(parseYuanToFen('12')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanToFen('1.500')).toEqual({ ok: true, fen: 150 });
    expect(parseYuanToFen('.5')).toEqual({ ok: true, fen: 50 });
    expect(parseYuanToFen('１２．３')).toEqual({ ok: true, fen: 1230 });
  });
  it('refuses sub-fen precision, text and absurd amounts', () => {
    expect(parseYuanToFen('1.005')).toEqual({ ok: false, code: 'MONEY_TOO_PRECISE' });
    expect(parseYuanToFen('12a')).toEqual({ ok: false, code: 'MONEY_INVALID' });
    expect(parseYuanToFen('-1')).toEqual({ ok: false, code: 'MONEY_INVALID' });
    expect(parseYuanToFen('')).toEqual({ ok: false, code: 'REQUIRED' });
    expect(parseYuanToFen('99999999999999')).toEqual({ ok: false, code: 'TOO_LARGE' });
  });
});

describe('a line posted in whole units', () => {
  it('is one contract line when the quantity is whole packs', () => {
    expect(splitForPosting(72, caseOf24, bottle, 4800)).toEqual([{ unitCode: 'CS24', qty: 3, unitCostFen: 4800 }]);
  });
  it('splits 3箱5瓶 at the case cost into 3 cases and 5 bottles at the case cost ÷ 24', () => {
    expect(splitForPosting(77, caseOf24, bottle, 4850)).toEqual([
      { unitCode: 'CS24', qty: 3, unitCostFen: 4850 },
      { unitCode: 'EA', qty: 5, unitCostFen: 202 },
    ]);
  });
});

describe('scanning on the receipt form', () => {
  it('adds a line in the scanned unit, and counts the same barcode again on that line', () => {
    const product = water();
    const first = addScannedUnit([], product, caseOf24, true, newReceiptLine(product, caseOf24, '1'));
    expect(first.added).toBe(true);
    expect(first.lines[0]).toMatchObject({ unitCode: 'CS24', qtyText: '1' });
    const second = addScannedUnit(first.lines, product, caseOf24, true, newReceiptLine(product, caseOf24, '1'));
    expect(second.added).toBe(false);
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]?.qtyText).toBe('2');
    const loose = addScannedUnit(second.lines, product, bottle, true, newReceiptLine(product, bottle, '1'));
    expect(loose.lines).toHaveLength(2);
  });
  it('adds one pack to a mixed count', () => {
    expect(addOneUnit('3箱5瓶', [bottle, caseOf24], caseOf24, true)).toBe('4箱5瓶');
    expect(addOneUnit('', [bottle, caseOf24], caseOf24, true)).toBe('1');
  });
});

describe('a receipt line', () => {
  it('takes expiry from production date plus shelf life until the clerk types one', () => {
    const line = editReceiptLine(newReceiptLine(water(), caseOf24, '1'), { productionDate: '2026-01-01' });
    expect(line.expiryDate).toBe(addDaysToIsoDate('2026-01-01', 365));
    const typed = editReceiptLine(line, { expiryDate: '2026-06-30' });
    expect(editReceiptLine(typed, { productionDate: '2026-02-01' }).expiryDate).toBe('2026-06-30');
  });
  it('needs lot and expiry when lot-tracked, and a readable cost', () => {
    const line = newReceiptLine(water(), caseOf24, '2');
    expect(validateReceiptLine(line)).toMatchObject({ lot: { code: 'LOT_REQUIRED' }, expiry: { code: 'EXPIRY_REQUIRED' }, cost: { code: 'REQUIRED' } });
    const untracked = newReceiptLine(water({ lotTracked: false }), caseOf24, '2');
    expect(validateReceiptLine({ ...untracked, costText: '48' })).toEqual({});
  });
  it('posts integer fen and maps server problems back to the form line', () => {
    const line = { ...newReceiptLine(water(), caseOf24, '3箱5瓶'), lotCode: 'L1', expiryDate: '2027-01-01', costText: '48.50' };
    expect(receiptLineValueFen(line)).toBe(3 * 4850 + 5 * 202);
    const { input, origins } = buildReceiptInput({ warehouseId: 'w', supplierId: null, businessDate: '2026-05-01', note: '' }, [line]);
    expect(input.lines).toHaveLength(2);
    expect(input.lines.every((l) => Number.isInteger(l.unitCostFen))).toBe(true);
    const placed = placeServerProblems(
      { code: 'LOT_EXPIRY_MISMATCH', fields: [{ path: 'lines.1.expiryDate', code: 'LOT_EXPIRY_MISMATCH', params: { expiry: '2026-12-01' } }] },
      origins,
      ['warehouseId'],
    );
    expect(placed.lines[line.key]?.expiry).toEqual({ code: 'LOT_EXPIRY_MISMATCH', params: { expiry: '2026-12-01' } });
  });
});

describe('an adjustment line', () => {
  const lots = [
    { lotId: 'lot-a', lotCode: 'A', expiryDate: '2026-09-01', productionDate: null, warehouseId: 'w1', warehouseName: 'Main', qty: 30 },
    { lotId: 'lot-b', lotCode: 'B', expiryDate: '2026-08-01', productionDate: null, warehouseId: 'w2', warehouseName: 'Returns', qty: 5 },
  ];
  it('takes the only lot in the warehouse for a decrease and posts a negative quantity', () => {
    const line = newAdjustmentLine(water({ lots }), bottle, 'out', 'w1', '4');
    expect(line.lotChoice).toBe('lot-a');
    const { input } = buildAdjustmentInput({ warehouseId: 'w1', reasonCode: 'damage', businessDate: '', note: '' }, [line]);
    expect(input.lines).toEqual([{ productId: line.product.id, unitCode: 'EA', qty: -4, lotId: 'lot-a' }]);
  });
  it('lets the ledger choose FEFO when several lots are here', () => {
    const line = newAdjustmentLine(water({ lots: [...lots, { ...lots[0]!, lotId: 'lot-c', lotCode: 'C' }] }), bottle, 'out', 'w1', '4');
    expect(line.lotChoice).toBe(FEFO_LOT);
  });
  it('needs a lot code for a new lot on an increase; the cost may be left to the ledger', () => {
    const line = { ...newAdjustmentLine(water(), bottle, 'in', 'w1', '2'), lotChoice: NEW_LOT };
    expect(validateAdjustmentLine(line)).toMatchObject({ lot: { code: 'LOT_REQUIRED' } });
    const ready = { ...line, newLotCode: 'N1', newExpiryDate: '2027-01-01' };
    expect(validateAdjustmentLine(ready)).toEqual({});
    const { input } = buildAdjustmentInput({ warehouseId: 'w1', reasonCode: 'found', businessDate: '', note: '' }, [ready]);
    expect(input.lines[0]).toEqual({ productId: line.product.id, unitCode: 'EA', qty: 2, lotCode: 'N1', expiryDate: '2027-01-01' });
  });
});
