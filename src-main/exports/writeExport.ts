import type { ExportFormat, ExportTable, WriteOptions, WriteResult } from './exportTable';
import { writeCsv } from './writeCsv';
import { writePdf } from './writePdf';
import { writeXlsx } from './writeXlsx';

/** Writes `table` to `path` in one of the three formats; see each writer for what it guarantees. */
export function writeExport(format: ExportFormat, table: ExportTable, path: string, options: WriteOptions = {}): Promise<WriteResult> {
  switch (format) {
    case 'xlsx':
      return writeXlsx(table, path, options);
    case 'csv':
      return writeCsv(table, path, options);
    case 'pdf':
      return writePdf(table, path, options);
  }
}
