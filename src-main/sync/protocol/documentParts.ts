import { DOCUMENT_OP_MAX_BYTES, DOCUMENT_OP_MAX_LINES, type StockDocumentArgs, type StockDocumentPartArgs } from './registry';

interface Chunk {
  lines: StockDocumentArgs['lines'];
  lots: StockDocumentArgs['lots'];
  movements: StockDocumentArgs['movements'];
  /** The same items as JSON, each serialised once: for measuring and for writing the op. */
  json: { lines: string[]; lots: string[]; movements: string[] };
  bytes: number;
}

/** An op's args and the same args as JSON text, serialised once. */
export interface SerialisedOp<T> {
  args: T;
  json: string;
}

/** The op's JSON, put together in one join: its text (up to DOCUMENT_OP_MAX_BYTES) is copied once, not once per list and again for the whole. */
function chunkJson(prefix: string, c: Chunk): string {
  const text = ['{', prefix];
  const list = (key: string, items: readonly string[], end: string) => {
    text.push(`"${key}":[`);
    items.forEach((item, i) => {
      if (i > 0) text.push(',');
      text.push(item);
    });
    text.push(end);
  };
  list('lines', c.json.lines, '],');
  list('lots', c.json.lots, '],');
  list('movements', c.json.movements, ']}');
  return text.join('');
}

/** One op cut from a document: the document op (always first), or one of its parts. */
export type DocumentOp = { name: 'document'; op: SerialisedOp<StockDocumentArgs> } | { name: 'part'; op: SerialisedOp<StockDocumentPartArgs> };

/**
 * Cuts a posted document into the op that carries its header and first lines and the
 * `stock.documentPart` ops that carry the rest, in line order: at most DOCUMENT_OP_MAX_LINES
 * lines and about DOCUMENT_OP_MAX_BYTES of JSON each. A line travels with its movements, and a
 * lot with the first line or movement that uses it, so every op applies on its own once the ops
 * before it have. A document that fits stays one op, exactly as it always was.
 *
 * Each op goes to `emit` as soon as it is cut, the document op first: a 20,000-line document
 * never holds all of its JSON at once, and each op's text can be let go once it is written.
 */
export function splitDocumentOp(args: StockDocumentArgs, emit: (op: DocumentOp) => void): void {
  const lineIds = new Set(args.lines.map((l) => l.id));
  const movementsOf = new Map<string, StockDocumentArgs['movements']>();
  // Whatever no line names (none today) goes with the document op, as before.
  const unnamedMovements: StockDocumentArgs['movements'] = [];
  for (const m of args.movements) {
    if (!lineIds.has(m.lineId)) {
      unnamedMovements.push(m);
      continue;
    }
    const list = movementsOf.get(m.lineId);
    if (list) list.push(m);
    else movementsOf.set(m.lineId, [m]);
  }
  const lotsById = new Map(args.lots.map((l) => [l.id, l]));
  const usedLots = new Set<string | null>([...args.lines.map((l) => l.lotId), ...args.movements.filter((m) => lineIds.has(m.lineId)).map((m) => m.lotId)]);
  const unsentLots = args.lots.filter((l) => !usedLots.has(l.id));
  const lotSent = new Set<string>();
  const emptyChunk = (): Chunk => ({ lines: [], lots: [], movements: [], json: { lines: [], lots: [], movements: [] }, bytes: 0 });
  let current = emptyChunk();
  let parts = 0;
  const close = (c: Chunk) => {
    if (parts === 0) {
      c.movements.push(...unnamedMovements);
      c.lots.push(...unsentLots);
      c.json.movements.push(...unnamedMovements.map((m) => JSON.stringify(m)));
      c.json.lots.push(...unsentLots.map((l) => JSON.stringify(l)));
      emit({
        name: 'document',
        op: { args: { document: args.document, lines: c.lines, lots: c.lots, movements: c.movements }, json: chunkJson(`"document":${JSON.stringify(args.document)},`, c) },
      });
    } else {
      emit({
        name: 'part',
        op: {
          args: { documentId: args.document.id, part: parts, lines: c.lines, lots: c.lots, movements: c.movements },
          json: chunkJson(`"documentId":${JSON.stringify(args.document.id)},"part":${parts},`, c),
        },
      });
    }
    parts++;
  };
  // A line's lots and their JSON, gathered before the line is placed; reused from line to line
  // (a count's adjustment has 20,000 lines, and allocating for each shows in its posting time).
  const lots: StockDocumentArgs['lots'] = [];
  const lotJson: string[] = [];
  const movementJson: string[] = [];
  const takeLot = (lotId: string | null) => {
    const lot = lotId === null ? undefined : lotsById.get(lotId);
    if (!lot || lotSent.has(lot.id)) return 0;
    lotSent.add(lot.id);
    lots.push(lot);
    const json = JSON.stringify(lot);
    lotJson.push(json);
    return Buffer.byteLength(json) + 1;
  };
  for (const line of args.lines) {
    const movements = movementsOf.get(line.id) ?? [];
    lots.length = 0;
    lotJson.length = 0;
    movementJson.length = 0;
    const lineJson = JSON.stringify(line);
    let bytes = Buffer.byteLength(lineJson) + 1 + takeLot(line.lotId);
    for (const m of movements) bytes += takeLot(m.lotId);
    for (const m of movements) {
      const json = JSON.stringify(m);
      movementJson.push(json);
      bytes += Buffer.byteLength(json) + 1;
    }
    if (current.lines.length > 0 && (current.lines.length >= DOCUMENT_OP_MAX_LINES || current.bytes + bytes > DOCUMENT_OP_MAX_BYTES)) {
      close(current);
      current = emptyChunk();
    }
    current.lines.push(line);
    current.json.lines.push(lineJson);
    for (const m of movements) current.movements.push(m);
    for (const json of movementJson) current.json.movements.push(json);
    for (const lot of lots) current.lots.push(lot);
    for (const json of lotJson) current.json.lots.push(json);
    current.bytes += bytes;
  }
  close(current);
}
