import { describe, expect, it } from 'vitest';
import {
  allowedPurchaseActions,
  checkReceiptLine,
  expectedDate,
  receiptStatus,
  roundToPack,
  shelfLifeAtReceipt,
  DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE,
} from '../../src-main/core/purchaseOrder';

describe('purchase order states', () => {
  it('a draft is edited, sent or cancelled; a sent order is received or closed; a finished one takes nothing', () => {
    expect(allowedPurchaseActions('draft')).toEqual(['edit', 'send', 'cancel']);
    expect(allowedPurchaseActions('sent')).toEqual(['receive', 'close']);
    expect(allowedPurchaseActions('partly_received')).toEqual(['receive', 'close']);
    for (const s of ['received', 'closed', 'cancelled'] as const) expect(allowedPurchaseActions(s)).toEqual([]);
  });

  it('the state after a receipt follows from the quantities received', () => {
    expect(receiptStatus({ orderedQty: 48, receivedQty: 0 }, false)).toBe('sent');
    expect(receiptStatus({ orderedQty: 48, receivedQty: 24 }, false)).toBe('partly_received');
    expect(receiptStatus({ orderedQty: 48, receivedQty: 48 }, false)).toBe('received');
    expect(receiptStatus({ orderedQty: 48, receivedQty: 50 }, false)).toBe('received');
    expect(receiptStatus({ orderedQty: 48, receivedQty: 24 }, true)).toBe('closed');
  });

  it('goods are expected the lead time after the order date', () => {
    expect(expectedDate('2026-11-28', 5)).toBe('2026-12-03');
    expect(expectedDate('2026-11-28', 0)).toBe('2026-11-28');
  });
});

describe('receiving checks', () => {
  it('flags under- and over-receipts against what is still open', () => {
    expect(checkReceiptLine(48, 48)).toMatchObject({ kind: 'exact', difference: 0, needsConfirmation: false });
    expect(checkReceiptLine(48, 30)).toMatchObject({ kind: 'under', difference: 18, needsConfirmation: false });
    expect(checkReceiptLine(48, 50)).toMatchObject({ kind: 'over', difference: 2, needsConfirmation: true });
  });

  it('an over-receipt within the tolerance is flagged but needs no confirmation', () => {
    expect(checkReceiptLine(1000, 1020, 20)).toMatchObject({ kind: 'over', difference: 20, needsConfirmation: false });
    expect(checkReceiptLine(1000, 1021, 20)).toMatchObject({ kind: 'over', needsConfirmation: true });
    // Nothing open: anything is over, whatever the tolerance.
    expect(checkReceiptLine(0, 1, 500)).toMatchObject({ kind: 'over', difference: 1, needsConfirmation: true });
  });

  it('short-dated goods: less than a third of the shelf life left by default', () => {
    // 360 days' life: at least 120 days must be left.
    expect(shelfLifeAtReceipt('2027-03-31', '2026-12-01', 360, DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE)).toEqual({ remainingDays: 120, minDays: 120, short: false });
    expect(shelfLifeAtReceipt('2027-03-30', '2026-12-01', 360, DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE)).toEqual({ remainingDays: 119, minDays: 120, short: true });
    expect(shelfLifeAtReceipt('2027-03-30', '2026-12-01', 360, 0)?.short).toBe(false);
    expect(shelfLifeAtReceipt(null, '2026-12-01', 360, 333)).toBeNull();
    expect(shelfLifeAtReceipt('2027-03-30', '2026-12-01', null, 333)).toBeNull();
  });
});

describe('rounding to what a supplier ships', () => {
  it('rounds up to the minimum order quantity, then to whole case packs', () => {
    expect(roundToPack(30, 24, 0)).toBe(48);
    expect(roundToPack(48, 24, 0)).toBe(48);
    expect(roundToPack(10, 24, 96)).toBe(96);
    expect(roundToPack(10, 24, 100)).toBe(120);
    expect(roundToPack(7, 1, 0)).toBe(7);
    expect(roundToPack(0, 24, 0)).toBe(0);
  });
});
