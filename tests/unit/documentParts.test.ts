import { describe, expect, it } from 'vitest';
import { splitDocumentOp, type DocumentOp } from '../../src-main/sync/protocol';
import { DOCUMENT_OP_MAX_BYTES, DOCUMENT_OP_MAX_LINES, type StockDocumentArgs } from '../../src-main/sync/protocol/registry';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** `movementsOf(i)`: how many movements line i has (lines of very different sizes make the parts' sizes hard to guess). */
function documentOf(lineCount: number, movementsOf: (i: number) => number = () => 1): StockDocumentArgs {
  const lines: StockDocumentArgs['lines'] = [];
  const movements: StockDocumentArgs['movements'] = [];
  const lots: StockDocumentArgs['lots'] = [];
  for (let i = 0; i < lineCount; i++) {
    const lotId = id(100_000 + i);
    lots.push({ id: lotId, productId: id(1), lotCode: `L${i}`, expiryDate: '2027-01-01', productionDate: null, firstReceivedAt: 1, hlc: 'h' });
    lines.push({ id: id(200_000 + i), lineNo: i + 1, productId: id(1), unitCode: '瓶', unitQty: -1, qty: -1, lotId, unitCostFen: null, valueFen: -100, reasonCode: 'damage' });
    for (let k = 0; k < movementsOf(i); k++) {
      movements.push({
        id: id(300_000 + i * 10 + k),
        warehouseId: id(2),
        productId: id(1),
        lotId,
        qty: -1,
        valueFen: -100,
        documentType: 'adjustment',
        documentId: id(3),
        lineId: id(200_000 + i),
        businessDate: '2026-11-20',
        createdAt: 1,
        hlc: 'h',
      });
    }
  }
  return {
    document: {
      id: id(3),
      docType: 'adjustment',
      docNo: 'BJ01-ADJ-2026-000001',
      businessDate: '2026-11-20',
      warehouseId: id(2),
      supplierId: null,
      reasonCode: 'count',
      note: '盘点',
      reversesDocumentId: null,
      branchId: id(4),
      status: 'posted',
      totalQty: -lineCount,
      totalValueFen: -100 * lineCount,
      createdBy: id(5),
      createdAt: 1,
      hlc: 'h',
    },
    lines,
    lots,
    movements,
  };
}

describe('splitting a document into ops', () => {
  it('writes each op as JSON that reads back as its args, stay within the limits, and lose or repeat no line', () => {
    const documents = [documentOf(1), documentOf(2500), documentOf(4000, (i) => (i % 700 < 150 ? 12 : 1))];
    for (const doc of documents) {
      const n = doc.lines.length;
      const emitted: DocumentOp[] = [];
      splitDocumentOp(doc, (op) => emitted.push(op));
      const [first, ...rest] = emitted;
      if (first?.name !== 'document' || rest.some((o) => o.name !== 'part')) throw new Error('the document op comes first, then its parts');
      const ops = { document: first.op, parts: rest.flatMap((o) => (o.name === 'part' ? [o.op] : [])) };
      expect(JSON.parse(ops.document.json)).toEqual(ops.document.args);
      for (const part of ops.parts) expect(JSON.parse(part.json)).toEqual(part.args);
      const lines = [...ops.document.args.lines, ...ops.parts.flatMap((p) => p.args.lines)].map((l) => l.lineNo);
      expect(lines).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      if (n === 1) expect(ops.parts).toEqual([]);
      for (const op of [ops.document, ...ops.parts]) {
        expect(Buffer.byteLength(op.json)).toBeLessThanOrEqual(DOCUMENT_OP_MAX_BYTES);
        expect(op.args.lines.length).toBeLessThanOrEqual(DOCUMENT_OP_MAX_LINES);
      }
      // Every movement travels once, with its line.
      const movements = [...ops.document.args.movements, ...ops.parts.flatMap((p) => p.args.movements)];
      expect(movements.map((m) => m.id).sort()).toEqual(doc.movements.map((m) => m.id).sort());
      for (const op of [ops.document, ...ops.parts]) {
        const lineIds = new Set(op.args.lines.map((l) => l.id));
        expect(op.args.movements.every((m) => lineIds.has(m.lineId))).toBe(true);
      }
      // Parts are filled: none but the last is less than half full.
      for (const op of ops.parts.slice(0, -1)) expect(Buffer.byteLength(op.json)).toBeGreaterThan(DOCUMENT_OP_MAX_BYTES / 2);
    }
  });
});
