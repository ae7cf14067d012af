import { eq, sql, type SQL } from 'drizzle-orm';
import { emptyChecksum, fnv1a32, type BucketChecksum } from '../../src-main/sync/protocol';
import { insertManySql } from '../db/insertMany';
import { bucketChecksums } from '../db/schema';
import type { Queryable } from '../openServerDb';

/**
 * Per-branch bucket checksums, kept as rows are inserted rather than recomputed on every pull.
 * The protocol's checksum is a count and a sum (mod 2^32) of each item's hash, so adding items
 * only adds to it: the transaction that inserts a branch's documents, movements, exceptions or
 * warehouses adds their ids here too, and a pull reads the sums in the same snapshot as the
 * changes it sends (stock counts by id, and their entries by id). Rows of these buckets are never deleted or re-keyed (exceptions change state,
 * not id), so nothing ever needs to be taken out again.
 */
export const checksummedBuckets = ['documents', 'movements', 'exceptions', 'warehouses', 'counts', 'countEntries'] as const;
export type ChecksummedBucket = (typeof checksummedBuckets)[number];

const MOD = 0x100000000;

/** Adds the ids a transaction inserted for the branch, one statement for every bucket. */
export async function addToBucketChecksums(db: Queryable, branchId: string, added: Partial<Record<ChecksummedBucket, readonly string[]>>): Promise<void> {
  const statement = addToBucketChecksumsSql(branchId, added);
  if (statement) await db.execute(statement);
}

/** The statement addToBucketChecksums runs (null when nothing was added). */
export function addToBucketChecksumsSql(branchId: string, added: Partial<Record<ChecksummedBucket, readonly string[]>>): SQL | null {
  const rows: { bucket: string; count: number; hash: number }[] = [];
  for (const bucket of checksummedBuckets) {
    const ids = added[bucket];
    if (!ids || ids.length === 0) continue;
    let hash = 0;
    for (const id of ids) hash = (hash + fnv1a32(id)) % MOD;
    rows.push({ bucket, count: ids.length, hash });
  }
  return insertManySql(
    bucketChecksums,
    [
      { column: bucketChecksums.branchId, type: 'uuid', value: () => branchId },
      { column: bucketChecksums.bucket, type: 'text', value: (r) => r.bucket },
      { column: bucketChecksums.count, type: 'bigint', value: (r) => r.count },
      { column: bucketChecksums.hash, type: 'bigint', value: (r) => r.hash },
    ],
    rows,
    sql`ON CONFLICT (branch_id, bucket) DO UPDATE SET count = ${bucketChecksums}.count + excluded.count, hash = (${bucketChecksums}.hash + excluded.hash) % ${sql.raw(String(MOD))}`,
  );
}

/** The branch's checksum of every checksummed bucket (an empty bucket has no row: zero). */
export async function readBucketChecksums(db: Queryable, branchId: string): Promise<Record<ChecksummedBucket, BucketChecksum>> {
  const rows = await db
    .select({ bucket: bucketChecksums.bucket, count: bucketChecksums.count, hash: bucketChecksums.hash })
    .from(bucketChecksums)
    .where(eq(bucketChecksums.branchId, branchId));
  const sums = Object.fromEntries(checksummedBuckets.map((b) => [b, emptyChecksum])) as Record<ChecksummedBucket, BucketChecksum>;
  for (const r of rows) if ((checksummedBuckets as readonly string[]).includes(r.bucket)) sums[r.bucket as ChecksummedBucket] = { count: r.count, hash: r.hash };
  return sums;
}
