import { call, type AppFixture } from './fixtures';

export interface Customer {
  id: string;
  code: string;
  name: string;
  customerClass: 'key' | 'ordinary';
  paymentTermsDays: number;
  creditLimitFen: number;
  receivableFen: number;
}
export interface Invoice {
  id: string;
  docNo: string;
  grossFen: number;
  openFen: number;
}
interface Order {
  id: string;
  status: string;
  invoices: Invoice[];
}
interface Terms {
  productId: string;
  availableForCustomer: number;
  units: { unitCode: string; factor: number; priceFen: number | null }[];
}

/**
 * A demo branch and a key customer with two invoiced orders, made through the API as the sales
 * desk would: order, (approval), allocation, delivery, invoice.
 */
export async function customerWithTwoInvoices(app: AppFixture): Promise<{ customer: Customer; invoices: Invoice[] }> {
  await call(app, 'setup.createBranch', { code: 'GZ01', name: '广州天河分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 5 });
  const customers = await call<{ rows: Customer[] }>(app, 'customers.list', { limit: 200 });
  const customer = customers.rows.find((c) => c.customerClass === 'key' && c.receivableFen === 0 && c.paymentTermsDays > 0);
  if (!customer) throw new Error('no key customer without receivables in the demo data');
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const warehouseId = warehouses.find((w) => w.kind === 'main')?.id ?? '';
  const products = await call<{ rows: { id: string; onHand: number }[] }>(app, 'products.list', { limit: 200 });
  const lines: { productId: string; unitCode: string; qty: number }[] = [];
  for (const p of products.rows) {
    if (p.onHand === 0) continue;
    const terms = await call<Terms>(app, 'sales.productTerms', { customerId: customer.id, productId: p.id, warehouseId });
    const base = terms.units.find((u) => u.factor === 1 && u.priceFen !== null);
    if (base && terms.availableForCustomer >= 6) lines.push({ productId: p.id, unitCode: base.unitCode, qty: 3 });
    if (lines.length === 2) break;
  }
  if (lines.length < 2) throw new Error('no two products this customer may buy in the demo data');
  const invoices: Invoice[] = [];
  for (const line of lines) {
    let order = await call<Order>(app, 'sales.create', { customerId: customer.id, warehouseId, lines: [line], confirm: true });
    if (order.status === 'pending_approval') order = await call<Order>(app, 'sales.approve', { id: order.id });
    await call(app, 'sales.allocate', { id: order.id });
    await call(app, 'sales.deliver', { id: order.id });
    order = await call<Order>(app, 'sales.invoice', { id: order.id });
    invoices.push(...order.invoices);
  }
  return { customer, invoices };
}
