import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRow, ExportTable } from '../../src-main/exports/exportTable';
import { writeCsv } from '../../src-main/exports/writeCsv';
import { writeExport } from '../../src-main/exports/writeExport';
import { writePdf } from '../../src-main/exports/writePdf';
import { writeXlsx } from '../../src-main/exports/writeXlsx';
import { parseCsv, pdfText, xlsxAsShown as xlsxIn } from '../helpers/exportReaders';

/**
 * Every writer's output is opened by a real reader: LibreOffice Calc for .xlsx (converted to
 * CSV "as shown", so number and date formats are checked too), poppler for PDF, and an RFC 4180
 * parser written here for .csv.
 */

const readerTimeout = 120_000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-exports-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const postedAt = Date.parse('2026-11-20T02:05:00Z'); // 10:05 in Beijing

const sampleRows: ExportRow[] = [
  { sku: 'NF-550', name: '农夫山泉饮用天然水 550ml, "特惠"', expiry: '2027-03-15', postedAt, qty: 72, margin: 0.125, value: 172800 },
  { sku: '=1+2', name: '@SUM(A1)', expiry: null, postedAt: postedAt + 60_000, qty: -5, margin: -0.05, value: -1234 },
  { sku: 'KSF-01', name: '康师傅红烧牛肉面\n五连包', expiry: '2026-12-01', postedAt: postedAt + 120_000, qty: 1200, margin: 0, value: 5 },
];

