import type { AddressInfo } from 'node:net';
import { createServer } from '../../src-server/createServer';
import { openServerDb } from '../../src-server/openServerDb';

export const headOfficeAdminToken = 'e2e-head-office-admin-token';

export interface TestHeadOffice {
  url: string;
  /** An admin API call with the token; a refusal throws with its status and body. */
  admin<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A head-office server of its own for one test: PGlite in memory on a free loopback port. */
export async function startTestHeadOffice(): Promise<TestHeadOffice> {
  const opened = await openServerDb();
  const server = createServer({ db: opened, clock: Date.now, adminToken: headOfficeAdminToken, rateLimit: { max: 100_000 } });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    url,
    admin: async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${headOfficeAdminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    close: async () => {
      await server.close();
      await opened.close();
    },
  };
}
