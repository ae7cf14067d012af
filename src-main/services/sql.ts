import type { LedgerDb, SqliteRunResult, SqliteStatement as Statement } from '../../db/openLedgerDb';

/**
 * Prepared statements per connection. The posting path runs a handful of statements per line;
 * preparing them once keeps a 20-line receipt close to the cost of the raw inserts (bench/).
 * Statements that answer rows as arrays (`allRaw`) are kept apart from those answering objects.
 */
const caches = new WeakMap<object, Map<string, Statement>>();
const arrayCaches = new WeakMap<object, Map<string, Statement>>();

function cached(db: LedgerDb, source: string, arrays: boolean): Statement {
  const byConnection = arrays ? arrayCaches : caches;
  let cache = byConnection.get(db.$client);
  if (!cache) {
    cache = new Map();
    byConnection.set(db.$client, cache);
  }
  let s = cache.get(source);
  if (!s) {
    s = db.$client.prepare(source);
    if (arrays) s.raw(true);
    cache.set(source, s);
  }
  return s;
}

export function stmt(db: LedgerDb, source: string): Statement {
  return cached(db, source, false);
}

export function get<T>(db: LedgerDb, source: string, ...params: unknown[]): T | undefined {
  return stmt(db, source).get(...params) as T | undefined;
}

export function all<T>(db: LedgerDb, source: string, ...params: unknown[]): T[] {
  return stmt(db, source).all(...params) as T[];
}

/**
 * The rows of a big read as arrays of column values, in the statement's column order: the
 * driver builds no object per row, which for 20,000 rows of a dozen columns is a good part of
 * the read.
 */
export function allRaw(db: LedgerDb, source: string, ...params: unknown[]): unknown[][] {
  return cached(db, source, true).all(...params) as unknown[][];
}

export function run(db: LedgerDb, source: string, ...params: unknown[]): SqliteRunResult {
  return stmt(db, source).run(...params);
}

/**
 * Rows per multi-row statement. A big posting's rows reach SQLite in calls of this many: a call
 * per row costs a bind, step and reset of its own, a good part of posting a 20,000-line count.
 */
export const ROWS_PER_STATEMENT = 50;

const valuesText = new Map<number, string>();

/** The VALUES of a statement for `rows` rows of `width` columns: `(?, ?), (?, ?)`. */
export function valuesOf(rows: number, width: number): string {
  const key = rows * 1000 + width;
  let text = valuesText.get(key);
  if (text === undefined) {
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    text = Array.from({ length: rows }, () => row).join(', ');
    valuesText.set(key, text);
  }
  return text;
}

/**
 * Runs `source(n)`, a statement taking n rows of `width` values, over the rows of `values`
 * (`width` values a row, one flat list), ROWS_PER_STATEMENT rows at a time. Each size of
 * statement is prepared once per connection.
 */
export function runForRows(db: LedgerDb, source: (rows: number) => string, width: number, values: readonly unknown[]): void {
  const rows = values.length / width;
  for (let first = 0; first < rows; first += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, rows - first);
    stmt(db, source(n)).run(values.slice(first * width, (first + n) * width));
  }
}

/** Runs `fn` in one IMMEDIATE transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(db: LedgerDb, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * The rows of one query, streamed: for exports on a reader connection of their own. Every
 * `chunk` rows it lets the event loop run, so the API keeps answering during a long export.
 * One statement reads one snapshot however long it runs; leaving the loop early (a cancelled
 * export) closes the statement.
 */
export async function* streamRows<T>(db: LedgerDb, source: string, params: readonly unknown[], chunk = 1000): AsyncGenerator<T> {
  let n = 0;
  for (const row of db.$client.prepare(source).iterate(...params)) {
    yield row as T;
    if (++n % chunk === 0) await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
  }
}

/** One condition of a list's filters, with the parameters it binds; a falsy entry is a filter not set. */
export type Condition = readonly [sql: string, ...params: unknown[]] | false | '' | undefined | null;

/** The WHERE clause of the conditions that are set ('' when none is) and their parameters, in order. */
export function whereClause(conditions: readonly Condition[]): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const c of conditions) {
    if (!c) continue;
    const [sql, ...bound] = c;
    parts.push(sql);
    params.push(...bound);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A search typed into a list: the text anywhere in any of the columns (LIKE, its wildcards escaped); not set when empty. */
export function textSearch(columns: readonly string[], text: string): Condition {
  if (text === '') return false;
  const like = `%${escapeLike(text)}%`;
  return [`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...columns.map(() => like)];
}

/** The text with LIKE's wildcards and its escape character escaped, for `LIKE ? ESCAPE '\\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
