import { describe, expect, it } from 'vitest';
import { roundToPack } from '../../src-main/core/purchaseOrder';
import type { SupplierProductTerms } from '../../src-main/contract';
import { defaultCostFen, roundLineUp } from '../../src-renderer/features/purchasing/poDraft';

const terms = (p: Partial<SupplierProductTerms>): SupplierProductTerms => ({
  productId: 'p',
  sku: 'DRK-0001',
  nameZh: '水',
  nameEn: 'Water',
  baseUnitCode: 'EA',
  lotTracked: true,
  shelfLifeDays: 365,
  units: [
    { code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24, barcode: null },
    { code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1, barcode: null },
  ],
  supplierItemCode: 'NF-550',
  purchaseUnitCode: 'CS24',
  packFactor: 24,
  minOrderQty: 96,
  leadTimeDays: 5,
  lastCostFen: 4800,
  preferred: true,
  ...p,
});

describe('purchase order form rounding', () => {
  it('rounds bottles and cases up to the case pack and the minimum order, as core does', () => {
    expect(roundLineUp(terms({}), 'EA', 30)).toEqual({ qty: 96, roundedFrom: 30 });
    expect(roundLineUp(terms({}), 'CS24', 2)).toEqual({ qty: 4, roundedFrom: 48 });
    expect(roundLineUp(terms({}), 'CS24', 5)).toEqual({ qty: 5, roundedFrom: null });
    expect(roundLineUp(terms({ minOrderQty: 0 }), 'EA', 30)).toEqual({ qty: 48, roundedFrom: 30 });
    for (const [qty, moq] of [
      [30, 0],
      [1, 100],
      [97, 96],
    ] as const) {
      expect(roundLineUp(terms({ minOrderQty: moq }), 'EA', qty).qty).toBe(roundToPack(qty, 24, moq));
    }
  });

  it('without terms nothing is rounded; costs are the last case cost shared out', () => {
    expect(roundLineUp(terms({ supplierItemCode: null, minOrderQty: 0 }), 'EA', 7)).toEqual({ qty: 7, roundedFrom: null });
    expect(defaultCostFen(terms({}), 'EA')).toBe(200);
    expect(defaultCostFen(terms({}), 'CS24')).toBe(4800);
    expect(defaultCostFen(terms({ lastCostFen: null }), 'EA')).toBeNull();
  });
});
