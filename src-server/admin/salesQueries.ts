import { and, count, desc, eq, ilike, or, sql, sum, type SQL } from 'drizzle-orm';
import { branches, masterRows, salesRecords } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import { containsPattern, masterField } from './masterField';

export const salesKinds = ['order', 'invoice', 'payment', 'return', 'credit_note'] as const;

export interface SalesQuery {
  branchId?: string | undefined;
  kind?: (typeof salesKinds)[number] | undefined;
  /** Matches the document number or the customer's code or name. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface SalesRow {
  id: string;
  kind: (typeof salesKinds)[number];
  branchId: string;
  branchCode: string;
  docNo: string;
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
  status: string | null;
  amountFen: number;
  receivedAt: number;
}

const customerJoin = and(eq(masterRows.entity, 'customer'), eq(masterRows.id, salesRecords.customerId));
const customerCode = masterField(masterRows.fields, 'code');
const customerName = masterField(masterRows.fields, 'name');

function customerMatches(q: string | undefined, also: SQL[] = []): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const pattern = containsPattern(text);
  return or(ilike(customerCode, pattern), ilike(customerName, pattern), ...also.map((column) => ilike(column, pattern)));
}

/** Every branch's orders, invoices and payments as they reached head office, newest first. */
export async function listSales(db: ServerDb, query: SalesQuery): Promise<{ rows: SalesRow[]; total: { rows: number; amountFen: number } }> {
  const where = and(
    query.branchId ? eq(salesRecords.branchId, query.branchId) : undefined,
    query.kind ? eq(salesRecords.kind, query.kind) : undefined,
    customerMatches(query.q, [sql`${salesRecords.docNo}`]),
  );
  const rows = await db
    .select({
      id: salesRecords.id,
      kind: salesRecords.kind,
      branchId: salesRecords.branchId,
      branchCode: branches.code,
      docNo: salesRecords.docNo,
      customerId: salesRecords.customerId,
      customerCode,
      customerName,
      status: salesRecords.status,
      amountFen: salesRecords.amountFen,
      receivedAt: salesRecords.receivedAt,
    })
    .from(salesRecords)
    .innerJoin(branches, eq(branches.id, salesRecords.branchId))
    .leftJoin(masterRows, customerJoin)
    // The HLC of the record's last change: the order in which the branch made them.
    .orderBy(desc(salesRecords.hlc), desc(salesRecords.id))
    .where(where)
    .limit(query.limit)
    .offset(query.offset);
  const [totals] = await db
    .select({ rows: count(), amountFen: sum(salesRecords.amountFen).mapWith(Number) })
    .from(salesRecords)
    .leftJoin(masterRows, customerJoin)
    .where(where);
  return { rows, total: { rows: Number(totals?.rows ?? 0), amountFen: totals?.amountFen ?? 0 } };
}

export interface ReceivableRow {
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
  creditLimitFen: number | null;
  invoicedFen: number;
  paidFen: number;
  /** Credit notes for customer returns (settled as credit; a refund is paid out and owes nothing). */
  creditedFen: number;
  /** Invoiced − paid − credited over all branches; negative is money paid ahead. */
  balanceFen: number;
  branches: { branchId: string; branchCode: string; invoicedFen: number; paidFen: number; creditedFen: number; balanceFen: number }[];
}

/**
 * What each customer owes across all branches: invoices less payments and return credit notes as head office holds them
 * (a branch's records arrive when it syncs), largest balance first, with each branch's part.
 */
export async function receivablesByCustomer(db: ServerDb, query: { q?: string | undefined; limit: number; offset: number }): Promise<{ rows: ReceivableRow[]; total: { rows: number; balanceFen: number } }> {
  const invoiced = sql<number>`coalesce(sum(case when ${salesRecords.kind} = 'invoice' then ${salesRecords.amountFen} else 0 end), 0)`.mapWith(Number);
  const paid = sql<number>`coalesce(sum(case when ${salesRecords.kind} = 'payment' then ${salesRecords.amountFen} else 0 end), 0)`.mapWith(Number);
  const credited = sql<number>`coalesce(sum(case when ${salesRecords.kind} = 'credit_note' and ${salesRecords.status} = 'credit' then ${salesRecords.amountFen} else 0 end), 0)`.mapWith(
    Number,
  );
  const where = and(or(eq(salesRecords.kind, 'invoice'), eq(salesRecords.kind, 'payment'), eq(salesRecords.kind, 'credit_note')), customerMatches(query.q));
  const perBranch = await db
    .select({
      customerId: salesRecords.customerId,
      customerCode,
      customerName,
      creditLimitFen: sql<number | null>`(${masterField(masterRows.fields, 'creditLimitFen')})::bigint`.mapWith((v) => (v === null ? null : Number(v))),
      branchId: salesRecords.branchId,
      branchCode: branches.code,
      invoicedFen: invoiced,
      paidFen: paid,
      creditedFen: credited,
    })
    .from(salesRecords)
    .innerJoin(branches, eq(branches.id, salesRecords.branchId))
    .leftJoin(masterRows, customerJoin)
    .where(where)
    .groupBy(salesRecords.customerId, masterRows.fields, salesRecords.branchId, branches.code)
    .orderBy(branches.code);
  const byCustomer = new Map<string, ReceivableRow>();
  for (const r of perBranch) {
    let row = byCustomer.get(r.customerId);
    if (!row) {
      row = {
        customerId: r.customerId,
        customerCode: r.customerCode,
        customerName: r.customerName,
        creditLimitFen: r.creditLimitFen,
        invoicedFen: 0,
        paidFen: 0,
        creditedFen: 0,
        balanceFen: 0,
        branches: [],
      };
      byCustomer.set(r.customerId, row);
    }
    row.invoicedFen += r.invoicedFen;
    row.paidFen += r.paidFen;
    row.creditedFen += r.creditedFen;
    const balanceFen = r.invoicedFen - r.paidFen - r.creditedFen;
    row.balanceFen += balanceFen;
    row.branches.push({ branchId: r.branchId, branchCode: r.branchCode, invoicedFen: r.invoicedFen, paidFen: r.paidFen, creditedFen: r.creditedFen, balanceFen });
  }
  const all = [...byCustomer.values()].sort((a, b) => b.balanceFen - a.balanceFen || (a.customerCode ?? a.customerId).localeCompare(b.customerCode ?? b.customerId));
  return {
    rows: all.slice(query.offset, query.offset + query.limit),
    total: { rows: all.length, balanceFen: all.reduce((s, r) => s + r.balanceFen, 0) },
  };
}
