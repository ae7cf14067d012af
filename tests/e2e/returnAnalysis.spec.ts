import { formatBasisPoints } from '../../src-renderer/components/format';
import { call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';

test('the return analysis shows a product’s return rate against what was delivered, by product and by reason', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const { today } = await call<{ today: string }>(app, 'app.info', {});
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const warehouseId = warehouses.find((w) => w.kind === 'main')?.id ?? '';
  const customer = (await call<{ rows: { id: string; name: string; active: boolean }[] }>(app, 'customers.list', { limit: 50 })).rows.find((c) => c.active);
  const product = (await call<{ rows: { id: string; nameZh: string }[] }>(app, 'products.list', { q: '农夫山泉', limit: 1 })).rows[0];
  if (!customer || !product) throw new Error('demo branch without customers or products');
  // Fresh stock, so any customer's shelf-life rule is met; 20 bottles delivered today.
  await call(app, 'stock.receive', { warehouseId, lines: [{ productId: product.id, unitCode: 'EA', qty: 40, lotCode: 'E2E-A1', expiryDate: '2028-01-01', unitCostFen: 100 }] });
  let order = await call<{ id: string; status: string }>(app, 'sales.create', { customerId: customer.id, warehouseId, lines: [{ productId: product.id, unitCode: 'EA', qty: 20 }], confirm: true });
  if (order.status === 'pending_approval') order = await call(app, 'sales.approve', { id: order.id });
  await call(app, 'sales.allocate', { id: order.id });
  const delivered = await call<{ deliveries: { valueFen: number; qty: number }[] }>(app, 'sales.deliver', { id: order.id });
  expect(delivered.deliveries[0]?.qty).toBe(20);
  const deliveredFen = delivered.deliveries[0]?.valueFen ?? 0;
  // The 3 returned bottles are valued at the (FIFO) cost they left with, rounded to the fen.
  const returnedFen = Math.round((deliveredFen * 3) / 20);
  const valueRate = formatBasisPoints(Math.round((returnedFen * 10_000) / deliveredFen), 'zh-CN');
  // The customer gave 3 back, damaged: a customer return as its own feature records it.
  const db = app.ledger.db.$client;
  const branchId = (db.prepare('SELECT id FROM branches').get() as { id: string }).id;
  const returnsWarehouse = warehouses.find((w) => w.kind === 'returns')?.id ?? '';
  db.prepare(
    `INSERT INTO customer_returns (id, branch_id, doc_no, customer_id, status, business_date, returns_warehouse_id, restock_warehouse_id, approval_reasons,
       total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at, origin_device_id, hlc)
     VALUES ('0190e000-0000-7000-8000-000000000001', ?, 'BJ01-CR-2026-000001', ?, 'received', ?, ?, ?, '[]', 0, 0, 0, 'e2e', 0, 0, 'e2e', 'h')`,
  ).run(branchId, customer.id, today, returnsWarehouse, warehouseId);
  db.prepare(
    `INSERT INTO customer_return_lines (id, return_id, line_no, product_id, lot_id, unit_code, unit_qty, qty, reason_code, unit_price_fen, net_fen, tax_rate_bp, tax_fen, gross_fen, cost_fen)
     VALUES ('0190e000-0000-7000-8000-000000000002', '0190e000-0000-7000-8000-000000000001', 1, ?, NULL, 'EA', 3, 3, 'damaged', 0, 0, 1300, 0, 0, ?)`,
  ).run(product.id, returnedFen);

  const shell = new AppShell(page);
  await shell.open(app.url, '/returns/analysis');
  const row = page.getByTestId('analysis-row').filter({ hasText: product.nameZh });
  // 3 of 20 came back: 15 % by quantity, and about that by value.
  await expect(row.getByTestId('qty-rate')).toHaveText('15%');
  await expect(row.getByTestId('value-rate')).toHaveText(valueRate);
  await expect(page.getByTestId('analysis-total').getByTestId('qty-rate')).toHaveText('15%');
  await page.screenshot({ path: 'test-results/return-analysis.png', fullPage: true });

  await page.getByTestId('dimension').getByText('退货原因').click();
  await expect(page.getByTestId('analysis-label')).toHaveText(['运输破损']);
  await expect(page.getByTestId('analysis-row').getByTestId('qty-rate')).toHaveText('15%');
});
