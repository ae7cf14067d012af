import { describe, expect, it } from 'vitest';
import { discrepancyProblem, quantityTakenIn, transferActionAllowed, transferStatus, valueTakenIn } from '../../src-main/core/transfer';

describe('transfer rules', () => {
  it('a sent shipment with a receipt reads as received; the sender closes it; only a draft may be cancelled', () => {
    expect(transferStatus('sent', false)).toBe('sent');
    expect(transferStatus('sent', true)).toBe('received');
    expect(transferStatus('closed', true)).toBe('closed');
    expect(transferActionAllowed('draft', 'cancel')).toBe(true);
    expect(transferActionAllowed('sent', 'cancel')).toBe(false);
    expect(transferActionAllowed('sent', 'receive')).toBe(true);
    expect(transferActionAllowed('received', 'receive')).toBe(false);
    expect(transferActionAllowed('received', 'close')).toBe(true);
  });

  it('a difference needs a reason; short goods are written off, extra goods accepted or returned', () => {
    expect(discrepancyProblem(24, 24, null, null)).toBeNull();
    expect(discrepancyProblem(24, 24, 'lost', null)).toBe('NO_DISCREPANCY');
    expect(discrepancyProblem(24, 20, null, 'write_off')).toBe('REASON_REQUIRED');
    expect(discrepancyProblem(24, 20, 'lost', null)).toBe('DISPOSITION_REQUIRED');
    expect(discrepancyProblem(24, 20, 'lost', 'write_off')).toBeNull();
    expect(discrepancyProblem(24, 20, 'lost', 'accept')).toBe('DISPOSITION_INVALID');
    expect(discrepancyProblem(24, 30, 'miscount', 'write_off')).toBe('DISPOSITION_INVALID');
    expect(discrepancyProblem(24, 30, 'miscount', 'accept')).toBeNull();
    expect(discrepancyProblem(24, 30, 'miscount', 'return')).toBeNull();
  });

  it('extra goods sent back are not taken in; the value follows the quantity and a full line brings exactly what left', () => {
    expect(quantityTakenIn(24, 30, 'return')).toBe(24);
    expect(quantityTakenIn(24, 30, 'accept')).toBe(30);
    expect(quantityTakenIn(24, 20, 'write_off')).toBe(20);
    expect(valueTakenIn(3, 1000, 3)).toBe(1000);
    expect(valueTakenIn(3, 1000, 1)).toBe(333);
    expect(valueTakenIn(3, 1000, 2)).toBe(667);
    expect(valueTakenIn(24, 4800, 30)).toBe(6000);
    expect(valueTakenIn(0, 0, 5)).toBe(0);
  });
});
