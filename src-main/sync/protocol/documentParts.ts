import { DOCUMENT_OP_MAX_BYTES, DOCUMENT_OP_MAX_LINES, type StockDocumentArgs, type StockDocumentPartArgs } from './registry';

/** Bytes of a string as UTF-8, without encoding it. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

interface Chunk {
  lines: StockDocumentArgs['lines'];
  lots: StockDocumentArgs['lots'];
  movements: StockDocumentArgs['movements'];
  bytes: number;
}

/**
 * Cuts a posted document into the op that carries its header and first lines and the
 * `stock.documentPart` ops that carry the rest, in line order: at most DOCUMENT_OP_MAX_LINES
 * lines and about DOCUMENT_OP_MAX_BYTES of JSON each. A line travels with its movements, and a
 * lot with the first line or movement that uses it, so every op applies on its own once the ops
 * before it have. A document that fits stays one op, exactly as it always was.
 */
export function splitDocumentOp(args: StockDocumentArgs): { document: StockDocumentArgs; parts: StockDocumentPartArgs[] } {
  const movementsOf = new Map<string, StockDocumentArgs['movements']>();
  for (const m of args.movements) movementsOf.set(m.lineId, [...(movementsOf.get(m.lineId) ?? []), m]);
  const lotsById = new Map(args.lots.map((l) => [l.id, l]));
  const lotSent = new Set<string>();
  const chunks: Chunk[] = [];
  let current: Chunk = { lines: [], lots: [], movements: [], bytes: 0 };
  for (const line of args.lines) {
    const movements = movementsOf.get(line.id) ?? [];
    movementsOf.delete(line.id);
    const lots = [];
    for (const lotId of [line.lotId, ...movements.map((m) => m.lotId)]) {
      const lot = lotId === null ? undefined : lotsById.get(lotId);
      if (!lot || lotSent.has(lot.id)) continue;
      lotSent.add(lot.id);
      lots.push(lot);
    }
    const bytes = [line, ...movements, ...lots].reduce((n, item) => n + utf8Bytes(JSON.stringify(item)) + 1, 0);
    if (current.lines.length > 0 && (current.lines.length >= DOCUMENT_OP_MAX_LINES || current.bytes + bytes > DOCUMENT_OP_MAX_BYTES)) {
      chunks.push(current);
      current = { lines: [], lots: [], movements: [], bytes: 0 };
    }
    current.lines.push(line);
    current.movements.push(...movements);
    current.lots.push(...lots);
    current.bytes += bytes;
  }
  chunks.push(current);
  const [first, ...rest] = chunks;
  if (!first) throw new Error('a document without a first op');
  // Whatever no line names (none today) goes with the document op, as before.
  first.movements.push(...[...movementsOf.values()].flat());
  first.lots.push(...args.lots.filter((l) => !lotSent.has(l.id)));
  return {
    document: { document: args.document, lines: first.lines, lots: first.lots, movements: first.movements },
    parts: rest.map((c, i) => ({ documentId: args.document.id, part: i + 1, lines: c.lines, lots: c.lots, movements: c.movements })),
  };
}
