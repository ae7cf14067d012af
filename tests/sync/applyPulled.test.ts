import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createUuidV7Generator } from '../../src-main/core/ids';
import { createHlcClock } from '../../src-main/core/hlc';
import { applyPulledBatch } from '../../src-main/services/applyPulled';
import type { Change } from '../../src-main/sync/protocol';
import { createTestLedger, ledgerInvariantBroken, nonZeroBalances, signInAdmin, testNow, TEST_ADMIN_PASSWORD, type TestLedger } from '../helpers/testLedger';
import { hashSecret } from '../../src-main/services/passwordHash';

const open: TestLedger[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

async function ledger(setUp = true) {
  const l = await createTestLedger({ setUp });
  open.push(l);
  return l;
}

function deps(node = 'test') {
  return { now: testNow, ids: createUuidV7Generator(() => testNow, (n) => randomBytes(n)), hlc: createHlcClock(node, () => testNow).now };
}

/** A's outbox as head office would relay it to another PC of the branch. */
function outboxAsChanges(from: TestLedger, afterSeq = 0): Change[] {
  const rows = from.app.db.$client.prepare('SELECT seq, name, version, args, hlc FROM sync_outbox WHERE seq > ? ORDER BY seq').all(afterSeq) as {
    seq: number;
    name: string;
    version: number;
    args: string;
    hlc: string;
  }[];
  const changes: Change[] = [];
  for (const r of rows) {
    const args = JSON.parse(r.args) as { rows?: { entity: string; id: string; fields: Record<string, unknown> }[] };
    if (r.name === 'master.import') {
      for (const row of args.rows ?? []) {
        changes.push({
          kind: 'master',
          cursor: changes.length + 1,
          bucket: 'master',
          entity: row.entity as 'product',
          id: row.id,
          fields: Object.fromEntries(Object.entries(row.fields).map(([k, v]) => [k, { value: v, hlc: r.hlc }])),
        });
      }
    } else {
      changes.push({ kind: 'op', cursor: changes.length + 1, bucket: 'documents', name: r.name, version: r.version, args, originDeviceId: '0190a000-0000-7000-8000-00000000000a' });
    }
  }
  return changes;
}

/** A second PC that joined the branch: a branch row and nothing else. */
function joinBranch(pc: TestLedger) {
  const s = pc.app.db.$client;
  s.prepare("INSERT INTO branches (id, code, name, time_zone, created_at, hlc) VALUES ('0190a000-0000-7000-8000-0000000000bb', 'BJ01', '北京一店', 'Asia/Shanghai', 0, 'h')").run();
  s.prepare("INSERT INTO users (id, username, display_name, role, password_hash, active, created_at, hlc) VALUES ('0190a000-0000-7000-8000-0000000000cc', 'admin', 'Admin', 'admin', ?, 1, 0, 'h')").run(
    hashSecret(TEST_ADMIN_PASSWORD),
  );
  s.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('terminalCode', '"B"', 0)`).run();
  signInAdmin(pc.app);
}

/**
 * B as a copy of A as it was when both went offline (same ids: joined and synced earlier), and
 * the last seq of A's outbox it has.
 */
async function offlineCopyOf(a: TestLedger): Promise<{ b: TestLedger; startSeq: number }> {
  const b = await ledger(false);
  joinBranch(b);
  const upToNow = outboxAsChanges(a);
  // Products of the test catalogue are not in A's outbox (seeded directly): give B the same rows.
  const s = a.app.db.$client;
  const bBranch = (b.app.db.$client.prepare('SELECT id FROM branches').get() as { id: string }).id;
  for (const table of ['categories', 'suppliers', 'products', 'product_units', 'warehouses']) {
    const rows = s.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    for (const row of rows) {
      if (table === 'warehouses') row.branch_id = bBranch;
      const cols = Object.keys(row);
      b.app.db.$client.prepare(`INSERT OR IGNORE INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => row[c]));
    }
  }
  expect(applyPulledBatch(b.app.db, upToNow, upToNow.length, deps('B')).problems).toEqual([]);
  return { b, startSeq: (s.prepare('SELECT MAX(seq) AS m FROM sync_outbox').get() as { m: number }).m };
}

const onHand = (l: TestLedger, productId: string) =>
  (l.app.db.$client.prepare('SELECT SUM(qty) AS q FROM stock_balances WHERE product_id = ?').get(productId) as { q: number }).q;

const balances = nonZeroBalances;
const invariantBroken = ledgerInvariantBroken;

