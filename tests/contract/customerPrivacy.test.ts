import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodName } from '../../src-main/contract';
import { roleHasPermission } from '../../src-main/core/permissions';
import { pdfText } from '../helpers/exportReaders';
import { addTestUser, TEST_PIN } from '../helpers/roleClient';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

/**
 * Customer data protection (客户资料保密), walked over the whole contract: a sales clerk (no
 * customers.sensitive) calls every method the role holds, with inputs that reach real orders,
 * invoices and customers, and no answer — nor any refusal — carries a customer's contacts,
 * address or credit figures. Answers are searched for the seeded values themselves and for the
 * credit keys, so a method added later that forgets the rule fails here.
 */

const PHONE = '13800000000';
const CONTACT = '张经理';
const ADDRESS = '广州市天河路 385 号';
const creditKeys = ['credit', 'creditLimitFen', 'limitFen', 'exposureFen', 'receivableFen', 'availableFen', 'paymentTermsDays', 'contacts', 'address', 'phone', 'contact'];

function leaks(answer: unknown): string[] {
  const found: string[] = [];
  const text = JSON.stringify(answer) ?? '';
  for (const v of [PHONE, CONTACT, ADDRESS, '李采购', '13911112222']) if (text.includes(v)) found.push(v);
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (creditKeys.includes(k)) found.push(k);
        walk(v);
      }
    }
  };
  walk(answer);
  return found;
}

describe('customer contacts and credit for roles without customers.sensitive', () => {
  let ledger: TestLedger;
  let s: SalesFixture;
  let orderId = '';
  let invoiceId = '';

  beforeEach(async () => {
    ledger = await createTestLedger();
    s = seedSales(ledger);
    const c = ledger.catalogue;
    const api = ledger.client;
    ledger.app.db.$client
      .prepare('UPDATE customers SET address = ?, contacts = ?')
      .run(ADDRESS, JSON.stringify([{ name: '李采购', role: '采购', phone: '13911112222' }]));
    await api['stock.receive']({ warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 50, lotCode: 'L1', expiryDate: '2027-10-01', unitCostFen: 2400 }] });
    // 30 cases for the restaurant (1,000 yuan of credit): over its limit, so it waits for approval.
    const order = await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 30 }], confirm: true });
    expect(order.approvalReasons.map((r) => r.code)).toEqual(['CREDIT_LIMIT']);
    await api['sales.approve']({ id: order.id });
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    const invoiced = await api['sales.invoice']({ id: order.id });
    orderId = order.id;
    invoiceId = invoiced.invoices[0]?.id ?? '';
    // A second order stays pending approval, so its reason is shown to the desk.
    await api['sales.create']({ customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 5 }], confirm: true });
  });
  afterEach(() => ledger.close());

  it('the manager sees them (the fixture has something to hide)', async () => {
    expect(leaks(await ledger.client['sales.get']({ id: orderId }))).toEqual(expect.arrayContaining(['credit', 'limitFen', 'exposureFen']));
    expect(leaks(await ledger.client['customers.get']({ id: s.restaurant }))).toEqual(expect.arrayContaining([PHONE, ADDRESS, 'credit']));
  });

  it('every method the sales role holds answers without them, printouts included', async () => {
    expect(roleHasPermission('sales', 'customers.sensitive')).toBe(false);
    // The clerk signs in at this PC (whose API makes the printouts).
    addTestUser(ledger.app.db, 'desk-1', 'sales');
    await ledger.client['auth.signIn']({ username: 'desk-1', secret: TEST_PIN });
    const api = ledger.app.api;
    const desk = ledger.client;
    const c = ledger.catalogue;
    const draft = { customerId: s.restaurant, warehouseId: c.warehouseId, lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 40 }] };
    const candidates = (m: MethodName): unknown[] => {
      const specific: Partial<Record<MethodName, unknown[]>> = {
        'sales.preview': [draft],
        'sales.create': [{ ...draft, confirm: true }],
        'sales.productTerms': [{ customerId: s.restaurant, productId: c.water.id, warehouseId: c.warehouseId }],
        'sales.receivePayment': [{ customerId: s.restaurant, amountFen: 100, method: 'cash' }],
        'sales.print': ['pickList', 'deliveryNote', 'invoice'].map((kind) => ({ id: orderId, kind })),
        'sales.list': [{}, { customerId: s.restaurant }],
        'sales.receivables': [{}, { customerId: s.restaurant }],
        'returns.deliveries': [{ customerId: s.restaurant }],
      };
      return [...(specific[m] ?? []), {}, { id: orderId }, { id: s.restaurant }, { id: invoiceId }, { customerId: s.restaurant }];
    };
    const answered = new Set<MethodName>();
    for (const m of methodNames.filter((n) => !('signedOut' in methods[n]) && roleHasPermission('sales', methods[n].permission))) {
      if (m === 'auth.signOut' || m === 'auth.lock') continue;
      for (const input of candidates(m)) {
        const answer = await api.invoke(m, input);
        expect(leaks(answer), `${m} ${JSON.stringify(input)}`).toEqual([]);
        if (!answer.ok) continue;
        answered.add(m);
        const file = answer.value as { fileId?: string; fileName?: string };
        if (m === 'sales.print' && file.fileId && file.fileName) {
          const text = pdfText(join(ledger.app.exportsDir, file.fileId, file.fileName)).join('\n');
          for (const v of [PHONE, CONTACT, ADDRESS]) expect(text, `${m} printout`).not.toContain(v);
        }
      }
    }
    // The methods that return customers, orders or payments all answered, so the walk above saw their answers.
    for (const m of ['customers.list', 'customers.get', 'sales.preview', 'sales.get', 'sales.list', 'sales.create', 'sales.receivePayment', 'sales.print', 'sales.receivables'] as const) {
      expect(answered, m).toContain(m);
    }
    // The desk still learns that an order waits because of credit, without the figures.
    const pending = (await desk['sales.list']({ status: 'pending_approval' })).rows[0];
    expect((await desk['sales.get']({ id: pending?.id ?? '' })).approvalReasons).toEqual([{ code: 'CREDIT_LIMIT' }]);
  });
});
