import { LedgerError } from '../core/errors';
import type { MethodResult, ParsedInput } from '../contract';
import type { ProductDetail, ProductRow } from '../contract/results';
import { escapeLike, unitsByProduct } from './stockQueries';
import { writeAudit, writeOutbox } from './journal';
import type { ProductLocationsArgs } from '../sync/protocol';
import { all, get, inTransaction, run } from './sql';
import type { ServiceContext } from './types';

interface ProductSqlRow {
  id: string;
  sku: string;
  name_zh: string;
  name_en: string;
  category_id: string | null;
  category_zh: string | null;
  category_en: string | null;
  brand: string;
  base_unit_code: string;
  barcode: string | null;
  active: number;
  on_hand: number;
}

/**
 * Catalogue search for lists of 20,000 products: one page at a time, matching SKU, either
 * name, pinyin initials (nfsq → 农夫山泉) or an exact barcode of any unit.
 */
export function listProducts(ctx: ServiceContext, input: ParsedInput<'products.list'>): MethodResult<'products.list'> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!input.includeInactive) where.push('p.active = 1');
  if (input.categoryId) {
    where.push('p.category_id = ?');
    params.push(input.categoryId);
  }
  if (input.q !== '') {
    const like = `%${escapeLike(input.q)}%`;
    where.push(`(p.sku LIKE ? ESCAPE '\\' OR p.name_zh LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\' OR p.pinyin_initials LIKE ? ESCAPE '\\'
                 OR p.id IN (SELECT product_id FROM product_units WHERE barcode = ?))`);
    params.push(like, like, like, `${escapeLike(input.q.toLowerCase())}%`, input.q);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (ctx.db.$client.prepare(`SELECT COUNT(*) AS n FROM products p ${clause}`).get(...params) as { n: number }).n;
  const rows = ctx.db.$client
    .prepare(
      `SELECT p.id, p.sku, p.name_zh, p.name_en, p.category_id, c.name_zh AS category_zh, c.name_en AS category_en, p.brand, p.base_unit_code,
              (SELECT barcode FROM product_units u WHERE u.product_id = p.id AND u.factor = 1) AS barcode, p.active,
              COALESCE((SELECT SUM(qty) FROM stock_balances b WHERE b.product_id = p.id), 0) AS on_hand
         FROM products p LEFT JOIN categories c ON c.id = p.category_id
         ${clause}
        ORDER BY p.sku LIMIT ? OFFSET ?`,
    )
    .all(...params, input.limit, input.offset) as ProductSqlRow[];
  const units = unitsByProduct(ctx, rows.map((r) => r.id));
  const out: ProductRow[] = rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    categoryId: r.category_id,
    categoryZh: r.category_zh,
    categoryEn: r.category_en,
    brand: r.brand,
    baseUnitCode: r.base_unit_code,
    barcode: r.barcode,
    active: r.active === 1,
    onHand: r.on_hand,
    units: units.get(r.id) ?? [],
  }));
  return { total, rows: out };
}

