import {
  TotalsAccumulator,
  columnAlign,
  columnWidth,
  eachRow,
  exportLabels,
  progressReporter,
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
import { ZipWriter, type ZipEntryText } from './zipWriter';

/**
 * .xlsx written as SpreadsheetML straight into a streaming zip (zipWriter.ts): each row becomes
 * its XML as it comes from the query and goes through the deflater to the file, waiting for
 * both when they are behind, so a million rows take seconds and little memory.
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
const formatIds = Object.fromEntries(Object.keys(numberFormats).map((type, i) => [type, 164 + i])) as Partial<Record<ColumnType, number>>;

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const needsEscape = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Text as XML character data: markup escaped, characters XML 1.0 forbids dropped. */
function xmlText(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text.replace(notXml, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
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

const excelEpoch = Date.UTC(1899, 11, 30);

/** Day numbers of the dates seen so far: a year's export repeats a few hundred dates a million times. */
const dayNumbers = new Map<string, number | null>();

/** A business date 'YYYY-MM-DD' as Excel's day number. */
function excelDate(value: string): number | null {
  let n = dayNumbers.get(value);
  if (n !== undefined) return n;
  n = /^\d{4}-\d{2}-\d{2}$/.test(value) ? (Date.parse(`${value}T00:00:00Z`) - excelEpoch) / 86_400_000 : null;
  if (dayNumbers.size >= 100_000) dayNumbers.clear();
  dayNumbers.set(value, n);
  return n;
}

/** An instant as the wall-clock time in `timeZone`, as Excel stores times (a day number, no zone). */
function excelDateTime(epochMs: number, timeZone: string): number {
  const c = wallClock(epochMs, timeZone);
  return (Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - excelEpoch) / 86_400_000;
}

/** Spaces an XML reader may drop unless told to keep them: at either end, doubled, tabs and line breaks. */
const spacesToKeep = /^\s|\s$|\s\s|[\t\n\r]/;

/** An inline string cell; xml:space="preserve" only where the text's spaces need it (it is most of a short cell's bytes). */
function textCellXml(attributes: string, text: string): string {
  const t = spacesToKeep.test(text) ? '<t xml:space="preserve">' : '<t>';
  return `<c${attributes} t="inlineStr"><is>${t}${xmlText(text)}</t></is></c>`;
}

/**
 * A cell's XML; `attributes` are its reference (` r="B7"`, left out in data rows, where cells
 * follow one another) and style. An empty cell keeps its place and style. Money is yuan
 * (fen ÷ 100); dates are Excel day numbers.
 */
function cellXml(attributes: string, column: ExportColumn, value: CellValue, timeZone: string): string {
  if (value === null || value === undefined || value === '') return `<c${attributes}/>`;
  let n: number | null;
  if (typeof value === 'string') {
    n = column.type === 'date' ? excelDate(value) : null;
    if (n === null) return textCellXml(attributes, value);
  } else if (column.type === 'money') n = value / 100;
  else if (column.type === 'datetime') n = excelDateTime(value, timeZone);
  else n = value;
  return Number.isFinite(n) ? `<c${attributes}><v>${n}</v></c>` : `<c${attributes}/>`;
}

/**
 * One column's cells in the data rows, its style fixed. A value like the row above's reuses that
 * cell's XML: a ledger sorted by product names the same product, warehouse and entry row after
 * row, so most text is escaped once.
 */
function columnCells(column: ExportColumn, attributes: string, timeZone: string): (value: CellValue) => string {
  let lastValue: CellValue = undefined;
  let lastXml = `<c${attributes}/>`;
  return (value) => {
    if (value !== lastValue) {
      lastValue = value;
      lastXml = cellXml(attributes, column, value, timeZone);
    }
    return lastXml;
  };
}

const horizontal = { left: 'left', center: 'center', right: 'right' } as const;

/**
 * Cell styles: 0 the default; then per column its body style (format and alignment), its
 * header style (bold, wrapped, bottom border) and its totals style (bold, top border).
 */
function stylesXml(columns: readonly ExportColumn[]): string {
  const formats = Object.entries(numberFormats)
    .map(([type, code]) => `<numFmt numFmtId="${formatIds[type as ColumnType]}" formatCode="${xmlText(code)}"/>`)
    .join('');
  const xf = (column: ExportColumn, font: number, border: number, vertical: string, wrap: boolean) => {
    const fmt = formatIds[column.type] ?? 0;
    return `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="${border}" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${border ? ' applyBorder="1"' : ''} applyAlignment="1"><alignment horizontal="${horizontal[columnAlign(column)]}" vertical="${vertical}"${wrap ? ' wrapText="1"' : ''}/></xf>`;
  };
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  for (const c of columns) xfs.push(xf(c, 0, 0, 'top', false), xf(c, 1, 1, 'center', true), xf(c, 1, 2, 'top', false));
  xfs.push('<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>');
  return (
    `${xmlHead}<styleSheet xmlns="${ns}"><numFmts count="${Object.keys(numberFormats).length}">${formats}</numFmts>` +
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>' +
    '<border><left/><right/><top style="thin"><color auto="1"/></top><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}
const bodyStyle = (i: number) => 1 + i * 3;
const headStyle = (i: number) => 2 + i * 3;
const totalStyle = (i: number) => 3 + i * 3;
/** The info sheet's title: bold, 14 pt; after every column's three styles. */
const titleStyle = (columns: readonly ExportColumn[]) => 1 + columns.length * 3;

function workbookXml(sheetName: string, infoName: string, filterRef: string): string {
  const quoted = `'${xmlText(sheetName).replace(/'/g, "''")}'`;
  return (
    `${xmlHead}<workbook xmlns="${ns}" xmlns:r="${relNs}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    `<sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/><sheet name="${xmlText(infoName)}" sheetId="2" r:id="rId2"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${quoted}!${filterRef}</definedName></definedNames>` +
    '<calcPr calcId="191029"/></workbook>'
  );
}

const packageParts = (title: string, created: string) => ({
  '[Content_Types].xml':
    `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
  '_rels/.rels':
    `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
  'docProps/core.xml':
    `${xmlHead}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>Branch Ledger</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`,
  'docProps/app.xml': `${xmlHead}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Branch Ledger</Application></Properties>`,
  'xl/_rels/workbook.xml.rels':
    `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
});

/** The table's sheet: header, every row as it comes, the totals row, filter, print set-up. Returns the rows written. */
async function writeTableSheet(xml: ZipEntryText, table: ExportTable, options: WriteOptions): Promise<{ rows: number; filterRef: string }> {
  const columns = table.columns;
  const letters = columns.map((_, i) => columnLetter(i + 1));
  const lastLetter = letters.at(-1) ?? 'A';
  const progress = progressReporter(options.onProgress);
  const totals = new TotalsAccumulator(table);
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c) + 2}" customWidth="1"/>`).join('');
  await xml.write(
    `${xmlHead}<worksheet xmlns="${ns}" xmlns:r="${relNs}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>` +
      `<row r="1">${columns.map((c, i) => textCellXml(` r="${letters[i]}1" s="${headStyle(i)}"`, c.header)).join('')}</row>`,
  );
  const keys = columns.map((c) => c.key);
  const cells = columns.map((c, i) => columnCells(c, ` s="${bodyStyle(i)}"`, table.timeZone));
  let r = 1;
  await eachRow(table, options.signal, (row) => {
    r += 1;
    let line = `<row r="${r}">`;
    for (let i = 0; i < keys.length; i++) line += cells[i]!(row[keys[i]!]);
    totals.add(row);
    progress.step();
    return xml.write(`${line}</row>`);
  });
  const lastDataRow = r;
  const totalsRow = totals.row();
  if (totalsRow) {
    r += 1;
    const labelKey = totalsLabelColumn(columns, totalsRow);
    const given = table.totals?.values ?? {};
    let line = `<row r="${r}">`;
    columns.forEach((column, i) => {
      const ref = `${letters[i]}${r}`;
      const attributes = ` r="${ref}" s="${totalStyle(i)}"`;
      if (column.key === labelKey) line += cellXml(attributes, { ...column, type: 'text' }, totals.label(), table.timeZone);
      else {
        const cell = cellXml(attributes, column, totalsRow[column.key], table.timeZone);
        const value = /<v>([^<]*)<\/v>/.exec(cell)?.[1];
        // A sum gets its formula (recalculates with the filter); a value the caller set stays a value.
        if (column.total && !(column.key in given) && lastDataRow > 1 && value !== undefined) {
          line += `<c r="${ref}" s="${totalStyle(i)}"><f>SUBTOTAL(109,${letters[i]}2:${letters[i]}${lastDataRow})</f><v>${value}</v></c>`;
        } else line += cell;
      }
    });
    await xml.write(`${line}</row>`);
  }
  const filterRef = `$A$1:$${lastLetter}$${lastDataRow}`;
  const footer = table.locale === 'zh-CN' ? '&C第 &P 页 共 &N 页' : '&CPage &P of &N';
  await xml.write(
    `</sheetData><autoFilter ref="A1:${lastLetter}${lastDataRow}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="${columns.length > 6 ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
      `<headerFooter><oddHeader>${xmlText(`&C&B${headerText(table.title)}`)}</oddHeader><oddFooter>${xmlText(footer)}</oddFooter></headerFooter></worksheet>`,
  );
  progress.done();
  return { rows: progress.rows, filterRef };
}

/** The second sheet: the title in bold and the subtitle lines (branch, filters, printed at). */
function infoSheetXml(table: ExportTable): string {
  const lines = [table.title, ...(table.subtitle ?? [])];
  const rows = lines.map((line, i) => `<row r="${i + 1}">${textCellXml(` r="A${i + 1}"${i === 0 ? ` s="${titleStyle(table.columns)}"` : ''}`, line)}</row>`).join('');
  return `${xmlHead}<worksheet xmlns="${ns}"><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="80" customWidth="1"/></cols><sheetData>${rows}</sheetData></worksheet>`;
}

export function writeXlsx(table: ExportTable, path: string, options: WriteOptions = {}): Promise<WriteResult> {
  return writeOutputFile(path, options.signal, async (out) => {
    // Fastest deflate: a million rows compress in about a second; the file is a little larger.
    const zip = new ZipWriter(out, new Date(), 1);
    const sheetName = sheetNameOf(table.sheetName ?? table.title);
    const infoName = sheetNameOf(exportLabels(table.locale).reportInfo);
    let written = { rows: 0, filterRef: '$A$1:$A$1' };
    await zip.entry('xl/worksheets/sheet1.xml', async (xml) => {
      written = await writeTableSheet(xml, table, options);
    });
    await zip.entry('xl/worksheets/sheet2.xml', (xml) => xml.write(infoSheetXml(table)));
    await zip.entry('xl/styles.xml', (xml) => xml.write(stylesXml(table.columns)));
    await zip.entry('xl/workbook.xml', (xml) => xml.write(workbookXml(sheetName, infoName, written.filterRef)));
    for (const [name, text] of Object.entries(packageParts(table.title, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')))) await zip.entry(name, (xml) => xml.write(text));
    await zip.finish();
    out.end();
    return written.rows;
  });
}
