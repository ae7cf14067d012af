import { existsSync } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import PDFDocument from 'pdfkit';
import { LedgerError } from '../core/errors';
import {
  TotalsAccumulator,
  columnAlign,
  columnWidth,
  defaultPdfFonts,
  displayText,
  exportLabels,
  eachRow,
  isNumericColumn,
  progressReporter,
  totalsLabelColumn,
  type ExportRow,
  type ExportTable,
  type PdfFonts,
  type WriteOptions,
  type WriteResult,
} from './exportTable';
import { put, writeOutputFile } from './outputFile';

/**
 * PDF with pdfkit (not pdfmake: pdfmake lays out a whole document definition in memory, while
 * pdfkit writes each finished page to the file, which a 50,000-line count sheet needs).
 *
 * "Page x of y" needs the page count before page 1 is drawn, so the table is laid out in two
 * passes: the first measures every row (wrapping text to at most three lines, then an
 * ellipsis) and spools the laid-out lines to a temporary file beside the output; the second
 * reads the spool and draws. Both passes break pages with the same function, so they agree,
 * and neither holds more than one row.
 */

const mm = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const margin = 12 * mm;
const fontSize = 9;
const lineHeight = 12;
const padX = 3;
const padY = 3;
const maxLines = 3;
const titleSize = 14;
const subtitleSize = 9;
const footerSize = 8;
const footerHeight = 22;
/** Points per character of width in ExportColumn (a Latin character at 9 pt). */
const pointsPerChar = 5.2;
const signatureBlockHeight = 56;

/**
 * OpenType features all off. Table text needs no ligatures or contextual forms, and shaping
 * each distinct cell through the CJK font's substitution tables is most of a PDF's cost
 * (measured: six times slower). A fresh object each call: fontkit writes into it.
 */
const shapingFeatures = ['ccmp', 'locl', 'liga', 'clig', 'calt', 'rlig', 'rclt', 'kern', 'mark', 'mkmk', 'curs', 'vert', 'palt', 'halt', 'rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom'];
function plainText(): PDFKit.Mixins.OpenTypeFeatures[] {
  return Object.fromEntries(shapingFeatures.map((f) => [f, false])) as unknown as PDFKit.Mixins.OpenTypeFeatures[];
}

const REGULAR = 'export-regular';
const BOLD = 'export-bold';

interface Geometry {
  landscape: boolean;
  pageWidth: number;
  pageHeight: number;
  /** Left edge and width of each column. */
  x: number[];
  w: number[];
  headerLines: string[][];
  headerHeight: number;
  bodyTop: number;
  bodyBottom: number;
}

interface LaidOutRow {
  lines: string[][];
  height: number;
}

/** Which fonts to embed; a missing file is a clear, translated error rather than a crash. */
function resolveFonts(fonts: PdfFonts): { regular: { path: string; face?: string }; bold: { path: string; face?: string } } {
  if (!existsSync(fonts.regular.path)) throw new LedgerError('EXPORT_FONT_MISSING', { path: fonts.regular.path });
  const bold = fonts.bold && existsSync(fonts.bold.path) ? fonts.bold : fonts.regular;
  return { regular: fonts.regular, bold };
}

/** Measures text with a per-character cache: a count sheet repeats the same few thousand characters. */
class Measure {
  private readonly widths = new Map<string, Map<string, number>>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  width(font: string, size: number, text: string): number {
    let cache = this.widths.get(`${font}/${size}`);
    if (!cache) {
      cache = new Map();
      this.widths.set(`${font}/${size}`, cache);
    }
    let total = 0;
    for (const ch of text) {
      let w = cache.get(ch);
      if (w === undefined) {
        w = this.doc.font(font).fontSize(size).widthOfString(ch);
        cache.set(ch, w);
      }
      total += w;
    }
    return total;
  }

  /** `text` cut to fit `width`, ending in … when cut. */
  ellipsis(font: string, size: number, text: string, width: number): string {
    if (this.width(font, size, text) <= width) return text;
    const chars = [...text];
    while (chars.length > 0 && this.width(font, size, `${chars.join('')}…`) > width) chars.pop();
    return `${chars.join('')}…`;
  }

  /**
   * Lines of at most `width`: Chinese breaks between any two characters, Latin text at a space
   * where one is on the line. More than `limit` lines end the last one in an ellipsis.
   */
  wrap(font: string, size: number, text: string, width: number, limit: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      for (const ch of paragraph) {
        if (line === '' || this.width(font, size, line + ch) <= width) {
          line += ch;
          continue;
        }
        const space = line.lastIndexOf(' ');
        if (ch !== ' ' && space > 0) {
          lines.push(line.slice(0, space));
          line = line.slice(space + 1) + ch;
        } else {
          lines.push(line);
          line = ch === ' ' ? '' : ch;
        }
      }
      lines.push(line);
    }
    if (lines.length <= limit) return lines;
    const kept = lines.slice(0, limit);
    kept[limit - 1] = this.ellipsis(font, size, `${kept[limit - 1] ?? ''}${lines[limit] ?? ''}`, width);
    return kept;
  }
}

