import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import type { Envelope } from '../contract';
import { attachmentDisposition, exportContentType, findExportFile } from '../exports/exportFiles';
import { buildCsp, isClientRoute, resolveStaticPath } from '../electron/security';
import type { LedgerApi } from '../services/createLedgerApi';

/**
 * The loopback host: the built renderer and POST /api/<method> for a browser on the same PC
 * (browser end-to-end tests, and `npm start` where Electron is not installed).
 *
 * Any web page the user visits can send requests to 127.0.0.1, and a DNS-rebinding page can
 * even appear same-origin, so every request must pass: the Host header names this loopback
 * address and port; an Origin, when sent, is this host's own; and the caller holds the secret
 * made at this start (printed in the address, then kept in an HttpOnly SameSite=Strict cookie).
 */

export const maxBodyBytes = 5 * 1024 * 1024;

export interface HttpHostOptions {
  api: Pick<LedgerApi, 'invoke'>;
  /** The built renderer (dist-web). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed secret for tests; a fresh random one otherwise. */
  secret?: string;
  /** `<dataDir>/exports`: GET /files/<fileId> serves the exports made there (see exports/exportFiles.ts). */
  exportsDir?: string;
  /** Unexpected failures (never bad input) are reported here; stderr by default. */
  onError?: (error: unknown) => void;
  /** Benchmarks: told where the host's time went for each API call that reached the ledger. */
  onApiTiming?: (timing: ApiTiming) => void;
}

/**
 * One API call inside the host, as performance.now() milliseconds: its headers parsed, its body
 * read and parsed, the ledger's answer, the answer serialised and written, the last byte handed
 * to the socket.
 */
export interface ApiTiming {
  method: string;
  arrived: number;
  parsed: number;
  invoked: number;
  written: number;
  finished: number;
  /** The answer's size in bytes. */
  bytes: number;
}

export interface HttpHost {
  /** The address to open, carrying the secret: http://127.0.0.1:PORT/?key=SECRET */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ttc': 'font/collection',
  '.wasm': 'application/wasm',
};

const baseHeaders: OutgoingHttpHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Another site may not even embed our responses as images or scripts.
  'cross-origin-resource-policy': 'same-origin',
};

