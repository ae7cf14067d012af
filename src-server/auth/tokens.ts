import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-256 hex: how device tokens and enrolment codes are stored, so a leaked table grants nothing. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A device token: 32 random bytes, base64url. Shown once, in the enrolment answer. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Enrolment codes are read aloud over the phone and typed on a branch PC, so the alphabet leaves
 * out the look-alikes 0/O and 1/I. 32 symbols make each random byte's low 5 bits an unbiased pick;
 * 12 of them carry 60 bits, far beyond what the rate limit lets anyone guess within a code's life.
 */
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newEnrolmentCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += codeAlphabet[(bytes[i] ?? 0) & 31];
  }
  return code;
}

/** The same code however it was typed: case, spaces and dashes do not matter. */
export function normalizeEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

export function enrolmentCodeHash(code: string): string {
  return sha256Hex(`enrol:${normalizeEnrolmentCode(code)}`);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(header.trim());
  return m?.[1] ?? null;
}

/** Compares digests, not the strings, so neither length nor content leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
