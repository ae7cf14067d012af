import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../sync/secretStore';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHlcClock, type HlcClock } from '../core/hlc';
import { createUuidV7Generator } from '../core/ids';
import { LedgerDamagedError, openLedgerDb, type LedgerDb } from '../../db/openLedgerDb';
import { startWalCheckpointer } from '../../db/walCheckpointer';
import type { Envelope } from '../core/errors';
import { readBackupPolicy } from './backupMethods';
import { createBackupService, type BackupService } from './backups';
import { createRecoveryApi } from './recoveryApi';
import { createRecoveryGate } from './recoverySignIn';
import { removeOldExports } from '../exports/exportFiles';
import type { PdfFonts } from '../exports/exportTable';
import { createSyncClient, type SyncClient } from '../sync/syncClient';
import { createSyncScheduler, type SyncScheduler } from '../sync/syncScheduler';
import { createLedgerApi, type LedgerApi } from './createLedgerApi';
import { createReportRunner } from './reports/reportRunner';
import { readSetting } from './settings';
import { get } from './sql';
import type { HostKind } from './types';
import packageJson from '../../package.json' with { type: 'json' };

export interface OpenLedgerAppOptions {
  dataDir: string;
  host: HostKind;
  nativeBinding?: string;
  migrationsFolder?: string;
  /** Injected in tests; the wall clock otherwise. */
  clock?: () => number;
  /** How sync reaches head office; the global fetch otherwise (tests pass a fake server). */
  fetch?: typeof fetch;
  /**
   * Sync in the background (timer, backoff, after each write) once the PC is enrolled. On by
   * default; tests that drive sync step by step turn it off and call `sync.client` themselves.
   */
  autoSync?: boolean;
  /** Seals the device token at rest; the Electron host passes the OS keychain (safeStorage). */
  secrets?: SecretStore;
  /** The CJK fonts PDF exports embed; the system's Noto Sans CJK otherwise (Electron passes its packaged copy). */
  pdfFonts?: PdfFonts;
  /**
   * A daily backup at open (when due) and hourly checks after. On for the desktop and loopback
   * hosts; off by default for 'node' (tests, benchmarks), which open and close ledgers by the hundred.
   */
  autoBackup?: boolean;
  /** Checkpoint the WAL on a worker thread instead of inside commits (db/walCheckpointer.ts). On by default. */
  backgroundCheckpoint?: boolean;
  /** The report worker's entry file; the TypeScript source by default (Electron passes its bundle). */
  reportWorkerFile?: string;
  /** The integrity worker's entry file; the TypeScript source by default (Electron passes its bundle). */
  integrityWorkerFile?: string;
}

export interface LedgerApp {
  api: LedgerApi;
  /** The open ledger, for tests that arrange data. Throws in recovery mode (the file is damaged). */
  readonly db: LedgerDb;
  dbPath: string;
  /** `<dataDir>/exports`, where export methods make files for hosts to hand over. */
  exportsDir: string;
  /** Sync with head office: idle until the PC is enrolled (sync.enrol). Throws in recovery mode. */
  readonly sync: { client: SyncClient; scheduler: SyncScheduler };
  /** `<dataDir>/backups` and what makes them. */
  backups: BackupService;
  /** Why the ledger could not be opened (the API then serves only the recovery screen), else null. */
  damaged(): string | null;
  close(): void;
}

interface Session {
  db: LedgerDb;
  api: LedgerApi;
  client: SyncClient;
  scheduler: SyncScheduler;
  close(): void;
}

const hourMs = 60 * 60 * 1000;
const dailyBackupStartDelayMs = 30_000;

/**
 * The one way a host opens the branch ledger: the data directory's ledger.sqlite, checked
 * (quick_check), backed up before pending migrations, migrated, with the API over it. A damaged
 * file does not stop the host: the API then serves the recovery screen (backups to restore).
 * Nobody is signed in until someone signs in (auth.signIn) or sets the branch up; before set-up
 * a bootstrap administrator may run only the first-start methods.
 */
