/** Human document numbers: branch, type, year, six-digit running number (BJ01-GR-2026-000123). */
export const documentTypeCodes = {
  receipt: 'GR',
  adjustment: 'ADJ',
  reversal: 'REV',
  delivery: 'DN',
  /** The goods leaving on a supplier return (退供出库). */
  supplier_return: 'RTV',
} as const;

export type StockDocumentType = keyof typeof documentTypeCodes;

export function formatDocumentNumber(branchCode: string, typeCode: string, year: number, n: number): string {
  return `${branchCode}-${typeCode}-${year}-${String(n).padStart(6, '0')}`;
}

/** Stock counts are numbered like documents (BJ01-SC-2026-000007), though they post as adjustments. */
export const countTypeCode = 'SC';

/** Sales documents: the order (SO), its invoices (INV) and the customer's payments (RC, 收款). */
export const salesTypeCodes = { order: 'SO', invoice: 'INV', payment: 'RC' } as const;

/** A supplier return (退供单) and its claim: BJ01-SR-2026-000001. */
export const supplierReturnTypeCode = 'SR';
