/**
 * Deterministic demo master data for Branch Ledger: a Guangzhou FMCG distributor's categories,
 * products (with packaging units and barcodes), suppliers and customers. Pure data, no database:
 * the loader inserts it through the ledger API.
 *
 * - `buildDemoCatalogue(seed)`: the realistic base catalogue (236 products). The product list is
 *   the same for every seed; the seed varies costs (±3 %), which few products are inactive, and
 *   the contacts, phone numbers and credit limits of suppliers and customers.
 * - `buildLargeCatalogue(seed, n)`: exactly n products for benchmarks: the base catalogue first
 *   (identical to `buildDemoCatalogue(seed)`'s), then brand × line × variant × size combinations.
 *
 * Barcodes are synthetic but valid: EAN-13 for the base unit with a GS1 China prefix (69x) and a
 * made-up company number per brand; ITF-14 (GTIN-14) for packs, indicator 2 for the inner pack
 * (提/盒) and 1 for the case (箱). Unique across a catalogue by construction.
 */
import { pinyin } from 'pinyin-pro';
import { ean13CheckDigit, gtin14ForCase } from '../../src-main/core/ean13';
import type { PackUnit } from '../../src-main/core/units';
import {
  BASE_LINES,
  BASE_UNITS,
  BRANDS,
  CASE_UNIT,
  CATEGORIES,
  CUSTOMERS,
  EDITIONS,
  FAMILIES,
  GIVEN_NAMES,
  INNER_UNITS,
  MOBILE_PREFIXES,
  SUPPLIERS,
  SURNAMES,
  type BaseUnitKey,
  type CategoryDef,
  type CustomerDef,
  type FamilyDef,
  type FamilyLine,
  type Spec,
  type Text,
} from './catalogueData';
import { createRandom, type DemoRandom } from './random';

export { createRandom } from './random';
export type { DemoRandom } from './random';

export interface DemoUnit extends PackUnit {
  barcode: string | null;
}

export interface DemoProduct {
  sku: string;
  nameZh: string;
  nameEn: string;
  pinyinInitials: string;
  categoryCode: string;
  brand: string;
  baseUnitCode: string;
  units: DemoUnit[];
  shelfLifeDays: number | null;
  lotTracked: boolean;
  taxRateBp: number;
  /** Typical purchase cost per base unit, in fen. */
  costFen: number;
  /** List (selling) price per base unit, in fen. */
  priceFen: number;
  active: boolean;
}

