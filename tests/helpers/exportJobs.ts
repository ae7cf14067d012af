import { expect } from 'vitest';
import type { ReportExportJob } from '../../src-main/contract';

/** The methods that follow one kind of export: reports.exportProgress/-Cancel or accounting.exportProgress/-Cancel. */
export interface ExportJobMethods {
  progress: (input: { jobId: string }) => Promise<ReportExportJob>;
  cancel: (input: { jobId: string }) => Promise<ReportExportJob>;
}

/** Polls an export until it is no longer running (the worker answers in its own time). */
export async function exportFinished(methods: Pick<ExportJobMethods, 'progress'>, jobId: string): Promise<ReportExportJob> {
  for (;;) {
    const job = await methods.progress({ jobId });
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the export is writing rows (it must still be running), cancels it and answers how it ended. */
export async function cancelWhileWriting(methods: ExportJobMethods, jobId: string): Promise<ReportExportJob> {
  for (;;) {
    const job = await methods.progress({ jobId });
    expect(job.status).toBe('running');
    if (job.rows > 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await methods.cancel({ jobId });
  return exportFinished(methods, jobId);
}
