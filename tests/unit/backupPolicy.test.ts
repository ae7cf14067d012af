import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, defaultBackupPolicy, isDailyBackupDue, parseBackupFileName, type BackupKind } from '../../src-main/core/backupPolicy';

const day = 86_400_000;
const monday = Date.parse('2026-11-23T02:00:00Z');

function backup(kind: BackupKind, at: number) {
  return { fileName: backupFileName(kind, at), kind, createdAt: at };
}

describe('backup file names', () => {
  it('carry the kind and the instant to the millisecond, and read back', () => {
    const name = backupFileName('daily', Date.parse('2026-11-23T01:45:00.123Z'));
    expect(name).toBe('ledger-20261123T014500123Z-daily.sqlite');
    expect(parseBackupFileName(name)).toEqual({ fileName: name, kind: 'daily', createdAt: Date.parse('2026-11-23T01:45:00.123Z') });
  });

  it('refuse anything that is not exactly one of ours: paths, other files, impossible dates', () => {
    for (const name of [
      '../ledger-20261123T014500123Z-daily.sqlite',
      'ledger-20261123T014500123Z-daily.sqlite/..',
      'ledger-20261123T014500123Z-weekly.sqlite',
      'ledger-20261341T014500123Z-daily.sqlite',
      'ledger-20261123T014500123Z-daily.sqlite.json',
      'ledger.sqlite',
      '',
    ]) {
      expect(parseBackupFileName(name), name).toBeNull();
    }
  });
});

describe('rotation', () => {
  it('keeps the last 7 daily backups and one a week for 4 more weeks', () => {
    const dailies = Array.from({ length: 60 }, (_, i) => backup('daily', monday - i * day));
    const removed = new Set(backupsToRemove(dailies, defaultBackupPolicy).map((b) => b.createdAt));
    const kept = dailies.filter((b) => !removed.has(b.createdAt)).map((b) => new Date(b.createdAt).toISOString().slice(0, 10));
    // The newest 7 days (Monday 23rd back to Tuesday 17th: two weeks touched), then the newest
    // day of each of 4 older weeks (Monday-based): Sunday 15th, 8th, 1st and 25 October.
    expect(kept).toEqual(['2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25']);
  });

  it('keeps each other kind by its own count, whatever the daily ones do', () => {
    const list = [
      ...Array.from({ length: 8 }, (_, i) => backup('preMigration', monday - i * 1000)),
      ...Array.from({ length: 12 }, (_, i) => backup('manual', monday - i * 2000)),
      ...Array.from({ length: 3 }, (_, i) => backup('preRestore', monday - i * 3000)),
    ];
    const removed = backupsToRemove(list, defaultBackupPolicy);
    expect(removed.filter((b) => b.kind === 'preMigration')).toHaveLength(3);
    expect(removed.filter((b) => b.kind === 'manual')).toHaveLength(2);
    expect(removed.filter((b) => b.kind === 'preRestore')).toHaveLength(0);
    // The oldest go first.
    expect(Math.max(...removed.filter((b) => b.kind === 'manual').map((b) => b.createdAt))).toBeLessThan(Math.min(...list.filter((b) => b.kind === 'manual' && !removed.includes(b)).map((b) => b.createdAt)));
  });

  it('never removes the newest backup, even with a policy of nothing', () => {
    const list = [backup('manual', monday), backup('daily', monday - day)];
    const removed = backupsToRemove(list, { daily: 0, weekly: 0, preMigration: 0, manual: 0, preRestore: 0 });
    expect(removed.map((b) => b.kind)).toEqual(['daily']);
  });
});

describe('the daily backup', () => {
  it('is due with no daily backup, or when the newest is a day old; a manual one does not count', () => {
    expect(isDailyBackupDue([], monday)).toBe(true);
    expect(isDailyBackupDue([backup('manual', monday - 1000)], monday)).toBe(true);
    expect(isDailyBackupDue([backup('daily', monday - day + 1000)], monday)).toBe(false);
    expect(isDailyBackupDue([backup('daily', monday - day)], monday)).toBe(true);
  });

  it('is due when the newest is dated in the future (the clock was wrong then)', () => {
    expect(isDailyBackupDue([backup('daily', monday + 3 * day)], monday)).toBe(true);
  });
});
