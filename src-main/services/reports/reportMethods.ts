import type { MethodResult, ParsedInput, ReportExportJob } from '../../contract';
import type { ReportRequest } from '../../contract/reportFilters';
import { LedgerError } from '../../core/errors';
import { zonedDateTime } from '../../exports/exportTable';
import { requireBranch, todayAt } from '../branch';
import { readSettings } from '../settings';
import { get } from '../sql';
import type { ServiceContext } from '../types';
import type { ExportJobKind } from './reportMessages';
import type { ReportRunner } from './reportRunner';
import { catchUpMonthSummaries } from './monthSummaries';
import { reportTitle, type ReportContextInfo } from './runReport';

/** The reports API: each method hands its job to the report worker (reportRunner.ts). */

export function runnerOf(ctx: ServiceContext): ReportRunner {
  if (!ctx.reports) throw new LedgerError('EXPORT_UNAVAILABLE');
  return ctx.reports;
}

function contextInfo(ctx: ServiceContext): ReportContextInfo {
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const sep = locale === 'en' ? ': ' : '：';
  return {
    branchLine: `${locale === 'en' ? 'Branch' : '分店'}${sep}${branch.code} ${branch.name}`,
    today: todayAt(ctx, branch),
    timeZone: branch.time_zone,
    locale,
    printedAt: `${locale === 'en' ? 'Printed at' : '打印时间'}${sep}${zonedDateTime(ctx.now, branch.time_zone)}`,
  };
}

const filterNames = {
  'zh-CN': { asOf: '截至', period: '期间', warehouseId: '仓库', categoryId: '类别', productId: '商品', customerId: '客户', salesperson: '业务员', region: '区域', groupBy: '分组', dimension: '维度' },
  en: { asOf: 'As of', period: 'Period', warehouseId: 'Warehouse', categoryId: 'Category', productId: 'Product', customerId: 'Customer', salesperson: 'Salesperson', region: 'Region', groupBy: 'Grouped by', dimension: 'By' },
} as const;

/** The filters in words for the export's title block: names rather than ids. */
function filterLines(ctx: ServiceContext, request: ReportRequest, locale: 'zh-CN' | 'en'): string[] {
  const t = filterNames[locale];
  const sep = locale === 'en' ? ': ' : '：';
  const f = request.filters as Record<string, string | undefined>;
  const parts: string[] = [];
  if (f.asOf) parts.push(`${t.asOf}${sep}${f.asOf}`);
  if (f.dateFrom && f.dateTo) parts.push(`${t.period}${sep}${f.dateFrom} – ${f.dateTo}`);
  const lookups: [keyof typeof t, string][] = [
    ['warehouseId', 'SELECT name AS n FROM warehouses WHERE id = ?'],
    ['categoryId', `SELECT ${locale === 'en' ? 'name_en' : 'name_zh'} AS n FROM categories WHERE id = ?`],
    ['productId', `SELECT sku || ' ' || ${locale === 'en' ? 'name_en' : 'name_zh'} AS n FROM products WHERE id = ?`],
    ['customerId', "SELECT code || ' ' || name AS n FROM customers WHERE id = ?"],
  ];
  for (const [key, sql] of lookups) {
    const id = f[key];
    if (id) parts.push(`${t[key]}${sep}${get<{ n: string }>(ctx.db, sql, id)?.n ?? id}`);
  }
  for (const key of ['salesperson', 'region', 'groupBy', 'dimension'] as const) if (f[key]) parts.push(`${t[key]}${sep}${f[key]}`);
  return parts.length > 0 ? [parts.join(locale === 'en' ? '; ' : '；')] : [];
}

export function runReportMethod(ctx: ServiceContext, input: ParsedInput<'reports.run'>): Promise<MethodResult<'reports.run'>> {
  const runner = runnerOf(ctx);
  catchUpMonthSummaries(ctx.db);
  return runner.run(input.request, { offset: input.offset, limit: input.limit, sort: input.sort }, contextInfo(ctx));
}

export function startReportExport(ctx: ServiceContext, input: ParsedInput<'reports.exportStart'>): MethodResult<'reports.exportStart'> {
  const runner = runnerOf(ctx);
  catchUpMonthSummaries(ctx.db);
  const info = contextInfo(ctx);
  const title = reportTitle(input.request, info.locale);
  const branch = requireBranch(ctx);
  const fileName = `${title}-${branch.code}-${info.today}.${input.format}`;
  return runner.startExport(ctx.ids(), { kind: 'report', request: input.request, subtitle: filterLines(ctx, input.request, info.locale), info }, input.format, fileName);
}

/** An export of this kind (a report's, the vouchers'): how far it has got and, when done, its file. */
export function exportJobProgress(ctx: ServiceContext, jobId: string, kind: ExportJobKind): ReportExportJob {
  const job = runnerOf(ctx).progress(jobId, kind);
  if (!job) throw new LedgerError('REPORT_JOB_UNKNOWN');
  return job;
}

/** Stops an export of this kind; the worker removes its partial file. */
export function cancelExportJob(ctx: ServiceContext, jobId: string, kind: ExportJobKind): ReportExportJob {
  const job = runnerOf(ctx).cancel(jobId, kind);
  if (!job) throw new LedgerError('REPORT_JOB_UNKNOWN');
  return job;
}

export function reportExportProgress(ctx: ServiceContext, input: ParsedInput<'reports.exportProgress'>): MethodResult<'reports.exportProgress'> {
  return exportJobProgress(ctx, input.jobId, 'report');
}

export function cancelReportExport(ctx: ServiceContext, input: ParsedInput<'reports.exportCancel'>): MethodResult<'reports.exportCancel'> {
  return cancelExportJob(ctx, input.jobId, 'report');
}
