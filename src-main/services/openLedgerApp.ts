import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createUuidV7Generator } from '../core/ids';
import { openLedgerDb, type LedgerDb } from '../../db/openLedgerDb';
import { createLedgerApi, type LedgerApi } from './createLedgerApi';
import { get } from './sql';
import type { CurrentUser, HostKind } from './types';
import packageJson from '../../package.json' with { type: 'json' };

export interface OpenLedgerAppOptions {
  dataDir: string;
  host: HostKind;
  nativeBinding?: string;
  migrationsFolder?: string;
  /** Injected in tests; the wall clock otherwise. */
  clock?: () => number;
}

export interface LedgerApp {
  api: LedgerApi;
  /** The open ledger, for hosts' own needs (backups later) and for tests that arrange data. */
  db: LedgerDb;
  dbPath: string;
  close(): void;
}

/**
 * The one way a host opens the branch ledger: the data directory's ledger.sqlite, migrated,
 * with the API over it. Until login exists (issue 9) calls act as the branch's administrator;
 * before set-up, as a bootstrap administrator that can only run the first-start methods.
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
  const user = (): CurrentUser => {
    const admin = get<{ id: string }>(db, "SELECT id FROM users WHERE role = 'admin' AND active = 1 ORDER BY created_at LIMIT 1");
    return admin ? { id: admin.id, role: 'admin' } : { id: 'bootstrap', role: 'admin' };
  };
  const api = createLedgerApi({
    db,
    clock,
    ids: createUuidV7Generator(clock, (n) => randomBytes(n)),
    user,
    host: options.host,
    appVersion: packageJson.version,
  });
  return { api, db, dbPath, close: () => db.$client.close() };
}
