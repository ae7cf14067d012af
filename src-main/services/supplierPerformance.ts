import { addDays, businessDateOf, daysBetween } from '../core/businessDate';
import { returnRateBp } from '../core/supplierReturn';
import type { MethodResult, ParsedInput } from '../contract';
import type * as R from '../contract/results';
import { requireBranch, todayAt } from './branch';
import { returnedSql } from './returnAnalysis';
import { all, whereClause } from './sql';
import type { ServiceContext } from './types';

/**
 * Supplier performance (供应商绩效, handbook: evaluate suppliers on delivery time and quality)
 * over the orders sent to suppliers in a period (by the day of their first 'send' event). Received quantities come from the receipts against each
 * order (not reversed), as everywhere in purchasing:
 *
 * - on time: a due order (promised date passed, or finished: received or closed) whose receipts dated on or
 *   before the promised date brought all that was ordered. The promise is a lead time from the
 *   day the supplier got the order: an order sent N days after its order date has its promised
 *   date moved N days later, so a draft left waiting never counts against the supplier;
 * - fill rate: received over ordered (what was closed short counts as not delivered);
 * - lead time: promised = sent date to promised date; actual = sent date to first receipt. The
 *   supplier cannot start before the order reaches it, so the clock starts on the business date
 *   of the order's first 'send' event (its tracking syncs with it), not on the order date a
 *   draft may have carried for days; an order with no send event recorded counts from its order date;
 * - quality: goods sent back to the supplier in the period, and customer returns of goods from
 *   its lots (traced as in the return analysis) against all that was received from it in the
 *   period. Deliveries are not traced to suppliers here: that reads every delivered lot, seconds
 *   on a large ledger, while returns and receipts are few.
 */

interface OrderFacts {
  id: string;
  supplier_id: string;
  status: string;
  order_date: string;
  expected_date: string;
  sent_at: number | null;
  ordered: number;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 10_000) / whole) : null);

