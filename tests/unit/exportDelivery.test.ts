import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/contract';
import { saveExportChannel } from '../../src-main/electron/bindIpc';
import { bindSaveExport } from '../../src-main/electron/bindSaveExport';
import {
  attachmentDisposition,
  createExportFile,
  findExportFile,
  removeOldExports,
  safeFileName,
} from '../../src-main/exports/exportFiles';
import { createHttpHost, type HttpHost } from '../../src-main/http/createHttpHost';
import { buildFileBridge } from '../../src-main/preload/buildFileBridge';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-delivery-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function makeExport(name = '库存-BJ01-2026-11-20.csv', content = '\uFEFF商品,数量\r\n') {
  return createExportFile(dir, name, async (path) => {
    writeFileSync(path, content);
    return { rows: 1, bytes: Buffer.byteLength(content) };
  });
}

describe('export files', () => {
  it('are made in a folder of their own under a random id, and found again by that id only', async () => {
    const file = await makeExport();
    expect(file.fileId).toMatch(/^[0-9a-f]{32}$/);
    expect(file).toMatchObject({ fileName: '库存-BJ01-2026-11-20.csv', rows: 1 });
    await expect(findExportFile(dir, file.fileId)).resolves.toMatchObject({ fileName: '库存-BJ01-2026-11-20.csv', bytes: file.bytes });
    for (const bad of ['../' + file.fileId, file.fileId.toUpperCase(), `${file.fileId}/..`, '..', '%2e%2e', '', 42, null]) {
      await expect(findExportFile(dir, bad)).resolves.toBeNull();
    }
  });

  it('a writer that fails leaves no folder behind', async () => {
    await expect(
      createExportFile(dir, 'x.csv', async (path) => {
        writeFileSync(path, 'partial');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names are made safe for every file system', () => {
    expect(safeFileName('库存/BJ01:2026*?.xlsx')).toBe('库存_BJ01_2026__.xlsx');
    expect(safeFileName('..')).toBe('export');
  });

  it('older than a day are removed at start; newer ones stay', async () => {
    const now = Date.now();
    const old = await makeExport('old.csv');
    const fresh = await makeExport('fresh.csv');
    const dayAgo = (now - 25 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir, old.fileId), dayAgo, dayAgo);
    expect(removeOldExports(dir, now)).toBe(1);
    expect(readdirSync(dir)).toEqual([fresh.fileId]);
  });

  it('are offered for download with their UTF-8 name (RFC 5987) and an ASCII fallback', () => {
    expect(attachmentDisposition('库存 (BJ01).xlsx')).toBe(`attachment; filename="__ (BJ01).xlsx"; filename*=UTF-8''%E5%BA%93%E5%AD%98%20%28BJ01%29.xlsx`);
  });
});

describe('GET /files/<fileId> on the loopback host', () => {
  const secret = 'test-secret-0123456789_abcdef';
  let host: HttpHost;
  beforeEach(async () => {
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    host = await createHttpHost({ api: { invoke: () => Promise.resolve({ ok: true, value: null }) }, staticDir, exportsDir: join(dir, 'exports'), secret, port: 0 });
  });
  afterEach(async () => {
    await host.close();
  });

  it('answers the file as an attachment to the holder of the key, and nothing to anyone else', async () => {
    const exportsDir = join(dir, 'exports');
    const file = await createExportFile(exportsDir, '库存.csv', async (path) => {
      writeFileSync(path, '\uFEFFa,b\r\n');
      return { rows: 0, bytes: 8 };
    });
    const url = `${host.origin}/files/${file.fileId}`;
    const ok = await fetch(url, { headers: { cookie: `ledger_key_${host.port}=${secret}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(ok.headers.get('content-disposition')).toContain("filename*=UTF-8''%E5%BA%93%E5%AD%98.csv");
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await ok.arrayBuffer()).toString('utf8')).toBe('\uFEFFa,b\r\n');

    expect((await fetch(url)).status).toBe(401);
    const foreign = await fetch(url, { headers: { 'x-ledger-key': secret, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const crossSite = await fetch(url, { headers: { 'x-ledger-key': secret, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const unknown = await fetch(`${host.origin}/files/${'0'.repeat(32)}`, { headers: { 'x-ledger-key': secret } });
    expect(unknown.status).toBe(404);
    const traversal = await fetch(`${host.origin}/files/..%2F..%2Fledger.sqlite`, { headers: { 'x-ledger-key': secret } });
    expect(traversal.status).toBe(404);
  });
});

describe('saving an export in Electron', () => {
  interface FakeEvent {
    trusted: boolean;
  }
  type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<Envelope>;

  function bound(chosenPath: string | undefined) {
    const handlers = new Map<string, Listener>();
    const copies: [string, string][] = [];
    const asked: string[] = [];
    bindSaveExport<FakeEvent>({ handle: (channel, listener) => handlers.set(channel, listener) }, (event) => event.trusted, {
      findFile: (fileId) => findExportFile(dir, fileId),
      askSavePath: (_event, fileName) => {
        asked.push(fileName);
        return Promise.resolve(chosenPath);
      },
      copyFile: (from, to) => {
        copies.push([from, to]);
        return Promise.resolve();
      },
    });
    const handler = handlers.get(saveExportChannel);
    if (!handler) throw new Error('no save handler');
    return { handler, copies, asked, channels: [...handlers.keys()] };
  }

  it('asks where to save under the export’s name and copies it there', async () => {
    const file = await makeExport();
    const { handler, copies, asked, channels } = bound('/home/clerk/桌面/库存.csv');
    expect(channels).toEqual(['ledger-files:save']);
    await expect(handler({ trusted: true }, file.fileId)).resolves.toEqual({ ok: true, value: { saved: true } });
    expect(asked).toEqual(['库存-BJ01-2026-11-20.csv']);
    expect(copies).toEqual([[join(dir, file.fileId, '库存-BJ01-2026-11-20.csv'), '/home/clerk/桌面/库存.csv']]);
  });

  it('a cancelled dialog saves nothing', async () => {
    const file = await makeExport();
    const { handler, copies } = bound(undefined);
    await expect(handler({ trusted: true }, file.fileId)).resolves.toEqual({ ok: true, value: { saved: false } });
    expect(copies).toEqual([]);
  });

  it('refuses an untrusted sender, a malformed id and an expired export without opening a dialog', async () => {
    const file = await makeExport();
    const { handler, asked, copies } = bound('/tmp/x.csv');
    await expect(handler({ trusted: false }, file.fileId)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(handler({ trusted: true }, '../../etc/passwd')).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await expect(handler({ trusted: true }, { fileId: file.fileId })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await expect(handler({ trusted: true }, 'f'.repeat(32))).resolves.toMatchObject({ ok: false, error: { code: 'EXPORT_FILE_GONE' } });
    expect(asked).toEqual([]);
    expect(copies).toEqual([]);
  });

  it('the preload exposes one frozen function that forwards only the id on the save channel', async () => {
    const sent: unknown[][] = [];
    const bridge = buildFileBridge((...args: unknown[]) => {
      sent.push(args);
      return Promise.resolve({ ok: true, value: { saved: true } });
    });
    expect(Object.keys(bridge)).toEqual(['saveExport']);
    expect(Object.isFrozen(bridge)).toBe(true);
    const save = bridge.saveExport as (...args: unknown[]) => Promise<unknown>;
    await save('abc', '/etc/passwd');
    expect(sent).toEqual([['ledger-files:save', 'abc']]);
  });
});
