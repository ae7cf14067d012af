import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * A master-data field's current value as text, from a `fields` jsonb column ({ name: { value,
 * hlc } }). The name goes in as a literal, not a parameter (`jsonb -> $1` is ambiguous between
 * key and index lookup), so only plain field names are accepted.
 */
export function masterField(fields: PgColumn, name: string): SQL<string | null> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new Error(`Not a field name: ${name}`);
  return sql<string | null>`(${fields} -> ${sql.raw(`'${name}'`)} ->> 'value')`;
}

/** A LIKE pattern matching `q` anywhere, with LIKE's own characters taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
