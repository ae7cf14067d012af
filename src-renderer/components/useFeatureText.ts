import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Translate } from './errors';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatQuantity, localName, toLocale, type DisplayUnit, type Locale } from './format';

export interface FeatureText {
  t: Translate;
  locale: Locale;
  name: (p: { nameZh: string; nameEn: string }) => string;
  money: (fen: number) => string;
  number: (n: number) => string;
  qty: (baseQty: number, units: readonly DisplayUnit[]) => string;
  date: (value: string | number | null) => string;
  dateTime: (epochMs: number) => string;
  error: (error: unknown) => string;
}

/** A feature's translation (its namespace) and formatting helpers, following the current language. */
export function useFeatureText(namespace: string): FeatureText {
  const { t: rawT, i18n } = useTranslation(namespace);
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const t: Translate = (key, options) => String(rawT(key, options as never));
    const locale = toLocale(language);
    return {
      t,
      locale,
      name: (p) => localName(locale, p.nameZh, p.nameEn),
      money: (fen) => formatMoney(fen, locale),
      number: (n) => formatNumber(n, locale),
      qty: (baseQty, units) => formatQuantity(baseQty, units, locale),
      date: (value) => formatDate(value, locale),
      dateTime: (epochMs) => formatDateTime(epochMs, locale),
      error: (error) => errorMessage(t, error),
    };
  }, [rawT, language]);
}
