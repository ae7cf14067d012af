import { fileURLToPath } from 'node:url';
import { startWorker } from './workerThread';

export interface IntegrityWorkerData {
  path: string;
  full: boolean;
  nativeBinding?: string;
}

export type IntegrityWorkerReply = { ok: true; problems: string[] } | { ok: false; message: string };

export function defaultIntegrityWorkerFile(): string {
  return fileURLToPath(new URL('./integrityWorker.ts', import.meta.url));
}

/**
 * integrity_check (or quick_check) of a SQLite file on a worker thread (integrityWorker.ts):
 * the problems SQLite lists, none when the file is sound. A file that cannot even be opened or
 * read is a problem too, as is a worker that dies.
 */
export function checkFileIntegrity(path: string, full: boolean, options: { workerFile?: string; nativeBinding?: string } = {}): Promise<string[]> {
  const data: IntegrityWorkerData = { path, full, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (problems: string[]) => {
      if (settled) return;
      settled = true;
      resolve(problems);
    };
    const worker = startWorker(options.workerFile ?? defaultIntegrityWorkerFile(), data);
    worker.once('message', (reply: IntegrityWorkerReply) => settle(reply.ok ? reply.problems : [reply.message]));
    worker.once('error', (error) => settle([`integrity check failed: ${error.message}`]));
    worker.once('exit', (code) => settle([`integrity check stopped (exit ${code})`]));
  });
}
