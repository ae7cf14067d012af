import { describe, expect, it } from 'vitest';
import { splitDocumentOp, type DocumentOp } from '../../src-main/sync/protocol';
import { DOCUMENT_OP_MAX_BYTES, DOCUMENT_OP_MAX_LINES } from '../../src-main/sync/protocol/registry';
import { postedDocumentArgs } from '../helpers/stockDocumentFixture';

const documentOf = (lineCount: number, movementsOf?: (i: number) => number) => postedDocumentArgs(lineCount, movementsOf ? { movementsOf } : {});

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
