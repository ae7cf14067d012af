import { and, eq, sql } from 'drizzle-orm';
import type { SupplierReturnArgs } from '../../src-main/sync/protocol';
import { supplierReturnRecords, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * A branch's supplier return (src-main/sync/protocol/supplierReturnOps.ts). It belongs to the
 * branch whose token pushed it and goes to that branch's other PCs only. Each op is a snapshot:
 * head office keeps the latest by HLC (status, claim and credit, for its view of what suppliers
 * owe) but relays every one, since each carries tracking events the others may lack. Few per
 * batch, so this writes as it goes, like the sales records.
 */
export async function applySupplierReturnOp(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: SupplierReturnArgs): Promise<void> {
  const r = args.supplierReturn;
  const [warehouse] = await tx.select({ branchId: warehouses.branchId }).from(warehouses).where(eq(warehouses.id, r.warehouseId));
  if (warehouse?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${r.warehouseId} is not a warehouse of branch ${ctx.branchCode}`);
  const [stored] = await tx.select().from(supplierReturnRecords).where(eq(supplierReturnRecords.id, r.id));
  if (stored && stored.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Supplier return ${r.docNo} belongs to another branch`);
  const figures = { status: r.status, supplierId: r.supplierId, businessDate: r.businessDate, claimFen: r.claimFen, creditedFen: r.creditedFen, hlc: r.hlc };
  if (!stored) {
    await tx.insert(supplierReturnRecords).values({ id: r.id, branchId: ctx.branchId, originDeviceId: ctx.deviceId, docNo: r.docNo, receivedAt: ctx.now, ...figures });
  } else if (r.hlc > stored.hlc) {
    await tx
      .update(supplierReturnRecords)
      .set(figures)
      .where(and(eq(supplierReturnRecords.id, r.id), sql`${supplierReturnRecords.hlc} < ${r.hlc}`));
  }
  state.changes.push({
    branchId: ctx.branchId,
    bucket: 'returns',
    kind: 'op',
    itemId: r.id,
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args: { ...args, supplierReturn: { ...r, branchId: ctx.branchId } }, originDeviceId: ctx.deviceId },
  });
}
