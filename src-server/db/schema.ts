import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The head-office database. Instants are UTC epoch ms and quantities and money are integer base
 * units and fen, all in `bigint` columns read back as JS numbers (every value stays far below
 * 2^53), never floats. Business dates are 'YYYY-MM-DD' text in the branch's time zone.
 */

const epochMs = (name: string) => bigint(name, { mode: 'number' });

/**
 * One row. `epoch` is made when the database is created and travels with every backup, so a
 * server restored from an older backup still answers with the old epoch; whoever restores it
 * declares the restore (`--new-epoch`), which moves the epoch on, bumps `generation` and keeps
 * the epoch it replaced in `restored_from`. Clients seeing a new epoch re-push their retained ops.
 */
export const serverMeta = pgTable(
  'server_meta',
  {
    id: integer('id').primaryKey(),
    epoch: text('epoch').notNull(),
    generation: integer('generation').notNull().default(0),
    restoredFrom: text('restored_from'),
    createdAt: epochMs('created_at').notNull(),
    epochChangedAt: epochMs('epoch_changed_at').notNull(),
  },
  (t) => [check('server_meta_single_row', sql`${t.id} = 1`)],
);

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: epochMs('created_at').notNull(),
  /**
   * How many terminal letters the branch has handed out after the founder's '' (B = 1, C = 2, …).
   * Only ever counts up, so a letter is never given twice, not even after a revoke.
   */
  terminalsIssued: integer('terminals_issued').notNull().default(0),
});

/** One-time enrolment codes; only their hash is kept, the code itself is shown to head office once. */
export const enrolmentCodes = pgTable(
  'enrolment_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    usedAt: epochMs('used_at'),
    usedByDeviceId: uuid('used_by_device_id'),
  },
  (t) => [index('enrolment_codes_branch').on(t.branchId)],
);

/** A branch PC. `id` is the client's own deviceId; the token is stored as its SHA-256. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    name: text('name').notNull(),
    /** '' for the PC that founded the branch's ledger, then 'B', 'C', …: part of its document numbers. */
    terminalCode: text('terminal_code').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    enrolledAt: epochMs('enrolled_at').notNull(),
    revokedAt: epochMs('revoked_at'),
    /** The highest outbox seq settled (applied or rejected) for this device. */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastPushAt: epochMs('last_push_at'),
    lastPullAt: epochMs('last_pull_at'),
  },
  (t) => [index('devices_branch').on(t.branchId), uniqueIndex('devices_branch_terminal').on(t.branchId, t.terminalCode)],
);

/**
 * Every op settled for a device: the server's half of exactly-once.
 *
 * `device_id` here, and `branch_id` of documents and movements, have no foreign key: a push
 * writes them from the device row its own transaction holds locked, never from the request, and
 * devices and branches are never deleted (a revoked device keeps its row). A key checked row by
 * row cost a lookup and a row lock per op written — three per op, the largest single part of
 * the database's time for a push batch.
 */
export const ingestedOps = pgTable(
  'ingested_ops',
  {
    deviceId: uuid('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    opId: uuid('op_id').notNull().unique(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.seq] })],
);

/**
 * What devices pull, in `cursor` order. `branch_id` null means every branch (head office master
 * data); a rejection is for its `target_device_id` only; an op is never sent back to its origin.
 * `item_id` is what the bucket's checksum counts.
 */
export const changes = pgTable(
  'changes',
  {
    cursor: bigserial('cursor', { mode: 'number' }).primaryKey(),
    branchId: uuid('branch_id'),
    bucket: text('bucket').notNull(),
    kind: text('kind', { enum: ['op', 'master', 'exception', 'rejection'] }).notNull(),
    itemId: text('item_id').notNull(),
    originDeviceId: uuid('origin_device_id'),
    targetDeviceId: uuid('target_device_id'),
    /**
     * JSON text, kept as `text`: written once by this server (JSON.stringify of what it relays)
     * and read back whole, never queried inside. jsonb would be converted on every insert and
     * back to text on every pull; json would parse every payload again on insert just to check
     * text the server itself wrote (about 5 µs of PostgreSQL CPU per change, 7 % of a push).
     */
    payload: text('payload').notNull(),
    /**
     * The payload's size in bytes, so a pull can fill a page up to its byte budget from this
     * column alone and read only the payloads it sends.
     */
    payloadBytes: integer('payload_bytes').notNull().default(0),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('changes_branch_cursor').on(t.branchId, t.cursor), index('changes_bucket_cursor').on(t.bucket, t.cursor)],
);

/**
 * Each branch's checksum of the buckets it compares (documents, movements, exceptions,
 * warehouses): the count of its items and the sum mod 2^32 of their ids' FNV-1a hashes, added to
 * in the transaction that inserts the items (sync/bucketChecksums.ts), so a pull reads it instead
 * of hashing every row of the branch.
 */
export const bucketChecksums = pgTable(
  'bucket_checksums',
  {
    branchId: uuid('branch_id').notNull(),
    bucket: text('bucket').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    hash: bigint('hash', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.bucket] })],
);

