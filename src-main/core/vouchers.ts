/**
 * Accounting vouchers (记账凭证) for the hand-off to the accounting system (金蝶 KIS/K3 凭证引入,
 * 用友 T3/T6 凭证导入). Every document that moves money or stock value becomes one voucher whose
 * entries balance (Σ debit = Σ credit), posted on the document's posting date. Accounts come from
 * the branch's account mapping (科目映射); the defaults follow the chart of accounts of the
 * 企业会计准则 / 小企业会计准则 that both systems ship.
 */

export const accountRoles = [
  'salesRevenue',
  'outputVat',
  'receivables',
  'inventory',
  'cogs',
  'stockGainLoss',
  'cash',
  'bank',
  'payables',
] as const;
export type AccountRole = (typeof accountRoles)[number];

export interface Account {
  code: string;
  name: string;
}

export interface AccountMapping {
  accounts: Record<AccountRole, Account>;
  /** Whether sales carry output VAT (一般纳税人): off, revenue takes the tax-inclusive amount. */
  vatApplicable: boolean;
  /** The voucher word (凭证字): 记 for a single voucher type; 转/收/付 where the books use those. */
  voucherWord: string;
}

export const defaultAccountMapping: AccountMapping = {
  accounts: {
    salesRevenue: { code: '6001', name: '主营业务收入' },
    outputVat: { code: '22210102', name: '应交税费—应交增值税（销项税额）' },
    receivables: { code: '1122', name: '应收账款' },
    inventory: { code: '1405', name: '库存商品' },
    cogs: { code: '6401', name: '主营业务成本' },
    stockGainLoss: { code: '1901', name: '待处理财产损溢' },
    cash: { code: '1001', name: '库存现金' },
    bank: { code: '1002', name: '银行存款' },
    payables: { code: '2202', name: '应付账款' },
  },
  vatApplicable: true,
  voucherWord: '记',
};

/**
 * Roles that must be different accounts: a voucher that debits and credits one account is no
 * hand-off at all (revenue booked against receivables' own code, stock against its cost).
 */
export const distinctAccountRoles: readonly AccountRole[] = ['salesRevenue', 'receivables', 'inventory', 'cogs', 'stockGainLoss', 'payables'];

/** The first pair of roles given the same account code where they must differ, or null. */
export function mappingConflict(mapping: AccountMapping): [AccountRole, AccountRole] | null {
  const seen = new Map<string, AccountRole>();
  for (const role of distinctAccountRoles) {
    const code = mapping.accounts[role].code;
    const other = seen.get(code);
    if (other) return [other, role];
    seen.set(code, role);
  }
  if (mapping.vatApplicable && mapping.accounts.outputVat.code === mapping.accounts.salesRevenue.code) return ['salesRevenue', 'outputVat'];
  return null;
}

/** One document as the voucher export sees it; amounts in fen. */
export type VoucherSource =
  | { kind: 'invoice'; date: string; docNo: string; customer: Party; netFen: number; taxFen: number; grossFen: number }
  | { kind: 'payment'; date: string; docNo: string; customer: Party; method: 'cash' | 'transfer'; amountFen: number }
  | {
      kind: 'creditNote';
      date: string;
      docNo: string;
      customer: Party;
      netFen: number;
      taxFen: number;
      grossFen: number;
      settlement: 'credit' | 'refund';
      refundMethod: 'cash' | 'transfer' | null;
    }
  /** A stock document: `valueFen` is the signed sum of its movements' values (+ into stock). */
  | { kind: 'stock'; date: string; docNo: string; docType: StockDocType; valueFen: number; supplier: Party | null; customer: Party | null; fromCount: boolean; reversal: boolean };

export type StockDocType = 'receipt' | 'adjustment' | 'delivery' | 'customer_return' | 'return_disposition' | 'supplier_return';

export interface Party {
  code: string;
  name: string;
}

export interface VoucherEntry {
  summary: string;
  account: Account;
  debitFen: number;
  creditFen: number;
  customer: Party | null;
  supplier: Party | null;
}

export interface Voucher {
  date: string;
  word: string;
  /** Running number within the voucher's month (凭证号 restarts each period). */
  number: number;
  docNo: string;
  entries: VoucherEntry[];
}

export type VoucherLocale = 'zh-CN' | 'en';

const summaries = {
  'zh-CN': {
    invoice: '销售开票',
    payment: '收到货款',
    creditNote: '销售退货红冲',
    refund: '退货退款',
    cogs: '结转销售成本',
    returnCost: '退货入库冲减成本',
    receipt: '采购入库',
    adjustment: '库存调整',
    count: '盘点差异',
    disposition: '退货处置报损',
    supplierReturn: '退货给供应商',
    reversal: '冲销',
  },
  en: {
    invoice: 'Sales invoice',
    payment: 'Payment received',
    creditNote: 'Credit note for return',
    refund: 'Refund for return',
    cogs: 'Cost of goods sold',
    returnCost: 'Returned goods back to stock',
    receipt: 'Goods received',
    adjustment: 'Stock adjustment',
    count: 'Count variance',
    disposition: 'Returned goods written off',
    supplierReturn: 'Goods returned to supplier',
    reversal: 'Reversal',
  },
} as const;

/**
 * The entries of one document's voucher: two or more lines that balance. Null when the
 * document moves no value (a restock between warehouses, an empty document).
 */
