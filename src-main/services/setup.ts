import { LedgerError } from '../core/errors';
import { addDays, businessDateOf } from '../core/businessDate';
import type { MethodResult, ParsedInput } from '../contract';
import { buildDemoCatalogue, createRandom, type DemoCatalogue } from '../../db/demo/catalogue';
import { findBranch, todayAt } from './branch';
import { writeAudit, writeOutbox } from './journal';
import { inTransaction, run, all } from './sql';
import { adjustStock, receiveStock } from './stockDocuments';
import type { ServiceContext } from './types';
import { appInfo } from './appInfo';
import { hashSecret } from './passwordHash';
import { purchasingMasterRows, seedDemoPurchasing } from './demoPurchasing';
import { salesMasterRows, seedDemoSales } from './demoSales';
import type { ProductLocationsArgs } from '../sync/protocol';

/**
 * First start: creates the branch, its warehouses and its administrator, and — when asked — a
 * demo catalogue with stock and some history, all in one transaction (a half-made branch is
 * never left behind).
 */
export function createBranch(ctx: ServiceContext, input: ParsedInput<'setup.createBranch'>): MethodResult<'setup.createBranch'> {
  const passwordHash = hashSecret(input.adminPassword);
  const adminId = inTransaction(ctx.db, () => {
    if (findBranch(ctx)) throw new LedgerError('BRANCH_ALREADY_SET_UP');
    const branchId = ctx.ids();
    const hlc = ctx.hlc();
    run(ctx.db, 'INSERT INTO branches (id, code, name, time_zone, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?)', branchId, input.code, input.name, input.timeZone, ctx.now, hlc);
    const warehouses = [
      { id: ctx.ids(), code: 'MAIN', name: '主仓', kind: 'main' },
      { id: ctx.ids(), code: 'RET', name: '退货区', kind: 'returns' },
    ];
    for (const w of warehouses) {
      run(ctx.db, 'INSERT INTO warehouses (id, branch_id, code, name, kind, active, hlc) VALUES (?, ?, ?, ?, ?, 1, ?)', w.id, branchId, w.code, w.name, w.kind, hlc);
    }
    const adminId = ctx.ids();
    run(
      ctx.db,
      "INSERT INTO users (id, username, display_name, role, password_hash, credential_kind, active, created_at, hlc) VALUES (?, 'admin', 'admin', 'admin', ?, 'password', 1, ?, ?)",
      adminId,
      passwordHash,
      ctx.now,
      hlc,
    );
    // From here on the branch's administrator is the one acting.
    const asAdmin: ServiceContext = { ...ctx, currentUser: { id: adminId, role: 'admin' } };
    const branch = { id: branchId, code: input.code, name: input.name, timeZone: input.timeZone };
    writeAudit(asAdmin, 'setup.createBranch', 'branch', branchId, null, { ...branch, withDemoData: input.withDemoData });
    writeOutbox(asAdmin, 'setup.createBranch', 1, { branch, warehouses });
    writeAudit(asAdmin, 'users.create', 'user', adminId, null, { username: 'admin', displayName: 'admin', role: 'admin', credentialKind: 'password', active: true });
    if (input.withDemoData) loadDemoData(asAdmin, buildDemoCatalogue(input.seed), input.seed, warehouses[0]?.id ?? '');
    return adminId;
  });
  // Whoever set the branch up just chose the administrator's password: they go on signed in as the administrator.
  ctx.session.current = { userId: adminId, locked: false };
  return appInfo(ctx);
}

