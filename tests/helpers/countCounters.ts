import type Database from 'better-sqlite3';

/** SQL: entry `e` of count `c` is in the count's figures (not one that came after its posting). */
const inFigures = (e: string) =>
  `(c.entries_seen IS NULL OR ${e}.hlc <= COALESCE(json_extract(c.entries_seen, '$."' || ${e}.device_id || '"'), ''))`;

/**
 * What the kept figures of a ledger's counts disagree with: the progress a scan answers and each
 * line's counted quantity are kept by the commands (and by sync), not counted each time, so
 * they must always agree with the lines and entries. Both lists are empty when all is well.
 * A posted count's figures leave out the entries that came too late: those of a device newer
 * than the newest of that device its posting held (stock_counts.entries_seen).
 */
export function countCounterDrift(sqlite: Database.Database): { counts: unknown[]; lines: unknown[] } {
  const counts = sqlite
    .prepare(
      `SELECT c.doc_no FROM stock_counts c
        WHERE c.expected_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 1)
           OR c.found_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 0)
           OR c.counted_lines <> (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.id AND l.expected = 1
                AND EXISTS (SELECT 1 FROM stock_count_entries e WHERE e.count_id = l.count_id AND e.product_id = l.product_id AND e.lot_id = l.lot_id AND e.round = l.round
                              AND ${inFigures('e')}))`,
    )
    .all();
  const lines = sqlite
    .prepare(
      `SELECT l.product_id FROM stock_count_lines l JOIN stock_counts c ON c.id = l.count_id
        WHERE l.counted_qty IS NOT (SELECT SUM(e.qty) FROM stock_count_entries e
                WHERE e.count_id = l.count_id AND e.product_id = l.product_id AND e.lot_id = l.lot_id AND e.round = l.round AND ${inFigures('e')})`,
    )
    .all();
  return { counts, lines };
}
