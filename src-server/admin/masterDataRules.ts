import { z } from 'zod';
import { isValidIsoDate } from '../../src-main/core/businessDate';
import type { HeadOfficeEntity } from '../sync/masterChange';

/**
 * What head office may write into each master-data entity: every field's type and range, the
 * fields a new row needs, which fields must be unique and which name another row. The branch PCs
 * store these rows in SQLite tables with NOT NULL columns, unique keys and foreign keys
 * (db/schema); a row they could not store would stop their pull, so it is refused here, at the
 * edge, with a 400 that names the field.
 */

export const customerChannels = ['supermarket', 'convenience', 'restaurant', 'wholesaler'] as const;
export const promotionKinds = ['free_goods', 'volume_discount'] as const;

/** 100 million yuan: far above any price or credit limit, far below 2^53 fen. */
const MAX_FEN = 10_000_000_000;

const code = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(32, 'at most 32 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash and underscore only');
const name = (max = 120) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const id = z.uuid('must be an id');
const fen = z.number().int('must be whole fen').min(0, 'must not be negative').max(MAX_FEN, 'is too large');
const wholeNumber = (min: number, max: number) => z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const isoDate = z.string().refine(isValidIsoDate, 'must be a date YYYY-MM-DD');
const unitCode = z.string().trim().min(1, 'must not be empty').max(16, 'at most 16 characters');

const contact = z.strictObject({ name: name(40), role: optionalText(40), phone: optionalText(40) });
/** Further contacts travel as JSON text (the PC's column is JSON text); stored re-serialised. */
const contactsJson = z.string().transform((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON text of [{name, role, phone}]' });
    return z.NEVER;
  }
  const list = z.array(contact).max(20, 'at most 20 contacts').safeParse(parsed);
  if (!list.success) {
    ctx.addIssue({ code: 'custom', message: `must be a list of {name, role, phone}: ${list.error.issues[0]?.message ?? ''}` });
    return z.NEVER;
  }
  return JSON.stringify(list.data);
});

export type FieldValues = Record<string, unknown>;

export interface FieldIssue {
  path: string;
  message: string;
}

export interface EntityRules {
  fields: Record<string, z.ZodType>;
  /** Fields a new row must have (non-null). */
  required: readonly string[];
  /** Field tuples no two rows may share (the PC's unique indexes). */
  unique: readonly (readonly string[])[];
  /** Fields holding the id of another master row. */
  refs: Readonly<Record<string, HeadOfficeEntity>>;
  /** A `unitCode` that must be one of the product's units. */
  unitOf?: { product: string; unit: string };
  /** Text fields the list's search looks in. */
  search: readonly string[];
  /** Rules across fields, checked on the row as it will be stored. */
  check?: (row: FieldValues) => FieldIssue[];
}

function promotionChecks(row: FieldValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { startsOn, endsOn, kind } = row;
  if (typeof startsOn === 'string' && typeof endsOn === 'string' && endsOn < startsOn) {
    issues.push({ path: 'fields.endsOn', message: 'must not be before startsOn' });
  }
  if (kind === 'free_goods') {
    if (typeof row.freeProductId !== 'string') issues.push({ path: 'fields.freeProductId', message: 'is required for free goods' });
    if (typeof row.freeQty !== 'number') issues.push({ path: 'fields.freeQty', message: 'is required for free goods' });
  }
  if (kind === 'volume_discount' && typeof row.discountBp !== 'number') {
    issues.push({ path: 'fields.discountBp', message: 'is required for a volume discount' });
  }
  return issues;
}

