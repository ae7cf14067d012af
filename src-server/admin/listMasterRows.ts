import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { masterRows } from '../db/schema';
import type { ServerDb } from '../openServerDb';
import type { HeadOfficeEntity } from '../sync/masterChange';
import { masterDataRules } from './masterDataRules';
import { containsPattern, masterField } from './masterField';

/** Filters by the row another one belongs to: a list's prices, a customer's prices, a product's units, a supplier's terms. */
type MasterListFilter = 'priceListId' | 'customerId' | 'productId' | 'supplierId';

export interface MasterListQuery {
  q?: string | undefined;
  limit: number;
  offset: number;
  filters: Partial<Record<MasterListFilter, string>>;
}

export interface MasterListRow {
  id: string;
  values: Record<string, unknown>;
  updatedAt: number;
}

/** What a referenced row is called, so a price reads "COLA-330 可乐" rather than an id. */
export interface MasterRef {
  entity: string;
  code: string | null;
  name: string | null;
}

export interface MasterListPage {
  entity: HeadOfficeEntity;
  rows: MasterListRow[];
  total: number;
  refs: Record<string, MasterRef>;
}

const product = alias(masterRows, 'product');
const customer = alias(masterRows, 'customer');

/** The list's order: codes where the entity has them, a price's product SKU (and customer code). */
function sortKeys(entity: HeadOfficeEntity): SQL[] {
  const own = (f: string) => masterField(masterRows.fields, f);
  switch (entity) {
    case 'product':
      return [own('sku')];
    case 'product_unit':
      return [own('productId'), sql`(${own('factor')})::numeric`];
    case 'price_list_item':
      return [own('priceListId'), masterField(product.fields, 'sku'), own('unitCode')];
    case 'customer_price':
      return [masterField(customer.fields, 'code'), masterField(product.fields, 'sku'), own('unitCode')];
    case 'supplier_product':
      return [own('supplierId'), masterField(product.fields, 'sku')];
    case 'return_window':
      return [own('customerClass'), own('categoryId')];
    default:
      return [own('code')];
  }
}

/**
 * One entity's rows for the head-office page: a text search over its code and name fields (for
 * prices, over the product's SKU and names and the customer's code and name), filters by owner
 * row, a page and the total. Rows that name others come with those others' codes and names.
 */
export async function listMasterRows(db: ServerDb, entity: HeadOfficeEntity, query: MasterListQuery): Promise<MasterListPage> {
  const rules = masterDataRules[entity];
  const hasProduct = 'productId' in rules.fields && entity !== 'product_unit';
  const hasCustomer = entity === 'customer_price';
  const filters: (SQL | undefined)[] = [eq(masterRows.entity, entity)];
  for (const [field, value] of Object.entries(query.filters)) {
    if (value !== undefined) filters.push(eq(masterField(masterRows.fields, field), value));
  }
  const q = query.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const searched = rules.search.map((f) => ilike(masterField(masterRows.fields, f), pattern));
    if (hasProduct) searched.push(...['sku', 'nameZh', 'nameEn', 'pinyinInitials'].map((f) => ilike(masterField(product.fields, f), pattern)));
    if (hasCustomer) searched.push(...['code', 'name'].map((f) => ilike(masterField(customer.fields, f), pattern)));
    filters.push(or(...searched));
  }
  const where = and(...filters);
  const productJoin = and(eq(product.entity, 'product'), sql`${product.id}::text = ${masterField(masterRows.fields, 'productId')}`);
  const customerJoin = and(eq(customer.entity, 'customer'), sql`${customer.id}::text = ${masterField(masterRows.fields, 'customerId')}`);

  const select = db.select({ id: masterRows.id, fields: masterRows.fields, updatedAt: masterRows.updatedAt }).from(masterRows).leftJoin(product, productJoin).leftJoin(customer, customerJoin);
  const found = await select
    .where(where)
    .orderBy(...sortKeys(entity).map((k) => asc(k)), asc(masterRows.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db.select({ n: count() }).from(masterRows).leftJoin(product, productJoin).leftJoin(customer, customerJoin).where(where);

  const rows = found.map((r) => ({ id: r.id, updatedAt: r.updatedAt, values: Object.fromEntries(Object.entries(r.fields).map(([f, v]) => [f, v.value])) }));
  return { entity, rows, total: Number(total?.n ?? 0), refs: await referencedRows(db, entity, rows) };
}

/** Codes and names of the rows these rows name (by their reference fields). */
async function referencedRows(db: ServerDb, entity: HeadOfficeEntity, rows: MasterListRow[]): Promise<Record<string, MasterRef>> {
  const refFields = Object.keys(masterDataRules[entity].refs);
  const ids = [...new Set(rows.flatMap((r) => refFields.map((f) => r.values[f]).filter((v): v is string => typeof v === 'string')))];
  if (ids.length === 0) return {};
  const found = await db
    .select({
      entity: masterRows.entity,
      id: masterRows.id,
      code: sql<string | null>`coalesce(${masterField(masterRows.fields, 'sku')}, ${masterField(masterRows.fields, 'code')})`,
      name: sql<string | null>`coalesce(${masterField(masterRows.fields, 'nameZh')}, ${masterField(masterRows.fields, 'name')}, ${masterField(masterRows.fields, 'nameEn')})`,
    })
    .from(masterRows)
    .where(inArray(masterRows.id, ids));
  return Object.fromEntries(found.map((r) => [r.id, { entity: r.entity, code: r.code, name: r.name }]));
}
