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

function chunkJson(prefix: string, c: Chunk): string {
  return `{${prefix}"lines":[${c.json.lines.join(',')}],"lots":[${c.json.lots.join(',')}],"movements":[${c.json.movements.join(',')}]}`;
}

/**
 * Cuts a posted document into the op that carries its header and first lines and the
 * `stock.documentPart` ops that carry the rest, in line order: at most DOCUMENT_OP_MAX_LINES
 * lines and about DOCUMENT_OP_MAX_BYTES of JSON each. A line travels with its movements, and a
 * lot with the first line or movement that uses it, so every op applies on its own once the ops
 * before it have. A document that fits stays one op, exactly as it always was.
 */
export function splitDocumentOp(args: StockDocumentArgs): { document: SerialisedOp<StockDocumentArgs>; parts: SerialisedOp<StockDocumentPartArgs>[] } {
  const movementsOf = new Map<string, StockDocumentArgs['movements']>();
  for (const m of args.movements) {
    const list = movementsOf.get(m.lineId);
    if (list) list.push(m);
    else movementsOf.set(m.lineId, [m]);
  }
  const lotsById = new Map(args.lots.map((l) => [l.id, l]));
  const lotSent = new Set<string>();
  const chunks: Chunk[] = [];
  const emptyChunk = (): Chunk => ({ lines: [], lots: [], movements: [], json: { lines: [], lots: [], movements: [] }, bytes: 0 });
  let current = emptyChunk();
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
    const movements = movementsOf.get(line.id);
    if (movements) movementsOf.delete(line.id);
    lots.length = 0;
    lotJson.length = 0;
    movementJson.length = 0;
    const lineJson = JSON.stringify(line);
    let bytes = Buffer.byteLength(lineJson) + 1 + takeLot(line.lotId);
    for (const m of movements ?? []) bytes += takeLot(m.lotId);
    for (const m of movements ?? []) {
      const json = JSON.stringify(m);
      movementJson.push(json);
      bytes += Buffer.byteLength(json) + 1;
    }
    if (current.lines.length > 0 && (current.lines.length >= DOCUMENT_OP_MAX_LINES || current.bytes + bytes > DOCUMENT_OP_MAX_BYTES)) {
      chunks.push(current);
      current = emptyChunk();
    }
    current.lines.push(line);
    current.json.lines.push(lineJson);
    for (const m of movements ?? []) current.movements.push(m);
    for (const json of movementJson) current.json.movements.push(json);
    for (const lot of lots) current.lots.push(lot);
    for (const json of lotJson) current.json.lots.push(json);
    current.bytes += bytes;
  }
  chunks.push(current);
  const [first, ...rest] = chunks;
  if (!first) throw new Error('a document without a first op');
  // Whatever no line names (none today) goes with the document op, as before.
  const unnamedMovements = [...movementsOf.values()].flat();
  const unsentLots = args.lots.filter((l) => !lotSent.has(l.id));
  first.movements.push(...unnamedMovements);
  first.lots.push(...unsentLots);
  first.json.movements.push(...unnamedMovements.map((m) => JSON.stringify(m)));
  first.json.lots.push(...unsentLots.map((l) => JSON.stringify(l)));
  return {
    document: {
      args: { document: args.document, lines: first.lines, lots: first.lots, movements: first.movements },
      json: chunkJson(`"document":${JSON.stringify(args.document)},`, first),
    },
    parts: rest.map((c, i) => ({
      args: { documentId: args.document.id, part: i + 1, lines: c.lines, lots: c.lots, movements: c.movements },
      json: chunkJson(`"documentId":${JSON.stringify(args.document.id)},"part":${i + 1},`, c),
    })),
  };
}
