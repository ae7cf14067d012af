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
 * unescaped by the server — for a batch of op payloads, most of the statement's time. Here a
 * json value is spliced into the rows' JSON as it is, and the whole is parsed once.
 */
export async function insertMany<Row>(db: Queryable, table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): Promise<void> {
  if (rows.length === 0) return;
  const parts: string[] = [];
  for (const row of rows) {
    const fields = columns.map((c, i) => {
      const v = c.value(row);
      const text = v === null ? 'null' : c.type === 'json' || c.type === 'jsonb' ? String(v) : JSON.stringify(v);
      return `"c${i}":${text}`;
    });
    parts.push(`{${fields.join(',')}}`);
  }
  const names = sql.join(
    columns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const picked = sql.raw(columns.map((_, i) => `x.c${i}`).join(', '));
  const definitions = sql.raw(columns.map((c, i) => `c${i} ${c.type}`).join(', '));
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  await db.execute(
    sql`INSERT INTO ${table} (${names}) SELECT ${picked} FROM ROWS FROM (json_to_recordset(${`[${parts.join(',')}]`}::json) AS (${definitions})) WITH ORDINALITY AS x(${aliases}, n) ORDER BY x.n ${onConflict ?? sql``}`,
  );
}
