import type Database from 'better-sqlite3';

/**
 * What the kept figures of a ledger's counts disagree with: the progress a scan answers and each
 * line's counted quantity are kept by the commands (and by sync), not counted each time, so
 * they must always agree with the lines and entries. Both lists are empty when all is well.
 */
export function countCounterDrift(sqlite: Database.Database): { counts: unknown[]; lines: unknown[] } {
  const counts = sqlite
    .prepare(
      `SELECT c.doc_no FROM stock_counts c
        WHERE c.expected_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 1)
           OR c.found_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 0)
           OR c.counted_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 1
                AND EXISTS (SELECT 1 FROM stock_count_entries e WHERE e.count_id = l.count_id AND e.product_id = l.product_id AND e.lot_id = l.lot_id AND e.round = l.round))`,
    )
    .all();
  const lines = sqlite
    .prepare(
      `SELECT l.product_id FROM stock_count_lines l
        WHERE l.counted_qty IS NOT (SELECT SUM(e.qty) FROM stock_count_entries e
                WHERE e.count_id = l.count_id AND e.product_id = l.product_id AND e.lot_id = l.lot_id AND e.round = l.round)`,
    )
    .all();
  return { counts, lines };
}
