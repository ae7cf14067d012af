import type { ExportedFile } from '../contract';
import { createExportFile } from '../exports/exportFiles';
import type { ExportFormat, ExportTable } from '../exports/exportTable';
import { writeExport } from '../exports/writeExport';
import type { ExportsDeps } from './types';

/** Writes one table as a fresh export file under its user-facing name, with the host's fonts and cancel signal. */
export function writeExportFile(deps: ExportsDeps, fileName: string, format: ExportFormat, table: ExportTable): Promise<ExportedFile> {
  return createExportFile(deps.dir, fileName, (path) =>
    writeExport(format, table, path, {
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.fonts ? { fonts: deps.fonts } : {}),
    }),
  );
}
