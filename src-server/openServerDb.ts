import { PGlite } from '@electric-sql/pglite';
import { eq, sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './db/schema';

export type ServerSchema = typeof schema;
type Relations = ExtractTablesWithRelations<ServerSchema>;

/**
 * The database as the server's code sees it: what node-postgres and PGlite have in common. Every
 * query is written once against this type, so both databases run the same statements.
 */
export type ServerDb = PgDatabase<PgQueryResultHKT, ServerSchema, Relations>;
export type ServerTx = PgTransaction<PgQueryResultHKT, ServerSchema, Relations>;
/** Either the database or a transaction (or savepoint) on it. */
export type Queryable = ServerDb | ServerTx;

export type ServerDbKind = 'postgres' | 'pglite';

export interface OpenServerDbOptions {
  /** A PostgreSQL connection string; when given, PostgreSQL is used. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; neither option means an in-memory PGlite (tests). */
  dataDir?: string;
  /** Folder of drizzle-kit migrations; defaults to src-server/migrations. */
  migrationsFolder?: string;
  /** Epoch ms for `server_meta.created_at` of a new database. */
  now?: () => number;
}

export interface OpenedServerDb {
  db: ServerDb;
  kind: ServerDbKind;
  close(): Promise<void>;
}

export const defaultMigrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the head-office database and applies pending migrations with the driver's own migrator.
 * A new database gets its epoch here, once; a restored copy of an old one keeps the epoch it had.
 */
export async function openServerDb(options: OpenServerDbOptions = {}): Promise<OpenedServerDb> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  const now = options.now ?? Date.now;
  let opened: OpenedServerDb;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client that loses its connection emits 'error' on the pool; unhandled, that
    // would take the whole server down instead of just that connection.
    pool.on('error', () => undefined);
    const db = drizzleNodePg({ client: pool, schema });
    try {
      await migrateNodePg(db, { migrationsFolder });
    } catch (e) {
      await pool.end();
      throw e;
    }
    opened = { db, kind: 'postgres', close: () => pool.end() };
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    const db = drizzlePglite({ client, schema });
    try {
      await migratePglite(db, { migrationsFolder });
    } catch (e) {
      await client.close();
      throw e;
    }
    opened = { db, kind: 'pglite', close: () => client.close() };
  }
  await initServerMeta(opened.db, now());
  return opened;
}

/** A fresh epoch: random, so two databases never share one by accident. */
export function newEpoch(): string {
  return randomBytes(12).toString('base64url');
}

/** Gives a new (or emptied) database its server_meta row; an existing row is left as it is. */
export async function initServerMeta(db: ServerDb, now: number): Promise<void> {
  await db
    .insert(schema.serverMeta)
    .values({ id: 1, epoch: newEpoch(), generation: 0, restoredFrom: null, createdAt: now, epochChangedAt: now })
    .onConflictDoNothing();
}

export interface ServerMetaRow {
  epoch: string;
  generation: number;
  restoredFrom: string | null;
}

export async function readServerMeta(db: Queryable): Promise<ServerMetaRow> {
  const [row] = await db
    .select({ epoch: schema.serverMeta.epoch, generation: schema.serverMeta.generation, restoredFrom: schema.serverMeta.restoredFrom })
    .from(schema.serverMeta)
    .where(eq(schema.serverMeta.id, 1));
  if (!row) throw new Error('server_meta is missing; openServerDb creates it');
  return row;
}

/**
 * Declares that this database was restored from a backup: a new epoch, so every client re-pushes
 * the ops it retained (the backup may predate some it was told were settled).
 */
export async function declareRestore(db: ServerDb, now: number): Promise<ServerMetaRow> {
  const [row] = await db
    .update(schema.serverMeta)
    .set({
      restoredFrom: sql`${schema.serverMeta.epoch}`,
      epoch: newEpoch(),
      generation: sql`${schema.serverMeta.generation} + 1`,
      epochChangedAt: now,
    })
    .where(eq(schema.serverMeta.id, 1))
    .returning({ epoch: schema.serverMeta.epoch, generation: schema.serverMeta.generation, restoredFrom: schema.serverMeta.restoredFrom });
  if (!row) throw new Error('server_meta is missing; openServerDb creates it');
  return row;
}
