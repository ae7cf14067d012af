import {
  TotalsAccumulator,
  fenToPlainYuan,
  eachRow,
  progressReporter,
  totalsLabelColumn,
  zonedDateTime,
  type CellValue,
  type ExportColumn,
  type ExportRow,
  type ExportTable,
  type WriteOptions,
  type WriteResult,
} from './exportTable';
import { writeOutputFile } from './outputFile';
import { Utf8Chunks } from './utf8Chunks';

/**
 * CSV for Excel, WPS and import tools: UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as GBK mojibake), RFC 4180 quoting, CRLF line ends, numbers unformatted (money as
 * 1234.56, no grouping), dates as YYYY-MM-DD and instants as YYYY-MM-DD HH:mm in the table's
 * zone. Only the table: header, rows, totals; the title belongs to .xlsx and PDF.
 *
 * Formula injection (OWASP "CSV injection"): a text cell that begins with = + - @, a tab or a
 * carriage return would run as a formula when the file is opened in a spreadsheet. Such a cell
 * gets a leading apostrophe, which spreadsheets show as text; numbers are never changed, so a
 * negative quantity stays a number.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(column: ExportColumn, value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return csvQuote(neutraliseFormula(value));
  switch (column.type) {
    case 'money':
      return fenToPlainYuan(value);
    case 'datetime':
      return zonedDateTime(value, timeZone);
    default:
      return String(value);
  }
}

function csvLine(table: ExportTable, row: ExportRow): string {
  return table.columns.map((column) => csvCell(column, row[column.key], table.timeZone)).join(',') + CRLF;
}

export function writeCsv(table: ExportTable, path: string, options: WriteOptions = {}): Promise<WriteResult> {
  return writeOutputFile(path, options.signal, async (out) => {
    const progress = progressReporter(options.onProgress);
    const totals = new TotalsAccumulator(table);
    // Lines go into two reused buffers in turn, each written to the file while the other fills.
    const text = new Utf8Chunks((bytes) => new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve()))));
    await text.write(BOM + table.columns.map((c) => csvQuote(neutraliseFormula(c.header))).join(',') + CRLF);
    await eachRow(table, options.signal, (row) => {
      totals.add(row);
      progress.step();
      return text.write(csvLine(table, row));
    });
    const totalsRow = totals.row();
    if (totalsRow) {
      const labelKey = totalsLabelColumn(table.columns, totalsRow);
      await text.write(csvLine(table, labelKey ? { ...totalsRow, [labelKey]: totals.label() } : totalsRow));
    }
    await text.end();
    out.end();
    progress.done();
    return progress.rows;
  });
}
