/**
 * Rules for signing in on a shared branch PC. A PIN is quick to type on the warehouse PC, so it
 * is short and guessable: after a few wrong tries the user is locked out for a while, each
 * further wrong try doubling the wait (the usual back-off of card terminals), so trying all
 * 10,000 four-digit PINs would take months.
 */
export const credentialKinds = ['password', 'pin'] as const;
export type CredentialKind = (typeof credentialKinds)[number];

/** Wrong tries allowed before the first lock-out. */
export const FREE_ATTEMPTS = 5;
/** The first lock-out; each further wrong try doubles it, up to the cap. */
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

/** Minutes of inactivity before the screen locks, unless set on the Settings page. */
export const DEFAULT_LOCK_MINUTES = 10;

export const PIN_PATTERN = /^\d{4,8}$/;
export const PASSWORD_MIN_LENGTH = 8;

/** Whether a secret has the shape its kind asks for: a PIN is 4–8 digits, a password at least 8 characters. */
export function credentialShapeOk(kind: CredentialKind, secret: string): boolean {
  return kind === 'pin' ? PIN_PATTERN.test(secret) : secret.length >= PASSWORD_MIN_LENGTH && secret.length <= 200;
}

/**
 * How long a user is locked out after `failedAttempts` consecutive wrong tries: nothing for the
 * first FREE_ATTEMPTS - 1, then 30 s, 60 s, 120 s … up to 15 minutes.
 */
export function lockoutAfter(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  const doublings = failedAttempts - FREE_ATTEMPTS;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** Math.min(doublings, 20));
}

/** Whole seconds left of a lock-out at `now` (0 when it is over or there is none). */
export function lockoutSecondsLeft(lockedUntil: number | null, now: number): number {
  return lockedUntil !== null && lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : 0;
}