export function voucherEntries(source: VoucherSource, mapping: AccountMapping, locale: VoucherLocale): VoucherEntry[] | null {
  const a = mapping.accounts;
  const t = summaries[locale];
  const summary = (what: string) => `${what} ${source.docNo}`;
  const line = (what: string, account: Account, debitFen: number, creditFen: number, party: { customer?: Party | null; supplier?: Party | null } = {}): VoucherEntry => ({
    summary: summary(what),
    account,
    debitFen,
    creditFen,
    customer: party.customer ?? null,
    supplier: party.supplier ?? null,
  });
  const moneyAccount = (method: 'cash' | 'transfer' | null) => (method === 'cash' ? a.cash : a.bank);
  switch (source.kind) {
    case 'invoice': {
      if (source.grossFen === 0) return null;
      const revenue = mapping.vatApplicable ? source.netFen : source.grossFen;
      const entries = [line(t.invoice, a.receivables, source.grossFen, 0, { customer: source.customer }), line(t.invoice, a.salesRevenue, 0, revenue)];
      if (mapping.vatApplicable && source.taxFen !== 0) entries.push(line(t.invoice, a.outputVat, 0, source.taxFen));
      return entries;
    }
    case 'payment':
      if (source.amountFen === 0) return null;
      return [line(t.payment, moneyAccount(source.method), source.amountFen, 0), line(t.payment, a.receivables, 0, source.amountFen, { customer: source.customer })];
    case 'creditNote': {
      if (source.grossFen === 0) return null;
      const what = source.settlement === 'refund' ? t.refund : t.creditNote;
      const revenue = mapping.vatApplicable ? source.netFen : source.grossFen;
      const entries = [line(what, a.salesRevenue, revenue, 0)];
      if (mapping.vatApplicable && source.taxFen !== 0) entries.push(line(what, a.outputVat, source.taxFen, 0));
      entries.push(
        source.settlement === 'refund'
          ? line(what, moneyAccount(source.refundMethod), 0, source.grossFen)
          : line(what, a.receivables, 0, source.grossFen, { customer: source.customer }),
      );
      return entries;
    }
    case 'stock':
      return stockEntries(source, mapping, t, line);
  }
}

type Line = (what: string, account: Account, debitFen: number, creditFen: number, party?: { customer?: Party | null; supplier?: Party | null }) => VoucherEntry;

/**
 * A stock document: the value that entered (+) or left (−) stock against the account its type
 * names. A reversal keeps its original's sides with negative amounts (红字冲销), as the books
 * expect a reversal to read; otherwise a negative amount swaps the sides (a count that found
 * stock is a gain, one that lost stock a loss).
 */
function stockEntries(source: Extract<VoucherSource, { kind: 'stock' }>, mapping: AccountMapping, t: (typeof summaries)[VoucherLocale], line: Line): VoucherEntry[] | null {
  const a = mapping.accounts;
  if (source.valueFen === 0) return null;
  // What it is, the account on the other side of inventory, and who that side names.
  const rule: Record<StockDocType, [string, Account, { customer?: Party | null; supplier?: Party | null }]> = {
    receipt: [t.receipt, a.payables, { supplier: source.supplier }],
    adjustment: [source.fromCount ? t.count : t.adjustment, a.stockGainLoss, {}],
    delivery: [t.cogs, a.cogs, { customer: source.customer }],
    customer_return: [t.returnCost, a.cogs, { customer: source.customer }],
    return_disposition: [t.disposition, a.stockGainLoss, {}],
    supplier_return: [t.supplierReturn, a.payables, { supplier: source.supplier }],
  };
  const [what0, other, otherParty] = rule[source.docType];
  const what = source.reversal ? `${t.reversal}${what0}` : what0;
  // Value into stock: Dr inventory, Cr the other account; out of stock: the other way round.
  const into = source.valueFen > 0;
  const amount = Math.abs(source.valueFen);
  if (source.reversal) {
    // The original's sides, with the reversal's amount negative (red ink).
    const originalInto = !into;
    const v = -amount;
    return originalInto
      ? [line(what, a.inventory, v, 0), line(what, other, 0, v, otherParty)]
      : [line(what, other, v, 0, otherParty), line(what, a.inventory, 0, v)];
  }
  return into ? [line(what, a.inventory, amount, 0), line(what, other, 0, amount, otherParty)] : [line(what, other, amount, 0, otherParty), line(what, a.inventory, 0, amount)];
}

/** Whether a voucher balances: Σ debit = Σ credit. */
export function isBalanced(entries: readonly VoucherEntry[]): boolean {
  let debit = 0;
  let credit = 0;
  for (const e of entries) {
    debit += e.debitFen;
    credit += e.creditFen;
  }
  return debit === credit;
}

/**
 * Numbers vouchers in date order, restarting at 1 in each month (each accounting period has
 * its own 凭证号 sequence in both systems). Sources must come sorted by date, then document.
 */
export function buildVouchers(sources: Iterable<VoucherSource>, mapping: AccountMapping, locale: VoucherLocale): Voucher[] {
  const vouchers: Voucher[] = [];
  let month = '';
  let number = 0;
  for (const source of sources) {
    const entries = voucherEntries(source, mapping, locale);
    if (!entries) continue;
    if (!isBalanced(entries)) throw new Error(`voucher for ${source.docNo} does not balance`);
    const m = source.date.slice(0, 7);
    if (m !== month) {
      month = m;
      number = 0;
    }
    number += 1;
    vouchers.push({ date: source.date, word: mapping.voucherWord, number, docNo: source.docNo, entries });
  }
  return vouchers;
}
