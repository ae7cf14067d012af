import type { LedgerDb } from '../../db/openLedgerDb';
import { get, run } from '../services/sql';
import type { SyncBranch } from './syncState';

/**
 * "Join a branch": a PC that was never set up takes its branch from head office (same id, code,
 * name and time zone) and gets a local administrator. Warehouses, catalogue and documents then
 * arrive by pull. Runs inside the enrolment's transaction.
 */
export function createJoinedBranch(db: LedgerDb, branch: SyncBranch, deps: { now: number; ids: () => string; hlc: () => string; adminPasswordHash?: string }): string {
  const hlc = deps.hlc();
  run(db, 'INSERT INTO branches (id, code, name, time_zone, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?)', branch.id, branch.code, branch.name, branch.timeZone, deps.now, hlc);
  const existing = get<{ id: string }>(db, "SELECT id FROM users WHERE username = 'admin'");
  if (existing) return existing.id;
  const adminId = deps.ids();
  run(
    db,
    "INSERT INTO users (id, username, display_name, role, password_hash, credential_kind, active, created_at, hlc) VALUES (?, 'admin', 'admin', 'admin', ?, 'password', 1, ?, ?)",
    adminId,
    deps.adminPasswordHash ?? null,
    deps.now,
    hlc,
  );
  return adminId;
}
