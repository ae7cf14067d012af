import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../openServerDb';

/** The column types a bulk insert passes as arrays. */
export type ArrayType = 'uuid' | 'text' | 'bigint' | 'integer' | 'jsonb';

export interface BulkColumn<Row> {
  column: PgColumn;
  type: ArrayType;
  value(row: Row): string | number | null;
}

/**
 * Inserts many rows with one parameter per column: `INSERT … SELECT * FROM unnest($1::uuid[], …)`.
 *
 * Why not a multi-row VALUES list: a push batch writes thousands of rows, and a statement with
 * tens of thousands of bind parameters costs more to build and plan than the rows cost to
 * write; with one array per column, the statement is the same size for 10 rows or 10,000.
 * jsonb values are passed as JSON text. Both node-postgres and PGlite send JS arrays as arrays.
 */
export async function insertMany<Row>(db: Queryable, table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(
    columns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const arrays = sql.join(
    columns.map((c) => sql`${sql.param(rows.map((r) => c.value(r)))}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  await db.execute(sql`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${onConflict ?? sql``}`);
}
