import type { Envelope } from '../../src-main/core/errors';
import { isMethodName, methods } from '../../src-main/contract';
import type { LedgerDb } from '../../db/openLedgerDb';

/**
 * "Every write audits", checked on every call the contract tests make: a write method (writes:
 * true in contract/methods.ts) that succeeds and changed any row must have added at least one
 * audit row, and each row it added names who (user), what (action, entity and its id) and a
 * before or an after. (A write that changed nothing — a scan that only names a product whose
 * lot must be chosen — has nothing to record.)
 * Test clients are wrapped in this, so every write any contract test exercises is held to it.
 */
export interface AuditRow {
  user_id: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export class UnauditedWriteError extends Error {}

function lastRowid(db: LedgerDb): number {
  return (db.$client.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM audit_log').get() as { n: number }).n;
}

/** Rows this connection has inserted, updated or deleted since it opened. */
function totalChanges(db: LedgerDb): number {
  return (db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/** Why the rows a write added do not make an audit record of it; null when they do. */
export function auditProblem(method: string, rows: readonly AuditRow[]): string | null {
  if (rows.length === 0) return `${method} succeeded without an audit row`;
  for (const r of rows) {
    if (!r.user_id || !r.action || !r.entity || !r.entity_id) return `${method} wrote an audit row without who or what: ${JSON.stringify(r)}`;
    if (r.before === null && r.after === null) return `${method} wrote an audit row with neither before nor after: ${JSON.stringify(r)}`;
  }
  return null;
}

export function withAuditGuard(db: () => LedgerDb | undefined, invoke: (method: string, input: unknown) => Promise<Envelope>) {
  return async (method: string, input: unknown): Promise<Envelope> => {
    const writes = isMethodName(method) && methods[method].writes;
    const ledger = writes ? db() : undefined;
    const before = ledger ? lastRowid(ledger) : 0;
    const changesBefore = ledger ? totalChanges(ledger) : 0;
    const envelope = await invoke(method, input);
    if (!ledger || !envelope.ok) return envelope;
    const after = db();
    if (!after) return envelope;
    if (after === ledger && totalChanges(ledger) === changesBefore) return envelope;
    // A restore swaps the ledger: its audit row is the restored ledger's newest.
    const rows =
      after === ledger
        ? (after.$client.prepare('SELECT user_id, action, entity, entity_id, before, after FROM audit_log WHERE rowid > ? ORDER BY rowid').all(before) as AuditRow[])
        : (after.$client.prepare('SELECT user_id, action, entity, entity_id, before, after FROM audit_log ORDER BY rowid DESC LIMIT 1').all() as AuditRow[]);
    const problem = auditProblem(method, rows);
    if (problem) throw new UnauditedWriteError(problem);
    return envelope;
  };
}
