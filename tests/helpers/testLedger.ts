import { catchUpMonthSummaries } from '../../src-main/services/reports/monthSummaries';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gtin14ForCase } from '../../src-main/core/ean13';
import { openLedgerApp, type LedgerApp } from '../../src-main/services/openLedgerApp';
import type { SecretStore } from '../../src-main/sync/secretStore';
import { createClient, type LedgerClient } from '../../src-renderer/api/createClient';
import { withAuditGuard } from './auditGuard';

/** 2026-11-20 10:00 in Beijing. */
export const testNow = Date.parse('2026-11-20T02:00:00Z');

export interface TestCatalogue {
  warehouseId: string;
  returnsWarehouseId: string;
  supplierId: string;
  water: { id: string; eaBarcode: string; caseBarcode: string };
  yogurt: { id: string };
  tissue: { id: string; eaBarcode: string; caseBarcode: string };
  retired: { id: string };
}

export interface TestLedger {
  app: LedgerApp;
  client: LedgerClient;
  dataDir: string;
  catalogue: TestCatalogue;
  /** Advances the injected clock. */
  tick(ms: number): void;
  count(table: string): number;
  close(): void;
}

/** The password test set-ups give the branch administrator (user name admin). */
export const TEST_ADMIN_PASSWORD = 'admin-pass-1';

/** A ledger opened again (a restart) has nobody signed in: the administrator signs in as at the PC. */
export function signInAdmin(app: LedgerApp): LedgerApp {
  const signedIn = app.api.invokeSync('auth.signIn', { username: 'admin', secret: TEST_ADMIN_PASSWORD });
  if (!signedIn.ok) throw new Error(`admin sign-in refused: ${JSON.stringify(signedIn.error)}`);
  return app;
}

/** A client of the app's API; every successful write it makes must be audited (auditGuard.ts). */
export function inProcessClient(app: LedgerApp): LedgerClient {
  const ledger = () => (app.damaged() === null ? app.db : undefined);
  return createClient(withAuditGuard(ledger, (method, input) => app.api.invoke(method, input)));
}

/**
 * A fresh branch ledger in a temp directory (a real SQLite file) with a small catalogue:
 * water (24 a case, lot-tracked), yogurt (12 a case, 21-day shelf life), tissue (not
 * lot-tracked) and one retired product.
 */
