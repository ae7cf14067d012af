/**
 * npm run bench:finance — the dashboard, sales targets and the voucher export on a busy branch's
 * year: the large ledger's movements plus a year of sales (orders of 4 lines, each invoiced, a
 * payment for every second invoice, a credit note for every 20th). Figures, never pass/fail; a
 * raw SQLite scan of the invoice table is measured in the same run on the same file as the baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { addDays, businessDateOf } from '../src-main/core/businessDate';
import { buildVouchers, defaultAccountMapping } from '../src-main/core/vouchers';
import { voucherSources } from '../src-main/services/voucherTable';
import { openLargeBranch } from './largeBranch';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const movementsWanted = Number(args.get('movements') ?? 1_000_000);
const productsWanted = Number(args.get('products') ?? 20_000);
const orderLines = Number(args.get('orderLines') ?? 200_000);
const runs = Number(args.get('runs') ?? 20);

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-finance-'));
try {
  const { app, call, timed, ids } = openLargeBranch(dir, 'finance (dashboard, targets, vouchers)', { products: productsWanted, movements: movementsWanted });
  const s = app.db.$client;
  const today = businessDateOf(Date.now(), 'Asia/Shanghai');
  const hlc = `${String(Date.now()).padStart(15, '0')}-00000-bench`;
  const products = (s.prepare('SELECT id FROM products LIMIT 2000').all() as { id: string }[]).map((p) => p.id);
  const salespeople = ['王强', '李娜', '陈刚', '赵敏', '刘洋', '周婷'];
  const customers: string[] = [];
  const orders = Math.ceil(orderLines / 4);
  s.transaction(() => {
    const customer = s.prepare(
      `INSERT INTO customers (id, code, name, channel, customer_class, region, credit_limit_fen, payment_terms_days, min_shelf_life_permille, salesperson, active, hlc)
       VALUES (?, ?, ?, 'supermarket', 'ordinary', '天河区', 100000000000, 30, 0, ?, 1, ?)`,
    );
    for (let i = 0; i < 2000; i++) {
      const id = randomUUID();
      customers.push(id);
      customer.run(id, `C${String(i + 1).padStart(5, '0')}`, `客户${i + 1}号`, salespeople[i % salespeople.length], hlc);
    }
    const order = s.prepare(
      `INSERT INTO sales_orders (id, branch_id, doc_no, customer_id, warehouse_id, status, business_date, salesperson, approval_reasons, total_net_fen, total_tax_fen, total_gross_fen,
         created_by, created_at, updated_at, origin_device_id, hlc) VALUES (?, ?, ?, ?, ?, 'invoiced', ?, ?, '[]', ?, ?, ?, ?, 0, 0, 'bench', ?)`,
    );
    const line = s.prepare(
      `INSERT INTO sales_order_lines (id, order_id, line_no, product_id, unit_code, unit_qty, qty, unit_price_fen, list_price_fen, price_source, discount_bp, net_fen, tax_rate_bp, tax_fen, gross_fen, free, note, closed_qty)
       VALUES (?, ?, ?, ?, 'EA', 10, 10, 500, 500, 'list', 0, 5000, 1300, 650, 5650, 0, '', 0)`,
    );
    const invoice = s.prepare(
      `INSERT INTO sales_invoices (id, branch_id, doc_no, order_id, customer_id, business_date, due_date, net_fen, tax_fen, gross_fen, created_by, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, 20000, 2600, 22600, ?, 0, ?)`,
    );
    const invoiceLine = s.prepare('INSERT INTO sales_invoice_lines (id, invoice_id, order_line_id, qty, net_fen, tax_fen, gross_fen) VALUES (?, ?, ?, 10, 5000, 650, 5650)');
    const payment = s.prepare(
      `INSERT INTO customer_payments (id, branch_id, doc_no, customer_id, business_date, method, amount_fen, reference, note, created_by, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, 'transfer', 22600, '', '', ?, 0, ?)`,
    );
    const ret = s.prepare(
      `INSERT INTO customer_returns (id, branch_id, doc_no, customer_id, order_id, status, business_date, returns_warehouse_id, restock_warehouse_id, approval_reasons,
         total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at, origin_device_id, hlc)
       VALUES (?, ?, ?, ?, ?, 'settled', ?, ?, ?, '[]', 5000, 650, 5650, ?, 0, 0, 'bench', ?)`,
    );
    const note = s.prepare(
      `INSERT INTO credit_notes (id, branch_id, doc_no, customer_id, return_id, invoice_id, business_date, settlement, net_fen, tax_fen, gross_fen, note, created_by, created_at, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'credit', 5000, 650, 5650, '', ?, 0, ?)`,
    );
    for (let o = 0; o < orders; o++) {
      const date = addDays(today, -(o % 365));
      const customerId = customers[o % customers.length] ?? '';
      const orderId = randomUUID();
      const invoiceId = randomUUID();
      const n = String(o + 1).padStart(7, '0');
      order.run(orderId, ids.branchId, `BJ01-SO-${n}`, customerId, ids.warehouseId, date, salespeople[o % salespeople.length], 20000, 2600, 22600, ids.userId, hlc);
      invoice.run(invoiceId, ids.branchId, `BJ01-INV-${n}`, orderId, customerId, date, addDays(date, 30), ids.userId, hlc);
      for (let l = 0; l < 4; l++) {
        const lineId = randomUUID();
        line.run(lineId, orderId, l + 1, products[(o * 4 + l) % products.length]);
        invoiceLine.run(randomUUID(), invoiceId, lineId);
      }
      if (o % 2 === 0) payment.run(randomUUID(), ids.branchId, `BJ01-PAY-${n}`, customerId, date, ids.userId, hlc);
      if (o % 20 === 0) {
        const returnId = randomUUID();
        ret.run(returnId, ids.branchId, `BJ01-CR-${n}`, customerId, orderId, date, ids.warehouseId, ids.warehouseId, ids.userId, hlc);
        note.run(randomUUID(), ids.branchId, `BJ01-CN-${n}`, customerId, returnId, invoiceId, date, ids.userId, hlc);
      }
    }
  })();
  s.exec('ANALYZE');
  console.log(`Sales: ${orders} invoices over 365 days, ${orders * 4} order lines, ${Math.ceil(orders / 2)} payments, ${Math.ceil(orders / 20)} credit notes`);

  const month = today.slice(0, 7);
  if (args.has('explain')) {
    const from = addDays(today, -89);
    const parts: [string, string, unknown[]][] = [
      ['trend', 'SELECT business_date AS d, SUM(net_fen) AS net_fen FROM sales_invoices WHERE business_date BETWEEN ? AND ? GROUP BY business_date', [addDays(today, -365), today]],
      ['customers', 'SELECT customer_id, SUM(net_fen) AS net_fen FROM sales_invoices INDEXED BY sales_invoices_date WHERE business_date BETWEEN ? AND ? GROUP BY customer_id ORDER BY 2 DESC LIMIT 10', [from, today]],
      [
        'products',
        `SELECT ol.product_id, SUM(il.net_fen) AS net_fen FROM sales_invoices i INDEXED BY sales_invoices_date CROSS JOIN sales_invoice_lines il ON il.invoice_id = i.id CROSS JOIN sales_order_lines ol ON ol.id = il.order_line_id
          WHERE i.business_date BETWEEN ? AND ? GROUP BY ol.product_id ORDER BY 2 DESC LIMIT 10`,
        [from, today],
      ],
    ];
    for (const [label, sql, params] of parts) console.log(label, timed(() => s.prepare(sql).all(...params)).toFixed(1), 'ms');
  }
  const measure = (label: string, fn: () => void) => {
    fn();
    const samples = Array.from({ length: runs }, () => timed(fn));
    console.log(`${label.padEnd(44)} median ${median(samples).toFixed(1).padStart(8)} ms   max ${Math.max(...samples).toFixed(1).padStart(8)} ms`);
    return median(samples);
  };
  const raw = measure('raw: SUM(net_fen) over every invoice (scan)', () => s.prepare('SELECT SUM(net_fen) FROM sales_invoices').get());
  const d30 = measure('dashboard.get, 30 days', () => call('dashboard.get', { days: 30 }));
  const d90 = measure('dashboard.get, 90 days', () => call('dashboard.get', { days: 90 }));
  measure('targets.list, this month', () => call('targets.list', { month }));
  let vouchers = 0;
  const v = measure('vouchers for a month (sources + build)', () => {
    vouchers = buildVouchers(voucherSources(app.db, `${month}-01`, today), defaultAccountMapping, 'zh-CN').length;
  });
  console.log(`(${vouchers} vouchers in ${month} so far, incl. the large ledger's stock documents)`);
  console.log(`Ratios to the raw scan: dashboard 30 days ×${(d30 / raw).toFixed(1)}, 90 days ×${(d90 / raw).toFixed(1)}, month of vouchers ×${(v / raw).toFixed(1)}`);
  app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