/**
 * Posted stock documents, one row each. The document as its branch sent it (header, lines, lots
 * and movements) is stored once, as the payload of its `changes` row (kind 'op', item_id = id).
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    /** No foreign key: see ingestedOps. */
    branchId: uuid('branch_id').notNull(),
    originDeviceId: uuid('origin_device_id').notNull(),
    docType: text('doc_type').notNull(),
    docNo: text('doc_no').notNull(),
    businessDate: text('business_date').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  // No index but the key: head office reads documents only by id (a push's lookup); an index by
  // branch was read by nothing and written by every pushed document.
);

/** The union of every branch's stock movements: immutable, inserted once by id. */
export const movements = pgTable(
  'movements',
  {
    id: uuid('id').primaryKey(),
    /** No foreign key: see ingestedOps. */
    branchId: uuid('branch_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    qty: bigint('qty', { mode: 'number' }).notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    documentId: uuid('document_id').notNull(),
    businessDate: text('business_date').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  // No index but the key: head office reads movements only by id (a push's lookup; stock by
  // branch comes from balances). Indexes by branch and by document were read by nothing and
  // written by every pushed movement: about 7 % of PostgreSQL's CPU on a push.
);

/**
 * Lots as the documents that brought them describe them. A lot's id is derived from product and
 * lot code on every PC (core/ids lotIdFor), so one row serves every branch holding that lot.
 */
export const lots = pgTable('lots', {
  id: uuid('id').primaryKey(),
  productId: uuid('product_id').notNull(),
  lotCode: text('lot_code').notNull(),
  expiryDate: text('expiry_date'),
  productionDate: text('production_date'),
});

/** Σ movements per (warehouse, product, lot), kept in the transaction that inserts them. */
export const balances = pgTable(
  'balances',
  {
    branchId: uuid('branch_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    qty: bigint('qty', { mode: 'number' }).notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
  },
  // A push batch reads the balances it touches by their whole key. (A (branch, product) index
  // served an older lookup by product; the planner, its statistics lagging behind a growing
  // table, went on taking it for key lookups and read every lot of the product for each key.)
  (t) => [primaryKey({ columns: [t.branchId, t.warehouseId, t.productId, t.lotId] })],
);

/**
 * Negative stock that merging revealed. `qty` is the (negative) balance while open. The partial
 * unique index is the guarantee behind "exactly one open exception per negative balance".
 */
export const stockExceptions = pgTable(
  'stock_exceptions',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    qty: bigint('qty', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    openedAt: epochMs('opened_at').notNull(),
    resolvedAt: epochMs('resolved_at'),
  },
  (t) => [
    uniqueIndex('stock_exceptions_one_open')
      .on(t.branchId, t.warehouseId, t.productId, t.lotId)
      .where(sql`${t.status} = 'open'`),
    index('stock_exceptions_branch_status').on(t.branchId, t.status),
  ],
);

/** A branch's warehouses, founded by the branch's first device (`setup.createBranch`). */
export const warehouses = pgTable(
  'warehouses',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    originDeviceId: uuid('origin_device_id'),
    hlc: text('hlc').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('warehouses_branch_code').on(t.branchId, t.code)],
);

/**
 * Head office's master data, one row per entity and id; `fields` maps each field to its value and
 * the HLC that wrote it, so concurrent edits merge last-writer-wins per field.
 */
export const masterRows = pgTable(
  'master_rows',
  {
    entity: text('entity').notNull(),
    id: uuid('id').notNull(),
    fields: jsonb('fields').$type<MasterFields>().notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.id] })],
);

export type MasterFields = Record<string, { value: unknown; hlc: string }>;

/**
 * The branch users head office manages (users with origin 'head_office' on the branch's PCs): one
 * row per user, its fields with the HLC that wrote each, like master data. The password or PIN is
 * kept only as its scrypt hash. The user name is unique within the branch.
 */
export const branchUsers = pgTable(
  'branch_users',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    username: text('username').notNull(),
    fields: jsonb('fields').$type<MasterFields>().notNull(),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('branch_users_branch_username').on(t.branchId, t.username)],
);

/**
 * A branch's stock counts, one row each: whose branch it is (ownership and authorization of
 * every later op on it) and its status, kept so a closed count takes no more entries or
 * decisions. The count's header and snapshot lines travel as the payloads of its `changes` rows.
 */
export const counts = pgTable(
  'counts',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    originDeviceId: uuid('origin_device_id').notNull(),
    docNo: text('doc_no').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    status: text('status', { enum: ['counting', 'review', 'posted', 'cancelled'] }).notNull(),
    /** The HLC of the last status change applied: counting ⇄ review merge last-writer-wins. */
    statusHlc: text('status_hlc').notNull(),
    adjustmentDocumentId: uuid('adjustment_document_id'),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('counts_branch').on(t.branchId)],
);

