import { describe, expect, it } from 'vitest';
import {
  buildDemoCatalogue,
  buildLargeCatalogue,
  createRandom,
  demoSupplierCodeForBrand,
  type DemoCatalogue,
  type DemoProduct,
} from '../../db/demo/catalogue';
import { isValidEan13, isValidGtin14 } from '../../src-main/core/ean13';
import { parseQuantity } from '../../src-main/core/units';

const demo = buildDemoCatalogue(1);
const large = buildLargeCatalogue(1, 20_000);

function allBarcodes(products: readonly DemoProduct[]): string[] {
  return products.flatMap((p) => p.units.map((u) => u.barcode)).filter((b): b is string => b !== null);
}

function byName(catalogue: DemoCatalogue, nameZh: string): DemoProduct {
  const product = catalogue.products.find((p) => p.nameZh === nameZh);
  if (!product) throw new Error(`no product ${nameZh}`);
  return product;
}

/** Every rule a product must satisfy; returns what is wrong (plain checks: 20,000 products × many rules). */
function productProblems(products: readonly DemoProduct[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, p: DemoProduct, what: string): void => {
    if (!ok) problems.push(`${p.sku} ${p.nameZh}: ${what}`);
  };
  for (const p of products) {
    const base = p.units.filter((u) => u.factor === 1);
    check(base.length === 1 && base[0]?.code === p.baseUnitCode, p, 'exactly one base unit, factor 1, code = baseUnitCode');
    const ean = base[0]?.barcode ?? '';
    // Base unit: EAN-13 with a GS1 China prefix 690–699.
    check(isValidEan13(ean) && ean.startsWith('69'), p, `base barcode ${ean} is not a valid 69x EAN-13`);

    const sorted = [...p.units].sort((a, b) => a.factor - b.factor);
    for (const [i, u] of sorted.entries()) {
      check(Number.isInteger(u.factor) && u.factor > 0, p, `${u.code} factor ${u.factor}`);
      const smaller = sorted[i - 1];
      if (!smaller) continue;
      // Packs nest (a case holds whole inner packs) and carry an ITF-14 of the item:
      // indicator 1 for the case, 2 for an inner pack.
      check(u.factor % smaller.factor === 0, p, `${u.code} does not hold whole ${smaller.code}`);
      const gtin = u.barcode ?? '';
      check(isValidGtin14(gtin) && gtin.slice(1, 13) === ean.slice(0, 12), p, `${u.code} barcode ${gtin}`);
      check(gtin[0] === (u.code.startsWith('CS') ? '1' : '2'), p, `${u.code} indicator ${gtin[0]}`);
    }
    // Codes and names are distinct within a product, so typed quantities resolve to one unit.
    check(new Set(p.units.map((u) => u.code)).size === p.units.length, p, 'unit codes repeat');
    check(new Set(p.units.map((u) => u.nameZh)).size === p.units.length, p, 'unit nameZh repeat');
    check(new Set(p.units.map((u) => u.nameEn)).size === p.units.length, p, 'unit nameEn repeat');

    check(/^[a-z]+$/.test(p.pinyinInitials), p, `pinyin initials '${p.pinyinInitials}'`);
    check(p.nameEn !== '' && !/[\u3400-\u9fff]/.test(p.nameEn), p, `English name '${p.nameEn}'`);
    check(Number.isInteger(p.costFen) && Number.isInteger(p.priceFen), p, 'money not in integer fen');
    check(p.costFen > 0 && p.costFen < p.priceFen, p, `cost ${p.costFen} vs price ${p.priceFen}`);
    check(p.taxRateBp === 900 || p.taxRateBp === 1300, p, `tax ${p.taxRateBp}`);
    check(p.shelfLifeDays === null || (Number.isInteger(p.shelfLifeDays) && p.shelfLifeDays > 0), p, 'shelf life');
    // FEFO needs an expiry: a lot-tracked product always has a shelf life.
    check(!p.lotTracked || p.shelfLifeDays !== null, p, 'lot-tracked without shelf life');
  }
  return problems;
}

