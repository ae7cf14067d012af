import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSqliteIntegrity, openBackupCopy, type LedgerDb } from '../../db/openLedgerDb';
import {
  backupFileName,
  backupsToRemove,
  isDailyBackupDue,
  parseBackupFileName,
  type BackupKind,
  type BackupPolicy,
} from '../core/backupPolicy';
import { LedgerError } from '../core/errors';
import type { BackupInfo, BackupList, DocumentKind, DocumentTally, IntegrityReport, RestoreDone, RestorePreview } from '../contract/results';
import { checkFileIntegrity } from './integrityCheck';
import { all, get } from './sql';

/**
 * Backups of the ledger file into `<dataDir>/backups`: made with SQLite's online backup (safe
 * while the app goes on posting), switched to a rollback journal so each is one file, checked
 * with integrity_check and described in a `.json` beside it (versions, document counts), then
 * rotated (core/backupPolicy.ts). Restoring first backs up the ledger as it is, then replaces
 * the file and reopens it.
 */

/** The document tables, each with its human document number: what a restore preview counts. */
const documentTables: readonly (readonly [DocumentKind, string])[] = [
  ['stockDocuments', 'stock_documents'],
  ['stockCounts', 'stock_counts'],
  ['salesOrders', 'sales_orders'],
  ['salesInvoices', 'sales_invoices'],
  ['customerPayments', 'customer_payments'],
  ['customerReturns', 'customer_returns'],
  ['creditNotes', 'credit_notes'],
  ['purchaseOrders', 'purchase_orders'],
  ['supplierReturns', 'supplier_returns'],
];

/** A backup's description, kept beside it as `<file>.json`. */
interface BackupSidecar {
  appVersion: string;
  schemaVersion: number;
  verified: boolean;
  documents: DocumentTally[];
}

function hasTable(db: LedgerDb, table: string, schema = 'main'): boolean {
  return get(db, `SELECT 1 AS x FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`, table) !== undefined;
}

/** Counts and the highest document number of every document table (an older schema may lack some). */
export function tallyDocuments(db: LedgerDb): DocumentTally[] {
  return documentTables
    .filter(([, table]) => hasTable(db, table))
    .map(([type, table]) => {
      const row = get<{ n: number; last: string | null }>(db, `SELECT COUNT(*) AS n, MAX(doc_no) AS last FROM ${table}`);
      return { type, count: row?.n ?? 0, lastDocNo: row?.last ?? null };
    });
}

export interface BackupServiceDeps {
  dbPath: string;
  folder: string;
  clock: () => number;
  appVersion: string;
  nativeBinding?: string;
  /** The open ledger, or undefined when it could not be opened (recovery mode). */
  live(): LedgerDb | undefined;
  /** Why the ledger could not be opened, in recovery mode. */
  damaged(): string | null;
  policy(): BackupPolicy;
  /** Closes the ledger (and sync) so its file can be replaced. */
  closeLedger(): void;
  /** Opens the ledger file again, after a restore. */
  reopenLedger(): void;
  /** The integrity worker's entry file (integrityCheck.ts); the TypeScript source by default. */
  integrityWorkerFile?: string;
}

export interface BackupService {
  folder: string;
  list(): BackupList;
  create(kind: BackupKind): Promise<BackupInfo>;
  /** Makes the daily backup when none is younger than a day; answers whether it made one. */
  runDailyIfDue(): Promise<boolean>;
  /** A path for the copy taken before migrations (openLedgerDb makes it with VACUUM INTO), or undefined. */
  preMigrationTarget(): string;
  /** Seals, verifies and describes a copy made at `tmpPath`, and rotates. */
  finishCopy(tmpPath: string, kind: BackupKind, at: number): BackupInfo;
  preview(fileName: string): Promise<RestorePreview>;
  /** integrity_check (full) or quick_check of the ledger file, on a worker thread. */
  checkLedger(full: boolean): Promise<IntegrityReport>;
  restore(fileName: string): Promise<RestoreDone>;
  /** A backup or restore is running. */
  busy(): boolean;
  /** The open ledger (after a restore, the restored one), or undefined in recovery mode. */
  live(): LedgerDb | undefined;
}

