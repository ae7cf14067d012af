import { and, eq, sql } from 'drizzle-orm';
import type { TransferReceiptArgs, TransferShipmentArgs } from '../../src-main/sync/protocol';
import { branches, masterRows, transferRecords, warehouses } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

async function requireOwnWarehouse(tx: ServerTx, ctx: OpContext, warehouseId: string): Promise<void> {
  const [warehouse] = await tx.select({ branchId: warehouses.branchId }).from(warehouses).where(eq(warehouses.id, warehouseId));
  if (warehouse?.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Warehouse ${warehouseId} is not a warehouse of branch ${ctx.branchCode}`);
}

/**
 * The sender's part of a stock transfer (src-main/sync/protocol/transferOps.ts). It belongs to
 * the branch whose token pushed it first; its source warehouse must be that branch's. Head office
 * resolves the code of the branch the goods go to (an unknown code is refused: the goods would
 * be in transit to nowhere; so are goods leaving for a branch head office has closed), keeps the latest snapshot by HLC, and relays every snapshot to the
 * sender's other PCs and, from the moment the goods leave, to the receiving branch's PCs, which
 * pull it as any change of their own branch and may receive it offline.
 */
export async function applyTransferShipment(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: TransferShipmentArgs): Promise<void> {
  const t = args.transfer;
  await requireOwnWarehouse(tx, ctx, t.fromWarehouseId);
  const [stored] = await tx.select().from(transferRecords).where(eq(transferRecords.id, t.id));
  if (stored && stored.branchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Transfer ${t.docNo} belongs to another branch`);
  let toBranchId = ctx.branchId;
  if (t.toBranchCode !== ctx.branchCode) {
    const [to] = await tx
      .select({ id: branches.id, directory: masterRows.fields })
      .from(branches)
      .leftJoin(masterRows, and(eq(masterRows.entity, 'branch'), eq(masterRows.id, branches.id)))
      .where(eq(branches.code, t.toBranchCode));
    if (!to) throw new OpRejected('TRANSFER_BRANCH_UNKNOWN', `Transfer ${t.docNo}: no branch has the code ${t.toBranchCode}`);
    // A closed branch takes no more goods: a shipment that sends goods there (a PC whose directory
    // had not heard of the closing yet) is refused; one already on its way, a draft or a cancelled
    // one still goes through, so the sender can close or cancel what it has.
    const leavesNow = t.status !== 'draft' && t.status !== 'cancelled' && (!stored || stored.status === 'draft');
    if (leavesNow && to.directory?.active?.value === false) throw new OpRejected('TRANSFER_BRANCH_INACTIVE', `Transfer ${t.docNo}: branch ${t.toBranchCode} is closed`);
    toBranchId = to.id;
  } else if (t.toWarehouseId !== null) {
    await requireOwnWarehouse(tx, ctx, t.toWarehouseId);
  }
  const fields = {
    docNo: t.docNo,
    fromWarehouseId: t.fromWarehouseId,
    toBranchId,
    status: t.status,
    businessDate: t.businessDate,
    totalQty: t.totalQty,
    totalValueFen: t.totalValueFen,
    hlc: t.hlc,
  };
  if (!stored) {
    await tx.insert(transferRecords).values({ id: t.id, branchId: ctx.branchId, originDeviceId: ctx.deviceId, receivedAt: ctx.now, ...fields });
  } else if (t.hlc > stored.hlc) {
    await tx
      .update(transferRecords)
      .set(fields)
      .where(and(eq(transferRecords.id, t.id), sql`${transferRecords.hlc} < ${t.hlc}`));
  }
  const payload = { name: op.name, version: op.version, args: { ...args, transfer: { ...t, branchId: ctx.branchId, toBranchId } }, originDeviceId: ctx.deviceId };
  const branchIds = toBranchId !== ctx.branchId && t.status !== 'draft' && t.status !== 'cancelled' ? [ctx.branchId, toBranchId] : [ctx.branchId];
  for (const branchId of branchIds) state.changes.push({ branchId, bucket: 'transfers', kind: 'op', itemId: t.id, originDeviceId: ctx.deviceId, payload });
}

/**
 * The receiver's part: written once, by a PC of the branch the transfer was addressed to, into a
 * warehouse of that branch. A second receipt of the same transfer (two PCs that received it
 * offline) is refused, and the rejection reaches the PC that sent it. Relayed to the receiving
 * branch's other PCs and to the sender's, which then sees the goods received.
 */
export async function applyTransferReceipt(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: TransferReceiptArgs): Promise<void> {
  const r = args.receipt;
  const [stored] = await tx.select().from(transferRecords).where(eq(transferRecords.id, r.transferId));
  if (!stored) throw new OpRejected('NOT_FOUND', `Transfer ${r.transferId} is not known to head office`);
  if (stored.toBranchId !== ctx.branchId) throw new OpRejected('FORBIDDEN', `Transfer ${stored.docNo} is not addressed to branch ${ctx.branchCode}`);
  await requireOwnWarehouse(tx, ctx, r.warehouseId);
  if (stored.receiptId !== null && stored.receiptId !== r.id) throw new OpRejected('CONFLICT', `Transfer ${stored.docNo} was received already`);
  if (stored.receiptId === null) {
    await tx
      .update(transferRecords)
      .set({ receiptId: r.id, receiptWarehouseId: r.warehouseId, receiptDate: r.businessDate, receiptQty: r.receivedQty, writtenOffFen: r.writtenOffFen })
      .where(eq(transferRecords.id, stored.id));
  }
  const payload = { name: op.name, version: op.version, args: { ...args, receipt: { ...r, branchId: ctx.branchId } }, originDeviceId: ctx.deviceId };
  const branchIds = stored.branchId !== ctx.branchId ? [ctx.branchId, stored.branchId] : [ctx.branchId];
  for (const branchId of branchIds) state.changes.push({ branchId, bucket: 'transfers', kind: 'op', itemId: stored.id, originDeviceId: ctx.deviceId, payload });
}
