import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { lotReceivedFrom } from '../../src-main/services/supplierReturnQueries';
import { seedSales } from '../helpers/salesFixtures';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

/**
 * stock_document_lines_lot holds only the lines that took a lot in (`qty > 0`): a delivery's
 * lines, each a different lot, would otherwise write a leaf each. The reads that look lines up
 * by lot are the real statements the services prepare, captured here and explained: none may
 * scan the lines table.
 */
describe('reads of document lines by lot', () => {
  let ledger: TestLedger;
  let captured: { source: string; args: unknown[] }[];

  const plan = (source: string, args: unknown[]) =>
    (ledger.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

  /** Records every statement prepared from now on, with the arguments of its calls. */
  function capture() {
    const client = ledger.app.db.$client;
    const prepare = client.prepare.bind(client);
    captured = [];
    vi.spyOn(client, 'prepare').mockImplementation(((source: string) => {
      const statement = prepare(source) as Statement;
      for (const name of ['get', 'all'] as const) {
        const call = statement[name].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          captured.push({ source, args });
          return call(...args);
        };
      }
      return statement;
    }) as typeof client.prepare);
  }

  const linesByLot = () => captured.filter((c) => /stock_document_lines/.test(c.source) && /\bdl2?\.lot_id = /.test(c.source));

  beforeEach(async () => {
    ledger = await createTestLedger();
    const s = seedSales(ledger);
    const c = ledger.catalogue;
    const api = ledger.client;
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'LONG', expiryDate: '2027-10-01', unitCostFen: 2640 }],
    });
    const order = await api['sales.create']({ customerId: s.supermarket, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2 }], confirm: true });
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    ledger.tick(60_000);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    ledger.close();
  });

  it('finds who a lot was delivered to through the product movements, and the delivery is still found', async () => {
    const c = ledger.catalogue;
    capture();
    const lookup = await ledger.client['returns.recallLookup']({ productId: c.water.id, lotCode: 'LONG' });
    expect(lookup.holders.map((h) => h.delivered)).toEqual([48]);
    const [recall, ...others] = linesByLot();
    expect(others).toEqual([]);
    const p = plan(recall?.source ?? '', recall?.args ?? []);
    expect(p).toMatch(/SEARCH m USING INDEX stock_movements_product \(product_id=\?\)/);
    expect(p).toMatch(/SEARCH dl USING INDEX sqlite_autoindex_stock_document_lines_1 \(id=\?\)\nSEARCH d USING INDEX sqlite_autoindex_stock_documents_1 \(id=\?\)/);
    expect(p).not.toMatch(/SCAN (dl|d|m)\b|stock_documents_type/);
  });

  it('reads a lot’s receipt lines from the incoming-lines index: supplier check, candidates and return analysis', async () => {
    const c = ledger.catalogue;
    capture();
    const lot = ledger.app.db.$client.prepare("SELECT id FROM lots WHERE lot_code = 'LONG'").pluck().get() as string;
    expect(lotReceivedFrom({ db: ledger.app.db }, lot, c.supplierId)).toBe(true);
    await ledger.client['supplierReturns.candidates']({ supplierId: c.supplierId, warehouseId: c.warehouseId });
    await ledger.client['returns.analysis']({ dimension: 'supplier', dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    const reads = linesByLot();
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const read of reads) {
      const p = plan(read.source, read.args);
      expect(p, read.source).toMatch(/SEARCH dl2? USING INDEX stock_document_lines_lot \(lot_id=\?\)/);
      expect(p, read.source).not.toMatch(/SCAN dl2?\b/);
    }
  });
});
