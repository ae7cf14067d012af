import type { LedgerDb } from '../../db/openLedgerDb';
import type { SalesOrderArgs } from '../sync/protocol';
import { all, run } from './sql';
import type { CommandContext, ServiceContext } from './types';

/** One step of an order's tracking (sales, purchase, a return or a transfer): who did what, from which state to which, and the document it made. */
export interface OrderEventInput {
  action: string;
  from: string | null;
  to: string;
  note?: string;
  documentId?: string;
  documentNo?: string;
}

type EventTable = 'sales_order_events' | 'purchase_order_events' | 'customer_return_events' | 'transfer_events';

/** The column naming the document each tracking table follows. */
const parentColumn: Record<EventTable, 'order_id' | 'return_id' | 'transfer_id'> = {
  sales_order_events: 'order_id',
  purchase_order_events: 'order_id',
  customer_return_events: 'return_id',
  transfer_events: 'transfer_id',
};

/** Appends a tracking event by this user on this PC, now. The tables are append-only and merge by union. */
export function insertOrderEvent(ctx: CommandContext, table: EventTable, orderId: string, e: OrderEventInput): void {
  run(
    ctx.db,
    `INSERT INTO ${table} (id, ${parentColumn[table]}, action, from_status, to_status, user_id, device_id, at, note, document_id, document_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ctx.ids(),
    orderId,
    e.action,
    e.from,
    e.to,
    ctx.currentUser.id,
    ctx.deviceId,
    ctx.now,
    e.note ?? '',
    e.documentId ?? null,
    e.documentNo ?? null,
  );
}

/** An order's tracking events as its sync snapshot carries them, oldest first. */
export function orderEventsForSync(ctx: ServiceContext, table: EventTable, orderId: string): SalesOrderArgs['events'] {
  return all<SalesOrderArgs['events'][number]>(
    ctx.db,
    `SELECT id, action, from_status AS fromStatus, to_status AS toStatus, user_id AS userId, device_id AS deviceId, at, note,
            document_id AS documentId, document_no AS documentNo
       FROM ${table} WHERE ${parentColumn[table]} = ? ORDER BY at, id`,
    orderId,
  );
}

/** Tracking events another PC sent with an order's snapshot, added by id (union). Answers whether any was new. */
export function insertSyncedOrderEvents(db: LedgerDb, table: EventTable, orderId: string, events: SalesOrderArgs['events']): boolean {
  let added = false;
  for (const e of events) {
    added =
      run(
        db,
        `INSERT OR IGNORE INTO ${table} (id, ${parentColumn[table]}, action, from_status, to_status, user_id, device_id, at, note, document_id, document_no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        e.id,
        orderId,
        e.action,
        e.fromStatus,
        e.toStatus,
        e.userId,
        e.deviceId,
        e.at,
        e.note,
        e.documentId,
        e.documentNo,
      ).changes > 0 || added;
  }
  return added;
}
