import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpHost } from '../../src-main/http/createHttpHost';
import type { LedgerApi } from '../../src-main/services/createLedgerApi';
import { openLedgerApp, type LedgerApp } from '../../src-main/services/openLedgerApp';

export interface AppFixture {
  /** The address that logs the browser in (carries the host's secret). */
  url: string;
  origin: string;
  /** The same API the page calls, for arranging data and checking results without the UI. */
  api: LedgerApi;
  /** The open ledger, for arranging large data directly (20,000 products). */
  ledger: LedgerApp;
  dataDir: string;
}

const staticDir = fileURLToPath(new URL('../../dist-web', import.meta.url));

/**
 * Every test gets its own ledger in a fresh temporary directory and its own loopback host on a
 * free port, so tests run in parallel and never see each other's data. Opening `app.url` is
 * left to the test: some check what happens before the key is presented.
 */
export const test = base.extend<{ app: AppFixture }>({
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'branch-ledger-e2e-'));
    const ledger = openLedgerApp({ dataDir, host: 'http' });
    try {
      const host = await createHttpHost({ api: ledger.api, staticDir, exportsDir: ledger.exportsDir, port: 0 });
      try {
        await use({ url: host.url, origin: host.origin, api: ledger.api, ledger, dataDir });
      } finally {
        await host.close();
      }
    } finally {
      ledger.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Calls the API as the test's arranging hand; fails the test on an error envelope. */
export async function call<T = unknown>(app: AppFixture, method: string, input: unknown): Promise<T> {
  const envelope = await app.api.invoke(method, input);
  if (!envelope.ok) throw new Error(`${method} refused: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

/** The administrator password the tests' set-ups choose (user name admin). */
export const ADMIN_PASSWORD = 'admin-pass-1';

/**
 * Signs a user in on the test's PC through the API's own sign-in (auth.signIn), as the sign-in
 * screen does: the page and the test share the PC's one session. Set-up already signs the
 * administrator in; tests that act as someone else, or reopen after signing out, call this.
 */
export async function signIn(app: AppFixture, username = 'admin', secret = ADMIN_PASSWORD): Promise<void> {
  await call(app, 'auth.signIn', { username, secret });
}
