import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText, xlsxAsShown } from '../helpers/exportReaders';
import { z } from 'zod';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { countCounterDrift } from '../helpers/countCounters';
import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { createTestLedger, inProcessClient, ledgerInvariantBroken, testNow, type TestLedger, signInAdmin } from '../helpers/testLedger';


/** 72 bottles of water in lot L1 at ¥1.00 and 20 packs of tissue at ¥5.00, a minute ago. */
async function stockUp(l: TestLedger): Promise<void> {
  const c = l.catalogue;
  await l.client['stock.receive']({
    warehouseId: c.warehouseId,
    lines: [
      { productId: c.water.id, unitCode: 'CS24', qty: 3, lotCode: 'L1', expiryDate: '2027-11-01', unitCostFen: 2400 },
      { productId: c.tissue.id, unitCode: 'EA', qty: 20, unitCostFen: 500 },
    ],
  });
  l.tick(60_000);
}

/** counts.scanMap's answer, checked field by field (its compact arrays have no names to go wrong by). */
const scanMapShape = z.strictObject({
  countId: z.string(),
  unitNames: z.array(z.tuple([z.string(), z.string(), z.string()])),
  products: z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.union([z.literal(0), z.literal(1)]), z.array(z.tuple([z.number().int().min(0), z.number().int().positive(), z.string().nullable()]))])),
  lines: z.array(z.tuple([z.number().int().min(0), z.string(), z.string().nullable(), z.union([z.literal(0), z.literal(1)]), z.number().nullable()])),
});

const tables = ['stock_counts', 'stock_count_lines', 'stock_count_entries', 'stock_documents', 'stock_movements', 'stock_balances', 'cost_layers', 'lots', 'audit_log', 'sync_outbox'];

