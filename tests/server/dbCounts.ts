import { and, count, eq, sum } from 'drizzle-orm';
import { balances, changes, devices, documents, ingestedOps, movements, stockExceptions, warehouses } from '../../src-server/db/schema';
import type { TestServer } from './serverHarness';

/** What the server holds for one branch, read straight from its tables. */
export async function branchRows(server: TestServer, branchId: string) {
  const { db } = server.opened;
  const n = async (table: typeof documents | typeof movements | typeof balances | typeof stockExceptions | typeof warehouses) =>
    Number((await db.select({ n: count() }).from(table).where(eq(table.branchId, branchId)))[0]?.n ?? 0);
  return {
    documents: await n(documents),
    movements: await n(movements),
    balances: await n(balances),
    exceptions: await n(stockExceptions),
    warehouses: await n(warehouses),
    changes: Number((await db.select({ n: count() }).from(changes).where(eq(changes.branchId, branchId)))[0]?.n ?? 0),
  };
}

export async function balanceOf(server: TestServer, branchId: string, warehouseId: string, productId: string, lotId: string): Promise<number | undefined> {
  const [row] = await server.opened.db
    .select({ qty: balances.qty })
    .from(balances)
    .where(and(eq(balances.branchId, branchId), eq(balances.warehouseId, warehouseId), eq(balances.productId, productId), eq(balances.lotId, lotId)));
  return row?.qty;
}

/** Σ movements per branch, to hold against Σ balances. */
export async function movementTotal(server: TestServer, branchId: string): Promise<{ movements: number; balances: number }> {
  const { db } = server.opened;
  const [m] = await db.select({ q: sum(movements.qty).mapWith(Number) }).from(movements).where(eq(movements.branchId, branchId));
  const [b] = await db.select({ q: sum(balances.qty).mapWith(Number) }).from(balances).where(eq(balances.branchId, branchId));
  return { movements: m?.q ?? 0, balances: b?.q ?? 0 };
}

export async function ingested(server: TestServer, deviceId: string) {
  return server.opened.db
    .select({ seq: ingestedOps.seq, status: ingestedOps.status, code: ingestedOps.code })
    .from(ingestedOps)
    .where(eq(ingestedOps.deviceId, deviceId))
    .orderBy(ingestedOps.seq);
}

export async function lastSeqOf(server: TestServer, deviceId: string): Promise<number | undefined> {
  const [row] = await server.opened.db.select({ lastSeq: devices.lastSeq }).from(devices).where(eq(devices.id, deviceId));
  return row?.lastSeq;
}

export async function openExceptions(server: TestServer, branchId: string) {
  return server.opened.db
    .select({ id: stockExceptions.id, qty: stockExceptions.qty, productId: stockExceptions.productId })
    .from(stockExceptions)
    .where(and(eq(stockExceptions.branchId, branchId), eq(stockExceptions.status, 'open')));
}