function insertCatalogue(ctx: ServiceContext, catalogue: DemoCatalogue, seed: number): { productIds: Map<string, string>; supplierIds: Map<string, string> } {
  const hlc = ctx.hlc();
  const categoryIds = new Map<string, string>();
  for (const c of catalogue.categories) {
    const id = ctx.ids();
    categoryIds.set(c.code, id);
    run(ctx.db, 'INSERT INTO categories (id, code, name_zh, name_en, hlc) VALUES (?, ?, ?, ?, ?)', id, c.code, c.nameZh, c.nameEn, hlc);
  }
  const productIds = new Map<string, string>();
  for (const p of catalogue.products) {
    const id = ctx.ids();
    productIds.set(p.sku, id);
    run(
      ctx.db,
      `INSERT INTO products (id, sku, name_zh, name_en, pinyin_initials, category_id, brand, base_unit_code, shelf_life_days, lot_tracked, tax_rate_bp, active, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      p.sku,
      p.nameZh,
      p.nameEn,
      p.pinyinInitials,
      categoryIds.get(p.categoryCode) ?? null,
      p.brand,
      p.baseUnitCode,
      p.shelfLifeDays,
      p.lotTracked ? 1 : 0,
      p.taxRateBp,
      p.active ? 1 : 0,
      ctx.now,
      hlc,
    );
    for (const u of p.units) {
      run(
        ctx.db,
        'INSERT INTO product_units (id, product_id, code, name_zh, name_en, factor, barcode, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ctx.ids(),
        id,
        u.code,
        u.nameZh,
        u.nameEn,
        u.factor,
        u.barcode,
        hlc,
      );
    }
  }
  const supplierIds = new Map<string, string>();
  for (const s of catalogue.suppliers) {
    const id = ctx.ids();
    supplierIds.set(s.code, id);
    run(
      ctx.db,
      'INSERT INTO suppliers (id, code, name, contact, phone, lead_time_days, active, hlc) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
      id,
      s.code,
      s.name,
      s.contact,
      s.phone,
      s.leadTimeDays,
      hlc,
    );
  }
  for (const c of catalogue.customers) {
    run(
      ctx.db,
      `INSERT INTO customers (id, code, name, channel, customer_class, region, contact, phone, credit_limit_fen, payment_terms_days, min_shelf_life_permille, active, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      ctx.ids(),
      c.code,
      c.name,
      c.channel,
      c.customerClass,
      c.region,
      c.contact,
      c.phone,
      c.creditLimitFen,
      c.paymentTermsDays,
      c.minShelfLifePermille,
      hlc,
    );
  }
  const branch = findBranch(ctx);
  if (branch) seedDemoSales(ctx, catalogue, productIds, createRandom(seed + 11), todayAt(ctx, branch));
  seedDemoPurchasing(ctx, catalogue, productIds, supplierIds, createRandom(seed + 13));
  // In ops of at most 1,000 rows (~1 KB each), so each fits a push batch (1 MB).
  const rows = [...masterRows(ctx), ...salesMasterRows(ctx), ...purchasingMasterRows(ctx)];
  for (let i = 0; i < rows.length; i += 1000) writeOutbox(ctx, 'master.import', 1, { rows: rows.slice(i, i + 1000) });
  return { productIds, supplierIds };
}

/**
 * The catalogue just inserted, as master-data rows for head office (which keeps its own copy
 * if it already has one: master data belongs to head office).
 */
function masterRows(ctx: ServiceContext): { entity: string; id: string; fields: Record<string, unknown> }[] {
  const rows: { entity: string; id: string; fields: Record<string, unknown> }[] = [];
  for (const c of all<{ id: string; code: string; name_zh: string; name_en: string }>(ctx.db, 'SELECT id, code, name_zh, name_en FROM categories')) {
    rows.push({ entity: 'category', id: c.id, fields: { code: c.code, nameZh: c.name_zh, nameEn: c.name_en } });
  }
  for (const p of all<Record<string, unknown> & { id: string }>(
    ctx.db,
    `SELECT id, sku, name_zh AS nameZh, name_en AS nameEn, pinyin_initials AS pinyinInitials, category_id AS categoryId, brand,
            base_unit_code AS baseUnitCode, shelf_life_days AS shelfLifeDays, lot_tracked AS lotTracked, tax_rate_bp AS taxRateBp,
            price_floor_fen AS priceFloorFen, active
       FROM products`,
  )) {
    const { id, ...fields } = p;
    rows.push({ entity: 'product', id, fields: { ...fields, lotTracked: fields.lotTracked === 1, active: fields.active === 1 } });
  }
  for (const u of all<Record<string, unknown> & { id: string }>(
    ctx.db,
    'SELECT id, product_id AS productId, code, name_zh AS nameZh, name_en AS nameEn, factor, barcode FROM product_units',
  )) {
    const { id, ...fields } = u;
    rows.push({ entity: 'product_unit', id, fields });
  }
  for (const s of all<Record<string, unknown> & { id: string }>(
    ctx.db,
    'SELECT id, code, name, contact, phone, lead_time_days AS leadTimeDays, active FROM suppliers',
  )) {
    const { id, ...fields } = s;
    rows.push({ entity: 'supplier', id, fields: { ...fields, active: fields.active === 1 } });
  }
  for (const c of all<Record<string, unknown> & { id: string }>(
    ctx.db,
    `SELECT id, code, name, channel, customer_class AS customerClass, region, contact, phone, credit_limit_fen AS creditLimitFen,
            payment_terms_days AS paymentTermsDays, min_shelf_life_permille AS minShelfLifePermille, salesperson, price_list_id AS priceListId,
            address, contacts, active FROM customers`,
  )) {
    const { id, ...fields } = c;
    rows.push({ entity: 'customer', id, fields: { ...fields, active: fields.active === 1 } });
  }
  return rows;
}

/**
 * Demo history: weekly receipts from each supplier over the last eight weeks (lots with
 * production dates, so some are near expiry today), then a few damage write-offs — posted
 * through the same services as a clerk's, each on its own past business date.
 */
/**
 * Bins in the main warehouse: one zone (A, B, C…) per category, shelves of twelve, so counts by
 * zone and count sheets in walking order have something to work with.
 */
function assignDemoLocations(ctx: ServiceContext, catalogue: DemoCatalogue, productIds: Map<string, string>, warehouseId: string): void {
  const zones = new Map<string, string>();
  const perZone = new Map<string, number>();
  const hlc = ctx.hlc();
  const locations: ProductLocationsArgs['locations'] = [];
  for (const p of catalogue.products) {
    const productId = productIds.get(p.sku);
    if (!productId) continue;
    let zone = zones.get(p.categoryCode);
    if (zone === undefined) {
      zone = String.fromCharCode(65 + zones.size);
      zones.set(p.categoryCode, zone);
    }
    const n = perZone.get(zone) ?? 0;
    perZone.set(zone, n + 1);
    const location = `${zone}-${String(Math.floor(n / 12) + 1).padStart(2, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
    run(ctx.db, 'INSERT INTO product_locations (warehouse_id, product_id, location, hlc) VALUES (?, ?, ?, ?)', warehouseId, productId, location, hlc);
    locations.push({ warehouseId, productId, location, hlc });
  }
  // The branch's other PCs keep the same bins.
  for (let i = 0; i < locations.length; i += 5000) writeOutbox(ctx, 'products.setLocations', 1, { locations: locations.slice(i, i + 5000) } satisfies ProductLocationsArgs);
}

function loadDemoData(ctx: ServiceContext, catalogue: DemoCatalogue, seed: number, warehouseId: string): void {
  const random = createRandom(seed + 7);
  const { productIds, supplierIds } = insertCatalogue(ctx, catalogue, seed);
  assignDemoLocations(ctx, catalogue, productIds, warehouseId);
  const branch = findBranch(ctx);
  if (!branch) return;
  const today = todayAt(ctx, branch);
  const dayMs = 86_400_000;
  const weeks = 8;
  for (let week = weeks; week >= 1; week--) {
    for (const supplier of catalogue.suppliers) {
      const products = catalogue.products.filter((p) => p.active && supplier.categoryCodes.includes(p.categoryCode));
      const chosen = products.filter(() => random.next() < 0.45).slice(0, 25);
      if (chosen.length === 0) continue;
      const dayOffset = week * 7 - random.int(0, 3);
      const at = ctx.now - dayOffset * dayMs + random.int(8, 17) * 3_600_000;
      const businessDate = businessDateOf(at, branch.time_zone);
      // Short-life goods arrive only while they would still be on the shelf today, except for a
      // few, so the demo shows some expired and near-expiry stock without a fridge full of it.
      const fresh = chosen.filter((p) => !p.shelfLifeDays || p.shelfLifeDays > dayOffset + 3 || random.next() < 0.04);
      if (fresh.length === 0) continue;
      const lines = fresh.map((p) => {
        const caseUnit = [...p.units].sort((a, b) => b.factor - a.factor)[0] ?? p.units[0];
        const unit = caseUnit ?? { code: p.baseUnitCode, factor: 1 };
        const shelf = p.shelfLifeDays;
        // Produced a little before it arrived; short-life goods arrive fresher.
        const producedDaysBefore = shelf ? Math.min(random.int(2, 20), Math.floor(shelf / 4)) : 0;
        const productionDate = addDays(businessDate, -producedDaysBefore);
        return {
          productId: productIds.get(p.sku) ?? '',
          unitCode: unit.code,
          qty: random.int(2, 12),
          unitCostFen: Math.round(p.costFen * unit.factor * (0.97 + random.next() * 0.06)),
          ...(p.lotTracked
            ? {
                lotCode: `${productionDate.replace(/-/g, '')}${String.fromCharCode(65 + random.int(0, 3))}`,
                productionDate,
                ...(shelf ? { expiryDate: addDays(productionDate, shelf) } : {}),
              }
            : {}),
        };
      });
      receiveStock(
        { ...ctx, now: at },
        { warehouseId, supplierId: supplierIds.get(supplier.code), businessDate, note: '', lines },
      );
    }
  }
  // A few breakages found on the shelf, written off as damage.
  const stocked = all<{ product_id: string; base_unit_code: string }>(
    ctx.db,
    `SELECT b.product_id, p.base_unit_code FROM stock_balances b JOIN products p ON p.id = b.product_id
      WHERE b.qty >= 6 GROUP BY b.product_id ORDER BY p.sku LIMIT 40`,
  );
  for (let i = 0; i < 5 && stocked.length > 0; i++) {
    const pick = [0, 1, 2].map(() => stocked[random.int(0, stocked.length - 1)]).filter((p) => p !== undefined);
    const unique = [...new Map(pick.map((p) => [p.product_id, p])).values()];
    // Hours ago rather than days, so the write-off never predates the receipts it draws on;
    // in posting order, so document numbers and times agree.
    const at = ctx.now - (6 - i) * 3_600_000 + random.int(0, 3_000_000);
    writeOffDamage(ctx, at, branch.time_zone, warehouseId, unique, random.int(1, 3), today);
  }
}

function writeOffDamage(
  ctx: ServiceContext,
  at: number,
  timeZone: string,
  warehouseId: string,
  products: { product_id: string; base_unit_code: string }[],
  qty: number,
  today: string,
): void {
  const businessDate = businessDateOf(at, timeZone);
  adjustStock(
    { ...ctx, now: at },
    {
      warehouseId,
      reasonCode: 'damage',
      businessDate: businessDate > today ? today : businessDate,
      note: '理货时发现破损 Found damaged while tidying the shelf',
      lines: products.map((p) => ({ productId: p.product_id, unitCode: p.base_unit_code, qty: -qty })),
    },
  );
}
