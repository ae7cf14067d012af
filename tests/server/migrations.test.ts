import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf } from '../../src-main/sync/protocol';
import { readBucketChecksums } from '../../src-server/sync/bucketChecksums';
import { defaultMigrationsFolder, openServerDb, type OpenServerDbOptions } from '../../src-server/openServerDb';

/**
 * A database made before the bucket checksums were kept (migration 0000 only) is upgraded by
 * 0001, which computes each branch's checksums from the rows it already holds, the same as
 * the protocol's checksumOf, so the first pull after the upgrade still matches the PCs.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The migrations folder as it was at 0000. */
function firstMigrationOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ho-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'meta'));
  cpSync(join(defaultMigrationsFolder, '0000_init.sql'), join(dir, '0000_init.sql'));
  cpSync(join(defaultMigrationsFolder, 'meta', '0000_snapshot.json'), join(dir, 'meta', '0000_snapshot.json'));
  const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx === 0) }));
  return dir;
}

interface Target {
  kind: string;
  location(): Promise<OpenServerDbOptions>;
}

const targets: Target[] = [
  {
    kind: 'pglite',
    location: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ho-pglite-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return { dataDir: dir };
    },
  },
];
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) {
  targets.push({
    kind: 'postgres',
    location: async () => {
      const name = `ledger_m_${randomBytes(6).toString('hex')}`;
      const run = async (statement: string) => {
        const c = new pg.Client({ connectionString: testDatabaseUrl });
        await c.connect();
        try {
          await c.query(statement);
        } finally {
          await c.end();
        }
      };
      await run(`CREATE DATABASE ${name}`);
      cleanups.push(() => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      const u = new URL(testDatabaseUrl);
      u.pathname = `/${name}`;
      return { databaseUrl: u.toString() };
    },
  });
}

for (const target of targets) {
  describe(`migrations [${target.kind}]`, () => {
    it('0001 computes the checksums of the rows a database already holds, per branch, as checksumOf does', { timeout: 60_000 }, async () => {
      const where = await target.location();
      const old = await openServerDb({ ...where, migrationsFolder: firstMigrationOnly() });
      const branches = [randomUUID(), randomUUID()];
      const expected: Record<string, Record<string, string[]>> = {};
      try {
        for (const [b, branchId] of branches.entries()) {
          await old.db.execute(sql`INSERT INTO branches (id, code, name, time_zone, created_at) VALUES (${branchId}, ${`BR${b}`}, 'x', 'Asia/Shanghai', 0)`);
          const ids = { documents: [] as string[], movements: [] as string[], exceptions: [] as string[], warehouses: [] as string[] };
          const warehouse = randomUUID();
          ids.warehouses.push(warehouse);
          await old.db.execute(sql`INSERT INTO warehouses (id, branch_id, code, name, kind, hlc, created_at) VALUES (${warehouse}, ${branchId}, 'MAIN', 'm', 'main', 'h', 0)`);
          for (let d = 0; d < 3 + b; d++) {
            const doc = randomUUID();
            ids.documents.push(doc);
            await old.db.execute(
              sql`INSERT INTO documents (id, branch_id, origin_device_id, doc_type, doc_no, business_date, warehouse_id, payload, received_at)
                  VALUES (${doc}, ${branchId}, ${randomUUID()}, 'receipt', ${`N${d}`}, '2026-03-10', ${warehouse}, '{}'::jsonb, 0)`,
            );
            for (let m = 0; m < 2; m++) {
              const movement = randomUUID();
              ids.movements.push(movement);
              await old.db.execute(
                sql`INSERT INTO movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_id, business_date, created_at)
                    VALUES (${movement}, ${branchId}, ${warehouse}, ${randomUUID()}, ${randomUUID()}, 1, 1, ${doc}, '2026-03-10', 0)`,
              );
            }
          }
          if (b === 1) {
            const exception = randomUUID();
            ids.exceptions.push(exception);
            await old.db.execute(
              sql`INSERT INTO stock_exceptions (id, branch_id, warehouse_id, product_id, lot_id, qty, status, opened_at) VALUES (${exception}, ${branchId}, ${warehouse}, ${randomUUID()}, ${randomUUID()}, -1, 'open', 0)`,
            );
          }
          expected[branchId] = ids;
        }
      } finally {
        await old.close();
      }

      const upgraded = await openServerDb(where);
      try {
        for (const branchId of branches) {
          const ids = expected[branchId]!;
          expect(await readBucketChecksums(upgraded.db, branchId)).toEqual({
            documents: checksumOf(ids.documents!),
            movements: checksumOf(ids.movements!),
            exceptions: checksumOf(ids.exceptions!),
            warehouses: checksumOf(ids.warehouses!),
            // Counts came with 0003; a database of 0000 holds none.
            counts: checksumOf([]),
            countEntries: checksumOf([]),
          });
        }
      } finally {
        await upgraded.close();
      }
    });
  });
}
