import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { FeatureModule } from '../lib/featureModule';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

/**
 * i18next with the `common` namespace plus every feature's own namespace. The language starts
 * as Chinese and is switched to the ledger's stored choice once settings.get answers (see
 * App.tsx); it is not kept in localStorage because the loopback origin changes at every start.
 */
export const defaultLocale = 'zh-CN';

export function buildResources(features: readonly FeatureModule[]): Resource {
  const zh: Record<string, Record<string, unknown>> = { common: zhCN };
  const english: Record<string, Record<string, unknown>> = { common: en };
  for (const feature of features) {
    zh[feature.namespace] = feature.resources['zh-CN'];
    english[feature.namespace] = feature.resources.en;
  }
  return { 'zh-CN': zh, en: english } as Resource;
}

export function initI18n(features: readonly FeatureModule[]): I18n {
  if (i18next.isInitialized) return i18next;
  void i18next.use(initReactI18next).init({
    resources: buildResources(features),
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: ['zh-CN', 'en'],
    load: 'currentOnly',
    ns: ['common', ...features.map((f) => f.namespace)],
    defaultNS: 'common',
    // A feature's t('actions.save') finds the shared word without a 'common:' prefix.
    fallbackNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: {
      // React escapes text already.
      escapeValue: false,
    },
    // Keep a placeholder whose value is missing visible as '{{name}}' instead of blank, so
    // errors.ts can tell a complete detailed message from one that lacks its params.
    missingInterpolationHandler: (_text: string, match: RegExpExecArray | string[]) => match[0] ?? '',
    react: { useSuspense: false },
  });
  document.documentElement.lang = defaultLocale;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
