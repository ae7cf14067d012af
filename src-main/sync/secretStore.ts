/**
 * Sealing the device token at rest. On a user's PC the Electron host passes a store backed by
 * the operating system's keychain (safeStorage: DPAPI on Windows, Keychain on macOS, libsecret
 * on Linux), so a copy of the ledger file alone does not carry a working token. Hosts without
 * one (the loopback host, tests) keep the token as it was before, in plain text, which the
 * status says.
 */
export interface SecretStore {
  seal(plain: string): string;
  open(sealed: string): string;
}

const SEALED = 'sealed:v1:';

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED);
}

/** What is written for a token: sealed when a store is at hand. */
export function sealSecret(store: SecretStore | undefined, plain: string): string {
  return store ? `${SEALED}${store.seal(plain)}` : plain;
}

/**
 * The token from what is stored: opened by the store when sealed. A sealed token without a store
 * (the ledger opened by the loopback host, or by another OS user) cannot be read: null, and the
 * PC answers "not enrolled" until it is enrolled again, rather than sending garbage.
 */
export function openSecret(store: SecretStore | undefined, stored: string): string | null {
  if (!isSealed(stored)) return stored;
  if (!store) return null;
  try {
    return store.open(stored.slice(SEALED.length));
  } catch {
    return null;
  }
}
