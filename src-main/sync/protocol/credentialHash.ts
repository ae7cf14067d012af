import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Part of the sync protocol: head office hashes the password or PIN of a user it manages and only
 * the hash travels down to the branch's PCs, which verify sign-ins against it; both sides use
 * this one file (imported by path, not through the protocol's index, which the renderer's
 * contract types reach).
 *
 * Passwords and PINs are stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64): a salt of
 * its own per user, so two users with the PIN 1234 have different hashes, and scrypt's memory
 * cost, so a stolen ledger file does not give the PINs away cheaply. N = 2^14 keeps a sign-in on
 * the branch PC near 50 ms.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(secret.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time comparison of a typed secret with a stored hash; a malformed hash never matches. */
export function verifySecret(secret: string, stored: string | null): boolean {
  if (!stored) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!n || !r || !p || salt.length === 0 || expected.length === 0 || n > 2 ** 20) return false;
  const actual = scryptSync(secret.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}
