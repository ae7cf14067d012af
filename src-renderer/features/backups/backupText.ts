import type { Locale } from '../../components/format';
import { formatNumber } from '../../components/format';

/** Bytes as KB / MB with one decimal, the way a file manager shows them. */
export function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;
}
