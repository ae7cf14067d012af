import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../src-main/core/ids';
import type { LedgerDb } from '../openLedgerDb';
import { createRandom } from './random';

export interface SupplierTermsOptions {
  suppliers: number;
  seed: number;
  now: number;
}

/**
 * Head office's supplier terms at scale, for a ledger made by generateLargeLedger: `suppliers`
 * suppliers (2–10 days' lead time), and for every active product the terms of one of them
 * (preferred): bought in its largest unit (the case), at the cost it was received at, a third
 * with a minimum order of 2–5 cases, one in ten with a lead time of its own. Straight into the
 * tables, like the ledger generator; receipts of the generated ledger are given to the
 * product's supplier, so supplier returns and analysis see where lots came from.
 */
export function generateSupplierTerms(db: LedgerDb, options: SupplierTermsOptions): { suppliers: number; terms: number } {
  const sqlite = db.$client;
  const random = createRandom(options.seed);
  const ids = createUuidV7Generator(() => options.now, (n) => randomBytes(n));
  const hlc = `${String(options.now).padStart(15, '0')}-00000-generator`;
  let terms = 0;
  sqlite.transaction(() => {
    const supplierIds: string[] = [];
    const insertSupplier = sqlite.prepare('INSERT INTO suppliers (id, code, name, contact, phone, lead_time_days, active, hlc) VALUES (?, ?, ?, ?, ?, ?, 1, ?)');
    for (let i = 1; i <= options.suppliers; i++) {
      const id = ids();
      insertSupplier.run(id, `GS${String(i).padStart(3, '0')}`, `批量供应商${i}号 Supplier ${i}`, `联系人${i}`, `139${String(20_000_000 + i).slice(-8)}`, random.int(2, 10), hlc);
      supplierIds.push(id);
    }
    // Per product: its largest unit, and the cost per base unit it was received at (read once for all products).
    const costs = new Map(
      (sqlite.prepare('SELECT product_id AS p, MIN(value_in_fen / qty_in) AS c FROM cost_layers WHERE qty_in > 0 GROUP BY product_id').all() as { p: string; c: number }[]).map((r) => [r.p, r.c]),
    );
    const products = sqlite
      .prepare(
        `SELECT p.id, p.sku, u.code AS unit_code, u.factor FROM products p
           JOIN product_units u ON u.product_id = p.id AND u.factor = (SELECT MAX(x.factor) FROM product_units x WHERE x.product_id = p.id)
          WHERE p.active = 1 GROUP BY p.id ORDER BY p.sku`,
      )
      .all() as { id: string; sku: string; unit_code: string | null; factor: number | null }[];
    const insertTerms = sqlite.prepare(
      `INSERT INTO supplier_products (id, supplier_id, product_id, supplier_item_code, purchase_unit_code, min_order_qty, lead_time_days, last_cost_fen, preferred, active, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`,
    );
    const supplierOf = new Map<string, string>();
    products.forEach((p, i) => {
      const supplierId = supplierIds[i % supplierIds.length];
      if (!supplierId || !p.unit_code || !p.factor) return;
      const roll = random.int(0, 9);
      insertTerms.run(ids(), supplierId, p.id, `V-${p.sku}`, p.unit_code, roll < 3 ? p.factor * (roll + 2) : 0, roll === 9 ? random.int(7, 14) : null, (costs.get(p.id) ?? random.int(100, 2000)) * p.factor, hlc);
      supplierOf.set(p.id, supplierId);
      terms++;
    });
    // A generated receipt is from the supplier of its first line's product.
    const receipts = sqlite
      .prepare("SELECT d.id, (SELECT l.product_id FROM stock_document_lines l WHERE l.document_id = d.id ORDER BY l.line_no LIMIT 1) AS product_id FROM stock_documents d WHERE d.doc_type = 'receipt' AND d.supplier_id IS NULL")
      .all() as { id: string; product_id: string | null }[];
    const setSupplier = sqlite.prepare('UPDATE stock_documents SET supplier_id = ? WHERE id = ?');
    for (const r of receipts) {
      const s = r.product_id === null ? undefined : supplierOf.get(r.product_id);
      if (s) setSupplier.run(s, r.id);
    }
  })();
  return { suppliers: options.suppliers, terms };
}
