import { DOCUMENT_OP_MAX_BYTES, DOCUMENT_OP_MAX_LINES, type StockDocumentArgs, type StockDocumentPartArgs } from './registry';

/** An op's args and the same args as JSON text, serialised once. */
export interface SerialisedOp<T> {
  args: T;
  json: string;
}

/** One op cut from a document: the document op (always first), or one of its parts. */
export type DocumentOp = { name: 'document'; op: SerialisedOp<StockDocumentArgs> } | { name: 'part'; op: SerialisedOp<StockDocumentPartArgs> };

/** A line with what travels with it: its movements, and the lots it is the first to use. */
interface Unit {
  line: StockDocumentArgs['lines'][number];
  movements: StockDocumentArgs['movements'];
  lots: StockDocumentArgs['lots'];
}

/** How full of DOCUMENT_OP_MAX_BYTES a part is aimed at, so that most first guesses fit. */
const AIM = 0.95;

/**
 * Cuts a posted document into the op that carries its header and first lines and the
 * `stock.documentPart` ops that carry the rest, in line order: at most DOCUMENT_OP_MAX_LINES
 * lines and at most DOCUMENT_OP_MAX_BYTES of JSON each (a single line bigger than that goes
 * alone). A line travels with its movements, and a lot with the first line or movement that
 * uses it, so every op applies on its own once the ops before it have. A document that fits
 * stays one op, exactly as it always was.
 *
 * Each op is serialised whole, in one JSON.stringify: how many lines fit is guessed from the
 * size of the op before it and checked on its text, and a guess that is far off is corrected
 * and serialised again. (Serialising a 20,000-line count's lines and movements one by
 * one to measure them cost twice as much.) Each op goes to `emit` as soon as it is cut, the
 * document op first, so its text can be let go once it is written.
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
  const lotSent = new Set<string>();
  const takeLot = (lotId: string | null, into: StockDocumentArgs['lots']) => {
    const lot = lotId === null ? undefined : lotsById.get(lotId);
    if (!lot || lotSent.has(lot.id)) return;
    lotSent.add(lot.id);
    into.push(lot);
  };
  const units: Unit[] = args.lines.map((line) => {
    const movements = movementsOf.get(line.id) ?? [];
    const lots: StockDocumentArgs['lots'] = [];
    takeLot(line.lotId, lots);
    for (const m of movements) takeLot(m.lotId, lots);
    return { line, movements, lots };
  });
  // Lots no line or line's movement uses go with the document op, after those its lines bring.
  const unsentLots = args.lots.filter((l) => !lotSent.has(l.id));

  const opOf = (part: number, from: number, to: number): DocumentOp => {
    const lines: StockDocumentArgs['lines'] = [];
    const lots: StockDocumentArgs['lots'] = [];
    const movements: StockDocumentArgs['movements'] = [];
    for (let i = from; i < to; i++) {
      const u = units[i] as Unit;
      lines.push(u.line);
      for (const l of u.lots) lots.push(l);
      for (const m of u.movements) movements.push(m);
    }
    if (part === 0) {
      for (const m of unnamedMovements) movements.push(m);
      for (const l of unsentLots) lots.push(l);
      const opArgs: StockDocumentArgs = { document: args.document, lines, lots, movements };
      return { name: 'document', op: { args: opArgs, json: JSON.stringify(opArgs) } };
    }
    const opArgs: StockDocumentPartArgs = { documentId: args.document.id, part, lines, lots, movements };
    return { name: 'part', op: { args: opArgs, json: JSON.stringify(opArgs) } };
  };

  // The first guess: the whole document in one op, as most documents are; after that, as many
  // lines as the op before would suggest. A guess far off (lines of very different sizes) is
  // corrected on its own text, a few times at most; the biggest op found to fit is the one cut.
  let perLine = 0;
  let part = 0;
  let from = 0;
  do {
    const cap = Math.min(units.length, from + DOCUMENT_OP_MAX_LINES);
    const resized = (to: number, bytes: number) => from + Math.max(1, Math.floor(((to - from) * DOCUMENT_OP_MAX_BYTES * AIM) / bytes));
    let to = perLine === 0 ? cap : Math.min(cap, from + Math.max(1, Math.floor((DOCUMENT_OP_MAX_BYTES * AIM) / perLine)));
    let fits: { op: DocumentOp; to: number; bytes: number } | null = null;
    for (let tries = 0; tries < 6; tries++) {
      const op = opOf(part, from, to);
      const bytes = Buffer.byteLength(op.op.json);
      if (bytes <= DOCUMENT_OP_MAX_BYTES || to - from === 1) {
        // One line bigger than the limit goes alone.
        fits = { op, to, bytes };
        const next = Math.min(cap, resized(to, bytes));
        if (bytes >= DOCUMENT_OP_MAX_BYTES * 0.75 || next <= to) break;
        to = next;
      } else {
        // Too big: back to the size that would fit were the lines alike, or halfway to the biggest found to fit.
        const next = fits ? Math.floor((fits.to + to) / 2) : Math.min(to - 1, resized(to, bytes));
        if (fits && next <= fits.to) break;
        to = next;
      }
    }
    if (!fits) {
      // Still too big after every try: one line at a time is sure to be allowed.
      to = from + 1;
      const op = opOf(part, from, to);
      fits = { op, to, bytes: Buffer.byteLength(op.op.json) };
    }
    perLine = fits.bytes / (fits.to - from);
    emit(fits.op);
    part++;
    from = fits.to;
  } while (from < units.length);
}
