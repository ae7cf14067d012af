import { formatDistance } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { SyncErrorInfo, SyncStatus } from '../../../src-main/contract';
import type { Locale } from '../../components/format';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "3 分钟前" / "3 minutes ago". */
export function timeAgo(epochMs: number, now: number, locale: Locale): string {
  return formatDistance(epochMs, Math.max(now, epochMs), { addSuffix: true, locale: locale === 'en' ? enUS : zhCN });
}

function has(t: Translate, key: string): boolean {
  const text = t(key, { defaultValue: '' });
  return text !== '' && text !== key;
}

/** The last sync failure in words, with what to do; the detailed form when its params are there. */
export function syncErrorText(t: Translate, error: Pick<SyncErrorInfo, 'code' | 'params'>): string {
  const params = error.params ?? {};
  if (has(t, `errorDetails.${error.code}`)) {
    const detailed = t(`errorDetails.${error.code}`, params);
    if (!detailed.includes('{{')) return detailed;
  }
  if (has(t, `errors.${error.code}`)) return t(`errors.${error.code}`, params);
  return t('errors.other', { code: error.code });
}

/** Why head office (or this PC) refused an op. */
export function rejectionText(t: Translate, code: string): string {
  return has(t, `reasons.${code}`) ? t(`reasons.${code}`) : t('reasons.other', { code });
}

/** 'stock.receive' → "收货单"; an op this build has no name for is shown as it is. */
export function opName(t: Translate, name: string): string {
  const key = `ops.${name.replace(/\./g, '_')}`;
  return has(t, key) ? t(key) : name;
}

export type SyncHealth = 'synced' | 'pending' | 'offline' | 'error';

export function syncHealth(status: SyncStatus): SyncHealth {
  if (status.lastError?.code === 'OFFLINE') return 'offline';
  if (status.lastError) return 'error';
  return status.pending > 0 ? 'pending' : 'synced';
}

export const healthColor: Record<SyncHealth, string> = { synced: 'teal', pending: 'blue', offline: 'gray', error: 'red' };
