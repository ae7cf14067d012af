import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

/** The reports' heavy reads must be range scans of covering indexes, not table scans (bench:reports times them on 2,000,000 movements). */
describe('report query plans', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await createTestLedger();
  });
  afterEach(() => ledger.close());

  const plan = (sql: string, ...params: unknown[]) =>
    (ledger.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

  it('sums movements on one side of a date from the covering index alone', () => {
    const sums = `SELECT m.product_id, m.warehouse_id, SUM(m.qty), SUM(m.value_fen) FROM stock_movements m INDEXED BY stock_movements_date_cover WHERE m.business_date > ? GROUP BY 1, 2`;
    expect(plan(sums, '2026-11-01')).toMatch(/SEARCH m USING COVERING INDEX stock_movements_date_cover \(business_date>\?\)/);
    const sales = `SELECT m.product_id, SUM(-m.qty) FROM stock_movements m INDEXED BY stock_movements_date_cover WHERE m.document_type = 'delivery' AND m.business_date BETWEEN ? AND ? GROUP BY 1`;
    expect(plan(sales, '2026-11-01', '2026-11-30')).toMatch(/SEARCH m USING COVERING INDEX stock_movements_date_cover \(business_date>\? AND business_date<\?\)/);
  });

  it('reads deliveries of a period by type and date, then their lines and order lines by key', () => {
    const sql = `SELECT SUM(-dl.qty) FROM stock_documents d INDEXED BY stock_documents_type_date JOIN stock_document_lines dl ON dl.document_id = d.id
      JOIN sales_order_lines sol ON sol.id = dl.source_line_id JOIN sales_orders o ON o.id = sol.order_id
      WHERE d.doc_type = 'delivery' AND d.business_date BETWEEN ? AND ?`;
    const p = plan(sql, '2026-11-01', '2026-11-30');
    expect(p).toMatch(/SEARCH d USING (COVERING )?INDEX stock_documents_type_date \(doc_type=\? AND business_date>\? AND business_date<\?\)/);
    expect(p).toMatch(/SEARCH dl USING INDEX stock_document_lines_doc_line \(document_id=\?\)/);
    expect(p).toMatch(/SEARCH sol USING INDEX sqlite_autoindex_sales_order_lines_1 \(id=\?\)/);
    expect(p).not.toMatch(/SCAN/);
  });
});
