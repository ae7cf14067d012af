import type { LedgerDb } from '../../db/openLedgerDb';
import { get, run } from './sql';

/**
 * A document another PC of the branch sent as a whole snapshot (sales and purchase orders,
 * customer and supplier returns): the later HLC wins. When the snapshot is later than this PC's
 * copy (or there is none), its header row is written over the copy and the `children` tables
 * (its lines, reservations…) are emptied for the caller to write the snapshot's own. `row` holds
 * the header's columns by name, `id` and `hlc` included; columns it leaves out keep their value.
 * Answers whether the snapshot was taken.
 */
export function takeNewerSnapshot(
  db: LedgerDb,
  table: string,
  row: Readonly<Record<string, unknown>> & { id: string; hlc: string },
  children: readonly (readonly [table: string, parentColumn: string])[],
): boolean {
  const stored = get<{ hlc: string }>(db, `SELECT hlc FROM ${table} WHERE id = ?`, row.id);
  if (stored && stored.hlc >= row.hlc) return false;
  for (const [child, parentColumn] of children) run(db, `DELETE FROM ${child} WHERE ${parentColumn} = ?`, row.id);
  const columns = Object.keys(row);
  run(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
    ...Object.values(row),
  );
  return true;
}
