import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../openServerDb';

/** The column types a bulk insert passes. */
export type ArrayType = 'uuid' | 'text' | 'bigint' | 'integer' | 'json' | 'jsonb';

export interface BulkColumn<Row> {
  column: PgColumn;
  type: ArrayType;
  /** The value; for json and jsonb columns, the value's JSON text. */
  value(row: Row): string | number | null;
}

/**
 * Inserts many rows with one bind parameter: the rows as one JSON array, unpacked by
 * `json_to_recordset` and inserted in array order (cursors of `changes` follow it).
 *
 * Why not a multi-row VALUES list: a push batch writes thousands of rows, and a statement with
 * tens of thousands of bind parameters costs more to build and plan than the rows cost to
 * write. Why not one array per column (`unnest`): a json column's values then travel as
 * strings inside a PostgreSQL array literal, every quote escaped once more by the driver and
 * unescaped by the server. A json value travels here as a JSON string inside the rows' JSON
 * and is cast to json once, on insert: unpacked as a json field instead, PostgreSQL parses it
 * a second time (it checks the whole array, then each record's json field again), which for a
 * batch of op payloads was the larger part of the statement's time.
 */
function isJson(c: BulkColumn<never>): boolean {
  return c.type === 'json' || c.type === 'jsonb';
}

export async function insertMany<Row>(db: Queryable, table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): Promise<void> {
  const statement = insertManySql(table, columns, rows, onConflict);
  if (statement) await db.execute(statement);
}

/** The INSERT that insertMany runs, to run on its own or as part of a larger statement (writeTogether); null for no rows. */
export function insertManySql<Row>(table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): SQL | null {
  if (rows.length === 0) return null;
  const parts: string[] = [];
  for (const row of rows) {
    const fields = columns.map((c, i) => {
      const v = c.value(row);
      const text = v === null ? 'null' : JSON.stringify(isJson(c) ? String(v) : v);
      return `"c${i}":${text}`;
    });
    parts.push(`{${fields.join(',')}}`);
  }
  const names = sql.join(
    columns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const picked = sql.raw(columns.map((c, i) => (isJson(c) ? `x.c${i}::${c.type}` : `x.c${i}`)).join(', '));
  const definitions = sql.raw(columns.map((c, i) => `c${i} ${isJson(c) ? 'text' : c.type}`).join(', '));
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  return sql`INSERT INTO ${table} (${names}) SELECT ${picked} FROM ROWS FROM (json_to_recordset(${`[${parts.join(',')}]`}::json) AS (${definitions})) WITH ORDINALITY AS x(${aliases}, n) ORDER BY x.n ${onConflict ?? sql``}`;
}

/**
 * Runs several writes as one statement, each a data-modifying WITH clause: one round trip to the
 * database instead of one per table. The writes must not depend on one another (they run on
 * one snapshot, in no set order), and the rows of one table must come in one of them (the
 * order of `changes` cursors is the order within its INSERT).
 */
export async function writeTogether(db: Queryable, statements: readonly (SQL | null)[]): Promise<void> {
  const list = statements.filter((s): s is SQL => s !== null);
  if (list.length === 0) return;
  if (list.length === 1 && list[0]) {
    await db.execute(list[0]);
    return;
  }
  const clauses = sql.join(
    list.map((s, i) => sql`${sql.raw(`w${i}`)} AS (${s})`),
    sql`, `,
  );
  await db.execute(sql`WITH ${clauses} SELECT 1`);
}
