import type { ReportRequest } from '../../contract/reportFilters';
import type { ReportCell, ReportColumn, ReportResult } from '../../contract/results';
import { type ExportColumn, type ExportRow, type ExportTable } from '../../exports/exportTable';
import { reportDefinitions, type ReportDefinition, type ReportEnv, type ReportRow } from './reportDefinitions';

/** What a report needs besides the connection: the branch, its business date today and zone, the language. */
export interface ReportContextInfo {
  branchLine: string;
  today: string;
  timeZone: string;
  locale: 'zh-CN' | 'en';
  printedAt: string;
}

function definitionOf(request: ReportRequest): { def: ReportDefinition; filters: never } {
  return { def: reportDefinitions[request.reportId] as unknown as ReportDefinition, filters: request.filters as never };
}

export function reportColumns(request: ReportRequest): ReportColumn[] {
  const { def, filters } = definitionOf(request);
  return def.columns(filters);
}

export function reportTitle(request: ReportRequest, locale: 'zh-CN' | 'en'): string {
  const { def } = definitionOf(request);
  return locale === 'en' ? def.title.en : def.title.zh;
}

/** The sums of the totalled columns as rows pass, and the totals the definition derives from them. */
function totalsKeeper(def: ReportDefinition, columns: readonly ReportColumn[]) {
  const sums: Record<string, number> = {};
  const summed = columns.filter((c) => c.total).map((c) => c.key);
  for (const key of summed) sums[key] = 0;
  return {
    add(row: ReportRow) {
      for (const key of summed) {
        const v = row[key];
        if (typeof v === 'number') sums[key] = (sums[key] ?? 0) + v;
      }
    },
    row(): Record<string, ReportCell> {
      return { ...sums, ...(def.derivedTotals?.(sums) ?? {}) } as Record<string, ReportCell>;
    },
  };
}

/** Which rows of a report the screen asks for: `limit` from `offset`, in the report's order or sorted by one column. */
export interface ReportPageRequest {
  offset: number;
  limit: number;
  sort?: { key: string; desc: boolean } | undefined;
}

function compareCells(key: string, desc: boolean) {
  const dir = desc ? -1 : 1;
  return (a: ReportRow, b: ReportRow): number => {
    const x = a[key];
    const y = b[key];
    if (x === y) return 0;
    // Empty cells last either way.
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1) * dir;
  };
}

/**
 * One page of the report for the screen, with the count and totals of every row it matches.
 * A definition with `page` answers that itself from SQL (counts and sums, then only the page's
 * rows); the others are summaries of at most a few tens of thousands of rows, read whole here.
 * A sort by a column reads every row, sorts and cuts the page out.
 */
export function runReport(env: ReportEnv, request: ReportRequest, page: ReportPageRequest): ReportResult {
  const { def, filters } = definitionOf(request);
  const columns = def.columns(filters);
  const sortKey = page.sort && columns.some((c) => c.key === page.sort!.key) ? page.sort : undefined;
  const result = (rows: ReportRow[], rowCount: number, totals: Record<string, ReportCell>): ReportResult => ({
    reportId: request.reportId,
    columns,
    rows: rows as Record<string, ReportCell>[],
    totals,
    rowCount,
    offset: page.offset,
    truncated: page.offset + rows.length < rowCount,
  });
  if (def.page && !sortKey) {
    const p = def.page(env, filters, page.offset, page.limit);
    const sums: Record<string, number> = {};
    for (const c of columns) if (c.total) sums[c.key] = p.sums[c.key] ?? 0;
    return result(p.rows, p.rowCount, { ...sums, ...(def.derivedTotals?.(sums) ?? {}) } as Record<string, ReportCell>);
  }
  const totals = totalsKeeper(def, columns);
  const rows: ReportRow[] = [];
  let rowCount = 0;
  for (const row of def.rows(env, filters)) {
    rowCount += 1;
    totals.add(row);
    if (sortKey) rows.push(row);
    else if (rowCount > page.offset && rows.length < page.limit) rows.push(row);
  }
  const shown = sortKey ? rows.sort(compareCells(sortKey.key, sortKey.desc)).slice(page.offset, page.offset + page.limit) : rows;
  return result(shown, rowCount, totals.row());
}

/**
 * The report as an export table: its rows streamed straight from the query to the writer, as
 * a sync iterable (the writers take it row by row and let the worker's event loop turn every few
 * hundred rows, so a cancel message is heard; exportTable.eachRow).
 */
export function reportTable(env: ReportEnv, info: ReportContextInfo, request: ReportRequest, subtitle: readonly string[]): ExportTable {
  const { def, filters } = definitionOf(request);
  const columns = def.columns(filters);
  const totals = totalsKeeper(def, columns);
  const derived: Record<string, ReportCell> = {};
  function* rows(): Generator<ExportRow> {
    for (const row of def.rows(env, filters)) {
      totals.add(row);
      yield row;
    }
    // Totals that are not sums are known only now; the writers read them after the last row.
    const all = totals.row();
    for (const c of columns) if (!c.total && all[c.key] !== undefined) derived[c.key] = all[c.key] ?? null;
  }
  const exportColumns: ExportColumn[] = columns.map((c) => ({
    key: c.key,
    header: info.locale === 'en' ? c.en : c.zh,
    type: c.type,
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.total ? { total: true } : {}),
  }));
  return {
    title: info.locale === 'en' ? def.title.en : def.title.zh,
    subtitle: [info.branchLine, ...subtitle, info.printedAt],
    columns: exportColumns,
    rows: rows(),
    totals: { values: derived },
    locale: info.locale,
    timeZone: info.timeZone,
  };
}
