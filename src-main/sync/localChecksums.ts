import type { LedgerDb } from '../../db/openLedgerDb';
import { all, get } from '../services/sql';
import { checksumOf, removeFromChecksum, type Checksum } from './protocol';
import { isPartRef, partRefMovementIds } from './documentPartRefs';
import { opsTheServerLacks } from './syncState';

/**
 * This PC's checksum of each bucket it can compare with head office's, over the same item ids
 * the server counts. What the server cannot have yet — ops not settled, and ops it refused —
 * is taken out again, so a PC with unsent work does not look diverged.
 */
export type ComparedBucket = 'documents' | 'movements' | 'warehouses' | 'exceptions' | 'counts' | 'countEntries';

export const comparedBuckets: readonly ComparedBucket[] = ['documents', 'movements', 'warehouses', 'exceptions', 'counts', 'countEntries'];

const bucketIds: Record<ComparedBucket, string> = {
  documents: 'SELECT id FROM stock_documents',
  movements: 'SELECT id FROM stock_movements',
  warehouses: 'SELECT id FROM warehouses',
  exceptions: 'SELECT id FROM stock_exceptions',
  counts: 'SELECT id FROM stock_counts',
  countEntries: 'SELECT id FROM stock_count_entries',
};

interface CarriedIds {
  document?: { id?: unknown };
  movements?: { id?: unknown }[];
  warehouses?: { id?: unknown }[];
  count?: { id?: unknown };
  entry?: { id?: unknown };
}

export function localChecksums(db: LedgerDb): Record<ComparedBucket, Checksum> {
  const sums = {} as Record<ComparedBucket, Checksum>;
  for (const bucket of comparedBuckets) {
    // Plucked (the ids as strings, no row objects), on a statement of its own: pluck would stay
    // set on the shared cached one.
    sums[bucket] = checksumOf(db.$client.prepare(bucketIds[bucket]).pluck().all() as string[]);
  }
  const present = {
    documents: new Set<string>(),
    movements: new Set<string>(),
    warehouses: new Set<string>(),
    counts: new Set<string>(),
    countEntries: new Set<string>(),
  };
  for (const op of opsTheServerLacks(db)) {
    if (isPartRef(op.args)) {
      for (const id of partRefMovementIds(op.args)) present.movements.add(id);
      continue;
    }
    let args: CarriedIds;
    try {
      args = JSON.parse(op.args) as CarriedIds;
    } catch {
      continue;
    }
    if (typeof args.document?.id === 'string') present.documents.add(args.document.id);
    for (const m of Array.isArray(args.movements) ? args.movements : []) if (typeof m.id === 'string') present.movements.add(m.id);
    if (op.name === 'counts.start' && typeof args.count?.id === 'string') present.counts.add(args.count.id);
    if (op.name === 'counts.entry' && typeof args.entry?.id === 'string') present.countEntries.add(args.entry.id);
    if (op.name === 'setup.createBranch') {
      for (const w of Array.isArray(args.warehouses) ? args.warehouses : []) if (typeof w.id === 'string') present.warehouses.add(w.id);
    }
  }
  for (const bucket of ['documents', 'movements', 'warehouses', 'counts', 'countEntries'] as const) {
    const ids = [...present[bucket]];
    if (ids.length === 0) continue;
    // Only ids this ledger holds were counted above, so only those are taken out.
    const held = new Set(all<{ id: string }>(db, `${bucketIds[bucket]} WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)).map((r) => r.id));
    for (const id of ids) if (held.has(id)) sums[bucket] = removeFromChecksum(sums[bucket], id);
  }
  return sums;
}

/**
 * A cheap fingerprint of everything localChecksums reads: ids are only ever added (the ledger
 * is append-only), so row counts and the highest rowid change whenever a bucket does, and the
 * outbox's counts change whenever what the server lacks does. Hashing every id takes ~1 s per
 * million rows; this takes milliseconds, so a pull whose checksums matched last time with the
 * same fingerprint need not hash again.
 */
export function localChecksumFingerprint(db: LedgerDb): string {
  const parts: unknown[] = [];
  for (const table of ['stock_documents', 'stock_movements', 'warehouses', 'stock_exceptions', 'stock_counts', 'stock_count_entries']) {
    parts.push(get<{ n: number; r: number | null }>(db, `SELECT COUNT(*) AS n, MAX(rowid) AS r FROM ${table}`));
  }
  parts.push(
    get(
      db,
      `SELECT (SELECT COUNT(*) FROM sync_outbox WHERE acked_at IS NULL) AS unacked, (SELECT MAX(seq) FROM sync_outbox) AS seq,
              (SELECT COUNT(*) FROM sync_rejections) AS refused`,
    ),
  );
  return JSON.stringify(parts);
}