export function openLedgerApp(options: OpenLedgerAppOptions): LedgerApp {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, 'ledger.sqlite');
  const clock = options.clock ?? Date.now;
  const ids = createUuidV7Generator(clock, (n) => randomBytes(n));
  const autoSync = options.autoSync ?? true;
  const exportsDir = join(options.dataDir, 'exports');
  const nativeBinding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const migrations = options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {};

  let session: Session | undefined;
  let damaged: string | null = null;

  const backups = createBackupService({
    dbPath,
    folder: join(options.dataDir, 'backups'),
    clock,
    appVersion: packageJson.version,
    ...nativeBinding,
    live: () => session?.db,
    damaged: () => damaged,
    policy: () => readBackupPolicy(session?.db),
    closeLedger: () => {
      session?.close();
      session = undefined;
    },
    reopenLedger: () => openOrRecover(),
    ...(options.integrityWorkerFile ? { integrityWorkerFile: options.integrityWorkerFile } : {}),
  });

  function openSession(): Session {
    let preMigration: string | undefined;
    const db = openLedgerDb({
      path: dbPath,
      checkIntegrity: true,
      backupBeforeMigrate: () => (preMigration = backups.preMigrationTarget()),
      ...nativeBinding,
      ...migrations,
    });
    const checkpointer = options.backgroundCheckpoint === false ? undefined : startWalCheckpointer(db.$client, { path: dbPath, ...nativeBinding });
    if (preMigration) {
      try {
        backups.finishCopy(preMigration, 'preMigration', clock());
      } catch (error) {
        // The migration has run; a copy that failed its check is removed and said so, not fatal.
        console.error('[ledger] the backup made before migrating failed its check', error);
      }
    }
    // Rows sync writes carry stamps of their own node, so they never equal one the API made.
    let syncHlc: HlcClock | undefined;
    const client = createSyncClient({
      db,
      fetch: options.fetch ?? globalThis.fetch,
      clock,
      ids,
      hlc: () => (syncHlc ??= createHlcClock(`${readSetting<string>({ db }, 'deviceId') ?? 'device'}-sync`, clock)).now(),
      schemaVersion: Number(db.$client.pragma('user_version', { simple: true })),
      appVersion: packageJson.version,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
    const scheduler = createSyncScheduler({
      client,
      clock,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    const closing = new AbortController();
    // Reports run on a worker thread with a read-only connection of its own, per opened ledger
    // (a restore closes it with the session before the file is replaced).
    const reports = createReportRunner({
      dbPath,
      exportsDir,
      clock,
      ...nativeBinding,
      ...migrations,
      ...(options.pdfFonts ? { fonts: options.pdfFonts } : {}),
      ...(options.reportWorkerFile ? { workerFile: options.reportWorkerFile } : {}),
    });
    const api = createLedgerApi({
      db,
      clock,
      ids,
      host: options.host,
      appVersion: packageJson.version,
      backups,
      reports,
      exports: {
        dir: exportsDir,
        openReader: () => openLedgerDb({ path: dbPath, readonly: true, ...nativeBinding, ...migrations }),
        ...(options.pdfFonts ? { fonts: options.pdfFonts } : {}),
        signal: closing.signal,
      },
      sync: {
        enrol: async (input) => {
          const outcome = await client.enrol(input);
          if (autoSync) scheduler.wake();
          return outcome;
        },
        syncNow: () => (autoSync ? scheduler.runNow() : client.syncNow()),
        nudge: () => {
          if (autoSync) scheduler.nudge();
        },
      },
    });
    if (autoSync) scheduler.start();
    return {
      db,
      api,
      client,
      scheduler,
      close: () => {
        closing.abort(new Error('The ledger is closing.'));
        void reports.close();
        scheduler.stop();
        client.close();
        // Waits for the checkpoint thread's connection to close: a restore replaces the file next.
        checkpointer?.stop();
        db.$client.close();
      },
    };
  }

  /** Opens the ledger, or, when the file is damaged, stays in recovery mode; any other failure (a newer schema) is thrown. */
  function openOrRecover(): void {
    try {
      session = openSession();
      damaged = null;
    } catch (error) {
      if (!(error instanceof LedgerDamagedError)) throw error;
      session = undefined;
      damaged = error.detail;
      console.error(`[ledger] ${dbPath} is damaged (${error.detail}); serving the recovery screen`);
    }
  }

  openOrRecover();
  // Exports are fetched right after they are made; a day-old one was saved or forgotten.
  removeOldExports(exportsDir, clock());

  const recovery = createRecoveryApi({ backups, damaged: () => damaged ?? '', gate: createRecoveryGate({ clock, ...nativeBinding }), ids, clock });
  const restoring: Envelope = { ok: false, error: { code: 'LEDGER_RESTORING' } };
  const api: LedgerApi = {
    invoke: (name, input) => (session ? session.api.invoke(name, input) : backups.busy() ? Promise.resolve(restoring) : recovery.invoke(name, input)),
    invokeSync: (name, input) => (session ? session.api.invokeSync(name, input) : backups.busy() ? restoring : recovery.invokeSync(name, input)),
  };

  let dailyTimer: ReturnType<typeof setInterval> | undefined;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  if (options.autoBackup ?? options.host !== 'node') {
    const daily = (): void => {
      // Only a set-up branch has anything worth keeping.
      if (!session || !get(session.db, 'SELECT 1 AS x FROM branches LIMIT 1')) return;
      backups.runDailyIfDue().catch((error: unknown) => console.error('[ledger] daily backup failed', error));
    };
    // Not during start-up itself: the first screens load first, then the copy runs.
    startTimer = setTimeout(daily, dailyBackupStartDelayMs);
    startTimer.unref();
    dailyTimer = setInterval(daily, hourMs);
    dailyTimer.unref();
  }

  function current(): Session {
    if (!session) throw new Error(`The ledger is not open: ${damaged ?? 'it is being restored'}`);
    return session;
  }

  return {
    api,
    get db() {
      return current().db;
    },
    dbPath,
    exportsDir,
    get sync() {
      const { client, scheduler } = current();
      return { client, scheduler };
    },
    backups,
    damaged: () => damaged,
    close: () => {
      if (dailyTimer) clearInterval(dailyTimer);
      if (startTimer) clearTimeout(startTimer);
      session?.close();
      session = undefined;
    },
  };
}
