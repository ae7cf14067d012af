import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerDb, type LedgerDb } from '../../../db/openLedgerDb';
import { LedgerError } from '../../core/errors';
import { createExportFile } from '../../exports/exportFiles';
import { writeExport } from '../../exports/writeExport';
import type { ExportTable } from '../../exports/exportTable';
import { voucherTable } from '../voucherTable';
import type { ExportJob, ReportJobMessage, ReportWorkerData, ReportWorkerReply } from './reportMessages';
import { reportTable, runReport } from './runReport';

/**
 * The report worker: a thread of its own with a read-only connection to the ledger. Reports
 * and exports (every report's, and the voucher export) run here, so a year of movements summed or a million rows written never holds
 * up the main process (the API, the IPC handlers, the window). Each report reads one consistent
 * snapshot while the branch goes on posting.
 */

const data = workerData as ReportWorkerData;
const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread');

const running = new Map<string, AbortController>();

function openReader(): LedgerDb {
  return openLedgerDb({
    path: data.dbPath,
    readonly: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    ...(data.migrationsFolder ? { migrationsFolder: data.migrationsFolder } : {}),
  });
}

function reply(message: ReportWorkerReply): void {
  port!.postMessage(message);
}

function failure(id: string, error: unknown, signal?: AbortSignal): ReportWorkerReply {
  if (signal?.aborted) return { id, type: 'cancelled' };
  if (error instanceof LedgerError) return { id, type: 'failed', code: error.code, ...(error.params ? { params: error.params } : {}) };
  console.error('[ledger] report worker failed', error);
  return { id, type: 'failed', code: 'INTERNAL' };
}

/**
 * Reports for the screen share one connection, kept open so its page cache stays warm from one
 * report to the next; each runs in a read transaction of its own, so all its statements see one
 * snapshot. Exports get a connection each: several may run at once and for minutes.
 */
let screenReader: LedgerDb | null = null;

function runOnScreenReader(message: Extract<ReportJobMessage, { type: 'run' }>): void {
  screenReader ??= openReader();
  const db = screenReader;
  const env = { db, today: message.info.today, timeZone: message.info.timeZone, locale: message.info.locale };
  db.$client.exec('BEGIN');
  try {
    reply({ id: message.id, type: 'result', value: runReport(env, message.request, message.page) });
  } finally {
    db.$client.exec('COMMIT');
  }
}

/**
 * An export's connection reads every row once, front to back, so a large page cache buys it
 * nothing; SQLite also sizes its sorter by it (the movement ledger sorts a million rows), and at
 * the ledger's 64 MB those two held some 130 MB for the length of an export. 8 MB costs no time.
 */
function openExportReader(): LedgerDb {
  const db = openReader();
  db.$client.pragma('cache_size = -8192');
  return db;
}

/** The table an export writes, read on the export's connection. */
function exportTable(db: LedgerDb, job: ExportJob): ExportTable {
  if (job.kind === 'vouchers') return voucherTable(db, job.spec);
  const env = { db, today: job.info.today, timeZone: job.info.timeZone, locale: job.info.locale };
  return reportTable(env, job.info, job.request, job.subtitle);
}

async function runExport(message: Extract<ReportJobMessage, { type: 'export' }>): Promise<void> {
  const db = openExportReader();
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    const table = exportTable(db, message.job);
    const file = await createExportFile(data.exportsDir, message.fileName, (path) =>
      writeExport(message.format, table, path, {
        signal: controller.signal,
        onProgress: (rows) => reply({ id: message.id, type: 'progress', rows }),
        ...(data.fonts ? { fonts: data.fonts } : {}),
      }),
    );
    reply({ id: message.id, type: 'exported', file });
  } catch (error) {
    reply(failure(message.id, error, controller.signal));
  } finally {
    running.delete(message.id);
    db.$client.close();
  }
}

async function handle(message: ReportJobMessage): Promise<void> {
  try {
    if (message.type === 'cancel') running.get(message.id)?.abort(new Error('cancelled'));
    else if (message.type === 'run') runOnScreenReader(message);
    else await runExport(message);
  } catch (error) {
    reply(failure(message.id, error));
  }
}

port.on('message', (message: ReportJobMessage) => {
  void handle(message);
});
