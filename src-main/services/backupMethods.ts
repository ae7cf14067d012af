import { defaultBackupPolicy, type BackupPolicy } from '../core/backupPolicy';
import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { BackupService } from './backups';
import { writeAudit } from './journal';
import { readSetting, writeSetting } from './settings';
import { inTransaction } from './sql';
import type { ServiceContext } from './types';

/** The rotation policy stored on this PC (settings 'backupPolicy'), over the defaults. */
export function readBackupPolicy(db: LedgerDb | undefined): BackupPolicy {
  const stored = db ? readSetting<Partial<BackupPolicy>>({ db }, 'backupPolicy') : undefined;
  return { ...defaultBackupPolicy, ...(stored ?? {}) };
}

function backupsOf(ctx: ServiceContext): BackupService {
  if (!ctx.backups) throw new LedgerError('BACKUP_FAILED', { reason: 'unavailable' });
  return ctx.backups;
}

export function listBackups(ctx: ServiceContext): MethodResult<'backups.list'> {
  return backupsOf(ctx).list();
}

export async function createManualBackup(ctx: ServiceContext): Promise<MethodResult<'backups.create'>> {
  const info = await backupsOf(ctx).create('manual');
  inTransaction(ctx.db, () => writeAudit(ctx, 'backups.create', 'backup', info.fileName, null, { kind: info.kind, sizeBytes: info.sizeBytes }));
  return info;
}

/** On a worker thread with a read-only connection: a big ledger's full check does not hold up the API. */
export function checkLedgerIntegrity(ctx: ServiceContext, input: ParsedInput<'backups.checkLedger'>): Promise<MethodResult<'backups.checkLedger'>> {
  return backupsOf(ctx).checkLedger(input.full);
}

export function previewRestore(ctx: ServiceContext, input: ParsedInput<'backups.preview'>): Promise<MethodResult<'backups.preview'>> {
  return backupsOf(ctx).preview(input.fileName);
}

/** The restore is recorded in the restored ledger's audit trail (the one that goes on). */
export async function restoreBackup(ctx: ServiceContext, input: ParsedInput<'backups.restore'>): Promise<MethodResult<'backups.restore'>> {
  const service = backupsOf(ctx);
  const done = await service.restore(input.fileName);
  const db = service.live();
  if (db) inTransaction(db, () => writeAudit({ ...ctx, db }, 'backups.restore', 'ledger', 'ledger', null, done));
  return done;
}

export function setBackupPolicy(ctx: ServiceContext, input: ParsedInput<'backups.setPolicy'>): MethodResult<'backups.setPolicy'> {
  inTransaction(ctx.db, () => {
    const before = readBackupPolicy(ctx.db);
    writeSetting(ctx, 'backupPolicy', input);
    writeAudit(ctx, 'backups.setPolicy', 'settings', 'backupPolicy', before, input);
  });
  return backupsOf(ctx).list();
}