describe('demo catalogue', () => {
  it('is a realistic-sized catalogue of products, suppliers and customers', () => {
    expect(demo.products.length).toBeGreaterThanOrEqual(150);
    expect(demo.products.length).toBeLessThanOrEqual(250);
    expect(demo.suppliers.length).toBeGreaterThanOrEqual(8);
    expect(demo.suppliers.length).toBeLessThanOrEqual(12);
    expect(demo.customers).toHaveLength(40);
    expect(demo.products.filter((p) => p.active).length).toBeGreaterThan(demo.products.length * 0.9);
  });

  it('has valid, nested units with valid EAN-13 / ITF-14 barcodes', () => {
    expect(productProblems(demo.products)).toEqual([]);
  });

  it('never repeats a barcode, SKU or name', () => {
    const barcodes = allBarcodes(demo.products);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(new Set(demo.products.map((p) => p.sku)).size).toBe(demo.products.length);
    expect(new Set(demo.products.map((p) => p.nameZh)).size).toBe(demo.products.length);
  });

  it('lets a clerk type quantities like 2箱3瓶 for every product', () => {
    for (const p of demo.products) {
      const units = [...p.units].sort((a, b) => b.factor - a.factor);
      const [largest] = units;
      const base = units[units.length - 1];
      if (!largest || !base) throw new Error('no units');
      const parsed = parseQuantity(`2${largest.nameZh}3${base.nameZh}`, p.units);
      expect(parsed, p.nameZh).toMatchObject({ ok: true, qty: 2 * largest.factor + 3 });
    }
  });

  it('carries well-known products with plausible prices, shelf lives and pinyin initials', () => {
    const water = byName(demo, '农夫山泉饮用天然水 550ml');
    expect(water).toMatchObject({ pinyinInitials: 'nfsqyytrs', brand: '农夫山泉', categoryCode: 'DRINK-WATER', active: true });
    expect(water.units.map((u) => [u.code, u.nameZh, u.factor])).toEqual([
      ['EA', '瓶', 1],
      ['CS24', '箱', 24],
    ]);
    expect(water.costFen).toBeGreaterThanOrEqual(75);
    expect(water.costFen).toBeLessThanOrEqual(90);
    expect(water.priceFen).toBe(150);

    const yogurt = byName(demo, '伊利畅轻酸奶 燕麦黄桃 250g');
    expect(yogurt).toMatchObject({ shelfLifeDays: 21, lotTracked: true });
    expect(byName(demo, '伊利纯牛奶 250ml')).toMatchObject({ shelfLifeDays: 180, taxRateBp: 900 });
    expect(byName(demo, '心相印茶语卷纸 3层 200g×10卷')).toMatchObject({ shelfLifeDays: null, lotTracked: false });
    const beer = byName(demo, '青岛啤酒经典10度 330ml');
    expect(beer.units.map((u) => u.code)).toEqual(['EA', 'PK6', 'CS24']);
    expect(byName(demo, '娃哈哈AD钙奶 220g').pinyinInitials).toBe('whhadgn');
  });

  it('references only categories that exist, and every category has a supplier', () => {
    const codes = new Set(demo.categories.map((c) => c.code));
    expect(codes.size).toBe(demo.categories.length);
    expect(large.products.filter((p) => !codes.has(p.categoryCode))).toEqual([]);
    for (const s of demo.suppliers) {
      expect(s.categoryCodes.length).toBeGreaterThan(0);
      for (const c of s.categoryCodes) expect(codes.has(c), `${s.code} ${c}`).toBe(true);
    }
    for (const c of codes) expect(demo.suppliers.some((s) => s.categoryCodes.includes(c)), c).toBe(true);
  });

  it('maps every brand to a supplier that covers the product category', () => {
    const suppliers = new Map(large.suppliers.map((s) => [s.code, s]));
    const uncovered = large.products.filter((p) => {
      const supplier = suppliers.get(demoSupplierCodeForBrand(p.brand) ?? '');
      return !supplier?.categoryCodes.includes(p.categoryCode);
    });
    expect(uncovered.map((p) => p.nameZh)).toEqual([]);
  });

  it('gives suppliers and customers well-formed, unique contact data', () => {
    const phones = [...demo.suppliers, ...demo.customers].map((x) => x.phone);
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(demo.customers.map((c) => c.code)).size).toBe(demo.customers.length);
    expect(new Set(demo.suppliers.map((s) => s.code)).size).toBe(demo.suppliers.length);
    for (const s of demo.suppliers) {
      expect(s.name).toMatch(/有限公司$/);
      expect(s.contact).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(s.leadTimeDays).toBeGreaterThanOrEqual(2);
      expect(s.leadTimeDays).toBeLessThanOrEqual(7);
    }
  });

  it('applies shelf-life and credit rules by channel and class', () => {
    const channels = new Set(demo.customers.map((c) => c.channel));
    expect(channels).toEqual(new Set(['supermarket', 'convenience', 'restaurant', 'wholesaler']));
    for (const c of demo.customers) {
      const expected = c.channel === 'wholesaler' ? 0 : c.channel === 'supermarket' && c.customerClass === 'key' ? 667 : 500;
      expect(c.minShelfLifePermille, c.name).toBe(expected);
      expect(c.region).toMatch(/区$/);
      expect(Number.isInteger(c.creditLimitFen) && c.creditLimitFen > 0).toBe(true);
    }
    for (const channel of channels) {
      const inChannel = demo.customers.filter((c) => c.channel === channel);
      const keyMin = Math.min(...inChannel.filter((c) => c.customerClass === 'key').map((c) => c.creditLimitFen));
      const ordinaryMax = Math.max(...inChannel.filter((c) => c.customerClass === 'ordinary').map((c) => c.creditLimitFen));
      expect(keyMin, channel).toBeGreaterThan(ordinaryMax);
    }
  });

  it('is deterministic by seed; other seeds vary details but not the product list', () => {
    expect(buildDemoCatalogue(1)).toEqual(demo);
    const other = buildDemoCatalogue(2);
    const identity = (c: DemoCatalogue) => c.products.map((p) => [p.sku, p.nameZh, p.units]);
    expect(identity(other)).toEqual(identity(demo));
    expect(other.products.map((p) => p.costFen)).not.toEqual(demo.products.map((p) => p.costFen));
    expect(other.customers.map((c) => c.phone)).not.toEqual(demo.customers.map((c) => c.phone));
  });
});

