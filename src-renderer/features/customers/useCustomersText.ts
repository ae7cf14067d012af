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
