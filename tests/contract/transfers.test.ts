import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { roleClient } from '../helpers/roleClient';
import { createTestLedger, ledgerInvariantBroken, type TestLedger } from '../helpers/testLedger';

const tables = [
  'transfers',
  'transfer_lines',
  'transfer_receipts',
  'transfer_receipt_lines',
  'transfer_events',
  'stock_documents',
  'stock_document_lines',
  'stock_movements',
  'stock_balances',
  'cost_layers',
  'audit_log',
  'sync_outbox',
];

describe('stock transfers between warehouses and to other branches', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  const snapshot = () => Object.fromEntries(tables.map((t) => [t, ledger.count(t)]));
  const onHand = async (warehouseId: string, productId: string) => {
    const page = await api['stock.onHand']({ warehouseId, productId, groupBy: 'product' });
    return { qty: page.rows[0]?.qty ?? 0, valueFen: page.rows[0]?.valueFen ?? 0 };
  };
  const lotsIn = async (warehouseId: string, productId: string) =>
    (await api['stock.onHand']({ warehouseId, productId, groupBy: 'lot' })).rows.map((r) => ({ lot: r.lotCode, expiry: r.expiryDate, qty: r.qty })).sort((a, b) => (a.lot ?? '').localeCompare(b.lot ?? ''));
  const outboxNames = () => (ledger.app.db.$client.prepare('SELECT name FROM sync_outbox ORDER BY seq').all() as { name: string }[]).map((r) => r.name);

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    const c = ledger.catalogue;
    // Two lots of water at different costs (FEFO takes the earlier expiry first), and tissue without lots.
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2, lotCode: 'W-LATE', expiryDate: '2027-09-01', unitCostFen: 4800 },
        { productId: c.water.id, unitCode: 'CS24', qty: 1, lotCode: 'W-EARLY', expiryDate: '2027-03-01', unitCostFen: 3600 },
        { productId: c.tissue.id, unitCode: 'CS10', qty: 3, unitCostFen: 5000 },
      ],
    });
    ledger.tick(60_000);
  });
  afterEach(() => {
    expect(ledgerInvariantBroken(ledger)).toEqual([]);
    ledger.close();
  });

  it('moves goods between two warehouses of the branch at once: same lots, same cost, closed, with tracking', async () => {
    const c = ledger.catalogue;
    const before = await onHand(c.warehouseId, c.water.id);
    const t = await api['transfers.create']({
      fromWarehouseId: c.warehouseId,
      toWarehouseId: c.returnsWarehouseId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1 }, { productId: c.tissue.id, unitCode: 'EA', qty: 5 }],
      send: true,
    });
    expect(t).toMatchObject({ status: 'closed', direction: 'internal', docNo: 'BJ01-TR-2026-000001', documentNo: 'BJ01-TO-2026-000001' });
    // Lots leave first-expiry-first-out, at FIFO cost (the oldest layer, 48.00 a case): the early lot at 48.00.
    expect(t.lines.map((l) => ({ lot: l.lotCode, qty: l.qty, value: l.valueFen, received: l.receivedQty }))).toEqual([
      { lot: 'W-EARLY', qty: 24, value: 4800, received: 24 },
      { lot: '', qty: 5, value: 2500, received: 5 },
    ]);
    expect(t.receipt).toMatchObject({ warehouseName: expect.any(String), documentNo: 'BJ01-TI-2026-000001', receivedQty: 29, writtenOffFen: 0 });
    expect(await lotsIn(c.returnsWarehouseId, c.water.id)).toEqual([{ lot: 'W-EARLY', expiry: '2027-03-01', qty: 24 }]);
    expect(await onHand(c.returnsWarehouseId, c.water.id)).toEqual({ qty: 24, valueFen: 4800 });
    expect(await onHand(c.warehouseId, c.water.id)).toEqual({ qty: before.qty - 24, valueFen: before.valueFen - 4800 });
    expect(t.events.map((e) => [e.action, e.toStatus])).toEqual([
      ['create', 'draft'],
      ['send', 'sent'],
      ['receive', 'closed'],
    ]);
    // Tracking names who did each step as this PC knows them.
    const admin = ledger.app.db.$client.prepare("SELECT id, display_name FROM users WHERE username = 'admin'").get() as { id: string; display_name: string };
    expect(new Set(t.events.map((e) => [e.userId, e.userName].join(' ')))).toEqual(new Set([`${admin.id} ${admin.display_name}`]));
    expect((await api['transfers.inTransit']({})).outgoing).toEqual({ transfers: 0, qty: 0, valueFen: 0 });
    // The shipment (sender's part), the goods out, the shipment sent, the goods in, the receipt (receiver's part), the shipment closed.
    expect(outboxNames().slice(-6)).toEqual(['transfers.shipment', 'transfers.send', 'transfers.shipment', 'transfers.receive', 'transfers.receipt', 'transfers.shipment']);
  });

  it('in two steps: goods are in transit (valued) until received; a short line is written off with a reason, an extra one accepted', async () => {
    const c = ledger.catalogue;
    const t = await api['transfers.create']({
      fromWarehouseId: c.warehouseId,
      toWarehouseId: c.returnsWarehouseId,
      twoStep: true,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 2 }, { productId: c.tissue.id, unitCode: 'CS10', qty: 1 }],
      send: true,
    });
    expect(t.status).toBe('sent');
    // 48 bottles by FEFO: 24 of the early lot and 24 of the late one, at FIFO cost (2.00 a bottle).
    expect(t.lines.map((l) => [l.lotCode, l.qty, l.valueFen])).toEqual([
      ['W-EARLY', 24, 4800],
      ['W-LATE', 24, 4800],
      ['', 10, 5000],
    ]);
    expect(await onHand(c.returnsWarehouseId, c.water.id)).toEqual({ qty: 0, valueFen: 0 });
    const transit = await api['transfers.inTransit']({});
    expect(transit.outgoing).toEqual({ transfers: 1, qty: 58, valueFen: 14600 });
    expect(transit.products.find((p) => p.productId === c.water.id)).toMatchObject({ direction: 'internal', qty: 48, valueFen: 9600 });
    expect((await api['transfers.list']({ status: 'sent' })).rows.map((r) => r.docNo)).toEqual([t.docNo]);

    const [early, late, tissue] = t.lines;
    const done = await api['transfers.receive']({
      id: t.id,
      lines: [
        { lineId: late!.id, receivedQty: 20, reasonCode: 'damaged', disposition: 'write_off' },
        { lineId: tissue!.id, receivedQty: 12, reasonCode: 'miscount', disposition: 'accept' },
      ],
    });
    expect(done.status).toBe('closed');
    expect(done.lines.map((l) => [l.lotCode, l.receivedQty, l.disposition, l.differenceFen])).toEqual([
      [early!.lotCode, 24, null, 0],
      ['W-LATE', 20, 'write_off', -800],
      ['', 12, 'accept', 1000],
    ]);
    expect(done.receipt).toMatchObject({ receivedQty: 56, writtenOffFen: 800 });
    expect(await lotsIn(c.returnsWarehouseId, c.water.id)).toEqual([
      { lot: 'W-EARLY', expiry: '2027-03-01', qty: 24 },
      { lot: 'W-LATE', expiry: '2027-09-01', qty: 20 },
    ]);
    expect(await onHand(c.returnsWarehouseId, c.water.id)).toEqual({ qty: 44, valueFen: 4800 + 4000 });
    expect(await onHand(c.returnsWarehouseId, c.tissue.id)).toEqual({ qty: 12, valueFen: 6000 });
    expect((await api['transfers.inTransit']({})).outgoing.transfers).toBe(0);
  });

  it('to another branch: in transit until that branch receives it; the sender can neither receive nor cancel it', async () => {
    const c = ledger.catalogue;
    const t = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'SH02', lines: [{ productId: c.water.id, unitCode: 'EA', qty: 30, lotId: undefined }], send: true });
    expect(t).toMatchObject({ status: 'sent', direction: 'out', toBranchCode: 'SH02', toWarehouseName: '' });
    expect(t.allowedActions).toEqual([]);
    expect((await api['transfers.list']({ direction: 'out' })).total).toBe(1);
    expect((await api['transfers.list']({ direction: 'in' })).total).toBe(0);
    expect((await api['transfers.list']({ other: 'SH02' })).total).toBe(1);
    const before = snapshot();
    const e = await refusal(api['transfers.receive']({ id: t.id, warehouseId: c.warehouseId }));
    expect(e.code).toBe('TRANSFER_WRONG_SIDE');
    expect((await refusal(api['transfers.cancel']({ id: t.id }))).code).toBe('TRANSFER_STATE');
    expect((await refusal(api['transfers.close']({ id: t.id }))).code).toBe('TRANSFER_STATE');
    // The goods are in transit: their issue is not reversed behind the transfer's back.
    expect((await refusal(api['stock.reverse']({ documentId: t.documentId! }))).code).toBe('DOCUMENT_NOT_REVERSIBLE');
    expect(snapshot()).toEqual(before);
    expect((await api['transfers.inTransit']({})).outgoing).toEqual({ transfers: 1, qty: 30, valueFen: 6000 });
  });

  it('checks another branch’s code against head office’s branch directory before the goods leave; with no directory yet it lets the code through and says so', async () => {
    const c = ledger.catalogue;
    const line = { productId: c.water.id, unitCode: 'CS24', qty: 1 };
    // Never synced: no directory, the code goes through (head office checks it).
    expect(await api['transfers.branches']({})).toEqual({ directoryReceived: false, rows: [] });
    const early = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'SH02', lines: [line] });
    // The directory arrives: SH02 open, GZ03 closed (and this branch itself, which is not offered).
    const db = ledger.app.db.$client;
    const put = db.prepare("INSERT INTO branch_directory (id, code, name, active, hlc) VALUES (?, ?, ?, ?, '000000000000000-00000-test')");
    put.run('0190c000-0000-7000-8000-0000000000b1', 'SH02', '上海二店', 1);
    put.run('0190c000-0000-7000-8000-0000000000b2', 'GZ03', '广州三店', 0);
    put.run('0190c000-0000-7000-8000-0000000000b3', 'BJ01', '北京一店', 1);
    expect(await api['transfers.branches']({})).toEqual({
      directoryReceived: true,
      rows: [
        { code: 'GZ03', name: '广州三店', active: false },
        { code: 'SH02', name: '上海二店', active: true },
      ],
    });
    const before = snapshot();
    const unknown = await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'XX99', lines: [line], send: true }));
    expect(unknown.code).toBe('TRANSFER_BRANCH_UNKNOWN');
    expect(unknown.payload.fields).toEqual([{ path: 'toBranchCode', code: 'TRANSFER_BRANCH_UNKNOWN', params: { code: 'XX99' } }]);
    expect((await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'GZ03', lines: [line], send: true }))).code).toBe('TRANSFER_BRANCH_INACTIVE');
    expect((await refusal(api['transfers.update']({ id: early.id, fromWarehouseId: c.warehouseId, toBranchCode: 'GZ03', lines: [line] }))).code).toBe('TRANSFER_BRANCH_INACTIVE');
    expect(snapshot()).toEqual(before);
    // The draft saved before the directory came is checked again when it is sent.
    db.prepare("UPDATE branch_directory SET active = 0 WHERE code = 'SH02'").run();
    expect((await refusal(api['transfers.send']({ id: early.id }))).code).toBe('TRANSFER_BRANCH_INACTIVE');
    expect(snapshot()).toEqual(before);
    db.prepare("UPDATE branch_directory SET active = 1 WHERE code = 'SH02'").run();
    expect(await api['transfers.send']({ id: early.id })).toMatchObject({ status: 'sent', toBranchCode: 'SH02' });
  });

  it('a chosen lot leaves from that lot only; a draft can be edited and cancelled, and cancelling moves nothing', async () => {
    const c = ledger.catalogue;
    const lateLot = (await api['stock.onHand']({ warehouseId: c.warehouseId, productId: c.water.id })).rows.find((r) => r.lotCode === 'W-LATE')!.lotId!;
    const draft = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, twoStep: true, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 5 }] });
    expect(draft.status).toBe('draft');
    expect(draft.allowedActions).toEqual(['edit', 'send', 'cancel']);
    const edited = await api['transfers.update']({ id: draft.id, fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, twoStep: true, lines: [{ productId: c.water.id, unitCode: 'EA', qty: 6, lotId: lateLot }] });
    expect(edited.lines.map((l) => [l.qty, l.lotCode])).toEqual([[6, 'W-LATE']]);
    const sent = await api['transfers.send']({ id: draft.id });
    expect(sent.lines.map((l) => [l.qty, l.lotCode, l.valueFen])).toEqual([[6, 'W-LATE', 1200]]);

    const other = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, lines: [{ productId: c.tissue.id, unitCode: 'EA', qty: 1 }] });
    const moved = ledger.count('stock_movements');
    const cancelled = await api['transfers.cancel']({ id: other.id, note: 'not needed' });
    expect(cancelled.status).toBe('cancelled');
    expect(ledger.count('stock_movements')).toBe(moved);
    expect((await refusal(api['transfers.send']({ id: other.id }))).code).toBe('TRANSFER_STATE');
  });

  it('refuses a bad destination, more than on hand, a difference without reason or with the wrong disposition, a locked period and a user without the permission — writing nothing', async () => {
    const c = ledger.catalogue;
    // Signed in first: a sign-in is itself audited.
    const sales = roleClient(ledger, 'sales');
    let before = snapshot();
    const line = { productId: c.water.id, unitCode: 'CS24', qty: 1 };
    const same = await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.warehouseId, lines: [line] }));
    expect(same.code).toBe('TRANSFER_SAME_WAREHOUSE');
    expect(same.payload.fields).toEqual([{ path: 'toWarehouseId', code: 'TRANSFER_SAME_WAREHOUSE' }]);
    expect((await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, lines: [line] }))).code).toBe('TRANSFER_DESTINATION_REQUIRED');
    expect((await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'sh 02', lines: [line] }))).code).toBe('VALIDATION');
    const tooMuch = await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, lines: [{ ...line, qty: 4 }], send: true }));
    expect(tooMuch.code).toBe('STOCK_INSUFFICIENT');
    expect(tooMuch.payload.fields?.[0]?.path).toBe('lines.0.qty');
    expect((await refusal(sales['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, lines: [line] }))).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);

    const t = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, twoStep: true, lines: [line], send: true });
    const lineId = t.lines[0]!.id;
    before = snapshot();
    const noReason = await refusal(api['transfers.receive']({ id: t.id, lines: [{ lineId, receivedQty: 20 }] }));
    expect(noReason.code).toBe('TRANSFER_DISCREPANCY');
    expect(noReason.payload.fields).toEqual([{ path: 'lines.0.reasonCode', code: 'TRANSFER_REASON_REQUIRED', params: { sent: 24, received: 20 } }]);
    const wrong = await refusal(api['transfers.receive']({ id: t.id, lines: [{ lineId, receivedQty: 20, reasonCode: 'lost', disposition: 'accept' }] }));
    expect(wrong.payload.fields?.[0]).toMatchObject({ path: 'lines.0.disposition', code: 'TRANSFER_DISPOSITION_INVALID' });
    expect((await refusal(api['transfers.receive']({ id: t.id, lines: [{ lineId: t.id, receivedQty: 1 }] }))).code).toBe('TRANSFER_LINE_UNKNOWN');
    await api['periods.lock']({ lockedThrough: '2026-11-20' });
    before = snapshot();
    expect((await refusal(api['transfers.receive']({ id: t.id }))).code).toBe('PERIOD_LOCKED');
    expect((await refusal(api['transfers.create']({ fromWarehouseId: c.warehouseId, toWarehouseId: c.returnsWarehouseId, lines: [line] }))).code).toBe('PERIOD_LOCKED');
    expect(snapshot()).toEqual(before);
  });

  it('prints the transfer note (调拨单) as PDF and .xlsx', async () => {
    const c = ledger.catalogue;
    const t = await api['transfers.create']({ fromWarehouseId: c.warehouseId, toBranchCode: 'SH02', lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 1 }], send: true });
    for (const format of ['pdf', 'xlsx'] as const) {
      const file = await api['transfers.print']({ id: t.id, format });
      expect(file.fileName).toBe(`调拨单-${t.docNo}.${format}`);
      expect(file.rows).toBe(1);
      expect(file.bytes).toBeGreaterThan(1000);
    }
  });
});
