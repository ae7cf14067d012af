import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IdGenerator } from '../../src-main/core/ids';
import { findOp, leanParse, type OutboxOp, type PushRequest, type PushResponse, type Rejection, type StockDocumentArgs, type StockDocumentPartArgs } from '../../src-main/sync/protocol';
import type { DeviceIdentity } from '../auth/authenticateDevice';
import { insertManySql, writeTogether } from '../db/insertMany';
import { rowsOf, uuidArray } from '../db/sqlArrays';
import { devices, ingestedOps, serverMeta } from '../db/schema';
import { HttpError, zodIssues } from '../httpErrors';
import type { ServerDb, ServerTx } from '../openServerDb';
import { flushBatchState } from './batchState';
import { appendChangesSql, lockChangeFeed, type NewChange } from './changeFeed';
import type { OpContext } from './opContext';
import { permanentRejection } from './OpRejected';
import { documentRelay } from './applyDocumentOp';
import { applyToBatchState, settleOneByOne, type AppliedBatch, type Outcome, type ValidOp } from './settleOps';

export interface PushDeps {
  db: ServerDb;
  now: number;
  ids: IdGenerator;
}

/** Zod's first complaints, short enough to show a user next to the op. */
function argsProblem(error: z.ZodError): string {
  return zodIssues(error)
    .slice(0, 3)
    .map((i) => `${i.path || '(args)'}: ${i.message}`)
    .join('; ');
}

/** Which op settled each of these seqs of the device (seqs skipped as already-seen op ids have none). */
async function opIdsAtSeqs(tx: ServerTx, deviceId: string, seqs: number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let i = 0; i < seqs.length; i += 5000) {
    const rows = await tx
      .select({ seq: ingestedOps.seq, opId: ingestedOps.opId })
      .from(ingestedOps)
      .where(and(eq(ingestedOps.deviceId, deviceId), inArray(ingestedOps.seq, seqs.slice(i, i + 5000))));
    for (const r of rows) found.set(r.seq, r.opId);
  }
  return found;
}

async function settledOpIds(tx: ServerTx, opIds: string[]): Promise<Set<string>> {
  if (opIds.length === 0) return new Set();
  const rows = rowsOf<{ op_id: string }>(await tx.execute(sql`SELECT op_id FROM ${ingestedOps} WHERE op_id = ANY(${uuidArray(opIds)})`));
  return new Set(rows.map((r) => r.op_id));
}

/**
 * An op of the request without its args: once checked, only the parsed args (ValidOp) are used,
 * and the request's own parse of them is not kept while the batch waits for the device's lock
 * (see checkPush).
 */
type OpHead = Omit<OutboxOp, 'args'>;

/** What becomes of one op of the batch, decided before anything is applied. */
type Verdict =
  | { kind: 'skip' }
  | { kind: 'seen' }
  | { kind: 'refuse'; op: OpHead; code: string; message: string; record: boolean }
  | { kind: 'apply'; op: ValidOp; outbox: OpHead; outcome?: Outcome };

/** An op of the request as the registry judged it: known by name and version, and its args valid, or why not. */
export type Checked = { op: OpHead; valid: ValidOp } | { op: OpHead; code: 'UNKNOWN_OP' | 'INVALID_ARGS'; message: string };

function checkOp(device: DeviceIdentity, outboxOp: OutboxOp): Checked {
  const op: OpHead = { seq: outboxOp.seq, opId: outboxOp.opId, name: outboxOp.name, version: outboxOp.version, hlc: outboxOp.hlc, createdAt: outboxOp.createdAt };
  const spec = findOp(op.name, op.version);
  if (!spec) return { op, code: 'UNKNOWN_OP', message: `Head office does not know op ${op.name} version ${op.version}` };
  // Args the lean check passes are taken as the request parsed them (zod would answer an equal
  // copy); zod parses the rest and says what is wrong (sync/protocol/leanCheck).
  const parsed = leanParse(spec.args, outboxOp.args);
  if (!parsed.success) return { op, code: 'INVALID_ARGS', message: `Invalid ${op.name} args: ${argsProblem(parsed.error)}` };
  const valid: ValidOp = { opId: op.opId, name: op.name, version: op.version, hlc: op.hlc, scope: spec.scope, args: parsed.data };
  if (spec.scope === 'document') valid.relay = documentRelay(device, op, parsed.data as StockDocumentArgs);
  if (spec.scope === 'document-part') valid.relay = documentRelay(device, op, parsed.data as StockDocumentPartArgs);
  return { op, valid };
}

