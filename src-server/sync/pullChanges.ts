import { eq, sql } from 'drizzle-orm';
import { MAX_PULL_PAGE_BYTES, type PullRequest, type PullResponse } from '../../src-main/sync/protocol';
import type { DeviceIdentity } from '../auth/authenticateDevice';
import { changes, devices } from '../db/schema';
import { rowsOf } from '../db/sqlArrays';
import { readServerMeta, type ServerDb } from '../openServerDb';
import { readBucketChecksums } from './bucketChecksums';

/**
 * The buckets a client may ask to refetch, and the change buckets that carry them: movements
 * travel inside their document's op, count entries among their count's ops.
 */
const refetchSources: Record<string, readonly string[]> = {
  documents: ['documents'],
  movements: ['documents'],
  exceptions: ['exceptions'],
  warehouses: ['warehouses'],
  master: ['master'],
  rejections: ['rejections'],
  counts: ['counts'],
  countEntries: ['counts'],
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
 * A page holds at most `limit` changes and, past the first, at most `pageBytes` (MAX_PULL_PAGE_BYTES) of
 * payloads, so a document sent as many large chunk ops arrives over several pages rather than
 * in one answer (and one SQLite transaction) of hundreds of megabytes. The page is chosen from
 * the changes' cursors and sizes alone; only the payloads it sends are read.
 *
 * The branch's changes and head office's (branch null) are read as two scans of the
 * (branch, cursor) index, each already in cursor order, and merged: one scan with
 * "branch = B or branch is null" would walk the whole feed in cursor order and filter out
 * every other branch's changes on the way.
 *
 * Refetch: changes of the named buckets are sent again from the start, merged into the stream by
 * cursor. If that does not fit in one page, the answer's cursor is the last one sent, which can
 * be below the cursor asked for; the client carries on from there and receives, once more, what
 * lies between (applying a change twice changes nothing). Checksums come only with the last page,
 * computed in the same snapshot as the changes, so they describe exactly what was sent.
 *
 * The answer is a PullResponse as JSON text, ready to send.
 */
export async function pullChanges(db: ServerDb, now: number, device: DeviceIdentity, request: PullRequest, pageBytes = MAX_PULL_PAGE_BYTES): Promise<string> {
  const refetchBuckets = [...new Set(request.refetch.flatMap((b) => refetchSources[b] ?? []))];
  const response = await db.transaction(
    async (tx) => {
      const meta = await readServerMeta(tx);
      const [me] = await tx.select({ lastSeq: devices.lastSeq }).from(devices).where(eq(devices.id, device.deviceId));
      const visible = sql`(kind <> 'rejection' OR target_device_id = ${device.deviceId}) AND (kind <> 'op' OR origin_device_id <> ${device.deviceId})`;
      const take = request.limit + 1;
      const scans = [
        sql`(SELECT cursor, payload_bytes FROM ${changes} WHERE branch_id = ${device.branchId} AND cursor > ${request.cursor} AND ${visible} ORDER BY cursor LIMIT ${take})`,
        sql`(SELECT cursor, payload_bytes FROM ${changes} WHERE branch_id IS NULL AND cursor > ${request.cursor} AND ${visible} ORDER BY cursor LIMIT ${take})`,
      ];
      if (refetchBuckets.length > 0) {
        const buckets = sql.join(
          refetchBuckets.map((b) => sql`${b}`),
          sql`, `,
        );
        scans.push(
          sql`(SELECT cursor, payload_bytes FROM ${changes}
                WHERE bucket IN (${buckets}) AND cursor <= ${request.cursor} AND (branch_id = ${device.branchId} OR branch_id IS NULL) AND ${visible}
                ORDER BY cursor LIMIT ${take})`,
        );
      }
      const rows = rowsOf<{ cursor: string | number; bucket: string; kind: string; payload: string; candidates: string | number }>(
        await tx.execute(sql`
          WITH candidates AS (
            SELECT cursor, payload_bytes FROM (${sql.join(scans, sql` UNION ALL `)}) u ORDER BY cursor LIMIT ${take}
          ), sized AS (
            SELECT cursor, sum(payload_bytes) OVER (ORDER BY cursor) - payload_bytes AS before, count(*) OVER () AS candidates FROM candidates
          )
          SELECT c.cursor, c.bucket, c.kind, c.payload::text AS payload, s.candidates
            FROM sized s JOIN ${changes} c ON c.cursor = s.cursor
           WHERE s.before < ${pageBytes}
           ORDER BY c.cursor`),
      );
      const candidates = Number(rows[0]?.candidates ?? 0);
      const page = rows.slice(0, request.limit).map((r) => ({ ...r, cursor: Number(r.cursor) }));
      const more = candidates > page.length;
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
