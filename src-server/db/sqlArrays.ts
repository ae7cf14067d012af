import { sql, type SQL } from 'drizzle-orm';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids as one `uuid[]` bind parameter, for `= ANY(…)` and `unnest(…)`. One parameter rather
 * than one per id: a push batch names thousands of ids, and a statement with thousands of
 * parameters costs more to build, send and plan than the index lookups it asks for. The array
 * travels as its text form, which both node-postgres and PGlite pass through as it is; a uuid
 * has nothing in it to quote, and anything that is not one is refused here rather than spliced.
 */
export function uuidArray(ids: Iterable<string>): SQL {
  const list = [...ids];
  for (const id of list) if (!uuidPattern.test(id)) throw new TypeError(`not a uuid: ${JSON.stringify(id).slice(0, 60)}`);
  return sql`${`{${list.join(',')}}`}::uuid[]`;
}

/** The rows of a raw statement, whichever driver ran it (node-postgres and PGlite both answer `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
