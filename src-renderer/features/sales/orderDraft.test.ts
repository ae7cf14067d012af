import { describe, expect, it } from 'vitest';
import { addScanned, buildDraftLines, checkLine, editOrderLine, lineQuantity, newOrderLine, parsePercent, parseYuan, placeSalesProblems, previewByLine } from './orderDraft';

const water = {
  id: 'p-water',
  sku: 'DRK-0001',
  nameZh: '农夫山泉',
  nameEn: 'Nongfu Spring',
  units: [
    { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 },
    { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 },
  ],
};

describe('order entry lines', () => {
  it('orders a bare number in the scanned unit, a mixed quantity in bottles', () => {
    const line = newOrderLine(water, 'CS24', '3');
    expect(lineQuantity(line)).toEqual({ ok: true, unitCode: 'CS24', qty: 3, baseQty: 72 });
    expect(lineQuantity({ ...line, qtyText: '3箱5瓶' })).toEqual({ ok: true, unitCode: 'EA', qty: 77, baseQty: 77 });
    expect(lineQuantity({ ...line, qtyText: '2箱' })).toMatchObject({ unitCode: 'CS24', qty: 2 });
  });

  it('refuses a zero, empty or unreadable quantity, price or discount before asking the ledger', () => {
    const line = newOrderLine(water, 'CS24', '0');
    expect(checkLine(line)).toEqual({ qty: { code: 'POSITIVE_REQUIRED' } });
    expect(checkLine({ ...line, qtyText: '' }).qty?.code).toBe('REQUIRED');
    expect(checkLine({ ...line, qtyText: '3桶' }).qty?.code).toBe('UNIT_UNKNOWN');
    expect(checkLine({ ...line, qtyText: '1', priceText: '1.234', discountText: '120' })).toEqual({ price: { code: 'MONEY_INVALID' }, discount: { code: 'PERCENT_INVALID' } });
    expect(buildDraftLines([line]).lines).toEqual([]);
  });

  it('sends a typed price and discount in fen and basis points, and drops the price when the unit changes', () => {
    const line = editOrderLine(editOrderLine(newOrderLine(water, 'CS24', '2'), { priceText: '45.5' }), { discountText: '2.5' });
    expect(buildDraftLines([line]).lines).toEqual([{ productId: 'p-water', unitCode: 'CS24', qty: 2, unitPriceFen: 4550, discountBp: 250, note: '' }]);
    expect(editOrderLine(line, { qtyText: '2箱3瓶' }).priceText).toBe('');
    expect(parseYuan('１２.５')).toBe(1250);
    expect(parsePercent('5%')).toBe(500);
  });

  it('adds a scanned case to the line of that case, and a bottle to a line of its own', () => {
    const first = addScanned([], newOrderLine(water, 'CS24', '1'));
    const again = addScanned(first.lines, newOrderLine(water, 'CS24', '1'));
    expect(again.added).toBe(false);
    expect(again.lines.map((l) => l.qtyText)).toEqual(['2']);
    expect(addScanned(again.lines, newOrderLine(water, 'EA', '1')).lines).toHaveLength(2);
  });

  it('puts free goods under the line that earned them and the ledger’s field problems next to the right line', () => {
    const a = newOrderLine(water, 'CS24', '');
    const b = newOrderLine(water, 'CS24', '1');
    const { origins } = buildDraftLines([a, b]);
    expect(origins).toEqual([b.key]);
    const view = (lineNo: number, free: boolean, parentLineNo: number | null) => ({ lineNo, free, parentLineNo }) as never;
    const byLine = previewByLine({ lines: [view(1, false, null), view(2, true, 1)], totals: { netFen: 0, taxFen: 0, grossFen: 0, qty: 0 }, approvalReasons: [], credit: {} as never, shortages: [{ lineNo: 1, short: 4 }] }, origins);
    expect(byLine.get(b.key)?.free).toHaveLength(1);
    expect(byLine.get(b.key)?.short).toBe(4);
    const placed = placeSalesProblems({ code: 'PRICE_MISSING', fields: [{ path: 'lines.0.unitPriceFen', code: 'PRICE_MISSING' }, { path: 'customerId', code: 'CUSTOMER_INACTIVE' }] } as never, origins);
    expect(placed.lines[b.key]).toEqual({ price: { code: 'PRICE_MISSING' } });
    expect(placed.header.customerId?.code).toBe('CUSTOMER_INACTIVE');
  });
});
