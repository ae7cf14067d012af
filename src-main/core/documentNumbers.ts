/** Human document numbers: branch, type, year, six-digit running number (BJ01-GR-2026-000123). */
export const documentTypeCodes = {
  receipt: 'GR',
  adjustment: 'ADJ',
  reversal: 'REV',
  delivery: 'DN',
} as const;

export type StockDocumentType = keyof typeof documentTypeCodes;

export function formatDocumentNumber(branchCode: string, typeCode: string, year: number, n: number): string {
  return `${branchCode}-${typeCode}-${year}-${String(n).padStart(6, '0')}`;
}

/** Stock counts are numbered like documents (BJ01-SC-2026-000007), though they post as adjustments. */
export const countTypeCode = 'SC';

/** Sales documents: the order (SO), its invoices (INV) and the customer's payments (RC, 收款). */
export const salesTypeCodes = { order: 'SO', invoice: 'INV', payment: 'RC' } as const;

/** Purchase orders to suppliers (BJ01-PO-2026-000012); their receipts are numbered as receipts (GR). */
export const purchaseTypeCode = 'PO';
