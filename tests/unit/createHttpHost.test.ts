import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/contract';
import { buildCsp } from '../../src-main/electron/security';
import { createHttpHost, maxBodyBytes, type ApiTiming, type HttpHost } from '../../src-main/http/createHttpHost';

const secret = 'test-secret-0123456789_abcdef';

/** A stand-in for createLedgerApi: records calls, answers like the real one would. */
function fakeApi() {
  const calls: { name: string; input: unknown }[] = [];
  return {
    calls,
    invoke(name: string, input: unknown): Promise<Envelope> {
      calls.push({ name, input });
      if (name === 'stock.adjust') return Promise.resolve({ ok: false, error: { code: 'STOCK_INSUFFICIENT', params: { available: 3 } } });
      if (name === 'explode') return Promise.reject(new Error('bug'));
      if (!name.includes('.')) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', params: { method: name } } });
      return Promise.resolve({ ok: true, value: { echo: input } });
    },
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http rather than fetch where a test needs a forged Host, a raw path or a chunked body. */
function raw(
  host: HttpHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: !options.headers?.host },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

let workDir: string;
let staticDir: string;
let api: ReturnType<typeof fakeApi>;
let host: HttpHost;
let errors: unknown[];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'branch-ledger-http-'));
  staticDir = join(workDir, 'dist-web');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Branch Ledger</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(staticDir, '.env'), 'SECRET=1');
  writeFileSync(join(workDir, 'package.json'), '{"name":"outside the static folder"}');
  symlinkSync(join(workDir, 'package.json'), join(staticDir, 'linked.json'));
  errors = [];
  api = fakeApi();
  host = await createHttpHost({ api, staticDir, port: 0, secret, onError: (error) => errors.push(error) });
});

afterAll(async () => {
  await host.close();
  rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  api.calls.length = 0;
});

