import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Translate } from '../../components/errors';
import { formatDate, formatNumber, formatQuantity, localName, toLocale, type DisplayUnit, type Locale } from '../../components/format';

export interface CountingText {
  t: Translate;
  locale: Locale;
  name: (p: { nameZh: string; nameEn: string }) => string;
  number: (n: number) => string;
  /** Base units in packs: 77 → '3箱5瓶' / '3 case 5 bottle'. */
  qty: (baseQty: number, units: readonly DisplayUnit[]) => string;
  /** A unit's name, with its size for packs: '箱 (24瓶)'. */
  unit: (unit: DisplayUnit, units?: readonly DisplayUnit[]) => string;
  date: (isoDate: string | null) => string;
  error: (error: unknown) => string;
}

/** The counting screen's translations and formatting, following the current language. */
export function useCountingText(): CountingText {
  const { t: rawT, i18n } = useTranslation('counting');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const t: Translate = (key, options) => String(rawT(key, options as never));
    const locale = toLocale(language);
    const unitName = (u: DisplayUnit) => (locale === 'zh-CN' ? u.nameZh : u.nameEn) || u.code;
    const qty = (baseQty: number, units: readonly DisplayUnit[]) => formatQuantity(baseQty, units, locale);
    return {
      t,
      locale,
      name: (p) => localName(locale, p.nameZh, p.nameEn),
      number: (n) => formatNumber(n, locale),
      qty,
      unit: (u, units) => {
        const base = units?.find((x) => x.factor === 1);
        return u.factor > 1 && base ? t('unitWithSize', { unit: unitName(u), size: qty(u.factor, [base]) }) : unitName(u);
      },
      date: (isoDate) => formatDate(isoDate, locale),
      error: (error) => errorMessage(t, error),
    };
  }, [rawT, language]);
}
