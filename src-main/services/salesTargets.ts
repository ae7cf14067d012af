import type { MethodResult, ParsedInput } from '../contract';
import type { SalesTargetRow, SalesTargets } from '../contract/results';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { SalesTargetArgs } from '../sync/protocol';
import { requireBranch } from './branch';
import { writeAudit, writeOutbox } from './journal';
import { all, get, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

/**
 * Sales targets (销售目标) per salesperson and month, and attainment: net sales (invoiced, net of
 * tax) less credit notes for returns, over the target. Sales count on the documents' own dates:
 * a late posting still belongs to the month it was sold in.
 */
export function salesTargetsOf(db: LedgerDb, month: string): SalesTargets {
  const from = `${month}-01`;
  const to = `${month}-31`;
  const actual = new Map<string, number>();
  const add = (salesperson: string, fen: number) => actual.set(salesperson, (actual.get(salesperson) ?? 0) + fen);
  for (const r of all<{ salesperson: string; net_fen: number }>(
    db,
    `SELECT so.salesperson, SUM(i.net_fen) AS net_fen FROM sales_invoices i JOIN sales_orders so ON so.id = i.order_id
      WHERE i.business_date BETWEEN ? AND ? GROUP BY so.salesperson`,
    from,
    to,
  )) {
    add(r.salesperson, r.net_fen);
  }
  // A return is the salesperson's of the order it came back from, else the customer's.
  for (const r of all<{ salesperson: string; net_fen: number }>(
    db,
    `SELECT COALESCE(so.salesperson, c.salesperson, '') AS salesperson, SUM(n.net_fen) AS net_fen
       FROM credit_notes n JOIN customer_returns cr ON cr.id = n.return_id LEFT JOIN sales_orders so ON so.id = cr.order_id JOIN customers c ON c.id = n.customer_id
      WHERE n.business_date BETWEEN ? AND ? GROUP BY 1`,
    from,
    to,
  )) {
    add(r.salesperson, -r.net_fen);
  }
  const targets = new Map(all<{ salesperson: string; target_fen: number }>(db, 'SELECT salesperson, target_fen FROM sales_targets WHERE month = ? AND target_fen > 0', month).map((t) => [t.salesperson, t.target_fen]));
  const names = [...new Set([...targets.keys(), ...actual.keys()])].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN')));
  const rows: SalesTargetRow[] = names.map((salesperson) => {
    const targetFen = targets.get(salesperson) ?? null;
    const actualFen = actual.get(salesperson) ?? 0;
    return { salesperson, targetFen, actualFen, attainment: targetFen ? actualFen / targetFen : null };
  });
  const targetFen = rows.reduce((s, r) => s + (r.targetFen ?? 0), 0);
  // Attainment of the whole desk: sales of those with a target over the targets set.
  const actualOfTargeted = rows.reduce((s, r) => s + (r.targetFen ? r.actualFen : 0), 0);
  return {
    month,
    rows,
    totals: { targetFen, actualFen: rows.reduce((s, r) => s + r.actualFen, 0), attainment: targetFen > 0 ? actualOfTargeted / targetFen : null },
  };
}

export function listSalesTargets(ctx: ServiceContext, input: ParsedInput<'targets.list'>): MethodResult<'targets.list'> {
  requireBranch(ctx);
  return salesTargetsOf(ctx.db, input.month);
}

/** Sets a target (0 clears it): the row, the audit entry and the op other PCs take, in one transaction. */
export function setSalesTarget(ctx: ServiceContext, input: ParsedInput<'targets.set'>): MethodResult<'targets.set'> {
  return inTransaction(ctx.db, () => {
    requireBranch(ctx);
    const before = get<{ id: string; target_fen: number }>(ctx.db, 'SELECT id, target_fen FROM sales_targets WHERE month = ? AND salesperson = ?', input.month, input.salesperson);
    const args: SalesTargetArgs = {
      id: before?.id ?? ctx.ids(),
      salesperson: input.salesperson,
      month: input.month,
      targetFen: input.targetFen,
      updatedBy: ctx.currentUser.id,
      updatedAt: ctx.now,
      hlc: ctx.hlc(),
    };
    applySalesTarget(ctx.db, args);
    writeAudit(ctx, 'targets.set', 'sales_target', args.id, before ? { targetFen: before.target_fen } : null, { month: input.month, salesperson: input.salesperson, targetFen: input.targetFen });
    writeOutbox(ctx, 'targets.set', 1, args);
    return salesTargetsOf(ctx.db, input.month);
  });
}

/**
 * Stores a target, this PC's or one another PC of the branch set: per salesperson and month the
 * later HLC wins, so PCs that set one offline converge. Answers whether it changed.
 */
export function applySalesTarget(db: LedgerDb, t: SalesTargetArgs): boolean {
  return (
    run(
      db,
      `INSERT INTO sales_targets (id, salesperson, month, target_fen, updated_by, updated_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (month, salesperson) DO UPDATE SET target_fen = excluded.target_fen, updated_by = excluded.updated_by, updated_at = excluded.updated_at, hlc = excluded.hlc
       WHERE excluded.hlc > sales_targets.hlc`,
      t.id,
      t.salesperson,
      t.month,
      t.targetFen,
      t.updatedBy,
      t.updatedAt,
      t.hlc,
    ).changes > 0
  );
}