describe('stock counts', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const onHand = async (productId: string) => (await api['stock.onHand']({ productId, groupBy: 'product' })).rows[0]?.qty ?? 0;

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    await stockUp(ledger);
  });
  afterEach(() => {
    // The progress a scan answers is kept, not counted each time: it must always agree with the lines.
    expect(countCounterDrift(ledger.app.db.$client)).toEqual({ counts: [], lines: [] });
    ledger.close();
  });

  const waterLine = async (countId: string) => (await api['counts.lines']({ id: countId, q: 'DRK-0001' })).rows[0];

  it('judges a line against its snapshot plus what moved before it was counted, so a sale during the count is not a loss', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: true });
    expect(count.docNo).toBe('BJ01-SC-2026-000001');
    expect(count.expectedLines).toBe(2);
    expect(count.summary).toBeNull();

    // Goods leave while the count runs, before anyone reaches the water.
    ledger.tick(1000);
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.water.id, unitCode: 'EA', qty: -10 }] });
    ledger.tick(1000);
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'CS24', qty: 2, counter: '张三' });
    const recorded = await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 4, counter: '李四' });
    expect(recorded.line.countedQty).toBe(52);
    expect(recorded.line.lotCode).toBe('L1');
    // Blind: the counter never sees the book.
    expect(recorded.line.bookQty).toBeNull();
    expect(recorded.line.varianceQty).toBeNull();
    expect(recorded.progress).toEqual({ expectedLines: 2, countedLines: 1, foundLines: 0 });

    // More goes out after the water was counted: still in the book, so the count stays right.
    ledger.tick(1000);
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.water.id, unitCode: 'EA', qty: -5 }] });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 20, counter: '张三' });

    const review = await api['counts.submit']({ id: count.id });
    expect(review.status).toBe('review');
    const water = await waterLine(count.id);
    expect(water).toMatchObject({ bookQty: 72, movedSinceSnapshot: -10, expectedQty: 62, countedQty: 52, varianceQty: -10, varianceValueFen: -1000 });
    expect(water?.counters.sort()).toEqual(['张三', '李四'].sort());
    // 10 of 62 is above the 5% recount threshold; it also has no reason yet.
    expect(water).toMatchObject({ needsRecount: true, needsReason: true, ready: false });
    expect(review.summary).toMatchObject({ varianceLines: 1, lossQty: -10, lossValueFen: -1000, needsRecount: 1, notReady: 1 });

    const before = snapshot();
    const notReady = await refusal(api['counts.post']({ id: count.id, uncounted: 'zero' }));
    expect(notReady.code).toBe('COUNT_NOT_READY');
    expect(snapshot()).toEqual(before);

    // Recount the water: a new round, whose entries alone count.
    const back = await api['counts.recount']({ id: count.id, lines: [{ productId: c.water.id, lotId: water?.lotId ?? '' }] });
    expect(back.status).toBe('counting');
    ledger.tick(1000);
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 55, counter: '王五' });
    await api['counts.submit']({ id: count.id });
    const recounted = await waterLine(count.id);
    // Counted after both write-offs: expected 72 − 10 − 5 = 57; 55 found.
    expect(recounted).toMatchObject({ round: 2, expectedQty: 57, countedQty: 55, varianceQty: -2, needsRecount: false, needsReason: true });

    await api['counts.setReason']({ id: count.id, reasonCode: 'theft_loss' });
    const posted = await api['counts.post']({ id: count.id, uncounted: 'zero' });
    expect(posted.status).toBe('posted');
    expect(posted.adjustment?.docNo).toBe('BJ01-ADJ-2026-000003');
    expect(await onHand(c.water.id)).toBe(55);
    expect(await onHand(c.tissue.id)).toBe(20);
    expect(ledgerInvariantBroken(ledger)).toEqual([]);

    const doc = await api['stock.document']({ id: posted.adjustment?.id ?? '' });
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0]).toMatchObject({ qty: -2, reasonCode: 'theft_loss' });
    // A posted count is frozen: its figures do not drift with later movements, and nothing more is recorded.
    expect(await waterLine(count.id)).toMatchObject({ expectedQty: 57, varianceQty: -2 });
    const closed = await refusal(api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 1, counter: '张三' }));
    expect(closed.code).toBe('COUNT_STATE');
  });

  it('writes each count command\'s sync ops in its transaction, so the branch\'s other PCs count on the same count', async () => {
    const c = ledger.catalogue;
    const opsSince = (seq: number) =>
      (ledger.app.db.$client.prepare("SELECT name FROM sync_outbox WHERE seq > ? AND name LIKE 'counts.%' ORDER BY seq").all(seq) as { name: string }[]).map((r) => r.name);
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 18, counter: '张三' });
    await api['counts.undo']({ countId: count.id, counter: '张三' });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 19, counter: '张三' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
    await api['counts.cancel']({ id: count.id, note: '重新盘点' });
    expect(opsSince(0)).toEqual(['counts.start', 'counts.entry', 'counts.entry', 'counts.entry', 'counts.status', 'counts.review', 'counts.status']);
  });

  it('a count open when this PC was upgraded to count sync stays on this PC: its scans, review and posting write no count ops', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
    // What migration 0005 does to the counts open at the upgrade.
    const migration = readFileSync(join(import.meta.dirname, '../../db/migrations/0005_count_sync.sql'), 'utf8').split('--> statement-breakpoint').at(-1) ?? '';
    ledger.app.db.$client.exec(migration);
    const seq = (ledger.app.db.$client.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number }).s;
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 19, counter: '张三' });
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 72, counter: '张三' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
    const posted = await api['counts.post']({ id: count.id, uncounted: 'zero' });
    expect(posted.status).toBe('posted');
    const names = (ledger.app.db.$client.prepare('SELECT name FROM sync_outbox WHERE seq > ? ORDER BY seq').all(seq) as { name: string }[]).map((r) => r.name);
    // The adjustment is an ordinary document and syncs as one.
    expect(names).toEqual(['stock.adjust']);
  });

  it('undoes the counter\'s last entry, refuses a total below zero, and takes case barcodes as 24', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'CS24', qty: 1, counter: '张三' });
    const second = await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 3, counter: '张三' });
    expect(second.line).toMatchObject({ countedQty: 27, bookQty: 72, varianceQty: -45 });
    const undone = await api['counts.undo']({ countId: count.id, counter: '张三' });
    expect(undone.line.countedQty).toBe(24);
    expect(undone.entry).toMatchObject({ undoes: true, qty: -3 });
    const entries = await api['counts.entries']({ countId: count.id });
    expect(entries.map((e) => [e.qty, e.undone, e.undoes])).toEqual([
      [-3, false, true],
      [3, true, false],
      [24, false, false],
    ]);
    const before = snapshot();
    const negative = await refusal(api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: -25, counter: '张三' }));
    expect(negative.code).toBe('COUNT_NEGATIVE');
    const nobody = await refusal(api['counts.undo']({ countId: count.id, counter: '赵六' }));
    expect(nobody.code).toBe('COUNT_NOTHING_TO_UNDO');
    expect(snapshot()).toEqual(before);
  });

  it('counts a scan in one call: the barcode\'s product and unit, one of that unit on its line; a lot-tracked product is only named, for its lot to be chosen', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: true });
    const unit = await api['counts.scan']({ countId: count.id, barcode: c.tissue.eaBarcode, counter: '张三' });
    expect(unit).toMatchObject({ product: { id: c.tissue.id, sku: 'HH-0001' }, unit: { code: 'EA', factor: 1 } });
    expect(unit.recorded?.line).toMatchObject({ productId: c.tissue.id, countedQty: 1, counters: ['张三'] });
    expect(unit.recorded?.entry).toMatchObject({ unitCode: 'EA', unitQty: 1, qty: 1, counter: '张三' });
    const kase = await api['counts.scan']({ countId: count.id, barcode: c.tissue.caseBarcode, counter: '李四' });
    expect(kase.unit.code).toBe('CS10');
    expect(kase.recorded?.line).toMatchObject({ countedQty: 11, counters: ['张三', '李四'] });
    expect(kase.recorded?.progress).toEqual({ expectedLines: 2, countedLines: 1, foundLines: 0 });

    const before = snapshot();
    const lotTracked = await api['counts.scan']({ countId: count.id, barcode: c.water.caseBarcode, counter: '张三' });
    expect(lotTracked).toMatchObject({ product: { id: c.water.id, lotTracked: true }, unit: { code: 'CS24' }, recorded: null });
    const unknown = await refusal(api['counts.scan']({ countId: count.id, barcode: '6900000000000', counter: '张三' }));
    expect(unknown.code).toBe('BARCODE_UNKNOWN');
    const noCounter = await refusal(api['counts.scan']({ countId: count.id, barcode: c.tissue.eaBarcode, counter: '' }));
    expect(noCounter.payload.fields?.[0]).toMatchObject({ path: 'counter', code: 'COUNTER_REQUIRED' });
    expect(snapshot()).toEqual(before);

    await api['counts.submit']({ id: count.id });
    const closed = await refusal(api['counts.scan']({ countId: count.id, barcode: c.tissue.eaBarcode, counter: '张三' }));
    expect(closed.code).toBe('COUNT_STATE');
  });

  it('gives the counting screen its barcode map: products in scope with units and barcodes, and the lines as counted; reads only, for counters only', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: true });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'CS10', qty: 1, counter: '张三' });
    const before = snapshot();
    const map = scanMapShape.parse(await api['counts.scanMap']({ countId: count.id }));
    expect(snapshot()).toEqual(before);
    expect(map.countId).toBe(count.id);
    // Read back as the screen does: unit names by index, lines by product index.
    const products = map.products.map(([id, sku, nameZh, nameEn, lotTracked, units]) => ({
      id,
      sku,
      nameZh,
      nameEn,
      lotTracked,
      units: units.map(([n, factor, barcode]) => [...(map.unitNames[n] ?? []), factor, barcode]),
    }));
    // A full count covers every active product, on the book or not; the retired one is left out.
    expect(products.map((p) => p.sku).sort()).toEqual(['DRK-0001', 'DRY-0001', 'HH-0001']);
    expect(products.find((p) => p.id === c.water.id)).toEqual({
      id: c.water.id,
      sku: 'DRK-0001',
      nameZh: '农夫山泉饮用天然水550ml',
      nameEn: 'Nongfu Spring Water 550ml',
      lotTracked: 1,
      units: [
        ['CS24', '箱', 'case', 24, c.water.caseBarcode],
        ['EA', '瓶', 'bottle', 1, c.water.eaBarcode],
      ],
    });
    expect(products.find((p) => p.id === c.tissue.id)?.units).toEqual([
      ['CS10', '箱', 'case', 10, c.tissue.caseBarcode],
      ['EA', '包', 'pack', 1, c.tissue.eaBarcode],
    ]);
    // Each unit name once ('箱' / case is shared).
    expect(new Set(map.unitNames.map((u) => u.join('|'))).size).toBe(map.unitNames.length);
    const lines = map.lines.map(([p, lotCode, expiry, expected, counted]) => [map.products[p]?.[1], lotCode, expiry, expected, counted]);
    expect(lines.sort()).toEqual([
      ['DRK-0001', 'L1', '2027-11-01', 1, null],
      ['HH-0001', '', null, 1, 10],
    ]);

    // Only who may count gets it; an unknown count is refused, and so is one that is no longer counting.
    const sales = roleClient(ledger, 'sales');
    expect((await refusal(sales['counts.scanMap']({ countId: count.id }))).code).toBe('FORBIDDEN');
    const unknown = await refusal(api['counts.scanMap']({ countId: '0190a000-0000-7000-8000-00000000ffff' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await refusal(api['counts.scanMap']({ countId: 'not-an-id' }))).code).toBe('VALIDATION');
    await api['counts.submit']({ id: count.id });
    expect((await refusal(api['counts.scanMap']({ countId: count.id }))).code).toBe('COUNT_STATE');
    await api['counts.cancel']({ id: count.id });

    // A partial count covers the products of its plan only.
    const partial = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', productIds: [c.tissue.id], blind: false });
    const partialMap = scanMapShape.parse(await api['counts.scanMap']({ countId: partial.id }));
    expect(partialMap.products.map((p) => p[0])).toEqual([c.tissue.id]);
    expect(partialMap.lines).toEqual([[0, '', null, 1, null]]);
  });

  it('keeps or zeroes lines nobody counted, as the poster chooses, and records found goods as new lines', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'CS24', qty: 3, counter: '张三' });
    // A lot the book never had: a found line with its own lot, book 0.
    const found = await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 6, lotCode: 'L9', expiryDate: '2027-12-01', counter: '张三' });
    expect(found.line).toMatchObject({ expected: false, lotCode: 'L9', bookQty: 0, countedQty: 6, varianceQty: 6 });
    expect(found.progress.foundLines).toBe(1);
    await api['counts.submit']({ id: count.id });

    const zero = await api['counts.lines']({ id: count.id, filter: 'variance', uncounted: 'zero' });
    expect(zero.rows.map((r) => [r.sku, r.lotCode, r.varianceQty])).toEqual([
      ['HH-0001', '', -20],
      ['DRK-0001', 'L9', 6],
    ]);
    const waterOnly = await api['counts.lines']({ id: count.id, productId: c.water.id, sort: 'product' });
    expect(waterOnly.rows.map((r) => r.lotCode)).toEqual(['L1', 'L9']);
    expect(waterOnly.summary).toBeNull();
    const keep = await api['counts.lines']({ id: count.id, filter: 'variance', uncounted: 'keep' });
    expect(keep.rows.map((r) => r.sku)).toEqual(['DRK-0001']);

    await api['counts.setReason']({ id: count.id, reasonCode: 'receiving_error', uncounted: 'keep' });
    // Goods the book never knew are a first-round variance above any share: recounted or approved.
    expect((await api['counts.approve']({ id: count.id, uncounted: 'keep' })).summary?.needsRecount).toBe(1);
    const posted = await api['counts.post']({ id: count.id, uncounted: 'keep' });
    expect(posted.status).toBe('posted');
    expect(await onHand(c.water.id)).toBe(78);
    expect(await onHand(c.tissue.id)).toBe(20);
    // The found lot was valued at the product's average cost (100 fen a bottle).
    const doc = await api['stock.document']({ id: posted.adjustment?.id ?? '' });
    expect(doc.totalValueFen).toBe(600);
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
  });

  it('needs a manager\'s approval above the value threshold and refuses overlapping or empty plans', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', productIds: [c.tissue.id], approvalValueFen: 1000, blind: false });
    expect(count.expectedLines).toBe(1);
    const overlap = await refusal(api['counts.start']({ warehouseId: c.warehouseId, scope: 'full' }));
    expect(overlap.code).toBe('COUNT_OVERLAPS');
    expect(overlap.payload.params?.docNo).toBe(count.docNo);
    const empty = await refusal(api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial' }));
    expect(empty.code).toBe('COUNT_SCOPE_EMPTY');

    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 17, counter: '张三' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
    const line = (await api['counts.lines']({ id: count.id })).rows[0];
    // 3 packs at ¥5.00 = ¥15.00 ≥ ¥10.00, and 15% of the book.
    expect(line).toMatchObject({ varianceValueFen: -1500, needsApproval: true, needsRecount: true, ready: false });
    expect((await refusal(api['counts.post']({ id: count.id, uncounted: 'zero' }))).code).toBe('COUNT_NOT_READY');
    const approved = await api['counts.approve']({ id: count.id });
    expect(approved.summary?.notReady).toBe(0);
    await api['counts.post']({ id: count.id, uncounted: 'zero' });
    expect(await onHand(c.tissue.id)).toBe(17);
    // The other products were not in this count.
    expect(await onHand(c.water.id)).toBe(72);
  });

  it('refuses bad input with a field error and writes nothing', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full' });
    const before = snapshot();
    const lotMissing = await refusal(api['counts.record']({ countId: count.id, productId: c.yogurt.id, unitCode: 'EA', qty: 1, counter: '张三' }));
    expect(lotMissing.code).toBe('LOT_REQUIRED');
    const expiryMissing = await refusal(api['counts.record']({ countId: count.id, productId: c.yogurt.id, unitCode: 'EA', qty: 1, lotCode: 'Y1', counter: '张三' }));
    expect(expiryMissing.code).toBe('EXPIRY_REQUIRED');
    const badUnit = await refusal(api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'PALLET', qty: 1, counter: '张三' }));
    expect(badUnit.code).toBe('UNIT_UNKNOWN');
    const noCounter = await refusal(api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'EA', qty: 1, counter: ' ' }));
    expect(noCounter.payload.fields?.[0]).toMatchObject({ path: 'counter', code: 'COUNTER_REQUIRED' });
    const early = await refusal(api['counts.post']({ id: count.id, uncounted: 'zero' }));
    expect(early.code).toBe('COUNT_STATE');
    const nothing = await refusal(api['counts.submit']({ id: count.id }));
    expect(nothing.code).toBe('COUNT_NOTHING_COUNTED');
    expect(snapshot()).toEqual(before);
  });

  it('prints the count sheet and the variance report, opened by LibreOffice and poppler', { timeout: 120_000 }, async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: true });
    await api['counts.record']({ countId: count.id, productId: c.water.id, unitCode: 'CS24', qty: 2, counter: '张三' });
    // While a blind count is counting, the sheet has no book column and the variance report is refused.
    const blind = await api['counts.export']({ id: count.id, kind: 'sheet', format: 'xlsx' });
    const file = (f: { fileId: string; fileName: string }) => join(ledger.app.exportsDir, f.fileId, f.fileName);
    const sheetRows = xlsxAsShown(ledger.dataDir, file(blind));
    expect(sheetRows[0]).toEqual(['货位', '商品编码', '商品名称', '批号', '到期日', '单位', '实盘', '盘点人']);
    expect(sheetRows.find((r) => r[1] === 'DRK-0001')).toEqual(['', 'DRK-0001', '农夫山泉饮用天然水550ml', 'L1', '2027-11-01', '瓶', '48', '张三']);
    expect((await refusal(api['counts.export']({ id: count.id, kind: 'variances', format: 'pdf' }))).code).toBe('COUNT_BLIND');

    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'theft_loss' });
    const report = await api['counts.export']({ id: count.id, kind: 'variances', format: 'pdf' });
    expect(report.fileName).toBe(`盘点差异表-${count.docNo}.pdf`);
    expect(report.rows).toBe(2);
    const text = pdfText(file(report)).join('\n');
    expect(text).toContain(`盘点差异表 ${count.docNo}`);
    expect(text).toContain('农夫山泉饮用天然水550ml');
    expect(text).toContain('丢失/被盗');
    // Water 72 → 48 at ¥1.00 and tissue 20 → 0 at ¥5.00: ¥124.00 lost.
    expect(text).toMatch(/-124\.00/);
    expect(text).toContain('复核人');
  });

  /** The reference posts each line of a count's adjustment as an adjustment of its own, in the posting's order. */
  async function postOneAtATime(reference: TestLedger, posting: readonly { product_id: string; qty: number; lot_id: string; lot_code: string; expiry_date: string | null }[]) {
    for (const p of posting) {
      const line =
        p.qty < 0
          ? { productId: p.product_id, unitCode: 'EA', qty: p.qty, lotId: p.lot_id }
          : { productId: p.product_id, unitCode: 'EA', qty: p.qty, lotCode: p.lot_code, ...(p.expiry_date ? { expiryDate: p.expiry_date } : {}) };
      await reference.client['stock.adjust']({ warehouseId: reference.catalogue.warehouseId, reasonCode: 'damage', lines: [line] });
    }
  }

  /** What posting left in a ledger: balances, FIFO layers and the adjustments' movements. */
  const outcome = (l: TestLedger) => ({
    balances: l.app.db.$client.prepare('SELECT product_id, lot_id, qty FROM stock_balances ORDER BY 1, 2').all(),
    layers: l.app.db.$client
      .prepare('SELECT product_id, lot_id, received_at, qty_in, value_in_fen, qty_remaining, value_remaining_fen FROM cost_layers ORDER BY product_id, received_at, id')
      .all(),
    adjustments: l.app.db.$client.prepare("SELECT product_id, lot_id, qty, value_fen FROM stock_movements WHERE document_type = 'adjustment' ORDER BY rowid").all(),
  });

  it('posts gains and losses across lots and FIFO layers exactly as the same adjustments posted one at a time would', async () => {
    const reference = await createTestLedger();
    try {
      // Both ledgers: water in three FIFO layers over two lots, tissue in two layers, yogurt in one.
      for (const l of [ledger, reference]) {
        if (l === reference) await stockUp(l);
        const c = l.catalogue;
        await l.client['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'L2', expiryDate: '2027-12-01', unitCostFen: 2640 }] });
        l.tick(60_000);
        await l.client['stock.receive']({
          warehouseId: c.warehouseId,
          lines: [
            { productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-11-01', unitCostFen: 2880 },
            { productId: c.tissue.id, unitCode: 'EA', qty: 10, unitCostFen: 600 },
            { productId: c.yogurt.id, unitCode: 'EA', qty: 12, lotCode: 'Y1', expiryDate: '2026-12-05', unitCostFen: 300 },
          ],
        });
        l.tick(60_000);
      }
      const c = ledger.catalogue;
      const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
      const record = (productId: string, qty: number, lot: { lotCode: string; expiryDate?: string } = { lotCode: '' }) =>
        api['counts.record']({ countId: count.id, productId, unitCode: 'EA', qty, ...(lot.lotCode ? lot : {}), counter: '张三' });
      await record(c.water.id, 70, { lotCode: 'L1' });
      await record(c.tissue.id, 5);
      await record(c.yogurt.id, 15, { lotCode: 'Y1' });
      await record(c.water.id, 5, { lotCode: 'L3', expiryDate: '2028-01-01' });
      await record(c.water.id, 2, { lotCode: 'L4', expiryDate: '2028-02-01' });
      await api['counts.submit']({ id: count.id });
      await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
      await api['counts.approve']({ id: count.id });
      // Nobody counted lot L2: posted as counted zero.
      const posted = await api['counts.post']({ id: count.id, uncounted: 'zero' });

      const sqlite = ledger.app.db.$client;
      const posting = sqlite
        .prepare(
          `SELECT l.product_id, l.qty, lot.id AS lot_id, lot.lot_code, lot.expiry_date, m.value_fen FROM stock_document_lines l
             JOIN lots lot ON lot.id = l.lot_id JOIN stock_movements m ON m.line_id = l.id
            WHERE l.document_id = ? ORDER BY l.line_no`,
        )
        .all(posted.adjustment?.id) as { product_id: string; qty: number; lot_id: string; lot_code: string; expiry_date: string | null; value_fen: number }[];
      // Losses leave at FIFO cost across the product's layers (water's L2 takes the rest of L1's first layer), then
      // gains come in at the average of what is left open, after the losses.
      expect(posting.map((p) => [p.lot_code, p.qty, p.value_fen]).sort()).toEqual(
        [
          ['L1', -26, -2600],
          ['L2', -48, -4820],
          ['', -25, -13000],
          ['Y1', 3, 900],
          ['L3', 5, 565],
          ['L4', 2, 226],
        ].sort(),
      );

      await postOneAtATime(reference, posting);
      expect(outcome(ledger)).toEqual(outcome(reference));
      expect(ledgerInvariantBroken(ledger)).toEqual([]);
    } finally {
      reference.close();
    }
  });

  /**
   * Stock for a count of many lines: 60 lots of water and 20 of yogurt, each received at its own
   * cost, and tissue in three FIFO layers, so losses from one product's lots share its layers
   * and the count's lines span several of posting's multi-row statements.
   */
  async function stockManyLots(l: TestLedger): Promise<void> {
    const c = l.catalogue;
    const lots = (productId: string, prefix: string, n: number, expiry: string, cost: (k: number) => number) =>
      Array.from({ length: n }, (_, k) => ({ productId, unitCode: 'EA', qty: 10 + (k % 7), lotCode: `${prefix}${String(k + 1).padStart(2, '0')}`, expiryDate: expiry, unitCostFen: cost(k) }));
    await l.client['stock.receive']({ warehouseId: c.warehouseId, lines: lots(c.water.id, 'W', 30, '2027-10-01', (k) => 97 + k) });
    l.tick(60_000);
    await l.client['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [...lots(c.yogurt.id, 'Y', 20, '2026-12-20', (k) => 301 + 3 * k), { productId: c.tissue.id, unitCode: 'EA', qty: 7, unitCostFen: 533 }],
    });
    l.tick(60_000);
    await l.client['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [...lots(c.water.id, 'X', 30, '2027-12-01', (k) => 131 - k), { productId: c.tissue.id, unitCode: 'EA', qty: 9, unitCostFen: 611 }],
    });
    l.tick(60_000);
  }

  /** Counts every line of a full count short by 1 to 3 (a few lots found over), and approves it. */
  async function countManyLots(): Promise<string> {
    const count = await api['counts.start']({ warehouseId: ledger.catalogue.warehouseId, scope: 'full', blind: false });
    const book = (await api['counts.lines']({ id: count.id, limit: 500 })).rows;
    expect(book.length).toBe(82);
    for (const [k, line] of book.entries()) {
      const counted = Math.max(0, (line.bookQty ?? 0) + (k % 9 === 4 && line.lotCode ? 2 : -1 - (k % 3)));
      await api['counts.record']({ countId: count.id, productId: line.productId, unitCode: 'EA', qty: counted, ...(line.lotCode ? { lotCode: line.lotCode } : {}), counter: '张三' });
    }
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
    await api['counts.approve']({ id: count.id });
    return count.id;
  }

  it('posts a count of many lines across products, lots and shared FIFO layers exactly as the same adjustments posted one at a time would', async () => {
    const reference = await createTestLedger();
    try {
      await stockUp(reference);
      for (const l of [ledger, reference]) await stockManyLots(l);
      const posted = await api['counts.post']({ id: await countManyLots(), uncounted: 'zero' });
      const posting = ledger.app.db.$client
        .prepare(
          `SELECT l.product_id, l.qty, l.lot_id, lot.lot_code, lot.expiry_date FROM stock_document_lines l JOIN lots lot ON lot.id = l.lot_id
            WHERE l.document_id = ? ORDER BY l.line_no`,
        )
        .all(posted.adjustment?.id) as { product_id: string; qty: number; lot_id: string; lot_code: string; expiry_date: string | null }[];
      expect(posting.length).toBe(82);
      expect(posting.filter((p) => p.qty < 0).length).toBeGreaterThan(70);

      await postOneAtATime(reference, posting);
      expect(outcome(ledger)).toEqual(outcome(reference));
      const doc = await api['stock.document']({ id: posted.adjustment?.id ?? '' });
      expect(doc.totalValueFen).toBe((outcome(reference).adjustments as { value_fen: number }[]).reduce((n, m) => n + m.value_fen, 0));
      expect(ledgerInvariantBroken(ledger)).toEqual([]);
    } finally {
      reference.close();
    }
  });

  it('takes a loss from more FIFO layers than posting reads ahead, oldest first, as one-at-a-time adjustments would', async () => {
    const reference = await createTestLedger();
    try {
      await stockUp(reference);
      // Tissue, besides what both ledgers hold already, in six more layers received a minute apart at rising costs.
      for (const l of [ledger, reference]) {
        for (let k = 0; k < 6; k++) {
          await l.client['stock.receive']({ warehouseId: l.catalogue.warehouseId, lines: [{ productId: l.catalogue.tissue.id, unitCode: 'EA', qty: 3, unitCostFen: 500 + 10 * k }] });
          l.tick(60_000);
        }
      }
      const c = ledger.catalogue;
      const layersBefore = ledger.app.db.$client
        .prepare('SELECT qty_remaining, value_remaining_fen FROM cost_layers WHERE product_id = ? AND qty_remaining > 0 ORDER BY received_at, id')
        .all(c.tissue.id) as { qty_remaining: number; value_remaining_fen: number }[];
      expect(layersBefore.length).toBe(7);
      const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', productIds: [c.tissue.id], blind: false });
      await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 1, counter: '张三' });
      await api['counts.submit']({ id: count.id });
      await api['counts.setReason']({ id: count.id, reasonCode: 'damage' });
      await api['counts.approve']({ id: count.id });
      const posted = await api['counts.post']({ id: count.id, uncounted: 'keep' });
      // Everything but one unit of the newest layer (¥5.50) left, at what each layer held.
      const held = layersBefore.reduce((n, l) => n + l.value_remaining_fen, 0);
      const doc = await api['stock.document']({ id: posted.adjustment?.id ?? '' });
      expect(doc.totalValueFen).toBe(-(held - 550));
      const posting = ledger.app.db.$client
        .prepare(
          `SELECT l.product_id, l.qty, l.lot_id, lot.lot_code, lot.expiry_date FROM stock_document_lines l JOIN lots lot ON lot.id = l.lot_id
            WHERE l.document_id = ? ORDER BY l.line_no`,
        )
        .all(posted.adjustment?.id) as { product_id: string; qty: number; lot_id: string; lot_code: string; expiry_date: string | null }[];
      await postOneAtATime(reference, posting);
      expect(outcome(ledger)).toEqual(outcome(reference));
      expect(ledgerInvariantBroken(ledger)).toEqual([]);
    } finally {
      reference.close();
    }
  });

  it('refuses a count of many lines whose last loss is larger than is now on hand, naming the product and writing nothing', async () => {
    await stockManyLots(ledger);
    const id = await countManyLots();
    const c = ledger.catalogue;
    // The tissue's loss posts after the water's and yogurt's 80 lots: sold since it was counted, it is now more than is left.
    ledger.tick(60_000);
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -36 }] });
    const before = snapshot();
    const short = await refusal(api['counts.post']({ id, uncounted: 'zero' }));
    expect(short.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { product: '心相印抽纸3层', available: 0 } });
    expect(snapshot()).toEqual(before);
    expect((await api['counts.get']({ id })).status).toBe('review');
  });

  it('refuses to post, naming the product and writing nothing, a loss larger than is now on hand or a product retired during the count', async () => {
    const c = ledger.catalogue;
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', productIds: [c.tissue.id], blind: false });
    await api['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 5, counter: '张三' });
    await api['counts.submit']({ id: count.id });
    await api['counts.setReason']({ id: count.id, reasonCode: 'theft_loss' });
    await api['counts.approve']({ id: count.id });
    // Sold after the shelf was counted: the count's loss of 15 is more than the 10 left.
    ledger.tick(60_000);
    await api['stock.adjust']({ warehouseId: c.warehouseId, reasonCode: 'damage', lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: -10 }] });
    const before = snapshot();
    const short = await refusal(api['counts.post']({ id: count.id, uncounted: 'zero' }));
    expect(short.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { product: '心相印抽纸3层', available: 10, requested: 15 } });
    expect(snapshot()).toEqual(before);

    ledger.app.db.$client.prepare('UPDATE products SET active = 0 WHERE id = ?').run(c.tissue.id);
    const retired = await refusal(api['counts.post']({ id: count.id, uncounted: 'zero' }));
    expect(retired.payload).toMatchObject({ code: 'PRODUCT_INACTIVE', params: { product: '心相印抽纸3层', sku: 'HH-0001' } });
    expect(snapshot()).toEqual(before);
    expect((await api['counts.get']({ id: count.id })).status).toBe('review');
  });

  it('keeps bin locations per warehouse, offers their zones, and counts a zone', async () => {
    const c = ledger.catalogue;
    const before = snapshot();
    const bad = await refusal(api['products.setLocation']({ productId: c.water.id, warehouseId: c.warehouseId, location: 'A 01' }));
    expect(bad.payload.fields?.[0]).toMatchObject({ path: 'location', code: 'LOCATION_INVALID' });
    expect(snapshot()).toEqual(before);
    const detail = await api['products.setLocation']({ productId: c.water.id, warehouseId: c.warehouseId, location: 'b-02-07' });
    expect(detail.locations.find((l) => l.warehouseId === c.warehouseId)?.location).toBe('B-02-07');
    await api['products.setLocation']({ productId: c.tissue.id, warehouseId: c.warehouseId, location: 'C-01-01' });
    expect(await api['counts.zones']({ warehouseId: c.warehouseId })).toEqual([
      { zone: 'B', products: 1 },
      { zone: 'C', products: 1 },
    ]);
    const count = await api['counts.start']({ warehouseId: c.warehouseId, scope: 'partial', zones: ['b'], blind: false });
    const lines = await api['counts.lines']({ id: count.id, sort: 'location' });
    expect(lines.rows.map((r) => [r.sku, r.location])).toEqual([['DRK-0001', 'B-02-07']]);
    // Cleared with an empty code.
    const cleared = await api['products.setLocation']({ productId: c.tissue.id, warehouseId: c.warehouseId, location: '' });
    expect(cleared.locations.find((l) => l.warehouseId === c.warehouseId)?.location).toBeNull();
  });
});

