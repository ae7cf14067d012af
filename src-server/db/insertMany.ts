import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../openServerDb';

/**
 * The column types a bulk insert passes. `jsonText`: JSON text kept in a text column (the change
 * feed's payloads), passed like a json column's texts but stored as it is, unchecked.
 */
export type ArrayType = 'uuid' | 'text' | 'bigint' | 'integer' | 'json' | 'jsonb' | 'jsonText';

export interface BulkColumn<Row> {
  column: PgColumn;
  type: ArrayType;
  /** The value; for json, jsonb and jsonText columns, the value's JSON text. */
  value(row: Row): string | number | null;
}

/**
 * Inserts many rows with a few bind parameters, in row order (cursors of `changes` follow it):
 *
 * - the rows' plain values as one JSON array of records, unpacked by `json_to_recordset`;
 * - a column with the same value in every row (the branch of a push, its time) as one
 *   parameter, rather than once per row;
 * - the JSON texts of a json column as one text parameter, the texts joined by U+0001 and split
 *   again by `string_to_array`. JSON text never holds a raw U+0001 (JSON escapes every control
 *   character inside strings and allows none outside them), so the join is unambiguous and the
 *   texts travel as they are. Inside the rows' JSON they would travel as JSON strings, every
 *   quote escaped by us and unescaped by the server, which parsed the megabyte of a push batch's
 *   payloads twice; split out they are parsed once, by the cast to json that checks them (or
 *   not at all, for a jsonText column).
 *
 * Why not a multi-row VALUES list: a push batch writes thousands of rows, and a statement with
 * tens of thousands of bind parameters costs more to build and plan than the rows cost to
 * write. Why not one array per column (`unnest`): text values then travel as PostgreSQL array
 * literals, quoted and escaped once more by the driver and unescaped by the server.
 */
function isJson(c: BulkColumn<never>): boolean {
  return c.type === 'json' || c.type === 'jsonb' || c.type === 'jsonText';
}

/** The SQL type a column's values are cast to. */
function sqlType(type: ArrayType): string {
  return type === 'jsonText' ? 'text' : type;
}

/** Separates the JSON texts of a json column inside its one parameter (see above). */
const JSON_TEXT_SEPARATOR = '\u0001';

export async function insertMany<Row>(db: Queryable, table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): Promise<void> {
  const statement = insertManySql(table, columns, rows, onConflict);
  if (statement) await db.execute(statement);
}

type ColumnPlan =
  | { kind: 'same'; value: string | number | null }
  | { kind: 'record'; key: string }
  | { kind: 'jsonTexts'; alias: string; texts: string };

/** A plain value as JSON text (undefined as null, as in a record it would be left out). */
function jsonValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : JSON.stringify(v);
}

/** The INSERT that insertMany runs, to run on its own or as part of a larger statement (writeTogether); null for no rows. */
export function insertManySql<Row>(table: PgTable, columns: readonly BulkColumn<Row>[], rows: readonly Row[], onConflict?: SQL): SQL | null {
  const count = rows.length;
  if (count === 0) return null;
  const definitions: string[] = [];
  /** The record columns: each one's key as JSON text (`"c3":`) and its values, row by row. */
  const recordKeys: string[] = [];
  const recordValues: (string | number | null)[][] = [];
  const plans = columns.map((c, i): ColumnPlan => {
    const column = new Array<string | number | null>(count);
    let same = true;
    for (let r = 0; r < count; r++) {
      const v = c.value(rows[r] as Row);
      column[r] = v;
      if (v !== column[0]) same = false;
    }
    if (count > 1 && same) return { kind: 'same', value: column[0] ?? null };
    if (isJson(c)) {
      // An empty text stands for SQL null: it is not JSON, so no value can be mistaken for it.
      const texts = column.map((v) => (v === null ? '' : String(v)));
      for (const text of texts) {
        if (text.includes(JSON_TEXT_SEPARATOR)) throw new TypeError(`not JSON text for ${c.column.name}: it holds a raw U+0001`);
      }
      return { kind: 'jsonTexts', alias: `j${i}`, texts: texts.join(JSON_TEXT_SEPARATOR) };
    }
    const key = `c${i}`;
    recordKeys.push(`"${key}":`);
    recordValues.push(column);
    definitions.push(`${key} ${sqlType(c.type)}`);
    return { kind: 'record', key };
  });
  // The records' JSON is written out directly rather than built as an object per row and then
  // serialised: a push batch writes thousands of rows, and those objects were garbage at once.
  const records = new Array<string>(recordKeys.length > 0 ? count : 0);
  for (let r = 0; r < records.length; r++) {
    let text = '{';
    for (let k = 0; k < recordKeys.length; k++) text += `${k === 0 ? '' : ','}${recordKeys[k]}${jsonValue(recordValues[k]?.[r])}`;
    records[r] = `${text}}`;
  }

  const sources: SQL[] = [];
  const aliases: string[] = [];
  if (definitions.length > 0) {
    sources.push(sql`json_to_recordset(${`[${records.join(',')}]`}::json) AS (${sql.raw(definitions.join(', '))})`);
    aliases.push(...plans.flatMap((p) => (p.kind === 'record' ? [p.key] : [])));
  } else {
    // No value differs by row but json texts (or none at all): the row count comes from here.
    sources.push(sql`generate_series(1, ${count}::integer)`);
    aliases.push('g');
  }
  for (const p of plans) {
    if (p.kind !== 'jsonTexts') continue;
    sources.push(sql`unnest(string_to_array(${p.texts}::text, chr(1)))`);
    aliases.push(p.alias);
  }
  const picked = sql.join(
    plans.map((p, i) => {
      const type = sql.raw(sqlType(columns[i]?.type ?? 'text'));
      if (p.kind === 'same') return sql`${p.value}::${type}`;
      if (p.kind === 'record') return sql.raw(`x.${p.key}`);
      return sql`nullif(${sql.raw(`x.${p.alias}`)}, '')::${type}`;
    }),
    sql`, `,
  );
  const names = sql.join(
    columns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  return sql`INSERT INTO ${table} (${names}) SELECT ${picked} FROM ROWS FROM (${sql.join(sources, sql`, `)}) WITH ORDINALITY AS x(${sql.raw(aliases.join(', '))}, n) ORDER BY x.n ${onConflict ?? sql``}`;
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
