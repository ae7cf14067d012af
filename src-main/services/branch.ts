import { LedgerError } from '../core/errors';
import { businessDateOf } from '../core/businessDate';
import type { ServiceContext } from './types';
import { get } from './sql';

export interface BranchRow {
  id: string;
  code: string;
  name: string;
  time_zone: string;
}

export function findBranch(ctx: Pick<ServiceContext, 'db'>): BranchRow | undefined {
  return get<BranchRow>(ctx.db, 'SELECT id, code, name, time_zone FROM branches ORDER BY created_at LIMIT 1');
}

export function requireBranch(ctx: Pick<ServiceContext, 'db'>): BranchRow {
  const branch = findBranch(ctx);
  if (!branch) throw new LedgerError('BRANCH_NOT_SET_UP');
  return branch;
}

/**
 * The prefix of this PC's document numbers: the branch code, plus the terminal letter head
 * office gave a PC that joined the branch (BJ01B-GR-2026-000001), so PCs never collide.
 */
export function documentPrefix(ctx: Pick<ServiceContext, 'db'>, branch: BranchRow): string {
  const terminal = get<{ value: string }>(ctx.db, "SELECT value FROM settings WHERE key = 'terminalCode'");
  return `${branch.code}${terminal ? (JSON.parse(terminal.value) as string) : ''}`;
}

export function todayAt(ctx: Pick<ServiceContext, 'db' | 'now'>, branch: BranchRow): string {
  return businessDateOf(ctx.now, branch.time_zone);
}

/** The last business date of the closed period (关账), or null when nothing is locked. */
export function lockedThrough(ctx: Pick<ServiceContext, 'db'>, branchId: string): string | null {
  return get<{ locked_through: string }>(ctx.db, 'SELECT locked_through FROM period_locks WHERE branch_id = ?', branchId)?.locked_through ?? null;
}

/**
 * The business date of anything this PC posts: today by default; a later date than today is
 * refused, and so is a date in a locked period. Every local posting takes its date from here, so
 * no command can slip into a closed period. Documents other PCs posted arrive by sync and never
 * come through here: they are never refused for a lock.
 */
export function resolveBusinessDate(ctx: ServiceContext, branch: BranchRow, requested: string | undefined): string {
  const today = todayAt(ctx, branch);
  const date = requested ?? today;
  if (date > today) {
    throw new LedgerError('DATE_IN_FUTURE', { date, today }, [{ path: 'businessDate', code: 'DATE_IN_FUTURE', params: { today } }]);
  }
  const locked = lockedThrough(ctx, branch.id);
  if (locked !== null && date <= locked) {
    throw new LedgerError('PERIOD_LOCKED', { period: locked, date }, [{ path: 'businessDate', code: 'PERIOD_LOCKED', params: { period: locked } }]);
  }
  return date;
}
