import type { z } from 'zod';
import { isSealed, openSecret, sealSecret, type SecretStore } from './secretStore';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { IdGenerator } from '../core/ids';
import { applyPulledBatch } from '../services/applyPulled';
import { findBranch } from '../services/branch';
import { readSetting, writeSetting } from '../services/settings';
import { inTransaction } from '../services/sql';
import { outboxArgsText } from './documentPartRefs';
import { createJoinedBranch } from './joinBranch';
import { comparedBuckets, localChecksumFingerprint, localChecksums } from './localChecksums';
import {
  ACKED_RETENTION_MS,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_PUSH_OPS,
  PROTOCOL_VERSION,
  enrolResponse,
  leanParse,
  outboxOp,
  pullResponse,
  pushResponse,
  sameChecksum,
  type BucketChecksum,
} from './protocol';
import { SyncFailure, failureFromResponse, type SyncFailureCode } from './syncFailure';
import {
  auditSyncEvent,
  highestAckedSeq,
  highestLocalSeq,
  isSyncConfigured,
  markAcked,
  outboxHoldsRange,
  pendingOpCount,
  pruneAckedOps,
  readSyncState,
  recordRejection,
  unackAfter,
  unackedOps,
  writeSyncState,
  type OutboxRow,
  type SyncBranch,
  type SyncStateValues,
} from './syncState';

/**
 * The branch PC's side of the sync protocol (DESIGN.md, "Sync protocol"): enrolment, push of the
 * outbox, pull of what head office relays, and one serialized "sync now" that does both.
 *
 * Network I/O is async and injected (`fetch`); every SQLite step is synchronous inside its own
 * transaction, so a kill at any await leaves the ledger consistent: ops are marked acked only
 * after head office answered, and a pulled batch is stored together with its cursor.
 */

export interface SyncClientDeps {
  db: LedgerDb;
  fetch: typeof fetch;
  /** Epoch ms. */
  clock: () => number;
  ids: IdGenerator;
  hlc: () => string;
  /** The ledger's schema version (PRAGMA user_version), sent with every push and pull. */
  schemaVersion: number;
  appVersion: string;
  /** A request that takes longer than this counts as offline. */
  requestTimeoutMs?: number;
  /** Changes asked for per pull request. */
  pullLimit?: number;
  /** Seals the device token at rest (Electron's safeStorage); left out, it is stored as is. */
  secrets?: SecretStore;
}

export interface EnrolInput {
  serverUrl: string;
  code: string;
  deviceName: string;
  /** Who asked, for the audit log; the new local administrator when the PC joins a branch. */
  actorUserId?: string;
  /** The joining PC's administrator's password, hashed (services/passwordHash.ts). */
  adminPasswordHash?: string;
}

export interface EnrolOutcome {
  branch: SyncBranch;
  terminalCode: string;
  /** True when this ledger had no branch and took head office's (the "join a branch" path). */
  joined: boolean;
}

export interface PushOutcome {
  /** Ops in the batch sent (0 when nothing was pending). */
  sent: number;
  acked: number;
  applied: number;
  skipped: number;
  rejected: number;
  stoppedAtGap: boolean;
  /** Ops marked unsent again because head office lost them (restored from a backup). */
  resent: number;
  /** The server refused the batch as too large; the next one is smaller. */
  shrunk: boolean;
}

export interface PushAllOutcome {
  /** Ops head office settled (applied or rejected), and the batches sent for them. */
  acked: number;
  batches: number;
}

export interface PullOutcome {
  pages: number;
  applied: number;
  skipped: number;
  /** Changes this ledger could not apply; their bucket's checksum will ask for them again. */
  problems: number;
  /** Buckets whose checksum disagreed at the end of this pull. */
  mismatched: string[];
  resent: number;
}

export interface SyncFailureInfo {
  code: SyncFailureCode;
  message: string;
  params: Record<string, string | number>;
  retryAfterMs?: number;
}

export type SyncRunResult =
  | { ok: true; pushed: number; pulled: number; pending: number }
  | { ok: false; error: SyncFailureInfo; pending: number };

