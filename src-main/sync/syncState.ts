import type { LedgerDb } from '../../db/openLedgerDb';
import { all, get, run } from '../services/sql';

/**
 * The sync bookkeeping of this PC, one JSON value per key in `sync_state`. Every read and write
 * of it goes through these functions, so the keys and their types are listed in one place.
 *
 * What is deliberately NOT here: a pending counter. How many ops wait is always counted from
 * the outbox itself (powersync-sqlite-core #162: a counter out of step with its queue after a
 * kill blocked sync for good).
 */
export interface SyncBranch {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface SyncErrorState {
  /** A stable code the renderer translates (OFFLINE, CLOCK_AHEAD, UPDATE_REQUIRED, …). */
  code: string;
  /** What the server or the network said, for the log and for support; not shown as the headline. */
  message: string;
  params?: Record<string, string | number>;
  at: number;
}

export interface DivergenceNote {
  bucket: string;
  local: { count: number; hash: number };
  server: { count: number; hash: number };
  since: number;
  attempts: number;
}

export interface SyncStateValues {
  deviceId: string;
  deviceName: string;
  serverUrl: string;
  deviceToken: string;
  /** The server database's epoch as last seen; another one means it was restored from a backup. */
  epoch: string;
  /** The branch this PC is bound to, as head office names it. */
  branch: SyncBranch;
  terminalCode: string;
  enrolledAt: number;
  /** The server's sequence (never a client clock); written by applyPulledBatch with its data. */
  pullCursor: number;
  /** The highest seq head office said it settled for this PC, to notice a restore that lost some. */
  serverLastSeq: number;
  lastSyncAt: number;
  lastPushAt: number;
  lastPullAt: number;
  lastError: SyncErrorState | null;
  /** Buckets whose checksum disagreed, with how many refetches in a row were tried. */
  refetch: Record<string, { attempts: number; lastAt: number }>;
  divergence: DivergenceNote[];
  /** Server time minus this PC's time at the last answer, in ms. */
  clockOffsetMs: number;
  lastRestoreAt: number;
}

export type SyncStateKey = keyof SyncStateValues;

export function readSyncState<K extends SyncStateKey>(db: LedgerDb, key: K): SyncStateValues[K] | undefined {
  const row = get<{ value: string }>(db, 'SELECT value FROM sync_state WHERE key = ?', key);
  return row ? (JSON.parse(row.value) as SyncStateValues[K]) : undefined;
}

export function writeSyncState<K extends SyncStateKey>(db: LedgerDb, key: K, value: SyncStateValues[K], now: number): void {
  run(
    db,
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    key,
    JSON.stringify(value),
    now,
  );
}

/** Enrolled with a server, with a token to talk to it. */
export function isSyncConfigured(db: LedgerDb): boolean {
  return Boolean(readSyncState(db, 'serverUrl') && readSyncState(db, 'deviceToken'));
}

// ── The outbox ─────────────────────────────────────────────────────────────────────────────

/** Ops head office has not settled yet, counted from the table every time. */
export function pendingOpCount(db: LedgerDb): number {
  return get<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM sync_outbox WHERE acked_at IS NULL')?.n ?? 0;
}

export interface OutboxRow {
  seq: number;
  op_id: string;
  name: string;
  version: number;
  /** The args as the JSON text writeOutbox stored. */
  args: string;
  hlc: string;
  created_at: number;
  /** Set when this PC itself refused to send the op as it is (too large, malformed). */
  local_rejection: string | null;
}

/** Codes this PC gives an op it cannot send; the server never uses them for its own refusals. */
export const localRejectionCodes = ['PAYLOAD_TOO_LARGE', 'OP_MALFORMED'] as const;
export type LocalRejectionCode = (typeof localRejectionCodes)[number];

export function unackedOps(db: LedgerDb, limit: number, afterSeq = 0): OutboxRow[] {
  return all<OutboxRow>(
    db,
    `SELECT o.seq, o.op_id, o.name, o.version, o.args, o.hlc, o.created_at,
            CASE WHEN r.code IN ('PAYLOAD_TOO_LARGE', 'OP_MALFORMED') AND r.op_id = o.op_id THEN r.code END AS local_rejection
       FROM sync_outbox o INDEXED BY sync_outbox_unacked LEFT JOIN sync_rejections r ON r.seq = o.seq
      WHERE o.acked_at IS NULL AND o.seq > ? ORDER BY o.seq LIMIT ?`,
    afterSeq,
    limit,
  );
}

/** The newest seq this ledger wrote (pruning always keeps that row). */
export function highestLocalSeq(db: LedgerDb): number {
  return get<{ seq: number | null }>(db, 'SELECT MAX(seq) AS seq FROM sync_outbox')?.seq ?? 0;
}

/** The first op head office has not settled, read from the (acked_at, seq) index. */
function firstUnackedSeq(db: LedgerDb): number | null {
  return get<{ seq: number }>(db, 'SELECT seq FROM sync_outbox INDEXED BY sync_outbox_unacked WHERE acked_at IS NULL ORDER BY seq LIMIT 1')?.seq ?? null;
}

export function highestAckedSeq(db: LedgerDb): number {
  // Acked ops are always a prefix of the outbox: markAcked acks everything up to the server's
  // last_seq and a restore un-acks a suffix; and seqs run 1, 2, 3, … without holes (writeOutbox
  // numbers MAX + 1; pruning takes only acked ops). So every seq below the first unacked op was
  // acked, pruned or not, and the highest acked seq is the one just below it: no query for it.
  // (A query for "the seq below" was the cost of a push: with statistics gathered while the
  // outbox was nearly empty — PRAGMA optimize — SQLite plans `seq < ? ORDER BY seq DESC` as a
  // walk down the whole table, ~60 ms per push with 100,000 ops waiting.)
  const firstUnacked = firstUnackedSeq(db);
  if (firstUnacked !== null) return firstUnacked - 1;
  return highestLocalSeq(db);
}

/** Is every seq from `from` to `to` still in the outbox (none pruned)? */
export function outboxHoldsRange(db: LedgerDb, from: number, to: number): boolean {
  if (to < from) return true;
  const n = get<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM sync_outbox WHERE seq BETWEEN ? AND ?', from, to)?.n ?? 0;
  return n === to - from + 1;
}

/** Head office settled everything up to `lastSeq` (applied or rejected). */
export function markAcked(db: LedgerDb, lastSeq: number, now: number): number {
  // Through the (acked_at, seq) index: walking the primary key from seq 1 would read every op
  // ever acked, on every push.
  return run(db, 'UPDATE sync_outbox INDEXED BY sync_outbox_unacked SET acked_at = ? WHERE acked_at IS NULL AND seq <= ?', now, lastSeq).changes;
}

/** Head office lost what it had settled after `lastSeq` (restored from a backup): send it again. */
export function unackAfter(db: LedgerDb, lastSeq: number): number {
  return run(db, 'UPDATE sync_outbox SET acked_at = NULL WHERE seq > ? AND acked_at IS NOT NULL', lastSeq).changes;
}

/**
 * Forgets acked ops older than the retention. Never an unacked op; never one head office
 * refused (its ids keep the checksums honest: the server never had them); and never the newest
 * row, because writeOutbox numbers the next op MAX(seq) + 1 — an empty outbox would start again
 * at 1 and head office would skip every new op as already seen.
 */
export function pruneAckedOps(db: LedgerDb, olderThan: number): number {
  return run(
    db,
    `DELETE FROM sync_outbox
      WHERE acked_at IS NOT NULL AND acked_at < ?
        AND seq < (SELECT MAX(seq) FROM sync_outbox)
        AND seq NOT IN (SELECT seq FROM sync_rejections)`,
    olderThan,
  ).changes;
}

// ── Rejections ─────────────────────────────────────────────────────────────────────────────

export interface RejectionRecord {
  seq: number;
  opId: string;
  name: string;
  code: string;
  message: string;
}

/** Keeps the first reason given for a seq (this PC's own, or head office's). */
export function recordRejection(db: LedgerDb, r: RejectionRecord, now: number): void {
  run(
    db,
    'INSERT OR IGNORE INTO sync_rejections (seq, op_id, name, code, message, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    r.seq,
    r.opId,
    r.name,
    r.code,
    r.message.slice(0, 500),
    now,
  );
}

/** The args of ops head office does not hold: not settled yet, or refused. */
export function opsTheServerLacks(db: LedgerDb): { name: string; args: string }[] {
  return all<{ name: string; args: string }>(
    db,
    `SELECT name, args FROM sync_outbox o
      WHERE o.acked_at IS NULL OR EXISTS (SELECT 1 FROM sync_rejections r WHERE r.seq = o.seq AND r.op_id = o.op_id)`,
  );
}

// ── Audit ──────────────────────────────────────────────────────────────────────────────────

/** Enrolment is audited like any other command, in the transaction that stores it. */
export function auditSyncEvent(db: LedgerDb, entry: { id: string; at: number; userId: string; action: string; entityId: string; after: unknown }): void {
  run(
    db,
    "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, 'device', ?, NULL, ?)",
    entry.id,
    entry.at,
    entry.userId,
    entry.action,
    entry.entityId,
    JSON.stringify(entry.after),
  );
}
