import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Random } from './harness/random';

/**
 * A loopback HTTP proxy between branch PCs and the head-office server that misbehaves like a bad
 * network, request by request, driven by a seeded random:
 *
 * - `cutBefore`  the connection is cut before the request reaches the server;
 * - `lostAnswer` the server answers (and has committed), then the connection is cut: the PC never hears;
 * - `delay`      the request waits a little before it goes on;
 * - `duplicate`  the request reaches the server twice (at once), the PC gets one of the answers;
 * - `reorder`    the request is held until the next one (from any PC) has been answered, then sent.
 *
 * Every fault is counted, so a test can show that each kind really happened. Optionally every
 * answer is held for a while after the server gave it (`answerDelayMs`), so a process killed in
 * that window dies after head office committed and before it heard the answer.
 */

export type FaultKind = 'cutBefore' | 'lostAnswer' | 'delay' | 'duplicate' | 'reorder';
export const faultKinds: readonly FaultKind[] = ['cutBefore', 'lostAnswer', 'delay', 'duplicate', 'reorder'];

export interface FaultProxyOptions {
  upstream: string;
  random: Random;
  /** Share of requests that get a fault, 0–1. */
  faultRate?: number;
  kinds?: readonly FaultKind[];
  /** Only requests whose path matches are faulted; the default is the sync routes push and pull. */
  paths?: RegExp;
  /** Hold each answer to a faulted-path request this long (ms, [min, max]) after the server gave it. */
  answerDelayMs?: readonly [number, number];
}

export interface FaultCounts extends Record<FaultKind, number> {
  requests: number;
  /** Requests sent on to the server (a duplicate counts twice). */
  forwarded: number;
  /** A held request nobody overtook within the wait; sent as it was, not counted as a reorder. */
  reorderUnmatched: number;
  /** The server could not be reached (down, or killed mid-request). */
  upstreamFailed: number;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  /** Faults on or off (enrolment and the final clean sync run with them off). */
  enabled: boolean;
  setUpstream(url: string): void;
  /** Push requests sent to the server and not yet answered by it. */
  pushesAtServer(): number;
  /** Push answers the server gave that the PC has not received yet. */
  pushAnswersHeld(): number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'proxy-connection', 'upgrade']);

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = options.random;
  const faultRate = options.faultRate ?? 0.3;
  const kinds = options.kinds ?? faultKinds;
  const paths = options.paths ?? /^\/sync\/v1\/(push|pull)$/;
  let upstream = new URL(options.upstream);
  const counts: FaultCounts = { requests: 0, forwarded: 0, reorderUnmatched: 0, upstreamFailed: 0, cutBefore: 0, lostAnswer: 0, delay: 0, duplicate: 0, reorder: 0 };
  let pushesAtServer = 0;
  let pushAnswersHeld = 0;
  /** The request being held for a reorder: released after the next request was answered. */
  let held: { release: () => void; overtaken: boolean } | null = null;
  const agent = new http.Agent({ keepAlive: false });

  function forward(req: http.IncomingMessage, body: Buffer): Promise<Answer> {
    counts.forwarded++;
    const isPush = req.url === '/sync/v1/push';
    if (isPush) pushesAtServer++;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!hopByHop.has(k) && v !== undefined) headers[k] = v;
    headers['content-length'] = body.length;
    return new Promise<Answer>((resolve, reject) => {
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    }).finally(() => {
      if (isPush) pushesAtServer--;
    });
  }

  function answer(res: http.ServerResponse, a: Answer): void {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(a.headers)) if (!hopByHop.has(k) && v !== undefined) headers[k] = v;
    headers['content-length'] = a.body.length;
    res.writeHead(a.status, headers);
    res.end(a.body);
  }

  /** The answer as the server gave it, held a while first when asked to. */
  async function deliver(req: http.IncomingMessage, res: http.ServerResponse, a: Answer, faulted: boolean): Promise<void> {
    if (faulted && options.answerDelayMs) {
      const isPush = req.url === '/sync/v1/push';
      if (isPush) pushAnswersHeld++;
      try {
        await sleep(random.int(options.answerDelayMs[0], options.answerDelayMs[1]));
      } finally {
        if (isPush) pushAnswersHeld--;
      }
    }
    answer(res, a);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    counts.requests++;
    const faultable = proxy.enabled && paths.test(req.url ?? '');
    // A request arriving while another is held overtakes it: it goes first, the held one after.
    const overtaking = held;
    if (overtaking) {
      overtaking.overtaken = true;
      held = null;
    }
    try {
      const kind = faultable && random.chance(faultRate) ? random.pick(kinds) : null;
      if (kind === 'cutBefore') {
        counts.cutBefore++;
        req.socket.destroy();
        return;
      }
      if (kind === 'delay') {
        counts.delay++;
        await sleep(random.int(5, 60));
      }
      if (kind === 'reorder' && !overtaking && !held) {
        const slot = { release: () => undefined as void, overtaken: false };
        const released = new Promise<void>((resolve) => {
          slot.release = resolve;
        });
        held = slot;
        await Promise.race([released, sleep(600)]);
        if (held === slot) held = null;
        if (slot.overtaken) {
          await released;
          counts.reorder++;
        } else counts.reorderUnmatched++;
      }
      let a: Answer;
      if (kind === 'duplicate') {
        counts.duplicate++;
        const both = await Promise.allSettled([forward(req, body), forward(req, body)]);
        const got = both.filter((r): r is PromiseFulfilledResult<Answer> => r.status === 'fulfilled');
        if (got.length === 0) throw new Error('upstream failed twice');
        a = random.pick(got).value;
      } else {
        a = await forward(req, body);
      }
      if (kind === 'lostAnswer') {
        counts.lostAnswer++;
        req.socket.destroy();
        return;
      }
      await deliver(req, res, a, faultable);
    } catch {
      counts.upstreamFailed++;
      req.socket.destroy();
    } finally {
      overtaking?.release();
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    enabled: true,
    setUpstream: (url) => {
      upstream = new URL(url);
    },
    pushesAtServer: () => pushesAtServer,
    pushAnswersHeld: () => pushAnswersHeld,
    close: () =>
      new Promise<void>((resolve) => {
        held?.release();
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
  return proxy;
}
