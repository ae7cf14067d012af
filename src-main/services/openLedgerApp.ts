import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../sync/secretStore';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHlcClock, type HlcClock } from '../core/hlc';
import { createUuidV7Generator } from '../core/ids';
import { openLedgerDb, type LedgerDb } from '../../db/openLedgerDb';
import { removeOldExports } from '../exports/exportFiles';
import type { PdfFonts } from '../exports/exportTable';
import { createSyncClient, type SyncClient } from '../sync/syncClient';
import { createSyncScheduler, type SyncScheduler } from '../sync/syncScheduler';
import { createLedgerApi, type LedgerApi } from './createLedgerApi';
import { readSetting } from './settings';
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
}

export interface LedgerApp {
  api: LedgerApi;
  /** The open ledger, for hosts' own needs (backups later) and for tests that arrange data. */
  db: LedgerDb;
  dbPath: string;
  /** `<dataDir>/exports`, where export methods make files for hosts to hand over. */
  exportsDir: string;
  /** Sync with head office: idle until the PC is enrolled (sync.enrol). */
  sync: { client: SyncClient; scheduler: SyncScheduler };
  close(): void;
}

/**
 * The one way a host opens the branch ledger: the data directory's ledger.sqlite, migrated,
 * with the API over it. Nobody is signed in until someone signs in (auth.signIn) or sets the
 * branch up; before set-up a bootstrap administrator may run only the first-start methods.
 */
export function openLedgerApp(options: OpenLedgerAppOptions): LedgerApp {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, 'ledger.sqlite');
  const db = openLedgerDb({
    path: dbPath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  const clock = options.clock ?? Date.now;
  const ids = createUuidV7Generator(clock, (n) => randomBytes(n));
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
  const autoSync = options.autoSync ?? true;
  const exportsDir = join(options.dataDir, 'exports');
  // Exports are fetched right after they are made; a day-old one was saved or forgotten.
  removeOldExports(exportsDir, clock());
  const closing = new AbortController();
  const api = createLedgerApi({
    db,
    clock,
    ids,
    host: options.host,
    appVersion: packageJson.version,
    exports: {
      dir: exportsDir,
      openReader: () =>
        openLedgerDb({
          path: dbPath,
          readonly: true,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
        }),
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
    api,
    db,
    dbPath,
    exportsDir,
    sync: { client, scheduler },
    close: () => {
      closing.abort(new Error('The ledger is closing.'));
      scheduler.stop();
      client.close();
      db.$client.close();
    },
  };
}
