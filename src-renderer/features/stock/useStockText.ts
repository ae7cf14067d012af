import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorPayload } from '../../../src-main/contract';
import { errorMessage, errorPayload, fieldIssueMessage, type Translate } from '../../components/errors';
import { formatMoney, formatNumber, formatQuantity, localName, toLocale, type DisplayUnit, type Locale } from '../../components/format';
import type { Problem } from './formProblems';

/** Problem codes only the stock forms produce (client-side checks), translated in the stock namespace. */
const stockOnlyCodes = new Set([
  'MONEY_INVALID',
  'MONEY_TOO_PRECISE',
  'QUANTITY_INVALID',
  'UNIT_UNKNOWN',
  'LOT_REQUIRED',
  'EXPIRY_REQUIRED',
  'REQUIRED',
  'DATE_OUT_OF_RANGE',
  'PRODUCTION_AFTER_TODAY',
  'EXPIRY_BEFORE_PRODUCTION',
]);

export interface StockText {
  t: Translate;
  locale: Locale;
  zh: boolean;
  name: (p: { nameZh: string; nameEn: string }) => string;
  money: (fen: number) => string;
  number: (n: number) => string;
  qty: (baseQty: number, units: readonly DisplayUnit[]) => string;
  /** A field problem in words; quantities in STOCK_INSUFFICIENT are shown in the product's units. */
  problem: (problem: Problem, units?: readonly DisplayUnit[]) => string;
  /** Any thrown error in words (ApiError by code and params). */
  error: (error: unknown) => string;
  payload: (error: unknown) => ApiErrorPayload | null;
}

/** The stock screens' translation and formatting helpers, following the current language. */
export function useStockText(): StockText {
  const { t: rawT, i18n } = useTranslation('stock');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const t: Translate = (key, options) => String(rawT(key, options as never));
    const locale = toLocale(language);
    const qty = (baseQty: number, units: readonly DisplayUnit[]) => formatQuantity(baseQty, units, locale);
    return {
      t,
      locale,
      zh: locale === 'zh-CN',
      name: (p) => localName(locale, p.nameZh, p.nameEn),
      money: (fen) => formatMoney(fen, locale),
      number: (n) => formatNumber(n, locale),
      qty,
      problem: (problem, units) => {
        const params = problem.params ?? {};
        if (problem.code === 'STOCK_INSUFFICIENT' && typeof params.available === 'number' && units) {
          return t('stock:problems.STOCK_INSUFFICIENT', {
            available: qty(params.available, units),
            requested: typeof params.requested === 'number' ? qty(params.requested, units) : '—',
          });
        }
        if (problem.code === 'LOT_EXPIRY_MISMATCH' && typeof params.expiry === 'string') {
          return t('stock:problems.LOT_EXPIRY_MISMATCH', { expiry: params.expiry });
        }
        if (problem.code === 'UNIT_UNKNOWN' && params.unit === undefined) return t('stock:problems.UNIT_UNKNOWN_ANY');
        if (stockOnlyCodes.has(problem.code)) return t(`stock:problems.${problem.code}`, params);
        return fieldIssueMessage(t, problem.code, params);
      },
      error: (error) => errorMessage(t, error),
      payload: errorPayload,
    };
  }, [rawT, language]);
}