function geometry(table: ExportTable, measure: Measure): Geometry {
  const wanted = table.columns.map((c) => columnWidth(c) * pointsPerChar + 2 * padX);
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  const landscape = wantedTotal > A4.width - 2 * margin || table.columns.length > 7;
  const pageWidth = landscape ? A4.height : A4.width;
  const pageHeight = landscape ? A4.width : A4.height;
  const available = pageWidth - 2 * margin;
  const w = wanted.map((x) => (x * available) / wantedTotal);
  const x: number[] = [];
  let left = margin;
  for (const width of w) {
    x.push(left);
    left += width;
  }
  const headerLines = table.columns.map((c, i) => measure.wrap(BOLD, fontSize, c.header, (w[i] ?? 0) - 2 * padX, 2));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * padY;
  const titleBlock = titleSize + 6 + (table.subtitle?.length ?? 0) * (subtitleSize + 4) + 6;
  return {
    landscape,
    pageWidth,
    pageHeight,
    x,
    w,
    headerLines,
    headerHeight,
    bodyTop: margin + titleBlock + headerHeight,
    bodyBottom: pageHeight - margin - footerHeight,
  };
}

function layOutRow(table: ExportTable, g: Geometry, measure: Measure, row: ExportRow, font: string): LaidOutRow {
  const lines = table.columns.map((column, i) => {
    const text = displayText(column, row[column.key], table.timeZone);
    const width = (g.w[i] ?? 0) - 2 * padX;
    return isNumericColumn(column.type) ? [measure.ellipsis(font, fontSize, text, width)] : measure.wrap(font, fontSize, text, width, maxLines);
  });
  return { lines, height: Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * padY };
}

/** Page breaking shared by both passes: where the next block of `height` goes. */
class Pages {
  page = 1;
  y: number;

  constructor(private readonly g: Geometry) {
    this.y = g.bodyTop;
  }

  /** Places a block; true when it starts a new page. */
  place(height: number): boolean {
    let broke = false;
    if (this.y + height > this.g.bodyBottom && this.y > this.g.bodyTop) {
      this.page += 1;
      this.y = this.g.bodyTop;
      broke = true;
    }
    this.y += height;
    return broke;
  }
}

function drawCellLines(doc: PDFKit.PDFDocument, table: ExportTable, g: Geometry, measure: Measure, font: string, lines: string[][], top: number): void {
  doc.font(font).fontSize(fontSize);
  table.columns.forEach((column, i) => {
    const left = g.x[i] ?? 0;
    const width = g.w[i] ?? 0;
    const align = columnAlign(column);
    (lines[i] ?? []).forEach((line, n) => {
      const textWidth = measure.width(font, fontSize, line);
      const cellX = align === 'right' ? left + width - padX - textWidth : align === 'center' ? left + (width - textWidth) / 2 : left + padX;
      doc.text(line, cellX, top + padY + n * lineHeight + 1, { lineBreak: false, features: plainText() });
    });
  });
}

function drawPageFrame(doc: PDFKit.PDFDocument, table: ExportTable, g: Geometry, measure: Measure, page: number, pages: number): void {
  doc.addPage({ size: 'A4', layout: g.landscape ? 'landscape' : 'portrait', margin: 0 });
  const available = g.pageWidth - 2 * margin;
  let y = margin;
  doc.font(BOLD).fontSize(titleSize).fillColor('black');
  doc.text(measure.ellipsis(BOLD, titleSize, table.title, available), margin, y, { lineBreak: false });
  y += titleSize + 6;
  doc.font(REGULAR).fontSize(subtitleSize).fillColor('#333333');
  for (const line of table.subtitle ?? []) {
    doc.text(measure.ellipsis(REGULAR, subtitleSize, line, available), margin, y, { lineBreak: false });
    y += subtitleSize + 4;
  }
  y = g.bodyTop - g.headerHeight;
  doc.rect(margin, y, available, g.headerHeight).fill('#eeeeee');
  doc.fillColor('black');
  drawCellLines(doc, table, g, measure, BOLD, g.headerLines, y);
  doc.moveTo(margin, g.bodyTop).lineTo(margin + available, g.bodyTop).lineWidth(0.8).stroke('#000000');

  const footer = exportLabels(table.locale).page(page, pages);
  doc.font(REGULAR).fontSize(footerSize).fillColor('#333333');
  doc.text(footer, (g.pageWidth - measure.width(REGULAR, footerSize, footer)) / 2, g.pageHeight - margin - footerSize, { lineBreak: false });
  doc.fillColor('black');
}

