import { addDays } from '../core/businessDate';
import type { DemoCatalogue, DemoRandom } from '../../db/demo/catalogue';
import { all, run } from './sql';
import type { ServiceContext } from './types';

/**
 * The demo's sales terms, as head office would set them: a standard price list with case prices
 * a little under 24 bottles, cheaper lists for key accounts and wholesalers, a few customers'
 * own prices, price floors just above cost, salespeople per region and running promotions
 * (买一箱送两瓶, volume discounts), and the return policy (退货期限).
 */
export function seedDemoSales(ctx: ServiceContext, catalogue: DemoCatalogue, productIds: Map<string, string>, random: DemoRandom, today: string): void {
  const hlc = ctx.hlc();
  const lists = [
    { code: 'STD', nameZh: '标准价', nameEn: 'Standard', cut: 0 },
    { code: 'KA', nameZh: '重点客户价', nameEn: 'Key accounts', cut: 0.04 },
    { code: 'WHS', nameZh: '批发价', nameEn: 'Wholesale', cut: 0.08 },
  ].map((l) => ({ ...l, id: ctx.ids() }));
  for (const l of lists) {
    run(ctx.db, 'INSERT INTO price_lists (id, code, name_zh, name_en, active, hlc) VALUES (?, ?, ?, ?, 1, ?)', l.id, l.code, l.nameZh, l.nameEn, hlc);
  }
  const tenFen = (fen: number) => Math.max(10, Math.round(fen / 10) * 10);
  for (const p of catalogue.products) {
    const productId = productIds.get(p.sku);
    if (!productId) continue;
    run(ctx.db, 'UPDATE products SET price_floor_fen = ? WHERE id = ?', Math.ceil(p.costFen * 1.02), productId);
    for (const l of lists) {
      for (const u of p.units) {
        // A case sells 2 % under its bottles at the standard price.
        const perBase = p.priceFen * (1 - l.cut);
        const price = u.factor === 1 ? tenFen(perBase) : tenFen(perBase * u.factor * 0.98);
        run(ctx.db, 'INSERT INTO price_list_items (id, price_list_id, product_id, unit_code, price_fen, hlc) VALUES (?, ?, ?, ?, ?, ?)', ctx.ids(), l.id, productId, u.code, price, hlc);
      }
    }
  }
  const listByCode = new Map(lists.map((l) => [l.code, l.id]));
  const salespeople = ['王强', '李娜', '陈刚', '赵敏'];
  const customers = all<{ id: string; channel: string; customer_class: string; region: string }>(ctx.db, 'SELECT id, channel, customer_class, region FROM customers ORDER BY code');
  const regions = [...new Set(customers.map((c) => c.region))].sort();
  for (const c of customers) {
    const list = c.channel === 'wholesaler' ? 'WHS' : c.customer_class === 'key' ? 'KA' : null;
    const salesperson = salespeople[regions.indexOf(c.region) % salespeople.length] ?? '';
    const contacts = c.customer_class === 'key' ? JSON.stringify([{ name: '财务部', role: '对账 Accounts', phone: `020-${String(random.int(3000_0000, 8999_9999))}` }]) : '[]';
    run(ctx.db, 'UPDATE customers SET price_list_id = ?, salesperson = ?, contacts = ? WHERE id = ?', list ? (listByCode.get(list) ?? null) : null, salesperson, contacts, c.id);
  }
  const active = catalogue.products.filter((p) => p.active && p.units.some((u) => u.factor > 1));
  const pick = () => active[random.int(0, active.length - 1)];
  // A few key customers have their own price on a product they buy a lot of.
  for (const c of customers.filter((x) => x.customer_class === 'key').slice(0, 4)) {
    const p = pick();
    const productId = p ? productIds.get(p.sku) : undefined;
    if (!p || !productId) continue;
    run(
      ctx.db,
      'INSERT OR IGNORE INTO customer_prices (id, customer_id, product_id, unit_code, price_fen, hlc) VALUES (?, ?, ?, ?, ?, ?)',
      ctx.ids(),
      c.id,
      productId,
      p.baseUnitCode,
      tenFen(p.priceFen * 0.93),
      hlc,
    );
  }
  const used = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const p = pick();
    const productId = p ? productIds.get(p.sku) : undefined;
    if (!p || !productId || used.has(p.sku)) continue;
    used.add(p.sku);
    const caseUnit = [...p.units].sort((a, b) => b.factor - a.factor)[0];
    const factor = caseUnit?.factor ?? 1;
    const freeGoods = i % 2 === 0;
    run(
      ctx.db,
      `INSERT INTO promotions (id, code, name_zh, name_en, kind, product_id, min_qty, free_product_id, free_qty, discount_bp, channel, starts_on, ends_on, active, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      ctx.ids(),
      `PROMO${String(i + 1).padStart(2, '0')}`,
      freeGoods ? `${p.nameZh} 买一箱送两${unitName(p, p.baseUnitCode)}` : `${p.nameZh} 满五箱九七折`,
      freeGoods ? `${p.nameEn}: buy a case, get 2 free` : `${p.nameEn}: 3 % off 5 cases or more`,
      freeGoods ? 'free_goods' : 'volume_discount',
      productId,
      freeGoods ? factor : factor * 5,
      freeGoods ? productId : null,
      freeGoods ? 2 : null,
      freeGoods ? null : 300,
      null,
      addDays(today, -10),
      addDays(today, 20),
      hlc,
    );
  }
  // The return policy: two weeks after delivery, a month for key accounts, three days for fresh
  // milk and yogurt whoever the customer (the most specific row applies).
  const categories = new Map(all<{ id: string; code: string }>(ctx.db, 'SELECT id, code FROM categories').map((c) => [c.code, c.id]));
  const windows: [customerClass: 'key' | null, categoryCode: string | null, days: number][] = [
    [null, null, 14],
    ['key', null, 30],
    [null, 'DAIRY-FRESH', 3],
    [null, 'DAIRY-YOGURT', 3],
  ];
  for (const [customerClass, categoryCode, days] of windows) {
    const categoryId = categoryCode === null ? null : categories.get(categoryCode);
    if (categoryId === undefined) continue;
    run(ctx.db, 'INSERT INTO return_windows (id, customer_class, category_id, window_days, hlc) VALUES (?, ?, ?, ?, ?)', ctx.ids(), customerClass, categoryId, days, hlc);
  }
}

function unitName(p: DemoCatalogue['products'][number], code: string): string {
  return p.units.find((u) => u.code === code)?.nameZh ?? '';
}

/** The sales master data just seeded, as rows for head office (master.import). */
export function salesMasterRows(ctx: ServiceContext): { entity: string; id: string; fields: Record<string, unknown> }[] {
  const rows: { entity: string; id: string; fields: Record<string, unknown> }[] = [];
  const add = (entity: string, sql: string, booleans: string[] = []) => {
    for (const r of all<Record<string, unknown> & { id: string }>(ctx.db, sql)) {
      const { id, ...fields } = r;
      for (const b of booleans) fields[b] = fields[b] === 1;
      rows.push({ entity, id, fields });
    }
  };
  add('price_list', 'SELECT id, code, name_zh AS nameZh, name_en AS nameEn, active FROM price_lists', ['active']);
  add('price_list_item', 'SELECT id, price_list_id AS priceListId, product_id AS productId, unit_code AS unitCode, price_fen AS priceFen FROM price_list_items');
  add('customer_price', 'SELECT id, customer_id AS customerId, product_id AS productId, unit_code AS unitCode, price_fen AS priceFen FROM customer_prices');
  add(
    'promotion',
    `SELECT id, code, name_zh AS nameZh, name_en AS nameEn, kind, product_id AS productId, min_qty AS minQty, free_product_id AS freeProductId,
            free_qty AS freeQty, discount_bp AS discountBp, channel, starts_on AS startsOn, ends_on AS endsOn, active FROM promotions`,
    ['active'],
  );
  add('return_window', 'SELECT id, customer_class AS customerClass, category_id AS categoryId, window_days AS windowDays FROM return_windows');
  return rows;
}
