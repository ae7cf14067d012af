import { describe, expect, it } from 'vitest';
import { classifyScanText, entryUnit, isQuantityText, resolveQuantity } from './scanInput';

const bottle = { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 };
const pack = { code: 'PK6', nameZh: '提', nameEn: 'pack', factor: 6 };
const box = { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 };
const units = [bottle, pack, box];

describe('what the scan field takes a line of text for', () => {
  it('takes retail barcodes as barcodes, however they look', () => {
    expect(classifyScanText('6901234567892')).toEqual({ kind: 'barcode', code: '6901234567892' });
    expect(classifyScanText('16901234567899')).toEqual({ kind: 'barcode', code: '16901234567899' });
    expect(classifyScanText('69012345')).toEqual({ kind: 'barcode', code: '69012345' });
    expect(classifyScanText('ABC-123')).toEqual({ kind: 'barcode', code: 'ABC-123' });
  });

  it('takes a short number or a quantity with units as the quantity of the last scan', () => {
    expect(classifyScanText('12')).toEqual({ kind: 'quantity', target: 'last', text: '12' });
    expect(classifyScanText('3箱5瓶')).toEqual({ kind: 'quantity', target: 'last', text: '3箱5瓶' });
    expect(classifyScanText('3 5')).toEqual({ kind: 'quantity', target: 'last', text: '3 5' });
    expect(classifyScanText('３箱')).toEqual({ kind: 'quantity', target: 'last', text: '3箱' });
    expect(classifyScanText('3 case 5 bottle')).toEqual({ kind: 'quantity', target: 'last', text: '3 case 5 bottle' });
  });

  it('takes a quantity with a star (POS style) as the quantity of the next scan', () => {
    expect(classifyScanText('12*')).toEqual({ kind: 'quantity', target: 'next', text: '12' });
    expect(classifyScanText('*3箱5瓶')).toEqual({ kind: 'quantity', target: 'next', text: '3箱5瓶' });
    expect(classifyScanText('2 ×')).toEqual({ kind: 'quantity', target: 'next', text: '2' });
    expect(classifyScanText('4＊')).toEqual({ kind: 'quantity', target: 'next', text: '4' });
    expect(isQuantityText('3箱5瓶')).toBe(true);
    expect(isQuantityText('')).toBe(false);
    expect(isQuantityText('箱')).toBe(false);
  });
});

describe('a typed quantity for a scanned product', () => {
  it('counts a bare number in the unit that was scanned', () => {
    expect(resolveQuantity('3', units, box)).toEqual({ ok: true, value: { qty: 72, unitCode: 'CS24', unitQty: 3 } });
    expect(resolveQuantity('3', units, bottle)).toEqual({ ok: true, value: { qty: 3, unitCode: 'EA', unitQty: 3 } });
  });

  it('sends mixed packs in base units, and a single pack in its own unit', () => {
    expect(resolveQuantity('3箱5瓶', units, bottle)).toEqual({ ok: true, value: { qty: 77, unitCode: 'EA', unitQty: 77 } });
    expect(resolveQuantity('2提', units, bottle)).toEqual({ ok: true, value: { qty: 12, unitCode: 'PK6', unitQty: 2 } });
    expect(resolveQuantity('1 0 2', units, bottle)).toEqual({ ok: true, value: { qty: 26, unitCode: 'EA', unitQty: 26 } });
  });

  it('refuses a unit the product does not have', () => {
    expect(resolveQuantity('3袋', units, bottle)).toMatchObject({ ok: false, code: 'UNIT_UNKNOWN', token: '袋' });
    expect(resolveQuantity('', units, bottle)).toMatchObject({ ok: false, code: 'QUANTITY_INVALID' });
  });

  it('sends a correction in the scanned unit when it divides evenly', () => {
    expect(entryUnit(48, box, units)).toEqual({ qty: 48, unitCode: 'CS24', unitQty: 2 });
    expect(entryUnit(-19, box, units)).toEqual({ qty: -19, unitCode: 'EA', unitQty: -19 });
  });
});
