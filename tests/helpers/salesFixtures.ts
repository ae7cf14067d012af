import type { TestLedger } from './testLedger';

export interface SalesFixture {
  /** A key supermarket: key-account list, two thirds of shelf life required, 50,000 yuan credit. */
  supermarket: string;
  /** A restaurant on the standard list with 1,000 yuan credit. */
  restaurant: string;
  inactive: string;
  promotionId: string;
}

/**
 * Head office's sales terms for the test catalogue: standard list (water 2.00 a bottle, 45.60
 * a case; yogurt 5.00; tissue 8.00), key-account list 5 % under it, a price floor on water of
 * 1.50 a bottle, and "buy a case of yogurt, get 2 cartons free".
 */
export function seedSales(ledger: TestLedger): SalesFixture {
  const db = ledger.app.db.$client;
  const c = ledger.catalogue;
  const hlc = '000000000000000-00000-test';
  let n = 0;
  const id = () => `0190b000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  const std = id();
  const ka = id();
  db.prepare("INSERT INTO price_lists (id, code, name_zh, name_en, active, hlc) VALUES (?, 'STD', '标准价', 'Standard', 1, ?)").run(std, hlc);
  db.prepare("INSERT INTO price_lists (id, code, name_zh, name_en, active, hlc) VALUES (?, 'KA', '重点客户价', 'Key accounts', 1, ?)").run(ka, hlc);
  const price = (list: string, productId: string, unit: string, fen: number) =>
    db.prepare('INSERT INTO price_list_items (id, price_list_id, product_id, unit_code, price_fen, hlc) VALUES (?, ?, ?, ?, ?, ?)').run(id(), list, productId, unit, fen, hlc);
  price(std, c.water.id, 'EA', 200);
  price(std, c.water.id, 'CS24', 4560);
  price(std, c.yogurt.id, 'EA', 500);
  price(std, c.tissue.id, 'EA', 800);
  price(ka, c.water.id, 'EA', 190);
  db.prepare('UPDATE products SET price_floor_fen = 150 WHERE id = ?').run(c.water.id);
  const customer = (code: string, name: string, channel: string, cls: string, limitFen: number, permille: number, list: string | null, active = 1) => {
    const cid = id();
    db.prepare(
      `INSERT INTO customers (id, code, name, channel, customer_class, region, contact, phone, credit_limit_fen, payment_terms_days, min_shelf_life_permille,
         salesperson, price_list_id, active, hlc)
       VALUES (?, ?, ?, ?, ?, '天河区', '张经理', '13800000000', ?, 30, ?, '王强', ?, ?, ?)`,
    ).run(cid, code, name, channel, cls, limitFen, permille, list, active, hlc);
    return cid;
  };
  const supermarket = customer('C001', '华润万家天河店', 'supermarket', 'key', 5_000_000, 667, ka);
  const restaurant = customer('C002', '老广茶餐厅', 'restaurant', 'ordinary', 100_000, 0, null);
  const inactive = customer('C003', '已关门小卖部', 'convenience', 'ordinary', 100_000, 0, null, 0);
  const promotionId = id();
  db.prepare(
    `INSERT INTO promotions (id, code, name_zh, name_en, kind, product_id, min_qty, free_product_id, free_qty, discount_bp, channel, starts_on, ends_on, active, hlc)
     VALUES (?, 'P01', '安慕希买一箱送两盒', 'Yogurt: buy a case, get 2 free', 'free_goods', ?, 12, ?, 2, NULL, NULL, '2026-11-01', '2026-11-30', 1, ?)`,
  ).run(promotionId, c.yogurt.id, c.yogurt.id, hlc);
  return { supermarket, restaurant, inactive, promotionId };
}
