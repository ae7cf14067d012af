import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { pdfText, xlsxAsShown } from '../helpers/exportReaders';
import { refusal } from '../helpers/refusal';
import { seedSales, type SalesFixture } from '../helpers/salesFixtures';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

describe('sales paper: pick list, delivery note and invoice', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  let s: SalesFixture;
  const file = (f: { fileId: string; fileName: string }) => join(ledger.app.exportsDir, f.fileId, f.fileName);
  const exportsMade = () => readdirSync(ledger.app.exportsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  const pdf = async (input: Parameters<LedgerClient['sales.print']>[0]) => pdfText(file(await api['sales.print'](input))).join('\n');

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    s = seedSales(ledger);
    const c = ledger.catalogue;
    ledger.app.db.$client.prepare("UPDATE customers SET address = '广州市天河区体育西路 101 号' WHERE id = ?").run(s.supermarket);
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 5, lotCode: 'LONG', expiryDate: '2027-10-01', unitCostFen: 2640 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 4, lotCode: 'Y1', expiryDate: '2026-12-08', unitCostFen: 3600 },
      ],
    });
    // Yogurt sits in aisle A, water in aisle B: the picker walks A before B.
    await api['products.setLocation']({ productId: c.water.id, warehouseId: c.warehouseId, location: 'B-02-07' });
    await api['products.setLocation']({ productId: c.yogurt.id, warehouseId: c.warehouseId, location: 'A-01-03' });
    ledger.tick(60_000);
  });
  afterEach(() => ledger.close());

  async function confirmedOrder() {
    const c = ledger.catalogue;
    return await api['sales.create']({
      customerId: s.supermarket,
      warehouseId: c.warehouseId,
      lines: [
        { productId: c.water.id, unitCode: 'CS24', qty: 2 },
        { productId: c.yogurt.id, unitCode: 'CS12', qty: 1 },
      ],
      requestedDate: '2026-11-22',
      confirm: true,
    });
  }

  it('prints the pick list in bin order with lots, cases and units, a tick column and signature lines', async () => {
    const order = await confirmedOrder();
    await api['sales.allocate']({ id: order.id });
    const text = await pdf({ id: order.id, kind: 'pickList' });
    expect(text).toContain(`拣货单 ${order.docNo}`);
    expect(text).toContain('华润万家天河店');
    expect(text).toMatch(/已拣/);
    expect(text).toMatch(/拣货人/);
    expect(text).toMatch(/复核人/);
    const rows = text.split('\n');
    const yogurt = rows.findIndex((r) => r.includes('A-01-03') && r.includes('Y1'));
    const water = rows.findIndex((r) => r.includes('B-02-07') && r.includes('LONG'));
    expect(yogurt).toBeGreaterThan(-1);
    expect(water).toBeGreaterThan(yogurt);
    // Two cases of water; one case of yogurt and the two free cartons from the same lot.
    expect(rows[water]).toMatch(/2027-10-01\s+2箱\s+48/);
    expect(rows[yogurt]).toMatch(/2026-12-08\s+1箱\s+12/);
    expect(text).toMatch(/（赠品）.*2盒\s+2/);
    expect(text).toMatch(/合计\s+62/);

    const sheet = xlsxAsShown(ledger.dataDir, file(await api['sales.print']({ id: order.id, kind: 'pickList', format: 'xlsx' })));
    expect(sheet[0]).toEqual(['货位', '商品编码', '商品名称', '批号', '到期日', '数量', '基本单位数', '已拣']);
    expect(sheet.slice(1, 4).map((r) => [r[0], r[3], r[5], r[6]])).toEqual([
      ['A-01-03', 'Y1', '1箱', '12'],
      ['A-01-03', 'Y1', '2盒', '2'],
      ['B-02-07', 'LONG', '2箱', '48'],
    ]);
  });

  it('prints the delivery note with the customer’s address and contact, lots, free goods marked 赠品, and room to sign', async () => {
    const order = await confirmedOrder();
    await api['sales.allocate']({ id: order.id });
    // A first partial delivery of one case of water, then the rest: the latest is printed unless one is named.
    const first = await api['sales.deliver']({ id: order.id, lines: [{ lineId: order.lines[0]?.id ?? '', qty: 24 }] });
    const both = await api['sales.deliver']({ id: order.id });
    expect(both.deliveries).toHaveLength(2);
    const latest = await pdf({ id: order.id, kind: 'deliveryNote' });
    expect(latest).toContain(`送货单 ${both.deliveries[1]?.docNo}`);
    expect(latest).toContain(order.docNo);
    expect(latest).toContain('广州市天河区体育西路 101 号');
    expect(latest).toMatch(/张经理/);
    expect(latest).toMatch(/13800000000/);
    expect(latest).toMatch(/DRY-0001.*Y1\s+2026-12-08\s+2盒\s+2\s+赠品/);
    expect(latest).toMatch(/DRK-0001.*LONG\s+2027-10-01\s+1箱\s+24/);
    expect(latest).toMatch(/送货人/);
    expect(latest).toMatch(/收货人签字/);
    const earlier = await pdf({ id: order.id, kind: 'deliveryNote', documentId: first.deliveries[0]?.id ?? '' });
    expect(earlier).toContain(`送货单 ${first.deliveries[0]?.docNo}`);
    expect(earlier).toMatch(/合计\s+24/);
    expect(earlier).not.toContain('DRY-0001');
  });

  it('prints the invoice with prices, tax and totals that match the ledger, free goods at 0, in Chinese or English', async () => {
    const order = await confirmedOrder();
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    const invoiced = await api['sales.invoice']({ id: order.id });
    const inv = invoiced.invoices[0];
    expect(inv?.grossFen).toBe(17086);
    const text = await pdf({ id: order.id, kind: 'invoice' });
    expect(text).toContain(`销售结算单 ${inv?.docNo}`);
    expect(text).toContain(`付款到期日：${inv?.dueDate}（账期 30 天）`);
    // 2 cases of water at 45.60: 91.20 + 13 % = 11.86 tax; a case of yogurt 60.00 + 7.80; two free cartons at 0.
    expect(text).toMatch(/DRK-0001.*箱\s+2\s+45\.60\s+91\.20\s+13\.00%\s+11\.86\s+103\.06/);
    expect(text).toMatch(/DRY-0001.*箱\s+1\s+60\.00\s+60\.00\s+13\.00%\s+7\.80\s+67\.80/);
    expect(text).toMatch(/（赠品）.*盒\s+2\s+0\.00\s+0\.00\s+13\.00%\s+0\.00\s+0\.00/);
    expect(text).toMatch(/合计\s+151\.20\s+19\.66\s+170\.86/);
    expect(text).toContain('价税合计 ¥170.86');

    const sheet = xlsxAsShown(ledger.dataDir, file(await api['sales.print']({ id: order.id, kind: 'invoice', format: 'xlsx' })));
    expect(sheet[0]).toEqual(['商品编码', '商品名称', '单位', '数量', '单价（元）', '金额（元）', '税率', '税额（元）', '价税合计（元）']);
    expect(sheet.at(-1)?.slice(5)).toEqual(['151.20', '', '19.66', '170.86']);

    await api['settings.update']({ locale: 'en' });
    const english = await api['sales.print']({ id: order.id, kind: 'invoice' });
    expect(english.fileName).toBe(`invoice-${inv?.docNo}.pdf`);
    const en = pdfText(file(english)).join('\n');
    expect(en).toContain(`Sales invoice ${inv?.docNo}`);
    expect(en).toMatch(/Total\s+151\.20\s+19\.66\s+170\.86/);
  });

  it('refuses to print what does not exist yet, with a clear code, and writes no file', async () => {
    const order = await confirmedOrder();
    const before = exportsMade();
    expect((await refusal(api['sales.print']({ id: order.id, kind: 'pickList' }))).code).toBe('SALES_NO_DOCUMENT');
    expect((await refusal(api['sales.print']({ id: order.id, kind: 'deliveryNote' }))).code).toBe('SALES_NO_DOCUMENT');
    expect((await refusal(api['sales.print']({ id: order.id, kind: 'invoice', format: 'xlsx' }))).code).toBe('SALES_NO_DOCUMENT');
    const unknown = await refusal(api['sales.print']({ id: '0190b000-0000-7000-8000-999999999999', kind: 'invoice' }));
    expect(unknown.code).toBe('NOT_FOUND');
    await api['sales.allocate']({ id: order.id });
    await api['sales.deliver']({ id: order.id });
    // A delivery of another order is not this order's document.
    const other = await refusal(api['sales.print']({ id: order.id, kind: 'invoice', documentId: order.id }));
    expect(other.payload.fields?.[0]).toMatchObject({ path: 'documentId', code: 'NOT_FOUND' });
    expect((await refusal(api['sales.print']({ id: order.id, kind: 'pickList', format: 'csv' as 'pdf' }))).code).toBe('VALIDATION');
    expect(exportsMade()).toBe(before);
  });
});
