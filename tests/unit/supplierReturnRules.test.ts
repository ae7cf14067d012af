import { describe, expect, it } from 'vitest';
import { supplierReturnStatuses as schemaStatuses } from '../../db/schema/returns';
import {
  allowedSupplierReturnActions,
  claimFigures,
  creditProblem,
  returnRateBp,
  supplierReturnStatuses,
  supplierReturnTransition,
} from '../../src-main/core/supplierReturn';

describe('supplier return states', () => {
  it('names the same states as the ledger table', () => {
    expect([...supplierReturnStatuses]).toEqual([...schemaStatuses]);
  });

  it('lets a draft be edited, sent or cancelled, and nothing else', () => {
    expect(allowedSupplierReturnActions('draft')).toEqual(['edit', 'send', 'cancel']);
  });

  it('once sent, only the supplier answers: accept or reject; credit comes after acceptance', () => {
    expect(allowedSupplierReturnActions('sent')).toEqual(['accept', 'reject']);
    expect(allowedSupplierReturnActions('accepted')).toEqual(['credit', 'reject']);
    expect(supplierReturnTransition('sent', 'cancel')).toBeNull();
    expect(supplierReturnTransition('sent', 'credit')).toBeNull();
    expect(supplierReturnTransition('accepted', 'credit')).toBe('credited');
    expect(supplierReturnTransition('accepted', 'reject')).toBe('rejected');
    expect(supplierReturnTransition('draft', 'send')).toBe('sent');
  });

  it('a settled or cancelled return allows nothing more', () => {
    for (const s of ['credited', 'rejected', 'cancelled'] as const) expect(allowedSupplierReturnActions(s)).toEqual([]);
  });
});

describe('claim arithmetic', () => {
  it('a partial credit writes off the rest', () => {
    expect(claimFigures('credited', 12_000, 9_500)).toEqual({ claimFen: 12_000, creditedFen: 9_500, writtenOffFen: 2_500, openFen: 0 });
  });
  it('a rejected claim is written off whole; an open one is awaited', () => {
    expect(claimFigures('rejected', 12_000, 0)).toEqual({ claimFen: 12_000, creditedFen: 0, writtenOffFen: 12_000, openFen: 0 });
    expect(claimFigures('accepted', 12_000, 0)).toMatchObject({ writtenOffFen: 0, openFen: 12_000 });
    expect(claimFigures('draft', 12_000, 0)).toMatchObject({ writtenOffFen: 0, openFen: 0 });
  });
  it('a credit must be positive and not above the claim', () => {
    expect(creditProblem(100, 0)).toBe('CREDIT_NOT_POSITIVE');
    expect(creditProblem(100, 101)).toBe('CREDIT_ABOVE_CLAIM');
    expect(creditProblem(100, 100)).toBeNull();
    expect(creditProblem(100, 1)).toBeNull();
  });
  it('return rates are basis points of what was delivered; none without deliveries', () => {
    expect(returnRateBp(3, 48)).toBe(625);
    expect(returnRateBp(1, 3)).toBe(3333);
    expect(returnRateBp(5, 0)).toBeNull();
  });
});
