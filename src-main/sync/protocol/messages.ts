import { z } from 'zod';
import { masterEntities } from './registry';

/**
 * The branch ↔ head-office sync protocol (DESIGN.md, "Sync protocol"). Shared by the client
 * (src-main/sync) and the server (src-server): both parse every message with these schemas,
 * and unknown fields are refused, not stored.
 *
 * Transport: HTTPS JSON. Every request but enrolment carries `Authorization: Bearer <device
 * token>`; the server takes branch and device from the token, never from the body.
 */

export const PROTOCOL_VERSION = 1;
/** Protocol versions this build of either side speaks. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];
/** Push batches: at most this many ops … */
export const MAX_PUSH_OPS = 500;
/** … and at most this many bytes of JSON body. */
export const MAX_PUSH_BYTES = 1_000_000;
/**
 * Changes a pull page may hold. A page is applied in one SQLite transaction, and on a PC each
 * commit writes to the WAL, and flushes, every page the transaction touched (synchronous=FULL).
 * Indexes keyed by product or lot (balances, open cost layers, movements by date and product,
 * lots by expiry) take a page's changes all over their leaves, so each commit rewrites most of
 * those leaves whatever the page's size: the fewer the commits, the fewer the bytes. Applying
 * 100,000 pulled receipts wrote 2.7 GB with pages of 5,000 changes or 8 MB, 1.6 GB with pages
 * twice that size. A page of 16 MB of JSON (10,000 receipts) parses into about 20 MB of heap.
 */
export const MAX_PULL_LIMIT = 10_000;
/**
 * A pull page stops adding changes once their payloads reach this many bytes (the first change
 * always goes): big documents travel as several ops, and a page of them stays a few megabytes.
 */
export const MAX_PULL_PAGE_BYTES = 16_000_000;
/** A client clock further ahead of the server than this is refused (Actual #7106). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Acked ops are kept this long on the client, so a server restored from backup can be re-sent them. */
export const ACKED_RETENTION_MS = 30 * 86_400_000;

const uuid = z.string().uuid();
const hlc = z.string().regex(/^\d{15}-[0-9a-z]{5}-[\w-]{1,64}$/);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const epochMs = z.number().int().min(0).max(8.64e15);

/** Who is speaking and in which versions; sent with every push and pull. */
export const clientHello = {
  protocolVersion: z.number().int().min(1),
  /** The client's ledger schema version (PRAGMA user_version). */
  schemaVersion: z.number().int().min(1),
  /** The client's wall clock when sending, to refuse a clock far ahead. */
  sentAt: epochMs,
};

// ── Enrolment ────────────────────────────────────────────────────────────────────────────