export async function createTestLedger(options: { setUp?: boolean; fetch?: typeof fetch; autoSync?: boolean; secrets?: SecretStore } = {}): Promise<TestLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  let now = testNow;
  const app = openLedgerApp({
    dataDir,
    host: 'node',
    clock: () => now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.autoSync === undefined ? {} : { autoSync: options.autoSync }),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  const client = inProcessClient(app);
  const catalogue = { warehouseId: '', returnsWarehouseId: '', supplierId: '' } as TestCatalogue;
  if (options.setUp !== false) {
    await client['setup.createBranch']({ code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
    Object.assign(catalogue, seedCatalogue(app));
  }
  const sqlite = app.db.$client;
  return {
    app,
    client,
    dataDir,
    catalogue,
    tick: (ms) => {
      now += ms;
    },
    count: (table) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: () => {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function seedCatalogue(app: LedgerApp): TestCatalogue {
  const db = app.db.$client;
  const warehouses = db.prepare('SELECT id, kind FROM warehouses').all() as { id: string; kind: string }[];
  const id = (() => {
    let n = 0;
    return () => `0190a000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  })();
  const hlc = '000000000000000-00000-test';
  const categoryId = id();
  db.prepare("INSERT INTO categories (id, code, name_zh, name_en, hlc) VALUES (?, 'DRINK', '饮料', 'Drinks', ?)").run(categoryId, hlc);
  const supplierId = id();
  db.prepare("INSERT INTO suppliers (id, code, name, hlc) VALUES (?, 'S01', '广州饮品贸易有限公司', ?)").run(supplierId, hlc);
  const addProduct = (
    sku: string,
    nameZh: string,
    nameEn: string,
    pinyin: string,
    base: { code: string; zh: string; en: string; barcode: string },
    kase: { code: string; factor: number },
    shelfLifeDays: number | null,
    lotTracked: boolean,
    active = true,
  ) => {
    const productId = id();
    db.prepare(
      `INSERT INTO products (id, sku, name_zh, name_en, pinyin_initials, category_id, brand, base_unit_code, shelf_life_days, lot_tracked, tax_rate_bp, active, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, 'Test', ?, ?, ?, 1300, ?, 0, ?)`,
    ).run(productId, sku, nameZh, nameEn, pinyin, categoryId, base.code, shelfLifeDays, lotTracked ? 1 : 0, active ? 1 : 0, hlc);
    db.prepare('INSERT INTO product_units (id, product_id, code, name_zh, name_en, factor, barcode, hlc) VALUES (?, ?, ?, ?, ?, 1, ?, ?)').run(
      id(),
      productId,
      base.code,
      base.zh,
      base.en,
      base.barcode,
      hlc,
    );
    db.prepare("INSERT INTO product_units (id, product_id, code, name_zh, name_en, factor, barcode, hlc) VALUES (?, ?, ?, '箱', 'case', ?, ?, ?)").run(
      id(),
      productId,
      kase.code,
      kase.factor,
      gtin14ForCase(base.barcode, 1),
      hlc,
    );
    return productId;
  };
  const waterEa = '6901234567892';
  const water = addProduct('DRK-0001', '农夫山泉饮用天然水550ml', 'Nongfu Spring Water 550ml', 'nfsqyytrs', { code: 'EA', zh: '瓶', en: 'bottle', barcode: waterEa }, { code: 'CS24', factor: 24 }, 365, true);
  const yogurt = addProduct('DRY-0001', '伊利安慕希酸奶205g', 'Yili Ambrosial Yogurt 205g', 'ylamxsn', { code: 'EA', zh: '盒', en: 'carton', barcode: '6907992500010' }, { code: 'CS12', factor: 12 }, 21, true);
  const tissueEa = '6922266400017';
  const tissue = addProduct('HH-0001', '心相印抽纸3层', 'Hearttex Facial Tissue 3-ply', 'xxycz', { code: 'EA', zh: '包', en: 'pack', barcode: tissueEa }, { code: 'CS10', factor: 10 }, null, false);
  const retired = addProduct('DRK-0099', '停产饮料', 'Discontinued Drink', 'tcyl', { code: 'EA', zh: '瓶', en: 'bottle', barcode: '6901234500011' }, { code: 'CS24', factor: 24 }, 180, true, false);
  return {
    warehouseId: warehouses.find((w) => w.kind === 'main')?.id ?? '',
    returnsWarehouseId: warehouses.find((w) => w.kind === 'returns')?.id ?? '',
    supplierId,
    water: { id: water, eaBarcode: waterEa, caseBarcode: gtin14ForCase(waterEa, 1) },
    yogurt: { id: yogurt },
    tissue: { id: tissue, eaBarcode: tissueEa, caseBarcode: gtin14ForCase(tissueEa, 1) },
    retired: { id: retired },
  };
}

/** Balances that are not zero, in a stable order, for comparing two ledgers. */
export function nonZeroBalances(l: TestLedger): unknown[] {
  return l.app.db.$client.prepare('SELECT warehouse_id, product_id, lot_id, qty FROM stock_balances WHERE qty <> 0 ORDER BY 1, 2, 3').all();
}

/** Every delivery line summed as sales_delivery_months sums it, straight from the lines. */
export const deliveriesSummedSql = `SELECT substr(d.business_date, 1, 7) AS month, o.customer_id, dl.product_id, d.warehouse_id, COALESCE(o.salesperson, '') AS salesperson,
    SUM(-dl.qty) AS qty, SUM((sol.net_fen * -dl.qty * 2 + sol.qty) / (2 * sol.qty)) AS revenue_fen, SUM(-dl.value_fen) AS cost_fen, COUNT(*) AS lines
  FROM stock_documents d JOIN stock_document_lines dl ON dl.document_id = d.id JOIN sales_order_lines sol ON sol.id = dl.source_line_id
  JOIN sales_orders o ON o.id = sol.order_id
  WHERE d.doc_type = 'delivery' GROUP BY 1, 2, 3, 4, 5`;

/**
 * Products whose Σ movements, balances and open cost layers disagree in some warehouse; a sound
 * ledger answers none.
 */
export function ledgerInvariantBroken(l: Pick<TestLedger, 'app'>): unknown[] {
  // The summaries are brought up to date before each report; so here.
  catchUpMonthSummaries(l.app.db);
  return l.app.db.$client
    .prepare(
      `SELECT m.product_id FROM (SELECT warehouse_id, product_id, SUM(qty) AS q FROM stock_movements GROUP BY 1, 2) m
         LEFT JOIN (SELECT warehouse_id, product_id, SUM(qty) AS q FROM stock_balances GROUP BY 1, 2) b USING (warehouse_id, product_id)
         LEFT JOIN (SELECT warehouse_id, product_id, SUM(qty_remaining) AS q FROM cost_layers GROUP BY 1, 2) c USING (warehouse_id, product_id)
        WHERE m.q <> COALESCE(b.q, 0) OR m.q <> COALESCE(c.q, 0)
       UNION ALL
       -- The reports' month summaries (migration 0018), once caught up, are the movements summed.
       SELECT 'stock_movement_months ' || m.product_id FROM (
         SELECT product_id, warehouse_id, substr(business_date, 1, 7) AS month, SUM(qty) AS q, SUM(value_fen) AS v,
                SUM(CASE WHEN document_type = 'delivery' THEN -qty ELSE 0 END) AS sq, SUM(CASE WHEN document_type = 'delivery' THEN -value_fen ELSE 0 END) AS sv
           FROM stock_movements GROUP BY 1, 2, 3) m
         FULL JOIN stock_movement_months s USING (product_id, warehouse_id, month)
        WHERE s.qty IS NOT m.q OR s.value_fen IS NOT m.v OR s.sold_qty IS NOT m.sq OR s.sold_value_fen IS NOT m.sv
       UNION ALL
       SELECT 'stock_movement_totals ' || m.product_id FROM (
         SELECT product_id, warehouse_id, SUM(qty) AS q, SUM(value_fen) AS v, SUM(CASE WHEN document_type = 'delivery' THEN -qty ELSE 0 END) AS sq,
                MAX(CASE WHEN document_type = 'delivery' THEN business_date END) AS ls
           FROM stock_movements GROUP BY 1, 2) m
         FULL JOIN stock_movement_totals s USING (product_id, warehouse_id)
        WHERE s.qty IS NOT m.q OR s.value_fen IS NOT m.v OR s.sold_qty IS NOT m.sq OR s.last_sale_date IS NOT m.ls
       UNION ALL
       -- So are the deliveries' sales (migration 0019), summed from their lines.
       SELECT 'sales_delivery_months ' || COALESCE(x.product_id, s.product_id) FROM (${deliveriesSummedSql}) x
         FULL JOIN sales_delivery_months s USING (month, customer_id, product_id, warehouse_id, salesperson)
        WHERE s.qty IS NOT x.qty OR s.revenue_fen IS NOT x.revenue_fen OR s.cost_fen IS NOT x.cost_fen OR s.lines IS NOT x.lines`,
    )
    .all();
}
