import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { createServer } from '../../../src-server/createServer';
import { openServerDb, type OpenedServerDb, type ServerDb } from '../../../src-server/openServerDb';

/**
 * Head office for the sync tests: the real server (src-server) on a loopback port, on PGlite
 * (in memory or in a folder) or PostgreSQL, plus the admin calls a test needs to set up branches,
 * enrolment codes and the catalogue. Read-only queries for the checks go straight to its database.
 */

export const adminToken = 'sync-fault-test-admin-token-0123';

export interface HeadOffice {
  url: string;
  opened: OpenedServerDb;
  stop(): Promise<void>;
}

export async function startHeadOffice(options: { dataDir?: string; databaseUrl?: string; opened?: OpenedServerDb; pullPageBytes?: number } = {}): Promise<HeadOffice> {
  const opened =
    options.opened ??
    (await openServerDb(options.databaseUrl ? { databaseUrl: options.databaseUrl } : options.dataDir ? { dataDir: options.dataDir } : {}));
  const app = createServer({ db: opened, clock: Date.now, adminToken, rateLimit: { max: 1_000_000 }, ...(options.pullPageBytes ? { pullPageBytes: options.pullPageBytes } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  let stopped = false;
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    opened,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await app.close();
      await opened.close();
    },
  };
}

/** An admin API call; a refusal throws with its status and body. */
export async function admin<T>(baseUrl: string, method: 'POST' | 'PUT' | 'GET', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function createHeadOfficeBranch(baseUrl: string, code: string): Promise<{ id: string; code: string }> {
  const b = await admin<{ id: string }>(baseUrl, 'POST', '/admin/v1/branches', { code, name: `${code} 分店`, timeZone: 'Asia/Shanghai' });
  return { id: b.id, code };
}

export async function enrolmentCode(baseUrl: string, branchId: string): Promise<string> {
  return (await admin<{ code: string }>(baseUrl, 'POST', `/admin/v1/branches/${branchId}/enrolment-codes`, {})).code;
}

/** Head office sets one master-data row (any entity it owns), as its admin page does. */
export async function putMaster(baseUrl: string, entity: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await admin(baseUrl, 'PUT', `/admin/v1/master/${entity}/${id}`, { fields });
}

export interface CatalogueProduct {
  id: string;
  sku: string;
}

/**
 * Head office's own catalogue: products without lot tracking (one lot, code '') unless asked
 * for, sold by the bottle. They reach every PC by pull, as master data does.
 */
export async function seedCatalogue(baseUrl: string, count: number, tag = randomBytes(3).toString('hex'), options: { lotTracked?: boolean } = {}): Promise<CatalogueProduct[]> {
  const products: CatalogueProduct[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const sku = `T${tag}-${i}`;
    await admin(baseUrl, 'PUT', `/admin/v1/master/product/${id}`, {
      fields: {
        sku,
        nameZh: `测试商品${i}`,
        nameEn: `Test product ${i}`,
        pinyinInitials: 'cssp',
        categoryId: null,
        brand: 'Test',
        baseUnitCode: 'EA',
        shelfLifeDays: null,
        lotTracked: options.lotTracked ?? false,
        taxRateBp: 1300,
        active: true,
      },
    });
    await admin(baseUrl, 'PUT', `/admin/v1/master/product_unit/${randomUUID()}`, {
      fields: { productId: id, code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1, barcode: null },
    });
    products.push({ id, sku });
  }
  return products;
}

export async function rows<T>(db: ServerDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface HeadOfficeView {
  documentIds: string[];
  /** Each document's number and type, for messages about a missing one. */
  documentInfo: Map<string, string>;
  /** 'warehouse|product|lot' → qty, non-zero only. */
  balances: Map<string, number>;
  /** Σ movements by the same key, non-zero only. */
  movementSums: Map<string, number>;
  /** Open exceptions: key → how many are open (must be 1) and their qty. */
  openExceptions: { key: string; qty: number; id: string }[];
  ingestedOps: number;
  /** Ingested ops by device. */
  ingestedByDevice: Map<string, number>;
}

const keyOf = (r: { warehouse_id: string; product_id: string; lot_id: string }) => `${r.warehouse_id}|${r.product_id}|${r.lot_id}`;

/** What head office holds for one branch. */
export async function headOfficeView(db: ServerDb, branchId: string): Promise<HeadOfficeView> {
  const docs = await rows<{ id: string; doc_type: string; doc_no: string }>(db, sql`SELECT id, doc_type, doc_no FROM documents WHERE branch_id = ${branchId} ORDER BY id`);
  const bal = await rows<{ warehouse_id: string; product_id: string; lot_id: string; qty: string | number }>(
    db,
    sql`SELECT warehouse_id, product_id, lot_id, qty FROM balances WHERE branch_id = ${branchId} AND qty <> 0`,
  );
  const mov = await rows<{ warehouse_id: string; product_id: string; lot_id: string; qty: string | number }>(
    db,
    sql`SELECT warehouse_id, product_id, lot_id, SUM(qty) AS qty FROM movements WHERE branch_id = ${branchId} GROUP BY 1, 2, 3 HAVING SUM(qty) <> 0`,
  );
  const exc = await rows<{ id: string; warehouse_id: string; product_id: string; lot_id: string; qty: string | number }>(
    db,
    sql`SELECT id, warehouse_id, product_id, lot_id, qty FROM stock_exceptions WHERE branch_id = ${branchId} AND status = 'open'`,
  );
  const ingested = await rows<{ device_id: string; n: string | number }>(
    db,
    sql`SELECT i.device_id, COUNT(*) AS n FROM ingested_ops i JOIN devices d ON d.id = i.device_id WHERE d.branch_id = ${branchId} GROUP BY 1`,
  );
  const ingestedByDevice = new Map(ingested.map((r) => [r.device_id, Number(r.n)]));
  return {
    documentIds: docs.map((d) => d.id),
    documentInfo: new Map(docs.map((d) => [d.id, `${d.doc_no} (${d.doc_type})`])),
    balances: new Map(bal.map((r) => [keyOf(r), Number(r.qty)])),
    movementSums: new Map(mov.map((r) => [keyOf(r), Number(r.qty)])),
    openExceptions: exc.map((r) => ({ key: keyOf(r), qty: Number(r.qty), id: r.id })).sort((a, b) => a.key.localeCompare(b.key)),
    ingestedOps: [...ingestedByDevice.values()].reduce((a, b) => a + b, 0),
    ingestedByDevice,
  };
}

/** A fresh PostgreSQL database on TEST_DATABASE_URL's server, dropped afterwards. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledger_sync_${randomBytes(6).toString('hex')}`;
  const adminClient = new pg.Client({ connectionString: baseUrl });
  await adminClient.connect();
  try {
    await adminClient.query(`CREATE DATABASE ${name}`);
  } finally {
    await adminClient.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface ServerTarget {
  kind: 'pglite' | 'postgres';
  /** A fresh PostgreSQL database for this run (postgres only). */
  databaseUrl?: () => Promise<string>;
}

/**
 * The databases a sync suite runs head office on: PGlite in memory, and real PostgreSQL when
 * TEST_DATABASE_URL is set (a database made per run, dropped by `cleanups`).
 */
export function serverTargets(cleanups: (() => Promise<void> | void)[]): ServerTarget[] {
  const targets: ServerTarget[] = [{ kind: 'pglite' }];
  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (testDatabaseUrl) {
    targets.push({
      kind: 'postgres',
      databaseUrl: async () => {
        const created = await createPostgresDatabase(testDatabaseUrl);
        cleanups.push(() => created.drop());
        return created.url;
      },
    });
  }
  return targets;
}
