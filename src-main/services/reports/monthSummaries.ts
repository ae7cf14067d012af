import type { LedgerDb } from '../../../db/openLedgerDb';
import { get, inTransaction, run } from '../sql';

/**
 * A delivery line's share of its order line's net amount (`dl` the delivery line, `sol` the
 * order line), rounded half up per line: what sales and margin counts for it.
 */
export const deliveryLineRevenue = '(sol.net_fen * -dl.qty * 2 + sol.qty) / (2 * sol.qty)';

/** The later of a summary row's last sale and the one being added to it. */
const laterSale = `CASE WHEN excluded.last_sale_date IS NULL THEN last_sale_date
                               WHEN last_sale_date IS NULL OR excluded.last_sale_date > last_sale_date THEN excluded.last_sale_date
                               ELSE last_sale_date END`;

/**
 * The movements past the mark added to one of the two stock summaries: per product, warehouse
 * and month (`byMonth`), or per product and warehouse over all time. Both keep the same sums.
 */
function movementSums(table: 'stock_movement_months' | 'stock_movement_totals', byMonth: boolean): string {
  const month = byMonth ? ', substr(business_date, 1, 7)' : '';
  return `INSERT INTO ${table} (product_id, warehouse_id${byMonth ? ', month' : ''}, qty, value_fen, sold_qty, sold_value_fen, last_sale_date)
     SELECT product_id, warehouse_id${month}, SUM(qty), SUM(value_fen),
            SUM(CASE WHEN document_type = 'delivery' THEN -qty ELSE 0 END),
            SUM(CASE WHEN document_type = 'delivery' THEN -value_fen ELSE 0 END),
            MAX(CASE WHEN document_type = 'delivery' THEN business_date END)
       FROM stock_movements WHERE rowid > ? AND rowid <= ?
      GROUP BY product_id, warehouse_id${month}
     ON CONFLICT (product_id, warehouse_id${byMonth ? ', month' : ''}) DO UPDATE SET
       qty = qty + excluded.qty,
       value_fen = value_fen + excluded.value_fen,
       sold_qty = sold_qty + excluded.sold_qty,
       sold_value_fen = sold_value_fen + excluded.sold_value_fen,
       last_sale_date = ${laterSale}`;
}

/**
 * Brings stock_movement_months, stock_movement_totals and sales_delivery_months up to the newest movement, on the writing connection, just
 * before a report reads it on the report worker's read-only one. Movements are only ever
 * inserted (0001_append_only), and a rowid table numbers its rows upwards, so the movements past
 * the mark are exactly the ones not yet summed: a posting of any kind, a late one dated in an
 * earlier month, or one pulled from another PC. Posting itself pays nothing for the summaries;
 * a report pays for what was posted since the previous one (a day of a busy branch: a few
 * milliseconds). Answers how many movements it summed.
 */
export function catchUpMonthSummaries(db: LedgerDb): number {
  return inTransaction(db, () => {
    const mark = get<{ r: number }>(db, 'SELECT through_rowid AS r FROM stock_movement_months_mark WHERE id = 1')?.r ?? 0;
    const top = get<{ r: number | null }>(db, 'SELECT MAX(rowid) AS r FROM stock_movements')?.r ?? 0;
    if (top <= mark) return 0;
    for (const summary of [movementSums('stock_movement_months', true), movementSums('stock_movement_totals', false)]) run(db, summary, mark, top);
    // The deliveries among them, each summed whole from its lines (all posted with its movements).
    run(
      db,
      `INSERT INTO sales_delivery_months (month, customer_id, product_id, warehouse_id, salesperson, qty, revenue_fen, cost_fen, lines)
       SELECT substr(d.business_date, 1, 7), o.customer_id, dl.product_id, d.warehouse_id, COALESCE(o.salesperson, ''), SUM(-dl.qty),
              SUM(${deliveryLineRevenue}), SUM(-dl.value_fen), COUNT(*)
         FROM stock_documents d CROSS JOIN stock_document_lines dl ON dl.document_id = d.id
         CROSS JOIN sales_order_lines sol ON sol.id = dl.source_line_id CROSS JOIN sales_orders o ON o.id = sol.order_id
        WHERE d.id IN (SELECT document_id FROM stock_movements WHERE rowid > ? AND rowid <= ? AND document_type = 'delivery') AND d.doc_type = 'delivery'
        GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (month, customer_id, product_id, warehouse_id, salesperson) DO UPDATE SET
         qty = qty + excluded.qty,
         revenue_fen = revenue_fen + excluded.revenue_fen,
         cost_fen = cost_fen + excluded.cost_fen,
         lines = lines + excluded.lines`,
      mark,
      top,
    );
    run(db, 'INSERT INTO stock_movement_months_mark (id, through_rowid) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET through_rowid = excluded.through_rowid', top);
    return top - mark;
  });
}
