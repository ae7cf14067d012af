import { describe, expect, it } from 'vitest';
import { keychainSecrets, type SafeStorageLike } from '../../src-main/electron/keychainSecrets';
import { isSealed, openSecret, sealSecret } from '../../src-main/sync/secretStore';

/** A stand-in for the OS keychain: reversible, and not the identity, so a plain token shows. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from([...encrypted].map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('the device token at rest', () => {
  it('is sealed by the OS keychain where there is one, and opens again', () => {
    const store = keychainSecrets(fakeSafeStorage());
    const stored = sealSecret(store, 'dev_tok_0123456789');
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain('dev_tok_0123456789');
    expect(openSecret(store, stored)).toBe('dev_tok_0123456789');
  });

  it('stays as it was where the OS offers no keychain, and a plain token still reads', () => {
    expect(keychainSecrets(fakeSafeStorage(false))).toBeUndefined();
    expect(sealSecret(undefined, 'dev_tok_1')).toBe('dev_tok_1');
    expect(openSecret(undefined, 'dev_tok_1')).toBe('dev_tok_1');
  });

  it('a sealed token that cannot be opened here reads as no token, never as garbage', () => {
    const stored = sealSecret(keychainSecrets(fakeSafeStorage()), 'dev_tok_2');
    expect(openSecret(undefined, stored)).toBeNull();
    const otherUser = { seal: (s: string) => s, open: () => { throw new Error('wrong key'); } };
    expect(openSecret(otherUser, stored)).toBeNull();
  });
});
