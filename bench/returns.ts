/**
 * npm run bench:returns — return-rate analysis and supplier-return candidates on a busy branch's
 * ledger: 1,000,000 movements (a third of the documents turned into deliveries), receipts from 50
 * suppliers, 2,000 customers and 20,000 customer-return lines. Figures, never pass/fail; a raw
 * SQLite baseline (a full scan of the delivery lines in the range) is measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openLargeBranch, p50 } from './largeBranch';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const movementsWanted = Number(args.get('movements') ?? 1_000_000);
const productsWanted = Number(args.get('products') ?? 20_000);
const returnLines = Number(args.get('returnLines') ?? 20_000);
const runs = Number(args.get('runs') ?? 10);

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-returns-'));
try {
  const { app, call, timed, ids } = openLargeBranch(dir, 'returns', { products: productsWanted, movements: movementsWanted });
  const s = app.db.$client;

  // Receipts come from 50 suppliers; the generator's issues become deliveries; customers return some of what they got.
  const hlc = `${String(Date.now()).padStart(15, '0')}-00000-bench`;
  const suppliers: string[] = [];
  const customers: string[] = [];
  s.transaction(() => {
    const supplier = s.prepare('INSERT INTO suppliers (id, code, name, hlc) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 50; i++) {
      const id = randomUUID();
      supplier.run(id, `S${String(i + 1).padStart(3, '0')}`, `供应商${i + 1}`, hlc);
      suppliers.push(id);
    }
    const docs = s.prepare("SELECT id FROM stock_documents WHERE doc_type = 'receipt' ORDER BY rowid").all() as { id: string }[];
    const setSupplier = s.prepare('UPDATE stock_documents SET supplier_id = ? WHERE id = ?');
    docs.forEach((d, i) => setSupplier.run(suppliers[i % suppliers.length], d.id));
    s.prepare("UPDATE stock_documents SET doc_type = 'delivery', reason_code = NULL WHERE doc_type = 'adjustment'").run();
    const customer = s.prepare(
      `INSERT INTO customers (id, code, name, channel, customer_class, region, credit_limit_fen, payment_terms_days, min_shelf_life_permille, active, hlc)
       VALUES (?, ?, ?, 'convenience', 'ordinary', '天河区', 100000000, 30, 0, 1, ?)`,
    );
    for (let i = 0; i < 2000; i++) {
      const id = randomUUID();
      customer.run(id, `C${String(i + 1).padStart(5, '0')}`, `客户${i + 1}`, hlc);
      customers.push(id);
    }
    const delivered = s
      .prepare("SELECT dl.product_id, dl.lot_id, d.business_date FROM stock_document_lines dl JOIN stock_documents d ON d.id = dl.document_id WHERE d.doc_type = 'delivery' ORDER BY dl.rowid")
      .all() as { product_id: string; lot_id: string; business_date: string }[];
    const header = s.prepare(
      `INSERT INTO customer_returns (id, branch_id, doc_no, customer_id, status, business_date, returns_warehouse_id, restock_warehouse_id, approval_reasons,
         total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at, origin_device_id, hlc)
       VALUES (?, ?, ?, ?, 'inspected', ?, ?, ?, '[]', 0, 0, 0, 'bench', 0, 0, 'bench', ?)`,
    );
    const line = s.prepare(
      `INSERT INTO customer_return_lines (id, return_id, line_no, product_id, lot_id, unit_code, unit_qty, qty, reason_code, unit_price_fen, net_fen, tax_rate_bp, tax_fen, gross_fen, cost_fen)
       VALUES (?, ?, ?, ?, ?, 'EA', 1, 1, ?, 0, 0, 1300, 0, 0, 100)`,
    );
    const reasons = ['damaged', 'expired', 'quality', 'wrong_item', 'over_ordered', 'recall'];
    let returnId = '';
    for (let i = 0; i < returnLines && delivered.length > 0; i++) {
      const d = delivered[(i * 7919) % delivered.length];
      if (!d) continue;
      if (i % 10 === 0) {
        returnId = randomUUID();
        header.run(returnId, ids.branchId, `BJ01-CR-B-${i}`, customers[i % customers.length], d.business_date, ids.warehouseId, ids.warehouseId, hlc);
      }
      line.run(randomUUID(), returnId, (i % 10) + 1, d.product_id, d.lot_id, reasons[i % reasons.length]);
    }
  })();
  s.pragma('optimize');

  const range = s.prepare("SELECT MIN(business_date) AS a, MAX(business_date) AS b FROM stock_documents WHERE doc_type = 'delivery'").get() as { a: string; b: string };
  const quarterFrom = new Date(Date.parse(`${range.b}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  const deliveryLines = (s.prepare("SELECT COUNT(*) AS n FROM stock_document_lines dl JOIN stock_documents d ON d.id = dl.document_id WHERE d.doc_type = 'delivery' AND d.business_date >= ?").get(quarterFrom) as { n: number }).n;
  console.log(`Deliveries in the last quarter: ${deliveryLines} lines; customer-return lines: ${returnLines}`);

  const raw = Array.from({ length: runs }, () =>
    timed(() => s.prepare("SELECT dl.product_id, -SUM(dl.qty), -SUM(dl.value_fen) FROM stock_documents d JOIN stock_document_lines dl ON dl.document_id = d.id WHERE d.doc_type = 'delivery' AND d.business_date BETWEEN ? AND ? GROUP BY 1").all(quarterFrom, range.b)),
  );
  console.log(`Raw baseline (delivered by product, last quarter): p50 ${p50(raw).toFixed(1)} ms`);
  for (const dimension of ['product', 'customer', 'supplier', 'reason', 'month']) {
    const quarter = Array.from({ length: runs }, () => timed(() => call('returns.analysis', { dimension, dateFrom: quarterFrom, dateTo: range.b })));
    const year = Array.from({ length: Math.max(3, Math.floor(runs / 3)) }, () => timed(() => call('returns.analysis', { dimension, dateFrom: range.a, dateTo: range.b })));
    console.log(`returns.analysis by ${dimension.padEnd(8)}: last quarter p50 ${p50(quarter).toFixed(1)} ms (${(p50(quarter) / p50(raw)).toFixed(1)}× raw), whole year p50 ${p50(year).toFixed(1)} ms`);
  }
  const candidates = Array.from({ length: runs }, (_, i) => timed(() => call('supplierReturns.candidates', { supplierId: suppliers[i % suppliers.length], warehouseId: ids.warehouseId })));
  console.log(`supplierReturns.candidates (one supplier's lots on hand): p50 ${p50(candidates).toFixed(1)} ms`);
  app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
