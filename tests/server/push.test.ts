import { expect, it } from 'vitest';
import { MAX_PUSH_OPS, pushRequest, type OutboxOp, type StockDocumentArgs } from '../../src-main/sync/protocol';
import { createServer } from '../../src-server/createServer';
import { checkPush } from '../../src-server/sync/pushOps';
import { balanceOf, branchRows, ingested, lastSeqOf, movementTotal, openExceptions } from './dbCounts';
import { adminToken, describeServer, newId } from './serverHarness';
import { createBranch, enrolDevice, errorCode, foundBranch, warehousesFor } from './testDevice';

describeServer('push', (server) => {
  it('a receipt raises the balance once; the same batch pushed again is all skipped and nothing is duplicated', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const batch = [founder.documentOp(main, [{ productId: product, lotId: lot, qty: 24 }]), founder.documentOp(main, [{ productId: product, lotId: lot, qty: 12 }])];

    const first = await founder.push(batch);
    expect(first).toMatchObject({ applied: 2, skipped: 0, rejected: [], stoppedAtGap: false, lastSeq: 3 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(36);
    const after = await branchRows(server(), branch.id);
    expect(after).toMatchObject({ documents: 2, movements: 2, balances: 1 });

    const replay = await founder.push(batch);
    expect(replay).toMatchObject({ applied: 0, skipped: 2, rejected: [], stoppedAtGap: false, lastSeq: 3 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(36);
    expect(await branchRows(server(), branch.id)).toEqual(after);
    expect(await movementTotal(server(), branch.id)).toEqual({ movements: 36, balances: 36 });
  });

  it('a hole in the seqs stops the batch there; the ops after it apply once the hole is filled', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const [op2, op3, op4] = [1, 2, 3].map(() => founder.documentOp(main, [{ productId: product, lotId: lot, qty: 10 }])) as [OutboxOp, OutboxOp, OutboxOp];

    const holed = await founder.push([op4, op2]);
    expect(holed).toMatchObject({ applied: 1, skipped: 0, stoppedAtGap: true, lastSeq: 2 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(10);

    const onlyLater = await founder.push([op4]);
    expect(onlyLater).toMatchObject({ applied: 0, stoppedAtGap: true, lastSeq: 2 });

    const filled = await founder.push([op2, op3, op4]);
    expect(filled).toMatchObject({ applied: 2, skipped: 1, stoppedAtGap: false, lastSeq: 4 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(30);
  });

  it('poison ops are rejected and recorded, last_seq moves past them, later ops apply, and the device hears why by pull', async () => {
    const other = await foundBranch(server, 'SH02');
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const unknownName = founder.op('stock.teleport', { anything: true });
    const newerVersion = founder.op('stock.receive', founder.documentArgs(main, [{ productId: product, lotId: lot, qty: 1 }]), { version: 2 });
    const badArgs = founder.op('stock.receive', { document: { id: 'not-a-uuid' } });
    const strangersWarehouse = founder.documentOp(other.warehouses[0]!.id, [{ productId: product, lotId: lot, qty: 5 }]);
    const good = founder.documentOp(main, [{ productId: product, lotId: lot, qty: 7 }]);

    const res = await founder.push([unknownName, newerVersion, badArgs, strangersWarehouse, good]);
    expect(res.applied).toBe(1);
    expect(res.lastSeq).toBe(6);
    expect(res.rejected.map((r) => [r.seq, r.code])).toEqual([
      [2, 'UNKNOWN_OP'],
      [3, 'UNKNOWN_OP'],
      [4, 'INVALID_ARGS'],
      [5, 'FORBIDDEN'],
    ]);
    expect(res.rejected.every((r) => r.message.length > 0)).toBe(true);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(7);
    expect(await lastSeqOf(server(), founder.deviceId)).toBe(6);
    expect((await ingested(server(), founder.deviceId)).map((r) => [r.seq, r.status, r.code])).toEqual([
      [1, 'applied', null],
      [2, 'rejected', 'UNKNOWN_OP'],
      [3, 'rejected', 'UNKNOWN_OP'],
      [4, 'rejected', 'INVALID_ARGS'],
      [5, 'rejected', 'FORBIDDEN'],
      [6, 'applied', null],
    ]);

    const pulled = await founder.pullAll();
    const rejections = pulled.changes.flatMap((c) => (c.kind === 'rejection' ? [c.rejection] : []));
    expect(rejections.map((r) => [r.seq, r.opId, r.code])).toEqual(res.rejected.map((r) => [r.seq, r.opId, r.code]));
    // Rejections are for the device that pushed the op, not for its branch's other PCs.
    expect((await sibling.pullAll()).changes.filter((c) => c.kind === 'rejection')).toEqual([]);
  });

  it('a forged push for another branch writes nothing for that branch; a payload branch id is replaced by the token branch', async () => {
    const victim = await foundBranch(server, 'SH02');
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const before = await branchRows(server(), victim.branch.id);
    const product = newId();
    const lot = newId();
    const theirs = victim.warehouses[0]!.id;
    const mine = warehouses[0]!.id;

    const forged = [
      founder.documentOp(theirs, [{ productId: product, lotId: lot, qty: 100 }], victim.branch.id),
      founder.documentOp(mine, [{ productId: product, lotId: lot, qty: -50, warehouseId: theirs }], victim.branch.id),
      founder.setupOp([{ id: newId(), code: 'X', name: 'x', kind: 'main' }], victim.branch),
      founder.op('setup.createBranch', { branch: victim.branch, warehouses: victim.warehouses }),
      founder.documentOp(mine, [{ productId: product, lotId: lot, qty: 3 }], victim.branch.id),
    ];
    const res = await founder.push(forged);
    expect(res.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(res.applied).toBe(1);
    expect(await branchRows(server(), victim.branch.id)).toEqual(before);
    // The one that applied did so in the pusher's own branch.
    expect(await balanceOf(server(), branch.id, mine, product, lot)).toBe(3);
    const victimSees = await victim.founder.pullAll();
    // Only its own warehouses and head office's branch directory (master data every branch gets) reach it.
    expect(victimSees.changes.filter((c) => c.kind !== 'master' || (c.bucket !== 'warehouses' && c.entity !== 'branch'))).toEqual([]);
  });

  it('a document id or movement id that belongs to another branch cannot be claimed', async () => {
    const victim = await foundBranch(server, 'SH02');
    const { founder, warehouses } = await foundBranch(server, 'BJ01');
    const product = newId();
    const lot = newId();
    const original = victim.founder.documentArgs(victim.warehouses[0]!.id, [{ productId: product, lotId: lot, qty: 9 }]);
    expect((await victim.founder.push([victim.founder.op('stock.receive', original)])).applied).toBe(1);

    const sameDocument = founder.documentArgs(warehouses[0]!.id, [{ productId: product, lotId: lot, qty: 1 }]);
    sameDocument.document.id = original.document.id;
    for (const m of sameDocument.movements) m.documentId = original.document.id;
    const sameMovement = founder.documentArgs(warehouses[0]!.id, [{ productId: product, lotId: lot, qty: 1 }]);
    sameMovement.movements[0]!.id = original.movements[0]!.id;
    const res = await founder.push([founder.op('stock.receive', sameDocument), founder.op('stock.receive', sameMovement)]);
    expect(res.rejected.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(await balanceOf(server(), victim.branch.id, victim.warehouses[0]!.id, product, lot)).toBe(9);
  });

  it('a document part applies only after its document and only from the device that posted it; the other PCs of the branch pull both', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const other = await enrolDevice(server, branch);
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const whole = founder.documentArgs(main, [1, 2, 3, 4].map((qty) => ({ productId: product, lotId: lot, qty })));
    const part = { documentId: whole.document.id, part: 1, lines: whole.lines.slice(2), lots: [], movements: whole.movements.slice(2) };
    const document = { ...whole, lines: whole.lines.slice(0, 2), movements: whole.movements.slice(0, 2) };

    const early = await founder.push([founder.op('stock.documentPart', part)]);
    expect(early.rejected.map((r) => r.code)).toEqual(['DOCUMENT_UNKNOWN']);
    const res = await founder.push([founder.op('stock.receive', document), founder.op('stock.documentPart', part)]);
    expect(res).toMatchObject({ applied: 2, rejected: [] });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(10);

    // Another PC of the branch may not add lines to the founder's document.
    const forged = { ...part, part: 2, lines: [{ ...whole.lines[0]!, id: newId(), lineNo: 5 }], movements: [{ ...whole.movements[0]!, id: newId() }] };
    expect((await other.push([other.op('stock.documentPart', forged)])).rejected.map((r) => r.code)).toEqual(['FORBIDDEN']);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(10);

    const pulled = await other.pullAll();
    const ops = pulled.changes.flatMap((c) => (c.kind === 'op' && c.bucket === 'documents' ? [c.name] : []));
    expect(ops).toEqual(['stock.receive', 'stock.documentPart']);
  });

  it('one batch of replayed, seen, new, refused and oversold ops and a hole: each settles as it would alone, in seq order, and stops at the hole', async () => {
    const other = await foundBranch(server, 'SH02');
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const main = warehouses[0]!.id;
    const [p, q] = [newId(), newId()];
    const [lotP, lotQ] = [newId(), newId()];
    const first = founder.documentOp(main, [{ productId: p, lotId: lotP, qty: 10 }]);
    expect(await founder.push([first])).toMatchObject({ applied: 1, lastSeq: first.seq });

    const seenUnderNewSeq = { ...first, seq: founder.nextSeq++ };
    const receipt = founder.documentOp(main, [{ productId: p, lotId: lotP, qty: 5 }]);
    const unknown = founder.op('stock.teleport', { anything: true });
    const invalid = founder.op('stock.receive', { document: { id: 'not-a-uuid' } });
    const forbidden = founder.documentOp(other.warehouses[0]!.id, [{ productId: p, lotId: lotP, qty: 99 }]);
    // Sells 20 of the 15 there: an exception opens at -5; the receipt after it in the batch resolves it.
    const oversell = founder.documentOp(main, [{ productId: p, lotId: lotP, qty: -20 }]);
    const refill = founder.documentOp(main, [
      { productId: p, lotId: lotP, qty: 8 },
      { productId: q, lotId: lotQ, qty: 3 },
    ]);
    const hole = founder.nextSeq++;
    const afterHole = founder.documentOp(main, [{ productId: q, lotId: lotQ, qty: 100 }]);

    const res = await founder.push([afterHole, refill, oversell, forbidden, invalid, unknown, receipt, seenUnderNewSeq, first]);
    expect(res).toMatchObject({ applied: 3, skipped: 2, stoppedAtGap: true, lastSeq: refill.seq });
    expect(res.rejected.map((r) => [r.seq, r.opId, r.code])).toEqual([
      [unknown.seq, unknown.opId, 'UNKNOWN_OP'],
      [invalid.seq, invalid.opId, 'INVALID_ARGS'],
      [forbidden.seq, forbidden.opId, 'FORBIDDEN'],
    ]);
    // Every seq settled has its ingest row but the one seen before under another seq.
    expect((await ingested(server(), founder.deviceId)).map((r) => [r.seq, r.status, r.code])).toEqual([
      [1, 'applied', null],
      [first.seq, 'applied', null],
      [receipt.seq, 'applied', null],
      [unknown.seq, 'rejected', 'UNKNOWN_OP'],
      [invalid.seq, 'rejected', 'INVALID_ARGS'],
      [forbidden.seq, 'rejected', 'FORBIDDEN'],
      [oversell.seq, 'applied', null],
      [refill.seq, 'applied', null],
    ]);
    expect(await balanceOf(server(), branch.id, main, p, lotP)).toBe(3);
    expect(await balanceOf(server(), branch.id, main, q, lotQ)).toBe(3);
    expect(await movementTotal(server(), branch.id)).toEqual({ movements: 6, balances: 6 });
    expect(await openExceptions(server(), branch.id)).toEqual([]);

    // The sibling hears the documents in seq order and the exception opened and resolved; the
    // founder hears the exception too and of its refused ops (after the batch's effects), but
    // nothing of its own documents.
    const relayed = (await sibling.pullAll()).changes.flatMap((c): (string | number)[][] =>
      c.kind === 'op' ? [[c.kind, (c.args as { document: { id: string } }).document.id]] : c.kind === 'exception' ? [[c.kind, c.exception.status, c.exception.qty]] : [],
    );
    const docId = (op: OutboxOp) => (op.args as { document: { id: string } }).document.id;
    expect(relayed).toEqual([
      ['op', docId(first)],
      ['op', docId(receipt)],
      ['op', docId(oversell)],
      ['exception', 'open', -5],
      ['op', docId(refill)],
      ['exception', 'resolved', -5],
    ]);
    const told = (await founder.pullAll()).changes.map((c) => (c.kind === 'rejection' ? c.rejection.seq : c.kind));
    expect(told.filter((t) => t !== 'master')).toEqual(['exception', 'exception', unknown.seq, invalid.seq, forbidden.seq]);

    // Once the hole is filled, the rest applies.
    const filled = founder.op('stock.teleport', { filler: true }, { seq: hole });
    expect(await founder.push([filled, afterHole])).toMatchObject({ applied: 1, lastSeq: afterHole.seq });
    expect(await balanceOf(server(), branch.id, main, q, lotQ)).toBe(103);
  });

  it('an op id settled before is not applied again under a new seq', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const op = founder.documentOp(main, [{ productId: product, lotId: lot, qty: 4 }]);
    await founder.push([op]);
    const again = await founder.push([{ ...op, seq: founder.nextSeq++ }]);
    expect(again).toMatchObject({ applied: 0, skipped: 1, lastSeq: 3 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(4);
  });

  it('a different op under a settled seq (a PC ledger restored from backup) is refused as SEQ_REUSED, not silently dropped', async () => {
    const { founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    await founder.push([founder.documentOp(main, [{ productId: newId(), lotId: newId(), qty: 1 }])]);
    const reused = founder.documentOp(main, [{ productId: newId(), lotId: newId(), qty: 1 }], undefined);
    const res = await founder.push([{ ...reused, seq: 2 }]);
    expect(res.applied).toBe(0);
    expect(res.rejected.map((r) => [r.seq, r.code])).toEqual([[2, 'SEQ_REUSED']]);
    expect(res.lastSeq).toBe(2);
  });

  it('an op the database cannot store (a NUL character) is rejected alone; the ops around it in the batch apply', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const sibling = await enrolDevice(server, branch, null);
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const before = founder.documentOp(main, [{ productId: product, lotId: lot, qty: 3 }]);
    const poisoned = founder.documentArgs(main, [{ productId: product, lotId: lot, qty: 100 }]);
    // A text column cannot hold NUL (the op's payload, kept as json text, could).
    poisoned.document.docNo = 'BJ01-GR-\u0000';
    const poison = founder.op('stock.receive', poisoned);
    const after = founder.documentOp(main, [{ productId: product, lotId: lot, qty: 4 }]);
    const res = await founder.push([before, poison, after]);
    expect(res.applied).toBe(2);
    expect(res.rejected.map((r) => [r.seq, r.code])).toEqual([[poison.seq, 'INVALID_ARGS']]);
    expect(res.lastSeq).toBe(after.seq);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(7);
    const relayed = (await sibling.pullAll()).changes.flatMap((c) => (c.kind === 'op' ? [c] : []));
    expect(relayed).toHaveLength(2);
  });

  it('a warehouse code the branch already uses is a CONFLICT rejection, not a failed push', async () => {
    const { branch, founder } = await foundBranch(server, 'BJ01');
    const res = await founder.push([founder.setupOp([{ id: newId(), code: 'MAIN', name: '又一个主仓', kind: 'main' }])]);
    expect(res.rejected.map((r) => r.code)).toEqual(['CONFLICT']);
    expect((await branchRows(server(), branch.id)).warehouses).toBe(2);
  });

  it("a founding PC's first batch can set up the branch and post into its new warehouses at once", async () => {
    const branch = await createBranch(server(), 'GZ03');
    const founder = await enrolDevice(server, branch, 'GZ03');
    const wh = warehousesFor('GZ03');
    const product = newId();
    const lot = newId();
    const res = await founder.push([founder.setupOp(wh), founder.documentOp(wh[0]!.id, [{ productId: product, lotId: lot, qty: 12 }])]);
    expect(res).toMatchObject({ applied: 2, rejected: [], lastSeq: 2 });
    expect(await balanceOf(server(), branch.id, wh[0]!.id, product, lot)).toBe(12);
  });

  it('a second PC cannot found its branch again; the founding PC may push its setup again', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    // Enrolment already refuses a second PC with a ledger of its own (enrolment.test.ts); one
    // that joined and then pushes a setup anyway is refused here too.
    const second = await enrolDevice(server, branch, null);
    const res = await second.push([second.setupOp([{ id: newId(), code: 'MAIN2', name: '二号仓', kind: 'main' }])]);
    expect(res.rejected.map((r) => r.code)).toEqual(['BRANCH_ALREADY_FOUNDED']);
    const again = await founder.push([founder.setupOp(warehouses)]);
    expect(again.applied).toBe(1);
    expect((await branchRows(server(), branch.id)).warehouses).toBe(2);
  });

  it('a clock an hour ahead is refused with CLOCK_AHEAD and nothing is applied; a few minutes ahead is fine', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const op = founder.documentOp(main, [{ productId: product, lotId: lot, qty: 5 }]);
    const ahead = await founder.pushRaw(founder.pushBody([op], { sentAt: server().clock.now + 3_600_000 }));
    expect(ahead.statusCode).toBe(409);
    expect(errorCode(ahead)).toBe('CLOCK_AHEAD');
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBeUndefined();
    expect(await lastSeqOf(server(), founder.deviceId)).toBe(1);

    const pullAhead = await founder.pullRaw(founder.pullBody(0, { sentAt: server().clock.now + 3_600_000 }));
    expect(pullAhead.statusCode).toBe(409);
    expect(errorCode(pullAhead)).toBe('CLOCK_AHEAD');

    const slightly = await founder.pushRaw(founder.pushBody([op], { sentAt: server().clock.now + 4 * 60_000 }));
    expect(slightly.statusCode).toBe(200);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(5);
  });

  it('protocol version 99 is told to update (426), even when its body has fields this server does not know', async () => {
    const { founder, warehouses } = await foundBranch(server, 'BJ01');
    const op = founder.documentOp(warehouses[0]!.id, [{ productId: newId(), lotId: newId(), qty: 5 }]);
    for (const res of [
      await founder.pushRaw(founder.pushBody([op], { protocolVersion: 99, compression: 'zstd' })),
      await founder.pullRaw(founder.pullBody(0, { protocolVersion: 99 })),
      await server().app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { protocolVersion: 99, code: 'AAAA-BBBB-CCCC' } }),
    ]) {
      expect(res.statusCode).toBe(426);
      expect(errorCode(res)).toBe('UPDATE_REQUIRED');
    }
    expect(await lastSeqOf(server(), founder.deviceId)).toBe(1);
  });

  it('unknown fields anywhere in a request are refused with 400 and nothing is stored', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const op = founder.documentOp(warehouses[0]!.id, [{ productId: newId(), lotId: newId(), qty: 5 }]);
    const before = await branchRows(server(), branch.id);
    for (const res of [
      await founder.pushRaw(founder.pushBody([op], { debug: true })),
      await founder.pushRaw(founder.pushBody([{ ...op, priority: 1 } as OutboxOp])),
      await founder.pullRaw(founder.pullBody(0, { since: 0 })),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('BAD_REQUEST');
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await branchRows(server(), branch.id)).toEqual(before);
  });

  it('unknown fields inside an op args are a rejection of that op (INVALID_ARGS), not stored', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const args = founder.documentArgs(warehouses[0]!.id, [{ productId: newId(), lotId: newId(), qty: 5 }]);
    const res = await founder.push([founder.op('stock.receive', { ...args, document: { ...args.document, secret: 'x' } })]);
    expect(res.rejected.map((r) => r.code)).toEqual(['INVALID_ARGS']);
    expect((await branchRows(server(), branch.id)).documents).toBe(0);
  });

  it('malformed JSON is a 400 with the protocol error body', async () => {
    const { founder } = await foundBranch(server, 'BJ01');
    const res = await server().app.inject({
      method: 'POST',
      url: '/sync/v1/push',
      headers: { authorization: `Bearer ${founder.token}`, 'content-type': 'application/json' },
      payload: '{"protocolVersion": 1, "ops": [',
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
  });

  it('a body over the push limit gets 413 PAYLOAD_TOO_LARGE and nothing is applied', async () => {
    const { founder, warehouses } = await foundBranch(server, 'BJ01');
    const op = founder.documentOp(warehouses[0]!.id, [{ productId: newId(), lotId: newId(), qty: 5 }]);
    const body = JSON.stringify(founder.pushBody([op, { ...op, seq: op.seq + 1, args: { padding: 'x'.repeat(1_100_000) } }]));
    const res = await founder.pushRaw(body);
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await lastSeqOf(server(), founder.deviceId)).toBe(1);
  });

  /** A founded branch and a full batch of one-unit receipts of one product and lot into its main warehouse. */
  async function fullBatch() {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const ops = Array.from({ length: MAX_PUSH_OPS }, () => founder.documentOp(main, [{ productId: product, lotId: lot, qty: 1 }]));
    return { branch, founder, main, product, lot, ops };
  }

  it('a full batch of 500 ops close to 1 MB is accepted and applied in one go', async () => {
    const { branch, founder, main, product, lot, ops } = await fullBatch();
    const size = Buffer.byteLength(JSON.stringify(founder.pushBody(ops)));
    expect(size).toBeGreaterThan(800_000);
    expect(size).toBeLessThanOrEqual(1_000_000);
    const res = await founder.push(ops);
    expect(res).toMatchObject({ applied: MAX_PUSH_OPS, lastSeq: MAX_PUSH_OPS + 1 });
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(MAX_PUSH_OPS);
  });

  it('in a full batch, ops broken deep inside their args are refused with what is wrong and nothing of theirs is written; the others apply', async () => {
    const { branch, founder, main, product, lot, ops } = await fullBatch();
    const broken = new Map<number, (args: StockDocumentArgs) => void>([
      [17, (a) => void (a.movements[0]!.qty = 1.5)],
      [250, (a) => void (a.document.docNo = 'N'.repeat(41))],
      [499, (a) => void Object.assign(a.lines[0]!, { unexpected: true })],
    ]);
    for (const [i, breakIt] of broken) breakIt(ops[i]!.args as StockDocumentArgs);
    const res = await founder.push(ops);
    expect(res).toMatchObject({ applied: MAX_PUSH_OPS - broken.size, lastSeq: MAX_PUSH_OPS + 1, stoppedAtGap: false });
    expect(res.rejected.map((r) => [r.seq, r.code])).toEqual([...broken.keys()].map((i) => [ops[i]!.seq, 'INVALID_ARGS']));
    expect(res.rejected.map((r) => r.message)).toEqual([
      expect.stringContaining('movements.0.qty'),
      expect.stringContaining('document.docNo'),
      expect.stringContaining('lines.0'),
    ]);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(MAX_PUSH_OPS - broken.size);
    expect((await branchRows(server(), branch.id)).documents).toBe(MAX_PUSH_OPS - broken.size);
  });

  it('two pushes of the same batch at once settle every op exactly once', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const product = newId();
    const lot = newId();
    const ops = Array.from({ length: 20 }, () => founder.documentOp(main, [{ productId: product, lotId: lot, qty: 2 }]));
    const [a, b] = await Promise.all([founder.push(ops), founder.push(ops)]);
    expect(a.applied + b.applied).toBe(20);
    expect(a.skipped + b.skipped).toBe(20);
    expect(await balanceOf(server(), branch.id, main, product, lot)).toBe(40);
    expect((await branchRows(server(), branch.id)).movements).toBe(20);
  });

  it('a push waiting for the device lock holds one copy of its ops: a document op keeps the request parse of its args, nothing else of the request, and the route lets the body go', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    const main = warehouses[0]!.id;
    const body = founder.pushBody([founder.documentOp(main, [{ productId: newId(), lotId: newId(), qty: 3 }]), founder.op('stock.teleport', { anything: [true] })]);
    const checked = checkPush({ deviceId: founder.deviceId, branchId: branch.id, branchCode: branch.code }, pushRequest.parse(body));
    expect(checked.map((c) => ('valid' in c ? 'valid' : c.code))).toEqual(['valid', 'UNKNOWN_OP']);
    // The document's args passed the lean check: applied from the request's own parse, not from a copy by zod.
    const document = checked[0];
    expect(document && 'valid' in document ? document.valid.args : null).toBe(body.ops[0]?.args);
    const fromRequest = objectsIn(body);
    expect([...objectsIn(checked.map((c) => c.op))].filter((o) => fromRequest.has(o))).toEqual([]);

    // The route: what the request still holds once it is answered (a server of its own, for the hook).
    const app = createServer({ db: server().opened, clock: () => server().clock.now, adminToken });
    let bodyAfter: unknown = 'not seen';
    app.addHook('onResponse', async (request) => {
      bodyAfter = request.body;
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/sync/v1/push',
        headers: { authorization: `Bearer ${founder.token}` },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ applied: 1, rejected: [{ seq: 3, code: 'UNKNOWN_OP' }] });
      expect(bodyAfter).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

/** Every object and array reachable from a value. */
function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (value === null || typeof value !== 'object' || found.has(value)) return found;
  found.add(value);
  for (const v of Object.values(value)) objectsIn(v, found);
  return found;
}
