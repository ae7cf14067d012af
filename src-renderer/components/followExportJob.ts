import type { ExportedFile, ReportExportJob } from '../../src-main/contract';
import { ApiError } from '../api/createClient';
import type { ExportProgress } from './ExportMenu';

const pollMs = 250;

/** The two methods that follow an export of one kind: reports.exportProgress and reports.exportCancel, or the vouchers' own. */
export interface ExportJobMethods {
  progress: (jobId: string) => Promise<ReportExportJob>;
  cancel: (jobId: string) => Promise<unknown>;
}

/**
 * Follows an export the report worker is making (a report's, the vouchers'): rows written so
 * far as it goes, a cancel when the user asks (the worker removes the partial file), the file
 * when it is done. A cancelled or failed export rejects with its translated error code.
 */
export async function followExportJob(started: ReportExportJob, methods: ExportJobMethods, progress: ExportProgress): Promise<ExportedFile> {
  const cancel = () => void methods.cancel(started.jobId);
  // Cancelled while the job was being started: stop it at once.
  if (progress.signal.aborted) cancel();
  else progress.signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const job = await methods.progress(started.jobId);
      progress.report(job.rows);
      if (job.status === 'done' && job.file) return job.file;
      if (job.status === 'cancelled') throw new ApiError({ code: 'REPORT_CANCELLED' });
      if (job.status === 'failed') throw new ApiError({ code: (job.error ?? 'INTERNAL') as never });
      await new Promise((resolveWait) => setTimeout(resolveWait, pollMs));
    }
  } finally {
    progress.signal.removeEventListener('abort', cancel);
  }
}