export interface DemoCategory {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface DemoSupplier {
  code: string;
  name: string;
  contact: string;
  phone: string;
  leadTimeDays: number;
  categoryCodes: string[];
}

export interface DemoCustomer {
  code: string;
  name: string;
  channel: 'supermarket' | 'convenience' | 'restaurant' | 'wholesaler';
  customerClass: 'key' | 'ordinary';
  region: string;
  contact: string;
  phone: string;
  creditLimitFen: number;
  paymentTermsDays: number;
  minShelfLifePermille: number;
}

export interface DemoCatalogue {
  categories: DemoCategory[];
  products: DemoProduct[];
  suppliers: DemoSupplier[];
  customers: DemoCustomer[];
}

/** Code of every product's base unit (瓶, 罐, 袋… each has factor 1). */
export const BASE_UNIT_CODE = 'EA';

export function buildDemoCatalogue(seed: number): DemoCatalogue {
  const { products } = buildBaseProducts(seed);
  return assemble(seed, products);
}

export function buildLargeCatalogue(seed: number, productCount: number): DemoCatalogue {
  if (!Number.isSafeInteger(productCount) || productCount < 0) {
    throw new RangeError(`productCount must be a non-negative integer, got ${productCount}`);
  }
  const { products, factory } = buildBaseProducts(seed);
  if (productCount <= products.length) return assemble(seed, products.slice(0, productCount));
  generateProducts(seed, factory, products, productCount);
  return assemble(seed, products);
}

/** The code of the supplier that distributes a brand (each brand has exactly one). */
export function demoSupplierCodeForBrand(brand: string): string | undefined {
  return supplierCodeByBrand.get(brand);
}

// ---------------------------------------------------------------------------------------------
// Lookups built once from the static data.

const categoryByCode = new Map<string, { def: CategoryDef; index: number }>(
  CATEGORIES.map((def, index) => [def.code, { def, index }]),
);
const brandByZh = new Map<string, { en: string; index: number }>(BRANDS.map(([zh, en], index) => [zh, { en, index }]));
const supplierCodeByBrand = new Map<string, string>(SUPPLIERS.flatMap((s) => s.brands.map((b) => [b, s.code] as const)));

/** Categories each supplier covers: those of every product line of its brands. */
const supplierCategoryCodes: ReadonlyMap<string, string[]> = (() => {
  const sets = new Map<string, Set<string>>(SUPPLIERS.map((s) => [s.code, new Set<string>()]));
  const add = (brand: string, cat: string): void => {
    const code = supplierCodeByBrand.get(brand);
    if (code === undefined) throw new Error(`demo data: brand ${brand} has no supplier`);
    sets.get(code)?.add(cat);
  };
  for (const l of BASE_LINES) add(l.brand, l.cat);
  for (const f of FAMILIES) for (const b of f.brands) add(b, f.cat);
  const order = (code: string): number => categoryByCode.get(code)?.index ?? Number.MAX_SAFE_INTEGER;
  return new Map([...sets].map(([code, cats]) => [code, [...cats].sort((a, b) => order(a) - order(b))]));
})();

/** Independent random streams per purpose, so that e.g. customers do not depend on product count. */
function streamSeed(seed: number, stream: number): number {
  return Math.imul((Math.trunc(seed) >>> 0) ^ Math.imul(stream, 0x9e3779b1), 0x27d4eb2d) >>> 0;
}
const STREAM_BASE = 1;
const STREAM_PEOPLE = 2;
const STREAM_LARGE = 3;

// ---------------------------------------------------------------------------------------------
// Pinyin initials.

const initialsCache = new Map<string, string>();

/** 农夫山泉 → 'nfsq'; Latin letters are kept (AD钙奶 → 'adgn'), digits and signs dropped. */
function initialsOf(text: string): string {
  if (text === '') return '';
  let cached = initialsCache.get(text);
  if (cached === undefined) {
    cached = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    initialsCache.set(text, cached);
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Products.

interface ProductInput {
  cat: string;
  brand: string;
  line: Text;
  variant: Text;
  spec: Spec;
  unit: BaseUnitKey;
  packing: string;
  priceFen: number;
  shelf: number | null;
  lot: boolean;
  tax: number;
  edition: Text | null;
  /** Chance of the product being inactive (discontinued); 0 keeps it active. */
  inactiveRate: number;
}

/** Allocates SKUs and barcodes; one instance per catalogue so they stay unique. */
class ProductFactory {
  private readonly skuSeq = new Map<string, number>();
  private readonly brandCompany = new Map<string, number>();
  private readonly brandItemRef = new Map<string, number>();
  private nextOverflowCompany = 90000;
  /** Names in use, so generated products never repeat one. */
  readonly names = new Set<string>();

  make(input: ProductInput, rng: DemoRandom): DemoProduct {
    const category = categoryByCode.get(input.cat);
    if (!category) throw new Error(`demo data: unknown category ${input.cat}`);
    const brandEn = brandByZh.get(input.brand)?.en;
    if (brandEn === undefined) throw new Error(`demo data: unknown brand ${input.brand}`);

    const { nameZh, nameEn, pinyinInitials } = composeNames(input, brandEn);

    const priceFen = input.priceFen;
    const ratio = category.def.costRatio * (0.97 + rng.next() * 0.06);
    const costFen = Math.min(priceFen - 1, Math.max(1, Math.round(priceFen * ratio)));
    const inactive = rng.next() < input.inactiveRate;

    const ean = this.nextEan(input.brand);
    this.names.add(nameZh);
    return {
      sku: this.nextSku(input.cat, category.index),
      nameZh,
      nameEn,
      pinyinInitials,
      categoryCode: input.cat,
      brand: input.brand,
      baseUnitCode: BASE_UNIT_CODE,
      units: buildUnits(input.unit, input.packing, ean),
      shelfLifeDays: input.shelf,
      lotTracked: input.lot,
      taxRateBp: input.tax,
      costFen,
      priceFen,
      active: !inactive,
    };
  }

  /** Category number (10…) + a 5-digit running number: 1000001, 1000002, … */
  private nextSku(cat: string, categoryIndex: number): string {
    const seq = (this.skuSeq.get(cat) ?? 0) + 1;
    this.skuSeq.set(cat, seq);
    return `${10 + categoryIndex}${String(seq).padStart(5, '0')}`;
  }

  /** '69' + 5-digit company number + 5-digit item reference + check digit. */
  private nextEan(brand: string): string {
    const index = brandByZh.get(brand)?.index ?? 0;
    let company = this.brandCompany.get(brand) ?? 20000 + ((index * 7919) % 70000);
    let ref = this.brandItemRef.get(brand) ?? 1000 + ((index * 4099) % 40000);
    ref += 1;
    if (ref > 99999) {
      // The brand's company number is full: continue under a fresh one (690000–699999 range).
      company = this.nextOverflowCompany++;
      if (company > 99999) throw new RangeError('demo data: out of synthetic barcode company numbers');
      ref = 1;
    }
    this.brandCompany.set(brand, company);
    this.brandItemRef.set(brand, ref);
    const body = `69${company}${String(ref).padStart(5, '0')}`;
    return `${body}${ean13CheckDigit(body)}`;
  }
}

/**
 * Brand + line (the variant fills '{v}' or follows the line) + size + edition:
 * 元气森林苏打气泡水 白桃味 480ml / Genki Forest Sparkling Water White Peach 480ml.
 */
function composeNames(input: ProductInput, brandEn: string): { nameZh: string; nameEn: string; pinyinInitials: string } {
  const [lineZh, lineEn] = input.line;
  const [variantZh, variantEn] = input.variant;
  const templated = lineZh.includes('{v}');
  const fullLineZh = templated ? lineZh.replace('{v}', variantZh) : lineZh;
  const fullLineEn = templated ? lineEn.replace('{v}', variantEn) : lineEn;
  const [specZh, specEn] = typeof input.spec === 'string' ? [input.spec, input.spec] : input.spec;
  return {
    nameZh: joinWords([input.brand + fullLineZh, templated ? '' : variantZh, specZh, input.edition?.[0] ?? '']),
    nameEn: joinWords([brandEn, fullLineEn, templated ? '' : variantEn, specEn, input.edition?.[1] ?? '']),
    pinyinInitials: initialsOf(input.brand) + initialsOf(fullLineZh) + (templated ? '' : initialsOf(variantZh)),
  };
}

function joinWords(words: readonly string[]): string {
  return words.filter((w) => w !== '').join(' ');
}

const packingPart = /^(PK|BX|CS)(\d+)$/;

/** 'PK6/CS24' → EA (factor 1, EAN-13), PK6 提 (6, GTIN-14 indicator 2), CS24 箱 (24, indicator 1). */
function buildUnits(unit: BaseUnitKey, packing: string, ean: string): DemoUnit[] {
  const [baseZh, baseEn] = BASE_UNITS[unit];
  const units: DemoUnit[] = [{ code: BASE_UNIT_CODE, nameZh: baseZh, nameEn: baseEn, factor: 1, barcode: ean }];
  for (const part of packing.split('/')) {
    const m = packingPart.exec(part);
    const kind = m?.[1];
    const factor = Number(m?.[2]);
    if (!kind || !Number.isInteger(factor) || factor < 2) throw new Error(`demo data: bad packing ${packing}`);
    const previous = units[units.length - 1];
    if (previous && (factor <= previous.factor || factor % previous.factor !== 0)) {
      throw new Error(`demo data: packing ${packing} does not nest`);
    }
    if (kind === 'CS') {
      units.push({ code: `CS${factor}`, nameZh: CASE_UNIT[0], nameEn: CASE_UNIT[1], factor, barcode: gtin14ForCase(ean, 1) });
    } else {
      const [zh, en] = INNER_UNITS[kind as 'PK' | 'BX'];
      if (zh === baseZh) throw new Error(`demo data: inner pack ${zh} clashes with base unit ${baseZh}`);
      units.push({ code: `${kind}${factor}`, nameZh: zh, nameEn: en, factor, barcode: gtin14ForCase(ean, 2) });
    }
  }
  return units;
}

const NO_VARIANT: Text = ['', ''];
const DEFAULT_TAX_BP = 1300;

function defaultLot(cat: string, shelf: number | null): boolean {
  return shelf !== null && (categoryByCode.get(cat)?.def.lotTracked ?? true);
}

function buildBaseProducts(seed: number): { products: DemoProduct[]; factory: ProductFactory } {
  const rng = createRandom(streamSeed(seed, STREAM_BASE));
  const factory = new ProductFactory();
  const products: DemoProduct[] = [];
  for (const l of BASE_LINES) {
    const variants = l.variants ?? [NO_VARIANT];
    let first = true;
    for (const variant of variants) {
      for (const [spec, unit, packing, priceFen] of l.packs) {
        products.push(
          factory.make(
            {
              cat: l.cat,
              brand: l.brand,
              line: l.name,
              variant,
              spec,
              unit,
              packing,
              priceFen,
              shelf: l.shelf,
              lot: l.lot ?? defaultLot(l.cat, l.shelf),
              tax: l.tax ?? DEFAULT_TAX_BP,
              edition: null,
              // A line's flagship (first variant, first size) is always active.
              inactiveRate: first ? 0 : 0.05,
            },
            rng,
          ),
        );
        first = false;
      }
    }
  }
  return { products, factory };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

interface FamilyCursor {
  family: FamilyDef;
  total: number;
  /** Coprime with total: j → j × stride mod total visits every combination once, well spread. */
  stride: number;
}

function lineParts(line: FamilyLine): { text: Text; mult: number; tax: number | undefined; unit: BaseUnitKey | undefined } {
  const opts = line.length === 3 ? line[2] : undefined;
  return { text: [line[0], line[1]], mult: opts?.mult ?? 1, tax: opts?.tax, unit: opts?.unit };
}

function editionFor(round: number): Text | null {
  if (round === 0) return null;
  const edition = EDITIONS[(round - 1) % EDITIONS.length] ?? EDITIONS[0] ?? NO_VARIANT;
  const cycle = Math.floor((round - 1) / EDITIONS.length);
  return cycle === 0 ? edition : [`${edition[0]}${cycle + 1}`, `${edition[1]} ${cycle + 1}`];
}

/** Appends brand × line × variant × size products, round-robin over families, until `count`. */
function generateProducts(seed: number, factory: ProductFactory, products: DemoProduct[], count: number): void {
  const rng = createRandom(streamSeed(seed, STREAM_LARGE));
  const cursors: FamilyCursor[] = FAMILIES.map((family) => {
    const total = family.brands.length * family.lines.length * family.variants.length * family.sizes.length;
    let stride = Math.max(1, Math.floor(total * 0.618));
    while (gcd(stride, total) !== 1) stride++;
    return { family, total, stride };
  });
  const longest = Math.max(...cursors.map((c) => c.total));

  for (let round = 0; ; round++) {
    const edition = editionFor(round);
    for (let j = 0; j < longest; j++) {
      for (const { family: f, total, stride } of cursors) {
        if (j >= total) continue;
        let k = (j * stride) % total;
        const size = f.sizes[k % f.sizes.length];
        k = Math.floor(k / f.sizes.length);
        const variant = f.variants[k % f.variants.length];
        k = Math.floor(k / f.variants.length);
        const line = f.lines[k % f.lines.length];
        k = Math.floor(k / f.lines.length);
        const brand = f.brands[k];
        if (!size || !variant || !line || brand === undefined) continue;

        const l = lineParts(line);
        const [spec, sizeUnit, packing, sizePrice, sizeShelf] = size;
        const shelf = sizeShelf ?? f.shelf;
        const priceFen = Math.max(20, Math.round((sizePrice * l.mult * (0.9 + rng.next() * 0.2)) / 10) * 10);
        const input: ProductInput = {
          cat: f.cat,
          brand,
          line: l.text,
          variant,
          spec,
          unit: l.unit ?? sizeUnit,
          packing,
          priceFen,
          shelf,
          lot: f.lot ?? defaultLot(f.cat, shelf),
          tax: l.tax ?? f.tax ?? DEFAULT_TAX_BP,
          edition,
          inactiveRate: 0.03,
        };
        if (factory.names.has(composeNames(input, '').nameZh)) continue;
        products.push(factory.make(input, rng));
        if (products.length >= count) return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Categories, suppliers, customers.

function assemble(seed: number, products: DemoProduct[]): DemoCatalogue {
  const people = createPeople(createRandom(streamSeed(seed, STREAM_PEOPLE)));
  return {
    categories: CATEGORIES.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
    products,
    suppliers: SUPPLIERS.map((s) => ({
      code: s.code,
      name: s.name,
      contact: people.name(),
      phone: people.phone(),
      leadTimeDays: s.leadTimeDays,
      categoryCodes: [...(supplierCategoryCodes.get(s.code) ?? [])],
    })),
    customers: CUSTOMERS.map((def, i) => buildCustomer(def, i, people)),
  };
}

interface People {
  rng: DemoRandom;
  name(): string;
  phone(): string;
}

function createPeople(rng: DemoRandom): People {
  const names = new Set<string>();
  const phones = new Set<string>();
  return {
    rng,
    name() {
      for (;;) {
        const n = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
        if (!names.has(n)) {
          names.add(n);
          return n;
        }
      }
    },
    phone() {
      for (;;) {
        const p = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
        if (!phones.has(p)) {
          phones.add(p);
          return p;
        }
      }
    },
  };
}

const YUAN = 100;

function buildCustomer(def: CustomerDef, index: number, people: People): DemoCustomer {
  const { rng } = people;
  let creditYuan: number;
  let terms: number;
  switch (def.channel) {
    case 'supermarket':
      creditYuan = def.key ? rng.int(4, 10) * 50_000 : rng.int(5, 10) * 10_000;
      terms = def.key ? 60 : 30;
      break;
    case 'convenience':
      creditYuan = def.key ? rng.int(8, 15) * 10_000 : rng.int(2, 6) * 5_000;
      terms = def.key ? 30 : rng.pick([15, 30]);
      break;
    case 'restaurant':
      creditYuan = def.key ? rng.int(3, 6) * 10_000 : rng.int(1, 4) * 5_000;
      terms = def.key ? 30 : rng.pick([7, 15]);
      break;
    case 'wholesaler':
      creditYuan = def.key ? rng.int(3, 6) * 100_000 : rng.int(5, 10) * 10_000;
      terms = def.key ? 15 : rng.pick([0, 7]);
      break;
  }
  return {
    code: `C${String(index + 1).padStart(3, '0')}`,
    name: def.name,
    channel: def.channel,
    customerClass: def.key ? 'key' : 'ordinary',
    region: def.region,
    contact: people.name(),
    phone: people.phone(),
    creditLimitFen: creditYuan * YUAN,
    paymentTermsDays: terms,
    // Key supermarkets accept only goods with two thirds of their shelf life left; wholesalers anything.
    minShelfLifePermille: def.channel === 'wholesaler' ? 0 : def.channel === 'supermarket' && def.key ? 667 : 500,
  };
}
