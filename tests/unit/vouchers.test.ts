import { describe, expect, it } from 'vitest';
import { buildVouchers, defaultAccountMapping, isBalanced, mappingConflict, voucherEntries, type VoucherSource } from '../../src-main/core/vouchers';

const m = defaultAccountMapping;
const supplier = { code: 'S01', name: '供应商' };
const customer = { code: 'C01', name: '客户' };
const sides = (source: VoucherSource) => voucherEntries(source, m, 'zh-CN')?.map((e) => [e.account.code, e.debitFen, e.creditFen]);
const stock = (docType: Extract<VoucherSource, { kind: 'stock' }>['docType'], valueFen: number, extra: Partial<Extract<VoucherSource, { kind: 'stock' }>> = {}): VoucherSource => ({
  kind: 'stock',
  date: '2026-11-20',
  docNo: 'X',
  docType,
  valueFen,
  supplier,
  customer,
  fromCount: false,
  reversal: false,
  ...extra,
});

describe('vouchers (记账凭证)', () => {
  it('a reversal keeps its original’s sides in red ink (negative amounts) and still balances', () => {
    expect(sides(stock('receipt', 12_000))).toEqual([
      ['1405', 12_000, 0],
      ['2202', 0, 12_000],
    ]);
    const reversal = stock('receipt', -12_000, { reversal: true });
    expect(sides(reversal)).toEqual([
      ['1405', -12_000, 0],
      ['2202', 0, -12_000],
    ]);
    expect(voucherEntries(reversal, m, 'zh-CN')?.[0]?.summary).toBe('冲销采购入库 X');
  });

  it('an adjustment that found stock is a gain, one that lost stock a loss; a restock between warehouses books nothing', () => {
    expect(sides(stock('adjustment', 500))).toEqual([
      ['1405', 500, 0],
      ['1901', 0, 500],
    ]);
    expect(sides(stock('adjustment', -500, { fromCount: true }))).toEqual([
      ['1901', 500, 0],
      ['1405', 0, 500],
    ]);
    expect(voucherEntries(stock('return_disposition', 0), m, 'en')).toBeNull();
  });

  it('a refund credits cash or bank instead of receivables; every voucher balances', () => {
    const refund: VoucherSource = { kind: 'creditNote', date: '2026-11-20', docNo: 'CN1', customer, netFen: 1000, taxFen: 130, grossFen: 1130, settlement: 'refund', refundMethod: 'cash' };
    expect(sides(refund)).toEqual([
      ['6001', 1000, 0],
      ['22210102', 130, 0],
      ['1001', 0, 1130],
    ]);
    expect(isBalanced(voucherEntries(refund, m, 'zh-CN') ?? [])).toBe(true);
  });

  it('numbers vouchers from 1 in each month and skips documents that move no value', () => {
    const vouchers = buildVouchers(
      [stock('receipt', 100, { date: '2026-10-31', docNo: 'A' }), stock('receipt', 0, { date: '2026-11-01', docNo: 'B' }), stock('receipt', 100, { date: '2026-11-01', docNo: 'C' }), stock('delivery', -50, { date: '2026-11-02', docNo: 'D' })],
      m,
      'zh-CN',
    );
    expect(vouchers.map((v) => [v.docNo, v.word, v.number])).toEqual([
      ['A', '记', 1],
      ['C', '记', 1],
      ['D', '记', 2],
    ]);
  });

  it('finds roles booked on one account that must differ', () => {
    expect(mappingConflict(m)).toBeNull();
    expect(mappingConflict({ ...m, accounts: { ...m.accounts, payables: m.accounts.receivables } })).toEqual(['receivables', 'payables']);
    expect(mappingConflict({ ...m, accounts: { ...m.accounts, outputVat: m.accounts.salesRevenue } })).toEqual(['salesRevenue', 'outputVat']);
    expect(mappingConflict({ ...m, vatApplicable: false, accounts: { ...m.accounts, outputVat: m.accounts.salesRevenue } })).toBeNull();
  });
});
