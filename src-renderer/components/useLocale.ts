import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../src-main/contract';
import { getApi } from '../api/getApi';
import { toLocale, type Locale } from './format';

export const locales: readonly Locale[] = ['zh-CN', 'en'];

/**
 * The UI language and how to change it. The choice is stored in the ledger (settings.update):
 * the loopback host's origin changes at every start, so localStorage would forget it.
 */
export function useLocale(): {
  locale: Locale;
  setLocale: (locale: Locale, options?: { persist?: boolean }) => Promise<Settings | null>;
} {
  const { i18n, t } = useTranslation('common');
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language);
  const setLocale = useCallback(
    async (next: Locale, options?: { persist?: boolean }) => {
      await i18n.changeLanguage(next);
      if (options?.persist === false) return null;
      try {
        return await getApi()['settings.update']({ locale: next });
      } catch {
        notifications.show({ color: 'orange', message: t('language.switchFailed') });
        return null;
      }
    },
    [i18n, t],
  );
  return { locale, setLocale };
}
