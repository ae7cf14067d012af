import type { Envelope } from '../../src-main/contract';
import { createClient, type LedgerClient, type Transport } from './createClient';

/**
 * The renderer never knows its host: in Electron the preload put one function per method on
 * window.ledger; in a browser on the loopback host every call is POST /api/<method>.
 */
declare global {
  interface Window {
    ledger?: Record<string, (input: unknown) => Promise<Envelope>>;
    /** Electron only: saves a finished export through the main process's save dialog. */
    ledgerFiles?: { saveExport: (fileId: string) => Promise<Envelope<{ saved: boolean }>> };
  }
}

const httpTransport: Transport = async (method, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', params: { reason: 'offline' } } };
  }
  try {
    return (await response.json()) as Envelope;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', params: { status: response.status } } };
  }
};

const ipcTransport: Transport = async (method, input) => {
  const fn = window.ledger?.[method];
  if (!fn) return { ok: false, error: { code: 'UNKNOWN_METHOD' } };
  return fn(input);
};

let client: LedgerClient | undefined;

export function getApi(): LedgerClient {
  client ??= createClient(window.ledger ? ipcTransport : httpTransport);
  return client;
}