/**
 * One push batch, in one transaction. The device row is locked first, so two pushes of one device
 * (a retry racing its original) run one after the other and the second sees the first's seqs as
 * settled. Ops go in seq order: seqs already settled are skipped (a replay), a hole stops the
 * batch, and every other op is settled — applied, or rejected with a reason — and moves last_seq
 * on, so one op that can never apply does not hold back the ones after it.
 */
export async function pushOps(deps: PushDeps, device: DeviceIdentity, request: PushRequest): Promise<PushResponse> {
  return settleChecked(deps, device, checkPush(device, request));
}

/**
 * Every op is checked against the registry, and a document's relayed change written out,
 * before the transaction, which waits for the device's previous push to commit: a client that
 * sends its next batch before the answer to the last has that done meanwhile. An op that turns
 * out to be settled already was checked for nothing, which changes nothing. What is kept of
 * each op is its head and its parsed args: the request's own parse of the args can go before
 * the wait (the push route lets go of the body), so a batch waiting for the lock holds one
 * copy of its ops and not two — the young generation's collections copy what is alive, and a
 * batch in flight was most of it.
 */
export function checkPush(device: DeviceIdentity, request: PushRequest): Checked[] {
  return [...request.ops].sort((a, b) => a.seq - b.seq).map((op) => checkOp(device, op));
}

/** Settles a checked push (checkPush) in one transaction, or op by op if the database refuses the batch written together. */
export async function settleChecked(deps: PushDeps, device: DeviceIdentity, checked: readonly Checked[]): Promise<PushResponse> {
  try {
    return await pushBatch(deps, device, checked, 'together');
  } catch (e) {
    if (!(e instanceof SettleOneByOne)) throw e;
    return pushBatch(deps, device, checked, 'one-by-one');
  }
}

/** The database refused the batch written together: nothing was committed; it goes again op by op. */
class SettleOneByOne extends Error {}

/**
 * 'together': the batch's ops are applied in memory and everything the push writes — their
 * rows, balances, checksums and changes, the ingest rows and the device's last_seq — goes in
 * one statement, so a batch costs a handful of round trips to the database whatever its size.
 * If the database refuses that statement for something an op carries (class 22/23), the
 * transaction is rolled back whole and the batch goes again 'one-by-one', each op in its own
 * savepoint (settleOneByOne), so only the op at fault is rejected.
 */
