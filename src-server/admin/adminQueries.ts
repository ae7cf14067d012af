import { and, asc, count, desc, eq, ilike, or, sql, sum, type SQL } from 'drizzle-orm';
import { balances, branches, devices, lots, masterRows, stockExceptions, warehouses } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import { containsPattern, masterField } from './masterField';

export interface DeviceOverview {
  id: string;
  name: string;
  enrolledAt: number;
  revokedAt: number | null;
  lastSeq: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
}

export interface BranchOverview {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  createdAt: number;
  /** The latest push or pull of any of its devices; null if none has synced yet. */
  lastSyncAt: number | null;
  openExceptions: number;
  devices: DeviceOverview[];
}

/**
 * Branches with their devices and open exceptions. How many ops wait on a branch PC is not
 * known here (they have not arrived); the last sync time is what head office can judge by.
 */
export async function branchOverview(db: ServerDb): Promise<BranchOverview[]> {
  const branchRows = await db.select().from(branches).orderBy(asc(branches.code));
  const deviceRows = await db.select().from(devices).orderBy(asc(devices.enrolledAt));
  const openRows = await db
    .select({ branchId: stockExceptions.branchId, n: count() })
    .from(stockExceptions)
    .where(eq(stockExceptions.status, 'open'))
    .groupBy(stockExceptions.branchId);
  const openByBranch = new Map(openRows.map((r) => [r.branchId, Number(r.n)]));
  return branchRows.map((b) => {
    const own = deviceRows.filter((d) => d.branchId === b.id);
    const times = own.flatMap((d) => [d.lastPushAt, d.lastPullAt]).filter((t): t is number => t !== null);
    return {
      id: b.id,
      code: b.code,
      name: b.name,
      timeZone: b.timeZone,
      createdAt: b.createdAt,
      lastSyncAt: times.length > 0 ? Math.max(...times) : null,
      openExceptions: openByBranch.get(b.id) ?? 0,
      devices: own.map((d) => ({
        id: d.id,
        name: d.name,
        enrolledAt: d.enrolledAt,
        revokedAt: d.revokedAt,
        lastSeq: d.lastSeq,
        lastPushAt: d.lastPushAt,
        lastPullAt: d.lastPullAt,
      })),
    };
  });
}

export interface StockQuery {
  branchId?: string | undefined;
  /** Matches SKU or product name (from head office's master data), or the start of a product id. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface StockRow {
  branchId: string;
  branchCode: string;
  warehouseId: string;
  warehouseCode: string | null;
  warehouseName: string | null;
  productId: string;
  sku: string | null;
  productName: string | null;
  lotId: string;
  lotCode: string | null;
  expiryDate: string | null;
  qty: number;
  valueFen: number;
}

export interface StockPage {
  rows: StockRow[];
  total: { rows: number; qty: number; valueFen: number };
}

/** A product's field from head office's master data. Products carry sku, nameZh, nameEn. */
function productField(name: 'sku' | 'nameZh' | 'nameEn'): SQL<string | null> {
  return masterField(masterRows.fields, name);
}

/** Stock on hand by branch, warehouse, product and lot, with totals over the whole selection. */
export async function stockByBranch(db: ServerDb, query: StockQuery): Promise<StockPage> {
  const filters: SQL[] = [];
  if (query.branchId) filters.push(eq(balances.branchId, query.branchId));
  const q = query.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const matches = or(
      ilike(productField('sku'), pattern),
      ilike(productField('nameZh'), pattern),
      ilike(productField('nameEn'), pattern),
      ilike(sql`${balances.productId}::text`, `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    );
    if (matches) filters.push(matches);
  }
  const where = filters.length > 0 ? and(...filters) : undefined;
  const productJoin = and(eq(masterRows.entity, 'product'), eq(masterRows.id, balances.productId));
  const rows = await db
    .select({
      branchId: balances.branchId,
      branchCode: branches.code,
      warehouseId: balances.warehouseId,
      warehouseCode: warehouses.code,
      warehouseName: warehouses.name,
      productId: balances.productId,
      sku: productField('sku'),
      productName: sql<string | null>`coalesce(${productField('nameZh')}, ${productField('nameEn')})`,
      lotId: balances.lotId,
      lotCode: lots.lotCode,
      expiryDate: lots.expiryDate,
      qty: balances.qty,
      valueFen: balances.valueFen,
    })
    .from(balances)
    .innerJoin(branches, eq(branches.id, balances.branchId))
    .leftJoin(warehouses, eq(warehouses.id, balances.warehouseId))
    .leftJoin(masterRows, productJoin)
    .leftJoin(lots, eq(lots.id, balances.lotId))
    .where(where)
    // Lots in first-expiry-first-out order, as a clerk would pick them.
    .orderBy(asc(branches.code), asc(warehouses.code), asc(productField('sku')), asc(balances.productId), asc(lots.expiryDate), asc(lots.lotCode), asc(balances.lotId))
    .limit(query.limit)
    .offset(query.offset);
  const [totals] = await db
    .select({ rows: count(), qty: sum(balances.qty).mapWith(Number), valueFen: sum(balances.valueFen).mapWith(Number) })
    .from(balances)
    .leftJoin(masterRows, productJoin)
    .where(where);
  return { rows, total: { rows: Number(totals?.rows ?? 0), qty: totals?.qty ?? 0, valueFen: totals?.valueFen ?? 0 } };
}

export interface ExceptionRow {
  id: string;
  branchId: string;
  branchCode: string;
  warehouseId: string;
  warehouseCode: string | null;
  productId: string;
  sku: string | null;
  productName: string | null;
  lotId: string;
  lotCode: string | null;
  qty: number;
  status: 'open' | 'resolved';
  openedAt: number;
  resolvedAt: number | null;
}

export async function listStockExceptions(db: ServerDb, filter: { status: 'open' | 'resolved'; branchId?: string | undefined; limit: number }): Promise<ExceptionRow[]> {
  const where = and(eq(stockExceptions.status, filter.status), filter.branchId ? eq(stockExceptions.branchId, filter.branchId) : undefined);
  return db
    .select({
      id: stockExceptions.id,
      branchId: stockExceptions.branchId,
      branchCode: branches.code,
      warehouseId: stockExceptions.warehouseId,
      warehouseCode: warehouses.code,
      productId: stockExceptions.productId,
      sku: productField('sku'),
      productName: sql<string | null>`coalesce(${productField('nameZh')}, ${productField('nameEn')})`,
      lotId: stockExceptions.lotId,
      lotCode: lots.lotCode,
      qty: stockExceptions.qty,
      status: stockExceptions.status,
      openedAt: stockExceptions.openedAt,
      resolvedAt: stockExceptions.resolvedAt,
    })
    .from(stockExceptions)
    .innerJoin(branches, eq(branches.id, stockExceptions.branchId))
    .leftJoin(warehouses, eq(warehouses.id, stockExceptions.warehouseId))
    .leftJoin(masterRows, and(eq(masterRows.entity, 'product'), eq(masterRows.id, stockExceptions.productId)))
    .leftJoin(lots, eq(lots.id, stockExceptions.lotId))
    .where(where)
    .orderBy(desc(stockExceptions.openedAt))
    .limit(filter.limit);
}
