import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { PullRequest, PullResponse } from '../../src-main/sync/protocol';
import type { DeviceIdentity } from '../auth/authenticateDevice';
import { changes, devices } from '../db/schema';
import { readServerMeta, type ServerDb } from '../openServerDb';
import { readBucketChecksums } from './bucketChecksums';

/**
 * The buckets a client may ask to refetch, and the change buckets that carry them: movements
 * travel inside their document's op.
 */
const refetchSources: Record<string, readonly string[]> = {
  documents: ['documents'],
  movements: ['documents'],
  exceptions: ['exceptions'],
  warehouses: ['warehouses'],
  master: ['master'],
  rejections: ['rejections'],
};

/**
 * One change as JSON text: its stored payload (JSON text written by this server in the shape of
 * its kind, see appendChanges callers) with kind, cursor and bucket added. The payload is spliced
 * in as it is stored rather than parsed and serialized again: a page is up to a thousand ops.
 */
function changeJson(row: { cursor: number; bucket: string; kind: string; payload: string }): string {
  const inner = row.payload.trim().slice(1, -1).trim();
  return `{${inner}${inner ? ',' : ''}"kind":${JSON.stringify(row.kind)},"cursor":${row.cursor},"bucket":${JSON.stringify(row.bucket)}}`;
}

/**
 * Changes for one device, in cursor order, from one consistent snapshot: what its branch (and
 * every branch) may see, its own rejections but not other devices', and never its own ops back.
 *
 * Refetch: changes of the named buckets are sent again from the start, merged into the stream by
 * cursor. If that does not fit in one page, the answer's cursor is the last one sent, which can
 * be below the cursor asked for; the client carries on from there and receives, once more, what
 * lies between (applying a change twice changes nothing). Checksums come only with the last page,
 * computed in the same snapshot as the changes, so they describe exactly what was sent.
 *
 * The answer is a PullResponse as JSON text, ready to send.
 */
export async function pullChanges(db: ServerDb, now: number, device: DeviceIdentity, request: PullRequest): Promise<string> {
  const refetchBuckets = [...new Set(request.refetch.flatMap((b) => refetchSources[b] ?? []))];
  const response = await db.transaction(
    async (tx) => {
      const meta = await readServerMeta(tx);
      const [me] = await tx.select({ lastSeq: devices.lastSeq }).from(devices).where(eq(devices.id, device.deviceId));
      const visible = and(
        or(eq(changes.branchId, device.branchId), isNull(changes.branchId)),
        or(ne(changes.kind, 'rejection'), eq(changes.targetDeviceId, device.deviceId)),
        // An op's origin device is never null, so this keeps every other device's ops.
        or(ne(changes.kind, 'op'), ne(changes.originDeviceId, device.deviceId)),
      );
      const window = refetchBuckets.length > 0 ? or(gt(changes.cursor, request.cursor), inArray(changes.bucket, refetchBuckets)) : gt(changes.cursor, request.cursor);
      const rows = await tx
        .select({ cursor: changes.cursor, bucket: changes.bucket, kind: changes.kind, payload: sql<string>`${changes.payload}::text` })
        .from(changes)
        .where(and(visible, window))
        .orderBy(asc(changes.cursor))
        .limit(request.limit + 1);
      const more = rows.length > request.limit;
      const page = more ? rows.slice(0, request.limit) : rows;
      const last = page.at(-1)?.cursor ?? 0;
      const cursor = more ? last : Math.max(request.cursor, last);
      const head: Omit<PullResponse, 'changes'> = {
        epoch: meta.epoch,
        cursor,
        more,
        checksums: more ? {} : await readBucketChecksums(tx, device.branchId),
        lastSeq: me?.lastSeq ?? 0,
        serverTime: now,
      };
      return `{"changes":[${page.map(changeJson).join(',')}],${JSON.stringify(head).slice(1)}`;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await db.update(devices).set({ lastPullAt: now }).where(eq(devices.id, device.deviceId));
  return response;
}
