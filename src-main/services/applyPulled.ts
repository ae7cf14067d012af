import { findOp, readOpArgs, type ProductLocationsArgs, type ReplenishmentPoliciesArgs, type Change, type CountOp, type MasterEntity, type StockDocumentArgs, type StockDocumentPartArgs, type BranchSetupArgs, type PeriodLockArgs, type PurchaseOrderArgs, type SalesTargetArgs, type SupplierReturnArgs, type TransferReceiptArgs, type TransferShipmentArgs } from '../sync/protocol';
import type { LedgerDb } from '../../db/openLedgerDb';
import type { IdGenerator } from '../core/ids';
import { applyCountOp, localAuthor } from './applyCountOp';
import { applyPurchaseOp } from './applyPurchaseOp';
import { applyTransferReceipt, applyTransferShipment } from './applyTransferOp';
import { applySalesOp, type PulledSalesOp } from './applySalesOp';
import { applyReturnOp, type PulledReturnOp } from './applyReturnOp';
import { lockedThrough } from './branch';
import { applyPeriodLock } from './periods';
import { applySupplierReturnSnapshot } from './supplierReturns';
import { upsertReplenishmentPolicy } from './replenishment';
import { addCostLayer, openShortLayer, takeFromLayers, writeMovement, type PostingContext } from './posting';
import { lateDateUnder, latePostedDate, noteLateMoneyDocument, recordLatePosting, type PulledMoneyDocument } from './latePostings';
import { applySalesTarget } from './salesTargets';
import { applyUserChange } from './applyUserChange';
import { recountProgress } from './stockCounts';
import { insertDocumentLines } from './stockDocuments';
import { all, get, inTransaction, run, runForRows, valuesOf } from './sql';

/**
 * Applies what head office sent, with the new pull cursor, in one SQLite transaction: the
 * cursor is never saved ahead of the data it covers (PouchDB #1240), and a batch half applied
 * is never left behind.
 *
 * Merge rules (src-main/sync/protocol/registry.ts): documents and their movements are
 * immutable and merge by union — present already (by id) means applied already; master data
 * merges per field, last writer by HLC wins; stock exceptions and rejections are head office's
 * word and are stored as sent; stock counts merge as applyCountOp.ts describes. Nothing that is
 * absent from the server is ever deleted here.
 */

export interface ApplyDeps {
  now: number;
  ids: IdGenerator;
  hlc: () => string;
}

export interface ApplyResult {
  applied: number;
  skipped: number;
  /** Changes that could not be applied here (unknown op, bad args), with why. */
  problems: { cursor: number; reason: string }[];
}

