import { and, count, desc, eq, ilike, isNull, ne, or, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { branches, transferRecords } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import { containsPattern } from './masterField';

export interface TransferQuery {
  /** Either end: sent by or addressed to this branch. */
  branchId?: string | undefined;
  /** Sent and not yet received. */
  inTransit?: boolean | undefined;
  /** Matches the transfer number or either branch's code. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface TransferRecordRow {
  id: string;
  docNo: string;
  fromBranchCode: string;
  toBranchCode: string;
  status: string;
  businessDate: string;
  totalQty: number;
  totalValueFen: number;
  receiptDate: string | null;
  receiptQty: number | null;
  writtenOffFen: number | null;
}

/** In transit by sending branch: how many transfers, how much and at what value. */
export interface TransitByBranch {
  branchCode: string;
  transfers: number;
  qty: number;
  valueFen: number;
}

const toBranches = alias(branches, 'to_branches');
const inTransitWhere = and(eq(transferRecords.status, 'sent'), isNull(transferRecords.receiptId));

/**
 * Every branch's stock transfers as head office holds them, newest first, and what is in transit
 * by sending branch: goods that left one warehouse and have not been received at the other.
 * Transfers within a branch count too (their goods are on the road as well).
 */
export async function listTransfers(db: ServerDb, query: TransferQuery): Promise<{ rows: TransferRecordRow[]; total: number; inTransit: TransitByBranch[] }> {
  const text = query.q?.trim();
  const pattern = text ? containsPattern(text) : undefined;
  const where = and(
    query.branchId ? or(eq(transferRecords.branchId, query.branchId), eq(transferRecords.toBranchId, query.branchId)) : undefined,
    query.inTransit ? inTransitWhere : undefined,
    ne(transferRecords.status, 'draft'),
    pattern ? or(ilike(transferRecords.docNo, pattern), ilike(branches.code, pattern), ilike(toBranches.code, pattern)) : undefined,
  );
  const rows = await db
    .select({
      id: transferRecords.id,
      docNo: transferRecords.docNo,
      fromBranchCode: branches.code,
      toBranchCode: toBranches.code,
      status: transferRecords.status,
      businessDate: transferRecords.businessDate,
      totalQty: transferRecords.totalQty,
      totalValueFen: transferRecords.totalValueFen,
      receiptDate: transferRecords.receiptDate,
      receiptQty: transferRecords.receiptQty,
      writtenOffFen: transferRecords.writtenOffFen,
    })
    .from(transferRecords)
    .innerJoin(branches, eq(branches.id, transferRecords.branchId))
    .innerJoin(toBranches, eq(toBranches.id, transferRecords.toBranchId))
    .where(where)
    .orderBy(desc(transferRecords.businessDate), desc(transferRecords.docNo))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db
    .select({ n: count() })
    .from(transferRecords)
    .innerJoin(branches, eq(branches.id, transferRecords.branchId))
    .innerJoin(toBranches, eq(toBranches.id, transferRecords.toBranchId))
    .where(where);
  const inTransit = await db
    .select({
      branchCode: branches.code,
      transfers: count(),
      qty: sum(transferRecords.totalQty).mapWith(Number),
      valueFen: sum(transferRecords.totalValueFen).mapWith(Number),
    })
    .from(transferRecords)
    .innerJoin(branches, eq(branches.id, transferRecords.branchId))
    .where(inTransitWhere)
    .groupBy(branches.code)
    .orderBy(branches.code);
  return {
    rows,
    total: Number(total?.n ?? 0),
    inTransit: inTransit.map((r) => ({ ...r, transfers: Number(r.transfers) })),
  };
}
