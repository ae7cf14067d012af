import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../src-main/core/ids';
import type { LedgerDb } from '../openLedgerDb';
import { createRandom } from './random';

export interface SalesTermsOptions {
  customers: number;
  seed: number;
  now: number;
}

const channels = ['supermarket', 'convenience', 'restaurant', 'wholesaler'] as const;
const channelNames: Record<(typeof channels)[number], string> = { supermarket: '超市', convenience: '便利店', restaurant: '餐厅', wholesaler: '批发部' };
const regions = ['天河区', '越秀区', '海珠区', '白云区', '番禺区', '黄埔区'];
const streets = ['中山路', '解放路', '人民路', '建设路', '新华街', '学府路', '滨江路', '花园街'];

/**
 * Head office's selling terms at scale, for a ledger made by generateLargeLedger: a standard
 * price list (STD) with a price for every unit of every product (a case a little cheaper than
 * its units), and `customers` customers of every channel, class and region, so order entry can
 * be tried with a full catalogue and a large customer base. Straight into the tables, like the
 * ledger generator.
 */
export function generateSalesTerms(db: LedgerDb, options: SalesTermsOptions): { customers: number; prices: number } {
  const sqlite = db.$client;
  const random = createRandom(options.seed);
  const ids = createUuidV7Generator(() => options.now, (n) => randomBytes(n));
  const hlc = `${String(options.now).padStart(15, '0')}-00000-generator`;
  let prices = 0;
  sqlite.transaction(() => {
    const listId = ids();
    sqlite.prepare("INSERT INTO price_lists (id, code, name_zh, name_en, active, hlc) VALUES (?, 'STD', '标准价', 'Standard prices', 1, ?)").run(listId, hlc);
    const insertPrice = sqlite.prepare('INSERT INTO price_list_items (id, price_list_id, product_id, unit_code, price_fen, hlc) VALUES (?, ?, ?, ?, ?, ?)');
    const units = sqlite.prepare('SELECT product_id, code, factor FROM product_units ORDER BY product_id, factor').all() as { product_id: string; code: string; factor: number }[];
    let unitPrice = 0;
    for (const u of units) {
      // Units come base first per product: the base price is drawn, larger units are 5 % off.
      if (u.factor === 1) unitPrice = 150 + random.int(0, 60) * 25;
      insertPrice.run(ids(), listId, u.product_id, u.code, u.factor === 1 ? unitPrice : Math.round(unitPrice * u.factor * 0.95), hlc);
      prices++;
    }
    const insertCustomer = sqlite.prepare(
      `INSERT INTO customers (id, code, name, channel, customer_class, region, contact, phone, credit_limit_fen, payment_terms_days,
         min_shelf_life_permille, salesperson, address, active, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    for (let i = 1; i <= options.customers; i++) {
      const channel = channels[i % channels.length] ?? 'convenience';
      const region = random.pick(regions);
      const street = random.pick(streets);
      const key = channel === 'supermarket' && i % 5 === 0;
      insertCustomer.run(
        ids(),
        `K${String(i).padStart(5, '0')}`,
        `${region.replace('区', '')}${street}${channelNames[channel]}${i}号`,
        channel,
        key ? 'key' : 'ordinary',
        region,
        `联系人${i}`,
        `138${String(10_000_000 + i).slice(-8)}`,
        (key ? 500_000 : 50_000) * 100,
        key ? 60 : 30,
        key ? 667 : 0,
        `业务员${(i % 12) + 1}`,
        `${region}${street}${random.int(1, 300)}号`,
        hlc,
      );
    }
  })();
  return { customers: options.customers, prices };
}