function sidecarPath(file: string): string {
  return `${file}.json`;
}

function readSidecar(file: string): BackupSidecar | null {
  try {
    return JSON.parse(readFileSync(sidecarPath(file), 'utf8')) as BackupSidecar;
  } catch {
    return null;
  }
}

function removeBackup(file: string): void {
  rmSync(file, { force: true });
  rmSync(sidecarPath(file), { force: true });
  rmSync(`${file}-journal`, { force: true });
}

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const { folder } = deps;
  let running: 'backup' | 'restore' | null = null;

  function ensureFolder(): void {
    mkdirSync(folder, { recursive: true });
  }

  function infoOf(fileName: string): BackupInfo | null {
    const parsed = parseBackupFileName(fileName);
    if (!parsed) return null;
    const file = join(folder, fileName);
    let sizeBytes: number;
    try {
      sizeBytes = statSync(file).size;
    } catch {
      return null;
    }
    const sidecar = readSidecar(file);
    return {
      fileName,
      kind: parsed.kind,
      createdAt: parsed.createdAt,
      sizeBytes,
      schemaVersion: sidecar?.schemaVersion ?? null,
      appVersion: sidecar?.appVersion ?? null,
      verified: sidecar?.verified === true,
      documents: sidecar?.documents ?? null,
    };
  }

  function listInfos(): BackupInfo[] {
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .map(infoOf)
      .filter((b): b is BackupInfo => b !== null)
      .sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  }

  function rotate(): void {
    for (const b of backupsToRemove(listInfos(), deps.policy())) removeBackup(join(folder, b.fileName));
  }

  /** A name not taken yet: two backups in one millisecond get the next millisecond. */
  function freshName(kind: BackupKind, at: number): { name: string; at: number } {
    let t = at;
    while (existsSync(join(folder, backupFileName(kind, t)))) t++;
    return { name: backupFileName(kind, t), at: t };
  }

  const copyOptions = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};

  /** integrity_check of a file on a worker thread (integrityCheck.ts), so the API goes on answering meanwhile. */
  function checkOffThread(path: string, full: boolean): Promise<string[]> {
    return checkFileIntegrity(path, full, { ...copyOptions, ...(deps.integrityWorkerFile ? { workerFile: deps.integrityWorkerFile } : {}) });
  }

  /**
   * Seals a copy made at `tmpPath` (one file: a rollback journal) and checks it — in this thread
   * when `problems` is not given (the copy made before migrating, at start-up, before anything
   * else runs), or by the caller on the worker — then describes, names and rotates it.
   */
  function placeCopy(tmpPath: string, kind: BackupKind, at: number, problems: (() => string[]) | string[]): BackupInfo {
    ensureFolder();
    let sidecar: BackupSidecar;
    try {
      const copy = openBackupCopy(tmpPath, { readonly: false, ...copyOptions });
      try {
        const found = typeof problems === 'function' ? problems() : problems;
        if (found.length > 0) throw new LedgerError('BACKUP_FAILED', { reason: found.slice(0, 3).join('; ') });
        sidecar = {
          appVersion: deps.appVersion,
          schemaVersion: Number(copy.$client.pragma('user_version', { simple: true })),
          verified: true,
          documents: tallyDocuments(copy),
        };
      } finally {
        copy.$client.close();
      }
    } catch (error) {
      removeBackup(tmpPath);
      if (error instanceof LedgerError) throw error;
      throw new LedgerError('BACKUP_FAILED', { reason: error instanceof Error ? error.message : String(error) });
    }
    const { name } = freshName(kind, at);
    const file = join(folder, name);
    writeFileSync(sidecarPath(file), JSON.stringify(sidecar));
    renameSync(tmpPath, file);
    rotate();
    const info = infoOf(name);
    if (!info) throw new LedgerError('BACKUP_FAILED', { reason: 'the copy disappeared' });
    return info;
  }

  function finishCopy(tmpPath: string, kind: BackupKind, at: number): BackupInfo {
    return placeCopy(tmpPath, kind, at, () => {
      const copy = openBackupCopy(tmpPath, { readonly: true, ...copyOptions });
      try {
        return checkSqliteIntegrity(copy.$client, true);
      } finally {
        copy.$client.close();
      }
    });
  }

  /** The online backup of the open ledger into a `.partial` file, then finishCopy. */
  async function copyLive(kind: BackupKind): Promise<BackupInfo> {
    const db = deps.live();
    if (!db) throw new LedgerError('LEDGER_DAMAGED', { detail: deps.damaged() ?? '' });
    ensureFolder();
    const at = deps.clock();
    const tmpPath = join(folder, `${backupFileName(kind, at)}.partial`);
    try {
      // better-sqlite3 steps SQLite's backup API between turns of the event loop; a write on
      // this connection meanwhile is copied into the backup too, so the copy is one snapshot.
      await db.$client.backup(tmpPath);
    } catch (error) {
      removeBackup(tmpPath);
      throw new LedgerError('BACKUP_FAILED', { reason: error instanceof Error ? error.message : String(error) });
    }
    let problems: string[];
    try {
      // Sealed to one file first (the worker reads it read-only), then checked on the worker.
      openBackupCopy(tmpPath, { readonly: false, ...copyOptions }).$client.close();
      problems = await checkOffThread(tmpPath, true);
    } catch (error) {
      removeBackup(tmpPath);
      throw new LedgerError('BACKUP_FAILED', { reason: error instanceof Error ? error.message : String(error) });
    }
    return placeCopy(tmpPath, kind, at, problems);
  }

  async function exclusive<T>(what: 'backup' | 'restore', fn: () => Promise<T>): Promise<T> {
    if (running) throw new LedgerError('BACKUP_IN_PROGRESS', { running });
    running = what;
    try {
      return await fn();
    } finally {
      running = null;
    }
  }

  function findBackup(fileName: string): BackupInfo {
    const info = infoOf(fileName);
    if (!info) throw new LedgerError('BACKUP_NOT_FOUND', { fileName });
    return info;
  }

  async function preview(fileName: string): Promise<RestorePreview> {
    const backup = findBackup(fileName);
    const now = deps.clock();
    // The full check reads every page of the backup: on the worker, before anything else opens it.
    const problems = await checkOffThread(join(folder, fileName), true);
    let copy: LedgerDb;
    try {
      copy = openBackupCopy(join(folder, fileName), { readonly: true, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
    } catch (error) {
      throw new LedgerError('BACKUP_DAMAGED', { fileName, reason: error instanceof Error ? error.message : String(error) });
    }
    try {
      const integrity: IntegrityReport = { ok: problems.length === 0, problems, full: true, checkedAt: now };
      if (!integrity.ok) return { backup, integrity, current: null, lost: [], willMigrate: false, sentToHeadOffice: 0 };
      const documents = tallyDocuments(copy);
      const schemaVersion = Number(copy.$client.pragma('user_version', { simple: true }));
      const live = deps.live();
      const liveVersion = live ? Number(live.$client.pragma('user_version', { simple: true })) : null;
      const lost: RestorePreview['lost'] = [];
      let sentToHeadOffice = 0;
      if (live) {
        // The ledger file itself, read-only beside the backup: documents it has and the backup lacks.
        copy.$client.prepare('ATTACH DATABASE ? AS live').run(deps.dbPath);
        try {
          for (const [type, table] of documentTables) {
            if (!hasTable(copy, table, 'live')) continue;
            const missing = hasTable(copy, table) ? `WHERE id NOT IN (SELECT id FROM main.${table})` : '';
            const count = get<{ n: number }>(copy, `SELECT COUNT(*) AS n FROM live.${table} ${missing}`)?.n ?? 0;
            if (count === 0) continue;
            const docNos = all<{ doc_no: string }>(copy, `SELECT doc_no FROM live.${table} ${missing} ORDER BY doc_no DESC LIMIT 5`).map((r) => r.doc_no);
            lost.push({ type, count, docNos });
          }
          if (hasTable(copy, 'sync_outbox', 'live') && hasTable(copy, 'sync_outbox')) {
            sentToHeadOffice =
              get<{ n: number }>(copy, 'SELECT COUNT(*) AS n FROM live.sync_outbox WHERE acked_at IS NOT NULL AND seq > (SELECT COALESCE(MAX(seq), 0) FROM main.sync_outbox)')?.n ?? 0;
          }
        } finally {
          copy.$client.prepare('DETACH DATABASE live').run();
        }
      }
      return {
        backup: { ...backup, documents, schemaVersion },
        integrity,
        current: live ? tallyDocuments(live) : null,
        lost,
        willMigrate: liveVersion !== null ? schemaVersion < liveVersion : false,
        sentToHeadOffice,
      };
    } finally {
      copy.$client.close();
    }
  }

  async function restore(fileName: string): Promise<RestoreDone> {
    return exclusive('restore', async () => {
      const checked = await preview(fileName);
      if (!checked.integrity.ok) throw new LedgerError('BACKUP_DAMAGED', { fileName, reason: checked.integrity.problems.slice(0, 3).join('; ') });
      if (checked.sentToHeadOffice > 0) throw new LedgerError('BACKUP_BEHIND_HEAD_OFFICE', { ops: checked.sentToHeadOffice });
      let safetyBackup: string | null = null;
      let damagedFileKeptAs: string | null = null;
      if (deps.live()) {
        running = null;
        safetyBackup = (await copyLive('preRestore')).fileName;
        running = 'restore';
      }
      // Copy next to the ledger first, so the swap itself is one rename on the same disk.
      const incoming = `${deps.dbPath}.restoring`;
      await copyFile(join(folder, fileName), incoming);
      deps.closeLedger();
      try {
        if (!safetyBackup && existsSync(deps.dbPath)) {
          damagedFileKeptAs = `${deps.dbPath}.damaged-${backupFileName('preRestore', deps.clock()).slice(7, 26)}`;
          await rename(deps.dbPath, damagedFileKeptAs);
          for (const suffix of ['-wal', '-shm']) if (existsSync(deps.dbPath + suffix)) await rename(deps.dbPath + suffix, damagedFileKeptAs + suffix);
        }
        // The old file's WAL and shared memory belong to it; left beside the new file they would be replayed into it.
        await rm(`${deps.dbPath}-wal`, { force: true });
        await rm(`${deps.dbPath}-shm`, { force: true });
        await rename(incoming, deps.dbPath);
      } finally {
        // Whatever happened, the ledger is opened again: the restored file, or the one it would have replaced.
        deps.reopenLedger();
      }
      return { restoredFrom: fileName, safetyBackup, damagedFileKeptAs };
    });
  }

  return {
    folder,
    list: () => ({ folder, backups: listInfos(), policy: deps.policy(), damaged: deps.damaged() }),
    create: (kind) => exclusive('backup', () => copyLive(kind)),
    runDailyIfDue: async () => {
      if (running || !deps.live() || !isDailyBackupDue(listInfos(), deps.clock())) return false;
      await exclusive('backup', () => copyLive('daily'));
      return true;
    },
    preMigrationTarget: () => {
      ensureFolder();
      return join(folder, `${backupFileName('preMigration', deps.clock())}.partial`);
    },
    finishCopy,
    preview,
    checkLedger: async (full) => {
      const at = deps.clock();
      const problems = await checkOffThread(deps.dbPath, full);
      return { ok: problems.length === 0, problems, full, checkedAt: at };
    },
    restore,
    busy: () => running !== null,
    live: deps.live,
  };
}

