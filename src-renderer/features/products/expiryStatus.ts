import { daysBetween } from '../../components/format';

export type ExpiryStatus =
  | { kind: 'none' }
  | { kind: 'expired'; days: number }
  | { kind: 'near'; days: number }
  | { kind: 'ok'; days: number };

/**
 * How close a lot is to its expiry on the branch's business date. "Near" follows the
 * branch setting (30 days by default), the window in which FMCG distributors move or
 * discount stock before it can no longer be sold.
 */
export function expiryStatus(expiryDate: string | null, today: string | null, nearExpiryDays: number): ExpiryStatus {
  if (!expiryDate || !today) return { kind: 'none' };
  const days = daysBetween(today, expiryDate);
  if (days === null) return { kind: 'none' };
  if (days < 0) return { kind: 'expired', days: -days };
  if (days <= nearExpiryDays) return { kind: 'near', days };
  return { kind: 'ok', days };
}

export const expiryColors: Record<ExpiryStatus['kind'], string | undefined> = {
  none: undefined,
  expired: 'red',
  near: 'orange',
  ok: undefined,
};