function drawSignatures(doc: PDFKit.PDFDocument, table: ExportTable, g: Geometry, measure: Measure, top: number): void {
  const labels = table.signatures ?? [];
  const available = g.pageWidth - 2 * margin;
  const slot = available / labels.length;
  const dateLabel = exportLabels(table.locale).signatureDate;
  doc.font(REGULAR).fontSize(10).lineWidth(0.6);
  labels.forEach((label, i) => {
    const left = margin + i * slot;
    const lineStart = left + measure.width(REGULAR, 10, `${label}：`) + 4;
    const lineEnd = left + slot - 16;
    doc.text(`${label}：`, left, top + 14, { lineBreak: false });
    doc.moveTo(lineStart, top + 26).lineTo(lineEnd, top + 26).stroke('#000000');
    doc.text(`${dateLabel}：`, left, top + 36, { lineBreak: false });
    doc.moveTo(lineStart, top + 48).lineTo(lineEnd, top + 48).stroke('#000000');
  });
}

export async function writePdf(table: ExportTable, path: string, options: WriteOptions = {}): Promise<WriteResult> {
  const fonts = resolveFonts(options.fonts ?? defaultPdfFonts);
  const spoolPath = `${path}.layout`;
  return writeOutputFile(path, options.signal, async (out) => {
    const doc = new PDFDocument({ autoFirstPage: false, size: 'A4', margin: 0, compress: true, info: { Title: table.title, Creator: 'Branch Ledger' } });
    doc.registerFont(REGULAR, fonts.regular.path, fonts.regular.face);
    doc.registerFont(BOLD, fonts.bold.path, fonts.bold.face);
    const measure = new Measure(doc);
    const g = geometry(table, measure);
    const progress = progressReporter(options.onProgress);
    const totals = new TotalsAccumulator(table);
    const hasSignatures = (table.signatures?.length ?? 0) > 0;
    try {
      // Pass 1: lay out and count pages.
      const spool = createWriteStream(spoolPath);
      await once(spool, 'open');
      const pages = new Pages(g);
      try {
        await eachRow(table, options.signal, (row) => {
          const laid = layOutRow(table, g, measure, row, REGULAR);
          pages.place(laid.height);
          totals.add(row);
          return put(spool, `${JSON.stringify(laid)}\n`);
        });
      } finally {
        spool.end();
        await once(spool, 'close');
      }
      const totalsRow = totals.row();
      const labelKey = totalsRow ? totalsLabelColumn(table.columns, totalsRow) : undefined;
      const totalsLaid = totalsRow ? layOutRow(table, g, measure, labelKey ? { ...totalsRow, [labelKey]: totals.label() } : totalsRow, BOLD) : null;
      if (totalsLaid) pages.place(totalsLaid.height);
      if (hasSignatures) pages.place(signatureBlockHeight);
      const pageCount = pages.page;

      // Pass 2: draw from the spool.
      doc.pipe(out);
      const draw = new Pages(g);
      drawPageFrame(doc, table, g, measure, 1, pageCount);
      const available = g.pageWidth - 2 * margin;
      const place = (height: number): number => {
        if (draw.place(height)) drawPageFrame(doc, table, g, measure, draw.page, pageCount);
        return draw.y - height;
      };
      const lines = createInterface({ input: createReadStream(spoolPath, 'utf8'), crlfDelay: Infinity });
      for await (const json of lines) {
        options.signal?.throwIfAborted();
        const laid = JSON.parse(json) as LaidOutRow;
        const top = place(laid.height);
        drawCellLines(doc, table, g, measure, REGULAR, laid.lines, top);
        doc.moveTo(margin, top + laid.height).lineTo(margin + available, top + laid.height).lineWidth(0.3).stroke('#bbbbbb');
        progress.step();
      }
      if (totalsLaid) {
        const top = place(totalsLaid.height);
        doc.moveTo(margin, top).lineTo(margin + available, top).lineWidth(0.8).stroke('#000000');
        drawCellLines(doc, table, g, measure, BOLD, totalsLaid.lines, top);
      }
      if (hasSignatures) drawSignatures(doc, table, g, measure, place(signatureBlockHeight));
      doc.end();
      progress.done();
      return progress.rows;
    } finally {
      await rm(spoolPath, { force: true });
    }
  });
}
