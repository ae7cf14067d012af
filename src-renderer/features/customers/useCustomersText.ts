import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Translate } from '../../components/errors';
import { formatDate, formatDateTime, formatMoney, formatNumber, toLocale, type Locale } from '../../components/format';

export interface CustomersText {
  t: Translate;
  locale: Locale;
  money: (fen: number) => string;
  number: (n: number) => string;
  date: (isoDate: string) => string;
  dateTime: (epochMs: number, timeZone?: string) => string;
  error: (error: unknown) => string;
}

/** The customer screens' translation and formatting helpers, following the current language. */
export function useCustomersText(): CustomersText {
  const { t: rawT, i18n } = useTranslation('customers');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const t: Translate = (key, options) => String(rawT(key, options as never));
    const locale = toLocale(language);
    return {
      t,
      locale,
      money: (fen) => formatMoney(fen, locale),
      number: (n) => formatNumber(n, locale),
      date: (isoDate) => formatDate(isoDate, locale),
      dateTime: (epochMs, timeZone) => formatDateTime(epochMs, locale, timeZone),
      error: (error) => errorMessage(t, error),
    };
  }, [rawT, language]);
}

/**
 * A minimum remaining shelf life in ‰ as people say it: 667 → "⅔", 500 → "½", 750 → "¾",
 * else a percentage. 0 means the customer takes any lot.
 */
export function shelfLifeShare(permille: number): string | null {
  if (permille <= 0) return null;
  const fractions: [number, string][] = [
    [333, '⅓'],
    [500, '½'],
    [667, '⅔'],
    [250, '¼'],
    [750, '¾'],
  ];
  const named = fractions.find(([value]) => Math.abs(value - permille) <= 1);
  return named ? named[1] : `${(permille / 10).toFixed(permille % 10 === 0 ? 0 : 1)}%`;
}
