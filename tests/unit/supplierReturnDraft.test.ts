import { describe, expect, it } from 'vitest';
import { draftInput, estimatedFen, type DraftLine } from '../../src-renderer/features/supplierReturns/returnDraft';

const units = [
  { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 },
  { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 },
];
const line = (qtyText: string): DraftLine => ({
  key: 'k',
  productId: 'p',
  lotId: 'l',
  sku: 'DRK-0001',
  nameZh: '水',
  nameEn: 'Water',
  lotCode: 'L1',
  expiryDate: null,
  units,
  qtyText,
  reasonCode: 'damaged',
  note: ' 外箱压坏 ',
  customerReturnLineId: null,
  customerReturnNo: null,
  unitCostFen: 110,
});

describe('supplier return draft form', () => {
  it('sends 3箱5瓶 as base units and 2箱 in cases, so the note reads as typed', () => {
    const built = draftInput('s', 'w', [line('3箱5瓶'), line('2箱'), line('7')], '', '');
    expect(built).toEqual({
      ok: true,
      input: {
        supplierId: 's',
        warehouseId: 'w',
        note: '',
        lines: [
          { productId: 'p', lotId: 'l', unitCode: 'EA', qty: 77, reasonCode: 'damaged', note: '外箱压坏' },
          { productId: 'p', lotId: 'l', unitCode: 'CS24', qty: 2, reasonCode: 'damaged', note: '外箱压坏' },
          { productId: 'p', lotId: 'l', unitCode: 'EA', qty: 7, reasonCode: 'damaged', note: '外箱压坏' },
        ],
      },
    });
  });

  it('names the fields that keep a draft from being sent: a non-quantity, zero, a bad claim', () => {
    const built = draftInput('s', 'w', [line('abc'), line('0'), line('1')], '12.345', '');
    expect(built).toEqual({
      ok: false,
      problems: [
        { path: 'lines.0.qty', code: 'QUANTITY_INVALID' },
        { path: 'lines.1.qty', code: 'POSITIVE_REQUIRED' },
        { path: 'claimFen', code: 'MONEY_INVALID' },
      ],
    });
    expect(draftInput('s', 'w', [line('1')], '120.50', '')).toMatchObject({ ok: true, input: { claimFen: 12050 } });
  });

  it('estimates the claim from the lots’ unit cost while typing', () => {
    expect(estimatedFen([line('1箱'), line('x')])).toBe(24 * 110);
  });
});
