import { describe, expect, it } from 'vitest';
import { methodNames, type Envelope } from '../../src-main/contract';
import { bindLedgerIpc, channelFor } from '../../src-main/electron/bindIpc';

interface FakeEvent {
  trusted: boolean;
}

type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<Envelope>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

function fakeApi(answer: Envelope = { ok: true, value: 'done' }) {
  const calls: { name: string; input: unknown }[] = [];
  return {
    calls,
    invoke(name: string, input: unknown): Promise<Envelope> {
      calls.push({ name, input });
      return Promise.resolve(answer);
    },
  };
}

function bound(api = fakeApi()) {
  const ipcMain = fakeIpcMain();
  bindLedgerIpc(ipcMain, api, (event: FakeEvent) => event.trusted);
  const call = (method: string, event: FakeEvent, ...args: unknown[]) => {
    const handler = ipcMain.handlers.get(`ledger:${method}`);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(event, ...args);
  };
  return { ipcMain, api, call };
}

describe('bindLedgerIpc', () => {
  it('registers exactly one channel per contract method, named ledger:<method>', () => {
    const { ipcMain } = bound();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map((m) => `ledger:${m}`).sort());
    expect(channelFor('stock.receive')).toBe('ledger:stock.receive');
  });

  it('passes a trusted call to the API with its method and input, and answers its envelope', async () => {
    const { api, call } = bound(fakeApi({ ok: true, value: { id: 'doc-1' } }));
    const input = { warehouseId: 'w', lines: [] };
    await expect(call('stock.receive', { trusted: true }, input)).resolves.toEqual({ ok: true, value: { id: 'doc-1' } });
    expect(api.calls).toEqual([{ name: 'stock.receive', input }]);
  });

  it('answers FORBIDDEN to an untrusted sender without calling the API', async () => {
    const { api, call } = bound();
    for (const method of methodNames) {
      await expect(call(method, { trusted: false }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(api.calls).toEqual([]);
  });

  it('treats a sender check that throws (a destroyed frame) as untrusted', async () => {
    const api = fakeApi();
    const ipcMain = fakeIpcMain();
    bindLedgerIpc(ipcMain, api, () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    });
    const handler = ipcMain.handlers.get('ledger:app.info');
    await expect(handler?.({ trusted: true }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(api.calls).toEqual([]);
  });

  it('ignores arguments beyond the input', async () => {
    const { api, call } = bound();
    await call('app.info', { trusted: true }, { a: 1 }, 'extra', { b: 2 });
    expect(api.calls).toEqual([{ name: 'app.info', input: { a: 1 } }]);
  });

  it('turns an API that breaks its promise and throws into an INTERNAL envelope, never a rejected call', async () => {
    const ipcMain = fakeIpcMain();
    const api = { invoke: () => Promise.reject(new Error('SQLITE_CORRUPT at /home/clerk/ledger.sqlite')) };
    bindLedgerIpc(ipcMain, api, () => true);
    const answer = await ipcMain.handlers.get('ledger:app.info')?.({ trusted: true }, {});
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL' } });
  });
});
