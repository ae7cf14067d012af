import { parentPort, workerData } from 'node:worker_threads';
import { checkSqliteIntegrity, openBackupCopy } from '../../db/openLedgerDb';
import type { IntegrityWorkerData, IntegrityWorkerReply } from './integrityCheck';

/**
 * One integrity check on a thread of its own, on a read-only connection: PRAGMA integrity_check
 * (or quick_check) of a ledger or backup file reads every page, minutes on a big ledger, and
 * the main process (API, IPC, window) must not wait on it. Answers once and ends.
 */
const data = workerData as IntegrityWorkerData;
let reply: IntegrityWorkerReply;
try {
  const db = openBackupCopy(data.path, { readonly: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  try {
    reply = { ok: true, problems: checkSqliteIntegrity(db.$client, data.full) };
  } finally {
    db.$client.close();
  }
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