describe('large catalogue', () => {
  it('has exactly the requested number of products with unique SKUs, barcodes and names', () => {
    expect(large.products).toHaveLength(20_000);
    expect(new Set(large.products.map((p) => p.sku)).size).toBe(20_000);
    expect(new Set(large.products.map((p) => p.nameZh)).size).toBe(20_000);
    const barcodes = allBarcodes(large.products);
    expect(barcodes.length).toBeGreaterThan(40_000);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(productProblems(large.products)).toEqual([]);
  });

  it('starts with the demo catalogue and spreads over every category and many brands', () => {
    expect(large.products.slice(0, demo.products.length)).toEqual(demo.products);
    expect(new Set(large.products.map((p) => p.categoryCode)).size).toBe(demo.categories.length);
    expect(new Set(large.products.map((p) => p.brand)).size).toBeGreaterThan(80);
    expect(large.customers).toEqual(demo.customers);
  });

  it('is deterministic by seed and honours any count', () => {
    expect(buildLargeCatalogue(1, 20_000)).toEqual(large);
    expect(buildLargeCatalogue(1, 10).products).toEqual(demo.products.slice(0, 10));
    expect(buildLargeCatalogue(1, 0).products).toEqual([]);
    expect(buildLargeCatalogue(5, 1_000).products).toHaveLength(1_000);
    expect(() => buildLargeCatalogue(1, -1)).toThrow(RangeError);
  });

  it('keeps going past every brand × line × variant × size combination', () => {
    const huge = buildLargeCatalogue(3, 60_000);
    expect(huge.products).toHaveLength(60_000);
    expect(new Set(huge.products.map((p) => p.sku)).size).toBe(60_000);
    const barcodes = allBarcodes(huge.products);
    expect(new Set(barcodes).size).toBe(barcodes.length);
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = createRandom(99);
    const b = createRandom(99);
    const seqA = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
    const c = createRandom(100);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA.slice(0, 5));

    const r = createRandom(7);
    const ints = Array.from({ length: 2000 }, () => r.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    const picks = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'] as const)));
    expect(picks).toEqual(new Set(['a', 'b', 'c']));
  });
});