export interface SyncClient {
  isConfigured(): boolean;
  enrol(input: EnrolInput): Promise<EnrolOutcome>;
  pushOnce(): Promise<PushOutcome>;
  /** Pushes until nothing is pending, the next batch sent while the last one's answer is awaited. */
  pushAll(): Promise<PushAllOutcome>;
  pullOnce(): Promise<PullOutcome>;
  /** Push, pull, push again if new ops appeared; one run at a time. Never throws: the outcome is recorded and returned. */
  syncNow(): Promise<SyncRunResult>;
  isRunning(): boolean;
  /** Aborts requests in flight; nothing touches the ledger afterwards. */
  close(): void;
}

/** A bucket that keeps disagreeing is refetched this many times in a row, then noted as diverged. */
export const MAX_REFETCH_ATTEMPTS = 3;
/** … and after that retried at most this often. */
export const DIVERGED_REFETCH_INTERVAL_MS = 3_600_000;
const MAX_PULL_PAGES = 100_000;
const MAX_PUSH_ROUNDS = 100_000;
/**
 * Push batches in flight at once. The second goes out while head office applies the first (it
 * waits there for the first to commit), so building and checking a batch on either side
 * overlaps with the database's work on the one before.
 */
const PUSH_PIPELINE_DEPTH = 2;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'https://ho.example.com/ledger/' → 'https://ho.example.com/ledger'; only http and https. */
export function normalizeServerUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not an http(s) URL');
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
    return `${error.name === 'TimeoutError' ? 'timed out' : error.message}${detail ? ` (${detail})` : ''}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}

export function createSyncClient(deps: SyncClientDeps): SyncClient {
  const { db, clock } = deps;
  const timeoutMs = deps.requestTimeoutMs ?? 60_000;
  const pullLimit = deps.pullLimit ?? MAX_PULL_LIMIT;
  const closer = new AbortController();
  let closed = false;
  /** Shrinks after a 413 for a batch we measured as fitting; back to the protocol's limit after a success. */
  let pushCap = MAX_PUSH_OPS;
  let inFlight: Promise<SyncRunResult> | null = null;
  let queued: Promise<SyncRunResult> | null = null;
  /** Server checksums and local fingerprint of the last comparison that matched in every bucket. */
  let matchedChecksums: string | null = null;

  const state = <K extends keyof SyncStateValues>(key: K) => readSyncState(db, key);
  const setState = <K extends keyof SyncStateValues>(key: K, value: SyncStateValues[K], now = clock()) => writeSyncState(db, key, value, now);

  function ensureOpen(): void {
    if (closed) throw new SyncFailure('CLOSED', 'the ledger is closing');
  }

  function connection(): { serverUrl: string; token: string } {
    ensureOpen();
    const serverUrl = state('serverUrl');
    const stored = state('deviceToken');
    let token = stored ? openSecret(deps.secrets, stored) : null;
    if (stored && token && !isSealed(stored) && deps.secrets) {
      // A token stored before this PC had a keychain (or by an older version) is sealed now.
      setState('deviceToken', sealSecret(deps.secrets, token));
    }
    if (token === '') token = null;
    if (!serverUrl || !token) throw new SyncFailure('NOT_CONFIGURED', 'this PC is not enrolled with a head-office server');
    return { serverUrl, token };
  }

  async function post<S extends z.ZodType>(baseUrl: string, path: string, body: string, schema: S, token: string | null, sentAt: number): Promise<z.output<S>> {
    ensureOpen();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': `BranchLedger/${deps.appVersion}` };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let text: string;
    try {
      response = await deps.fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([closer.signal, AbortSignal.timeout(timeoutMs)]),
      });
      text = await response.text();
    } catch (error) {
      ensureOpen();
      throw new SyncFailure('OFFLINE', describeNetworkError(error));
    }
    ensureOpen();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw failureFromResponse(response.status, json, response.headers.get('retry-after'), sentAt);
    const parsed = leanParse(schema, json);
    if (!parsed.success) throw new SyncFailure('BAD_RESPONSE', `the answer to ${path} does not follow the sync protocol`);
    return parsed.data;
  }

  function ensureDeviceId(): string {
    const stored = state('deviceId');
    if (stored) return stored;
    // The id createLedgerApi made for this ledger's HLC node, so stamps and device agree.
    const node = readSetting<string>({ db }, 'deviceId');
    const id = node && uuidPattern.test(node) ? node : deps.ids();
    setState('deviceId', id);
    return id;
  }

  /**
   * What head office's answer says about its own state. A new epoch (restored from a backup) or
   * a last_seq behind what it once settled for us means it lost ops: every retained op after
   * its last_seq is marked unsent and goes again (medic/cht-core #8093: a checkpoint kept only
   * on the client never re-uploads). A new epoch also restarts the pull from the beginning,
   * because the cursor belongs to the old database.
   */
  function settlePosition(epoch: string, lastSeq: number, now: number): { resent: number; epochChanged: boolean } {
    const storedEpoch = state('epoch');
    const epochChanged = storedEpoch !== undefined && storedEpoch !== epoch;
    const known = Math.max(state('serverLastSeq') ?? 0, highestAckedSeq(db));
    let resent = 0;
    if (epochChanged || lastSeq < known) {
      resent = unackAfter(db, lastSeq);
      setState('lastRestoreAt', now, now);
    }
    if (epochChanged) {
      setState('pullCursor', 0, now);
      setState('refetch', {}, now);
    }
    if (storedEpoch !== epoch) setState('epoch', epoch, now);
    setState('serverLastSeq', lastSeq, now);
    return { resent, epochChanged };
  }

  // ── Enrolment ──────────────────────────────────────────────────────────────────────────

  async function enrol(input: EnrolInput): Promise<EnrolOutcome> {
    ensureOpen();
    // Not under a running sync: it reads the connection this replaces.
    if (inFlight) await inFlight;
    const serverUrl = normalizeServerUrl(input.serverUrl);
    const deviceId = ensureDeviceId();
    const localBranch = findBranch({ db });
    const sentAt = clock();
    const request = {
      protocolVersion: PROTOCOL_VERSION,
      code: input.code.trim(),
      deviceId,
      deviceName: input.deviceName.trim(),
      localBranchCode: localBranch?.code ?? null,
    };
    const answer = await post(serverUrl, '/sync/v1/enrol', JSON.stringify(request), enrolResponse, null, sentAt);
    const branch = answer.branch;
    if (localBranch && localBranch.code !== branch.code) {
      // The server should have refused already; a ledger never syncs into another branch.
      throw new SyncFailure('ENROLMENT_BRANCH_MISMATCH', 'the server bound this PC to another branch', { local: localBranch.code, server: branch.code });
    }
    const now = clock();
    return inTransaction(db, () => {
      let actor = input.actorUserId ?? 'system';
      let joined = false;
      if (!findBranch({ db })) {
        actor = createJoinedBranch(db, branch, { now, ids: deps.ids, hlc: deps.hlc, ...(input.adminPasswordHash ? { adminPasswordHash: input.adminPasswordHash } : {}) });
        joined = true;
      }
      const previousEpoch = state('epoch');
      if (previousEpoch !== undefined && previousEpoch !== answer.epoch) {
        // Another server database: its cursor numbers mean nothing here.
        setState('pullCursor', 0, now);
        setState('refetch', {}, now);
      }
      setState('serverUrl', serverUrl, now);
      setState('deviceToken', sealSecret(deps.secrets, answer.deviceToken), now);
      setState('deviceName', request.deviceName, now);
      setState('epoch', answer.epoch, now);
      setState('branch', branch, now);
      setState('terminalCode', answer.terminalCode, now);
      setState('enrolledAt', now, now);
      setState('lastError', null, now);
      // documentPrefix() reads it: this PC's document numbers are its own within the branch.
      writeSetting({ db, now }, 'terminalCode', answer.terminalCode);
      auditSyncEvent(db, {
        id: deps.ids(),
        at: now,
        userId: actor,
        action: 'sync.enrol',
        entityId: deviceId,
        after: { serverUrl, deviceName: request.deviceName, branch, terminalCode: answer.terminalCode, joined },
      });
      return { branch, terminalCode: answer.terminalCode, joined };
    });
  }

  // ── Push ───────────────────────────────────────────────────────────────────────────────

  /**
   * An op sent in place of one this PC cannot send as it is (larger than a whole batch may be,
   * or malformed). Head office refuses its args, so its seq is settled as rejected and the ops
   * after it go on; the user sees the real reason in the rejected list.
   */
  function placeholderText(row: OutboxRow, reason: string, bytes?: number): string {
    const fallbackHlc = `${String(Math.max(0, Math.trunc(row.created_at))).padStart(15, '0').slice(-15)}-00000-placeholder`;
    const op = {
      seq: row.seq,
      opId: uuidPattern.test(row.op_id) ? row.op_id : deps.ids(),
      name: row.name.slice(0, 64) || 'unknown',
      version: Number.isInteger(row.version) && row.version >= 1 && row.version <= 1000 ? row.version : 1,
      args: { omitted: reason, ...(bytes === undefined ? {} : { bytes }) },
      hlc: outboxOp.shape.hlc.safeParse(row.hlc).success ? row.hlc : fallbackHlc,
      createdAt: Math.max(0, Math.trunc(row.created_at)),
    };
    return JSON.stringify(op);
  }

  function opText(row: OutboxRow): string {
    // args is JSON text written by writeOutbox; it goes into the body as it is (a big document's part read back from its rows).
    return `{"seq":${row.seq},"opId":${JSON.stringify(row.op_id)},"name":${JSON.stringify(row.name)},"version":${row.version},"args":${outboxArgsText(db, row.args)},"hlc":${JSON.stringify(row.hlc)},"createdAt":${row.created_at}}`;
  }

  function refuseLocally(row: OutboxRow, code: 'PAYLOAD_TOO_LARGE' | 'OP_MALFORMED', message: string): void {
    const now = clock();
    inTransaction(db, () => recordRejection(db, { seq: row.seq, opId: row.op_id, name: row.name, code, message }, now));
    row.local_rejection = code;
  }

  /** A batch ready to send: the body, the rows it carries and the clock it was stamped with. */
  interface PreparedPush {
    body: string;
    sent: OutboxRow[];
    sentAt: number;
    /** The highest seq in the batch. */
    lastSeq: number;
  }

  /**
   * The next batch: from the first op head office has not settled, or (`after`) from the op after
   * a batch still in flight. Null when there is nothing to send.
   */
  function preparePush(after: number | null): PreparedPush | null {
    const rows = unackedOps(db, pushCap, after ?? 0);
    const first = rows[0];
    if (!first) return null;
    const serverLastSeq = state('serverLastSeq');
    if (after === null && serverLastSeq !== undefined && first.seq > serverLastSeq + 1 && !outboxHoldsRange(db, serverLastSeq + 1, first.seq - 1)) {
      throw new SyncFailure('OUTBOX_GAP', `head office has ops up to ${serverLastSeq}; this PC no longer keeps ${serverLastSeq + 1}–${first.seq - 1}`, {
        from: serverLastSeq + 1,
        to: first.seq - 1,
      });
    }

    const sentAt = clock();
    const head = `{"protocolVersion":${PROTOCOL_VERSION},"schemaVersion":${deps.schemaVersion},"sentAt":${sentAt},"epoch":${JSON.stringify(state('epoch') ?? null)},"ops":[`;
    const frame = byteLength(head) + 2;
    let bytes = frame;
    const parts: string[] = [];
    const sent: OutboxRow[] = [];
    for (const row of rows) {
      if (!row.local_rejection) {
        const envelope = { seq: row.seq, opId: row.op_id, name: row.name, version: row.version, args: null, hlc: row.hlc, createdAt: row.created_at };
        if (!outboxOp.safeParse(envelope).success) refuseLocally(row, 'OP_MALFORMED', 'The op is not in the form the sync protocol accepts.');
      }
      let text = row.local_rejection ? placeholderText(row, row.local_rejection) : opText(row);
      let size = byteLength(text);
      if (!row.local_rejection && frame + size > MAX_PUSH_BYTES) {
        refuseLocally(row, 'PAYLOAD_TOO_LARGE', `The op is ${size} bytes; a push may carry at most ${MAX_PUSH_BYTES}.`);
        text = placeholderText(row, 'PAYLOAD_TOO_LARGE', size);
        size = byteLength(text);
      }
      // Measured once: a batch is a megabyte of ops.
      const cost = size + (parts.length > 0 ? 1 : 0);
      if (bytes + cost > MAX_PUSH_BYTES) break;
      parts.push(text);
      sent.push(row);
      bytes += cost;
    }
    const last = sent.at(-1);
    if (!last) return null;
    return { body: `${head}${parts.join(',')}]}`, sent, sentAt, lastSeq: last.seq };
  }

  function sendPush(serverUrl: string, token: string, prepared: PreparedPush): Promise<z.output<typeof pushResponse>> {
    return post(serverUrl, '/sync/v1/push', prepared.body, pushResponse, token, prepared.sentAt);
  }

  /** A 413 for a batch measured as fitting: this server's limit is lower, so smaller batches. */
  function shrinkAfter(error: unknown, prepared: PreparedPush): boolean {
    if (!(error instanceof SyncFailure) || error.code !== 'PAYLOAD_TOO_LARGE' || prepared.sent.length <= 1) return false;
    pushCap = Math.max(1, Math.floor(prepared.sent.length / 2));
    return true;
  }

  /**
   * Stores head office's answer to a batch; or, `setAside`, only checks it: the batch went out
   * before the answer to an earlier one came back, and head office may have taken it first —
   * it then stopped at the hole the earlier batch was to fill, and its last_seq is older than the
   * earlier answer's. Such an answer says nothing about head office losing ops, so nothing is
   * acked and no restore is noticed; its ops go again in the next batch.
   */
  function settlePush(prepared: PreparedPush, answer: z.output<typeof pushResponse>, setAside: boolean): PushOutcome {
    const outcome: PushOutcome = { sent: prepared.sent.length, acked: 0, applied: 0, skipped: 0, rejected: 0, stoppedAtGap: answer.stoppedAtGap, resent: 0, shrunk: false };
    const now = clock();
    return inTransaction(db, () => {
      const maxSeq = highestLocalSeq(db);
      if (answer.lastSeq > maxSeq) {
        // Head office settled seqs this ledger never wrote: the ledger was restored from an
        // older copy (or copied to another PC). New ops would reuse those seqs and be skipped
        // as already seen, so nothing is acked and sync stops until someone looks.
        throw new SyncFailure('LEDGER_BEHIND_SERVER', `head office has settled seq ${answer.lastSeq}; this ledger's outbox ends at ${maxSeq}`, {
          serverSeq: answer.lastSeq,
          localSeq: maxSeq,
        });
      }
      if (setAside) return outcome;
      const position = settlePosition(answer.epoch, answer.lastSeq, now);
      outcome.resent = position.resent;
      outcome.acked = markAcked(db, answer.lastSeq, now);
      for (const r of answer.rejected) recordRejection(db, r, now);
      setState('lastPushAt', now, now);
      setState('clockOffsetMs', answer.serverTime - prepared.sentAt, now);
      outcome.applied = answer.applied;
      outcome.skipped = answer.skipped;
      outcome.rejected = answer.rejected.length;
      pushCap = MAX_PUSH_OPS;
      return outcome;
    });
  }

  async function pushOnce(): Promise<PushOutcome> {
    const { serverUrl, token } = connection();
    const prepared = preparePush(null);
    if (!prepared) return { sent: 0, acked: 0, applied: 0, skipped: 0, rejected: 0, stoppedAtGap: false, resent: 0, shrunk: false };
    let answer: z.output<typeof pushResponse>;
    try {
      answer = await sendPush(serverUrl, token, prepared);
    } catch (error) {
      if (shrinkAfter(error, prepared)) return { sent: prepared.sent.length, acked: 0, applied: 0, skipped: 0, rejected: 0, stoppedAtGap: false, resent: 0, shrunk: true };
      throw error;
    }
    return settlePush(prepared, answer, false);
  }

  /**
   * One run of batches from the first op head office has not settled, up to
   * PUSH_PIPELINE_DEPTH in flight, each answer stored in the order the batches went out. The run
   * ends when nothing is left to send or a batch was not wholly settled (a hole, a restore, a
   * smaller limit): the batches still in flight are awaited and their answers stored, and the
   * next run starts again from the first op not settled. A failure is thrown once no batch is in
   * flight any more, so nothing of this run touches the ledger after it.
   */
  async function pushRun(): Promise<PushOutcome[]> {
    const { serverUrl, token } = connection();
    const outcomes: PushOutcome[] = [];
    const inFlight: { prepared: PreparedPush; answer: Promise<z.output<typeof pushResponse>>; overtaking: boolean }[] = [];
    const send = (prepared: PreparedPush, overtaking: boolean) => {
      const answer = sendPush(serverUrl, token, prepared);
      // Awaited in turn below (after a failure, awaited and left unread).
      answer.catch(() => undefined);
      inFlight.push({ prepared, answer, overtaking });
    };
    let lastSent = preparePush(null);
    if (!lastSent) return outcomes;
    send(lastSent, false);
    let sending = true;
    /** The highest last_seq of the answers stored so far in this run. */
    let answered: number | null = null;
    let failure: unknown = null;
    for (let flight = inFlight.shift(); flight; flight = inFlight.shift()) {
      try {
        while (sending && inFlight.length + 1 < PUSH_PIPELINE_DEPTH) {
          const next: PreparedPush | null = preparePush(lastSent.lastSeq);
          if (!next) sending = false;
          else send((lastSent = next), true);
        }
      } catch (error) {
        sending = false;
        failure ??= error;
      }
      let answer: z.output<typeof pushResponse>;
      try {
        answer = await flight.answer;
      } catch (error) {
        sending = false;
        if (shrinkAfter(error, flight.prepared)) {
          outcomes.push({ sent: flight.prepared.sent.length, acked: 0, applied: 0, skipped: 0, rejected: 0, stoppedAtGap: false, resent: 0, shrunk: true });
        } else {
          failure ??= error;
        }
        continue;
      }
      // After a failure the run only waits for what is in flight: answers left unread are
      // learnt again from the next push, which head office skips as settled and acks.
      if (failure !== null) continue;
      const setAside = flight.overtaking && answered !== null && answer.lastSeq < answered;
      try {
        const outcome = settlePush(flight.prepared, answer, setAside);
        outcomes.push(outcome);
        if (!setAside) answered = Math.max(answered ?? 0, answer.lastSeq);
        if (answer.lastSeq < flight.prepared.lastSeq || outcome.resent > 0) sending = false;
      } catch (error) {
        sending = false;
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
    return outcomes;
  }

  /** Pushes until nothing is pending or head office stops taking ops. */
  async function pushAll(): Promise<PushAllOutcome> {
    const total: PushAllOutcome = { acked: 0, batches: 0 };
    for (let round = 0; round < MAX_PUSH_ROUNDS && pendingOpCount(db) > 0; round++) {
      const outcomes = await pushRun();
      total.batches += outcomes.length;
      total.acked += outcomes.reduce((n, o) => n + o.acked, 0);
      if (outcomes.length === 0) break;
      if (outcomes.some((o) => o.acked > 0 || o.resent > 0 || o.shrunk)) continue;
      throw new SyncFailure('NO_PROGRESS', outcomes[0]?.stoppedAtGap ? 'head office stopped at a gap before the first op sent' : 'head office settled none of the ops sent');
    }
    return total;
  }

  // ── Pull ───────────────────────────────────────────────────────────────────────────────

  function bucketsDueForRefetch(now: number): string[] {
    const refetch = state('refetch') ?? {};
    return Object.entries(refetch)
      .filter(([, r]) => r.attempts <= MAX_REFETCH_ATTEMPTS || now - r.lastAt >= DIVERGED_REFETCH_INTERVAL_MS)
      .map(([bucket]) => bucket)
      .slice(0, 20);
  }

  function markRefetchSent(buckets: string[], now: number): void {
    if (buckets.length === 0) return;
    const refetch = { ...(state('refetch') ?? {}) };
    for (const b of buckets) {
      const r = refetch[b];
      if (r) refetch[b] = { ...r, lastAt: now };
    }
    setState('refetch', refetch, now);
  }

  /**
   * Compares head office's per-bucket checksums with this ledger's. A bucket that disagrees is
   * asked for again on the next pull; one that keeps disagreeing is noted as diverged, visibly.
   * Nothing is ever deleted because the server lacks it (Joplin #883).
   */
  function compareChecksums(server: Record<string, BucketChecksum>, now: number): string[] {
    const signature = JSON.stringify([server, localChecksumFingerprint(db)]);
    if (signature === matchedChecksums) return [];
    const local = localChecksums(db);
    const refetch = { ...(state('refetch') ?? {}) };
    let notes = [...(state('divergence') ?? [])];
    const mismatched: string[] = [];
    for (const bucket of comparedBuckets) {
      const theirs = server[bucket];
      if (!theirs) continue;
      const mine = local[bucket];
      if (sameChecksum(mine, theirs)) {
        delete refetch[bucket];
        notes = notes.filter((n) => n.bucket !== bucket);
        continue;
      }
      mismatched.push(bucket);
      const attempts = (refetch[bucket]?.attempts ?? 0) + 1;
      refetch[bucket] = { attempts, lastAt: refetch[bucket]?.lastAt ?? 0 };
      if (attempts > MAX_REFETCH_ATTEMPTS) {
        const since = notes.find((n) => n.bucket === bucket)?.since ?? now;
        notes = [...notes.filter((n) => n.bucket !== bucket), { bucket, local: mine, server: theirs, since, attempts }];
      }
    }
    setState('refetch', refetch, now);
    setState('divergence', notes, now);
    matchedChecksums = mismatched.length === 0 ? signature : null;
    return mismatched;
  }

  async function pullOnce(): Promise<PullOutcome> {
    const { serverUrl, token } = connection();
    const outcome: PullOutcome = { pages: 0, applied: 0, skipped: 0, problems: 0, mismatched: [], resent: 0 };
    let refetch = bucketsDueForRefetch(clock());
    let restarted = false;
    const ask = (cursor: number, buckets: string[]) => {
      const sentAt = clock();
      const request = { protocolVersion: PROTOCOL_VERSION, schemaVersion: deps.schemaVersion, sentAt, cursor, limit: pullLimit, refetch: buckets };
      const asked = post(serverUrl, '/sync/v1/pull', JSON.stringify(request), pullResponse, token, sentAt).then((answer) => ({ answer, sentAt, cursor }));
      // Awaited below; a page asked for ahead and then not needed (an error, a restart) fails quietly.
      asked.catch(() => undefined);
      return asked;
    };
    let next = ask(state('pullCursor') ?? 0, refetch);
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const { answer, sentAt, cursor } = await next;
      const now = clock();
      outcome.pages++;
      const position = inTransaction(db, () => {
        setState('clockOffsetMs', answer.serverTime - sentAt, now);
        return settlePosition(answer.epoch, answer.lastSeq, now);
      });
      outcome.resent += position.resent;
      if (position.epochChanged && !restarted) {
        // A restored server: start again from its beginning (the cursor was reset with the epoch).
        restarted = true;
        refetch = [];
        next = ask(state('pullCursor') ?? 0, refetch);
        continue;
      }
      const goesOn = answer.more && (answer.changes.length > 0 || answer.cursor > cursor);
      // The next page is asked for before this one is applied, so head office reads it while this
      // PC writes. Its cursor is the one this page saves; nothing is saved ahead of its data.
      // fetch sends the request from the event loop, which the (synchronous) applying keeps busy:
      // one turn of it first, or head office would hear of the next page only once this one is in.
      if (goesOn) {
        next = ask(answer.cursor, []);
        await new Promise<void>((resolve) => setImmediate(resolve));
        ensureOpen();
      }
      const result = applyPulledBatch(db, answer.changes, answer.cursor, { now, ids: deps.ids, hlc: deps.hlc });
      outcome.applied += result.applied;
      outcome.skipped += result.skipped;
      outcome.problems += result.problems.length;
      if (refetch.length > 0) {
        inTransaction(db, () => markRefetchSent(refetch, now));
        refetch = [];
      }
      if (!answer.more) {
        outcome.mismatched = inTransaction(db, () => compareChecksums(answer.checksums, now));
        break;
      }
      if (!goesOn) break;
    }
    inTransaction(db, () => setState('lastPullAt', clock()));
    return outcome;
  }

  // ── Sync now ───────────────────────────────────────────────────────────────────────────

  function asFailure(error: unknown): SyncFailure {
    if (error instanceof SyncFailure) return error;
    if (closed) return new SyncFailure('CLOSED', 'the ledger is closing');
    console.error('[sync] unexpected failure', error);
    return new SyncFailure('CLIENT_ERROR', error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300));
  }

  function infoOf(f: SyncFailure): SyncFailureInfo {
    return { code: f.code, message: f.message, params: f.params, ...(f.retryAfterMs === undefined ? {} : { retryAfterMs: f.retryAfterMs }) };
  }

  async function run(): Promise<SyncRunResult> {
    if (closed) return { ok: false, error: infoOf(new SyncFailure('CLOSED', 'the ledger is closing')), pending: 0 };
    if (!isSyncConfigured(db)) return { ok: false, error: infoOf(new SyncFailure('NOT_CONFIGURED', 'not enrolled')), pending: pendingOpCount(db) };
    let pushed = 0;
    let pulled = 0;
    // A push that cannot go on (a gap head office cannot be sent) still lets the pull run.
    const pushProblems: SyncFailure[] = [];
    try {
      const pushSafely = async () => {
        try {
          pushed += (await pushAll()).acked;
        } catch (error) {
          const f = asFailure(error);
          if (f.code !== 'OUTBOX_GAP' && f.code !== 'NO_PROGRESS') throw f;
          pushProblems.push(f);
        }
      };
      await pushSafely();
      const pull = await pullOnce();
      pulled = pull.applied;
      if (pendingOpCount(db) > 0) {
        const before = pushed;
        await pushSafely();
        // What head office made of the ops the pull gave rise to (a stock exception that a
        // reversal opened) comes back in this run rather than one sync later.
        if (pushed > before) pulled += (await pullOnce()).applied;
      }
      const now = clock();
      const problem = pushProblems[0] ?? null;
      inTransaction(db, () => {
        pruneAckedOps(db, now - ACKED_RETENTION_MS);
        setState('lastSyncAt', now, now);
        setState(
          'lastError',
          problem ? { code: problem.code, message: problem.message, params: problem.params, at: now } : null,
          now,
        );
      });
      if (problem) return { ok: false, error: infoOf(problem), pending: pendingOpCount(db) };
      return { ok: true, pushed, pulled, pending: pendingOpCount(db) };
    } catch (error) {
      const f = asFailure(error);
      if (closed || f.code === 'CLOSED') return { ok: false, error: infoOf(f), pending: 0 };
      const now = clock();
      inTransaction(db, () => setState('lastError', { code: f.code, message: f.message, params: f.params, at: now }, now));
      return { ok: false, error: infoOf(f), pending: pendingOpCount(db) };
    }
  }

  function start(): Promise<SyncRunResult> {
    const current = run().finally(() => {
      if (inFlight === current) inFlight = null;
    });
    inFlight = current;
    return current;
  }

  function syncNow(): Promise<SyncRunResult> {
    if (!inFlight) return start();
    // One run at a time; calls during a run share one follow-up run, which sees their writes.
    queued ??= inFlight.then(() => {
      queued = null;
      return syncNow();
    });
    return queued;
  }

  return {
    isConfigured: () => !closed && isSyncConfigured(db),
    enrol,
    pushOnce,
    pushAll,
    pullOnce,
    syncNow,
    isRunning: () => inFlight !== null,
    close() {
      closed = true;
      closer.abort();
    },
  };
}
