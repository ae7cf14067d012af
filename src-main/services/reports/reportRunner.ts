import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ReportRequest } from '../../contract/reportFilters';
import type { ReportExportJob, ReportResult } from '../../contract/results';
import { LedgerError } from '../../core/errors';
import type { ExportFormat } from '../../exports/exportTable';
import type { ExportJob, ExportJobKind, ReportJobMessage, ReportWorkerData, ReportWorkerReply } from './reportMessages';
import type { ReportContextInfo, ReportPageRequest } from './runReport';
import { startWorker } from '../workerThread';

/**
 * The main-process side of the report worker: starts the thread when the first report is
 * asked for, sends it jobs and keeps each export's progress for `reports.exportProgress`
 * to answer (the renderer polls; the same over IPC and the HTTP host). Finished jobs are
 * kept for an hour so a late poll still finds its file.
 */

export interface ReportRunner {
  run(request: ReportRequest, page: ReportPageRequest, info: ReportContextInfo): Promise<ReportResult>;
  startExport(jobId: string, job: ExportJob, format: ExportFormat, fileName: string): ReportExportJob;
  /** The job with this id if it is an export of `kind`: a method that follows reports cannot follow vouchers. */
  progress(jobId: string, kind: ExportJobKind): ReportExportJob | undefined;
  cancel(jobId: string, kind: ExportJobKind): ReportExportJob | undefined;
  /** Stops the worker; running exports stop and remove their partial files first when possible. */
  close(): Promise<void>;
}

export interface ReportRunnerOptions extends ReportWorkerData {
  /** The worker's entry: dist-electron/reportWorker.cjs in the packaged app; the TypeScript source otherwise. */
  workerFile?: string;
  clock?: () => number;
}

const keepFinishedMs = 60 * 60 * 1000;

export function defaultReportWorkerFile(): string {
  return fileURLToPath(new URL('./reportWorker.ts', import.meta.url));
}

export function createReportRunner(options: ReportRunnerOptions): ReportRunner {
  const clock = options.clock ?? Date.now;
  let worker: Worker | null = null;
  const waiting = new Map<string, { resolve: (r: ReportResult) => void; reject: (e: unknown) => void }>();
  const jobs = new Map<string, ReportExportJob & { kind: ExportJobKind; finishedAt?: number }>();
  let nextRun = 0;

  /** The thread keeps the process alive only while it has work: an idle worker must not hold up a closing host or test. */
  function refWhileBusy(): void {
    const busy = waiting.size > 0 || [...jobs.values()].some((j) => j.status === 'running');
    if (busy) worker?.ref();
    else worker?.unref();
  }

  function onReply(message: ReportWorkerReply): void {
    handleReply(message);
    refWhileBusy();
  }

  function handleReply(message: ReportWorkerReply): void {
    const pending = waiting.get(message.id);
    if (pending) {
      waiting.delete(message.id);
      if (message.type === 'result') pending.resolve(message.value);
      else if (message.type === 'failed') pending.reject(new LedgerError(message.code, message.params));
      else pending.reject(new LedgerError('INTERNAL'));
      return;
    }
    const job = jobs.get(message.id);
    if (!job) return;
    if (message.type === 'progress') job.rows = Math.max(job.rows, message.rows);
    else if (message.type === 'exported') Object.assign(job, { status: 'done', rows: message.file.rows, file: message.file, finishedAt: clock() });
    else if (message.type === 'cancelled') Object.assign(job, { status: 'cancelled', finishedAt: clock() });
    else if (message.type === 'failed') Object.assign(job, { status: 'failed', error: message.code, finishedAt: clock() });
  }

  function failAll(error: unknown): void {
    for (const p of waiting.values()) p.reject(error);
    waiting.clear();
    for (const job of jobs.values()) if (job.status === 'running') Object.assign(job, { status: 'failed', error: 'INTERNAL', finishedAt: clock() });
    worker = null;
  }

  function send(message: ReportJobMessage): void {
    if (!worker) {
      const { workerFile, clock: _clock, ...data } = options;
      const w = startWorker(workerFile ?? defaultReportWorkerFile(), data);
      w.on('message', onReply);
      w.on('error', (error) => {
        console.error('[ledger] report worker stopped', error);
        failAll(new LedgerError('INTERNAL'));
      });
      w.on('exit', () => {
        if (worker === w) failAll(new LedgerError('INTERNAL'));
      });
      worker = w;
    }
    worker.postMessage(message);
    refWhileBusy();
  }

  function forgetOld(): void {
    const now = clock();
    for (const [id, job] of jobs) if (job.finishedAt !== undefined && now - job.finishedAt > keepFinishedMs) jobs.delete(id);
  }

  const view = (job: ReportExportJob & { kind: ExportJobKind; finishedAt?: number }): ReportExportJob => {
    const { finishedAt: _f, kind: _k, ...rest } = job;
    return { ...rest };
  };

  return {
    run(request, page, info) {
      const id = `run-${++nextRun}`;
      return new Promise<ReportResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ type: 'run', id, request, page, info });
      });
    },
    startExport(jobId, exportJob, format, fileName) {
      forgetOld();
      const job = { jobId, kind: exportJob.kind, status: 'running' as const, rows: 0 };
      jobs.set(jobId, job);
      send({ type: 'export', id: jobId, job: exportJob, format, fileName });
      return view(job);
    },
    progress(jobId, kind) {
      const job = jobs.get(jobId);
      return job?.kind === kind ? view(job) : undefined;
    },
    cancel(jobId, kind) {
      const job = jobs.get(jobId);
      if (job?.kind !== kind) return undefined;
      if (job.status === 'running') worker?.postMessage({ type: 'cancel', id: jobId } satisfies ReportJobMessage);
      return view(job);
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      for (const [id, job] of jobs) if (job.status === 'running') w.postMessage({ type: 'cancel', id } satisfies ReportJobMessage);
      // Give cancelled writers a moment to remove their partial files, then stop the thread.
      await new Promise<void>((resolveWait) => setTimeout(resolveWait, 200).unref());
      await w.terminate();
    },
  };
}