function post(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-key': secret, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the address and the key', () => {
  it('prints an address on 127.0.0.1 that carries the secret', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${secret}`);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
  });

  it('makes a new long random secret at each start', async () => {
    const a = await createHttpHost({ api, staticDir, port: 0 });
    const b = await createHttpHost({ api, staticDir, port: 0 });
    try {
      expect(a.secret).toMatch(/^[\w-]{40,}$/);
      expect(a.secret).not.toBe(b.secret);
      expect(a.url).toBe(`${a.origin}/?key=${a.secret}`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses a weak or URL-unsafe secret', async () => {
    await expect(createHttpHost({ api, staticDir, port: 0, secret: 'short' })).rejects.toThrow(/secret/);
    await expect(createHttpHost({ api, staticDir, port: 0, secret: 'has spaces and ; semicolons!!' })).rejects.toThrow(/secret/);
  });

  it('opening the printed address sets an HttpOnly SameSite=Strict cookie and redirects the key out of the address bar', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`ledger_key_${host.port}=${secret}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('a wrong key in the address sets no cookie', async () => {
    const res = await fetch(`${host.origin}/?key=${'x'.repeat(secret.length)}`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('the cookie from the address lets the page call the API', async () => {
    const login = await fetch(host.url, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const res = await fetch(`${host.origin}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: host.origin, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ ok: true, value: { echo: {} } });
  });
});

describe('POST /api/<method>', () => {
  it('passes the method and parsed input to the API and answers its envelope as JSON, never cached', async () => {
    const res = await post('stock.receive', { warehouseId: 'w1', lines: [{ qty: 2 }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(res.json()).resolves.toEqual({ ok: true, value: { echo: { warehouseId: 'w1', lines: [{ qty: 2 }] } } });
    expect(api.calls).toEqual([{ name: 'stock.receive', input: { warehouseId: 'w1', lines: [{ qty: 2 }] } }]);
  });

  it('answers a domain error with status 200 and the error envelope', async () => {
    const res = await post('stock.adjust', {});
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ ok: false, error: { code: 'STOCK_INSUFFICIENT', params: { available: 3 } } });
  });

  it('answers an unknown method with 404 and the UNKNOWN_METHOD envelope', async () => {
    const res = await post('nothing', {});
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('without the key: 401 FORBIDDEN and the API is not called', async () => {
    const res = await fetch(`${host.origin}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', params: { reason: 'key' } } });
    expect(api.calls).toEqual([]);
  });

  it('with a wrong key, in the header or a cookie: 401 and the API is not called', async () => {
    expect((await post('app.info', {}, { 'x-ledger-key': `${secret}x` })).status).toBe(401);
    const res = await fetch(`${host.origin}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ledger_key_${host.port}=wrong-wrong-wrong-wrong` },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(api.calls).toEqual([]);
  });

  it('a cookie made for another port does not count', async () => {
    const res = await fetch(`${host.origin}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ledger_key_${host.port + 1}=${secret}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a forged Host header (DNS rebinding), even with the key', async () => {
    for (const forged of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `127.0.0.1.evil.example:${host.port}`, `0.0.0.0:${host.port}`]) {
      const res = await raw(host, {
        method: 'POST',
        path: '/api/app.info',
        headers: { host: forged, 'content-type': 'application/json', 'x-ledger-key': secret },
        body: '{}',
      });
      expect(res.status, forged).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ ok: false, error: { code: 'FORBIDDEN', params: { reason: 'host' } } });
    }
    expect(api.calls).toEqual([]);
  });

  it('accepts localhost:<port> as well as 127.0.0.1:<port>, each with its own origin', async () => {
    const res = await raw(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: { host: `localhost:${host.port}`, origin: `http://localhost:${host.port}`, 'content-type': 'application/json', 'x-ledger-key': secret },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses a request from a foreign origin, even with the key', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${host.port}`, `http://127.0.0.1:${host.port + 1}`]) {
      const res = await post('app.info', {}, { origin });
      expect(res.status, origin).toBe(403);
      await expect(res.json()).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', params: { reason: 'origin' } } });
    }
    expect((await post('app.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('accepts its own origin and a request without one', async () => {
    expect((await post('app.info', {}, { origin: host.origin })).status).toBe(200);
    expect((await post('app.info', {})).status).toBe(200);
  });

  it('requires application/json, so a cross-site form or text/plain post is refused', async () => {
    const res = await post('app.info', '{}', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    await expect(res.json()).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await post('app.info', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('app.info', '{}', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect(api.calls).toHaveLength(1);
  });

  it('refuses a body over 5 MB with 413, whether announced or streamed', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(maxBodyBytes) });
    const announced = await post('stock.receive', big);
    expect(announced.status).toBe(413);
    await expect(announced.json()).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION', params: { reason: 'tooLarge' } } });

    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const streamed = await raw(host, {
      method: 'POST',
      path: '/api/stock.receive',
      headers: { 'content-type': 'application/json', 'x-ledger-key': secret, 'transfer-encoding': 'chunked' },
      chunks: [Buffer.from('{"note":"'), chunk, chunk, chunk, chunk, chunk, chunk, Buffer.from('"}')],
    });
    expect(streamed.status).toBe(413);
    expect(api.calls).toEqual([]);
  });

  it('accepts a body of exactly 5 MB', async () => {
    const padding = maxBodyBytes - JSON.stringify({ note: '' }).length;
    const res = await post('stock.receive', JSON.stringify({ note: 'x'.repeat(padding) }));
    expect(res.status).toBe(200);
    expect(api.calls).toHaveLength(1);
  });

  it('answers malformed JSON or broken UTF-8 with 400 VALIDATION, without calling the API', async () => {
    for (const body of ['{"lines": [', '', 'undefined', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
      const res = await raw(host, {
        method: 'POST',
        path: '/api/stock.receive',
        headers: { 'content-type': 'application/json', 'x-ledger-key': secret },
        body,
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ ok: false, error: { code: 'VALIDATION', params: { reason: 'json' } } });
    }
    expect(api.calls).toEqual([]);
  });

  it('answers other methods than POST with 405', async () => {
    const res = await fetch(`${host.origin}/api/app.info`, { headers: { 'x-ledger-key': secret } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('never answers bad input with a 5xx', async () => {
    const attempts = [
      raw(host, { method: 'POST', path: '/api/%E0%A4%A', headers: { 'content-type': 'application/json', 'x-ledger-key': secret }, body: '{}' }),
      raw(host, { method: 'POST', path: '/api/', headers: { 'content-type': 'application/json', 'x-ledger-key': secret }, body: '{}' }),
      raw(host, { method: 'POST', path: '/api', headers: { 'content-type': 'application/json', 'x-ledger-key': secret }, body: '[]' }),
      raw(host, { method: 'PUT', path: '/api/app.info', headers: { 'x-ledger-key': secret } }),
      raw(host, { method: 'DELETE', path: '/', headers: { 'x-ledger-key': secret } }),
      raw(host, { path: '/%', headers: { 'x-ledger-key': secret } }),
      raw(host, { path: '/?key=', headers: {} }),
      raw(host, { path: '/?key=%', headers: {} }),
      raw(host, { path: '/assets/../../../../etc/passwd', headers: { 'x-ledger-key': secret } }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBeLessThan(500);
    expect(errors).toEqual([]);
  });

  it('reports an API that throws as 500 INTERNAL without details, and logs it', async () => {
    const res = await post('explode', {});
    expect(res.status).toBe(500);
    await expect(res.json()).resolves.toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(errors).toHaveLength(1);
    errors.length = 0;
  });
});

describe('the built renderer', () => {
  const withKey = { 'x-ledger-key': secret };

  it('serves index.html for / with the Content-Security-Policy and other security headers', async () => {
    const res = await fetch(`${host.origin}/`, { headers: withKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    await expect(res.text()).resolves.toContain('<title>Branch Ledger</title>');
  });

  it('serves assets with their content types', async () => {
    const js = await fetch(`${host.origin}/assets/app.js`, { headers: withKey });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    await expect(js.text()).resolves.toBe('console.log("app")');
    const css = await fetch(`${host.origin}/assets/app.css`, { headers: withKey });
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a client-side route with index.html but a missing asset with 404', async () => {
    const route = await fetch(`${host.origin}/stock/receive`, { headers: withKey });
    expect(route.status).toBe(200);
    expect(route.headers.get('content-security-policy')).toBe(buildCsp());
    expect((await fetch(`${host.origin}/assets/missing.js`, { headers: withKey })).status).toBe(404);
  });

  it('serves nothing without the key', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(401);
    await expect(res.text()).resolves.not.toContain('<title>');
  });

  it('refuses a forged Host header for pages too', async () => {
    const res = await raw(host, { path: '/', headers: { host: 'evil.example', ...withKey } });
    expect(res.status).toBe(403);
  });

  it('never serves a file outside dist-web, hidden files or symlinks out of it', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/.env', '/linked.json']) {
      const res = await raw(host, { path, headers: withKey });
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('outside the static folder');
    }
  });

  it('answers HEAD without a body', async () => {
    const res = await raw(host, { method: 'HEAD', path: '/assets/app.js', headers: withKey });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("app")'.length));
    expect(res.text).toBe('');
  });
});

describe('listening', () => {
  it('listens on 127.0.0.1 only: other addresses of this machine refuse the connection', async () => {
    expect(await canConnect('127.0.0.1', host.port)).toBe(true);
    expect(await canConnect('::1', host.port)).toBe(false);
    if (process.platform === 'linux') expect(await canConnect('127.0.0.2', host.port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address?.address as string);
    for (const address of external) expect(await canConnect(address, host.port), address).toBe(false);
  });

  it('refuses a port already in use instead of sharing it', async () => {
    await expect(createHttpHost({ api, staticDir, port: host.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('stops listening on close, and closing twice is harmless', async () => {
    const other = await createHttpHost({ api, staticDir, port: 0 });
    await other.close();
    await other.close();
    expect(await canConnect('127.0.0.1', other.port)).toBe(false);
  });
});

describe('timings for benchmarks', () => {
  it('tells where an answered call spent its time, in order, with the answer size; refused calls reach no timing', async () => {
    const timings: ApiTiming[] = [];
    const timed = await createHttpHost({ api, staticDir, port: 0, secret, onApiTiming: (t) => timings.push(t) });
    try {
      const send = (key: string) =>
        fetch(`${timed.origin}/api/counts.record`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ledger-key': key },
          body: JSON.stringify({ qty: 1 }),
        });
      const answer = await send(secret);
      const text = await answer.text();
      expect((await send('wrong-key-0123456789')).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(timings).toHaveLength(1);
      const [t] = timings;
      expect(t?.method).toBe('counts.record');
      expect(t?.bytes).toBe(Buffer.byteLength(text));
      const order = [t?.arrived, t?.parsed, t?.invoked, t?.written, t?.finished] as number[];
      expect(order).toEqual([...order].sort((a, b) => a - b));
    } finally {
      await timed.close();
    }
  });
});
