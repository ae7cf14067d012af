import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type LedgerSchema = typeof schema;
export type SqliteStatement = Database.Statement;
export type SqliteRunResult = Database.RunResult;
export type LedgerDb = BetterSQLite3Database<LedgerSchema> & { $client: Database.Database };

export interface OpenLedgerDbOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  /** Folder of drizzle-kit migrations; defaults to db/migrations beside this file. */
  migrationsFolder?: string;
  /**
   * Path of the better_sqlite3.node to load. Node (tests, the loopback host) and Electron need
   * different builds of the addon; Electron passes the one built for it (see build/).
   */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Run PRAGMA quick_check before anything else (a file ledger opened for writing): a damaged
   * file is refused with LedgerDamagedError instead of failing later, half way through a posting.
   */
  checkIntegrity?: boolean;
  /**
   * Where to copy the ledger before pending migrations change it (a path from the caller, which
   * then verifies and lists the copy), or undefined for no copy. Not called for a new, empty file.
   */
  backupBeforeMigrate?: (fromVersion: number, toVersion: number) => string | undefined;
}

/**
 * The ledger file cannot be read as a sound SQLite database: not a database at all, torn
 * pages, broken indexes. Hosts offer the latest good backup instead of opening it.
 */
export class LedgerDamagedError extends Error {
  readonly code = 'LEDGER_DAMAGED';
  constructor(readonly detail: string) {
    super(`The ledger file is damaged: ${detail}`);
  }
}

/** SQLite's result codes for a file that is not a sound database. */
function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** PRAGMA quick_check (or integrity_check when `full`): 'ok', or the problems it lists (at most 20). */
export function checkSqliteIntegrity(sqlite: Database.Database, full = false): string[] {
  const rows = sqlite.prepare(`PRAGMA ${full ? 'integrity_check' : 'quick_check'}(20)`).pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

/** `VACUUM INTO`: a consistent, compact copy of the whole database in one statement. */
export function copyDatabaseInto(sqlite: Database.Database, destination: string): void {
  sqlite.prepare('VACUUM INTO ?').run(destination);
}

export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(readonly databaseVersion: number, readonly appVersion: number) {
    super(
      `This ledger was written by a newer version of Branch Ledger (schema ${databaseVersion}; this app knows ${appVersion}). ` +
        `Install the newer version to open it; nothing was changed.`,
    );
  }
}

export class PragmaNotSetError extends Error {
  constructor(pragma: string, wanted: string | number, got: unknown) {
    super(`SQLite refused PRAGMA ${pragma} = ${wanted} (it reports ${String(got)}); the ledger is not opened.`);
  }
}

export const defaultMigrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** How many migrations this build of the app knows; stored as PRAGMA user_version. */
export function knownSchemaVersion(migrationsFolder = defaultMigrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

function pragmaValue(sqlite: Database.Database, name: string): unknown {
  return sqlite.pragma(name, { simple: true });
}

/**
 * Opens the branch ledger. WAL with synchronous=FULL: better-sqlite3 leaves WAL at NORMAL,
 * which can lose the last commits on power loss, and a stock ledger must not forget a posted
 * receipt. Every pragma is read back and asserted, then pending migrations are applied.
 */
export function openLedgerDb(options: OpenLedgerDbOptions): LedgerDb {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  const appVersion = knownSchemaVersion(migrationsFolder);
  const sqlite = new Database(options.path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    const memory = options.path === ':memory:';
    if (options.checkIntegrity && !memory) {
      const problems = checkSqliteIntegrity(sqlite);
      if (problems.length > 0) throw new LedgerDamagedError(problems.slice(0, 3).join('; '));
    }
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      const mode = pragmaValue(sqlite, 'journal_mode');
      if (mode !== (memory ? 'memory' : 'wal')) throw new PragmaNotSetError('journal_mode', 'WAL', mode);
    }
    sqlite.pragma('foreign_keys = ON');
    if (pragmaValue(sqlite, 'foreign_keys') !== 1) throw new PragmaNotSetError('foreign_keys', 'ON', pragmaValue(sqlite, 'foreign_keys'));
    sqlite.pragma('busy_timeout = 5000');
    if (pragmaValue(sqlite, 'busy_timeout') !== 5000) throw new PragmaNotSetError('busy_timeout', 5000, pragmaValue(sqlite, 'busy_timeout'));
    // A 64 MB page cache keeps the ledger's hot index pages (balances, open cost layers) in
    // memory on a busy branch instead of re-reading them for every posting.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('synchronous = FULL');
    if (pragmaValue(sqlite, 'synchronous') !== 2) throw new PragmaNotSetError('synchronous', 'FULL', pragmaValue(sqlite, 'synchronous'));

    const databaseVersion = Number(pragmaValue(sqlite, 'user_version'));
    if (databaseVersion > appVersion) throw new SchemaTooNewError(databaseVersion, appVersion);

    const db = drizzle({ client: sqlite, schema }) as LedgerDb;
    if (!options.readonly && databaseVersion < appVersion) {
      const hasTables = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
      const copyTo = hasTables && !memory ? options.backupBeforeMigrate?.(databaseVersion, appVersion) : undefined;
      if (copyTo) copyDatabaseInto(sqlite, copyTo);
      migrate(db, { migrationsFolder });
      sqlite.pragma(`user_version = ${appVersion}`);
    }
    return db;
  } catch (error) {
    sqlite.close();
    if (isDamage(error)) throw new LedgerDamagedError(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * A backup copy, opened as it is: no pragmas, no migrations. Opened for writing it is switched
 * to a rollback journal, so a backup is one self-contained file that opens read-only anywhere.
 */
export function openBackupCopy(path: string, options: { readonly: boolean; nativeBinding?: string }): LedgerDb {
  const sqlite = new Database(path, {
    fileMustExist: true,
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (!options.readonly) sqlite.pragma('journal_mode = DELETE');
    return drizzle({ client: sqlite, schema }) as LedgerDb;
  } catch (error) {
    sqlite.close();
    if (isDamage(error)) throw new LedgerDamagedError(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
