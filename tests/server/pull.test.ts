import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { checksumOf, type Change } from '../../src-main/sync/protocol';
import { documents, movements, stockExceptions, warehouses } from '../../src-server/db/schema';
import { declareRestore } from '../../src-server/openServerDb';
import { movementTotal, openExceptions } from './dbCounts';
import { describeServer, newId, type TestServer } from './serverHarness';
import { admin, countEntryArgs, countStartArgs, enrolDevice, foundBranch } from './testDevice';

function ops(changes: Change[]) {
  return changes.flatMap((c) => (c.kind === 'op' ? [c] : []));
}

async function idsOf(server: TestServer, branchId: string) {
  const { db } = server.opened;
  return {
    documents: (await db.select({ id: documents.id }).from(documents).where(eq(documents.branchId, branchId))).map((r) => r.id),
    movements: (await db.select({ id: movements.id }).from(movements).where(eq(movements.branchId, branchId))).map((r) => r.id),
    exceptions: (await db.select({ id: stockExceptions.id }).from(stockExceptions).where(eq(stockExceptions.branchId, branchId))).map((r) => r.id),
    warehouses: (await db.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.branchId, branchId))).map((r) => r.id),
  };
}

describeServer('pull', (server) => {
  it("a receipt posted on PC A reaches PC B of the same branch, not A itself and never another branch", async () => {
    const other = await foundBranch(server, 'SH02');
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    const args = a.documentArgs(wh[0]!.id, [{ productId: newId(), lotId: newId(), qty: 24 }], newId());
    await a.push([a.op('stock.receive', args)]);

    const toB = ops((await b.pullAll()).changes);
    expect(toB).toHaveLength(1);
    expect(toB[0]).toMatchObject({ name: 'stock.receive', version: 1, bucket: 'documents', originDeviceId: a.deviceId });
    // Same op, but carrying the branch id head office knows the branch by, not the one the PC sent.
    expect(toB[0]!.args).toEqual({ ...args, document: { ...args.document, branchId: branch.id } });

    expect(ops((await a.pullAll()).changes)).toEqual([]);
    expect(ops((await other.founder.pullAll()).changes)).toEqual([]);
  });

  it('the branch warehouses reach every PC of the branch as master data, and no other branch', async () => {
    const other = await foundBranch(server, 'SH02');
    const { branch, warehouses: wh } = await foundBranch(server, 'BJ01');
    const joiner = await enrolDevice(server, branch, null);
    const pulled = (await joiner.pullAll()).changes.flatMap((c) => (c.kind === 'master' ? [c] : []));
    const masters = pulled.filter((m) => m.entity !== 'branch');
    expect(masters.map((m) => [m.entity, m.id, m.bucket, m.fields.code?.value])).toEqual(wh.map((w) => ['warehouse', w.id, 'warehouses', w.code]));
    // The branch directory (every branch, head office's master data) reaches every PC: transfers check codes against it.
    expect(pulled.filter((m) => m.entity === 'branch').map((m) => [m.bucket, m.fields.code?.value, m.fields.active?.value])).toEqual([
      ['master', 'SH02', true],
      ['master', 'BJ01', true],
    ]);
    const theirs = (await other.founder.pullAll()).changes.flatMap((c) => (c.kind === 'master' ? [c.id] : []));
    expect(theirs.some((id) => wh.some((w) => w.id === id))).toBe(false);
  });

  it('pages by the server cursor: limit, more, and a cursor that never skips a change', async () => {
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    await a.push(Array.from({ length: 7 }, () => a.documentOp(wh[0]!.id, [{ productId: newId(), lotId: newId(), qty: 1 }])));
    const first = await b.pull(0, { limit: 4 });
    expect(first.more).toBe(true);
    expect(first.changes).toHaveLength(4);
    expect(first.checksums).toEqual({});
    expect(first.cursor).toBe(first.changes.at(-1)!.cursor);
    const rest = await b.pull(first.cursor, { limit: 100 });
    expect(rest.more).toBe(false);
    const all = [...first.changes, ...rest.changes];
    expect(ops(all)).toHaveLength(7);
    expect(new Set(all.map((c) => c.cursor)).size).toBe(all.length);
    expect(all.map((c) => c.cursor)).toEqual([...all.map((c) => c.cursor)].sort((x, y) => x - y));
    const idle = await b.pull(rest.cursor);
    expect(idle).toMatchObject({ changes: [], cursor: rest.cursor, more: false });
    // A PC may ask for pages of 10,000 changes (each page is one commit on the PC: fewer, bigger
    // pages write far less), and no more.
    expect((await b.pull(0, { limit: 10_000 })).changes.length).toBe(all.length);
    expect((await b.pullRaw(b.pullBody(0, { limit: 10_001 }))).statusCode).toBe(400);
  });

  it("checksums count each bucket's ids of the branch (counts and their entries too), from all its PCs, exactly as checksumOf does", async () => {
    await foundBranch(server, 'SH02');
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    const product = newId();
    const lot = newId();
    await a.push([a.documentOp(wh[0]!.id, [{ productId: product, lotId: lot, qty: 3 }, { productId: newId(), lotId: newId(), qty: 2 }])]);
    await b.push([b.documentOp(wh[0]!.id, [{ productId: product, lotId: lot, qty: -5 }]), b.documentOp(wh[0]!.id, [{ productId: product, lotId: lot, qty: -1 }])]);
    const count = countStartArgs(a, wh[0]!.id, product);
    await a.push([a.op('counts.start', count)]);
    const entries = [countEntryArgs(b, count, 4), countEntryArgs(a, count, 1)];
    await b.push([b.op('counts.entry', entries[0])]);
    await a.push([a.op('counts.entry', entries[1])]);

    const ids = await idsOf(server(), branch.id);
    expect(ids.documents).toHaveLength(3);
    expect(ids.exceptions).toHaveLength(1);
    const expected = {
      documents: checksumOf(ids.documents),
      movements: checksumOf(ids.movements),
      exceptions: checksumOf(ids.exceptions),
      warehouses: checksumOf(ids.warehouses),
      counts: checksumOf([count.count.id]),
      countEntries: checksumOf(entries.map((e) => e.entry.id)),
    };
    expect((await a.pullAll()).last.checksums).toEqual(expected);
    expect((await b.pullAll()).last.checksums).toEqual(expected);
    expect(expected.movements.count).toBe(4);
  });

  it('a refetch sends a bucket again from the start, paged, and the last page carries the checksums', async () => {
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    await a.push(Array.from({ length: 5 }, () => a.documentOp(wh[0]!.id, [{ productId: newId(), lotId: newId(), qty: 1 }])));
    const caughtUp = await b.pullAll();
    expect(ops(caughtUp.changes)).toHaveLength(5);

    const again = await b.pull(caughtUp.last.cursor, { refetch: ['movements'] });
    expect(ops(again.changes)).toHaveLength(5);
    expect(again.more).toBe(false);
    expect(again.cursor).toBe(caughtUp.last.cursor);

    // A refetch that does not fit one page: the cursor goes back to where the page ended and
    // the client carries on from there; in the end it has every op and the same cursor.
    const firstPage = await b.pull(caughtUp.last.cursor, { refetch: ['documents'], limit: 2 });
    expect(firstPage.more).toBe(true);
    expect(firstPage.cursor).toBeLessThan(caughtUp.last.cursor);
    const seen = [...firstPage.changes];
    let at = firstPage.cursor;
    for (;;) {
      const page = await b.pull(at, { limit: 2 });
      seen.push(...page.changes);
      at = page.cursor;
      if (!page.more) {
        expect(page.checksums.documents).toEqual(caughtUp.last.checksums.documents);
        break;
      }
    }
    expect(new Set(ops(seen).map((c) => c.cursor)).size).toBe(5);
    expect(at).toBe(caughtUp.last.cursor);
  });

  it('an oversell from two PCs opens exactly one exception, kept current, resolved by a compensating receipt, seen by both PCs and head office', async () => {
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    const main = wh[0]!.id;
    const product = newId();
    const lot = newId();
    await a.push([a.documentOp(main, [{ productId: product, lotId: lot, qty: 10 }])]);
    // Both PCs sold 8 of the same 10 while offline.
    await a.push([a.documentOp(main, [{ productId: product, lotId: lot, qty: -8 }])]);
    expect(await openExceptions(server(), branch.id)).toEqual([]);
    await b.push([b.documentOp(main, [{ productId: product, lotId: lot, qty: -8 }])]);
    const opened = await openExceptions(server(), branch.id);
    expect(opened).toEqual([{ id: expect.any(String), qty: -6, productId: product }]);

    await b.push([b.documentOp(main, [{ productId: product, lotId: lot, qty: -1 }])]);
    await a.push([a.documentOp(main, [{ productId: product, lotId: lot, qty: -1 }])]);
    const still = await openExceptions(server(), branch.id);
    expect(still).toEqual([{ id: opened[0]!.id, qty: -8, productId: product }]);

    const hq = await admin(server(), 'GET', '/admin/v1/exceptions?status=open');
    expect(hq.json<{ exceptions: { id: string; qty: number; branchCode: string }[] }>().exceptions).toEqual([
      expect.objectContaining({ id: opened[0]!.id, qty: -8, branchCode: 'BJ01' }),
    ]);

    await a.push([a.documentOp(main, [{ productId: product, lotId: lot, qty: 8 }])]);
    expect(await openExceptions(server(), branch.id)).toEqual([]);
    expect(await movementTotal(server(), branch.id)).toEqual({ movements: 0, balances: 0 });

    for (const pc of [a, b]) {
      const seen = (await pc.pullAll()).changes.flatMap((c) => (c.kind === 'exception' ? [c.exception] : []));
      expect(new Set(seen.map((e) => e.id))).toEqual(new Set([opened[0]!.id]));
      expect(seen.map((e) => [e.status, e.qty])).toEqual([
        ['open', -6],
        ['open', -7],
        ['open', -8],
        ['resolved', -8],
      ]);
    }
  });

  it('an oversell that a later document of the same batch makes good is still recorded: opened and resolved', async () => {
    const { branch, founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    const b = await enrolDevice(server, branch, null);
    const main = wh[0]!.id;
    const product = newId();
    const lot = newId();
    await a.push([a.documentOp(main, [{ productId: product, lotId: lot, qty: 10 }]), a.documentOp(main, [{ productId: product, lotId: lot, qty: -8 }])]);
    await b.push([b.documentOp(main, [{ productId: product, lotId: lot, qty: -8 }]), b.documentOp(main, [{ productId: product, lotId: lot, qty: 8 }])]);
    expect(await openExceptions(server(), branch.id)).toEqual([]);
    const seen = (await a.pullAll()).changes.flatMap((c) => (c.kind === 'exception' ? [c.exception] : []));
    expect(seen.map((e) => [e.status, e.qty])).toEqual([
      ['open', -6],
      ['resolved', -6],
    ]);
  });

  it('pull answers the device last_seq and the epoch; a declared restore changes the epoch', async () => {
    const { founder: a, warehouses: wh } = await foundBranch(server, 'BJ01');
    await a.push([a.documentOp(wh[0]!.id, [{ productId: newId(), lotId: newId(), qty: 1 }])]);
    const before = await a.pull(0);
    expect(before.lastSeq).toBe(2);
    const health = (await server().app.inject({ method: 'GET', url: '/health' })).json<{ epoch: string }>();
    expect(before.epoch).toBe(health.epoch);

    const restored = await declareRestore(server().opened.db, server().clock.now);
    expect(restored).toMatchObject({ restoredFrom: before.epoch, generation: 1 });
    const after = await a.pull(0);
    expect(after.epoch).toBe(restored.epoch);
    expect(after.epoch).not.toBe(before.epoch);
  });

  it('master data seeded by one branch reaches every branch; head office rows are never overwritten by a seed', async () => {
    const one = await foundBranch(server, 'BJ01');
    const two = await foundBranch(server, 'SH02');
    const productId = newId();
    const put = await admin(server(), 'PUT', `/admin/v1/master/product/${productId}`, { fields: { sku: 'HQ-1', nameZh: '总部名称', nameEn: 'Head-office name', baseUnitCode: 'EA' } });
    expect(put.statusCode, put.body).toBe(200);
    const seededId = newId();
    const seed = one.founder.op('master.import', {
      rows: [
        { entity: 'product', id: productId, fields: { sku: 'BRANCH-1', nameZh: '分店名称' } },
        { entity: 'product', id: seededId, fields: { sku: 'NEW-1', nameZh: '新商品', lotTracked: true } },
      ],
    });
    expect((await one.founder.push([seed])).applied).toBe(1);

    const hq = await admin(server(), 'GET', `/admin/v1/master/product/${productId}`);
    expect(hq.json<{ fields: Record<string, { value: unknown }> }>().fields.sku?.value).toBe('HQ-1');
    const seen = (await two.founder.pullAll()).changes.flatMap((c) => (c.kind === 'master' && c.bucket === 'master' && c.entity !== 'branch' ? [c] : []));
    expect(seen.map((c) => [c.id, c.fields.sku?.value])).toEqual([
      [productId, 'HQ-1'],
      [seededId, 'NEW-1'],
    ]);
    expect(seen[1]!.fields.lotTracked).toEqual({ value: true, hlc: seed.hlc });
  });
});
