import { describe, expect, it } from 'vitest';
import { ageingBucket, allowedActions, fulfilmentStatus, type FulfilmentFacts } from '../../src-main/core/salesOrder';
import {
  approvalReasons,
  discountFromListBp,
  freeGoods,
  pickPrice,
  promotionApplies,
  salesLineAmounts,
  volumeDiscountBp,
  type LineForApproval,
  type Promotion,
} from '../../src-main/core/salesPricing';

const promo = (p: Partial<Promotion>): Promotion => ({
  id: 'p',
  kind: 'free_goods',
  productId: 'water',
  minQty: 24,
  freeProductId: 'water',
  freeQty: 2,
  discountBp: null,
  channel: null,
  startsOn: '2026-11-01',
  endsOn: '2026-11-30',
  active: true,
  ...p,
});

describe('prices', () => {
  const entries = [
    { source: 'standard' as const, unitCode: 'EA', priceFen: 200 },
    { source: 'standard' as const, unitCode: 'CS24', priceFen: 4560 },
    { source: 'list' as const, unitCode: 'EA', priceFen: 190 },
  ];

  it("takes the customer's own price, then its list's, then the standard list's", () => {
    expect(pickPrice([...entries, { source: 'customer', unitCode: 'EA', priceFen: 180 }], 'EA', 1, 'EA')).toEqual({ priceFen: 180, source: 'customer' });
    expect(pickPrice(entries, 'EA', 1, 'EA')).toEqual({ priceFen: 190, source: 'list' });
    expect(pickPrice(entries.slice(0, 2), 'CS24', 24, 'EA')).toEqual({ priceFen: 4560, source: 'standard' });
  });

  it('prices a unit its source has no price for as that source’s base price × the factor, before a lower source', () => {
    // The key-account list has only a bottle price: its case is 24 of them, not the standard case price.
    expect(pickPrice(entries, 'CS24', 24, 'EA')).toEqual({ priceFen: 4560, source: 'list' });
    expect(pickPrice([], 'EA', 1, 'EA')).toBeNull();
  });
});

describe('promotions', () => {
  it('apply to their product, channel and dates only, when active', () => {
    const p = promo({ channel: 'supermarket' });
    expect(promotionApplies(p, 'water', 'supermarket', '2026-11-15')).toBe(true);
    expect(promotionApplies(p, 'water', 'restaurant', '2026-11-15')).toBe(false);
    expect(promotionApplies(p, 'water', 'supermarket', '2026-12-01')).toBe(false);
    expect(promotionApplies(p, 'cola', 'supermarket', '2026-11-15')).toBe(false);
    expect(promotionApplies({ ...p, active: false }, 'water', 'supermarket', '2026-11-15')).toBe(false);
  });

  it('give free goods for every full quantity bought', () => {
    expect(freeGoods([promo({})], 23)).toEqual([]);
    expect(freeGoods([promo({})], 24)).toEqual([{ promotionId: 'p', productId: 'water', qty: 2 }]);
    expect(freeGoods([promo({})], 71)).toEqual([{ promotionId: 'p', productId: 'water', qty: 4 }]);
  });

  it('give the best volume discount reached', () => {
    const tiers = [promo({ id: 'a', kind: 'volume_discount', minQty: 120, discountBp: 300 }), promo({ id: 'b', kind: 'volume_discount', minQty: 240, discountBp: 500 })];
    expect(volumeDiscountBp(tiers, 119)).toBe(0);
    expect(volumeDiscountBp(tiers, 120)).toBe(300);
    expect(volumeDiscountBp(tiers, 300)).toBe(500);
  });
});

