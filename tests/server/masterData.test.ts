import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeServer, newId, type TestServer } from './serverHarness';
import { admin } from './testDevice';

interface ListPage {
  rows: { id: string; values: Record<string, unknown> }[];
  total: number;
  refs: Record<string, { code: string | null; name: string | null }>;
}

async function put(server: TestServer, entity: string, id: string, fields: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return admin(server, 'PUT', `/admin/v1/master/${entity}/${id}`, { fields });
}

async function create(server: TestServer, entity: string, fields: Record<string, unknown>): Promise<string> {
  const id = newId();
  const res = await put(server, entity, id, fields);
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

async function list(server: TestServer, entity: string, query = ''): Promise<ListPage> {
  const res = await admin(server, 'GET', `/admin/v1/master/${entity}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListPage>();
}

/** What head office holds and sends: master rows and change-feed entries. */
async function stored(server: TestServer): Promise<{ rows: number; changes: number }> {
  const db = server.opened.db;
  const result = (await db.execute(sql`SELECT (SELECT count(*) FROM master_rows) AS rows, (SELECT count(*) FROM changes) AS changes`)) as unknown as { rows: { rows: unknown; changes: unknown }[] };
  const r = result.rows[0];
  return { rows: Number(r?.rows), changes: Number(r?.changes) };
}

async function product(server: TestServer, sku: string, nameZh: string, units: [string, number][] = [['EA', 1]]): Promise<string> {
  const id = await create(server, 'product', { sku, nameZh, nameEn: sku, baseUnitCode: units[0]![0], taxRateBp: 1300, active: true });
  for (const [code, factor] of units) await create(server, 'product_unit', { productId: id, code, nameZh: code, nameEn: code, factor });
  return id;
}

describeServer('head-office master data', (server) => {
  it('customers are listed by code, found by code, name, region or salesperson, and paged with a total', async () => {
    for (let i = 1; i <= 12; i++) {
      await create(server(), 'customer', { code: `C${String(i).padStart(3, '0')}`, name: i % 2 ? `华润万家${i}店` : `便利蜂${i}号`, channel: i % 2 ? 'supermarket' : 'convenience', region: i <= 6 ? '天河' : '海珠', salesperson: i === 7 ? '王芳' : '李强' });
    }
    const first = await list(server(), 'customer', '?limit=5');
    expect(first.total).toBe(12);
    expect(first.rows.map((r) => r.values.code)).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    const third = await list(server(), 'customer', '?limit=5&offset=10');
    expect(third.rows.map((r) => r.values.code)).toEqual(['C011', 'C012']);
    expect((await list(server(), 'customer', `?q=${encodeURIComponent('便利蜂')}`)).total).toBe(6);
    expect((await list(server(), 'customer', `?q=${encodeURIComponent('海珠')}`)).total).toBe(6);
    expect((await list(server(), 'customer', `?q=${encodeURIComponent('王芳')}`)).rows.map((r) => r.values.code)).toEqual(['C007']);
    expect((await list(server(), 'customer', '?q=c01')).rows.map((r) => r.values.code)).toEqual(['C010', 'C011', 'C012']);
    // A % in the search is a character, not a wildcard.
    expect((await list(server(), 'customer', '?q=%25')).total).toBe(0);
  });

  it("a price list's items are found by the product's SKU or name and carry the product's code and name", async () => {
    const cola = await product(server(), 'COLA-330', '可乐 330ml', [['EA', 1], ['CS', 24]]);
    const tea = await product(server(), 'TEA-500', '绿茶 500ml');
    const std = await create(server(), 'price_list', { code: 'STD', nameZh: '标准价', nameEn: 'Standard', active: true });
    const key = await create(server(), 'price_list', { code: 'KA', nameZh: '大客户价', nameEn: 'Key accounts', active: true });
    await create(server(), 'price_list_item', { priceListId: std, productId: cola, unitCode: 'EA', priceFen: 250 });
    await create(server(), 'price_list_item', { priceListId: std, productId: cola, unitCode: 'CS', priceFen: 5600 });
    await create(server(), 'price_list_item', { priceListId: std, productId: tea, unitCode: 'EA', priceFen: 300 });
    await create(server(), 'price_list_item', { priceListId: key, productId: tea, unitCode: 'EA', priceFen: 280 });

    const items = await list(server(), 'price_list_item', `?priceListId=${std}`);
    expect(items.rows.map((r) => [items.refs[r.values.productId as string]?.code, r.values.unitCode, r.values.priceFen])).toEqual([
      ['COLA-330', 'CS', 5600],
      ['COLA-330', 'EA', 250],
      ['TEA-500', 'EA', 300],
    ]);
    expect(items.refs[std]).toEqual({ entity: 'price_list', code: 'STD', name: '标准价' });
    const found = await list(server(), 'price_list_item', `?priceListId=${std}&q=${encodeURIComponent('绿茶')}`);
    expect(found.rows.map((r) => r.values.priceFen)).toEqual([300]);
    expect((await list(server(), 'price_list', '?q=key')).rows.map((r) => r.values.code)).toEqual(['KA']);
    // Units of one product, for the price form.
    expect((await list(server(), 'product_unit', `?productId=${cola}`)).rows.map((r) => r.values.code)).toEqual(['EA', 'CS']);
  });

  it('listing refuses unknown parameters, out-of-range paging and a filter the entity does not have', async () => {
    expect((await admin(server(), 'GET', '/admin/v1/master/customer?limit=0')).statusCode).toBe(400);
    expect((await admin(server(), 'GET', '/admin/v1/master/customer?limit=501')).statusCode).toBe(400);
    expect((await admin(server(), 'GET', '/admin/v1/master/customer?colour=red')).statusCode).toBe(400);
    expect((await admin(server(), 'GET', `/admin/v1/master/customer?q=${'x'.repeat(101)}`)).statusCode).toBe(400);
    expect((await admin(server(), 'GET', `/admin/v1/master/customer?customerId=${newId()}`)).statusCode).toBe(400);
    expect((await admin(server(), 'GET', '/admin/v1/master/warehouse')).statusCode).toBe(400);
    expect((await server().app.inject({ method: 'GET', url: '/admin/v1/master/customer' })).statusCode).toBe(401);
  });

  it('bad master data is refused with the field named, and nothing is stored or sent to the branches', async () => {
    const cola = await product(server(), 'COLA-330', '可乐 330ml');
    const std = await create(server(), 'price_list', { code: 'STD', nameZh: '标准价', nameEn: 'Standard' });
    const customer = await create(server(), 'customer', { code: 'C001', name: '华联超市', channel: 'supermarket' });
    const before = await stored(server());
    const refusals: [string, string, Record<string, unknown>, number, string][] = [
      // A new customer needs code, name and channel.
      ['customer', newId(), { name: '无编码超市', channel: 'supermarket' }, 400, 'fields.code'],
      ['customer', newId(), { code: 'C002', name: '渠道错', channel: 'online' }, 400, 'fields.channel'],
      ['customer', customer, { creditLimitFen: -1 }, 400, 'fields.creditLimitFen'],
      ['customer', customer, { creditLimitFen: 12.5 }, 400, 'fields.creditLimitFen'],
      ['customer', customer, { minShelfLifePermille: 1001 }, 400, 'fields.minShelfLifePermille'],
      ['customer', customer, { contacts: '[{"name":"张三"}]' }, 400, 'fields.contacts'],
      ['customer', customer, { contacts: 'not json' }, 400, 'fields.contacts'],
      ['customer', customer, { favouriteColour: 'red' }, 400, 'fields.favouriteColour'],
      ['customer', customer, { priceListId: newId() }, 400, 'fields.priceListId'],
      ['customer', newId(), { code: 'C001', name: '重号', channel: 'restaurant' }, 409, 'fields.code'],
      ['price_list_item', newId(), { priceListId: std, productId: cola, unitCode: 'EA' }, 400, 'fields.priceFen'],
      ['price_list_item', newId(), { priceListId: std, productId: cola, unitCode: 'EA', priceFen: -5 }, 400, 'fields.priceFen'],
      ['price_list_item', newId(), { priceListId: std, productId: cola, unitCode: 'CS', priceFen: 500 }, 400, 'fields.unitCode'],
      ['price_list_item', newId(), { priceListId: newId(), productId: cola, unitCode: 'EA', priceFen: 500 }, 400, 'fields.priceListId'],
      ['customer_price', newId(), { customerId: customer, productId: newId(), unitCode: 'EA', priceFen: 500 }, 400, 'fields.productId'],
      ['promotion', newId(), { code: 'P1', nameZh: '买十送一', nameEn: 'Buy 10 get 1', kind: 'free_goods', productId: cola, minQty: 10, startsOn: '2026-04-01', endsOn: '2026-04-30' }, 400, 'fields.freeProductId'],
      ['promotion', newId(), { code: 'P2', nameZh: '量大优惠', nameEn: 'Volume', kind: 'volume_discount', productId: cola, minQty: 48, discountBp: 500, startsOn: '2026-05-01', endsOn: '2026-04-30' }, 400, 'fields.endsOn'],
      ['promotion', newId(), { code: 'P3', nameZh: '量大优惠', nameEn: 'Volume', kind: 'volume_discount', productId: cola, minQty: 48, startsOn: '2026-04-01', endsOn: '2026-04-30' }, 400, 'fields.discountBp'],
      ['promotion', newId(), { code: 'P4', nameZh: '日期错', nameEn: 'Bad date', kind: 'volume_discount', productId: cola, minQty: 48, discountBp: 500, startsOn: '2026-02-30', endsOn: '2026-04-30' }, 400, 'fields.startsOn'],
      ['product', cola, { priceFloorFen: -1 }, 400, 'fields.priceFloorFen'],
    ];
    for (const [entity, id, fields, status, path] of refusals) {
      const res = await put(server(), entity, id, fields);
      expect(res.statusCode, `${entity} ${JSON.stringify(fields)}: ${res.body}`).toBe(status);
      const body = res.json<{ error: { message: string; details: { issues: { path: string }[] } } }>();
      expect(body.error.details.issues.map((i) => i.path)).toContain(path);
      expect(body.error.message).toContain(path.replace('fields.', ''));
    }
    expect(await stored(server())).toEqual(before);
    const kept = (await admin(server(), 'GET', `/admin/v1/master/customer/${customer}`)).json<{ fields: Record<string, { value: unknown }> }>().fields;
    expect(Object.keys(kept).sort()).toEqual(['channel', 'code', 'name']);
  });

  it('valid customers, prices and promotions of both kinds are stored as typed, text trimmed and contacts normalised', async () => {
    const cola = await product(server(), 'COLA-330', '可乐 330ml');
    const gift = await product(server(), 'GIFT-1', '赠品杯');
    const customer = await create(server(), 'customer', {
      code: ' C100 ',
      name: '华润万家天河店',
      channel: 'supermarket',
      customerClass: 'key',
      creditLimitFen: 5_000_000,
      paymentTermsDays: 45,
      minShelfLifePermille: 667,
      contacts: JSON.stringify([{ name: '张三', role: '采购', phone: '138' }]),
      priceListId: null,
      active: true,
    });
    const view = (await admin(server(), 'GET', `/admin/v1/master/customer/${customer}`)).json<{ fields: Record<string, { value: unknown }> }>().fields;
    expect(view.code?.value).toBe('C100');
    expect(view.contacts?.value).toBe('[{"name":"张三","role":"采购","phone":"138"}]');
    await create(server(), 'customer_price', { customerId: customer, productId: cola, unitCode: 'EA', priceFen: 230 });
    await create(server(), 'promotion', { code: 'P1', nameZh: '买十送一', nameEn: 'Buy 10 get 1', kind: 'free_goods', productId: cola, minQty: 10, freeProductId: gift, freeQty: 1, channel: null, startsOn: '2026-04-01', endsOn: '2026-04-30', active: true });
    await create(server(), 'promotion', { code: 'P2', nameZh: '整箱九五折', nameEn: '5 % off cases', kind: 'volume_discount', productId: cola, minQty: 24, discountBp: 500, channel: 'convenience', startsOn: '2026-04-01', endsOn: '2026-04-01', active: true });
    const promotions = await list(server(), 'promotion');
    expect(promotions.rows.map((r) => [r.values.code, r.values.kind])).toEqual([
      ['P1', 'free_goods'],
      ['P2', 'volume_discount'],
    ]);
    expect(promotions.refs[gift]?.code).toBe('GIFT-1');
    const prices = await list(server(), 'customer_price', `?customerId=${customer}`);
    expect(prices.rows.map((r) => r.values.priceFen)).toEqual([230]);
    // Editing one field of an existing row needs only that field.
    expect((await put(server(), 'product', cola, { priceFloorFen: 200 })).statusCode).toBe(200);
    expect((await put(server(), 'product', cola, { priceFloorFen: null })).statusCode).toBe(200);
  });
});

describeServer('head-office return policy', (server) => {
  it('return windows by customer class and category are stored, listed with the category named, and bad ones refused with nothing stored', async () => {
    const category = await create(server(), 'category', { code: 'DAIRY-FRESH', nameZh: '低温鲜奶', nameEn: 'Fresh milk' });
    await create(server(), 'return_window', { customerClass: null, categoryId: null, windowDays: 14 });
    await create(server(), 'return_window', { customerClass: 'key', categoryId: null, windowDays: 30 });
    await create(server(), 'return_window', { customerClass: null, categoryId: category, windowDays: 3 });
    const page = await list(server(), 'return_window');
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.values.windowDays).sort((a, b) => Number(a) - Number(b))).toEqual([3, 14, 30]);
    expect(page.refs[category]).toMatchObject({ code: 'DAIRY-FRESH' });

    const before = await stored(server());
    const negative = await put(server(), 'return_window', newId(), { customerClass: null, categoryId: null, windowDays: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('fields.windowDays');
    const badClass = await put(server(), 'return_window', newId(), { customerClass: 'vip', categoryId: null, windowDays: 7 });
    expect(badClass.statusCode).toBe(400);
    expect(badClass.body).toContain('fields.customerClass');
    const unknownCategory = await put(server(), 'return_window', newId(), { customerClass: null, categoryId: newId(), windowDays: 7 });
    expect(unknownCategory.statusCode).toBe(400);
    expect(await stored(server())).toEqual(before);
  });
});
