import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createServer } from '../../src-server/createServer';
import { declareRestore, openServerDb, readServerMeta } from '../../src-server/openServerDb';
import { adminToken, describeServer, testStart } from './serverHarness';
import { errorCode, foundBranch } from './testDevice';

describeServer(
  'rate limits',
  (server) => {
    it('past the limit a device gets 429 RATE_LIMITED with the protocol error body, and other callers are not affected', async () => {
      const { founder } = await foundBranch(server, 'BJ01');
      // foundBranch used one of the device's requests (its setup push).
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await founder.pullRaw(founder.pullBody(0)));
      expect(answers.slice(0, 4).map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      const limited = answers.at(-1)!;
      expect(limited.statusCode).toBe(429);
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      expect(limited.headers['retry-after']).toBeDefined();
      // The device's allowance is its own: the address it shares with other callers still gets answers.
      expect((await server().app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });

    it('made-up tokens count against the address, not a fresh allowance each', async () => {
      const codes = [];
      for (let i = 0; i < 7; i++) {
        const res = await server().app.inject({
          method: 'POST',
          url: '/sync/v1/pull',
          headers: { authorization: `Bearer made-up-token-number-${i}-${'x'.repeat(20)}` },
          payload: {},
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(codes.slice(5)).toEqual([429, 429]);
    });
  },
  { rateLimit: { max: 5, timeWindowMs: 60_000 } },
);

it('an unexpected failure answers 500 SERVER_ERROR without a stack or SQL', async () => {
  const opened = await openServerDb();
  const app = createServer({ db: opened, clock: () => testStart, adminToken });
  await app.ready();
  await opened.close();
  const res = await app.inject({ method: 'GET', url: '/health' });
  expect(res.statusCode).toBe(500);
  expect(res.json()).toEqual({ error: { code: 'SERVER_ERROR', message: expect.any(String) } });
  expect(res.body).not.toMatch(/select|server_meta|\.ts:|at /i);
  await app.close();
});

it('a PGlite data folder keeps its epoch across restarts (like a restored backup) until a restore is declared', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-server-'));
  try {
    const first = await openServerDb({ dataDir: dir });
    const epoch = (await readServerMeta(first.db)).epoch;
    await first.close();
    const second = await openServerDb({ dataDir: dir });
    expect(second.kind).toBe('pglite');
    expect(await readServerMeta(second.db)).toEqual({ epoch, generation: 0, restoredFrom: null });
    const declared = await declareRestore(second.db, testStart);
    expect(declared.epoch).not.toBe(epoch);
    expect(declared).toMatchObject({ generation: 1, restoredFrom: epoch });
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