export function applyPulledBatch(db: LedgerDb, changes: readonly Change[], cursor: number, deps: ApplyDeps): ApplyResult {
  const ctx: PostingContext = { db, ids: deps.ids, hlc: deps.hlc, now: deps.now };
  return inTransaction(db, () => {
    const branchId = get<{ id: string }>(db, 'SELECT id FROM branches ORDER BY created_at LIMIT 1')?.id ?? '';
    // The whole page in one savepoint first; only if something in it fails is it applied again
    // change by change, each in its own savepoint: one that cannot be applied here (a product
    // this PC has not received yet, say) is then listed as a problem and the rest goes on; the
    // bucket's checksum disagrees and a later pull fetches it again.
    let result: ApplyResult = { applied: 0, skipped: 0, problems: [] };
    const page: PageMemo = { touchedCounts: new Set(), authors: new Map(), lockedThrough: undefined, noShortLayers: undefined };
    try {
      db.$client.transaction(() => {
        for (const change of changes) {
          if (applyOne(ctx, branchId, change, page)) result.applied++;
          else result.skipped++;
        }
      })();
    } catch {
      result = { applied: 0, skipped: 0, problems: [] };
      // What was read in the rolled-back attempt is read again.
      forgetLedgerReads(page);
      for (const change of changes) {
        try {
          const applied = db.$client.transaction(() => applyOne(ctx, branchId, change, page))();
          if (applied) result.applied++;
          else result.skipped++;
        } catch (error) {
          result.problems.push({ cursor: change.cursor, reason: error instanceof Error ? error.message.slice(0, 200) : 'ERROR' });
        }
      }
    }
    for (const countId of page.touchedCounts) recountProgress(db, countId);
    run(
      db,
      `INSERT INTO sync_state (key, value, updated_at) VALUES ('pullCursor', ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      JSON.stringify(cursor),
      deps.now,
    );
    return result;
  });
}

class ChangeProblem extends Error {}

/** What the changes of one page share. */
interface PageMemo {
  /** Counts whose lines this page changed: their progress is counted from the lines once, at the end. */
  touchedCounts: Set<string>;
  /** The local user each author id sent stands for (localAuthor), asked once a page: users do not sync. */
  authors: Map<string, string>;
  /**
   * Read once for a run of stock documents, which neither lock periods nor leave short layers
   * behind unless they issue (each read costs as much as a movement's insert, 100,000 times in
   * a big pull). Any other change forgets them (forgetLedgerReads): a period lock, a sale or a
   * count may change what they say. Undefined: not read since.
   */
  /** The branch's period lock (null: none). */
  lockedThrough: string | null | undefined;
  /** True when the ledger holds no cost layer below zero, so a receipt has nothing to fill. */
  noShortLayers: boolean | undefined;
}

function forgetLedgerReads(page: PageMemo): void {
  page.lockedThrough = undefined;
  page.noShortLayers = undefined;
}

function applyOne(ctx: PostingContext, branchId: string, change: Change, page: PageMemo): boolean {
  if (change.kind !== 'op') forgetLedgerReads(page);
  switch (change.kind) {
    case 'op': {
      const spec = findOp(change.name, change.version);
      const parsed = spec && readOpArgs(spec, change.args);
      if (!spec || !parsed) throw new ChangeProblem(spec ? 'INVALID_ARGS' : 'UNKNOWN_OP');
      if (spec.scope !== 'document' && spec.scope !== 'document-part') forgetLedgerReads(page);
      if (spec.scope === 'document') return applyDocument(ctx, branchId, parsed.data as StockDocumentArgs, page, change.originDeviceId);
      if (spec.scope === 'document-part') return applyDocumentPart(ctx, branchId, parsed.data as StockDocumentPartArgs, page);
      if (spec.scope === 'branch-setup') return applyWarehouses(ctx, branchId, parsed.data as BranchSetupArgs);
      if (spec.scope === 'master-seed') return false;
      if (spec.scope === 'product-locations') return applyProductLocations(ctx, parsed.data as ProductLocationsArgs);
      if (spec.scope === 'replenishment-policies') return applyReplenishmentPolicies(ctx, parsed.data as ReplenishmentPoliciesArgs);
      if (spec.scope === 'purchase-order') return applyPurchaseOp(ctx.db, branchId, parsed.data as PurchaseOrderArgs);
      if (spec.scope === 'supplier-return') return applySupplierReturnSnapshot(ctx.db, branchId, parsed.data as SupplierReturnArgs);
      if (spec.scope === 'transfer-shipment') return applyTransferShipment(ctx.db, parsed.data as TransferShipmentArgs);
      if (spec.scope === 'transfer-receipt') return applyTransferReceipt(ctx, parsed.data as TransferReceiptArgs);
      if (spec.scope === 'sales-order' || spec.scope === 'sales-invoice' || spec.scope === 'sales-payment') {
        const applied = applySalesOp(ctx.db, branchId, { scope: spec.scope, args: parsed.data } as PulledSalesOp);
        if (applied && spec.scope !== 'sales-order') noteLateMoneyDocument(ctx, branchId, { scope: spec.scope, args: parsed.data } as PulledMoneyDocument, change.originDeviceId);
        return applied;
      }
      if (spec.scope === 'period-lock') return applyPeriodLock(ctx.db, branchId, parsed.data as PeriodLockArgs);
      if (spec.scope === 'sales-target') return applySalesTarget(ctx.db, parsed.data as SalesTargetArgs);
      if (spec.scope === 'return-customer' || spec.scope === 'return-credit-note') {
        const applied = applyReturnOp(ctx.db, branchId, { scope: spec.scope, args: parsed.data } as PulledReturnOp);
        if (applied && spec.scope === 'return-credit-note') noteLateMoneyDocument(ctx, branchId, { scope: spec.scope, args: parsed.data } as PulledMoneyDocument, change.originDeviceId);
        return applied;
      }
      return applyCountOp(ctx.db, branchId, { scope: spec.scope, args: parsed.data } as CountOp, page.touchedCounts, change.originDeviceId);
    }
    case 'master':
      return applyMaster(ctx, branchId, change.entity, change.id, change.fields);
    case 'user':
      return applyUserChange(ctx, change.id, change.fields);
    case 'exception': {
      const e = change.exception;
      run(
        ctx.db,
        `INSERT INTO stock_exceptions (id, warehouse_id, product_id, lot_id, qty, status, opened_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET qty = excluded.qty, status = excluded.status, resolved_at = excluded.resolved_at`,
        e.id,
        e.warehouseId,
        e.productId,
        e.lotId,
        e.qty,
        e.status,
        e.openedAt,
        e.resolvedAt,
      );
      return true;
    }
    case 'rejection': {
      const r = change.rejection;
      return (
        run(
          ctx.db,
          'INSERT OR IGNORE INTO sync_rejections (seq, op_id, name, code, message, received_at) VALUES (?, ?, ?, ?, ?, ?)',
          r.seq,
          r.opId,
          r.name,
          r.code,
          r.message,
          ctx.now,
        ).changes > 0
      );
    }
  }
}

/**
 * A document another PC of this branch posted: its rows, then its movements into balances and
 * layers. One dated in a period locked here posts on the first open day (latePostings.ts).
 */
function applyDocument(ctx: PostingContext, branchId: string, args: StockDocumentArgs, page: PageMemo, sourceDeviceId: string): boolean {
  const d = args.document;
  // Two PCs of the branch can each reverse the same document while offline. Both reversals are
  // posted documents whose movements head office counts, so this ledger takes the later one too;
  // its index allows one reversal per original, so that one is stored without the link.
  const reverses =
    d.reversesDocumentId !== null && get(ctx.db, 'SELECT 1 FROM stock_documents WHERE reverses_document_id = ?', d.reversesDocumentId) ? null : d.reversesDocumentId;
  // The author may be a user of another PC that this ledger has not heard of yet.
  let createdBy = page.authors.get(d.createdBy);
  if (createdBy === undefined) {
    createdBy = localAuthor(ctx.db, d.createdBy);
    page.authors.set(d.createdBy, createdBy);
  }
  // Present already (by id) means applied already: nothing of it is written again.
  const inserted = run(
    ctx.db,
    `INSERT INTO stock_documents (id, branch_id, doc_type, doc_no, status, business_date, warehouse_id, supplier_id, reason_code, note,
       reverses_document_id, total_qty, total_value_fen, source_id, created_by, created_at, hlc)
     VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
    d.id,
    branchId,
    d.docType,
    d.docNo,
    d.businessDate,
    d.warehouseId,
    d.supplierId,
    d.reasonCode,
    d.note,
    reverses,
    d.totalQty,
    d.totalValueFen,
    d.sourceId ?? null,
    createdBy,
    d.createdAt,
    d.hlc,
  ).changes;
  if (inserted === 0) return false;
  if (page.lockedThrough === undefined) page.lockedThrough = lockedThrough(ctx, branchId);
  const late = lateDateUnder(page.lockedThrough, d.businessDate);
  if (late) recordLatePosting(ctx, { kind: 'stock_document', id: d.id, docNo: d.docNo, docType: d.docType, originalDate: d.businessDate }, late, sourceDeviceId);
  applyDocumentLines(ctx, branchId, d.id, args, late?.postedDate ?? null, page);
  return true;
}

/**
 * More lines of a big document (stock.documentPart). Its document came in an earlier change; a
 * part whose first line is here already was applied before (parts apply whole or not at all).
 */
function applyDocumentPart(ctx: PostingContext, branchId: string, args: StockDocumentPartArgs, page: PageMemo): boolean {
  if (!get(ctx.db, 'SELECT 1 FROM stock_documents WHERE id = ?', args.documentId)) throw new ChangeProblem('DOCUMENT_MISSING');
  const first = args.lines[0];
  if (first && get(ctx.db, 'SELECT 1 FROM stock_document_lines WHERE id = ?', first.id)) return false;
  applyDocumentLines(ctx, branchId, args.documentId, args, latePostedDate(ctx.db, 'stock_document', args.documentId), page);
  return true;
}

/**
 * Lots, lines and movements of a document (or of one of its parts), with balances and layers;
 * the movements of a late posting carry its posting date instead of the document's.
 */
function applyDocumentLines(
  ctx: PostingContext,
  branchId: string,
  documentId: string,
  body: Pick<StockDocumentArgs, 'lots' | 'lines' | 'movements'>,
  postedDate: string | null,
  page: PageMemo,
): void {
  for (const lot of body.lots) {
    run(
      ctx.db,
      'INSERT OR IGNORE INTO lots (id, product_id, lot_code, expiry_date, production_date, first_received_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)',
      lot.id,
      lot.productId,
      lot.lotCode,
      lot.expiryDate,
      lot.productionDate,
      lot.firstReceivedAt,
      lot.hlc,
    );
  }
  insertDocumentLines(ctx.db, documentId, body.lines);
  for (const sent of body.movements) {
    const m = postedDate === null ? sent : { ...sent, businessDate: postedDate };
    if (!writeMovement(ctx, m, branchId)) continue;
    if (m.qty > 0) {
      page.noShortLayers ??= !get(ctx.db, 'SELECT 1 FROM cost_layers WHERE qty_remaining < 0 LIMIT 1');
      addCostLayer(ctx, { warehouseId: m.warehouseId, productId: m.productId, lotId: m.lotId, qty: m.qty, valueFen: m.valueFen }, m.id, page.noShortLayers);
    } else if (consumeLayersForRemoteIssue(ctx, m.warehouseId, m.productId, m.lotId, -m.qty, -m.valueFen, m.id)) {
      page.noShortLayers = false;
    }
  }
}

/**
 * Another PC issued stock: take it from this ledger's FIFO layers. If this PC's layers hold
 * less (both sold the same stock offline), the rest becomes a negative layer at the issuing
 * PC's cost, which the next receipt fills; the oversell itself is head office's stock exception.
 * Answers whether it wrote such a layer.
 */
function consumeLayersForRemoteIssue(ctx: PostingContext, warehouseId: string, productId: string, lotId: string, qty: number, valueFen: number, movementId: string): boolean {
  const take = takeFromLayers(ctx, warehouseId, productId, qty).qty;
  const short = qty - take;
  if (short > 0) openShortLayer(ctx, { warehouseId, productId, lotId, qty: short, valueFen: Math.round((valueFen * short) / qty) }, movementId);
  return short > 0;
}

function applyWarehouses(ctx: PostingContext, branchId: string, args: BranchSetupArgs): boolean {
  let any = false;
  for (const w of args.warehouses) {
    any =
      run(ctx.db, 'INSERT OR IGNORE INTO warehouses (id, branch_id, code, name, kind, active, hlc) VALUES (?, ?, ?, ?, ?, 1, ?)', w.id, branchId, w.code, w.name, w.kind, ctx.hlc())
        .changes > 0 || any;
  }
  return any;
}

/** Column of each master-data field, per table. Only these fields are ever written. */
const masterColumns: Record<MasterEntity, { table: string; columns: Record<string, string>; booleans?: string[] }> = {
  category: { table: 'categories', columns: { code: 'code', nameZh: 'name_zh', nameEn: 'name_en' } },
  product: {
    table: 'products',
    columns: {
      sku: 'sku',
      nameZh: 'name_zh',
      nameEn: 'name_en',
      pinyinInitials: 'pinyin_initials',
      categoryId: 'category_id',
      brand: 'brand',
      baseUnitCode: 'base_unit_code',
      shelfLifeDays: 'shelf_life_days',
      lotTracked: 'lot_tracked',
      taxRateBp: 'tax_rate_bp',
      priceFloorFen: 'price_floor_fen',
      active: 'active',
    },
    booleans: ['lotTracked', 'active'],
  },
  product_unit: { table: 'product_units', columns: { productId: 'product_id', code: 'code', nameZh: 'name_zh', nameEn: 'name_en', factor: 'factor', barcode: 'barcode' } },
  supplier: {
    table: 'suppliers',
    columns: { code: 'code', name: 'name', contact: 'contact', phone: 'phone', leadTimeDays: 'lead_time_days', active: 'active' },
    booleans: ['active'],
  },
  customer: {
    table: 'customers',
    columns: {
      code: 'code',
      name: 'name',
      channel: 'channel',
      customerClass: 'customer_class',
      region: 'region',
      contact: 'contact',
      phone: 'phone',
      creditLimitFen: 'credit_limit_fen',
      paymentTermsDays: 'payment_terms_days',
      minShelfLifePermille: 'min_shelf_life_permille',
      salesperson: 'salesperson',
      priceListId: 'price_list_id',
      address: 'address',
      /** JSON text of further contacts. */
      contacts: 'contacts',
      active: 'active',
    },
    booleans: ['active'],
  },
  price_list: { table: 'price_lists', columns: { code: 'code', nameZh: 'name_zh', nameEn: 'name_en', active: 'active' }, booleans: ['active'] },
  price_list_item: { table: 'price_list_items', columns: { priceListId: 'price_list_id', productId: 'product_id', unitCode: 'unit_code', priceFen: 'price_fen' } },
  customer_price: { table: 'customer_prices', columns: { customerId: 'customer_id', productId: 'product_id', unitCode: 'unit_code', priceFen: 'price_fen' } },
  promotion: {
    table: 'promotions',
    columns: {
      code: 'code',
      nameZh: 'name_zh',
      nameEn: 'name_en',
      kind: 'kind',
      productId: 'product_id',
      minQty: 'min_qty',
      freeProductId: 'free_product_id',
      freeQty: 'free_qty',
      discountBp: 'discount_bp',
      channel: 'channel',
      startsOn: 'starts_on',
      endsOn: 'ends_on',
      active: 'active',
    },
    booleans: ['active'],
  },
  return_window: { table: 'return_windows', columns: { customerClass: 'customer_class', categoryId: 'category_id', windowDays: 'window_days' } },
  supplier_product: {
    table: 'supplier_products',
    columns: {
      supplierId: 'supplier_id',
      productId: 'product_id',
      supplierItemCode: 'supplier_item_code',
      purchaseUnitCode: 'purchase_unit_code',
      minOrderQty: 'min_order_qty',
      leadTimeDays: 'lead_time_days',
      lastCostFen: 'last_cost_fen',
      preferred: 'preferred',
      active: 'active',
    },
    booleans: ['preferred', 'active'],
  },
  warehouse: { table: 'warehouses', columns: { code: 'code', name: 'name', kind: 'kind', active: 'active' }, booleans: ['active'] },
  branch: { table: 'branch_directory', columns: { code: 'code', name: 'name', active: 'active' }, booleans: ['active'] },
};

/** Field-level last-writer-wins: a field changes only if the incoming HLC is later than the one stored. */
function applyMaster(
  ctx: PostingContext,
  branchId: string,
  entity: MasterEntity,
  id: string,
  fields: Record<string, { value: unknown; hlc: string }>,
): boolean {
  const spec = masterColumns[entity];
  const clocks = new Map(all<{ field: string; hlc: string }>(ctx.db, 'SELECT field, hlc FROM master_field_clocks WHERE entity = ? AND id = ?', entity, id).map((c) => [c.field, c.hlc]));
  const winners: [string, unknown, string][] = [];
  const newClocks: unknown[] = [];
  for (const [field, { value, hlc }] of Object.entries(fields)) {
    const column = spec.columns[field];
    if (!column) continue;
    const stored = clocks.get(field);
    if (stored !== undefined && stored >= hlc) continue;
    const sqlValue = spec.booleans?.includes(field) ? (value ? 1 : 0) : value;
    winners.push([column, sqlValue, hlc]);
    newClocks.push(entity, id, field, hlc);
  }
  if (winners.length === 0) return false;
  // The winning fields' clocks in one statement (a catalogue brings a dozen fields a row).
  runForRows(
    ctx.db,
    (n) => `INSERT INTO master_field_clocks (entity, id, field, hlc) VALUES ${valuesOf(n, 4)} ON CONFLICT (entity, id, field) DO UPDATE SET hlc = excluded.hlc`,
    4,
    newClocks,
  );
  const rowHlc = winners.map((w) => w[2]).sort().at(-1) ?? '';
  const exists = get(ctx.db, `SELECT 1 FROM ${spec.table} WHERE id = ?`, id);
  // Statements by their text, prepared once: a catalogue's rows bring the same fields over and over.
  if (exists) {
    run(ctx.db, `UPDATE ${spec.table} SET ${winners.map((w) => `${w[0]} = ?`).join(', ')}, hlc = ? WHERE id = ?`, ...winners.map((w) => w[1]), rowHlc, id);
  } else {
    const extra: [string, unknown][] = [];
    if (entity === 'product') extra.push(['created_at', ctx.now]);
    if (entity === 'warehouse') extra.push(['branch_id', branchId]);
    const columns = [...winners.map((w) => w[0]), ...extra.map((e) => e[0]), 'id', 'hlc'];
    run(ctx.db, `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, ...winners.map((w) => w[1]), ...extra.map((e) => e[1]), id, rowHlc);
  }
  return true;
}

/** Bins set on another PC of the branch: each merges last-writer-wins by its HLC ('' is a cleared bin). */
function applyProductLocations(ctx: PostingContext, args: ProductLocationsArgs): boolean {
  let any = false;
  for (const l of args.locations) {
    any =
      run(
        ctx.db,
        `INSERT INTO product_locations (warehouse_id, product_id, location, hlc) VALUES (?, ?, ?, ?)
         ON CONFLICT (warehouse_id, product_id) DO UPDATE SET location = excluded.location, hlc = excluded.hlc WHERE excluded.hlc > product_locations.hlc`,
        l.warehouseId,
        l.productId,
        l.location,
        l.hlc,
      ).changes > 0 || any;
  }
  return any;
}

/** Reorder levels set on another PC of the branch: each merges last-writer-wins by its HLC (nulls are a cleared override). */
function applyReplenishmentPolicies(ctx: PostingContext, args: ReplenishmentPoliciesArgs): boolean {
  let any = false;
  for (const p of args.policies) any = upsertReplenishmentPolicy(ctx.db, p, true) || any;
  return any;
}
