import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedInput } from '../../src-main/contract';
import { createHlcClock } from '../../src-main/core/hlc';
import { createUuidV7Generator } from '../../src-main/core/ids';
import { adjustStock } from '../../src-main/services/stockDocuments';
import type { ServiceContext } from '../../src-main/services/types';
import { outboxArgsText } from '../../src-main/sync/documentPartRefs';
import { MAX_PUSH_BYTES } from '../../src-main/sync/protocol';
import { expectBranchConverged } from './harness/checks';
import { headOfficeView, seedCatalogue, serverTargets, startHeadOffice, type CatalogueProduct } from './harness/headOffice';
import { createBranchPcs, deviceIdOf, type Pc } from './harness/pc';

/**
 * A stock count posts one adjustment with thousands of lines. As one op it would be many
 * megabytes, more than a push may carry; it travels as the document op and its parts, and the
 * branch's other PCs receive it over several pull pages, ending with the same document and stock.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);

const LINES = 20_000;
/** Pull pages stop at this many payload bytes here (MAX_PULL_PAGE_BYTES holds all of this document). */
const PAGE_BYTES = 4_000_000;

const byteLength = (text: string) => Buffer.byteLength(text);

/** Pull answers' sizes, as the PC received them. */
function measuredFetch(sizes: number[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const body = await res.arrayBuffer();
    if (String(input).endsWith('/sync/v1/pull')) sizes.push(body.byteLength);
    return new Response(body, { status: res.status, headers: res.headers });
  };
}

/**
 * Posts an adjustment through the ledger service itself, as a stock count's posting will: the
 * API's input limit (500 lines, for a form) does not apply to it.
 */
function postCountAdjustment(pc: Pc, products: readonly CatalogueProduct[], warehouseId: string) {
  const sqlite = pc.app.db.$client;
  const admin = sqlite.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1").get() as { id: string };
  const clock = Date.now;
  const hlc = createHlcClock(`${deviceIdOf(pc)}-count`, clock);
  const ctx: ServiceContext = {
    db: pc.app.db,
    clock,
    ids: createUuidV7Generator(clock, (n) => randomBytes(n)),
    session: { current: { userId: admin.id, locked: false } },
    host: 'node',
    appVersion: 'test',
    currentUser: { id: admin.id, role: 'admin' },
    now: clock(),
    hlc: () => hlc.now(),
    deviceId: deviceIdOf(pc),
  };
  // Found two more of one product, one fewer of the next, … across the whole catalogue.
  const lines = Array.from({ length: LINES }, (_, i) => {
    const product = products[i % products.length];
    if (!product) throw new Error('no products');
    return i % 2 === 0 ? { productId: product.id, unitCode: 'EA', qty: 2, unitCostFen: 90 } : { productId: product.id, unitCode: 'EA', qty: -1 };
  });
  return adjustStock(ctx, { warehouseId, reasonCode: 'found', note: '年终盘点', lines } as ParsedInput<'stock.adjust'>);
}

const documentRows = (pc: Pc, id: string) => ({
  header: pc.app.db.$client.prepare('SELECT id, doc_type, doc_no, business_date, warehouse_id, total_qty, total_value_fen, hlc FROM stock_documents WHERE id = ?').get(id),
  lines: pc.app.db.$client
    .prepare('SELECT id, line_no, product_id, unit_code, unit_qty, qty, lot_id, unit_cost_fen, value_fen, reason_code FROM stock_document_lines WHERE document_id = ? ORDER BY line_no')
    .all(id),
  movements: pc.app.db.$client.prepare('SELECT id, warehouse_id, product_id, lot_id, qty, value_fen, line_id FROM stock_movements WHERE document_id = ? ORDER BY id').all(id),
});

for (const target of targets) {
  describe(`a document bigger than one op [${target.kind}]`, { timeout: 600_000 }, () => {
    it('a 20,000-line count adjustment goes to head office in parts and reaches the other PC over several pull pages: the same document and stock on both', async () => {
      const ho = await startHeadOffice({ ...(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {}), pullPageBytes: PAGE_BYTES });
      cleanups.push(() => ho.stop());
      const products = await seedCatalogue(ho.url, 50);
      const pullSizes: number[] = [];
      const branch = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: 'BG01', pcs: 2, fetchFor: (i) => (i === 1 ? measuredFetch(pullSizes) : fetch) });
      const [a, b] = branch.pcs as [Pc, Pc];
      for (const pc of branch.pcs) cleanups.push(() => pc.dispose());
      await a.client['sync.now']({});
      const warehouseId = (a.app.db.$client.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id;
      await a.client['stock.receive']({ warehouseId, lines: products.map((p) => ({ productId: p.id, unitCode: 'EA', qty: 1000, unitCostFen: 100 })) });

      const seqBefore = (a.app.db.$client.prepare('SELECT MAX(seq) AS s FROM sync_outbox').get() as { s: number }).s;
      const posted = postCountAdjustment(a, products, warehouseId);
      const ops = a.app.db.$client.prepare('SELECT name, length(CAST(args AS BLOB)) AS bytes, args FROM sync_outbox WHERE seq > ? ORDER BY seq').all(seqBefore) as { name: string; bytes: number; args: string }[];
      // The document op, then its parts, each well under what one push may carry.
      expect(ops[0]?.name).toBe('stock.adjust');
      expect(ops.slice(1).map((o) => o.name)).toEqual(Array.from({ length: ops.length - 1 }, () => 'stock.documentPart'));
      expect(ops.length).toBeGreaterThanOrEqual(LINES / 1000);
      // The parts are stored as references to the posted rows, a fraction of the ops they are read back as.
      const sent = ops.map((o) => outboxArgsText(a.app.db, o.args));
      for (const [i, op] of ops.entries()) {
        expect(byteLength(sent[i] ?? '')).toBeLessThan(MAX_PUSH_BYTES / 2);
        if (i > 0) expect(op.bytes).toBeLessThan(byteLength(sent[i] ?? '') / 5);
      }
      const carried = sent.reduce((n, text) => n + (JSON.parse(text) as { lines: unknown[] }).lines.length, 0);
      expect(carried).toBe(LINES);

      for (const pc of [a, b, a]) expect(await pc.client['sync.now']({})).toMatchObject({ pending: 0, lastError: null, rejected: [] });

      const check = expectBranchConverged('big document', branch.pcs, await headOfficeView(ho.opened.db, branch.branchId));
      expect(check.negativeBalances).toBe(0);
      const onA = documentRows(a, posted.id);
      expect(onA.lines).toHaveLength(LINES);
      expect(documentRows(b, posted.id)).toEqual(onA);
      for (const pc of branch.pcs) expect((await pc.client['sync.status']({})).divergence).toEqual([]);
      // B received it over several pages, none of them one huge answer.
      const big = pullSizes.filter((n) => n > 1_000_000);
      expect(big.length).toBeGreaterThanOrEqual(2);
      for (const n of pullSizes) expect(n).toBeLessThan(PAGE_BYTES + MAX_PUSH_BYTES);
    });
  });
}
