import { methodNames, type Envelope, type MethodName } from '../contract';
import type { LedgerApi } from '../services/createLedgerApi';

/** One IPC channel per contract method; the preload derives the same names from this function. */
export function channelFor(method: MethodName): string {
  return `ledger:${method}`;
}

/** The one channel outside the contract: save a finished export through the main process's save dialog. */
export const saveExportChannel = 'ledger-files:save';

/** The slice of Electron's ipcMain this needs, so tests can pass a fake. */
export interface IpcMainLike<TEvent> {
  handle(channel: string, listener: (event: TEvent, ...args: unknown[]) => Promise<Envelope>): void;
}

const forbidden: Envelope = { ok: false, error: { code: 'FORBIDDEN', params: { reason: 'sender' } } };

/** A sender check that throws (a frame destroyed mid-call) counts as untrusted. */
export function senderIsTrusted<TEvent>(validateSender: (event: TEvent) => boolean, event: TEvent): boolean {
  try {
    return validateSender(event);
  } catch {
    return false;
  }
}

/**
 * Registers one handler per method. A channel per method (rather than one generic "call"
 * channel) keeps the preload's surface exactly the contract's, and the sender is checked on
 * every call because any frame that ever loads in the window can reach ipcRenderer.
 * The input is handed to api.invoke unparsed: the API parses it with the method's schema.
 */
export function bindLedgerIpc<TEvent>(
  ipcMain: IpcMainLike<TEvent>,
  api: Pick<LedgerApi, 'invoke'>,
  validateSender: (event: TEvent) => boolean,
): void {
  for (const method of methodNames) {
    ipcMain.handle(channelFor(method), async (event, input) => {
      if (!senderIsTrusted(validateSender, event)) return forbidden;
      try {
        return await api.invoke(method, input);
      } catch {
        // invoke promises never to throw; if it ever does, Electron would forward the Error's
        // message (and with it internals) to the renderer, so answer a plain envelope instead.
        return { ok: false, error: { code: 'INTERNAL' } };
      }
    });
  }
}
