import { describe, expect, it } from 'vitest';
import { credentialShapeOk, FIRST_LOCKOUT_MS, lockoutAfter, lockoutSecondsLeft, MAX_LOCKOUT_MS } from '../../src-main/core/signIn';
import { hashSecret, verifySecret } from '../../src-main/services/passwordHash';

describe('PIN and password hashing (scrypt)', () => {
  it('a secret verifies against its own hash only; two users with the same PIN get different hashes', () => {
    const a = hashSecret('1234');
    const b = hashSecret('1234');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(verifySecret('1234', a)).toBe(true);
    expect(verifySecret('1234', b)).toBe(true);
    expect(verifySecret('1235', a)).toBe(false);
    expect(verifySecret('', a)).toBe(false);
  });

  it('the same salt gives the same hash (nothing random but the salt), and a composed character equals its decomposed form', () => {
    const salt = Buffer.alloc(16, 7);
    expect(hashSecret('密码-Café', salt)).toBe(hashSecret('密码-Cafe\u0301', salt));
  });

  it('a missing or malformed stored hash never matches', () => {
    expect(verifySecret('1234', null)).toBe(false);
    expect(verifySecret('1234', 'plain-text-1234')).toBe(false);
    expect(verifySecret('1234', 'scrypt$x$8$1$AAAA$BBBB')).toBe(false);
    expect(verifySecret('1234', 'scrypt$16384$8$1$$')).toBe(false);
    expect(verifySecret('1234', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$BBBB`)).toBe(false);
  });
});

describe('lock-out after wrong tries', () => {
  it('four wrong tries cost nothing, the fifth locks for 30 s, each further one doubles it up to 15 minutes', () => {
    expect([0, 1, 2, 3, 4].map(lockoutAfter)).toEqual([0, 0, 0, 0, 0]);
    expect(lockoutAfter(5)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutAfter(6)).toBe(2 * FIRST_LOCKOUT_MS);
    expect(lockoutAfter(7)).toBe(4 * FIRST_LOCKOUT_MS);
    expect(lockoutAfter(10)).toBe(MAX_LOCKOUT_MS);
    expect(lockoutAfter(1000)).toBe(MAX_LOCKOUT_MS);
  });

  it('the seconds left round up and are 0 once the lock-out is over', () => {
    expect(lockoutSecondsLeft(null, 1000)).toBe(0);
    expect(lockoutSecondsLeft(31_000, 1000)).toBe(30);
    expect(lockoutSecondsLeft(1_500, 1000)).toBe(1);
    expect(lockoutSecondsLeft(1000, 1000)).toBe(0);
  });

  it('a PIN is 4–8 digits and a password at least 8 characters', () => {
    expect(credentialShapeOk('pin', '1234')).toBe(true);
    expect(credentialShapeOk('pin', '12345678')).toBe(true);
    expect(credentialShapeOk('pin', '123')).toBe(false);
    expect(credentialShapeOk('pin', '12a4')).toBe(false);
    expect(credentialShapeOk('password', 'short')).toBe(false);
    expect(credentialShapeOk('password', 'long enough')).toBe(true);
  });
});
