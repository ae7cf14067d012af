import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real readers for exported files: LibreOffice Calc for .xlsx, poppler for PDF, an RFC 4180 parser for .csv. */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** LibreOffice Calc opens the .xlsx and saves its first sheet as UTF-8 CSV, values as shown. */
export function xlsxAsShown(dir: string, file: string): string[][] {
  const outDir = mkdtempSync(join(dir, 'lo-out-'));
  const profile = mkdtempSync(join(dir, 'lo-profile-'));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', outDir, file],
    { timeout: 110_000, stdio: 'pipe' },
  );
  const csv = readdirSync(outDir).find((f) => f.endsWith('.csv'));
  if (!csv) throw new Error('LibreOffice wrote no CSV');
  return parseCsv(readFileSync(join(outDir, csv), 'utf8').replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n'));
}

export function pdfText(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((page) => page.trim() !== '');
}

