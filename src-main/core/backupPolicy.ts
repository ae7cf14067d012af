/**
 * Which backups of the ledger to keep. Backups are files named by kind and instant, so the
 * folder itself is the list: `ledger-20261123T014500123Z-daily.sqlite`. The rotation is the
 * grandfather-father-son scheme tape operators used: the last few days, then one per week
 * further back, so a mistake noticed a month late can still be undone; backups made before a
 * migration or a restore are kept by count of their own, as are those made by hand.
 */

export const backupKinds = ['daily', 'manual', 'preMigration', 'preRestore'] as const;
export type BackupKind = (typeof backupKinds)[number];

export interface BackupPolicy {
  daily: number;
  weekly: number;
  preMigration: number;
  manual: number;
  preRestore: number;
}

export const defaultBackupPolicy: BackupPolicy = { daily: 7, weekly: 4, preMigration: 5, manual: 10, preRestore: 5 };

/** A daily backup is due when none was made in the last 24 hours. */
export const dailyBackupIntervalMs = 24 * 60 * 60 * 1000;

export interface BackupName {
  fileName: string;
  kind: BackupKind;
  createdAt: number;
}

const namePattern = /^ledger-(\d{8})T(\d{9})Z-(daily|manual|preMigration|preRestore)\.sqlite$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `ledger-20261123T014500123Z-daily.sqlite`: sorts by time, and is safe on every file system. */
export function backupFileName(kind: BackupKind, at: number): string {
  const d = new Date(at);
  const date = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}${pad(d.getUTCMilliseconds(), 3)}`;
  return `ledger-${date}T${time}Z-${kind}.sqlite`;
}

/** The kind and instant of a backup file, or null for any other file (or a name that is not ours). */
export function parseBackupFileName(fileName: string): BackupName | null {
  const m = namePattern.exec(fileName);
  if (!m) return null;
  const [, date = '', time = '', kind = ''] = m;
  const at = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
    Number(time.slice(4, 6)),
    Number(time.slice(6, 9)),
  );
  if (!Number.isFinite(at) || backupFileName(kind as BackupKind, at) !== fileName) return null;
  return { fileName, kind: kind as BackupKind, createdAt: at };
}

/** Monday-based week number since the epoch (1970-01-01 was a Thursday). */
function weekOf(at: number): number {
  return Math.floor((Math.floor(at / 86_400_000) + 3) / 7);
}

/**
 * The backups rotation removes: of the daily ones, the newest `daily` stay, and beyond them the
 * newest of each of the `weekly` most recent weeks not already covered; of every other kind,
 * the newest by its own count. The newest backup of all is never removed, whatever the policy.
 */
export function backupsToRemove<T extends BackupName>(backups: readonly T[], policy: BackupPolicy): T[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].fileName);
  const daily = newestFirst.filter((b) => b.kind === 'daily');
  for (const b of daily.slice(0, policy.daily)) keep.add(b.fileName);
  const weeksKept = new Set(daily.slice(0, policy.daily).map((b) => weekOf(b.createdAt)));
  let weekly = 0;
  for (const b of daily.slice(policy.daily)) {
    if (weekly >= policy.weekly) break;
    const week = weekOf(b.createdAt);
    if (weeksKept.has(week)) continue;
    weeksKept.add(week);
    keep.add(b.fileName);
    weekly++;
  }
  for (const kind of ['manual', 'preMigration', 'preRestore'] as const) {
    for (const b of newestFirst.filter((x) => x.kind === kind).slice(0, policy[kind])) keep.add(b.fileName);
  }
  return newestFirst.filter((b) => !keep.has(b.fileName));
}

/** True when no daily backup is younger than a day (or the newest is dated in the future: the clock was wrong). */
export function isDailyBackupDue(backups: readonly BackupName[], now: number): boolean {
  const newestDaily = backups.filter((b) => b.kind === 'daily').reduce((max, b) => Math.max(max, b.createdAt), -Infinity);
  return now - newestDaily >= dailyBackupIntervalMs || newestDaily > now;
}
