import { describe, expect, it } from 'vitest';
import { signedInApi } from '../helpers/roleClient';
import { inProcessClient, createTestLedger, ledgerInvariantBroken } from '../helpers/testLedger';
import { ApiError, createClient } from '../../src-renderer/api/createClient';
import { describeLedgerContract } from './ledgerContract';
import { findOp } from '../../src-main/sync/protocol';

describeLedgerContract('in-process API', async (ledger) => ({
  client: inProcessClient(ledger.app),
  raw: (method, input) => ledger.app.api.invoke(method, input),
  close: () => undefined,
}));

describe('before and around set-up', () => {
  it('before set-up only the first-start methods answer; everything else says the branch is not set up', async () => {
    const ledger = await createTestLedger({ setUp: false });
    try {
      const info = await ledger.client['app.info']({});
      expect(info.branch).toBeNull();
      await expect(ledger.client['products.list']({})).rejects.toMatchObject({ payload: { code: 'BRANCH_NOT_SET_UP' } });
      const bad = await ledger.app.api.invoke('setup.createBranch', { code: 'bj 01', name: '', timeZone: 'Mars/Olympus', adminPassword: 'admin-pass-1', withDemoData: false });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(ledger.count('branches')).toBe(0);
      const after = await ledger.client['setup.createBranch']({ code: 'GZ02', name: '广州二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
      expect(after.branch).toMatchObject({ code: 'GZ02' });
      expect(after.today).toBe('2026-11-20');
      await expect(ledger.client['setup.createBranch']({ code: 'GZ03', name: 'x', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false })).rejects.toMatchObject({
        payload: { code: 'BRANCH_ALREADY_SET_UP' },
      });
    } finally {
      ledger.close();
    }
  });

  it('permissions are checked by the API: a clerk may receive but not reverse', async () => {
    const ledger = await createTestLedger();
    try {
      const clerkApi = signedInApi(ledger.app.db, 'clerk-1', 'clerk');
      const clerk = createClient((m, i) => clerkApi.invoke(m, i));
      const receipt = await clerk['stock.receive']({
        warehouseId: ledger.catalogue.warehouseId,
        lines: [{ productId: ledger.catalogue.tissue.id, unitCode: 'CS10', qty: 1, unitCostFen: 2000 }],
      });
      const before = ledger.count('stock_movements');
      const refused = await clerk['stock.reverse']({ documentId: receipt.id }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).payload).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'stock.reverse' } });
      expect(ledger.count('stock_movements')).toBe(before);
    } finally {
      ledger.close();
    }
  });

  it('the demo branch has a realistic catalogue with stock, near-expiry lots and history', async () => {
    const ledger = await createTestLedger({ setUp: false });
    try {
      await ledger.client['setup.createBranch']({ code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 42 });
      const products = await ledger.client['products.list']({ limit: 1 });
      expect(products.total).toBeGreaterThan(100);
      const stock = await ledger.client['stock.onHand']({});
      expect(stock.total).toBeGreaterThan(100);
      expect(stock.totalValueFen).toBeGreaterThan(0);
      const docs = await ledger.client['stock.documents']({ docType: 'adjustment' });
      expect(docs.total).toBeGreaterThan(0);
      // Σ movements = balances = open cost layers, for every product and warehouse
      const mismatches = ledgerInvariantBroken(ledger);
      expect(mismatches).toEqual([]);
      // Every op the ledger wrote is one head office can parse: born syncable.
      const ops = ledger.app.db.$client.prepare('SELECT seq, name, version, args FROM sync_outbox ORDER BY seq').all() as {
        seq: number;
        name: string;
        version: number;
        args: string;
      }[];
      expect(ops.map((o) => o.seq)).toEqual(ops.map((_, i) => i + 1));
      for (const op of ops) {
        const spec = findOp(op.name, op.version);
        expect(spec, op.name).toBeDefined();
        const parsed = spec?.args.safeParse(JSON.parse(op.args));
        expect(parsed?.success, `${op.name} #${op.seq}: ${JSON.stringify(parsed?.error?.issues.slice(0, 2))}`).toBe(true);
      }
    } finally {
      ledger.close();
    }
  });
});