/** The ids of every count entry received: entries merge by union, each relayed once. */
export const countEntries = pgTable(
  'count_entries',
  {
    id: uuid('id').primaryKey(),
    countId: uuid('count_id').notNull(),
    branchId: uuid('branch_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('count_entries_count').on(t.countId)],
);

/**
 * A branch's sales records: orders, invoices and customer payments, one row each, kept for
 * ownership (a later op on the record must come from its branch), for the order's latest HLC (a
 * snapshot merges last-writer-wins) and for head office's view of orders and receivables. The
 * records themselves travel as the payloads of their `changes` rows.
 */
export const salesRecords = pgTable(
  'sales_records',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['order', 'invoice', 'payment', 'return', 'credit_note'] }).notNull(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    originDeviceId: uuid('origin_device_id').notNull(),
    docNo: text('doc_no').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** An order's or a return's state as of `hlc`; a credit note's settlement ('credit' or 'refund'); null for invoices and payments. */
    status: text('status'),
    /** Order, return, invoice or credit note gross; payment amount. */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    hlc: text('hlc').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('sales_records_branch').on(t.branchId, t.kind), index('sales_records_customer').on(t.customerId)],
);

/**
 * A branch's purchase orders, one row each: whose branch it is (a later snapshot must come from
 * it), the latest HLC (snapshots merge last-writer-wins) and what head office shows of it. The
 * order itself travels as the payload of its `changes` rows; its receipts are documents.
 */
export const purchaseRecords = pgTable(
  'purchase_records',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    originDeviceId: uuid('origin_device_id').notNull(),
    docNo: text('doc_no').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    status: text('status').notNull(),
    orderDate: text('order_date').notNull(),
    expectedDate: text('expected_date').notNull(),
    totalQty: bigint('total_qty', { mode: 'number' }).notNull(),
    totalValueFen: bigint('total_value_fen', { mode: 'number' }).notNull(),
    hlc: text('hlc').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('purchase_records_branch').on(t.branchId, t.orderDate), index('purchase_records_supplier').on(t.supplierId)],
);

/**
 * A branch's supplier returns (退供) and their claims, one row each: for ownership (a later
 * snapshot must come from the same branch), the latest HLC (snapshots merge last-writer-wins),
 * and head office's view of what is claimed from each supplier and what it credited. The returns
 * themselves travel as the payloads of their `changes` rows.
 */
export const supplierReturnRecords = pgTable(
  'supplier_return_records',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    originDeviceId: uuid('origin_device_id').notNull(),
    docNo: text('doc_no').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    status: text('status').notNull(),
    businessDate: text('business_date').notNull(),
    claimFen: bigint('claim_fen', { mode: 'number' }).notNull(),
    creditedFen: bigint('credited_fen', { mode: 'number' }).notNull(),
    hlc: text('hlc').notNull(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('supplier_return_records_branch').on(t.branchId), index('supplier_return_records_supplier').on(t.supplierId)],
);

/**
 * Stock transfers (调拨), one row each: the sender's shipment (whose branch it is, the latest
 * HLC, where it goes) and, once received, the receiver's receipt. Head office resolves the code
 * of the branch the goods go to, relays the shipment to that branch's devices and the receipt
 * back to the sender's, and shows what is in transit. The parts themselves travel as the
 * payloads of their `changes` rows.
 */
export const transferRecords = pgTable(
  'transfer_records',
  {
    id: uuid('id').primaryKey(),
    /** The sending branch. */
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    originDeviceId: uuid('origin_device_id').notNull(),
    docNo: text('doc_no').notNull(),
    fromWarehouseId: uuid('from_warehouse_id').notNull(),
    toBranchId: uuid('to_branch_id')
      .notNull()
      .references(() => branches.id),
    status: text('status').notNull(),
    businessDate: text('business_date').notNull(),
    totalQty: bigint('total_qty', { mode: 'number' }).notNull(),
    totalValueFen: bigint('total_value_fen', { mode: 'number' }).notNull(),
    hlc: text('hlc').notNull(),
    receivedAt: epochMs('received_at').notNull(),
    /** The receiver's part, once it came: which receipt, where, when, how much, and what was written off. */
    receiptId: uuid('receipt_id'),
    receiptWarehouseId: uuid('receipt_warehouse_id'),
    receiptDate: text('receipt_date'),
    receiptQty: bigint('receipt_qty', { mode: 'number' }),
    writtenOffFen: bigint('written_off_fen', { mode: 'number' }),
  },
  (t) => [index('transfer_records_branch').on(t.branchId, t.status), index('transfer_records_to_branch').on(t.toBranchId, t.status)],
);
