import type { CountLineRow, CountScanMap, ProductDetail, ProductUnit } from '../../../src-main/contract';
import { lineKey, type KnownLine, type MappedLines } from './pendingScans';

/** What the counting screen shows of a product: a product's detail has this and more. */
export type ScanProduct = Pick<ProductDetail, 'id' | 'sku' | 'nameZh' | 'nameEn' | 'lotTracked' | 'units'>;

export interface ScanHit {
  product: ScanProduct;
  unit: ProductUnit;
}

/** The count's barcode map (counts.scanMap) as the screen looks scans up in it. */
export interface ScanMap {
  barcodes: ReadonlyMap<string, ScanHit>;
  products: ReadonlyMap<string, ScanProduct>;
  /** The count's lines when the map was read, by lineKey. */
  lines: MappedLines;
}

/** A line the screen has no answer for yet, drawn from what the map says of it. */
export function mapLine(product: ScanProduct, lot: { lotId?: string; lotCode: string; expiryDate: string | null }, expected: boolean, countedQty: number | null): CountLineRow {
  const base = product.units.find((u) => u.factor === 1) ?? product.units[product.units.length - 1];
  return {
    productId: product.id,
    sku: product.sku,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    baseUnitCode: base?.code ?? '',
    units: product.units.map(({ code, nameZh, nameEn, factor }) => ({ code, nameZh, nameEn, factor })),
    lotId: lot.lotId ?? '',
    lotCode: lot.lotCode,
    expiryDate: lot.expiryDate,
    location: null,
    expected,
    round: 1,
    countedQty,
    lastCountedAt: null,
    counters: [],
    reasonCode: null,
    approved: false,
    bookQty: null,
    movedSinceSnapshot: null,
    expectedQty: null,
    varianceQty: null,
    varianceValueFen: null,
    needsRecount: false,
    needsApproval: false,
    needsReason: false,
    ready: true,
  };
}

/** Unpacks the map's arrays into lookups: a barcode to its product and unit, each line as known. */
export function readScanMap(map: CountScanMap): ScanMap {
  const barcodes = new Map<string, ScanHit>();
  const products = new Map<string, ScanProduct>();
  const byIndex: ScanProduct[] = [];
  for (const [id, sku, nameZh, nameEn, lotTracked, units] of map.products) {
    const product: ScanProduct = {
      id,
      sku,
      nameZh,
      nameEn,
      lotTracked: lotTracked === 1,
      units: units.map(([n, factor, barcode]) => {
        const [code, unitZh, unitEn] = map.unitNames[n] ?? ['', '', ''];
        return { code, nameZh: unitZh, nameEn: unitEn, factor, barcode };
      }),
    };
    byIndex.push(product);
    products.set(id, product);
    for (const unit of product.units) if (unit.barcode !== null && !barcodes.has(unit.barcode)) barcodes.set(unit.barcode, { product, unit });
  }
  // 20,000 lines: each is drawn as a full line only when it is scanned.
  const compact = new Map<string, CountScanMap['lines'][number]>();
  for (const l of map.lines) {
    const product = byIndex[l[0]];
    if (product) compact.set(lineKey(product.id, l[1]), l);
  }
  const drawn = new Map<string, KnownLine>();
  const lines: MappedLines = {
    get(key) {
      const done = drawn.get(key);
      if (done) return done;
      const l = compact.get(key);
      const product = l && byIndex[l[0]];
      if (!l || !product) return undefined;
      const known: KnownLine = { line: mapLine(product, { lotCode: l[1], expiryDate: l[2] }, l[3] === 1, l[4]), seq: 0, exists: true };
      drawn.set(key, known);
      return known;
    },
  };
  return { barcodes, products, lines };
}

/** A line the count does not hold yet: the first scan adds it as found goods. */
export function foundLine(product: ScanProduct, lot: { lotId?: string; lotCode: string; expiryDate: string | null }): KnownLine {
  return { line: mapLine(product, lot, false, null), seq: 0, exists: false };
}
