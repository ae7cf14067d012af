import { and, eq, sql } from 'drizzle-orm';
import type { PurchaseOrderArgs } from '../../src-main/sync/protocol';
import { purchaseRecords, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * A branch's purchase order (src-main/sync/protocol/purchaseOps.ts). It belongs to the branch
 * whose token pushed it first and goes to that branch's other PCs only; an order of another
 * branch, or one receiving into another branch's warehouse, is refused. Head office keeps the
 * latest snapshot by HLC but relays every one, since each carries tracking events the others
 * may lack (they merge by union at the PCs). Its receipts are documents (applyDocumentOp).
 */
export async function applyPurchaseOp(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: PurchaseOrderArgs): Promise<void> {
  const o = args.order;
  const [warehouse] = await tx.select({ branchId: warehouses.branchId }).from(warehouses).where(eq(warehouses.id, o.warehouseId));
  if (warehouse?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${o.warehouseId} is not a warehouse of branch ${ctx.branchCode}`);
  const [stored] = await tx.select().from(purchaseRecords).where(eq(purchaseRecords.id, o.id));
  if (stored && stored.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Purchase order ${o.docNo} belongs to another branch`);
  const fields = {
    docNo: o.docNo,
    supplierId: o.supplierId,
    warehouseId: o.warehouseId,
    status: o.status,
    orderDate: o.orderDate,
    expectedDate: o.expectedDate,
    totalQty: o.totalQty,
    totalValueFen: o.totalValueFen,
    hlc: o.hlc,
  };
  if (!stored) {
    await tx.insert(purchaseRecords).values({ id: o.id, branchId: ctx.branchId, originDeviceId: ctx.deviceId, receivedAt: ctx.now, ...fields });
  } else if (o.hlc > stored.hlc) {
    await tx
      .update(purchaseRecords)
      .set(fields)
      .where(and(eq(purchaseRecords.id, o.id), sql`${purchaseRecords.hlc} < ${o.hlc}`));
  }
  state.changes.push({
    branchId: ctx.branchId,
    bucket: 'purchasing',
    kind: 'op',
    itemId: o.id,
    originDeviceId: ctx.deviceId,
    payload: { name: op.name, version: op.version, args: { ...args, order: { ...o, branchId: ctx.branchId } }, originDeviceId: ctx.deviceId },
  });
}
