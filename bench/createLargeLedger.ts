/**
 * npm run demo:large -- --data-dir=/tmp/big [--products=20000] [--movements=1000000] [--customers=2000] [--suppliers=40]
 * Makes a branch ledger at scale to try the screens with (a standard price list and the customers
 * included, for order entry; suppliers and their terms, for purchasing and replenishment); then `npm start -- --data-dir=/tmp/big`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateLargeLedger } from '../db/demo/generateLarge';
import { generateSalesTerms } from '../db/demo/generateSalesTerms';
import { generateSupplierTerms } from '../db/demo/generateSupplierTerms';
import { openLedgerApp } from '../src-main/services/openLedgerApp';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const dataDir = args.get('data-dir');
if (!dataDir) {
  console.error('Usage: npm run demo:large -- --data-dir=/path/to/new/dir [--products=20000] [--movements=1000000] [--customers=2000]');
  process.exit(2);
}
if (existsSync(join(dataDir, 'ledger.sqlite'))) {
  console.error(`${dataDir} already holds a ledger; choose an empty directory.`);
  process.exit(2);
}
const app = openLedgerApp({ dataDir, host: 'node' });
const setup = app.api.invokeSync('setup.createBranch', { code: 'BIG1', name: '大数据测试店 Scale test', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
if (!setup.ok) throw new Error(JSON.stringify(setup.error));
const s = app.db.$client;
const started = Date.now();
const made = generateLargeLedger(app.db, {
  products: Number(args.get('products') ?? 20_000),
  movements: Number(args.get('movements') ?? 1_000_000),
  seed: 7,
  now: Date.now(),
  warehouseId: (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id,
  branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
  userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
});
const terms = generateSalesTerms(app.db, { customers: Number(args.get('customers') ?? 2_000), seed: 7, now: Date.now() });
const supply = generateSupplierTerms(app.db, { suppliers: Number(args.get('suppliers') ?? 40), seed: 7, now: Date.now() });
app.close();
console.log(
  `Made ${made.products} products, ${made.movements} movements in ${made.documents} documents, ${terms.customers} customers, ${terms.prices} prices, ` +
    `${supply.suppliers} suppliers and ${supply.terms} supplier terms in ${((Date.now() - started) / 1000).toFixed(1)} s at ${dataDir}`,
);