async function pushBatch(deps: PushDeps, device: DeviceIdentity, checked: readonly Checked[], mode: 'together' | 'one-by-one'): Promise<PushResponse> {
  const ctx: OpContext = { deviceId: device.deviceId, branchId: device.branchId, branchCode: device.branchCode, now: deps.now, ids: deps.ids };
  return deps.db.transaction(async (tx) => {
    // The server's epoch comes with the device row: one round trip fewer while other pushes wait.
    const [row] = await tx
      .select({ lastSeq: devices.lastSeq, revokedAt: devices.revokedAt, epoch: serverMeta.epoch })
      .from(devices)
      .leftJoin(serverMeta, eq(serverMeta.id, 1))
      .where(eq(devices.id, device.deviceId))
      .for('update', { of: devices });
    if (!row || row.revokedAt !== null) throw new HttpError(401, 'DEVICE_REVOKED', 'Head office revoked this device; enrol it again with a new code');
    const epoch = row.epoch;
    if (epoch === null) throw new Error('server_meta is missing; openServerDb creates it');
    await lockChangeFeed(tx);

    const ops = checked.map((c) => c.op);
    const atSettledSeqs = await opIdsAtSeqs(tx, device.deviceId, ops.filter((op) => op.seq <= row.lastSeq).map((op) => op.seq));
    const settledBefore = await settledOpIds(tx, ops.filter((op) => op.seq > row.lastSeq).map((op) => op.opId));

    let lastSeq = row.lastSeq;
    let stoppedAtGap = false;
    const verdicts: Verdict[] = [];
    const opIdsInBatch = new Set<string>();
    for (const check of checked) {
      const op = check.op;
      if (op.seq <= lastSeq) {
        const settledOpId = atSettledSeqs.get(op.seq);
        if (settledOpId === undefined || settledOpId === op.opId || opIdsInBatch.has(op.opId)) {
          verdicts.push({ kind: 'skip' });
          continue;
        }
        // Another op under a settled seq: the PC's ledger went back in time (restored from a
        // backup) and numbered new work again. Skipping it would lose it without a word.
        const message = `Seq ${op.seq} of this device was already used by another op; this op was not applied (was the PC's ledger restored from a backup?)`;
        verdicts.push({ kind: 'refuse', op, code: 'SEQ_REUSED', message, record: false });
        continue;
      }
      if (op.seq !== lastSeq + 1) {
        stoppedAtGap = true;
        break;
      }
      lastSeq = op.seq;
      // Settled before under another seq (a device that re-enrolled and re-pushed, say): its
      // effects are here already; the seq counts as settled without applying anything twice.
      if (settledBefore.has(op.opId) || opIdsInBatch.has(op.opId)) {
        verdicts.push({ kind: 'seen' });
        continue;
      }
      opIdsInBatch.add(op.opId);
      if ('valid' in check) verdicts.push({ kind: 'apply', outbox: op, op: check.valid });
      else verdicts.push({ kind: 'refuse', op, code: check.code, message: check.message, record: true });
    }

    const toApply = verdicts.flatMap((v) => (v.kind === 'apply' ? [v] : []));
    const valid = toApply.map((v) => v.op);
    let batch: AppliedBatch | null = null;
    if (mode === 'together') {
      try {
        batch = await applyToBatchState(tx, ctx, valid);
      } catch (e) {
        throw permanentRejection(e) ? new SettleOneByOne() : e;
      }
    }
    const outcomes = batch ? batch.outcomes : await settleOneByOne(tx, ctx, valid);
    toApply.forEach((v, i) => (v.outcome = outcomes[i]));

    let applied = 0;
    let skipped = 0;
    const rejected: Rejection[] = [];
    const ingestRows: (typeof ingestedOps.$inferInsert)[] = [];
    const rejectionChanges: NewChange[] = [];
    for (const v of verdicts) {
      if (v.kind === 'skip' || v.kind === 'seen') {
        skipped++;
        continue;
      }
      const op = v.kind === 'apply' ? v.outbox : v.op;
      const outcome: Outcome | undefined = v.kind === 'apply' ? v.outcome : { status: 'rejected', code: v.code, message: v.message };
      if (!outcome) throw new Error(`op ${op.seq} was not settled`);
      if (v.kind === 'apply' || v.record) {
        ingestRows.push({
          deviceId: device.deviceId,
          seq: op.seq,
          opId: op.opId,
          name: op.name,
          version: op.version,
          status: outcome.status,
          code: outcome.status === 'rejected' ? outcome.code : null,
          message: outcome.status === 'rejected' ? outcome.message : null,
          receivedAt: deps.now,
        });
      }
      if (outcome.status === 'applied') {
        applied++;
        continue;
      }
      const rejection: Rejection = { seq: op.seq, opId: op.opId, name: op.name, code: outcome.code, message: outcome.message };
      rejected.push(rejection);
      // The rejection also travels by pull, so the device hears of it even if this answer is lost.
      rejectionChanges.push({ branchId: device.branchId, bucket: 'rejections', kind: 'rejection', itemId: op.opId, targetDeviceId: device.deviceId, payload: { rejection } });
    }
    const ingest = insertManySql(
      ingestedOps,
      [
        { column: ingestedOps.deviceId, type: 'uuid', value: (r) => r.deviceId },
        { column: ingestedOps.seq, type: 'bigint', value: (r) => r.seq },
        { column: ingestedOps.opId, type: 'uuid', value: (r) => r.opId },
        { column: ingestedOps.name, type: 'text', value: (r) => r.name },
        { column: ingestedOps.version, type: 'integer', value: (r) => r.version },
        { column: ingestedOps.status, type: 'text', value: (r) => r.status },
        { column: ingestedOps.code, type: 'text', value: (r) => r.code ?? null },
        { column: ingestedOps.message, type: 'text', value: (r) => r.message ?? null },
        { column: ingestedOps.receivedAt, type: 'bigint', value: (r) => r.receivedAt },
      ],
      ingestRows,
    );
    const deviceUpdate = sql`UPDATE ${devices} SET last_seq = ${lastSeq}, last_push_at = ${deps.now} WHERE id = ${device.deviceId}`;
    const bookkeeping = [ingest, deviceUpdate];
    if (batch) {
      try {
        await flushBatchState(tx, ctx, batch.state, { changes: rejectionChanges, statements: bookkeeping });
      } catch (e) {
        throw permanentRejection(e) ? new SettleOneByOne() : e;
      }
    } else {
      await writeTogether(tx, [appendChangesSql(deps.now, rejectionChanges), ...bookkeeping]);
    }
    return { epoch, lastSeq, applied, skipped, rejected, stoppedAtGap, serverTime: deps.now };
  });
}