const htmlHeaders: OutgoingHttpHeaders = {
  'content-security-policy': buildCsp(),
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const secretPattern = /^[\w-]{16,128}$/;

const notAuthorizedText =
  'Branch Ledger: open the address printed where Branch Ledger was started; it carries the access key for this session.\n';

class RequestAborted extends Error {}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, envelope: Envelope, extra: OutgoingHttpHeaders = {}): number {
  const body = JSON.stringify(envelope);
  const bytes = Buffer.byteLength(body);
  res.writeHead(status, {
    ...baseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes,
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
  return bytes;
}

function sendText(res: ServerResponse, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    ...baseHeaders,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function refusal(reason: string): Envelope {
  return { ok: false, error: { code: 'FORBIDDEN', params: { reason } } };
}

function badRequest(reason: string, params: Record<string, string | number> = {}): Envelope {
  return { ok: false, error: { code: 'VALIDATION', params: { reason, ...params } } };
}

/** Domain errors are answers, not HTTP failures: the renderer reads the envelope either way. */
function statusFor(envelope: Envelope): number {
  if (envelope.ok) return 200;
  if (envelope.error.code === 'UNKNOWN_METHOD') return 404;
  if (envelope.error.code === 'INTERNAL') return 500;
  return 200;
}

/** The body, or 'tooLarge' as soon as it passes the limit (the rest is discarded, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        resolvePromise('tooLarge');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolvePromise(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    req.on('close', () => {
      if (settled) return;
      settled = true;
      reject(new RequestAborted('request aborted'));
    });
  });
}

/** A foreign page's request carries its own Origin or a cross-site Sec-Fetch-Site; ours carries ours or none. */
function fromAnotherSite(req: IncomingMessage, hostHeader: string): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${hostHeader}`) return true;
  const fetchSite = req.headers['sec-fetch-site'];
  return fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(body)) as unknown };
  } catch {
    return { ok: false };
  }
}

export async function createHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  if (!secretPattern.test(secret)) {
    throw new Error('The loopback host secret must be 16 to 128 characters of A-Z, a-z, 0-9, "_" or "-".');
  }
  const secretDigest = sha256(secret);
  const staticRoot = resolve(options.staticDir);
  const onError = options.onError ?? ((error: unknown) => console.error('[branch-ledger http]', error));
  const { api } = options;

  // Known once listening; no request can arrive before that.
  let port = 0;
  let allowedHosts = new Set<string>();
  let cookieName = '';

  function holdsSecret(req: IncomingMessage): boolean {
    const header = req.headers['x-ledger-key'];
    const presented = typeof header === 'string' ? header : readCookie(req, cookieName);
    if (presented === undefined || presented === '') return false;
    return timingSafeEqual(sha256(presented), secretDigest);
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, file: string, size: number): Promise<void> {
    const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    res.writeHead(200, {
      ...baseHeaders,
      ...(isHtml ? htmlHeaders : {}),
      'content-type': type,
      'content-length': size,
      // The renderer is rebuilt in place during development; revalidate instead of caching.
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream(file), res);
    } catch {
      // The browser went away mid-file (a reload); nothing to answer.
      res.destroy();
    }
  }

  /** A regular file inside staticRoot, following symlinks, or null. */
  async function existingFile(file: string): Promise<{ path: string; size: number } | null> {
    try {
      const real = await realpath(file);
      const realRoot = await realpath(staticRoot);
      if (!real.startsWith(realRoot + sep)) return null;
      const info = await stat(real);
      return info.isFile() ? { path: real, size: info.size } : null;
    } catch {
      return null;
    }
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    const key = url.searchParams.get('key');
    if (key !== null) {
      if (!timingSafeEqual(sha256(key), secretDigest)) {
        sendText(res, 401, notAuthorizedText);
        return;
      }
      // Redirect so the key leaves the address bar and the history.
      res.writeHead(303, {
        ...baseHeaders,
        location: url.pathname,
        'cache-control': 'no-store',
        // Cookies are not separated by port, so the port is in the name: two hosts on one PC
        // (two test workers) must not overwrite each other's key.
        'set-cookie': `${cookieName}=${secret}; Path=/; HttpOnly; SameSite=Strict`,
        'content-length': 0,
      });
      res.end();
      return;
    }
    if (!holdsSecret(req)) {
      sendText(res, 401, notAuthorizedText);
      return;
    }
    const file = resolveStaticPath(staticRoot, url.pathname);
    if (file === null) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    const found =
      (await existingFile(file)) ?? (isClientRoute(url.pathname) ? await existingFile(resolve(staticRoot, 'index.html')) : null);
    if (!found) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    await serveFile(req, res, found.path, found.size);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, hostHeader: string, arrived: number): Promise<void> {
    if (fromAnotherSite(req, hostHeader)) {
      sendJson(res, 403, refusal('origin'));
      return;
    }
    if (!holdsSecret(req)) {
      sendJson(res, 401, refusal('key'));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, badRequest('method'), { allow: 'POST' });
      return;
    }
    // Requiring application/json also makes any cross-origin call a CORS preflight, which this
    // host never answers: a second wall behind the Origin check.
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      sendJson(res, 415, badRequest('contentType'));
      return;
    }
    const tooLarge = (): void => {
      sendJson(res, 413, badRequest('tooLarge', { limit: maxBodyBytes }), { connection: 'close' });
    };
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > maxBodyBytes) {
      tooLarge();
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === 'tooLarge') {
      tooLarge();
      return;
    }
    const parsed = parseJsonBody(body);
    if (!parsed.ok) {
      sendJson(res, 400, badRequest('json'));
      return;
    }
    let method: string;
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_METHOD' } });
      return;
    }
    const parsedAt = performance.now();
    const envelope = await api.invoke(method, parsed.value);
    const invoked = performance.now();
    const bytes = sendJson(res, statusFor(envelope), envelope);
    const { onApiTiming } = options;
    if (!onApiTiming) return;
    const written = performance.now();
    res.once('finish', () => onApiTiming({ method, arrived, parsed: parsedAt, invoked, written, finished: performance.now(), bytes }));
  }

  /**
   * GET /files/<fileId>: an export, as a download. The same walls as the API (the Host check
   * ran already; Origin, Sec-Fetch-Site and the key here), because an export holds the same
   * data the API does. The id is checked by pattern before any path is built.
   */
  async function handleFile(req: IncomingMessage, res: ServerResponse, url: URL, hostHeader: string): Promise<void> {
    if (fromAnotherSite(req, hostHeader)) {
      sendText(res, 403, 'Forbidden\n');
      return;
    }
    if (!holdsSecret(req)) {
      sendText(res, 401, notAuthorizedText);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    const found = options.exportsDir ? await findExportFile(options.exportsDir, url.pathname.slice('/files/'.length)) : null;
    if (!found) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': exportContentType(found.fileName),
      'content-length': found.bytes,
      'content-disposition': attachmentDisposition(found.fileName),
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream(found.path), res);
    } catch {
      // The browser cancelled the download.
      res.destroy();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    // DNS rebinding: a page from evil.example re-pointed at 127.0.0.1 still says "evil.example".
    const hostHeader = req.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) {
      if (isApi) sendJson(res, 403, refusal('host'));
      else sendText(res, 403, 'Forbidden\n');
      return;
    }
    if (isApi) await handleApi(req, res, url, hostHeader, arrived);
    else if (url.pathname.startsWith('/files/')) await handleFile(req, res, url, hostHeader);
    else await handleStatic(req, res, url);
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RequestAborted) return;
      onError(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const isApi = (req.url ?? '').startsWith('/api');
      if (isApi) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL' } });
      else sendText(res, 500, 'Internal error\n');
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: other machines on the shop's network must never reach the ledger.
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  server.on('error', onError);

  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  cookieName = `ledger_key_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?key=${secret}`,
    origin,
    port,
    secret,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
