import { and, count, desc, eq, ilike, or, sum } from 'drizzle-orm';
import { branches, masterRows, purchaseRecords } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import { containsPattern, masterField } from './masterField';

export interface PurchaseQuery {
  branchId?: string | undefined;
  status?: string | undefined;
  /** Matches the order number or the supplier's code or name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface PurchaseRow {
  id: string;
  branchId: string;
  branchCode: string;
  docNo: string;
  supplierId: string;
  supplierCode: string | null;
  supplierName: string | null;
  status: string;
  orderDate: string;
  expectedDate: string;
  totalQty: number;
  totalValueFen: number;
}

const supplierJoin = and(eq(masterRows.entity, 'supplier'), eq(masterRows.id, purchaseRecords.supplierId));
const supplierCode = masterField(masterRows.fields, 'code');
const supplierName = masterField(masterRows.fields, 'name');

/** Every branch's purchase orders in their latest state at head office, newest order first. */
export async function listPurchases(db: ServerDb, query: PurchaseQuery): Promise<{ rows: PurchaseRow[]; total: { rows: number; valueFen: number } }> {
  const text = query.q?.trim();
  const pattern = text ? containsPattern(text) : undefined;
  const where = and(
    query.branchId ? eq(purchaseRecords.branchId, query.branchId) : undefined,
    query.status ? eq(purchaseRecords.status, query.status) : undefined,
    pattern ? or(ilike(purchaseRecords.docNo, pattern), ilike(supplierCode, pattern), ilike(supplierName, pattern)) : undefined,
  );
  const rows = await db
    .select({
      id: purchaseRecords.id,
      branchId: purchaseRecords.branchId,
      branchCode: branches.code,
      docNo: purchaseRecords.docNo,
      supplierId: purchaseRecords.supplierId,
      supplierCode,
      supplierName,
      status: purchaseRecords.status,
      orderDate: purchaseRecords.orderDate,
      expectedDate: purchaseRecords.expectedDate,
      totalQty: purchaseRecords.totalQty,
      totalValueFen: purchaseRecords.totalValueFen,
    })
    .from(purchaseRecords)
    .innerJoin(branches, eq(branches.id, purchaseRecords.branchId))
    .leftJoin(masterRows, supplierJoin)
    .orderBy(desc(purchaseRecords.orderDate), desc(purchaseRecords.docNo))
    .where(where)
    .limit(query.limit)
    .offset(query.offset);
  const [totals] = await db
    .select({ rows: count(), valueFen: sum(purchaseRecords.totalValueFen).mapWith(Number) })
    .from(purchaseRecords)
    .leftJoin(masterRows, supplierJoin)
    .where(where);
  return { rows, total: { rows: Number(totals?.rows ?? 0), valueFen: totals?.valueFen ?? 0 } };
}
