import type { SecretStore } from '../sync/secretStore';

/** The part of Electron's safeStorage the ledger uses (a parameter, so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The OS keychain as the device token's seal: safeStorage encrypts with a key only this OS user
 * can use. Where the OS offers none (a Linux desktop without a secret service), undefined: the
 * token is kept as before rather than "sealed" with a key stored beside it.
 */
export function keychainSecrets(safe: SafeStorageLike): SecretStore | undefined {
  if (!safe.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => safe.encryptString(plain).toString('base64'),
    open: (sealed) => safe.decryptString(Buffer.from(sealed, 'base64')),
  };
}