describe('applying what head office relays from another PC of the branch', () => {
  it("a PC that joins gets the founder's warehouses, catalogue and every document, and ends with the same stock", async () => {
    const a = await ledger(false);
    await a.client['setup.createBranch']({ code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 5 });
    const b = await ledger(false);
    joinBranch(b);
    const changes = outboxAsChanges(a);
    const result = applyPulledBatch(b.app.db, changes, changes.length, deps('B'));
    expect(result.problems).toEqual([]);
    expect(balances(b)).toEqual(balances(a));
    expect(invariantBroken(b)).toEqual([]);
    expect(b.app.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'pullCursor'").get()).toEqual({ value: String(changes.length) });
    // Applying the same batch again changes nothing: union by id.
    const again = applyPulledBatch(b.app.db, changes, changes.length, deps('B'));
    expect(again.applied).toBe(0);
    expect(balances(b)).toEqual(balances(a));
    expect(b.count('stock_movements')).toBe(a.count('stock_movements'));
  });

  it('stock sold on two PCs offline goes negative by the oversell, keeps layers equal to balances, and the next receipt fills it', async () => {
    const a = await ledger();
    const { warehouseId, water } = a.catalogue;
    await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 2400 }] });
    const { b, startSeq } = await offlineCopyOf(a);

    // Offline, each PC writes off 20 of the same 24 bottles.
    await a.client['stock.adjust']({ warehouseId, reasonCode: 'damage', lines: [{ productId: water.id, unitCode: 'EA', qty: -20 }] });
    await b.client['stock.adjust']({ warehouseId, reasonCode: 'theft_loss', lines: [{ productId: water.id, unitCode: 'EA', qty: -20 }] });
    // B hears of A's write-off.
    const fromA = outboxAsChanges(a, startSeq);
    expect(applyPulledBatch(b.app.db, fromA, 100, deps('B')).problems).toEqual([]);
    expect(onHand(b, water.id)).toBe(-16);
    expect(invariantBroken(b)).toEqual([]);
    // Refused locally: nothing more can be issued while the balance is negative.
    await expect(b.client['stock.adjust']({ warehouseId, reasonCode: 'damage', lines: [{ productId: water.id, unitCode: 'EA', qty: -1 }] })).rejects.toMatchObject({
      payload: { code: 'STOCK_INSUFFICIENT' },
    });
    // A compensating receipt fills the hole first.
    await b.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode: 'L2', expiryDate: '2027-07-01', unitCostFen: 2400 }] });
    expect(onHand(b, water.id)).toBe(8);
    const numbers = b.app.db.$client.prepare("SELECT doc_no FROM stock_documents WHERE doc_type = 'adjustment' ORDER BY doc_no").all();
    expect(numbers).toEqual([{ doc_no: 'BJ01-ADJ-2026-000001' }, { doc_no: 'BJ01B-ADJ-2026-000001' }]);
    expect(invariantBroken(b)).toEqual([]);
  });

  it('in one page, a pulled receipt fills the short layer a pulled issue before it left, though receipts before that found none', async () => {
    const a = await ledger();
    const { warehouseId, water, tissue } = a.catalogue;
    await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode: 'L1', expiryDate: '2027-06-01', unitCostFen: 2400 }] });
    const { b, startSeq } = await offlineCopyOf(a);
    // Offline, both PCs write off 20 of the same 24 bottles; A then receives tissue and water.
    await b.client['stock.adjust']({ warehouseId, reasonCode: 'theft_loss', lines: [{ productId: water.id, unitCode: 'EA', qty: -20 }] });
    await a.client['stock.receive']({ warehouseId, lines: [{ productId: tissue.id, unitCode: 'CS10', qty: 1, unitCostFen: 500 }] });
    await a.client['stock.adjust']({ warehouseId, reasonCode: 'damage', lines: [{ productId: water.id, unitCode: 'EA', qty: -20 }] });
    await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode: 'L2', expiryDate: '2027-07-01', unitCostFen: 2400 }] });
    // B hears of all three in one page: the tissue receipt finds no short layer anywhere, A's
    // write-off leaves one (B had 4 bottles left of the 20), and the water receipt fills it.
    const fromA = outboxAsChanges(a, startSeq);
    expect(fromA.map((c) => (c.kind === 'op' ? c.name : c.kind))).toEqual(['stock.receive', 'stock.adjust', 'stock.receive']);
    expect(applyPulledBatch(b.app.db, fromA, 100, deps('B')).problems).toEqual([]);
    expect(onHand(b, water.id)).toBe(8);
    expect(b.app.db.$client.prepare('SELECT COUNT(*) AS n FROM cost_layers WHERE qty_remaining < 0').get()).toEqual({ n: 0 });
    expect(invariantBroken(b)).toEqual([]);
  });

  it('in one page, a period lock pulled between two documents of its period makes the second a late posting', async () => {
    const a = await ledger();
    const { warehouseId, water } = a.catalogue;
    const { b, startSeq } = await offlineCopyOf(a);
    for (const lotCode of ['L1', 'L2']) {
      await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode, expiryDate: '2027-06-01', unitCostFen: 2400 }] });
    }
    const [first, second] = outboxAsChanges(a, startSeq);
    if (first?.kind !== 'op' || second?.kind !== 'op') throw new Error('no receipts');
    const documentOf = (c: typeof first) => (c.args as { document: { id: string; businessDate: string } }).document;
    const lock: Change = {
      kind: 'op',
      cursor: 2,
      bucket: 'periods',
      name: 'periods.lock',
      version: 1,
      args: { lockedThrough: documentOf(first).businessDate, lockedBy: 'accountant', lockedAt: testNow, hlc: '000001763000000-00000-ho' },
      originDeviceId: '0190a000-0000-7000-8000-00000000000a',
    };
    // The first document is applied while no period is locked; the second after the lock.
    expect(applyPulledBatch(b.app.db, [{ ...first, cursor: 1 }, lock, { ...second, cursor: 3 }], 3, deps('B')).problems).toEqual([]);
    expect(b.app.db.$client.prepare('SELECT document_id FROM late_postings').all()).toEqual([{ document_id: documentOf(second).id }]);
  });

  it('master data merges field by field: the later HLC wins whatever order the changes arrive in', async () => {
    const a = await ledger();
    const product = a.catalogue.water.id;
    const early = { kind: 'master', cursor: 1, bucket: 'master', entity: 'product', id: product, fields: { nameZh: { value: '旧名', hlc: '000001763000000-00000-ho' }, brand: { value: '品牌B', hlc: '000001763000009-00000-ho' } } } as const;
    const late = { kind: 'master', cursor: 2, bucket: 'master', entity: 'product', id: product, fields: { nameZh: { value: '新名', hlc: '000001763000005-00000-ho' } } } as const;
    applyPulledBatch(a.app.db, [late, early], 2, deps());
    const row = a.app.db.$client.prepare('SELECT name_zh, brand FROM products WHERE id = ?').get(product);
    expect(row).toEqual({ name_zh: '新名', brand: '品牌B' });
  });

  it('a change that cannot be applied is reported and does not stop the batch or the cursor', async () => {
    const a = await ledger();
    const bad: Change = { kind: 'op', cursor: 1, bucket: 'documents', name: 'stock.teleport', version: 1, args: {}, originDeviceId: '0190a000-0000-7000-8000-00000000000a' };
    const rejection: Change = {
      kind: 'rejection',
      cursor: 2,
      bucket: 'rejections',
      rejection: { seq: 3, opId: '0190a000-0000-7000-8000-00000000000f', name: 'stock.adjust', code: 'FORBIDDEN', message: 'warehouse of another branch' },
    };
    const result = applyPulledBatch(a.app.db, [bad, rejection], 2, deps());
    expect(result.problems).toEqual([{ cursor: 1, reason: 'UNKNOWN_OP' }]);
    expect(a.count('sync_rejections')).toBe(1);
  });

  it('a pulled receipt whose args do not follow its schema is refused whole (INVALID_ARGS), nothing of it written, and the rest of its page is applied', async () => {
    const a = await ledger();
    const { warehouseId, water } = a.catalogue;
    for (const lotCode of ['L1', 'L2', 'L3']) {
      await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 1, lotCode, expiryDate: '2027-06-01', unitCostFen: 2400 }] });
    }
    const { b, startSeq } = await offlineCopyOf(a);
    await a.client['stock.receive']({ warehouseId, lines: [{ productId: water.id, unitCode: 'CS24', qty: 2, lotCode: 'L4', expiryDate: '2027-06-01', unitCostFen: 2400 }] });
    const [receipt] = outboxAsChanges(a, startSeq);
    if (receipt?.kind !== 'op') throw new Error('no receipt op');
    type Args = { document: Record<string, unknown>; lines: Record<string, unknown>[]; movements: Record<string, unknown>[] };
    const args = receipt.args as Args;
    const broken: ((x: Args) => void)[] = [
      (x) => (x.lines[0]!.discountFen = 10), // a field the schema does not know
      (x) => (x.movements[0]!.qty = 1.5),
      (x) => delete x.document.hlc,
      (x) => (x.document.warehouseId = 'not-a-uuid'),
      (x) => (x.document.docNo = 'N'.repeat(41)),
      (x) => (x.movements = [x.movements[0]!, null as unknown as Record<string, unknown>]),
    ];
    const before = { documents: b.count('stock_documents'), movements: b.count('stock_movements'), water: onHand(b, water.id) };
    for (const breakIt of broken) {
      const bad = structuredClone(args);
      breakIt(bad);
      const result = applyPulledBatch(b.app.db, [{ ...receipt, cursor: 7, args: bad }], 7, deps('B'));
      expect(result.problems).toEqual([{ cursor: 7, reason: 'INVALID_ARGS' }]);
      expect({ documents: b.count('stock_documents'), movements: b.count('stock_movements'), water: onHand(b, water.id) }).toEqual(before);
    }
    // In a page with the receipt as sent, only the broken copy is refused.
    const bad = structuredClone(args);
    broken[0]!(bad);
    const result = applyPulledBatch(b.app.db, [{ ...receipt, cursor: 8, args: bad }, { ...receipt, cursor: 9 }], 9, deps('B'));
    expect(result).toMatchObject({ applied: 1, problems: [{ cursor: 8, reason: 'INVALID_ARGS' }] });
    expect(onHand(b, water.id)).toBe(before.water + 48);
  });
});