describe('approval', () => {
  const line = (l: Partial<LineForApproval>): LineForApproval => ({
    lineNo: 1,
    free: false,
    unitQty: 10,
    factor: 1,
    unitPriceFen: 200,
    listPriceFen: 200,
    discountBp: 0,
    netFen: 2000,
    priceFloorFen: 150,
    ...l,
  });
  const credit = { limitFen: 10_000, receivableFen: 0, openOrdersFen: 0, orderFen: 2260 };

  it('needs nobody for an order at list price within the credit limit', () => {
    expect(approvalReasons([line({})], credit, 1000)).toEqual([]);
  });

  it('counts receivables and other open orders against the limit', () => {
    expect(approvalReasons([line({})], { ...credit, receivableFen: 5000, openOrdersFen: 2740 }, 1000)).toEqual([]);
    expect(approvalReasons([line({})], { ...credit, receivableFen: 5000, openOrdersFen: 2741 }, 1000)).toEqual([{ code: 'CREDIT_LIMIT', limitFen: 10_000, exposureFen: 10_001 }]);
  });

  it('judges the net price per base unit against the floor, and the cut from list against the limit', () => {
    // 10 % off 2.00 is 1.80: above the 1.50 floor, and exactly the 10 % a salesperson may give.
    expect(approvalReasons([line({ discountBp: 1000, netFen: 1800 })], credit, 1000)).toEqual([]);
    expect(approvalReasons([line({ unitPriceFen: 140, netFen: 1400 })], credit, 1000)).toEqual([
      { code: 'PRICE_BELOW_FLOOR', lineNo: 1, priceFen: 140, floorFen: 150 },
      { code: 'DISCOUNT_LARGE', lineNo: 1, discountBp: 3000, maxBp: 1000 },
    ]);
    // A case line: the floor is per bottle.
    expect(approvalReasons([line({ unitQty: 1, factor: 24, unitPriceFen: 3500, listPriceFen: 3600, netFen: 3500 })], credit, 1000)).toEqual([
      { code: 'PRICE_BELOW_FLOOR', lineNo: 1, priceFen: 146, floorFen: 150 },
    ]);
  });

  it('does not judge free goods', () => {
    expect(approvalReasons([line({ free: true, unitPriceFen: 0, netFen: 0 })], credit, 1000)).toEqual([]);
  });

  it('rounds line amounts once, half to even', () => {
    expect(salesLineAmounts(3, 333, 1300, 0)).toEqual({ netFen: 999, taxFen: 130, grossFen: 1129 });
    expect(discountFromListBp(10, 200, 1900)).toBe(500);
    expect(discountFromListBp(10, 200, 2100)).toBe(0);
  });
});

describe('order states', () => {
  const facts = (f: Partial<FulfilmentFacts>): FulfilmentFacts => ({ orderedQty: 100, allocatedQty: 0, deliveredQty: 0, invoicedQty: 0, invoicesPaid: false, ...f });

  it('follow the quantities once confirmed', () => {
    expect(fulfilmentStatus(facts({}), false)).toBe('confirmed');
    expect(fulfilmentStatus(facts({ allocatedQty: 40 }), false)).toBe('allocated');
    expect(fulfilmentStatus(facts({ allocatedQty: 60, deliveredQty: 40 }), false)).toBe('partly_delivered');
    expect(fulfilmentStatus(facts({ deliveredQty: 100 }), false)).toBe('delivered');
    expect(fulfilmentStatus(facts({ deliveredQty: 100, invoicedQty: 100 }), false)).toBe('invoiced');
    expect(fulfilmentStatus(facts({ deliveredQty: 100, invoicedQty: 100, invoicesPaid: true }), false)).toBe('paid');
    // Closed short: what was ordered is what is left open.
    expect(fulfilmentStatus(facts({ orderedQty: 40, deliveredQty: 40 }), true)).toBe('closed');
  });

  it('allow amending and cancelling only before anything left the warehouse', () => {
    expect(allowedActions('quote', facts({}))).toEqual(['amend', 'cancel', 'confirm']);
    expect(allowedActions('pending_approval', facts({}))).toEqual(['amend', 'cancel', 'approve', 'reject']);
    expect(allowedActions('allocated', facts({ allocatedQty: 100 }))).toEqual(['amend', 'cancel', 'deliver']);
    expect(allowedActions('partly_delivered', facts({ allocatedQty: 20, deliveredQty: 40 }))).toEqual(['allocate', 'deliver', 'invoice', 'close']);
    expect(allowedActions('cancelled', facts({}))).toEqual([]);
  });

  it('ages receivables in the handbook’s buckets', () => {
    expect([0, 30, 31, 60, 61, 90, 91].map(ageingBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+']);
  });
});
