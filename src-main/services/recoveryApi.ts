import { LedgerError, type Envelope } from '../core/errors';
import { isMethodName, methods, type MethodName } from '../contract';
import type { BackupService } from './backups';
import type { LedgerApi } from './createLedgerApi';
import { toFieldIssues } from './createLedgerApi';

/**
 * The API while the ledger file cannot be opened (damaged): the recovery screen lists the
 * backups, previews one and restores it; every other method answers LEDGER_DAMAGED, app.info
 * included, which is how the renderer knows to show that screen. There are no users to check
 * (they live in the damaged file); restoring keeps the damaged file beside the ledger, so
 * nothing is thrown away by it.
 */
const recoveryMethods = new Set<MethodName>(['backups.list', 'backups.preview', 'backups.restore']);

export function createRecoveryApi(deps: { backups: BackupService; damaged: () => string }): LedgerApi {
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
      const { fileName } = parsed.data as { fileName: string };
      if (name === 'backups.preview') return { ok: true, value: deps.backups.preview(fileName) };
      return { ok: true, value: await deps.backups.restore(fileName) };
    } catch (error) {
      return failed(name, error);
    }
  }

  return {
    invoke,
    invokeSync: () => refuse(),
  };
}
