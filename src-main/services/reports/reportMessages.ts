import type { ReportRequest } from '../../contract/reportFilters';
import type { ExportedFile, ReportResult } from '../../contract/results';
import type { ErrorCode } from '../../core/errors';
import type { ExportFormat, PdfFonts } from '../../exports/exportTable';
import type { VoucherExportSpec } from '../voucherTable';
import type { ReportContextInfo, ReportPageRequest } from './runReport';

/** What the main process and the report worker say to each other (structured-cloned). */

export interface ReportWorkerData {
  dbPath: string;
  exportsDir: string;
  nativeBinding?: string;
  migrationsFolder?: string;
  fonts?: PdfFonts;
}

/** What an export writes: a report with its filter lines, or the voucher export (凭证导出). */
export type ExportJob = { kind: 'report'; request: ReportRequest; subtitle: string[]; info: ReportContextInfo } | { kind: 'vouchers'; spec: VoucherExportSpec };
export type ExportJobKind = ExportJob['kind'];

export type ReportJobMessage =
  | { type: 'run'; id: string; request: ReportRequest; page: ReportPageRequest; info: ReportContextInfo }
  | { type: 'export'; id: string; job: ExportJob; format: ExportFormat; fileName: string }
  | { type: 'cancel'; id: string };

export type ReportWorkerReply =
  | { id: string; type: 'result'; value: ReportResult }
  | { id: string; type: 'progress'; rows: number }
  | { id: string; type: 'exported'; file: ExportedFile }
  | { id: string; type: 'cancelled' }
  | { id: string; type: 'failed'; code: ErrorCode; params?: Record<string, string | number> };