export const enrolRequest = z.strictObject({
  protocolVersion: z.number().int().min(1),
  /** One-time code head office issued for the branch (e.g. 'K7QP-M3XD-9TRA'). */
  code: z.string().trim().min(8).max(40),
  deviceId: uuid,
  deviceName: z.string().trim().min(1).max(80),
  /** The branch code of the device's local ledger, or null if it is not set up yet. */
  localBranchCode: z.string().max(8).nullable(),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export const enrolResponse = z.strictObject({
  /** Shown once; the server keeps only its hash. */
  deviceToken: z.string().min(32),
  branch: z.strictObject({ id: uuid, code: z.string(), name: z.string(), timeZone: z.string() }),
  /**
   * Document numbers must be unique in the branch although every PC allocates its own offline:
   * the first PC of a branch numbers as BJ01-GR-2026-000123, the second as BJ01B-GR-…, the
   * third BJ01C-… Head office hands out the letter: '' for the device that founds the branch's
   * ledger (its local branch code matches and no device holds it yet), then 'B', 'C', … in
   * enrolment order (never reused, also after a revoke).
   */
  terminalCode: z.string().regex(/^[A-Z]{0,2}$/),
  epoch: z.string(),
});
export type EnrolResponse = z.infer<typeof enrolResponse>;

// ── Push ────────────────────────────────────────────────────────────────────────────────

export const outboxOp = z.strictObject({
  seq,
  opId: uuid,
  /** A name in the sync registry, e.g. 'stock.receive'. */
  name: z.string().min(1).max(64),
  version: z.number().int().min(1).max(1000),
  args: z.unknown(),
  hlc,
  createdAt: epochMs,
});
export type OutboxOp = z.infer<typeof outboxOp>;

export const pushRequest = z.strictObject({
  ...clientHello,
  /** The server epoch the client last saw, or null before the first sync. */
  epoch: z.string().nullable(),
  ops: z.array(outboxOp).min(1).max(MAX_PUSH_OPS),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const rejection = z.strictObject({
  seq,
  opId: uuid,
  name: z.string(),
  /** Stable code (FORBIDDEN, UNKNOWN_OP, INVALID_ARGS, …) the client translates. */
  code: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejection>;

export const pushResponse = z.strictObject({
  epoch: z.string(),
  /** The highest seq the server has settled for this device (applied or rejected). */
  lastSeq: z.number().int().min(0),
  applied: z.number().int().min(0),
  /** Ops at or below the server's last_seq, already settled earlier (a replayed batch). */
  skipped: z.number().int().min(0),
  rejected: z.array(rejection),
  /** True when the batch had a hole: ops after it were not applied and must be re-sent. */
  stoppedAtGap: z.boolean(),
  serverTime: epochMs,
});
export type PushResponse = z.infer<typeof pushResponse>;

// ── Pull ────────────────────────────────────────────────────────────────────────────────

/**
 * What a client receives, in server order. The cursor is the server's own sequence, never a
 * client clock; the client applies a batch and its new cursor in one SQLite transaction.
 */
export const change = z.discriminatedUnion('kind', [
  /** An op another device of this branch pushed; the registry applies it. */
  z.strictObject({ kind: z.literal('op'), cursor: z.number().int().min(1), bucket: z.string(), name: z.string(), version: z.number().int(), args: z.unknown(), originDeviceId: uuid }),
  /** Master data from head office: field values with their HLC, merged last-writer-wins per field. */
  z.strictObject({
    kind: z.literal('master'),
    cursor: z.number().int().min(1),
    bucket: z.string(),
    entity: z.enum(masterEntities),
    id: uuid,
    fields: z.record(z.string(), z.strictObject({ value: z.unknown(), hlc })),
  }),
  /**
   * A branch user head office manages (users.origin 'head_office'), for this branch only: field
   * values with their HLC, merged last-writer-wins per field like master data. The password or PIN
   * travels only as its scrypt hash (credentialHash.ts).
   */
  z.strictObject({
    kind: z.literal('user'),
    cursor: z.number().int().min(1),
    bucket: z.string(),
    id: uuid,
    fields: z.record(z.string(), z.strictObject({ value: z.unknown(), hlc })),
  }),
  /** A stock exception (an oversell merging revealed), opened or resolved. */
  z.strictObject({
    kind: z.literal('exception'),
    cursor: z.number().int().min(1),
    bucket: z.string(),
    exception: z.strictObject({
      id: uuid,
      warehouseId: uuid,
      productId: uuid,
      lotId: uuid,
      qty: z.number().int(),
      status: z.enum(['open', 'resolved']),
      openedAt: epochMs,
      resolvedAt: epochMs.nullable(),
    }),
  }),
  /** One of this device's own ops that head office refused, with the reason. */
  z.strictObject({ kind: z.literal('rejection'), cursor: z.number().int().min(1), bucket: z.string(), rejection }),
]);
export type Change = z.infer<typeof change>;

export const pullRequest = z.strictObject({
  ...clientHello,
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
  /** Buckets whose checksum disagreed: these are sent again from the start. */
  refetch: z.array(z.string().max(64)).max(20).default([]),
});
export type PullRequest = z.infer<typeof pullRequest>;

export const bucketChecksum = z.strictObject({ count: z.number().int().min(0), hash: z.number().int().min(0) });
export type BucketChecksum = z.infer<typeof bucketChecksum>;

export const pullResponse = z.strictObject({
  epoch: z.string(),
  changes: z.array(change),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  /** Per bucket, over everything up to `cursor`, when `more` is false. */
  checksums: z.record(z.string(), bucketChecksum),
  /** The server's last_seq for this device: behind the client's acked seq means a restore. */
  lastSeq: z.number().int().min(0),
  serverTime: epochMs,
});
export type PullResponse = z.infer<typeof pullResponse>;

// ── Errors ──────────────────────────────────────────────────────────────────────────────

export const syncErrorCodes = [
  'UPDATE_REQUIRED',
  'CLOCK_AHEAD',
  'UNAUTHORIZED',
  'DEVICE_REVOKED',
  'ENROLMENT_CODE_INVALID',
  'ENROLMENT_BRANCH_MISMATCH',
  'ENROLMENT_BRANCH_FOUNDED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'SERVER_ERROR',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];

export const syncError = z.strictObject({
  error: z.strictObject({ code: z.enum(syncErrorCodes), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type SyncError = z.infer<typeof syncError>;
