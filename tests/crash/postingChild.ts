import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { ApiError, createClient } from '../../src-renderer/api/createClient';
import { createRandom } from '../sync/harness/random';

/**
 * The process the crash test kills: on a set-up ledger it posts receipts, write-offs, sales
 * deliveries and stock counts through the real API, one command after another, until killed.
 * After each command returns it writes `ok <table> <id> <status>` to stdout (a pipe, written
 * synchronously on Linux), so every line the parent reads is a commit the API confirmed.
 *
 *   node postingChild.cjs <dataDir> <migrationsFolder> <seed> <fixtureJson>
 */

interface Fixture {
  warehouseId: string;
  supplierId: string;
  customerId: string;
  water: string;
  tissue: string;
}

const [dataDir, migrationsFolder, seedText, fixtureJson] = process.argv.slice(2);
if (!dataDir || !migrationsFolder || !seedText || !fixtureJson) throw new Error('usage: postingChild <dataDir> <migrationsFolder> <seed> <fixtureJson>');
const fx = JSON.parse(fixtureJson) as Fixture;
const random = createRandom(Number(seedText));
const app = openLedgerApp({ dataDir, host: 'node', autoSync: false, migrationsFolder });
// A restarted ledger has nobody signed in: the administrator the test's set-up made signs in.
const signedIn = app.api.invokeSync('auth.signIn', { username: 'admin', secret: 'admin-pass-1' });
if (!signedIn.ok) throw new Error(`sign-in refused: ${JSON.stringify(signedIn.error)}`);
const api = createClient((method, input) => app.api.invoke(method, input));

function confirmed(table: string, id: string, status = ''): void {
  process.stdout.write(`ok ${table} ${id} ${status}\n`);
}

function onHand(productId: string): number {
  const row = app.db.$client.prepare('SELECT COALESCE(SUM(qty), 0) AS q FROM stock_balances WHERE warehouse_id = ? AND product_id = ?').get(fx.warehouseId, productId) as { q: number };
  return row.q;
}

async function receipt(): Promise<void> {
  const doc = await api['stock.receive']({
    warehouseId: fx.warehouseId,
    supplierId: fx.supplierId,
    lines: [
      { productId: fx.tissue, unitCode: 'CS10', qty: random.int(1, 5), unitCostFen: random.int(800, 1200) },
      { productId: fx.water, unitCode: 'CS24', qty: random.int(1, 3), lotCode: `L${random.int(1, 4)}`, expiryDate: '2027-11-01', unitCostFen: 2400 },
    ],
  });
  confirmed('stock_documents', doc.id);
}

async function writeOff(): Promise<void> {
  const have = onHand(fx.tissue);
  if (have < 1) return receipt();
  const doc = await api['stock.adjust']({ warehouseId: fx.warehouseId, reasonCode: 'damage', lines: [{ productId: fx.tissue, unitCode: 'EA', qty: -random.int(1, Math.min(have, 5)) }] });
  confirmed('stock_documents', doc.id);
}

async function delivery(): Promise<void> {
  if (onHand(fx.tissue) < 5) return receipt();
  const order = await api['sales.create']({ customerId: fx.customerId, warehouseId: fx.warehouseId, lines: [{ productId: fx.tissue, unitCode: 'EA', qty: random.int(1, 4) }], confirm: true });
  confirmed('sales_orders', order.id, order.status);
  const allocated = await api['sales.allocate']({ id: order.id });
  confirmed('sales_orders', order.id, allocated.status);
  const delivered = await api['sales.deliver']({ id: order.id });
  confirmed('sales_orders', order.id, delivered.status);
}

async function count(): Promise<void> {
  const started = await api['counts.start']({
    warehouseId: fx.warehouseId,
    scope: 'partial',
    productIds: [fx.tissue],
    blind: false,
    recountPermille: 1000,
    approvalValueFen: 0,
  });
  confirmed('stock_counts', started.id, started.status);
  await api['counts.record']({ countId: started.id, productId: fx.tissue, unitCode: 'EA', qty: Math.max(0, onHand(fx.tissue) + random.int(-3, 2)), counter: '张三' });
  confirmed('stock_counts', started.id, 'counting');
  const review = await api['counts.submit']({ id: started.id });
  confirmed('stock_counts', started.id, review.status);
  await api['counts.setReason']({ id: started.id, reasonCode: 'data_error' });
  const posted = await api['counts.post']({ id: started.id, uncounted: 'zero' });
  confirmed('stock_counts', started.id, posted.status);
}

/** A count the previous process was killed in the middle of would block the next one: cancel it. */
async function cancelOpenCounts(): Promise<void> {
  for (const row of (await api['counts.list']({ status: 'open' })).rows) {
    const cancelled = await api['counts.cancel']({ id: row.id });
    confirmed('stock_counts', row.id, cancelled.status);
  }
}

async function loop(): Promise<void> {
  await cancelOpenCounts();
  process.stdout.write('ready\n');
  const steps = [receipt, receipt, writeOff, delivery, delivery, count];
  for (;;) {
    try {
      await random.pick(steps)();
    } catch (error) {
      // A refusal (a business rule) is an answer, not a crash; report it and go on.
      if (!(error instanceof ApiError)) throw error;
      process.stdout.write(`refused ${error.code}\n`);
    }
  }
}

loop().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
