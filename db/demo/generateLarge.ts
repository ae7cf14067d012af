import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../src-main/core/ids';
import type { LedgerDb } from '../openLedgerDb';
import { buildLargeCatalogue } from './catalogue';
import { createRandom } from './random';

export interface LargeLedgerOptions {
  products: number;
  movements: number;
  seed: number;
  /** Epoch ms of "now"; movements spread over the year before it. */
  now: number;
  warehouseId: string;
  branchId: string;
  userId: string;
  /** What the issues are: damage adjustments (default) or sales deliveries (demand for replenishment). */
  issuesAs?: 'adjustment' | 'delivery';
}

/**
 * Fills a set-up ledger with a large catalogue and movement history for benchmarks and scale
 * tests, straight into the tables (posting a million movements one document at a time would
 * take minutes). It keeps the ledger's invariants: per product, receipts come before issues,
 * balances equal Σ movements per lot, and FIFO layers are consumed oldest first, so the
 * services behave on this data exactly as on data they posted themselves.
 */
export function generateLargeLedger(db: LedgerDb, options: LargeLedgerOptions): { products: number; movements: number; documents: number } {
  const sqlite = db.$client;
  const random = createRandom(options.seed);
  const catalogue = buildLargeCatalogue(options.seed, options.products);
  let clock = options.now - 365 * 86_400_000;
  const ids = createUuidV7Generator(() => clock, (n) => randomBytes(n));
  const hlc = `${String(options.now).padStart(15, '0')}-00000-generator`;

  const insertCategory = sqlite.prepare('INSERT OR IGNORE INTO categories (id, code, name_zh, name_en, hlc) VALUES (?, ?, ?, ?, ?)');
  const insertProduct = sqlite.prepare(
    `INSERT INTO products (id, sku, name_zh, name_en, pinyin_initials, category_id, brand, base_unit_code, shelf_life_days, lot_tracked, tax_rate_bp, active, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnit = sqlite.prepare('INSERT INTO product_units (id, product_id, code, name_zh, name_en, factor, barcode, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertLot = sqlite.prepare('INSERT INTO lots (id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertDoc = sqlite.prepare(
    `INSERT INTO stock_documents (id, branch_id, doc_type, doc_no, status, business_date, warehouse_id, supplier_id, reason_code, note, reverses_document_id, total_qty, total_value_fen, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, 'posted', ?, ?, NULL, ?, '', NULL, ?, ?, ?, ?, ?)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit_code, unit_qty, qty, lot_id, unit_cost_fen, value_fen, reason_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMovement = sqlite.prepare(
    `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBalance = sqlite.prepare('INSERT INTO stock_balances (warehouse_id, product_id, lot_id, qty, updated_at) VALUES (?, ?, ?, ?, ?)');
  const insertLayer = sqlite.prepare(
    `INSERT INTO cost_layers (id, warehouse_id, product_id, lot_id, source_movement_id, received_at, qty_in, value_in_fen, qty_remaining, value_remaining_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  let documents = 0;
  let movements = 0;
  sqlite.transaction(() => {
    // A document's header is written after its lines (its totals come from them).
    sqlite.pragma('defer_foreign_keys = ON');
    const categoryIds = new Map<string, string>();
    for (const c of catalogue.categories) {
      const existing = sqlite.prepare('SELECT id FROM categories WHERE code = ?').get(c.code) as { id: string } | undefined;
      const id = existing?.id ?? ids();
      if (!existing) insertCategory.run(id, c.code, c.nameZh, c.nameEn, hlc);
      categoryIds.set(c.code, id);
    }
    interface P {
      id: string;
      baseUnit: string;
      costFen: number;
      lots: { id: string; qty: number }[];
      layers: { id: string; at: number; qtyIn: number; valueIn: number; qty: number; value: number }[];
    }
    const products: P[] = [];
    for (const p of catalogue.products) {
      const id = ids();
      insertProduct.run(id, p.sku, p.nameZh, p.nameEn, p.pinyinInitials, categoryIds.get(p.categoryCode) ?? null, p.brand, p.baseUnitCode, p.shelfLifeDays, p.lotTracked ? 1 : 0, p.taxRateBp, 1, options.now, hlc);
      for (const u of p.units) insertUnit.run(ids(), id, u.code, u.nameZh, u.nameEn, u.factor, u.barcode, hlc);
      products.push({ id, baseUnit: p.baseUnitCode, costFen: p.costFen, lots: [], layers: [] });
    }

    // Documents of 20 lines, alternating mostly receipts with issues (adjustments), until the
    // wanted number of movements is reached.
    const perDay = Math.max(1, Math.ceil(options.movements / 20 / 365));
    let docNo = 0;
    while (movements < options.movements) {
      const lines = Math.min(20, options.movements - movements);
      const isReceipt = documents % 3 !== 2;
      clock += Math.floor(86_400_000 / perDay);
      const businessDate = new Date(clock + 8 * 3_600_000).toISOString().slice(0, 10);
      const docId = ids();
      let totalQty = 0;
      let totalValue = 0;
      const rows: [string, string, number, P, { id: string; qty: number }, number, number][] = [];
      for (let i = 0; i < lines; i++) {
        const product = products[random.int(0, products.length - 1)];
        if (!product) continue;
        if (isReceipt || product.lots.every((l) => l.qty === 0)) {
          const qty = random.int(1, 10) * 12;
          const value = qty * product.costFen;
          let lot = product.lots[product.lots.length - 1];
          if (!lot || random.next() < 0.3) {
            lot = { id: ids(), qty: 0 };
            const expiry = new Date(clock + random.int(20, 400) * 86_400_000).toISOString().slice(0, 10);
            insertLot.run(lot.id, product.id, `G${String(product.lots.length + 1).padStart(4, '0')}`, expiry, businessDate, clock, hlc);
            product.lots.push(lot);
          }
          lot.qty += qty;
          const movementId = ids();
          product.layers.push({ id: movementId, at: clock, qtyIn: qty, valueIn: value, qty, value });
          rows.push([movementId, ids(), i + 1, product, lot, qty, value]);
        } else {
          const lot = product.lots.find((l) => l.qty > 0);
          if (!lot) continue;
          const qty = Math.min(lot.qty, random.int(1, 24));
          lot.qty -= qty;
          let left = qty;
          let value = 0;
          for (const layer of product.layers) {
            if (left === 0) break;
            if (layer.qty === 0) continue;
            const take = Math.min(left, layer.qty);
            const v = take === layer.qty ? layer.value : Math.round((layer.value * take) / layer.qty);
            layer.qty -= take;
            layer.value -= v;
            value += v;
            left -= take;
          }
          rows.push([ids(), ids(), i + 1, product, lot, -qty, -value]);
        }
      }
      const issueType = options.issuesAs ?? 'adjustment';
      const docType = isReceipt ? 'receipt' : issueType;
      const reason = isReceipt || issueType === 'delivery' ? null : 'damage';
      for (const [movementId, lineId, lineNo, product, lot, qty, value] of rows) {
        insertLine.run(lineId, docId, lineNo, product.id, product.baseUnit, qty, qty, lot.id, qty > 0 ? product.costFen : null, value, reason);
        insertMovement.run(movementId, options.branchId, options.warehouseId, product.id, lot.id, qty, value, docType, docId, lineId, businessDate, clock, hlc);
        totalQty += qty;
        totalValue += value;
        movements++;
      }
      insertDoc.run(docId, options.branchId, docType, `GEN-${isReceipt ? 'GR' : issueType === 'delivery' ? 'DN' : 'ADJ'}-${String(++docNo).padStart(8, '0')}`, businessDate, options.warehouseId, reason, totalQty, totalValue, options.userId, clock, hlc);
      documents++;
    }
    for (const p of products) {
      for (const lot of p.lots) insertBalance.run(options.warehouseId, p.id, lot.id, lot.qty, options.now);
      for (const layer of p.layers) {
        insertLayer.run(ids(), options.warehouseId, p.id, null, layer.id, layer.at, layer.qtyIn, layer.valueIn, layer.qty, layer.value);
      }
    }
  })();
  sqlite.pragma('optimize');
  return { products: catalogue.products.length, movements, documents };
}
