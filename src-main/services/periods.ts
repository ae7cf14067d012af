import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import { lockedThrough, requireBranch, todayAt } from './branch';
import type { PeriodLockArgs } from '../sync/protocol';
import { writeAudit, writeOutbox } from './journal';
import { get, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

/**
 * The period lock (关账): the accountant closes the books through a date, and nothing this PC
 * posts may carry a business date on or before it (branch.ts resolveBusinessDate refuses it).
 */
export function getPeriodLock(ctx: ServiceContext): MethodResult<'periods.get'> {
  const branch = requireBranch(ctx);
  const row = get<{ locked_through: string; locked_by: string; locked_at: number; user_name: string | null }>(
    ctx.db,
    `SELECT p.locked_through, p.locked_by, p.locked_at, u.display_name AS user_name
       FROM period_locks p LEFT JOIN users u ON u.id = p.locked_by WHERE p.branch_id = ?`,
    branch.id,
  );
  return {
    lockedThrough: row?.locked_through ?? null,
    lockedBy: row ? (row.user_name ?? row.locked_by) : null,
    lockedAt: row?.locked_at ?? null,
    today: todayAt(ctx, branch),
  };
}

/** Closes the books through a date. A lock only moves forward; a closed period is never reopened here. */
export function lockPeriod(ctx: ServiceContext, input: ParsedInput<'periods.lock'>): MethodResult<'periods.lock'> {
  return inTransaction(ctx.db, () => {
    const branch = requireBranch(ctx);
    const today = todayAt(ctx, branch);
    if (input.lockedThrough > today) {
      throw new LedgerError('DATE_IN_FUTURE', { date: input.lockedThrough, today }, [{ path: 'lockedThrough', code: 'DATE_IN_FUTURE', params: { today } }]);
    }
    const before = lockedThrough(ctx, branch.id);
    if (before !== null && input.lockedThrough <= before) {
      throw new LedgerError('PERIOD_LOCK_BACKWARD', { period: before, date: input.lockedThrough }, [
        { path: 'lockedThrough', code: 'PERIOD_LOCK_BACKWARD', params: { period: before } },
      ]);
    }
    const lock: PeriodLockArgs = { lockedThrough: input.lockedThrough, lockedBy: ctx.currentUser.id, lockedAt: ctx.now, hlc: ctx.hlc() };
    applyPeriodLock(ctx.db, branch.id, lock);
    writeAudit(ctx, 'periods.lock', 'period_lock', branch.id, { lockedThrough: before }, { lockedThrough: input.lockedThrough });
    writeOutbox(ctx, 'periods.lock', 1, lock);
    return getPeriodLock(ctx);
  });
}

/**
 * Stores a period lock, this PC's or one another PC of the branch sent: a lock only moves
 * forward, so an earlier date than the one held changes nothing. Answers whether it changed.
 */
export function applyPeriodLock(db: ServiceContext['db'], branchId: string, lock: PeriodLockArgs): boolean {
  return (
    run(
      db,
      `INSERT INTO period_locks (branch_id, locked_through, locked_by, locked_at, hlc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (branch_id) DO UPDATE SET locked_through = excluded.locked_through, locked_by = excluded.locked_by, locked_at = excluded.locked_at, hlc = excluded.hlc
       WHERE excluded.locked_through > period_locks.locked_through`,
      branchId,
      lock.lockedThrough,
      lock.lockedBy,
      lock.lockedAt,
      lock.hlc,
    ).changes > 0
  );
}
