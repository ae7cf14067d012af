import { addDays } from '../core/businessDate';
import type { MethodResult, ParsedInput } from '../contract';
import type { DashboardPoint, DashboardTop } from '../contract/results';
import { requireBranch, todayAt } from './branch';
import { salesTargetsOf } from './salesTargets';
import { readSettings } from './settings';
import { all, get } from './sql';
import type { ServiceContext } from './types';

/**
 * The dashboard (首页): every figure is one aggregate over a date index (invoices, credit notes,
 * lots by expiry) or a primary-key probe (balances per product), so it answers quickly on a
 * year of a busy branch. Sales are net of tax, less credit notes for returns, by document date.
 */
export function getDashboard(ctx: ServiceContext, input: ParsedInput<'dashboard.get'>): MethodResult<'dashboard.get'> {
  const branch = requireBranch(ctx);
  const today = todayAt(ctx, branch);
  const dateFrom = addDays(today, -(input.days - 1));
  const monthFrom = `${monthsBefore(today.slice(0, 7), 11)}-01`;
  const { nearExpiryDays } = readSettings(ctx);

  const byDay = new Map<string, number>();
  const byMonth = new Map<string, number>();
  const sumInto = (rows: { d: string; net_fen: number }[], sign: number) => {
    for (const r of rows) {
      byMonth.set(r.d.slice(0, 7), (byMonth.get(r.d.slice(0, 7)) ?? 0) + sign * r.net_fen);
      if (r.d >= dateFrom) byDay.set(r.d, (byDay.get(r.d) ?? 0) + sign * r.net_fen);
    }
  };
  sumInto(all(ctx.db, 'SELECT business_date AS d, SUM(net_fen) AS net_fen FROM sales_invoices WHERE business_date BETWEEN ? AND ? GROUP BY business_date', monthFrom, today), 1);
  sumInto(all(ctx.db, 'SELECT business_date AS d, SUM(net_fen) AS net_fen FROM credit_notes WHERE business_date BETWEEN ? AND ? GROUP BY business_date', monthFrom, today), -1);
  const daily: DashboardPoint[] = [];
  for (let d = dateFrom; d <= today; d = addDays(d, 1)) daily.push({ period: d, netFen: byDay.get(d) ?? 0 });
  const monthly: DashboardPoint[] = [];
  for (let i = 11; i >= 0; i--) {
    const m = monthsBefore(today.slice(0, 7), i);
    monthly.push({ period: m, netFen: byMonth.get(m) ?? 0 });
  }

  const topCustomers = all<{ id: string; name: string; net_fen: number }>(
    ctx.db,
    `SELECT c.id, c.name, t.net_fen FROM (SELECT customer_id, SUM(net_fen) AS net_fen FROM sales_invoices INDEXED BY sales_invoices_date WHERE business_date BETWEEN ? AND ? GROUP BY customer_id ORDER BY 2 DESC LIMIT 10) t
       JOIN customers c ON c.id = t.customer_id ORDER BY t.net_fen DESC, c.name`,
    dateFrom,
    today,
  ).map((r): DashboardTop => ({ id: r.id, label: r.name, labelEn: '', netFen: r.net_fen }));
  const topProducts = all<{ id: string; name_zh: string; name_en: string | null; net_fen: number }>(
    ctx.db,
    `SELECT p.id, p.name_zh, p.name_en, t.net_fen FROM (
        SELECT ol.product_id, SUM(il.net_fen) AS net_fen
          FROM sales_invoices i INDEXED BY sales_invoices_date CROSS JOIN sales_invoice_lines il ON il.invoice_id = i.id CROSS JOIN sales_order_lines ol ON ol.id = il.order_line_id
         WHERE i.business_date BETWEEN ? AND ? GROUP BY ol.product_id ORDER BY 2 DESC LIMIT 10) t
       JOIN products p ON p.id = t.product_id ORDER BY t.net_fen DESC, p.sku`,
    dateFrom,
    today,
  ).map((r): DashboardTop => ({ id: r.id, label: r.name_zh, labelEn: r.name_en ?? '', netFen: r.net_fen }));
  // (CROSS JOIN keeps SQLite reading the window's invoices first: grouping by product tempts it to
  // walk every order line of every product instead, seconds on a year of sales.)

  const count = (sql: string, ...params: unknown[]) => get<{ n: number }>(ctx.db, sql, ...params)?.n ?? 0;
  // Near-expiry and expired lots still held, both counted in one range read of lots_expiry
  // (expiry and id, no table reads) with one seek per lot into stock_balances_lot.
  const lots = get<{ expired: number | null; near: number | null }>(
    ctx.db,
    `SELECT SUM(l.expiry_date < @today) AS expired, SUM(l.expiry_date >= @today) AS near FROM lots l INDEXED BY lots_expiry
      WHERE l.expiry_date <= @until AND EXISTS (SELECT 1 FROM stock_balances b INDEXED BY stock_balances_lot WHERE b.lot_id = l.id AND b.qty > 0)`,
    { today, until: addDays(today, nearExpiryDays) },
  );
  const stock = {
    activeProducts: count('SELECT COUNT(*) AS n FROM products WHERE active = 1'),
    stockouts: count('SELECT COUNT(*) AS n FROM products p WHERE p.active = 1 AND NOT EXISTS (SELECT 1 FROM stock_balances b WHERE b.product_id = p.id AND b.qty > 0)'),
    nearExpiryLots: lots?.near ?? 0,
    expiredLots: lots?.expired ?? 0,
    nearExpiryDays,
  };

  const salesNetFen = count('SELECT COALESCE(SUM(net_fen), 0) AS n FROM sales_invoices WHERE business_date BETWEEN ? AND ?', dateFrom, today);
  const returnsNetFen = count('SELECT COALESCE(SUM(net_fen), 0) AS n FROM credit_notes WHERE business_date BETWEEN ? AND ?', dateFrom, today);

  return {
    today,
    dateFrom,
    daily,
    monthly,
    topCustomers,
    topProducts,
    stock,
    returns: { salesNetFen, returnsNetFen, rate: salesNetFen > 0 ? returnsNetFen / salesNetFen : null },
    targets: salesTargetsOf(ctx.db, today.slice(0, 7)),
    openLatePostings: count('SELECT COUNT(*) AS n FROM late_postings WHERE acknowledged_at IS NULL'),
  };
}

/** 'YYYY-MM' `n` months before `month`. */
function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
