import { afterEach, describe, expect, it } from 'vitest';
import { openLedgerDb, type LedgerDb } from '../../db/openLedgerDb';
import { localChecksums } from '../../src-main/sync/localChecksums';
import { isPartRef, outboxArgsText, partRefMovementIds, storedPartText } from '../../src-main/sync/documentPartRefs';
import { fixtureHlc as hlc, fixtureId, postedDocumentArgs } from '../helpers/stockDocumentFixture';
import { checksumOf, splitDocumentOp, stockDocumentPartArgs, type DocumentOp, type StockDocumentArgs, type StockDocumentPartArgs } from '../../src-main/sync/protocol';

const id = fixtureId;

/** Two movements on every tenth line (a line issued first-expiry-first-out from two lots); a new lot on every seventh. */
const postedDocument = (lineCount: number, withSourceLine: boolean) =>
  postedDocumentArgs(lineCount, { movementsOf: (i) => (i % 10 === 0 ? 2 : 1), lotEvery: 7, withSourceLine });

/** The document's lines and movements written to the ledger's tables, as the posting wrote them. */
function writeRows(db: LedgerDb, doc: StockDocumentArgs): void {
  const s = db.$client;
  // Only the rows this test reads back: products, lots and warehouses they name are not needed.
  s.pragma('foreign_keys = OFF');
  const line = s.prepare(
    `INSERT INTO stock_document_lines (id, document_id, line_no, product_id, unit_code, unit_qty, qty, lot_id, unit_cost_fen, value_fen, reason_code, source_line_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of doc.lines) line.run(l.id, doc.document.id, l.lineNo, l.productId, l.unitCode, l.unitQty, l.qty, l.lotId, l.unitCostFen, l.valueFen, l.reasonCode, l.sourceLineId ?? null);
  const movement = s.prepare(
    `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of doc.movements) movement.run(m.id, id(4), m.warehouseId, m.productId, m.lotId, m.qty, m.valueFen, m.documentType, m.documentId, m.lineId, m.businessDate, m.createdAt, m.hlc);
}

function partsOf(doc: StockDocumentArgs): { args: StockDocumentPartArgs; json: string }[] {
  const parts: { args: StockDocumentPartArgs; json: string }[] = [];
  splitDocumentOp(doc, (cut: DocumentOp) => {
    if (cut.name === 'part') parts.push(cut.op);
  });
  return parts;
}

const opened: LedgerDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

function ledger(): LedgerDb {
  const db = openLedgerDb({ path: ':memory:' });
  opened.push(db);
  return db;
}

describe('a big document’s parts in the outbox', () => {
  for (const withSourceLine of [false, true]) {
    it(`are stored as short references and read back as the very ops that were cut${withSourceLine ? ' (lines with their source lines)' : ''}`, () => {
      const db = ledger();
      const doc = postedDocument(2500, withSourceLine);
      writeRows(db, doc);
      const parts = partsOf(doc);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      for (const part of parts) {
        const stored = storedPartText(part.args, part.json);
        expect(isPartRef(stored)).toBe(true);
        // Ids of the movements and the lots the part brings; lines and movements are not copied.
        expect(stored.length).toBeLessThan(part.json.length / 5);
        expect(partRefMovementIds(stored)).toEqual(part.args.movements.map((m) => m.id));
        const pushed = outboxArgsText(db, stored);
        expect(pushed).toBe(part.json);
        expect(stockDocumentPartArgs.safeParse(JSON.parse(pushed)).success).toBe(true);
      }
    });
  }

  it('whose lines were built with their keys in another order are read back with the same keys and values, the same size', () => {
    const db = ledger();
    const posted = postedDocument(1500, false);
    // As a count's adjustment builds its lines: reasonCode before lotId.
    const doc = { ...posted, lines: posted.lines.map(({ id: lineId, lineNo, productId, unitCode, unitQty, qty, reasonCode, lotId, unitCostFen, valueFen }) => ({ id: lineId, lineNo, productId, unitCode, unitQty, qty, reasonCode, lotId, unitCostFen, valueFen })) };
    writeRows(db, doc);
    for (const part of partsOf(doc)) {
      const pushed = outboxArgsText(db, storedPartText(part.args, part.json));
      expect(JSON.parse(pushed)).toEqual(JSON.parse(part.json));
      expect(pushed.length).toBe(part.json.length);
    }
  });

  it('are stored whole when their lines are not consecutive line numbers, and other args go as they are', () => {
    const db = ledger();
    const doc = postedDocument(1500, false);
    const [part] = partsOf(doc);
    if (!part) throw new Error('no part');
    const gapped = { ...part.args, lines: part.args.lines.filter((_, i) => i !== 1) };
    const json = JSON.stringify(gapped);
    expect(storedPartText(gapped, json)).toBe(json);
    expect(outboxArgsText(db, json)).toBe(json);
    expect(outboxArgsText(db, '{"document":{"id":"x"}}')).toBe('{"document":{"id":"x"}}');
  });

  it('refuses to push a part whose rows are missing rather than send it short', () => {
    const db = ledger();
    const doc = postedDocument(1500, false);
    const [part] = partsOf(doc);
    if (!part) throw new Error('no part');
    expect(() => outboxArgsText(db, storedPartText(part.args, part.json))).toThrow(/not all in the ledger/);
  });

  it('not yet pushed, still count as what head office lacks: a PC with unsent parts does not look diverged', () => {
    const db = ledger();
    const doc = postedDocument(2500, false);
    writeRows(db, doc);
    const parts = partsOf(doc);
    const inParts = new Set(parts.flatMap((p) => p.args.movements.map((m) => m.id)));
    const outbox = db.$client.prepare("INSERT INTO sync_outbox (seq, op_id, name, version, args, hlc, created_at, acked_at) VALUES (?, ?, 'stock.documentPart', 1, ?, ?, 1, NULL)");
    parts.forEach((p, i) => outbox.run(i + 1, id(500_000 + i), storedPartText(p.args, p.json), hlc(i)));
    const held = doc.movements.map((m) => m.id).filter((m) => !inParts.has(m));
    expect(localChecksums(db).movements).toEqual(checksumOf(held));
  });
});
