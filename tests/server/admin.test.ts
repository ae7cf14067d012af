import fc from 'fast-check';
import { expect, it } from 'vitest';
import { formatHlc } from '../../src-main/core/hlc';
import { pullResponse } from '../../src-main/sync/protocol';
import { describeServer, newId } from './serverHarness';
import { admin, enrolDevice, foundBranch } from './testDevice';

interface MasterView {
  fields: Record<string, { value: unknown; hlc: string }>;
  changed: string[];
}

describeServer('head office', (server) => {
  it('the overview lists branches with their devices, last sync and open exceptions', async () => {
    const { branch, founder, warehouses } = await foundBranch(server, 'BJ01');
    await foundBranch(server, 'SH02');
    const product = newId();
    const lot = newId();
    server().clock.now += 60_000;
    await founder.push([founder.documentOp(warehouses[0]!.id, [{ productId: product, lotId: lot, qty: -2 }])]);
    const res = await admin(server(), 'GET', '/admin/v1/overview');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ epoch: string; branches: { id: string; code: string; openExceptions: number; lastSyncAt: number; devices: { id: string; lastSeq: number }[] }[] }>();
    expect(body.branches.map((b) => b.code)).toEqual(['BJ01', 'SH02']);
    const bj = body.branches[0]!;
    expect(bj).toMatchObject({ id: branch.id, openExceptions: 1, lastSyncAt: server().clock.now });
    expect(bj.devices).toEqual([expect.objectContaining({ id: founder.deviceId, lastSeq: 2 })]);
  });

  it('stock by branch has totals over the whole selection and finds products by SKU or name', async () => {
    const one = await foundBranch(server, 'BJ01');
    const two = await foundBranch(server, 'SH02');
    const cola = newId();
    const tea = newId();
    for (const [id, sku, nameZh] of [
      [cola, 'COLA-330', '可乐 330ml'],
      [tea, 'TEA-500', '绿茶 500ml'],
    ] as const) {
      expect((await admin(server(), 'PUT', `/admin/v1/master/product/${id}`, { fields: { sku, nameZh, nameEn: sku, baseUnitCode: 'EA' } })).statusCode).toBe(200);
    }
    await one.founder.push([
      one.founder.documentOp(one.warehouses[0]!.id, [
        { productId: cola, lotId: newId(), qty: 24, valueFen: 4800, lotCode: '20261101A', expiryDate: '2027-05-01' },
        { productId: tea, lotId: newId(), qty: 12, valueFen: 3600 },
      ]),
    ]);
    await two.founder.push([two.founder.documentOp(two.warehouses[0]!.id, [{ productId: cola, lotId: newId(), qty: 6, valueFen: 1200 }])]);

    const all = (await admin(server(), 'GET', '/admin/v1/stock?limit=1')).json<{ rows: { sku: string }[]; total: { rows: number; qty: number; valueFen: number } }>();
    expect(all.rows).toHaveLength(1);
    expect(all.total).toEqual({ rows: 3, qty: 42, valueFen: 9600 });

    const bj = (await admin(server(), 'GET', `/admin/v1/stock?branchId=${one.branch.id}`)).json<{
      rows: { sku: string; productName: string; lotCode: string; expiryDate: string | null; qty: number; branchCode: string; warehouseCode: string }[];
    }>();
    expect(bj.rows.map((r) => [r.branchCode, r.warehouseCode, r.sku, r.productName, r.lotCode, r.expiryDate, r.qty])).toEqual([
      ['BJ01', 'MAIN', 'COLA-330', '可乐 330ml', '20261101A', '2027-05-01', 24],
      ['BJ01', 'MAIN', 'TEA-500', '绿茶 500ml', '', null, 12],
    ]);
    const found = (await admin(server(), 'GET', `/admin/v1/stock?q=${encodeURIComponent('可乐')}`)).json<{ rows: { sku: string }[]; total: { qty: number } }>();
    expect(found.rows.map((r) => r.sku)).toEqual(['COLA-330', 'COLA-330']);
    expect(found.total.qty).toBe(30);
    const bad = await admin(server(), 'GET', '/admin/v1/stock?limit=0&extra=1');
    expect(bad.statusCode).toBe(400);
  });

  it('the head-office page is self-contained, under a strict CSP, with no inline script', async () => {
    const page = await server().app.inject({ method: 'GET', url: '/admin' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\son[a-z]+=/i);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.body).toContain('总部');
    const js = await server().app.inject({ method: 'GET', url: '/admin/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toContain('sessionStorage');
    expect(js.body).not.toContain('innerHTML');
    expect((await server().app.inject({ method: 'GET', url: '/admin/app.css' })).statusCode).toBe(200);
  });

  it('a head-office edit reaches every branch as master data, stamped by the server HLC', async () => {
    const one = await foundBranch(server, 'BJ01');
    const customer = newId();
    const res = await admin(server(), 'PUT', `/admin/v1/master/customer/${customer}`, { fields: { code: 'C001', name: '华联超市', channel: 'supermarket', creditLimitFen: 5_000_000 } });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<MasterView>();
    expect(view.changed.sort()).toEqual(['channel', 'code', 'creditLimitFen', 'name']);
    expect(view.fields.name?.hlc).toMatch(/-ho$/);
    const joiner = await enrolDevice(server, one.branch, null);
    const pulled = pullResponse.parse((await joiner.pullRaw(joiner.pullBody(0))).json());
    expect(pulled.changes).toContainEqual(expect.objectContaining({ kind: 'master', entity: 'customer', id: customer, fields: view.fields }));

    const later = await admin(server(), 'PUT', `/admin/v1/master/customer/${customer}`, { fields: { creditLimitFen: 8_000_000 } });
    expect(later.json<MasterView>().fields.creditLimitFen?.value).toBe(8_000_000);
    expect(later.json<MasterView>().fields.name).toEqual(view.fields.name);
  });

  it('warehouses are not edited as head-office master data, and an HLC far ahead is refused', async () => {
    expect((await admin(server(), 'PUT', `/admin/v1/master/warehouse/${newId()}`, { fields: { name: 'x' } })).statusCode).toBe(400);
    const ahead = formatHlc({ ms: server().clock.now + 3_600_000, counter: 0, node: 'clerk1' });
    const res = await admin(server(), 'PUT', `/admin/v1/master/product/${newId()}`, { fields: { nameZh: 'x' }, hlc: { nameZh: ahead } });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('CLOCK_AHEAD');
  });

  it('concurrent edits of master data end the same whatever order they arrive in: per field, the later HLC wins', async () => {
    const clerks = ['clerk1', 'clerk2', 'clerk3'];
    const change = fc.oneof(
      fc.record({ field: fc.constant('nameZh'), value: fc.string({ minLength: 1, maxLength: 8 }).filter((v) => v.trim() === v && v !== '') }),
      fc.record({ field: fc.constant('priceFloorFen'), value: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ field: fc.constant('active'), value: fc.boolean() }),
    );
    const edit = fc.record({
      change,
      ms: fc.integer({ min: 0, max: 5 }),
      counter: fc.integer({ min: 0, max: 3 }),
      node: fc.constantFrom(...clerks),
    });
    const scenario = fc
      .uniqueArray(edit.map(({ change: c, ...at }) => ({ ...c, ...at })), { minLength: 1, maxLength: 12, selector: (e) => `${e.field}/${e.ms}/${e.counter}/${e.node}` })
      .chain((edits) => fc.tuple(fc.constant(edits), fc.shuffledSubarray(edits, { minLength: edits.length, maxLength: edits.length })));
    await fc.assert(
      fc.asyncProperty(scenario, async ([edits, shuffled]) => {
        const base = server().clock.now - 10_000;
        const stamp = (e: (typeof edits)[number]) => formatHlc({ ms: base + e.ms, counter: e.counter, node: e.node });
        // Each product is created first, stamped before every edit.
        const created = formatHlc({ ms: base - 1, counter: 0, node: 'clerk0' });
        const finals = [];
        for (const order of [edits, shuffled]) {
          const id = newId();
          const base = { sku: `P-${id.slice(0, 8)}`, nameZh: '新品', nameEn: 'New', baseUnitCode: 'EA' };
          const create = await admin(server(), 'PUT', `/admin/v1/master/product/${id}`, { fields: base, hlc: Object.fromEntries(Object.keys(base).map((f) => [f, created])) });
          expect(create.statusCode, create.body).toBe(200);
          for (const e of order) {
            const res = await admin(server(), 'PUT', `/admin/v1/master/product/${id}`, { fields: { [e.field]: e.value }, hlc: { [e.field]: stamp(e) } });
            expect(res.statusCode, res.body).toBe(200);
          }
          const { sku: _sku, ...fields } = (await admin(server(), 'GET', `/admin/v1/master/product/${id}`)).json<{ fields: MasterView['fields'] }>().fields;
          finals.push(fields);
        }
        const expected: MasterView['fields'] = { nameZh: { value: '新品', hlc: created }, nameEn: { value: 'New', hlc: created }, baseUnitCode: { value: 'EA', hlc: created } };
        for (const e of edits) {
          const current = expected[e.field];
          if (!current || stamp(e) > current.hlc) expected[e.field] = { value: e.value, hlc: stamp(e) };
        }
        expect(finals[0]).toEqual(expected);
        expect(finals[1]).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
