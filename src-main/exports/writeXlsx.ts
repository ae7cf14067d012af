import ExcelJS from 'exceljs';
import {
  TotalsAccumulator,
  columnAlign,
  columnWidth,
  exportLabels,
  progressReporter,
  rowsOf,
  totalsLabelColumn,
  wallClock,
  type CellValue,
  type ColumnType,
  type ExportColumn,
  type ExportTable,
  type WriteOptions,
  type WriteResult,
} from './exportTable';
import { writeOutputFile } from './outputFile';

/**
 * .xlsx through exceljs's streaming writer: each row is committed to the zip as it is written,
 * so a million rows never sit in memory.
 *
 * The first sheet is only the table, its header on row 1 (frozen, bold, with an autofilter),
 * so it re-imports and pivots without deleting title rows first; the title and subtitle lines
 * go on a second sheet and into the printed page header. Cells are real numbers and dates with
 * number formats; the totals row holds SUBTOTAL formulas with their values cached, so it is
 * right when opened without recalculation and follows the autofilter when recalculated.
 */

const numberFormats: Partial<Record<ColumnType, string>> = {
  int: '#,##0',
  qty: '#,##0',
  money: '#,##0.00',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** An instant as the wall-clock time in `timeZone`, as Excel stores times (no zone). */
function wallClockDate(epochMs: number, timeZone: string): Date {
  const c = wallClock(epochMs, timeZone);
  return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second));
}

function cellValue(column: ExportColumn, value: CellValue, timeZone: string): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // exceljs writes a Date as its UTC day, so a business date is that day at UTC midnight.
    if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return value;
  }
  if (column.type === 'money') return value / 100;
  if (column.type === 'datetime') return wallClockDate(value, timeZone);
  return value;
}

/** Excel's column letters: 1 → A, 28 → AB. */
function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetNameOf(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** Header and footer codes treat & as a command; a literal one is doubled. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

export function writeXlsx(table: ExportTable, path: string, options: WriteOptions = {}): Promise<WriteResult> {
  return writeOutputFile(path, options.signal, async (out) => {
    const progress = progressReporter(options.onProgress);
    const totals = new TotalsAccumulator(table);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Branch Ledger';
    workbook.title = table.title;
    const sheet = workbook.addWorksheet(sheetNameOf(table.sheetName ?? table.title), {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
      pageSetup: {
        paperSize: 9,
        orientation: table.columns.length > 6 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.columns = table.columns.map((column) => ({ key: column.key, width: columnWidth(column) + 2 }));
    const styles = table.columns.map((column) => {
      const numFmt = numberFormats[column.type];
      return {
        alignment: { horizontal: columnAlign(column), vertical: 'top' as const },
        ...(numFmt ? { numFmt } : {}),
      };
    });

    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell, col) => {
      cell.alignment = { horizontal: columnAlign(table.columns[col - 1] ?? table.columns[0]!), vertical: 'middle', wrapText: true };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();

    for await (const row of rowsOf(table, options.signal)) {
      const added = sheet.addRow(table.columns.map((column) => cellValue(column, row[column.key], table.timeZone)));
      table.columns.forEach((_, i) => {
        Object.assign(added.getCell(i + 1), { style: styles[i] });
      });
      added.commit();
      totals.add(row);
      progress.step();
    }

    const lastDataRow = progress.rows + 1;
    const lastColumn = columnLetter(table.columns.length);
    sheet.autoFilter = `A1:${lastColumn}${lastDataRow}`;
    const totalsRow = totals.row();
    if (totalsRow) {
      const labelKey = totalsLabelColumn(table.columns, totalsRow);
      const given = table.totals?.values ?? {};
      const added = sheet.addRow(
        table.columns.map((column, i) => {
          if (column.key === labelKey) return totals.label();
          const value = cellValue(column, totalsRow[column.key], table.timeZone);
          // A sum gets its formula (recalculates with the filter); a value the caller set stays a value.
          if (column.total && !(column.key in given) && progress.rows > 0 && typeof value === 'number') {
            const letter = columnLetter(i + 1);
            return { formula: `SUBTOTAL(109,${letter}2:${letter}${lastDataRow})`, result: value };
          }
          return value;
        }),
      );
      table.columns.forEach((_, i) => {
        Object.assign(added.getCell(i + 1), { style: { ...styles[i], font: { bold: true }, border: { top: { style: 'thin' } } } });
      });
      added.commit();
    }
    const labels = exportLabels(table.locale);
    sheet.headerFooter = {
      oddHeader: `&C&B${headerText(table.title)}`,
      oddFooter: table.locale === 'zh-CN' ? '&C第 &P 页 共 &N 页' : '&CPage &P of &N',
    };
    sheet.commit();

    const info = workbook.addWorksheet(sheetNameOf(labels.reportInfo));
    info.columns = [{ width: 80 }];
    const titleRow = info.addRow([table.title]);
    titleRow.font = { bold: true, size: 14 };
    titleRow.commit();
    for (const line of table.subtitle ?? []) info.addRow([line]).commit();
    info.commit();

    await workbook.commit();
    progress.done();
    return progress.rows;
  });
}
