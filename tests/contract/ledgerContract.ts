import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { createTestLedger, TEST_ADMIN_PASSWORD, type TestLedger } from '../helpers/testLedger';
import { methodNames, methods } from '../../src-main/contract';

export interface HostConnection {
  client: LedgerClient;
  /** Raw call for inputs the typed client would not allow. */
  raw: (method: string, input: unknown) => Promise<unknown>;
  close(): Promise<void> | void;
}


const ledgerTables = ['stock_documents', 'stock_document_lines', 'stock_movements', 'stock_balances', 'cost_layers', 'lots', 'audit_log', 'sync_outbox', 'document_sequences'];

/**
 * The API's behaviour, the same through every host. Each host's test file calls this with a
 * way to connect a client to a fresh test ledger.
 */
export function describeLedgerContract(hostName: string, connect: (ledger: TestLedger) => Promise<HostConnection>): void {
  describe(`ledger API through the ${hostName}`, () => {
    let ledger: TestLedger;
    let host: HostConnection;
    let api: LedgerClient;
    const snapshot = (): Record<string, number> => Object.fromEntries(ledgerTables.map((t) => [t, ledger.count(t)]));

    beforeEach(async () => {
      ledger = await createTestLedger();
      host = await connect(ledger);
      api = host.client;
    });
    afterEach(async () => {
      await host.close();
      ledger.close();
    });

    const receiveWater = (cases: number, lotCode = 'L20261101', expiryDate = '2027-11-01', unitCostFen = 2400) =>
      api['stock.receive']({
        warehouseId: ledger.catalogue.warehouseId,
        supplierId: ledger.catalogue.supplierId,
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'CS24', qty: cases, lotCode, expiryDate, unitCostFen }],
      });

    const waterOnHand = async () =>
      (await api['stock.onHand']({ productId: ledger.catalogue.water.id, groupBy: 'product' })).rows[0]?.qty ?? 0;

    it('a receipt in cases raises stock on hand in bottles, values it at cost, and writes audit and outbox in the same commit', async () => {
      const before = snapshot();
      const doc = await receiveWater(3);
      expect(doc.docNo).toBe('BJ01-GR-2026-000001');
      expect(doc.totalQty).toBe(72);
      expect(doc.totalValueFen).toBe(7200);
      expect(await waterOnHand()).toBe(72);
      const page = await api['stock.onHand']({ warehouseId: ledger.catalogue.warehouseId });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0]).toMatchObject({ lotCode: 'L20261101', expiryDate: '2027-11-01', qty: 72, valueFen: 7200 });
      expect(page.totalValueFen).toBe(7200);
      const after = snapshot();
      expect((after.stock_movements ?? 0) - (before.stock_movements ?? 0)).toBe(1);
      expect((after.audit_log ?? 0) - (before.audit_log ?? 0)).toBe(1);
      expect((after.sync_outbox ?? 0) - (before.sync_outbox ?? 0)).toBe(1);
      const op = ledger.app.db.$client.prepare('SELECT seq, name, version, args FROM sync_outbox ORDER BY seq DESC LIMIT 1').get() as {
        seq: number;
        name: string;
        version: number;
        args: string;
      };
      expect(op).toMatchObject({ name: 'stock.receive', version: 1 });
      expect(JSON.parse(op.args).movements).toHaveLength(1);
    });

    it('without a head-office server, sync.status counts pending ops from the outbox and sync.now says sync is not configured', async () => {
      await receiveWater(1);
      const status = await api['sync.status']({});
      expect(status).toMatchObject({ configured: false, serverUrl: null, lastError: null, rejected: [], openExceptions: [] });
      expect(status.pending).toBe(ledger.count('sync_outbox'));
      const refused = await refusal(api['sync.now']({}));
      expect(refused.payload.code).toBe('SYNC_NOT_CONFIGURED');
      const invalid = await refusal(api['sync.enrol']({ serverUrl: 'file:///etc/passwd', code: 'ABCD-EFGH-JKLM', deviceName: 'PC' }));
      expect(invalid.payload).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'serverUrl', code: 'URL_INVALID' }] });
    });

    it('signed out, every method but the sign-in screen\'s own is refused with SESSION_REQUIRED and nothing is written; locked, with SESSION_LOCKED', async () => {
      const before = snapshot();
      await api['auth.signOut']({});
      const signedOut = methodNames.filter((m) => !('signedOut' in methods[m]));
      expect(signedOut.length).toBeGreaterThan(90);
      for (const method of signedOut) {
        expect(await host.raw(method, {}), method).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
      }
      expect(snapshot()).toEqual(before);
      expect(await api['auth.status']({})).toMatchObject({ branchSetUp: true, user: null, locked: false, permissions: [] });
      const wrong = await refusal(api['auth.signIn']({ username: 'admin', secret: 'not-the-password' }));
      expect(wrong.payload).toMatchObject({ code: 'SIGN_IN_FAILED', params: { attemptsLeft: 4 } });
      const status = await api['auth.signIn']({ username: 'admin', secret: TEST_ADMIN_PASSWORD });
      expect(status.user).toMatchObject({ username: 'admin', role: 'admin' });
      await api['auth.lock']({});
      for (const method of signedOut.filter((m) => !['auth.lock', 'auth.signOut', 'app.info', 'settings.get'].includes(m))) {
        expect(await host.raw(method, {}), method).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
      }
      expect(await api['auth.unlock']({ secret: TEST_ADMIN_PASSWORD })).toMatchObject({ locked: false, user: { username: 'admin' } });
      expect(await waterOnHand()).toBe(0);
    });

    it('document numbers run per type and a refused posting does not use one up', async () => {
      await receiveWater(1);
      await refusal(receiveWater(1, 'L20261101', '2027-12-31'));
      const second = await receiveWater(1);
      expect(second.docNo).toBe('BJ01-GR-2026-000002');
      const adj = await api['stock.adjust']({
        warehouseId: ledger.catalogue.warehouseId,
        reasonCode: 'damage',
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: -1 }],
      });
      expect(adj.docNo).toBe('BJ01-ADJ-2026-000001');
    });

    it('the outbox sequence rises by exactly one per change', async () => {
      const start = (ledger.app.db.$client.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number }).s;
      await receiveWater(1);
      await refusal(receiveWater(-1));
      await receiveWater(2, 'L2');
      const seqs = (ledger.app.db.$client.prepare('SELECT seq FROM sync_outbox WHERE seq > ? ORDER BY seq').all(start) as { seq: number }[]).map((r) => r.seq);
      expect(seqs).toEqual([start + 1, start + 2]);
    });

    it('bad input is refused with field errors and writes nothing', async () => {
      await receiveWater(1);
      const before = snapshot();
      const cases: [string, unknown, string, string][] = [
        ['zero quantity', { warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 0, unitCostFen: 1, lotCode: 'A', expiryDate: '2027-01-01' }] }, 'lines.0.qty', 'POSITIVE_REQUIRED'],
        ['fractional quantity', { warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 1.5, unitCostFen: 1, lotCode: 'A', expiryDate: '2027-01-01' }] }, 'lines.0.qty', 'INTEGER_REQUIRED'],
        ['float money', { warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 1, unitCostFen: 1.25, lotCode: 'A', expiryDate: '2027-01-01' }] }, 'lines.0.unitCostFen', 'INTEGER_REQUIRED'],
        ['impossible date', { warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 1, unitCostFen: 1, lotCode: 'A', expiryDate: '2027-02-30' }] }, 'lines.0.expiryDate', 'DATE_INVALID'],
        ['no lines', { warehouseId: ledger.catalogue.warehouseId, lines: [] }, 'lines', 'LINES_REQUIRED'],
        ['unknown field', { warehouseId: ledger.catalogue.warehouseId, lines: [], sneaky: 1 }, '', 'unrecognized_keys'],
        ['not an id', { warehouseId: 'x', lines: [] }, 'warehouseId', 'ID_INVALID'],
      ];
      for (const [label, input, path, code] of cases) {
        const error = (await host.raw('stock.receive', input)) as { ok: boolean; error: { code: string; fields: { path: string; code: string }[] } };
        expect(error.ok, label).toBe(false);
        expect(error.error.code, label).toBe('VALIDATION');
        expect(error.error.fields, label).toContainEqual(expect.objectContaining({ path, code }));
      }
      expect(snapshot()).toEqual(before);
    });

    it('a lot-tracked product without a lot, or with the wrong expiry for a known lot, is refused next to the field', async () => {
      await receiveWater(1);
      const before = snapshot();
      const noLot = await refusal(
        api['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 1, unitCostFen: 100 }] }),
      );
      expect(noLot.payload).toMatchObject({ code: 'LOT_REQUIRED', fields: [{ path: 'lines.0.lotCode' }] });
      const mismatch = await refusal(receiveWater(1, 'L20261101', '2028-01-01'));
      expect(mismatch.payload).toMatchObject({ code: 'LOT_EXPIRY_MISMATCH', fields: [{ path: 'lines.0.expiryDate' }] });
      const inactive = await refusal(
        api['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.retired.id, unitCode: 'EA', qty: 1, unitCostFen: 100, lotCode: 'X', expiryDate: '2027-01-01' }] }),
      );
      expect(inactive.code).toBe('PRODUCT_INACTIVE');
      const badUnit = await refusal(
        api['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.water.id, unitCode: 'PALLET', qty: 1, unitCostFen: 100, lotCode: 'X', expiryDate: '2027-01-01' }] }),
      );
      expect(badUnit.payload).toMatchObject({ code: 'UNIT_UNKNOWN', fields: [{ path: 'lines.0.unitCode' }] });
      const future = await refusal(
        api['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, businessDate: '2026-11-21', lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 1, unitCostFen: 100 }] }),
      );
      expect(future.payload).toMatchObject({ code: 'DATE_IN_FUTURE', fields: [{ path: 'businessDate' }] });
      expect(snapshot()).toEqual(before);
    });

    it('issuing more than is on hand is refused with STOCK_INSUFFICIENT and writes nothing', async () => {
      await receiveWater(1);
      const before = snapshot();
      const error = await refusal(
        api['stock.adjust']({
          warehouseId: ledger.catalogue.warehouseId,
          reasonCode: 'theft_loss',
          lines: [
            { productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 5, unitCostFen: 300 },
            { productId: ledger.catalogue.water.id, unitCode: 'CS24', qty: -2 },
          ],
        }),
      );
      expect(error.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { available: 24, requested: 48 }, fields: [{ path: 'lines.1.qty' }] });
      expect(snapshot()).toEqual(before);
      expect(await waterOnHand()).toBe(24);
    });

    it('issues take the lot that expires first and cost the oldest layer first', async () => {
      await receiveWater(1, 'LATE', '2027-12-01', 2400); // 100 fen a bottle
      ledger.tick(60_000);
      await receiveWater(1, 'EARLY', '2027-01-01', 4800); // 200 fen a bottle, received later
      const adj = await api['stock.adjust']({
        warehouseId: ledger.catalogue.warehouseId,
        reasonCode: 'damage',
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: -30 }],
      });
      // FIFO cost: 24 bottles from the first layer (2400) + 6 from the second (1200)
      expect(adj.totalValueFen).toBe(-3600);
      const lots = (await api['products.get']({ id: ledger.catalogue.water.id })).lots;
      expect(lots.map((l) => [l.lotCode, l.qty])).toEqual([
        ['LATE', 18],
      ]);
      const detail = await api['products.get']({ id: ledger.catalogue.water.id });
      expect(detail.valueFen).toBe(7200 - 3600);
    });

    it('an adjustment can name its lot, add found stock at average cost, and needs a reason', async () => {
      await receiveWater(1, 'A', '2027-06-01');
      await receiveWater(1, 'B', '2027-03-01');
      const lots = (await api['products.get']({ id: ledger.catalogue.water.id })).lots;
      const lotA = lots.find((l) => l.lotCode === 'A');
      await api['stock.adjust']({
        warehouseId: ledger.catalogue.warehouseId,
        reasonCode: 'expiry',
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: -4, lotId: lotA?.lotId }],
      });
      const found = await api['stock.adjust']({
        warehouseId: ledger.catalogue.warehouseId,
        reasonCode: 'found',
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 2, lotId: lotA?.lotId }],
      });
      expect(found.totalValueFen).toBe(200);
      const after = (await api['products.get']({ id: ledger.catalogue.water.id })).lots;
      expect(Object.fromEntries(after.map((l) => [l.lotCode, l.qty]))).toEqual({ A: 22, B: 24 });
      const noReason = (await host.raw('stock.adjust', {
        warehouseId: ledger.catalogue.warehouseId,
        lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: 1 }],
      })) as { error: { fields: { path: string; code: string }[] } };
      expect(noReason.error.fields).toContainEqual(expect.objectContaining({ path: 'reasonCode', code: 'REASON_REQUIRED' }));
      const noCost = await refusal(
        api['stock.adjust']({ warehouseId: ledger.catalogue.warehouseId, reasonCode: 'found', lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'EA', qty: 1 }] }),
      );
      expect(noCost.payload).toMatchObject({ code: 'UNIT_COST_REQUIRED', fields: [{ path: 'lines.0.unitCostFen' }] });
    });

    it('a posted receipt is reversed by a new document, once, and the original stays as it was', async () => {
      const receipt = await receiveWater(2);
      const reversal = await api['stock.reverse']({ documentId: receipt.id, note: '供应商送错货' });
      expect(reversal.docNo).toBe('BJ01-REV-2026-000001');
      expect(reversal.totalQty).toBe(-48);
      expect(reversal.totalValueFen).toBe(-4800);
      expect(await waterOnHand()).toBe(0);
      const original = await api['stock.document']({ id: receipt.id });
      expect(original).toMatchObject({ totalQty: 48, reversedByDocNo: reversal.docNo });
      const again = await refusal(api['stock.reverse']({ documentId: receipt.id }));
      expect(again.code).toBe('DOCUMENT_ALREADY_REVERSED');
      const ofReversal = await refusal(api['stock.reverse']({ documentId: reversal.id }));
      expect(ofReversal.code).toBe('DOCUMENT_NOT_REVERSIBLE');
    });

    it('a receipt whose goods already left cannot be reversed', async () => {
      const receipt = await receiveWater(1);
      await api['stock.adjust']({ warehouseId: ledger.catalogue.warehouseId, reasonCode: 'damage', lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: -1 }] });
      const before = snapshot();
      const error = await refusal(api['stock.reverse']({ documentId: receipt.id }));
      expect(error.payload).toMatchObject({ code: 'STOCK_INSUFFICIENT', params: { available: 23, requested: 24 } });
      expect(snapshot()).toEqual(before);
    });

    it('a scanned case barcode finds the product in its case unit; an unknown one is reported', async () => {
      const hit = await api['products.lookupBarcode']({ barcode: ledger.catalogue.water.caseBarcode });
      expect(hit.product.id).toBe(ledger.catalogue.water.id);
      expect(hit.unit).toMatchObject({ code: 'CS24', factor: 24 });
      const unknown = await refusal(api['products.lookupBarcode']({ barcode: '6900000000000' }));
      expect(unknown.code).toBe('BARCODE_UNKNOWN');
    });

    it('the catalogue is searchable by name, SKU, pinyin initials and barcode', async () => {
      const q = async (text: string) => (await api['products.list']({ q: text })).rows.map((r) => r.sku);
      expect(await q('农夫')).toEqual(['DRK-0001']);
      expect(await q('nfsq')).toEqual(['DRK-0001']);
      expect(await q('yogurt')).toEqual(['DRY-0001']);
      expect(await q('HH-0001')).toEqual(['HH-0001']);
      expect(await q(ledger.catalogue.water.eaBarcode)).toEqual(['DRK-0001']);
      expect(await q('%')).toEqual([]);
      const all = await api['products.list']({});
      expect(all.total).toBe(3);
      expect((await api['products.list']({ includeInactive: true })).total).toBe(4);
    });

    it('the movement history shows each document with the running balance', async () => {
      await receiveWater(1);
      ledger.tick(1000);
      await api['stock.adjust']({ warehouseId: ledger.catalogue.warehouseId, reasonCode: 'damage', lines: [{ productId: ledger.catalogue.water.id, unitCode: 'EA', qty: -5 }] });
      const history = await api['stock.movements']({ productId: ledger.catalogue.water.id });
      expect(history.total).toBe(2);
      expect(history.rows.map((r) => [r.documentType, r.qty, r.balanceAfter])).toEqual([
        ['adjustment', -5, 19],
        ['receipt', 24, 24],
      ]);
      expect(history.rows[0]?.docNo).toBe('BJ01-ADJ-2026-000001');
    });

    it('lots near expiry are listed with the days they have left', async () => {
      await receiveWater(1, 'SOON', '2026-12-05');
      await receiveWater(1, 'LATER', '2027-06-01');
      const soon = await api['stock.onHand']({ expiringWithinDays: 30 });
      expect(soon.rows.map((r) => [r.lotCode, r.daysToExpiry])).toEqual([['SOON', 15]]);
    });

    it('stock on hand pages through dated lots first (soonest expiry first), then undated stock, with totals on request', async () => {
      await receiveWater(1, 'LATE', '2027-06-01');
      await receiveWater(1, 'SOON', '2027-01-01');
      await api['stock.receive']({ warehouseId: ledger.catalogue.warehouseId, lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'CS10', qty: 2, unitCostFen: 3000 }] });
      const first = await api['stock.onHand']({ limit: 2 });
      expect(first.rows.map((r) => r.lotCode)).toEqual(['SOON', 'LATE']);
      expect(first).toMatchObject({ hasTotals: true, total: 3, totalQty: 68, totalValueFen: 4800 + 6000 });
      const next = await api['stock.onHand']({ limit: 2, offset: 2, withTotals: false });
      expect(next.rows.map((r) => [r.sku, r.lotCode, r.qty])).toEqual([['HH-0001', '', 20]]);
      expect(next).toMatchObject({ hasTotals: false, total: 0 });
      const beyond = await api['stock.onHand']({ limit: 2, offset: 5, withTotals: false });
      expect(beyond.rows).toEqual([]);
      const byProduct = await api['stock.onHand']({ groupBy: 'product' });
      expect(byProduct.rows.map((r) => [r.sku, r.qty, r.expiryDate, r.valueFen])).toEqual([
        ['DRK-0001', 48, '2027-01-01', 4800],
        ['HH-0001', 20, null, 6000],
      ]);
      const searched = await api['stock.onHand']({ q: 'SOON' });
      expect(searched.rows.map((r) => r.lotCode)).toEqual(['SOON']);
    });

    it('stock on hand exports to a file with its rows and totals; an unknown format is refused and nothing is written', async () => {
      await receiveWater(3);
      const exportsDir = ledger.app.exportsDir;
      const exportsMade = () => (existsSync(exportsDir) ? readdirSync(exportsDir) : []);
      const bad = (await host.raw('stock.exportOnHand', { format: 'docx' })) as { ok: boolean; error: { code: string; fields: { path: string; code: string }[] } };
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'format', code: 'EXPORT_FORMAT_INVALID' }] } });
      expect(exportsMade()).toEqual([]);

      const file = await api['stock.exportOnHand']({ format: 'csv', warehouseId: ledger.catalogue.warehouseId });
      expect(file).toMatchObject({ fileName: '库存-BJ01-2026-11-20.csv', rows: 1 });
      const lines = readFileSync(join(exportsDir, file.fileId, file.fileName), 'utf8').slice(1).split('\r\n');
      expect(lines.slice(0, 3)).toEqual([
        '商品编码,商品名称,仓库,批号,到期日,数量,单位,金额（元）',
        expect.stringMatching(/^DRK-0001,农夫山泉饮用天然水550ml,[^,]+,L20261101,2027-11-01,72,瓶,72\.00$/),
        '合计,,,,,72,,72.00',
      ]);
      expect(exportsMade()).toEqual([file.fileId]);

      await api['settings.update']({ locale: 'en' });
      for (const format of ['xlsx', 'pdf'] as const) {
        const made = await api['stock.exportOnHand']({ format, groupBy: 'product' });
        expect(made).toMatchObject({ fileName: `stock-on-hand-BJ01-2026-11-20.${format}`, rows: 1 });
        expect(made.bytes).toBeGreaterThan(1000);
      }
    });

    it('an unknown method is refused', async () => {
      const result = (await host.raw('stock.destroyEverything', {})) as { ok: boolean; error: { code: string } };
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    });

    it('settings are remembered in the ledger', async () => {
      expect(await api['settings.get']({})).toEqual({ locale: 'zh-CN', nearExpiryDays: 30, minReceiptShelfLifePermille: 333, lockMinutes: 10 });
      await api['settings.update']({ locale: 'en' });
      expect((await api['settings.get']({})).locale).toBe('en');
      const bad = await refusal(api['settings.update']({ nearExpiryDays: 0 }));
      expect(bad.payload.fields).toContainEqual(expect.objectContaining({ path: 'nearExpiryDays', code: 'POSITIVE_REQUIRED' }));
    });
  });
}
