import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src-main/core/businessDate';
import { buildVouchers, defaultAccountMapping, isBalanced } from '../../src-main/core/vouchers';
import { voucherSources } from '../../src-main/services/voucherTable';
import { serverTargets } from './harness/headOffice';
import { deviceIdOf, localBalances, nextMillisecond, type Pc } from './harness/pc';
import { salesBranchWith, syncAll } from './harness/salesBranch';

/**
 * Period close across PCs: the warehouse PC is offline at month end and posts into the last day
 * of the month; the accountant on the desk PC closes that month; when the warehouse PC comes back
 * its documents are not dropped on the desk — they post on the first open day, keep their own
 * date, and wait on the late-postings list (迟到单据) until the accountant acknowledges them.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const targets = serverTargets(cleanups);
const salesBranch = salesBranchWith(cleanups);

const movementDates = (pc: Pc, docNo: string) =>
  (
    pc.app.db.$client
      .prepare('SELECT DISTINCT m.business_date AS d FROM stock_movements m JOIN stock_documents d ON d.id = m.document_id WHERE d.doc_no = ?')
      .all(docNo) as { d: string }[]
  ).map((r) => r.d);
const documentDate = (pc: Pc, docNo: string) =>
  (pc.app.db.$client.prepare('SELECT business_date AS d FROM stock_documents WHERE doc_no = ?').get(docNo) as { d: string } | undefined)?.d;

for (const target of targets) {
  describe(`late postings across PCs of a branch [${target.kind}]`, { timeout: 120_000 }, () => {
    it('documents posted offline into a period closed meanwhile post on the first open day, keep their date and are listed until acknowledged', async () => {
      const { desk, warehouse, warehouseId, productId, customerId } = await salesBranch(target, 'LP01');
      const today = (await desk.client['periods.get']({})).today;
      const monthEnd = addDays(today, -1);

      // The warehouse PC, offline, receives, delivers and invoices on the last day of the period.
      const receipt = await warehouse.client['stock.receive']({ warehouseId, businessDate: monthEnd, lines: [{ productId, unitCode: 'EA', qty: 10, unitCostFen: 130 }] });
      const order = await warehouse.client['sales.create']({ customerId, warehouseId, lines: [{ productId, unitCode: 'EA', qty: 4 }], confirm: true });
      await warehouse.client['sales.allocate']({ id: order.id });
      await warehouse.client['sales.deliver']({ id: order.id, businessDate: monthEnd });
      const invoiced = await warehouse.client['sales.invoice']({ id: order.id, businessDate: monthEnd });
      const deliveryNo = invoiced.deliveries[0]?.docNo ?? '';
      const invoiceNo = invoiced.invoices[0]?.docNo ?? '';

      // Meanwhile the accountant closes the period on the desk PC.
      await desk.client['periods.lock']({ lockedThrough: monthEnd });
      await syncAll([desk]);
      // The warehouse PC comes back: it sends its work and learns of the lock; then the desk pulls.
      await syncAll([warehouse, desk]);

      // Nothing dropped: both PCs hold the same stock.
      expect(localBalances(desk)).toEqual(localBalances(warehouse));
      // On the desk the documents keep their date, but their movements post on the first open day.
      for (const docNo of [receipt.docNo, deliveryNo]) {
        expect(documentDate(desk, docNo)).toBe(monthEnd);
        expect(movementDates(desk, docNo)).toEqual([today]);
      }
      // The closed period's movements are as they were when it was closed.
      const inClosed = desk.app.db.$client.prepare('SELECT COUNT(*) AS n FROM stock_movements WHERE business_date <= ?').get(monthEnd) as { n: number };
      expect(inClosed.n).toBe(0);

      const list = await desk.client['periods.latePostings']({});
      expect(list.open).toBe(3);
      expect(list.rows.map((r) => [r.docNo, r.originalDate, r.postedDate, r.sourceDeviceId]).sort()).toEqual(
        [
          [receipt.docNo, monthEnd, today, deviceIdOf(warehouse)],
          [deliveryNo, monthEnd, today, deviceIdOf(warehouse)],
          [invoiceNo, monthEnd, today, deviceIdOf(warehouse)],
        ].sort(),
      );

      // The voucher export books them on the posting date, each voucher balanced.
      const vouchers = buildVouchers(voucherSources(desk.app.db, today, today), defaultAccountMapping, 'zh-CN');
      // (with the harness's opening receipt of today)
      expect(vouchers.map((v) => v.docNo)).toEqual(expect.arrayContaining([receipt.docNo, deliveryNo, invoiceNo]));
      expect(vouchers).toHaveLength(4);
      for (const v of vouchers) {
        expect(v.date).toBe(today);
        expect(isBalanced(v.entries)).toBe(true);
      }
      expect(buildVouchers(voucherSources(desk.app.db, monthEnd, monthEnd), defaultAccountMapping, 'zh-CN')).toEqual([]);

      // Pulling everything again records nothing twice.
      desk.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll([desk]);
      expect((await desk.client['periods.latePostings']({})).open).toBe(3);

      const acknowledged = await desk.client['periods.acknowledgeLate']({ ids: list.rows.map((r) => r.id) });
      expect(acknowledged).toMatchObject({ open: 0, total: 0, rows: [] });
      const all = await desk.client['periods.latePostings']({ includeAcknowledged: true });
      expect(all.rows.every((r) => r.acknowledgedAt !== null && r.acknowledgedBy !== null)).toBe(true);
      await expect(desk.client['periods.acknowledgeLate']({ ids: [list.rows[0]?.id ?? ''] })).rejects.toMatchObject({ payload: { code: 'LATE_POSTING_ACKNOWLEDGED' } });
    });

    it('a sales target set on one PC reaches the other, the later setting winning', async () => {
      const { desk, warehouse } = await salesBranch(target, 'LP02');
      const month = (await desk.client['periods.get']({})).today.slice(0, 7);
      await warehouse.client['targets.set']({ month, salesperson: '王芳', targetFen: 500_000 });
      await nextMillisecond();
      await desk.client['targets.set']({ month, salesperson: '王芳', targetFen: 800_000 });
      await syncAll([warehouse, desk, warehouse]);
      for (const pc of [desk, warehouse]) expect((await pc.client['targets.list']({ month })).rows).toEqual([{ salesperson: '王芳', targetFen: 800_000, actualFen: 0, attainment: 0 }]);
    });
  });
}
