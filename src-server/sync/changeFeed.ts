import { sql, type SQL } from 'drizzle-orm';
import { insertManySql } from '../db/insertMany';
import { changes } from '../db/schema';
import type { Queryable, ServerTx } from '../openServerDb';

/**
 * An arbitrary constant naming the one advisory lock that writers of `changes` take.
 *
 * Why: a bigserial hands out cursors when rows are inserted, but transactions commit in their own
 * order. Without this lock, a push holding cursor 10 could commit after one holding cursor 11,
 * and a device pulling in between would move its cursor past 10 and never see it. Holding the
 * lock from before the first cursor is drawn until commit makes cursor order commit order. It
 * also serializes balance and exception updates across the devices of a branch, which the
 * "exactly one open exception" rule needs anyway. Readers never take it.
 */
const CHANGE_FEED_LOCK = 7_412_003;

/** Taken at the start of every transaction that appends changes; released by its commit or rollback. */
export async function lockChangeFeed(tx: ServerTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(CHANGE_FEED_LOCK))})`);
}

export type ChangeKind = 'op' | 'master' | 'user' | 'exception' | 'rejection';

export interface NewChange {
  /** Null: for every branch (head-office master data). */
  branchId: string | null;
  bucket: string;
  kind: ChangeKind;
  itemId: string;
  originDeviceId?: string | null;
  targetDeviceId?: string | null;
  /** The change's body as pulled, without kind, cursor and bucket; or that body as JSON text already. */
  payload: Record<string, unknown> | string;
}

/** Appends changes to the feed, in list order (cursors follow it); the caller holds the change-feed lock. */
export async function appendChanges(db: Queryable, now: number, list: readonly NewChange[]): Promise<void> {
  const statement = appendChangesSql(now, list);
  if (statement) await db.execute(statement);
}

/** The INSERT appendChanges runs (null for no changes). */
export function appendChangesSql(now: number, list: readonly NewChange[]): SQL | null {
  // Each change with its payload as text and that text's size (no copy of the change itself).
  const rows = list.map((c) => {
    const payload = typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload);
    return { c, payload, payloadBytes: Buffer.byteLength(payload, 'utf8') };
  });
  return insertManySql(
    changes,
    [
      { column: changes.branchId, type: 'uuid', value: (r) => r.c.branchId },
      { column: changes.bucket, type: 'text', value: (r) => r.c.bucket },
      { column: changes.kind, type: 'text', value: (r) => r.c.kind },
      { column: changes.itemId, type: 'text', value: (r) => r.c.itemId },
      { column: changes.originDeviceId, type: 'uuid', value: (r) => r.c.originDeviceId ?? null },
      { column: changes.targetDeviceId, type: 'uuid', value: (r) => r.c.targetDeviceId ?? null },
      { column: changes.payload, type: 'jsonText', value: (r) => r.payload },
      { column: changes.payloadBytes, type: 'integer', value: (r) => r.payloadBytes },
      { column: changes.createdAt, type: 'bigint', value: () => now },
    ],
    rows,
  );
}
