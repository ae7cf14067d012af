import { format as formatWithPattern } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';

/**
 * Display formatting for the two UI languages. Pure functions (no React, no DOM), so they are
 * unit-tested in Node and shared by every feature.
 */
export type Locale = 'zh-CN' | 'en';

export function toLocale(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

const moneyFormats = new Map<Locale, Intl.NumberFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Fen (integer minor units) → '¥1,234.56'. The narrow symbol keeps '¥' in English too ('CN¥' otherwise). */
export function formatMoney(fen: number, locale: Locale): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(locale, f);
  }
  // Integer fen / 100 is the nearest double to the exact yuan amount; formatting to two
  // decimals therefore always prints the stored value.
  return f.format(fen / 100);
}

/** Integers with grouping: 20000 → '20,000'. */
export function formatNumber(n: number, locale: Locale): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/** A ratio → percent with one decimal: 0.1234 → '12.3%'; null (nothing to divide by) → '—'. */
export function formatRatio(ratio: number | null, locale: Locale): string {
  return ratio === null ? '—' : `${formatNumber(Math.round(ratio * 1000) / 10, locale)}%`;
}

/** Basis points → percent: 1300 → '13%', 650 → '6.5%'. */
export function formatBasisPoints(bp: number, locale: Locale): string {
  return `${formatNumber(bp / 100, locale)}%`;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A business date 'YYYY-MM-DD' as a local calendar date (no time-zone shift). */
export function parseIsoDate(value: string): Date | null {
  const m = isoDatePattern.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? d : null;
}

/**
 * The wall-clock time of an instant in `timeZone`, as a local Date for date-fns to format.
 * Business times are shown in the branch's zone, whatever zone the PC itself is set to.
 */
/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (a list of times formats dozens per render). */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = wallClockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, f);
  }
  return f;
}

function wallClock(epochMs: number, timeZone: string | undefined): Date {
  if (!timeZone) return new Date(epochMs);
  try {
    const parts = wallClockFormat(timeZone).formatToParts(new Date(epochMs));
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return new Date(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  } catch {
    return new Date(epochMs);
  }
}

const dateLocales = { 'zh-CN': zhCN, en: enUS } as const;

/**
 * 'YYYY-MM-DD' (a business date) or epoch ms → the language's medium date:
 * zh-CN '2026-05-01', en 'May 1, 2026'. Anything unparsable is returned as given.
 */
export function formatDate(value: string | number | null | undefined, locale: Locale, timeZone?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'number' ? wallClock(value, timeZone) : parseIsoDate(value);
  if (!date || Number.isNaN(date.getTime())) return String(value);
  return formatWithPattern(date, 'PP', { locale: dateLocales[locale] });
}

/** Epoch ms → date and 24-hour time in the branch's zone: '2026-05-01 14:05'. */
export function formatDateTime(epochMs: number, locale: Locale, timeZone?: string): string {
  const date = wallClock(epochMs, timeZone);
  if (Number.isNaN(date.getTime())) return String(epochMs);
  return formatWithPattern(date, 'PP HH:mm', { locale: dateLocales[locale] });
}

/** Epoch ms → 24-hour time in the branch's zone: '14:05'. */
export function formatTime(epochMs: number, timeZone?: string): string {
  const date = wallClock(epochMs, timeZone);
  if (Number.isNaN(date.getTime())) return String(epochMs);
  return formatWithPattern(date, 'HH:mm');
}

/** Whole days from business date `from` to `to` (both 'YYYY-MM-DD'); null if either is invalid. */
export function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

/** A packaging unit as products carry it (structurally the contract's PackUnit). */
export interface DisplayUnit {
  code: string;
  nameZh: string;
  nameEn: string;
  factor: number;
}

function unitName(unit: DisplayUnit, locale: Locale): string {
  return locale === 'zh-CN' ? unit.nameZh || unit.code : unit.nameEn || unit.code;
}

/**
 * The packs of a base-unit quantity, largest first, each with its unit: 77 with a 24-bottle
 * case → ['3箱', '5瓶'] / ['3 case', '5 bottle']. A negative quantity carries its sign on the
 * first pack ('-3箱'). Units with a factor below 1 are ignored; with no usable units the plain
 * number is the only part.
 */
export function formatQuantityParts(qty: number, units: readonly DisplayUnit[], locale: Locale): string[] {
  const usable = units.filter((u) => Number.isInteger(u.factor) && u.factor >= 1);
  const sorted = [...usable].sort((a, b) => b.factor - a.factor);
  const smallest = sorted[sorted.length - 1];
  if (!smallest) return [formatNumber(qty, locale)];
  if (qty === 0) return [locale === 'zh-CN' ? `0${unitName(smallest, locale)}` : `0 ${unitName(smallest, locale)}`];

  let rest = Math.abs(qty);
  const parts: string[] = [];
  for (const unit of sorted) {
    const count = Math.floor(rest / unit.factor);
    if (count > 0) {
      const n = formatNumber(count, locale);
      parts.push(locale === 'zh-CN' ? `${n}${unitName(unit, locale)}` : `${n} ${unitName(unit, locale)}`);
    }
    rest -= count * unit.factor;
  }
  // Only reachable when no unit has factor 1: show the remainder in base units by number.
  if (rest > 0) parts.push(formatNumber(rest, locale));
  if (qty < 0) parts[0] = `-${parts[0] ?? ''}`;
  return parts;
}

/** The packs of a quantity as one text: 77 → '3箱5瓶' / '3 case 5 bottle'. */
export function formatQuantity(qty: number, units: readonly DisplayUnit[], locale: Locale): string {
  return formatQuantityParts(qty, units, locale).join(packSeparator(locale));
}

/** What stands between two packs: nothing in Chinese ('3箱5瓶'), a space in English. */
export function packSeparator(locale: Locale): string {
  return locale === 'zh-CN' ? '' : ' ';
}

/** The product / category name in the UI language; English falls back to Chinese when empty. */
export function localName(locale: Locale, nameZh: string | null | undefined, nameEn: string | null | undefined): string {
  if (locale === 'en') return nameEn || nameZh || '';
  return nameZh || nameEn || '';
}

/** The name in the other language, shown small under the main one; '' when it adds nothing. */
export function otherName(locale: Locale, nameZh: string | null | undefined, nameEn: string | null | undefined): string {
  const main = localName(locale, nameZh, nameEn);
  const other = locale === 'en' ? nameZh : nameEn;
  return other && other !== main ? other : '';
}
