import type { LedgerDb } from '../../db/openLedgerDb';
import { allRaw } from '../services/sql';
import type { StockDocumentPartArgs } from './protocol';

/**
 * The parts of a big posted document (a stock count's adjustment) are stored in the outbox as
 * references to the document's own rows, and made into their ops again when they are pushed.
 *
 * A 20,000-line count's parts are 14.6 MB of JSON: a second copy of lines and movements that
 * the same transaction writes to their tables, and 47 % of the pages its commit wrote to the
 * WAL. Posted lines and movements never change (a posted document is reversed, never edited),
 * so the op read back from them at push time is the op that was cut at posting: the same keys
 * and values, so the same size (a builder that ordered a line's keys otherwise gets them in the
 * table's order). The reference keeps what the rows do not say — which lines (consecutive line
 * numbers), which movements in which order, the lots the part brings as they were, and whether
 * its lines carried `sourceLineId` — so the server receives what it always did. The reference
 * is written in the posting's transaction like any outbox row; only its text is short.
 */

/** A stored part reference's text starts so; an op's args never do (no op has a `$part` key). */
const refPrefix = '{"$part":';

interface PartRef {
  documentId: string;
  part: number;
  /** The first and last line number of the part's lines. */
  lineNos: [number, number];
  /** Whether its lines carried `sourceLineId` (a delivery's do; a count's may not). */
  sourceLineIds: boolean;
  movementIds: string[];
  lots: StockDocumentPartArgs['lots'];
}

/**
 * What the outbox stores for a part: a reference when its lines are consecutive line numbers
 * that all carry `sourceLineId` or none does (every part a posting cuts), else the op's own text.
 */
export function storedPartText(args: StockDocumentPartArgs, json: string): string {
  const first = args.lines[0]?.lineNo;
  if (first === undefined) return json;
  const sourceLineIds = 'sourceLineId' in args.lines[0]!;
  for (let i = 0; i < args.lines.length; i++) {
    const line = args.lines[i]!;
    if (line.lineNo !== first + i || 'sourceLineId' in line !== sourceLineIds) return json;
  }
  const ref: PartRef = {
    documentId: args.documentId,
    part: args.part,
    lineNos: [first, first + args.lines.length - 1],
    sourceLineIds,
    movementIds: args.movements.map((m) => m.id),
    lots: args.lots,
  };
  return `${refPrefix}${JSON.stringify(ref)}}`;
}

/** Whether stored outbox args are a part reference. */
export function isPartRef(text: string): boolean {
  return text.startsWith(refPrefix);
}

/** The ids of the movements a stored part reference carries (sync checksums count them). */
export function partRefMovementIds(text: string): string[] {
  return (JSON.parse(text) as { $part: PartRef }).$part.movementIds;
}

/** Columns of a table and the op's keys they become, in the order the op was cut with. */
function columnsAs(pairs: readonly (readonly [string, string])[]): { sql: string; keys: readonly string[] } {
  return { sql: pairs.map(([column]) => column).join(', '), keys: pairs.map(([, key]) => key) };
}

const lineColumns = columnsAs([
  ['id', 'id'],
  ['line_no', 'lineNo'],
  ['product_id', 'productId'],
  ['unit_code', 'unitCode'],
  ['unit_qty', 'unitQty'],
  ['qty', 'qty'],
  ['lot_id', 'lotId'],
  ['unit_cost_fen', 'unitCostFen'],
  ['value_fen', 'valueFen'],
  ['reason_code', 'reasonCode'],
]);

// posting.ts's newMovement gives a movement its keys in this order.
const movementColumns = columnsAs([
  ['m.warehouse_id', 'warehouseId'],
  ['m.product_id', 'productId'],
  ['m.lot_id', 'lotId'],
  ['m.qty', 'qty'],
  ['m.value_fen', 'valueFen'],
  ['m.document_type', 'documentType'],
  ['m.document_id', 'documentId'],
  ['m.line_id', 'lineId'],
  ['m.business_date', 'businessDate'],
  ['m.id', 'id'],
  ['m.created_at', 'createdAt'],
  ['m.hlc', 'hlc'],
]);

/** A row read as an array, as an object with `keys` for its first columns. */
function rowObject(keys: readonly string[], row: readonly unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) object[keys[i] as string] = row[i];
  return object;
}

/**
 * The op's args as JSON text, as it goes to head office: stored args as they are, a part
 * reference read back from the document's rows. Keys are in the order the op was cut with.
 */
export function outboxArgsText(db: LedgerDb, stored: string): string {
  if (!isPartRef(stored)) return stored;
  const ref = (JSON.parse(stored) as { $part: PartRef }).$part;
  const lineKeys = ref.sourceLineIds ? [...lineColumns.keys, 'sourceLineId'] : lineColumns.keys;
  const lines = allRaw(
    db,
    `SELECT ${lineColumns.sql}, source_line_id FROM stock_document_lines WHERE document_id = ? AND line_no BETWEEN ? AND ? ORDER BY line_no`,
    ref.documentId,
    ref.lineNos[0],
    ref.lineNos[1],
  ).map((r) => rowObject(lineKeys, r) as StockDocumentPartArgs['lines'][number]);
  const movements = allRaw(
    db,
    `SELECT ${movementColumns.sql} FROM json_each(?) j JOIN stock_movements m ON m.id = j.value ORDER BY j.key`,
    JSON.stringify(ref.movementIds),
  ).map((r) => rowObject(movementColumns.keys, r) as StockDocumentPartArgs['movements'][number]);
  if (lines.length !== ref.lineNos[1] - ref.lineNos[0] + 1 || movements.length !== ref.movementIds.length) {
    throw new Error(`part ${ref.part} of document ${ref.documentId}: its posted rows are not all in the ledger`);
  }
  const args: StockDocumentPartArgs = { documentId: ref.documentId, part: ref.part, lines, lots: ref.lots, movements };
  return JSON.stringify(args);
}
