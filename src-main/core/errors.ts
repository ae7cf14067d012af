/**
 * Stable error codes. The renderer translates them (`errors.<CODE>` in its locale files);
 * a host never shows a stack trace to a user.
 */
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  'NOT_FOUND',
  'BRANCH_NOT_SET_UP',
  'BRANCH_ALREADY_SET_UP',
  'STOCK_INSUFFICIENT',
  'UNIT_UNKNOWN',
  'QUANTITY_INVALID',
  'BARCODE_UNKNOWN',
  'PRODUCT_INACTIVE',
  'LOT_REQUIRED',
  'LOT_EXPIRY_MISMATCH',
  'EXPIRY_REQUIRED',
  'LOT_NOT_FOUND',
  'UNIT_COST_REQUIRED',
  'WAREHOUSE_INACTIVE',
  'DOCUMENT_ALREADY_REVERSED',
  'DOCUMENT_NOT_REVERSIBLE',
  'DATE_IN_FUTURE',
  'PERIOD_LOCKED',
  'PERIOD_LOCK_BACKWARD',
  'COUNT_STATE',
  'COUNT_SCOPE_EMPTY',
  'COUNT_OVERLAPS',
  'COUNT_NEGATIVE',
  'COUNT_NOTHING_TO_UNDO',
  'COUNT_NOTHING_COUNTED',
  'COUNT_NOT_READY',
  'COUNT_LINE_NOT_FOUND',
  'COUNT_BLIND',
  'COUNT_POST_ELSEWHERE',
  'CUSTOMER_INACTIVE',
  'PRICE_MISSING',
  'SALES_STATE',
  'SALES_NOTHING_TO_ALLOCATE',
  'SALES_NOTHING_TO_DELIVER',
  'SALES_DELIVER_TOO_MUCH',
  'SALES_NOTHING_TO_INVOICE',
  'SALES_ELSEWHERE',
  'SALES_NO_DOCUMENT',
  'PAYMENT_TOO_LARGE',
  'INVOICE_NOT_OPEN',
  'RETURN_STATE',
  'RETURN_NEEDS_APPROVAL',
  'RETURN_TOO_MUCH',
  'RETURN_LOT_NOT_DELIVERED',
  'RETURN_LINE_NOT_DELIVERED',
  'RETURN_NO_DELIVERY_LINES',
  'RETURN_NO_RETURNS_WAREHOUSE',
  'RETURN_DISPOSITION_SUM',
  'RETURN_RESTOCK_UNKNOWN_LOT',
  'RETURN_RESTOCK_EXPIRED',
  'RETURN_REFUND_METHOD',
  'RECALL_NOTHING',
  'SUPPLIER_INACTIVE',
  'PURCHASE_STATE',
  'PURCHASE_NOT_ON_ORDER',
  'PURCHASE_OVER_RECEIPT',
  'PURCHASE_SHORT_DATED',
  'SUPPLIER_RETURN_STATE',
  'SUPPLIER_RETURN_WAREHOUSE',
  'SUPPLIER_RETURN_LOT_NOT_FROM_SUPPLIER',
  'SUPPLIER_RETURN_CUSTOMER_LINE',
  'SUPPLIER_RETURN_CREDIT_INVALID',
  'REPLENISH_NOT_SUPPLIED',
  'TRANSFER_STATE',
  'TRANSFER_SAME_WAREHOUSE',
  'TRANSFER_WRONG_SIDE',
  'TRANSFER_DESTINATION_REQUIRED',
  'TRANSFER_DISCREPANCY',
  'TRANSFER_LINE_UNKNOWN',
  'TRANSFER_BRANCH_UNKNOWN',
  'TRANSFER_BRANCH_INACTIVE',
  'SCHEMA_TOO_NEW',
  'SYNC_UNAVAILABLE',
  'SYNC_NOT_CONFIGURED',
  'SYNC_SERVER_UNREACHABLE',
  'SYNC_NOT_A_SERVER',
  'SYNC_ENROLMENT_CODE_INVALID',
  'SYNC_BRANCH_MISMATCH',
  'SYNC_BRANCH_FOUNDED',
  'SYNC_UPDATE_REQUIRED',
  'SYNC_CLOCK_AHEAD',
  'SYNC_SERVER_ERROR',
  'EXPORT_UNAVAILABLE',
  'EXPORT_FONT_MISSING',
  'EXPORT_FILE_GONE',
  // --- backups and restore (issue 9) ---
  'LEDGER_DAMAGED',
  'LEDGER_RESTORING',
  'BACKUP_NOT_FOUND',
  'BACKUP_DAMAGED',
  'BACKUP_FAILED',
  'BACKUP_IN_PROGRESS',
  'BACKUP_BEHIND_HEAD_OFFICE',
  'LATE_POSTING_ACKNOWLEDGED',
  'ACCOUNT_MAPPING_CONFLICT',
  // Reports (issue 8).
  'REPORT_JOB_UNKNOWN',
  'REPORT_CANCELLED',
  // Sign-in and users (issue 9).
  'SESSION_REQUIRED',
  'SESSION_LOCKED',
  'SIGN_IN_FAILED',
  'SIGN_IN_LOCKED_OUT',
  'USERNAME_TAKEN',
  'LAST_ADMIN',
  'CREDENTIAL_SHAPE',
  'ADMIN_PASSWORD_REQUIRED',
  // Head office's users and recovery sign-in (issue 9, second part).
  'HEAD_OFFICE_USER',
  'RECOVERY_SIGN_IN_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field; `path` addresses it (`lines.2.qty`). */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface ApiErrorPayload {
  code: ErrorCode;
  /** Values the translated message interpolates (product name, quantities…). */
  params?: Record<string, string | number>;
  /** Field-level problems, for errors shown next to the field. */
  fields?: FieldIssue[];
}

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** A rule was broken; services throw it and hosts turn it into an error envelope. */
export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number> | undefined;
  readonly fields: FieldIssue[] | undefined;

  constructor(code: ErrorCode, params?: Record<string, string | number>, fields?: FieldIssue[]) {
    super(params ? `${code} ${JSON.stringify(params)}` : code);
    this.name = 'LedgerError';
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  toPayload(): ApiErrorPayload {
    const payload: ApiErrorPayload = { code: this.code };
    if (this.params) payload.params = this.params;
    if (this.fields) payload.fields = this.fields;
    return payload;
  }
}
