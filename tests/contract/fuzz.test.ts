import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { methodNames, methods, type MethodName } from '../../src-main/contract';
import { createHttpHost, type HttpHost } from '../../src-main/http/createHttpHost';
import { seedSales } from '../helpers/salesFixtures';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

/**
 * Malformed input for every API method through the loopback HTTP host: at least 10,000 per
 * method (FUZZ_RUNS to change), from fast-check. Half are near misses built from the method's
 * own zod schema (one field replaced by a hostile value, removed, or joined by an extra or
 * prototype-polluting key, at any depth); the rest are hostile values of any shape and raw
 * bodies that are not JSON at all. An input the schema would accept is left out: these are
 * malformed by construction. No request may crash the host, answer 5xx or change the ledger.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Sender threads, and requests in flight per sender. */
const SENDERS = 2;
const CONCURRENCY = 8;

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value of the schema's shape (not necessarily valid): the skeleton near misses are made from. */
function skeleton(schema: unknown, depth = 0): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, skeleton(v, depth + 1)]));
    }
    case 'array':
      return depth > 6 ? [] : [skeleton(def.element, depth + 1)];
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'prefault':
    case 'nonoptional':
      return skeleton(def.innerType, depth + 1);
    case 'pipe':
      return skeleton(def.in, depth + 1);
    case 'string':
      return '0190a000-0000-7000-8000-000000000001';
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'union':
      return skeleton((def.options as unknown[])[0], depth + 1);
    default:
      return null;
  }
}

/** Every path of a value (objects and arrays), the root included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const hugeString = 'あ'.repeat(70_000);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '💥'.repeat(300), hugeString, '2026-02-30', '2026-13-01', '0000-00-00', '../../etc/passwd', "' OR 1=1 --", '<script>', 'NaN', '1e309'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, -0, 2 ** 31, -(2 ** 53), 2 ** 53 + 2, 1e308, -1e308, 0.5, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 5 }),
  fc.constantFrom({}, { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"polluted":1}}') as unknown, { constructor: { prototype: { polluted: 1 } } }),
  fc.anything({ maxDepth: 3 }),
);
const dangerousKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ''), fc.string({ maxLength: 12 }));

function setAt(root: unknown, path: (string | number)[], value: unknown, mode: 'replace' | 'delete' | 'extra', key: string): unknown {
  if (path.length === 0) {
    if (mode === 'replace') return value;
    if (mode === 'extra' && root !== null && typeof root === 'object' && !Array.isArray(root)) {
      const copy = JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
      Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
    return value;
  }
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (mode === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (mode === 'extra' && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    Object.defineProperty(parent[last] as object, key, { value, enumerable: true, configurable: true, writable: true });
  } else {
    parent[last] = value;
  }
  return copy;
}

/** A body to send: JSON of a value, or raw text that is not an input at all. */
type Body = { json: unknown } | { raw: string };

