import { getTableName, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { createServer, type RateLimitOptions } from '../../src-server/createServer';
import * as schema from '../../src-server/db/schema';
import { initServerMeta, openServerDb, type OpenedServerDb, type ServerDbKind } from '../../src-server/openServerDb';

/**
 * Runs a server suite against PGlite in memory and, when TEST_DATABASE_URL is set, against real
 * PostgreSQL too. Each file gets its own database (a PGlite instance, or a PostgreSQL database
 * made for it, so files can run in parallel); each test starts from empty tables, a fresh epoch
 * and cursors from 1 again.
 */

export const testStart = Date.UTC(2026, 2, 10, 2, 0, 0);
export const adminToken = 'test-admin-token-0123456789';

export interface TestServer {
  kind: ServerDbKind;
  app: FastifyInstance;
  opened: OpenedServerDb;
  /** The server's clock; tests move it. */
  clock: { now: number };
}

const appTables = [
  schema.changes,
  schema.bucketChecksums,
  schema.ingestedOps,
  schema.enrolmentCodes,
  schema.devices,
  schema.documents,
  schema.movements,
  schema.balances,
  schema.stockExceptions,
  schema.warehouses,
  schema.masterRows,
  schema.lots,
  schema.branches,
  schema.serverMeta,
];

async function emptyTables(opened: OpenedServerDb): Promise<void> {
  const names = appTables.map((t) => `"${getTableName(t)}"`).join(', ');
  await opened.db.execute(sql.raw(`TRUNCATE ${names} RESTART IDENTITY CASCADE`));
  await initServerMeta(opened.db, testStart);
}

interface DatabaseTarget {
  kind: ServerDbKind;
  open(): Promise<{ opened: OpenedServerDb; drop(): Promise<void> }>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const targets: DatabaseTarget[] = [
  {
    kind: 'pglite',
    open: async () => ({ opened: await openServerDb({ now: () => testStart }), drop: async () => undefined }),
  },
];
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) {
  targets.push({
    kind: 'postgres',
    open: async () => {
      const name = `ledger_t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const opened = await openServerDb({ databaseUrl: withDatabase(testDatabaseUrl, name), now: () => testStart });
      return {
        opened,
        drop: async () => {
          const c = new pg.Client({ connectionString: testDatabaseUrl });
          await c.connect();
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await c.end();
          }
        },
      };
    },
  });
}

export interface SuiteOptions {
  rateLimit?: Partial<RateLimitOptions>;
}

/** `describe` once per database; `server()` is the current test's server. */
export function describeServer(title: string, body: (server: () => TestServer) => void, options: SuiteOptions = {}): void {
  for (const target of targets) {
    describe(`${title} [${target.kind}]`, () => {
      let opened: OpenedServerDb | undefined;
      let drop: () => Promise<void> = async () => undefined;
      let current: TestServer | undefined;
      beforeAll(async () => {
        ({ opened, drop } = await target.open());
      }, 60_000);
      afterAll(async () => {
        await opened?.close();
        await drop();
      });
      beforeEach(async () => {
        if (!opened) throw new Error('database not opened');
        await emptyTables(opened);
        const clock = { now: testStart };
        const app = createServer({ db: opened, clock: () => clock.now, adminToken, rateLimit: options.rateLimit ?? { max: 100_000 } });
        await app.ready();
        current = { kind: target.kind, app, opened, clock };
      });
      afterEach(async () => {
        await current?.app.close();
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error('no server outside a test');
        return current;
      });
    });
  }
}

export function newId(): string {
  return randomUUID();
}
