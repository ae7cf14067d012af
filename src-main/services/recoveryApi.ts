import { LedgerError, type Envelope } from '../core/errors';
import { isMethodName, methods, type MethodName } from '../contract';
import { join } from 'node:path';
import type { IdGenerator } from '../core/ids';
import type { BackupService } from './backups';
import { writeAudit } from './journal';
import type { RecoveryGate } from './recoverySignIn';
import { inTransaction } from './sql';
import type { LedgerApi } from './createLedgerApi';
import { toFieldIssues } from './createLedgerApi';

/**
 * The API while the ledger file cannot be opened (damaged): the recovery screen lists the
 * backups, previews one and restores it; every other method answers LEDGER_DAMAGED, app.info
 * included, which is how the renderer knows to show that screen. The ledger's users live in the
 * damaged file, so a preview or restore names a manager or administrator of the backup itself
 * with that user's password or PIN (recoverySignIn.ts); the restore is audited in the restored
 * ledger as that user's. Restoring keeps the damaged file beside the ledger, so nothing is
 * thrown away by it.
 */
const recoveryMethods = new Set<MethodName>(['backups.list', 'backups.preview', 'backups.restore']);

export function createRecoveryApi(deps: { backups: BackupService; damaged: () => string; gate: RecoveryGate; ids: IdGenerator; clock: () => number }): LedgerApi {
  function refuse(): Envelope {
    return { ok: false, error: { code: 'LEDGER_DAMAGED', params: { detail: deps.damaged().slice(0, 300) } } };
  }

  function failed(name: string, error: unknown): Envelope {
    if (error instanceof LedgerError) return { ok: false, error: error.toPayload() };
    console.error(`[ledger recovery] ${name} failed`, error);
    return { ok: false, error: { code: 'INTERNAL' } };
  }

  async function invoke(name: string, rawInput: unknown): Promise<Envelope> {
    if (!isMethodName(name)) return { ok: false, error: { code: 'UNKNOWN_METHOD', params: { method: String(name).slice(0, 80) } } };
    if (!recoveryMethods.has(name)) return refuse();
    const parsed = methods[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', fields: toFieldIssues(parsed.error) } };
    try {
      if (name === 'backups.list') return { ok: true, value: deps.backups.list() };
      const { fileName, signIn } = parsed.data as { fileName: string; signIn?: { username: string; secret: string } };
      if (!deps.backups.list().backups.some((b) => b.fileName === fileName)) throw new LedgerError('BACKUP_NOT_FOUND', { fileName });
      const user = deps.gate.verify(join(deps.backups.folder, fileName), signIn);
      if (name === 'backups.preview') return { ok: true, value: await deps.backups.preview(fileName) };
      const done = await deps.backups.restore(fileName);
      const db = deps.backups.live();
      if (db) {
        const ctx = { db, ids: deps.ids, now: deps.clock(), currentUser: { id: user.id, role: user.role } };
        inTransaction(db, () => writeAudit(ctx, 'backups.restore', 'ledger', 'ledger', null, { ...done, recoveryMode: true, signedInAs: user.username }));
      }
      return { ok: true, value: done };
    } catch (error) {
      return failed(name, error);
    }
  }

  return {
    invoke,
    invokeSync: () => refuse(),
  };
}
