/**
 * What every report and document print hands to a writer: one table, described once, written
 * as .xlsx, .csv or PDF by writeExport. Rows are an iterable (sync or async) so a report can
 * stream them from SQLite without holding them all.
 */

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';
export const exportFormats: readonly ExportFormat[] = ['xlsx', 'csv', 'pdf'];

export type ExportLocale = 'zh-CN' | 'en';

/**
 * - text: a string as is.
 * - int / qty: integers (qty is a quantity in base units).
 * - money: integer fen, shown as yuan with two decimals.
 * - percent: a ratio (0.125 is 12.5 %).
 * - date: a business date, 'YYYY-MM-DD'.
 * - datetime: an instant in epoch ms, shown in the table's time zone.
 */
export type ColumnType = 'text' | 'int' | 'qty' | 'money' | 'percent' | 'date' | 'datetime';

export type CellValue = string | number | null | undefined;
export type ExportRow = Readonly<Record<string, CellValue>>;

export interface ExportColumn {
  key: string;
  header: string;
  type: ColumnType;
  /** Width in characters (about one Latin letter; a Chinese character counts two). */
  width?: number;
  /** Numbers are right-aligned and text left-aligned unless this says otherwise. */
  align?: 'left' | 'center' | 'right';
  /** Sum this column into the totals row (int, qty and money columns). */
  total?: boolean;
}

export interface ExportTable {
  title: string;
  /** Lines under the title: branch, warehouse, filters, printed at… */
  subtitle?: readonly string[];
  columns: readonly ExportColumn[];
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>;
  /**
   * The totals row, written when any column has `total: true` or when values are given here:
   * `values` sets a column's total outright (a margin percentage is not a sum of percentages).
   */
  totals?: { label?: string; values?: Readonly<Record<string, CellValue>> };
  locale: ExportLocale;
  /** IANA zone in which datetime columns are shown; the branch's zone. */
  timeZone: string;
  /** PDF only: signature lines after the table (盘点人, 复核人, 主管 on a count sheet). */
  signatures?: readonly string[];
  /** Sheet name for .xlsx (the title by default; Excel allows 31 characters). */
  sheetName?: string;
}

export interface WriteOptions {
  /** Aborting stops the writer and removes the partial file; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Rows written so far; called every few hundred rows and once at the end. */
  onProgress?: (rowsWritten: number) => void;
  /** PDF only: the CJK fonts (defaults: Noto Sans CJK from fonts-noto-cjk). */
  fonts?: PdfFonts;
}

export interface PdfFonts {
  /** A .ttc/.ttf/.otf file and, for a collection, the face's PostScript name. */
  regular: { path: string; face?: string };
  /** Falls back to the regular face when left out or missing. */
  bold?: { path: string; face?: string };
}

export interface WriteResult {
  rows: number;
  bytes: number;
}

export const defaultPdfFonts: PdfFonts = {
  regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
};

const labels = {
  'zh-CN': {
    total: '合计',
    page: (page: number, pages: number) => `第 ${page} 页 共 ${pages} 页`,
    signatureDate: '日期',
    reportInfo: '报表信息',
  },
  en: {
    total: 'Total',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    signatureDate: 'Date',
    reportInfo: 'Report',
  },
} as const;

export function exportLabels(locale: ExportLocale) {
  return labels[locale];
}

export function isNumericColumn(type: ColumnType): boolean {
  return type === 'int' || type === 'qty' || type === 'money' || type === 'percent';
}

export function columnAlign(column: ExportColumn): 'left' | 'center' | 'right' {
  return column.align ?? (isNumericColumn(column.type) ? 'right' : 'left');
}

/** Width in characters when the column gives none: wide enough for its header and typical values. */
export function columnWidth(column: ExportColumn): number {
  if (column.width !== undefined) return column.width;
  const header = displayWidth(column.header) + 2;
  const typical: Record<ColumnType, number> = { text: 16, int: 8, qty: 10, money: 14, percent: 9, date: 11, datetime: 17 };
  return Math.max(header, typical[column.type]);
}

/** Characters as a spreadsheet measures them: a CJK (full-width) character takes two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** A sum per totalled column, kept in integers (fen, base units) so a million rows add exactly. */
export class TotalsAccumulator {
  private readonly sums = new Map<string, number>();