export const masterDataRules: Record<HeadOfficeEntity, EntityRules> = {
  category: {
    fields: { code, nameZh: name(60), nameEn: name(60) },
    required: ['code', 'nameZh', 'nameEn'],
    unique: [['code']],
    refs: {},
    search: ['code', 'nameZh', 'nameEn'],
  },
  product: {
    fields: {
      sku: code,
      nameZh: name(),
      nameEn: name(),
      pinyinInitials: optionalText(60),
      categoryId: id.nullable(),
      brand: optionalText(60),
      baseUnitCode: unitCode,
      shelfLifeDays: wholeNumber(1, 36_500).nullable(),
      lotTracked: z.boolean(),
      taxRateBp: wholeNumber(0, 10_000),
      priceFloorFen: fen.nullable(),
      active: z.boolean(),
    },
    required: ['sku', 'nameZh', 'nameEn', 'baseUnitCode'],
    unique: [['sku']],
    refs: { categoryId: 'category' },
    search: ['sku', 'nameZh', 'nameEn', 'pinyinInitials', 'brand'],
  },
  product_unit: {
    fields: { productId: id, code: unitCode, nameZh: name(20), nameEn: name(20), factor: wholeNumber(1, 100_000), barcode: optionalText(40).min(1).nullable() },
    required: ['productId', 'code', 'nameZh', 'nameEn', 'factor'],
    unique: [['productId', 'code'], ['barcode']],
    refs: { productId: 'product' },
    search: ['code', 'barcode'],
  },
  supplier: {
    fields: { code, name: name(), contact: optionalText(40), phone: optionalText(40), leadTimeDays: wholeNumber(0, 365), active: z.boolean() },
    required: ['code', 'name'],
    unique: [['code']],
    refs: {},
    search: ['code', 'name'],
  },
  supplier_product: {
    fields: {
      supplierId: id,
      productId: id,
      supplierItemCode: optionalText(40),
      purchaseUnitCode: unitCode,
      minOrderQty: wholeNumber(0, 10_000_000),
      leadTimeDays: wholeNumber(0, 365).nullable(),
      lastCostFen: fen.nullable(),
      preferred: z.boolean(),
      active: z.boolean(),
    },
    required: ['supplierId', 'productId', 'purchaseUnitCode'],
    unique: [['supplierId', 'productId']],
    refs: { supplierId: 'supplier', productId: 'product' },
    unitOf: { product: 'productId', unit: 'purchaseUnitCode' },
    search: ['supplierItemCode'],
  },
  /**
   * The branch directory the PCs check a transfer's destination against. Head office writes a
   * branch's row when it creates the branch (same id); here it may rename or close one (active
   * false). The code is the branch's own and is not changed here (updateMasterFields refuses it).
   */
  branch: {
    fields: { code: z.string().trim().regex(/^[A-Z0-9]{2,8}$/, 'must be 2–8 capital letters or digits'), name: name(60), active: z.boolean() },
    required: ['code', 'name'],
    unique: [['code']],
    refs: {},
    search: ['code', 'name'],
  },
  /** The return policy: days after delivery a customer class may return a category's goods (null: any class, any category). */
  return_window: {
    fields: {
      customerClass: z.enum(['key', 'ordinary'], 'must be key, ordinary or null').nullable(),
      categoryId: id.nullable(),
      windowDays: wholeNumber(0, 3650),
    },
    required: ['windowDays'],
    unique: [['customerClass', 'categoryId']],
    refs: { categoryId: 'category' },
    search: [],
  },
  customer: {
    fields: {
      code,
      name: name(),
      channel: z.enum(customerChannels, `must be one of ${customerChannels.join(', ')}`),
      customerClass: z.enum(['key', 'ordinary'], 'must be key or ordinary'),
      region: optionalText(40),
      contact: optionalText(40),
      phone: optionalText(40),
      creditLimitFen: fen,
      paymentTermsDays: wholeNumber(0, 365),
      minShelfLifePermille: wholeNumber(0, 1000),
      salesperson: optionalText(40),
      priceListId: id.nullable(),
      address: optionalText(200),
      contacts: contactsJson,
      active: z.boolean(),
    },
    required: ['code', 'name', 'channel'],
    unique: [['code']],
    refs: { priceListId: 'price_list' },
    search: ['code', 'name', 'region', 'salesperson', 'contact', 'phone'],
  },
  price_list: {
    fields: { code, nameZh: name(60), nameEn: name(60), active: z.boolean() },
    required: ['code', 'nameZh', 'nameEn'],
    unique: [['code']],
    refs: {},
    search: ['code', 'nameZh', 'nameEn'],
  },
  price_list_item: {
    fields: { priceListId: id, productId: id, unitCode, priceFen: fen },
    required: ['priceListId', 'productId', 'unitCode', 'priceFen'],
    unique: [['priceListId', 'productId', 'unitCode']],
    refs: { priceListId: 'price_list', productId: 'product' },
    unitOf: { product: 'productId', unit: 'unitCode' },
    search: [],
  },
  customer_price: {
    fields: { customerId: id, productId: id, unitCode, priceFen: fen },
    required: ['customerId', 'productId', 'unitCode', 'priceFen'],
    unique: [['customerId', 'productId', 'unitCode']],
    refs: { customerId: 'customer', productId: 'product' },
    unitOf: { product: 'productId', unit: 'unitCode' },
    search: [],
  },
  promotion: {
    fields: {
      code,
      nameZh: name(60),
      nameEn: name(60),
      kind: z.enum(promotionKinds, `must be one of ${promotionKinds.join(', ')}`),
      productId: id,
      minQty: wholeNumber(1, 1_000_000),
      freeProductId: id.nullable(),
      freeQty: wholeNumber(1, 1_000_000).nullable(),
      discountBp: wholeNumber(1, 9_999).nullable(),
      channel: z.enum(customerChannels, `must be one of ${customerChannels.join(', ')} or null`).nullable(),
      startsOn: isoDate,
      endsOn: isoDate,
      active: z.boolean(),
    },
    required: ['code', 'nameZh', 'nameEn', 'kind', 'productId', 'minQty', 'startsOn', 'endsOn'],
    unique: [['code']],
    refs: { productId: 'product', freeProductId: 'product' },
    search: ['code', 'nameZh', 'nameEn'],
    check: promotionChecks,
  },
};

/** Each given field's value parsed by its entity's schema; unknown fields and bad values are issues. */
export function parseMasterFields(entity: HeadOfficeEntity, fields: FieldValues): { values: FieldValues; issues: FieldIssue[] } {
  const rules = masterDataRules[entity].fields;
  const values: FieldValues = {};
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const schema = rules[field];
    if (!schema) {
      issues.push({ path: `fields.${field}`, message: `is not a field of ${entity}` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) values[field] = parsed.data;
    else issues.push({ path: `fields.${field}`, message: parsed.error.issues[0]?.message ?? 'is not valid' });
  }
  return { values, issues };
}

/** Rules on the whole row as it will be stored: required fields of a new row, cross-field rules. */
export function rowIssues(entity: HeadOfficeEntity, row: FieldValues, isNew: boolean): FieldIssue[] {
  const rules = masterDataRules[entity];
  const issues: FieldIssue[] = [];
  if (isNew) {
    for (const field of rules.required) {
      if (row[field] === undefined || row[field] === null) issues.push({ path: `fields.${field}`, message: `is required for a new ${entity}` });
    }
  }
  return [...issues, ...(rules.check?.(row) ?? [])];
}
