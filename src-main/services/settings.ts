import type { MethodResult, ParsedInput } from '../contract';
import type { Settings } from '../contract/results';
import { DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE } from '../core/purchaseOrder';
import { LedgerError } from '../core/errors';
import { roleHasPermission } from '../core/permissions';
import { DEFAULT_LOCK_MINUTES } from '../core/signIn';
import { writeAudit } from './journal';
import { all, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

const defaults: Settings = { locale: 'zh-CN', nearExpiryDays: 30, minReceiptShelfLifePermille: DEFAULT_MIN_RECEIPT_SHELF_LIFE_PERMILLE, lockMinutes: DEFAULT_LOCK_MINUTES };

export function readSettings(ctx: Pick<ServiceContext, 'db'>): Settings {
  const stored = Object.fromEntries(
    all<{ key: string; value: string }>(ctx.db, 'SELECT key, value FROM settings').map((r) => [r.key, JSON.parse(r.value) as unknown]),
  );
  return {
    locale: stored.locale === 'en' ? 'en' : defaults.locale,
    nearExpiryDays: typeof stored.nearExpiryDays === 'number' ? stored.nearExpiryDays : defaults.nearExpiryDays,
    minReceiptShelfLifePermille: typeof stored.minReceiptShelfLifePermille === 'number' ? stored.minReceiptShelfLifePermille : defaults.minReceiptShelfLifePermille,
    lockMinutes: typeof stored.lockMinutes === 'number' ? stored.lockMinutes : defaults.lockMinutes,
  };
}

export function writeSetting(ctx: Pick<ServiceContext, 'db' | 'now'>, key: string, value: unknown): void {
  run(
    ctx.db,
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    key,
    JSON.stringify(value),
    ctx.now,
  );
}

export function readSetting<T>(ctx: Pick<ServiceContext, 'db'>, key: string): T | undefined {
  const row = all<{ value: string }>(ctx.db, 'SELECT value FROM settings WHERE key = ?', key)[0];
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Per-PC preferences: audited, not synced (they are not branch data). */
export function updateSettings(ctx: ServiceContext, input: ParsedInput<'settings.update'>): MethodResult<'settings.update'> {
  return inTransaction(ctx.db, () => {
    const before = readSettings(ctx);
    if (input.locale !== undefined) writeSetting(ctx, 'locale', input.locale);
    if (input.nearExpiryDays !== undefined) writeSetting(ctx, 'nearExpiryDays', input.nearExpiryDays);
    if (input.minReceiptShelfLifePermille !== undefined) writeSetting(ctx, 'minReceiptShelfLifePermille', input.minReceiptShelfLifePermille);
    if (input.lockMinutes !== undefined) {
      // How long a shared PC stays open unattended is the administrator's call, not each user's.
      if (!roleHasPermission(ctx.currentUser.role, 'users.manage')) throw new LedgerError('FORBIDDEN', { permission: 'users.manage' });
      writeSetting(ctx, 'lockMinutes', input.lockMinutes);
    }
    const after = readSettings(ctx);
    writeAudit(ctx, 'settings.update', 'settings', 'settings', before, after);
    return after;
  });
}