  constructor(private readonly table: ExportTable) {
    for (const column of table.columns) if (column.total) this.sums.set(column.key, 0);
  }

  add(row: ExportRow): void {
    for (const [key, sum] of this.sums) {
      const value = row[key];
      if (typeof value === 'number' && Number.isFinite(value)) this.sums.set(key, sum + value);
    }
  }

  /** The totals row, or null when the table has none. */
  row(): ExportRow | null {
    const given = this.table.totals?.values ?? {};
    if (this.sums.size === 0 && Object.keys(given).length === 0) return null;
    const out: Record<string, CellValue> = Object.fromEntries(this.sums);
    Object.assign(out, given);
    return out;
  }

  label(): string {
    return this.table.totals?.label ?? exportLabels(this.table.locale).total;
  }
}

/** Where 合计/Total goes on the totals row: the first column that has no total of its own. */
export function totalsLabelColumn(columns: readonly ExportColumn[], totalsRow: ExportRow): string | undefined {
  return columns.find((c) => totalsRow[c.key] === undefined || totalsRow[c.key] === null)?.key;
}

const turn = () => new Promise<void>((resolveTurn) => setImmediate(resolveTurn));

/**
 * Hands each row to `visit` as the source gives it, awaiting `visit` only when it answers a
 * promise (a writer waiting for its output). A sync source's rows are never gathered: a row
 * made and written at once dies young, where a batch held across collections taught V8 to
 * make every row in the old generation (a million-row export's worker heap swung by 60 MB).
 * The signal is checked before each row, and every `every` rows the event loop turns, so a
 * cancel message is heard.
 */
export async function eachRow(table: ExportTable, signal: AbortSignal | undefined, visit: (row: ExportRow) => void | Promise<void>, every = 500): Promise<void> {
  signal?.throwIfAborted();
  const source = table.rows;
  if (Symbol.iterator in source) {
    let n = 0;
    for (const row of source) {
      signal?.throwIfAborted();
      const wait = visit(row);
      if (wait) await wait;
      if (++n % every === 0) await turn();
    }
  } else {
    for await (const row of source) {
      signal?.throwIfAborted();
      const wait = visit(row);
      if (wait) await wait;
    }
  }
  signal?.throwIfAborted();
}

/** Calls onProgress every `every` rows; `done` reports the final count. */
export function progressReporter(onProgress: ((rows: number) => void) | undefined, every = 500) {
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    step() {
      rows += 1;
      if (onProgress && rows % every === 0) onProgress(rows);
    },
    done() {
      onProgress?.(rows);
    },
  };
}

// ---- Values, one place for all three writers ----

/** Integer fen as plain yuan: 123456 → '1234.56', -5 → '-0.05'. Exact, with no float step. */
export function fenToPlainYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative && abs !== 0 ? '-' : ''}${yuan}.${cents}`;
}

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Integer fen as grouped yuan for print: 123456 → '1,234.56'. */
export function fenToGroupedYuan(fen: number): string {
  const plain = fenToPlainYuan(fen);
  const [whole = '0', cents = '00'] = plain.replace('-', '').split('.');
  return `${plain.startsWith('-') ? '-' : ''}${grouping.format(Number(whole))}.${cents}`;
}

const zonedFormatters = new Map<string, Intl.DateTimeFormat>();

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock date and time of an instant in an IANA zone. */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  let f = zonedFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    zonedFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(epochMs)).map((part) => [part.type, Number(part.value)]));
  return { year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as 'YYYY-MM-DD HH:mm' in a zone: '2026-11-20 10:00'. */
export function zonedDateTime(epochMs: number, timeZone: string): string {
  const c = wallClock(epochMs, timeZone);
  return `${c.year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}`;
}

/**
 * A value as text for print (PDF): grouped numbers, yuan with two decimals, dates as
 * YYYY-MM-DD. Empty for null and undefined.
 */
export function displayText(column: ExportColumn, value: CellValue, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  switch (column.type) {
    case 'money':
      return fenToGroupedYuan(value);
    case 'int':
    case 'qty':
      return grouping.format(value);
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'datetime':
      return zonedDateTime(value, timeZone);
    default:
      return String(value);
  }
}
