import { and, asc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import { checksumOf, type BucketChecksum, type Change, type PullRequest, type PullResponse } from '../../src-main/sync/protocol';
import type { DeviceIdentity } from '../auth/authenticateDevice';
import { changes, devices, documents, movements, stockExceptions, warehouses } from '../db/schema';
import { readServerMeta, type ServerDb, type ServerTx } from '../openServerDb';

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

/** Checksummed buckets: the ids of everything of the branch that the bucket covers. */
async function bucketChecksums(tx: ServerTx, branchId: string): Promise<Record<string, BucketChecksum>> {
  const [docs, moves, exceptions, stores] = [
    await tx.select({ id: documents.id }).from(documents).where(eq(documents.branchId, branchId)),
    await tx.select({ id: movements.id }).from(movements).where(eq(movements.branchId, branchId)),
    await tx.select({ id: stockExceptions.id }).from(stockExceptions).where(eq(stockExceptions.branchId, branchId)),
    await tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.branchId, branchId)),
  ];
  return {
    documents: checksumOf(docs.map((r) => r.id)),
    movements: checksumOf(moves.map((r) => r.id)),
    exceptions: checksumOf(exceptions.map((r) => r.id)),
    warehouses: checksumOf(stores.map((r) => r.id)),
  };
}

function toChange(row: { cursor: number; bucket: string; kind: string; payload: unknown }): Change {
  // Payloads were written by this server in the shape of their kind (see appendChanges callers).
  return { ...(row.payload as object), kind: row.kind, cursor: row.cursor, bucket: row.bucket } as Change;
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
 */
export async function pullChanges(db: ServerDb, now: number, device: DeviceIdentity, request: PullRequest): Promise<PullResponse> {
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
        .select({ cursor: changes.cursor, bucket: changes.bucket, kind: changes.kind, payload: changes.payload })
        .from(changes)
        .where(and(visible, window))
        .orderBy(asc(changes.cursor))
        .limit(request.limit + 1);
      const more = rows.length > request.limit;
      const page = more ? rows.slice(0, request.limit) : rows;
      const last = page.at(-1)?.cursor ?? 0;
      const cursor = more ? last : Math.max(request.cursor, last);
      return {
        epoch: meta.epoch,
        changes: page.map(toChange),
        cursor,
        more,
        checksums: more ? {} : await bucketChecksums(tx, device.branchId),
        lastSeq: me?.lastSeq ?? 0,
        serverTime: now,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await db.update(devices).set({ lastPullAt: now }).where(eq(devices.id, device.deviceId));
  return response;
}
