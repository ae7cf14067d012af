import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalReason } from '../../../src-main/contract';
import { errorMessage, errorPayload, fieldIssueMessage, type Translate } from '../../components/errors';
import {
  formatBasisPoints,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatQuantity,
  localName,
  toLocale,
  type DisplayUnit,
  type Locale,
} from '../../components/format';
import type { SalesProblem } from './orderDraft';

/** Problem codes only the order form produces (its own checks), translated in the sales namespace. */
const salesOnlyCodes = new Set(['REQUIRED', 'QUANTITY_INVALID', 'UNIT_UNKNOWN', 'POSITIVE_REQUIRED', 'MONEY_INVALID', 'PERCENT_INVALID']);

export interface SalesText {
  t: Translate;
  locale: Locale;
  name: (p: { nameZh: string; nameEn: string }) => string;
  money: (fen: number) => string;
  number: (n: number) => string;
  percent: (bp: number) => string;
  qty: (baseQty: number, units: readonly DisplayUnit[]) => string;
  /** A line's base-unit quantity in its own unit and base unit ("2箱", "1箱5瓶"). */
  lineQty: (baseQty: number, line: LineUnits) => string;
  date: (value: string | number | null) => string;
  dateTime: (epochMs: number, timeZone?: string) => string;
  problem: (problem: SalesProblem) => string;
  reason: (reason: ApprovalReason) => string;
  error: (error: unknown) => string;
  payload: typeof errorPayload;
}

export interface LineUnits {
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  factor: number;
  baseUnitCode: string;
  baseUnitNameZh: string;
  baseUnitNameEn: string;
}

export function lineDisplayUnits(l: LineUnits): DisplayUnit[] {
  const unit = { code: l.unitCode, nameZh: l.unitNameZh, nameEn: l.unitNameEn, factor: l.factor };
  return l.factor === 1 ? [unit] : [unit, { code: l.baseUnitCode, nameZh: l.baseUnitNameZh, nameEn: l.baseUnitNameEn, factor: 1 }];
}

/** The sales screens' translation and formatting helpers, following the current language. */
export function useSalesText(): SalesText {
  const { t: rawT, i18n } = useTranslation('sales');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const t: Translate = (key, options) => String(rawT(key, options as never));
    const locale = toLocale(language);
    const money = (fen: number) => formatMoney(fen, locale);
    return {
      t,
      locale,
      name: (p) => localName(locale, p.nameZh, p.nameEn),
      money,
      number: (n) => formatNumber(n, locale),
      percent: (bp) => formatBasisPoints(bp, locale),
      qty: (baseQty, units) => formatQuantity(baseQty, units, locale),
      lineQty: (baseQty, line) => formatQuantity(baseQty, lineDisplayUnits(line), locale),
      date: (value) => formatDate(value, locale),
      dateTime: (epochMs, timeZone) => formatDateTime(epochMs, locale, timeZone),
      problem: (problem) =>
        salesOnlyCodes.has(problem.code) ? t(`sales:problems.${problem.code}`, problem.params) : fieldIssueMessage(t, problem.code, problem.params),
      reason: (r) => {
        if (r.code === 'CREDIT_LIMIT') {
          // Without customers.sensitive the figures are not sent: only that the limit is passed.
          if (r.limitFen === undefined || r.exposureFen === undefined) return t('reasonShort.CREDIT_LIMIT');
          return t('reasons.CREDIT_LIMIT', { limit: money(r.limitFen), exposure: money(r.exposureFen) });
        }
        if (r.code === 'PRICE_BELOW_FLOOR') return t('reasons.PRICE_BELOW_FLOOR', { line: r.lineNo, price: money(r.priceFen), floor: money(r.floorFen) });
        return t('reasons.DISCOUNT_LARGE', { line: r.lineNo, discount: formatBasisPoints(r.discountBp, locale), max: formatBasisPoints(r.maxBp, locale) });
      },
      error: (error) => errorMessage(t, error),
      payload: errorPayload,
    };
  }, [rawT, language]);
}
