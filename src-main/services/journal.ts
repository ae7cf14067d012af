import { formatDocumentNumber } from '../core/documentNumbers';
import type { CommandContext, ServiceContext } from './types';
import { get, run } from './sql';

/**
 * What every command that changes data writes besides its own rows, in its transaction:
 * an audit entry and a sync outbox entry.
 */
export function writeAudit(
  ctx: Pick<ServiceContext, 'db' | 'ids' | 'now' | 'currentUser'>,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
): void {
  run(
    ctx.db,
    'INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ctx.ids(),
    ctx.now,
    ctx.currentUser.id,
    action,
    entity,
    entityId,
    before === null || before === undefined ? null : JSON.stringify(before),
    after === null || after === undefined ? null : JSON.stringify(after),
  );
}

/**
 * Appends an op to the outbox. `seq` is max + 1 inside the writing transaction, so it rises by
 * exactly one per device and a rolled-back command leaves no gap.
 */
/** `json` is `args` already serialised, when the caller has it (a big document's parts). */
export function writeOutbox(ctx: CommandContext, name: string, version: number, args: unknown, json?: string): { seq: number; opId: string } {
  const last = get<{ seq: number | null }>(ctx.db, 'SELECT MAX(seq) AS seq FROM sync_outbox');
  const seq = (last?.seq ?? 0) + 1;
  const opId = ctx.ids();
  run(
    ctx.db,
    'INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
    seq,
    opId,
    name,
    version,
    json ?? JSON.stringify(args),
    ctx.hlc(),
    ctx.now,
  );
  return { seq, opId };
}

/** Takes the next document number for this branch, type and year; never reused, even after a reversal. */
export function nextDocumentNumber(ctx: CommandContext, branchCode: string, typeCode: string, businessDate: string): string {
  const year = Number(businessDate.slice(0, 4));
  const row = get<{ last_number: number }>(
    ctx.db,
    `INSERT INTO document_sequences (branch_code, type_code, year, last_number) VALUES (?, ?, ?, 1)
     ON CONFLICT (branch_code, type_code, year) DO UPDATE SET last_number = last_number + 1
     RETURNING last_number`,
    branchCode,
    typeCode,
    year,
  );
  if (!row) throw new Error('document sequence not allocated');
  return formatDocumentNumber(branchCode, typeCode, year, row.last_number);
}
