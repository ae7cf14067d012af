/** Human document numbers: branch, type, year, six-digit running number (BJ01-GR-2026-000123). */
export const documentTypeCodes = {
  receipt: 'GR',
  adjustment: 'ADJ',
  reversal: 'REV',
  delivery: 'DN',
  /** Returned goods received into the returns area (退货入库). */
  customer_return: 'RTN',
  /** Inspection's moves out of the returns area: restock and scrap (退货处理). */
  return_disposition: 'RTD',
  /** The goods leaving on a supplier return (退供出库). */
  supplier_return: 'RTV',
  /** Goods leaving on a stock transfer (调拨出库). */
  transfer_out: 'TO',
  /** Goods arriving on a stock transfer (调拨入库). */
  transfer_in: 'TI',
} as const;

export type StockDocumentType = keyof typeof documentTypeCodes;

export function formatDocumentNumber(branchCode: string, typeCode: string, year: number, n: number): string {
  return `${branchCode}-${typeCode}-${year}-${String(n).padStart(6, '0')}`;
}

/** Stock counts are numbered like documents (BJ01-SC-2026-000007), though they post as adjustments. */
export const countTypeCode = 'SC';

/** Sales documents: the order (SO), its invoices (INV) and the customer's payments (RC, 收款). */
export const salesTypeCodes = { order: 'SO', invoice: 'INV', payment: 'RC' } as const;

/** Customer returns (退货单, CR) and their credit notes (红字/贷项通知单, CN). */
export const returnTypeCodes = { customerReturn: 'CR', creditNote: 'CN' } as const;
/** Purchase orders to suppliers (BJ01-PO-2026-000012); their receipts are numbered as receipts (GR). */
export const purchaseTypeCode = 'PO';
/** A supplier return (退供单) and its claim: BJ01-SR-2026-000001. */
export const supplierReturnTypeCode = 'SR';
/** A stock transfer (调拨单): BJ01-TR-2026-000001; its goods leave and arrive as TO and TI documents. */
export const transferTypeCode = 'TR';