export function productDetail(ctx: ServiceContext, productId: string): ProductDetail {
  const p = get<{
    id: string;
    sku: string;
    name_zh: string;
    name_en: string;
    category_id: string | null;
    category_zh: string | null;
    category_en: string | null;
    brand: string;
    base_unit_code: string;
    shelf_life_days: number | null;
    lot_tracked: number;
    tax_rate_bp: number;
    active: number;
  }>(
    ctx.db,
    `SELECT p.id, p.sku, p.name_zh, p.name_en, p.category_id, c.name_zh AS category_zh, c.name_en AS category_en, p.brand, p.base_unit_code,
            p.shelf_life_days, p.lot_tracked, p.tax_rate_bp, p.active
       FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = ?`,
    productId,
  );
  if (!p) throw new LedgerError('NOT_FOUND', { entity: 'product' });
  const units = all<{ code: string; name_zh: string; name_en: string; factor: number; barcode: string | null }>(
    ctx.db,
    'SELECT code, name_zh, name_en, factor, barcode FROM product_units WHERE product_id = ? ORDER BY factor',
    productId,
  );
  const lots = all<{
    lot_id: string;
    lot_code: string;
    expiry_date: string | null;
    production_date: string | null;
    warehouse_id: string;
    warehouse_name: string;
    qty: number;
  }>(
    ctx.db,
    `SELECT l.id AS lot_id, l.lot_code, l.expiry_date, l.production_date, b.warehouse_id, w.name AS warehouse_name, b.qty
       FROM stock_balances b JOIN lots l ON l.id = b.lot_id JOIN warehouses w ON w.id = b.warehouse_id
      WHERE b.product_id = ? AND b.qty <> 0
      ORDER BY (l.expiry_date IS NULL), l.expiry_date, l.first_received_at`,
    productId,
  );
  const value = get<{ qty: number | null; value: number | null }>(
    ctx.db,
    'SELECT SUM(qty_remaining) AS qty, SUM(value_remaining_fen) AS value FROM cost_layers WHERE product_id = ? AND qty_remaining > 0',
    productId,
  );
  return {
    id: p.id,
    sku: p.sku,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    categoryId: p.category_id,
    categoryZh: p.category_zh,
    categoryEn: p.category_en,
    brand: p.brand,
    baseUnitCode: p.base_unit_code,
    shelfLifeDays: p.shelf_life_days,
    lotTracked: p.lot_tracked === 1,
    taxRateBp: p.tax_rate_bp,
    active: p.active === 1,
    units: units.map((u) => ({ code: u.code, nameZh: u.name_zh, nameEn: u.name_en, factor: u.factor, barcode: u.barcode })),
    lots: lots.map((l) => ({
      lotId: l.lot_id,
      lotCode: l.lot_code,
      expiryDate: l.expiry_date,
      productionDate: l.production_date,
      warehouseId: l.warehouse_id,
      warehouseName: l.warehouse_name,
      qty: l.qty,
    })),
    onHand: lots.reduce((n, l) => n + l.qty, 0),
    valueFen: value?.value ?? 0,
    averageUnitCostFen: value?.qty ? Math.round((value.value ?? 0) / value.qty) : null,
    locations: all<{ id: string; name: string; location: string | null }>(
      ctx.db,
      `SELECT w.id, w.name, pl.location FROM warehouses w
         LEFT JOIN product_locations pl ON pl.warehouse_id = w.id AND pl.product_id = ? AND pl.location <> ''
        WHERE w.active = 1 ORDER BY w.code`,
      productId,
    ).map((w) => ({ warehouseId: w.id, warehouseName: w.name, location: w.location })),
  };
}

export function setProductLocation(ctx: ServiceContext, input: ParsedInput<'products.setLocation'>): MethodResult<'products.setLocation'> {
  inTransaction(ctx.db, () => {
    if (!get(ctx.db, 'SELECT 1 FROM products WHERE id = ?', input.productId)) throw new LedgerError('NOT_FOUND', { entity: 'product' }, [{ path: 'productId', code: 'NOT_FOUND' }]);
    if (!get(ctx.db, 'SELECT 1 FROM warehouses WHERE id = ?', input.warehouseId)) throw new LedgerError('NOT_FOUND', { entity: 'warehouse' }, [{ path: 'warehouseId', code: 'NOT_FOUND' }]);
    const before = get<{ location: string }>(
      ctx.db,
      "SELECT location FROM product_locations WHERE warehouse_id = ? AND product_id = ? AND location <> ''",
      input.warehouseId,
      input.productId,
    );
    // A cleared bin is kept as '' (see productLocationsArgs), so the clearing syncs like a setting.
    const hlc = ctx.hlc();
    run(
      ctx.db,
      `INSERT INTO product_locations (warehouse_id, product_id, location, hlc) VALUES (?, ?, ?, ?)
       ON CONFLICT (warehouse_id, product_id) DO UPDATE SET location = excluded.location, hlc = excluded.hlc`,
      input.warehouseId,
      input.productId,
      input.location,
      hlc,
    );
    writeAudit(ctx, 'products.setLocation', 'product_location', `${input.warehouseId}|${input.productId}`, before ? { location: before.location } : null, {
      location: input.location === '' ? null : input.location,
    });
    writeOutbox(ctx, 'products.setLocations', 1, { locations: [{ warehouseId: input.warehouseId, productId: input.productId, location: input.location, hlc }] } satisfies ProductLocationsArgs);
  });
  return productDetail(ctx, input.productId);
}

export function getProduct(ctx: ServiceContext, input: ParsedInput<'products.get'>): MethodResult<'products.get'> {
  return productDetail(ctx, input.id);
}

/** A scanner's read: the unit whose barcode it is (a case barcode enters the case unit). */
export function lookupBarcode(ctx: ServiceContext, input: ParsedInput<'products.lookupBarcode'>): MethodResult<'products.lookupBarcode'> {
  const hit = get<{ product_id: string; code: string }>(ctx.db, 'SELECT product_id, code FROM product_units WHERE barcode = ?', input.barcode);
  if (!hit) throw new LedgerError('BARCODE_UNKNOWN', { barcode: input.barcode }, [{ path: 'barcode', code: 'BARCODE_UNKNOWN' }]);
  const product = productDetail(ctx, hit.product_id);
  const unit = product.units.find((u) => u.code === hit.code);
  if (!unit) throw new LedgerError('BARCODE_UNKNOWN', { barcode: input.barcode });
  return { product, unit };
}
