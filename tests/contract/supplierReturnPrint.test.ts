import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerClient } from '../../src-renderer/api/createClient';
import { pdfText, xlsxAsShown } from '../helpers/exportReaders';
import { createTestLedger, type TestLedger } from '../helpers/testLedger';

describe('supplier return note (退供单)', () => {
  let ledger: TestLedger;
  let api: LedgerClient;
  const file = (f: { fileId: string; fileName: string }) => join(ledger.app.exportsDir, f.fileId, f.fileName);

  beforeEach(async () => {
    ledger = await createTestLedger();
    api = ledger.client;
    const c = ledger.catalogue;
    await api['stock.receive']({
      warehouseId: c.warehouseId,
      supplierId: c.supplierId,
      lines: [{ productId: c.water.id, unitCode: 'CS24', qty: 3, lotCode: 'L7', expiryDate: '2027-06-01', unitCostFen: 2400 }],
    });
    ledger.tick(60_000);
  });
  afterEach(() => ledger.close());

  it('lists lot, expiry, cases and bottles, cost and reason, the claim and signature lines, in Chinese or English, as PDF or .xlsx', async () => {
    const c = ledger.catalogue;
    const lotId = (ledger.app.db.$client.prepare("SELECT id FROM lots WHERE lot_code = 'L7'").get() as { id: string }).id;
    const r = await api['supplierReturns.create']({
      supplierId: c.supplierId,
      warehouseId: c.warehouseId,
      lines: [{ productId: c.water.id, lotId, unitCode: 'EA', qty: 29, reasonCode: 'damaged', note: '外箱压坏' }],
    });
    await api['supplierReturns.send']({ id: r.id });
    await api['supplierReturns.accept']({ id: r.id, reference: 'RMA-88' });

    const text = pdfText(file(await api['supplierReturns.print']({ id: r.id }))).join('\n');
    expect(text).toContain(`退供单 ${r.docNo}`);
    expect(text).toContain('广州饮品贸易有限公司');
    expect(text).toContain('BJ01-RTV-2026-000001');
    expect(text).toContain('RMA-88');
    expect(text).toContain('L7');
    expect(text).toContain('2027-06-01');
    expect(text).toContain('1箱5瓶');
    expect(text).toContain('运输破损');
    expect(text).toContain('索赔金额 ¥29.00');
    expect(text).toMatch(/供应商签收/);

    const sheet = xlsxAsShown(ledger.dataDir, file(await api['supplierReturns.print']({ id: r.id, format: 'xlsx' })));
    expect(sheet[0]).toEqual(['商品编码', '商品名称', '批号', '到期日', '数量', '基本单位数', '成本（元）', '退货原因', '备注']);
    expect(sheet[1]?.slice(2, 9)).toEqual(['L7', '2027-06-01', '1箱5瓶', '29', '29.00', '运输破损', '外箱压坏']);

    await api['settings.update']({ locale: 'en' });
    const english = await api['supplierReturns.print']({ id: r.id });
    expect(english.fileName).toBe(`supplier-return-${r.docNo}.pdf`);
    const en = pdfText(file(english)).join('\n');
    expect(en).toContain(`Supplier return note ${r.docNo}`);
    expect(en).toContain('1 case 5 bottle');
    expect(en).toMatch(/Damaged in\s+transit/);
    expect(en).toContain('Received by supplier');
  });
});