const rawBodies = fc.oneof(
  fc.constantFrom('', '{', '{"a":', 'null', 'undefined', '[]', '"x"', '{"a":1,}', "{'a':1}", '{"a":NaN}', '1e400', '{"__proto__":{"polluted":true}}', '\uFEFF{}', '[' .repeat(100_000), '{"a":"\\ud800"}'),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function bodies(method: MethodName, runs: number, seed: number): Body[] {
  const schema = methods[method].input as z.ZodType;
  const base = skeleton(schema);
  const basePaths = paths(base);
  const nearMiss = fc
    .tuple(fc.constantFrom(...basePaths), hostile, fc.constantFrom('replace', 'replace', 'delete', 'extra') as fc.Arbitrary<'replace' | 'delete' | 'extra'>, dangerousKey)
    .map(([path, value, mode, key]): Body => ({ json: setAt(base, path, value, mode, key) }));
  const anyShape = hostile.map((value): Body => ({ json: value }));
  const raw = rawBodies.map((text): Body => ({ raw: text }));
  const arbitrary = fc.oneof({ arbitrary: nearMiss, weight: 5 }, { arbitrary: anyShape, weight: 3 }, { arbitrary: raw, weight: 2 });
  const out: Body[] = [];
  let round = 0;
  while (out.length < runs) {
    for (const body of fc.sample(arbitrary, { numRuns: runs, seed: seed + round++ })) {
      if (out.length >= runs) break;
      // What the host makes of the body (its decoder drops a byte-order mark; no input or null is {}):
      // an input the schema accepts is not malformed.
      const text = 'json' in body ? (JSON.stringify(body.json) ?? '') : body.raw.replace(/^\uFEFF/, '');
      let received: unknown;
      try {
        received = JSON.parse(text) as unknown;
      } catch {
        out.push(body);
        continue;
      }
      if (!schema.safeParse(received ?? {}).success) out.push(body);
    }
  }
  return out;
}

/** A digest of every table's rows: equal before and after means nothing was written. */
function ledgerDigest(l: TestLedger): string {
  const db = l.app.db.$client;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(table);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/**
 * The clients run in worker threads, so the host (on this thread's event loop) and the
 * senders use both cores. A worker takes [method, body text] pairs and answers the status of
 * each and the first few answers that were not a refusal.
 */
const senderSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
function post(method, payload) {
  return new Promise((resolve) => {
    const req = http.request(workerData.origin + '/api/' + encodeURIComponent(method), {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'x-ledger-key': workerData.secret, origin: workerData.origin, 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ status: 0, text: String(e) }));
    });
    req.on('error', (e) => resolve({ status: 0, text: String(e) }));
    req.end(payload);
  });
}
parentPort.on('message', async (items) => {
  let resent = 0;
  const statuses = {};
  const failures = [];
  let next = 0;
  async function run() {
    while (next < items.length) {
      const [method, payload] = items[next++];
      let answer = await post(method, payload);
      // A keep-alive socket the host closed as idle (while this thread's inputs were being made)
      // can be reset as a request goes out on it: that request never reached the host; send it again.
      if (answer.status === 0 && /ECONNRESET|socket hang up/.test(answer.text)) {
        resent++;
        answer = await post(method, payload);
      }
      statuses[answer.status] = (statuses[answer.status] || 0) + 1;
      let refused = answer.status > 0 && answer.status < 500;
      try { if (JSON.parse(answer.text).ok !== false) refused = false; } catch { refused = false; }
      if (!refused && failures.length < 10) failures.push(method + ' ' + answer.status + ' ' + payload.slice(0, 200) + ' -> ' + answer.text.slice(0, 200));
    }
  }
  await Promise.all(Array.from({ length: workerData.concurrency }, run));
  parentPort.postMessage({ statuses, failures, resent });
});
`;

interface Sent {
  statuses: Record<string, number>;
  failures: string[];
  resent: number;
}

let ledger: TestLedger;
let host: HttpHost;
const hostErrors: unknown[] = [];
const staticDir = mkdtempSync(join(tmpdir(), 'fuzz-static-'));

beforeAll(async () => {
  ledger = await createTestLedger({ autoSync: false });
  seedSales(ledger);
  await ledger.client['stock.receive']({
    warehouseId: ledger.catalogue.warehouseId,
    lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'CS10', qty: 5, unitCostFen: 1000 }],
  });
  host = await createHttpHost({ api: ledger.app.api, staticDir, exportsDir: ledger.app.exportsDir, port: 0, onError: (e) => hostErrors.push(e) });
});

afterAll(async () => {
  await host.close();
  ledger.close();
  rmSync(staticDir, { recursive: true, force: true });
});

function post(method: string, body: Body): Promise<{ status: number; text: string }> {
  const payload = 'json' in body ? (JSON.stringify(body.json) ?? '') : body.raw;
  return new Promise((resolve, reject) => {
    const req = request(
      `${host.origin}/api/${encodeURIComponent(method)}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-key': host.secret, origin: host.origin, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe(`fuzzing every API method through the HTTP host (${RUNS} malformed inputs each)`, () => {
  it('no crash, no 5xx, every answer a refusal envelope, and the ledger unchanged', { timeout: 3_600_000 }, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`[fuzz] seed ${seed}`);
    const before = ledgerDigest(ledger);
    const changesBefore = ledger.app.db.$client.prepare('SELECT total_changes()').pluck().get();
    const backupsBefore = readdirSync(ledger.dataDir);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    let generatingMs = 0;
    let resent = 0;
    const senders = Array.from({ length: SENDERS }, () => new Worker(senderSource, { eval: true, workerData: { origin: host.origin, secret: host.secret, concurrency: CONCURRENCY } }));
    const send = (worker: Worker, items: [string, string][]) =>
      new Promise<Sent>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (answer: Sent) => {
          worker.off('error', reject);
          resolve(answer);
        });
        worker.postMessage(items);
      });
    const started = performance.now();
    try {
      let inFlight: Promise<Sent[]> | undefined;
      const collect = async () => {
        for (const answer of (await inFlight) ?? []) {
          for (const [status, n] of Object.entries(answer.statuses)) {
            statuses.set(Number(status), (statuses.get(Number(status)) ?? 0) + n);
            sent += n;
          }
          failures.push(...answer.failures.slice(0, Math.max(0, 10 - failures.length)));
          resent += answer.resent;
        }
      };
      // Each method's inputs are made while the previous method's are being sent.
      for (const [i, method] of methodNames.entries()) {
        const t = performance.now();
        const items = bodies(method, RUNS, seed + i * 1000).map((body): [string, string] => [method, 'json' in body ? (JSON.stringify(body.json) ?? '') : body.raw]);
        generatingMs += performance.now() - t;
        await collect();
        inFlight = Promise.all(senders.map((worker, w) => send(worker, items.filter((_, j) => j % SENDERS === w))));
      }
      await collect();
    } finally {
      await Promise.all(senders.map((worker) => worker.terminate()));
    }

    console.log(`[fuzz] ${Math.round(performance.now() - started)} ms in all, ${Math.round(generatingMs)} ms of it making inputs`);
    console.log(`[fuzz] ${sent} requests over ${methodNames.length} methods (${resent} sent again after a reset keep-alive socket); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect(hostErrors).toEqual([]);
    expect(sent).toBe(methodNames.length * RUNS);
    // Nothing written: no change on the ledger's connection, the same rows in every table, no new files.
    expect(ledger.app.db.$client.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    expect(ledgerDigest(ledger)).toBe(before);
    expect(readdirSync(ledger.dataDir)).toEqual(backupsBefore);
    // And the host still serves a well-formed call.
    expect((await post('app.info', { json: {} })).status).toBe(200);
  });
});
