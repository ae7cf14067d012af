import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/** Rows that sync carry a UUIDv7 id and an HLC of their last change. */

export const branches = sqliteTable('branches', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
});

export const warehouses = sqliteTable('warehouses', {
  id: text('id').primaryKey(),
  branchId: text('branch_id')
    .notNull()
    .references(() => branches.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** 'main' saleable stock, 'returns' quarantine area, 'transit' goods on the road. */
  kind: text('kind', { enum: ['main', 'returns', 'transit'] }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
}, (t) => [uniqueIndex('warehouses_branch_code').on(t.branchId, t.code)]);

export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  hlc: text('hlc').notNull(),
});

export const products = sqliteTable('products', {
  id: text('id').primaryKey(),
  sku: text('sku').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** Pinyin initials of the Chinese name, for search by 'nfsq' → 农夫山泉. */
  pinyinInitials: text('pinyin_initials').notNull().default(''),
  categoryId: text('category_id').references(() => categories.id),
  brand: text('brand').notNull().default(''),
  /** Code of the base unit in product_units (factor 1). */
  baseUnitCode: text('base_unit_code').notNull(),
  shelfLifeDays: integer('shelf_life_days'),
  /** Lots (code + expiry) are captured on receipt and issued FEFO. */
  lotTracked: integer('lot_tracked', { mode: 'boolean' }).notNull().default(true),
  /** VAT rate in basis points (1300 = 13 %). */
  taxRateBp: integer('tax_rate_bp').notNull().default(1300),
  /** Lowest tax-exclusive price per base unit a sale may have without a manager's approval. */
  priceFloorFen: integer('price_floor_fen'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [index('products_category').on(t.categoryId), index('products_name_zh').on(t.nameZh)]);

export const productUnits = sqliteTable('product_units', {
  id: text('id').primaryKey(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  factor: integer('factor').notNull(),
  barcode: text('barcode'),
  hlc: text('hlc').notNull(),
}, (t) => [
  uniqueIndex('product_units_product_code').on(t.productId, t.code),
  uniqueIndex('product_units_barcode').on(t.barcode).where(sql`barcode IS NOT NULL`),
]);

export const lots = sqliteTable('lots', {
  id: text('id').primaryKey(),
  productId: text('product_id')
    .notNull()
    .references(() => products.id),
  /** '' for a product that is not lot-tracked (one implicit lot per product). */
  lotCode: text('lot_code').notNull(),
  expiryDate: text('expiry_date'),
  productionDate: text('production_date'),
  firstReceivedAt: integer('first_received_at').notNull(),
  hlc: text('hlc').notNull(),
}, (t) => [
  uniqueIndex('lots_product_code').on(t.productId, t.lotCode),
  // By expiry, carrying what stock health's near-expiry list and the dashboard's lot counts read:
  // a range of it is the lots due, with no table lookups.
  index('lots_expiry').on(t.expiryDate, t.id, t.productId, t.lotCode),
  // Reports (issue 8): stock ageing pages through lots oldest first.
  index('lots_received').on(t.firstReceivedAt),
]);

export const suppliers = sqliteTable('suppliers', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  leadTimeDays: integer('lead_time_days').notNull().default(3),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
});

export const customers = sqliteTable('customers', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** supermarket, convenience, restaurant, wholesaler */
  channel: text('channel').notNull(),
  customerClass: text('customer_class', { enum: ['key', 'ordinary'] }).notNull().default('ordinary'),
  region: text('region').notNull().default(''),
  contact: text('contact').notNull().default(''),
  phone: text('phone').notNull().default(''),
  creditLimitFen: integer('credit_limit_fen').notNull().default(0),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  /** Minimum remaining shelf life accepted, in per-mille of shelf life (667 = two thirds). */
  minShelfLifePermille: integer('min_shelf_life_permille').notNull().default(0),
  salesperson: text('salesperson').notNull().default(''),
  /** The price list this customer buys from; null: the standard list. */
  priceListId: text('price_list_id'),
  address: text('address').notNull().default(''),
  /** Further contacts as JSON [{name, role, phone}]; the main one is contact/phone. */
  contacts: text('contacts', { mode: 'json' }).notNull().default(sql`'[]'`),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  hlc: text('hlc').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['clerk', 'sales', 'accountant', 'manager', 'admin'] }).notNull(),
  /** scrypt$N$r$p$salt$hash of the password or PIN, or null until one is set (such a user cannot sign in). */
  passwordHash: text('password_hash'),
  /** What the user types to sign in: a password, or a PIN (digits, quick on the shared warehouse PC). */
  credentialKind: text('credential_kind', { enum: ['password', 'pin'] }).notNull().default('password'),
  /** Consecutive wrong passwords or PINs; reset by a right one (core/signIn.ts decides the lock-out). */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: integer('locked_until'),
  /** 'head_office' when head office manages the user (pushed down by sync); 'branch' for a user made on this PC. */
  origin: text('origin', { enum: ['branch', 'head_office'] }).notNull().default('branch'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at'),
  hlc: text('hlc').notNull(),
});
