import type { LedgerDb } from '../../db/openLedgerDb';
import type { SyncStatus } from '../contract/results';
import { all } from '../services/sql';
import { isSyncConfigured, pendingOpCount, readSyncState } from './syncState';

/** What the Sync page and the header badge show, all read from the ledger (no network). */
export function readSyncStatus(db: LedgerDb): SyncStatus {
  const lastError = readSyncState(db, 'lastError') ?? null;
  return {
    configured: isSyncConfigured(db),
    serverUrl: readSyncState(db, 'serverUrl') ?? null,
    deviceId: readSyncState(db, 'deviceId') ?? null,
    deviceName: readSyncState(db, 'deviceName') ?? null,
    branch: readSyncState(db, 'branch') ?? null,
    terminalCode: readSyncState(db, 'terminalCode') ?? null,
    enrolledAt: readSyncState(db, 'enrolledAt') ?? null,
    lastSyncAt: readSyncState(db, 'lastSyncAt') ?? null,
    lastPushAt: readSyncState(db, 'lastPushAt') ?? null,
    lastPullAt: readSyncState(db, 'lastPullAt') ?? null,
    pending: pendingOpCount(db),
    lastError: lastError ? { code: lastError.code, message: lastError.message, ...(lastError.params ? { params: lastError.params } : {}), at: lastError.at } : null,
    clockOffsetMs: readSyncState(db, 'clockOffsetMs') ?? null,
    rejected: all<{ seq: number; name: string; code: string; message: string; receivedAt: number }>(
      db,
      'SELECT seq, name, code, message, received_at AS receivedAt FROM sync_rejections ORDER BY seq DESC LIMIT 200',
    ),
    openExceptions: all<SyncStatus['openExceptions'][number]>(
      db,
      `SELECT e.id, w.name AS warehouseName, p.sku, p.name_zh AS productNameZh, p.name_en AS productNameEn, l.lot_code AS lotCode, e.qty, e.opened_at AS openedAt
         FROM stock_exceptions e
         LEFT JOIN warehouses w ON w.id = e.warehouse_id
         LEFT JOIN products p ON p.id = e.product_id
         LEFT JOIN lots l ON l.id = e.lot_id
        WHERE e.status = 'open'
        ORDER BY e.opened_at, e.id LIMIT 500`,
    ),
    divergence: (readSyncState(db, 'divergence') ?? []).map((n) => ({ bucket: n.bucket, localCount: n.local.count, serverCount: n.server.count, since: n.since })),
  };
}
