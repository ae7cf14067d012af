import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnApprovalReason } from '../../../src-main/contract';
import { errorMessage, type Translate } from '../../components/errors';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatQuantity, localName, toLocale, type DisplayUnit, type Locale } from '../../components/format';

export interface ReturnsText {
  t: Translate;
  locale: Locale;
  name: (p: { nameZh: string; nameEn: string }) => string;
  money: (fen: number) => string;
  number: (n: number) => string;
  qty: (baseQty: number, units: readonly DisplayUnit[]) => string;
  date: (value: string | number | null) => string;
  dateTime: (epochMs: number) => string;
  reason: (reason: ReturnApprovalReason) => string;
  error: (error: unknown) => string;
}

/** The returns screens' words and formats in the current language. */
export function useReturnsText(): ReturnsText {
  const { t, i18n } = useTranslation('returns');
  const locale = toLocale(i18n.language);
  return useMemo(
    () => ({
      t,
      locale,
      name: (p) => localName(locale, p.nameZh, p.nameEn),
      money: (fen) => formatMoney(fen, locale),
      number: (n) => formatNumber(n, locale),
      qty: (baseQty, units) => formatQuantity(baseQty, units, locale),
      date: (value) => formatDate(value, locale),
      dateTime: (epochMs) => formatDateTime(epochMs, locale),
      reason: (reason) => t(`approval.${reason.code}`, reason as unknown as Record<string, unknown>),
      error: (error) => errorMessage(t, error),
    }),
    [t, locale],
  );
}