describe('a count on a PC whose clock was set back', () => {
  it('stamps the entries made after a restart later than the ones made before, so a posting can name the entries it held by the newest one', async () => {
    const ledger = await createTestLedger();
    let reopened: ReturnType<typeof openLedgerApp> | undefined;
    try {
      await stockUp(ledger);
      const c = ledger.catalogue;
      const count = await ledger.client['counts.start']({ warehouseId: c.warehouseId, scope: 'full', blind: false });
      const before = await ledger.client['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 5, counter: '张三' });
      ledger.app.close();
      reopened = signInAdmin(openLedgerApp({ dataDir: ledger.dataDir, host: 'node', autoSync: false, clock: () => testNow - 3_600_000 }));
      const after = await inProcessClient(reopened)['counts.record']({ countId: count.id, productId: c.tissue.id, unitCode: 'EA', qty: 5, counter: '张三' });
      const hlcOf = (id: string) => (reopened?.db.$client.prepare('SELECT hlc FROM stock_count_entries WHERE id = ?').get(id) as { hlc: string }).hlc;
      expect(hlcOf(after.entry.id) > hlcOf(before.entry.id)).toBe(true);
      expect(after.line.countedQty).toBe(10);
    } finally {
      reopened?.close();
      ledger.close();
    }
  });
});