export function supplierPerformance(ctx: ServiceContext, input: ParsedInput<'purchasing.supplierPerformance'>): MethodResult<'purchasing.supplierPerformance'> {
  const branch = requireBranch(ctx);
  const today = todayAt(ctx, branch);
  // The period holds the orders sent in it (their first 'send' event, a business date of the
  // branch): a supplier is judged on what it was asked for in the period, and a draft dated
  // earlier but sent in the period is asked for then. Events are instants, so the candidates are
  // read by a UTC window a day wider on each side than any time zone needs, then kept by their
  // business date here. An order with no send event recorded counts by its order date.
  const windowFrom = Date.parse(`${addDays(input.dateFrom, -1)}T00:00:00Z`);
  const windowTo = Date.parse(`${addDays(input.dateTo, 2)}T00:00:00Z`);
  const { sql: whereSql, params } = whereClause([
    ["o.status NOT IN ('draft', 'cancelled')"],
    ['(s.sent_at BETWEEN ? AND ? OR (s.sent_at IS NULL AND o.order_date BETWEEN ? AND ?))', windowFrom, windowTo, input.dateFrom, input.dateTo],
    input.supplierId && ['o.supplier_id = ?', input.supplierId],
  ]);
  const facts = all<OrderFacts>(
    ctx.db,
    `SELECT o.id, o.supplier_id, o.status, o.order_date, o.expected_date, s.sent_at,
            (SELECT SUM(l.qty) FROM purchase_order_lines l WHERE l.order_id = o.id) AS ordered
       FROM purchase_orders o
       LEFT JOIN (SELECT order_id, MIN(at) AS sent_at FROM purchase_order_events WHERE action = 'send' GROUP BY order_id) s ON s.order_id = o.id
       ${whereSql}`,
    ...params,
  )
    .map((o) => ({ ...o, sentDate: o.sent_at === null ? o.order_date : businessDateOf(o.sent_at, branch.time_zone) }))
    .filter((o) => o.sentDate >= input.dateFrom && o.sentDate <= input.dateTo);
  const receiptsOf = new Map<string, { business_date: string; qty: number }[]>();
  for (const r of all<{ source_id: string; business_date: string; qty: number }>(
    ctx.db,
    `SELECT s.source_id, s.business_date, SUM(s.total_qty) AS qty FROM stock_documents s
      WHERE s.doc_type = 'receipt' AND s.source_id IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM stock_documents r WHERE r.reverses_document_id = s.id)
      GROUP BY s.source_id, s.business_date`,
    JSON.stringify(facts.map((o) => o.id)),
  )) {
    receiptsOf.set(r.source_id, [...(receiptsOf.get(r.source_id) ?? []), r]);
  }
  const orders = facts.map((o) => {
    const receipts = receiptsOf.get(o.id) ?? [];
    const { sentDate } = o;
    const promisedDate = addDays(o.expected_date, Math.max(0, daysBetween(o.order_date, sentDate)));
    const receivedBy = (date: string) => receipts.filter((r) => r.business_date <= date).reduce((n, r) => n + r.qty, 0);
    const firstReceipt = receipts.reduce<string | null>((d, r) => (d === null || r.business_date < d ? r.business_date : d), null);
    return { ...o, sentDate, promisedDate, received: receivedBy('9999-12-31'), receivedOnTime: receivedBy(promisedDate), firstReceipt };
  });
  interface Acc {
    orders: number;
    due: number;
    onTime: number;
    ordered: number;
    received: number;
    promisedDays: number;
    actualDays: number;
    actualCount: number;
    srQty: number;
    srFen: number;
    crQty: number;
    supplied: number;
  }
  const acc = new Map<string, Acc>();
  const entry = (id: string): Acc => {
    let a = acc.get(id);
    if (!a) {
      a = { orders: 0, due: 0, onTime: 0, ordered: 0, received: 0, promisedDays: 0, actualDays: 0, actualCount: 0, srQty: 0, srFen: 0, crQty: 0, supplied: 0 };
      acc.set(id, a);
    }
    return a;
  };
  for (const o of orders) {
    const a = entry(o.supplier_id);
    a.orders++;
    a.ordered += o.ordered;
    a.received += o.received;
    a.promisedDays += daysBetween(o.sentDate, o.promisedDate);
    if (o.firstReceipt !== null) {
      a.actualDays += daysBetween(o.sentDate, o.firstReceipt);
      a.actualCount++;
    }
    // Due once the promised date has passed, or once the order is finished (received in full or closed short).
    if (o.promisedDate <= today || o.status === 'received' || o.status === 'closed') {
      a.due++;
      if (o.receivedOnTime >= o.ordered) a.onTime++;
    }
  }
  const returned = all<{ supplier_id: string; qty: number; fen: number }>(
    ctx.db,
    `SELECT r.supplier_id, SUM(l.qty) AS qty, SUM(l.value_fen) AS fen FROM supplier_returns r JOIN supplier_return_lines l ON l.return_id = r.id
      WHERE r.status NOT IN ('draft', 'cancelled', 'rejected') AND r.business_date BETWEEN ? AND ? ${input.supplierId ? 'AND r.supplier_id = ?' : ''}
      GROUP BY r.supplier_id`,
    input.dateFrom,
    input.dateTo,
    ...(input.supplierId ? [input.supplierId] : []),
  );
  for (const r of returned) {
    const a = entry(r.supplier_id);
    a.srQty += r.qty;
    a.srFen += r.fen;
  }
  const received = all<{ supplier_id: string; qty: number }>(
    ctx.db,
    `SELECT supplier_id, SUM(total_qty) AS qty FROM stock_documents
      WHERE doc_type = 'receipt' AND business_date BETWEEN ? AND ? AND supplier_id IS NOT NULL GROUP BY supplier_id`,
    input.dateFrom,
    input.dateTo,
  );
  for (const r of all<{ key: string | null; qty: number }>(ctx.db, returnedSql('supplier'), input.dateFrom, input.dateTo)) {
    if (!r.key || (input.supplierId && r.key !== input.supplierId)) continue;
    entry(r.key).crQty += r.qty;
  }
  // Suppliers with orders or returns in the period are listed; receipts alone do not list one.
  for (const r of received) {
    const a = acc.get(r.supplier_id);
    if (a) a.supplied += r.qty;
  }
  const names = new Map(
    all<{ id: string; code: string; name: string }>(ctx.db, 'SELECT id, code, name FROM suppliers WHERE id IN (SELECT value FROM json_each(?))', JSON.stringify([...acc.keys()])).map((s) => [s.id, s]),
  );
  const rows: R.SupplierPerformanceRow[] = [...acc.entries()].map(([id, a]) => ({
    supplierId: id,
    supplierCode: names.get(id)?.code ?? '',
    supplierName: names.get(id)?.name ?? '',
    orders: a.orders,
    dueOrders: a.due,
    onTimeOrders: a.onTime,
    onTimeRateBp: rate(a.onTime, a.due),
    orderedQty: a.ordered,
    receivedQty: a.received,
    fillRateBp: rate(a.received, a.ordered),
    promisedLeadTimeTenths: a.orders > 0 ? Math.round((a.promisedDays * 10) / a.orders) : null,
    actualLeadTimeTenths: a.actualCount > 0 ? Math.round((a.actualDays * 10) / a.actualCount) : null,
    supplierReturnQty: a.srQty,
    supplierReturnFen: a.srFen,
    customerReturnQty: a.crQty,
    suppliedQty: a.supplied,
    customerReturnRateBp: returnRateBp(a.crQty, a.supplied),
  }));
  rows.sort((x, y) => x.supplierCode.localeCompare(y.supplierCode));
  return { dateFrom: input.dateFrom, dateTo: input.dateTo, rows };
}