function sampleTable(rows: ExportTable['rows'], extra: Partial<ExportTable> = {}): ExportTable {
  return {
    title: '库存盘点表',
    subtitle: ['分店：BJ01 北京一店', '打印时间：2026-11-20 10:05'],
    columns: [
      { key: 'sku', header: '商品编码', type: 'text' },
      { key: 'name', header: '商品名称', type: 'text', width: 26 },
      { key: 'expiry', header: '到期日', type: 'date' },
      { key: 'postedAt', header: '过账时间', type: 'datetime' },
      { key: 'qty', header: '数量', type: 'qty', total: true },
      { key: 'margin', header: '毛利率', type: 'percent' },
      { key: 'value', header: '金额（元）', type: 'money', total: true },
    ],
    rows,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    ...extra,
  };
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */

async function* slowly(rows: readonly ExportRow[]): AsyncGenerator<ExportRow> {
  for (const row of rows) {
    await Promise.resolve();
    yield row;
  }
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe('the .csv writer', () => {
  it('starts with the UTF-8 byte-order mark, quotes by RFC 4180 with CRLF, writes plain numbers and neutralises formulas', async () => {
    const file = join(dir, 'sample.csv');
    const result = await writeCsv(sampleTable(sampleRows), file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(result).toEqual({ rows: 3, bytes: bytes.length });
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['商品编码', '商品名称', '到期日', '过账时间', '数量', '毛利率', '金额（元）']);
    expect(rows[1]).toEqual(['NF-550', '农夫山泉饮用天然水 550ml, "特惠"', '2027-03-15', '2026-11-20 10:05', '72', '0.125', '1728.00']);
    // A text cell that would run as a formula gets an apostrophe; the negative numbers stay numbers.
    expect(rows[2]).toEqual(["'=1+2", "'@SUM(A1)", '', '2026-11-20 10:06', '-5', '-0.05', '-12.34']);
    expect(rows[3]).toEqual(['KSF-01', '康师傅红烧牛肉面\n五连包', '2026-12-01', '2026-11-20 10:07', '1200', '0', '0.05']);
    expect(rows[4]).toEqual(['合计', '', '', '', '1267', '', '1715.71']);
    expect(rows).toHaveLength(5);
  });
});

describe('the .xlsx writer', () => {
  it(
    'opens in LibreOffice with the header on row 1, real numbers and dates in their formats, and a totals row',
    async () => {
      const file = join(dir, 'sample.xlsx');
      const progress: number[] = [];
      const result = await writeXlsx(sampleTable(slowly(sampleRows)), file, { onProgress: (n) => progress.push(n) });
      expect(result.rows).toBe(3);
      expect(progress.at(-1)).toBe(3);
      const rows = xlsxIn(dir, file);
      expect(rows[0]).toEqual(['商品编码', '商品名称', '到期日', '过账时间', '数量', '毛利率', '金额（元）']);
      expect(rows[1]).toEqual(['NF-550', '农夫山泉饮用天然水 550ml, "特惠"', '2027-03-15', '2026-11-20 10:05', '72', '12.50%', '1,728.00']);
      // In a spreadsheet a formula-looking string is just a text cell: no apostrophe needed.
      expect(rows[2]).toEqual(['=1+2', '@SUM(A1)', '', '2026-11-20 10:06', '-5', '-5.00%', '-12.34']);
      expect(rows[3]?.slice(2)).toEqual(['2026-12-01', '2026-11-20 10:07', '1,200', '0.00%', '0.05']);
      expect(rows[4]).toEqual(['合计', '', '', '', '1,267', '', '1,715.71']);
      // The zip is sound (unzip tests every entry's CRC) and the sheet freezes its header row and filters the table.
      expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
      const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString();
      expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(sheet).toContain('<autoFilter ref="A1:G4"/>');
      expect(sheet).toContain('<f>SUBTOTAL(109,E2:E4)</f><v>1267</v>');
    },
    readerTimeout,
  );

  it(
    'keeps the cell types a re-import needs: numbers are numbers, dates are dates (read back with "as shown" off)',
    async () => {
      const file = join(dir, 'types.xlsx');
      await writeXlsx(sampleTable(sampleRows), file);
      const outDir = mkdtempSync(join(dir, 'lo-raw-'));
      const profile = mkdtempSync(join(dir, 'lo-profile-'));
      // Token 9 false: values as stored, not as formatted.
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false', '--outdir', outDir, file],
        { timeout: readerTimeout - 10_000, stdio: 'pipe' },
      );
      const rows = parseCsv(readFileSync(join(outDir, 'types.csv'), 'utf8').replace(/\r?\n/g, '\r\n'));
      expect(rows[1]?.[4]).toBe('72');
      expect(rows[1]?.[6]).toBe('1728');
      // Stored values, in LibreOffice's own standard forms: a real date-time gains its seconds,
      // a ratio shows in the general percent form. Text cells would come back exactly as written.
      expect(rows[1]?.[3]).toBe('2026-11-20 10:05:00');
      expect(rows[1]?.[5]).toBe('12.5%');
      expect(rows[4]?.[6]).toBe('1715.71');
    },
    readerTimeout,
  );
  it(
    'keeps spaces where they matter and writes a value repeated row after row in every row',
    async () => {
      const file = join(dir, 'spaces.xlsx');
      const rows: ExportRow[] = [
        { sku: ' 前有空格', name: '两个  空格', expiry: '2027-03-15', postedAt, qty: 1, margin: 0.5, value: 100 },
        { sku: ' 前有空格', name: '两个  空格', expiry: '2027-03-15', postedAt, qty: 1, margin: 0.5, value: 100 },
        { sku: '后有空格 ', name: 'a & <b>', expiry: '2027-03-15', postedAt, qty: null, margin: null, value: 100 },
        { sku: '后有空格 ', name: 'a & <b>', expiry: null, postedAt, qty: 2, margin: 0.5, value: null },
      ];
      await writeXlsx(sampleTable(rows), file);
      const shown = xlsxIn(dir, file);
      expect(shown.slice(1, 5)).toEqual([
        [' 前有空格', '两个  空格', '2027-03-15', '2026-11-20 10:05', '1', '50.00%', '1.00'],
        [' 前有空格', '两个  空格', '2027-03-15', '2026-11-20 10:05', '1', '50.00%', '1.00'],
        ['后有空格 ', 'a & <b>', '2027-03-15', '2026-11-20 10:05', '', '', '1.00'],
        ['后有空格 ', 'a & <b>', '', '2026-11-20 10:05', '2', '50.00%', ''],
      ]);
      expect(shown[5]).toEqual(['合计', '', '', '', '4', '', '3.00']);
      // Plain text carries no xml:space attribute; text whose spaces a reader could drop does.
      const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString();
      expect(sheet).toContain('<t xml:space="preserve"> 前有空格</t>');
      expect(sheet).toContain('<t>a &amp; &lt;b&gt;</t>');
    },
    readerTimeout,
  );
});

describe('the PDF writer', () => {
  it(
    'prints a multi-page table in Chinese with the title and column headers on every page, page x of y, totals and signature lines',
    async () => {
      const file = join(dir, 'count-sheet.pdf');
      const many: ExportRow[] = Array.from({ length: 150 }, (_, i) => ({
        sku: `SKU-${String(i + 1).padStart(4, '0')}`,
        name: i === 7 ? '伊利纯牛奶 250ml×24盒 礼盒装 这是一个特别特别长的商品名称，长到三行也放不下，所以最后一行要用省略号结束，不能溢出到别的格子里去' : `康师傅红烧牛肉面 ${i + 1}`,
        expiry: '2027-01-15',
        postedAt,
        qty: i + 1,
        margin: 0.2,
        value: 1050,
      }));
      const result = await writePdf(sampleTable(many, { signatures: ['盘点人', '复核人', '主管'] }), file);
      expect(result.rows).toBe(150);
      expect(existsSync(`${file}.layout`)).toBe(false);

      const pageCount = pdfPages(file);
      expect(pageCount).toBeGreaterThan(2);
      const pages = pdfText(file);
      expect(pages).toHaveLength(pageCount);
      pages.forEach((page, i) => {
        expect(page).toContain('库存盘点表');
        expect(page).toContain('分店：BJ01 北京一店');
        expect(page).toMatch(/商品编码\s+商品名称\s+到期日\s+过账时间\s+数量\s+毛利率\s+金额（元）/);
        // pdftotext drops the spaces between Chinese and digits.
        expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页共${pageCount}页`);
      });
      const all = pages.join('\n');
      for (let i = 1; i <= 150; i++) expect(all).toContain(`SKU-${String(i).padStart(4, '0')}`);
      expect(all).toMatch(/SKU-0001\s+康师傅红烧牛肉面 1\s+2027-01-15\s+2026-11-20 10:05\s+1\s+20\.00%\s+10\.50/);
      // The long name wraps to three lines and ends in an ellipsis.
      expect(all).toContain('伊利纯牛奶');
      expect(all).toContain('…');
      expect(all).not.toContain('不能溢出到别的格子里去');
      const last = pages.at(-1) ?? '';
      // 1 + … + 150 = 11,325 and 150 × 10.50 = 1,575.00.
      expect(last).toMatch(/合计\s+11,325\s+1,575\.00/);
      expect(last).toMatch(/盘点人：[\s\S]*复核人：[\s\S]*主管：/);
      expect(last).toContain('日期：');
    },
    readerTimeout,
  );

  it('labels pages and totals in English for an English ledger', async () => {
    const file = join(dir, 'english.pdf');
    await writePdf(sampleTable(sampleRows, { title: 'Stock on hand', locale: 'en' }), file);
    const [page] = pdfText(file);
    expect(page).toContain('Page 1 of 1');
    expect(page).toMatch(/Total\s+1,267\s+1,715\.71/);
    expect(page).toContain('农夫山泉');
  });

  it('without its Chinese font, refuses with a translatable error and leaves no file', async () => {
    const file = join(dir, 'no-font.pdf');
    await expect(writePdf(sampleTable(sampleRows), file, { fonts: { regular: { path: join(dir, 'missing.ttc') } } })).rejects.toMatchObject({
      code: 'EXPORT_FONT_MISSING',
      params: { path: join(dir, 'missing.ttc') },
    });
    expect(existsSync(file)).toBe(false);
  });
});

describe('every writer', () => {
  for (const format of ['xlsx', 'csv', 'pdf'] as const) {
    it(`${format}: cancelling mid-way rejects with the reason and removes the partial file`, async () => {
      const file = join(dir, `cancelled.${format}`);
      const controller = new AbortController();
      function* rows(): Generator<ExportRow> {
        for (let i = 0; i < 10_000; i++) {
          if (i === 1200) controller.abort(new Error('cancelled by the user'));
          yield { sku: `S${i}`, name: '商品', expiry: '2027-01-01', postedAt, qty: 1, margin: 0, value: 100 };
        }
      }
      const progress: number[] = [];
      await expect(
        writeExport(format, sampleTable(rows()), file, { signal: controller.signal, onProgress: (n) => progress.push(n) }),
      ).rejects.toThrow('cancelled by the user');
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.layout`)).toBe(false);
      if (format !== 'pdf') expect(progress).toEqual([500, 1000]);
    });
  }
});
