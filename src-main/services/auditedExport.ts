import type { ExportedFile } from '../contract';
import { LedgerError } from '../core/errors';
import { zonedDateTime, type ExportColumn, type ExportFormat, type ExportRow } from '../exports/exportTable';
import type { LedgerDb } from '../../db/openLedgerDb';
import { requireBranch, todayAt } from './branch';
import { writeAudit } from './journal';
import { readSettings } from './settings';
import { inTransaction } from './sql';
import type { ServiceContext } from './types';
import { writeExportFile } from './writeExportFile';

export interface AuditedExport {
  format: ExportFormat;
  /** Title and file name by language; the file is named `<fileName>-<branch>-<today>.<format>`. */
  text: Record<'zh-CN' | 'en', { title: string; fileName: string }>;
  columns: (locale: 'zh-CN' | 'en') => ExportColumn[];
  /** The rows, read from the export's own read-only connection. */
  rows: (reader: LedgerDb) => AsyncIterable<ExportRow>;
  /** The audit entry that records who took the copy: action, entity and what it held. */
  audit: { action: string; entity: string; details: Record<string, unknown> };
}

/**
 * A list of confidential records (customers, the audit trail itself) as a file, and an audit
 * entry saying who took it, with which filter and how many rows: a copy that leaves the ledger
 * is a change in who knows what, so it is recorded like one.
 */
export async function writeAuditedExport(ctx: ServiceContext, spec: AuditedExport): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const t = spec.text[locale];
  const reader = exportsDeps.openReader();
  try {
    const file = await writeExportFile(exportsDeps, `${t.fileName}-${branch.code}-${todayAt(ctx, branch)}.${spec.format}`, spec.format, {
      title: t.title,
      subtitle: [`${branch.code} ${branch.name}\u3000${zonedDateTime(ctx.now, branch.time_zone)}`],
      columns: spec.columns(locale),
      rows: spec.rows(reader),
      locale,
      timeZone: branch.time_zone,
    });
    inTransaction(ctx.db, () =>
      writeAudit(ctx, spec.audit.action, spec.audit.entity, file.fileId, null, { ...spec.audit.details, format: spec.format, rows: file.rows, fileName: file.fileName }),
    );
    return file;
  } finally {
    reader.$client.close();
  }
}
