import { describe, expect, it } from 'vitest';
import {
  allowedReturnActions,
  creditableQty,
  dispositionsAddUp,
  earnedFreeQty,
  freeGoodsDeduction,
  returnApprovalReasons,
  returnTransition,
  returnWindowDays,
  returnableQty,
  returnedShare,
  withinWindow,
} from '../../src-main/core/customerReturn';

describe('customer return rules', () => {
  it('moves through its states only by the allowed actions', () => {
    expect(allowedReturnActions('pending_approval')).toEqual(['approve', 'reject']);
    expect(allowedReturnActions('approved')).toEqual(['cancel', 'receive']);
    expect(allowedReturnActions('received')).toEqual(['inspect']);
    expect(allowedReturnActions('inspected')).toEqual(['settle']);
    for (const done of ['settled', 'rejected', 'cancelled'] as const) expect(allowedReturnActions(done)).toEqual([]);
    expect(returnTransition('pending_approval', 'approve')).toBe('approved');
    expect(returnTransition('approved', 'receive')).toBe('received');
    // A clerk cannot receive what waits for a manager.
    expect(returnTransition('pending_approval', 'receive')).toBeNull();
    expect(returnTransition('received', 'cancel')).toBeNull();
    expect(returnTransition('inspected', 'settle')).toBe('settled');
  });

  it('takes the most specific return window: class and category, category, class, default; none means no limit', () => {
    const windows = [
      { customerClass: null, categoryId: null, windowDays: 7 },
      { customerClass: 'key' as const, categoryId: null, windowDays: 14 },
      { customerClass: null, categoryId: 'dairy', windowDays: 3 },
      { customerClass: 'key' as const, categoryId: 'dairy', windowDays: 5 },
    ];
    expect(returnWindowDays(windows, 'key', 'dairy')).toBe(5);
    expect(returnWindowDays(windows, 'ordinary', 'dairy')).toBe(3);
    expect(returnWindowDays(windows, 'key', 'drinks')).toBe(14);
    expect(returnWindowDays(windows, 'ordinary', 'drinks')).toBe(7);
    expect(returnWindowDays(windows, 'ordinary', null)).toBe(7);
    expect(returnWindowDays([], 'key', 'dairy')).toBeNull();
    expect(returnWindowDays([{ customerClass: 'key', categoryId: null, windowDays: 9 }], 'ordinary', 'x')).toBeNull();
    expect(withinWindow('2026-11-01', '2026-11-08', 7)).toBe(true);
    expect(withinWindow('2026-11-01', '2026-11-09', 7)).toBe(false);
    expect(withinWindow('2020-01-01', '2026-11-09', null)).toBe(true);
  });

  it('asks a manager for a return without a delivery or outside its window, never for a recall', () => {
    expect(returnApprovalReasons({ hasDelivery: false, recall: false, today: '2026-11-20', lines: [] })).toEqual([{ code: 'no_delivery' }]);
    expect(
      returnApprovalReasons({
        hasDelivery: true,
        recall: false,
        today: '2026-11-20',
        lines: [
          { lineNo: 1, deliveryDate: '2026-11-01', windowDays: 7 },
          { lineNo: 2, deliveryDate: '2026-11-01', windowDays: 30 },
          { lineNo: 3, deliveryDate: '2026-11-01', windowDays: null },
        ],
      }),
    ).toEqual([{ code: 'outside_window', lineNo: 1, deliveryDate: '2026-11-01', windowDays: 7, days: 19 }]);
    expect(returnApprovalReasons({ hasDelivery: true, recall: true, today: '2026-11-20', lines: [{ lineNo: 1, deliveryDate: '2025-01-01', windowDays: 7 }] })).toEqual([]);
  });

  it('lets no more come back than was delivered and not yet returned', () => {
    expect(returnableQty(48, 0)).toBe(48);
    expect(returnableQty(48, 20)).toBe(28);
    expect(returnableQty(48, 60)).toBe(0);
  });

  it('credits what the customer paid per unit, discount included, rounded half to even', () => {
    // 48 bottles for 91.20 net, 11.86 tax: 10 bottles are 19.00 net, 2.47 tax.
    expect(returnedShare({ qty: 48, netFen: 9120, taxFen: 1186 }, 10)).toEqual({ netFen: 1900, taxFen: 247, grossFen: 2147 });
    expect(returnedShare({ qty: 2, netFen: 0, taxFen: 0 }, 2)).toEqual({ netFen: 0, taxFen: 0, grossFen: 0 });
  });

  it('deducts free goods the kept quantity no longer earns, once, however the return is split', () => {
    expect(earnedFreeQty(24, 12, 2)).toBe(4);
    expect(earnedFreeQty(23, 12, 2)).toBe(2);
    const base = { paidDelivered: 24, freeDelivered: 4, minQty: 12, freeQty: 2, paidNetFen: 12_000, paidQty: 24, taxRateBp: 1300 };
    // 12 paid back, free goods kept: 2 of the 4 are no longer earned, at 5.00 a carton net.
    expect(freeGoodsDeduction({ ...base, paidReturnedBefore: 0, paidReturnedNow: 12, freeReturnedBefore: 0, freeReturnedNow: 0 })).toEqual({
      qty: 2,
      netFen: 1000,
      taxFen: 130,
      grossFen: 1130,
    });
    // The unearned free goods come back with them: nothing is deducted.
    expect(freeGoodsDeduction({ ...base, paidReturnedBefore: 0, paidReturnedNow: 12, freeReturnedBefore: 0, freeReturnedNow: 2 }).qty).toBe(0);
    // One paid carton back still leaves 23, which earns only 2: 2 free cartons are charged.
    expect(freeGoodsDeduction({ ...base, paidReturnedBefore: 0, paidReturnedNow: 1, freeReturnedBefore: 0, freeReturnedNow: 0 }).qty).toBe(2);
    // The same return in two parts: the second part deducts nothing more than the first left.
    const first = freeGoodsDeduction({ ...base, paidReturnedBefore: 0, paidReturnedNow: 6, freeReturnedBefore: 0, freeReturnedNow: 0 });
    const second = freeGoodsDeduction({ ...base, paidReturnedBefore: 6, paidReturnedNow: 6, freeReturnedBefore: 0, freeReturnedNow: 0 });
    expect(first.qty + second.qty).toBe(2);
  });

  it('credits only returned goods that were billed', () => {
    // Delivered 10, invoiced 10, 3 back: all 3 were billed.
    expect(creditableQty({ qty: 3, delivered: 10, invoiced: 10, returnedReceived: 3, creditedBefore: 0 })).toBe(3);
    // Returned before invoicing: the invoice billed 7, the 3 returned were never billed.
    expect(creditableQty({ qty: 3, delivered: 10, invoiced: 7, returnedReceived: 3, creditedBefore: 0 })).toBe(0);
    // Not invoiced at all.
    expect(creditableQty({ qty: 3, delivered: 10, invoiced: 0, returnedReceived: 3, creditedBefore: 0 })).toBe(0);
    // A second return after the first was credited.
    expect(creditableQty({ qty: 2, delivered: 10, invoiced: 10, returnedReceived: 5, creditedBefore: 3 })).toBe(2);
  });

  it('requires inspection to place every returned unit', () => {
    expect(dispositionsAddUp(10, { restockQty: 6, quarantineQty: 1, scrapQty: 2, supplierQty: 1 })).toBe(true);
    expect(dispositionsAddUp(10, { restockQty: 6, quarantineQty: 0, scrapQty: 2, supplierQty: 1 })).toBe(false);
    expect(dispositionsAddUp(10, { restockQty: 12, quarantineQty: -2, scrapQty: 0, supplierQty: 0 })).toBe(false);
  });
});
