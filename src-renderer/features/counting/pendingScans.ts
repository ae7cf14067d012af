import type { CountLineRow, CountRecorded } from '../../../src-main/contract';

/**
 * What the counting screen shows while scans are on their way to the ledger: each line as the
 * ledger last answered it (or as the count's barcode map gave it), plus the scans not yet
 * answered. Pure: the session holds one state and replaces it on every scan and answer.
 *
 * Every action gets a number (`seq`) in the order the clerk made it, and the ledger takes them in
 * that order. A line answered for action n already holds every earlier action on it, so only
 * the scans after n are added on top: an answer that arrives late, or out of order, is neither
 * counted twice nor lost.
 */

export type Progress = CountRecorded['progress'];

export interface KnownLine {
  line: CountLineRow;
  /** The action whose answer this is; 0 for the map's. */
  seq: number;
  /** The line is on the count (false: the first scan will add it as found goods). */
  exists: boolean;
}

export interface PendingScan {
  seq: number;
  key: string;
  /** Base units this scan adds. */
  qty: number;
  counter: string;
}

/** The count's lines from its map, by lineKey (a Map will do; scanMap.ts builds each line when asked). */
export interface MappedLines {
  get(key: string): KnownLine | undefined;
}

export interface ScanState {
  /** The lines as the count's map gave them (large, read once, never copied). */
  mapped: MappedLines;
  /** Lines the ledger answered since, or scans added (small: what this screen touched). */
  lines: ReadonlyMap<string, KnownLine>;
  progress: Progress;
  /** The action the progress is the answer to. */
  progressSeq: number;
  /** Scans shown but not answered yet, in the order made. */
  pending: readonly PendingScan[];
}

/** A line's key on the screen: its product and lot code (a product without lots has code ''). */
export function lineKey(productId: string, lotCode: string): string {
  return `${productId}\u0000${lotCode}`;
}

export function keyOf(line: Pick<CountLineRow, 'productId' | 'lotCode'>): string {
  return lineKey(line.productId, line.lotCode);
}

export function emptyScanState(progress: Progress): ScanState {
  return { mapped: new Map(), lines: new Map(), progress, progressSeq: 0, pending: [] };
}

/** The lines of the count's map, under what the screen learnt since. */
export function withMap(state: ScanState, mapped: MappedLines): ScanState {
  return { ...state, mapped };
}

export function knownLine(state: ScanState, key: string): KnownLine | undefined {
  return state.lines.get(key) ?? state.mapped.get(key);
}

/** A scan shown before the ledger answers; `seed` is its line when the state does not know it yet. */
export function addScan(state: ScanState, scan: PendingScan, seed: KnownLine): ScanState {
  const lines = knownLine(state, scan.key) ? state.lines : new Map(state.lines).set(scan.key, seed);
  return { ...state, lines, pending: [...state.pending, scan] };
}

/** The ledger's answer to action `seq` (a scan shown ahead, or any other action): its line and progress. */
export function learn(state: ScanState, seq: number, line: CountLineRow, progress: Progress): ScanState {
  const key = keyOf(line);
  const known = knownLine(state, key);
  let { lines } = state;
  if (!known || known.seq <= seq) lines = new Map(lines).set(key, { line, seq, exists: true });
  const newer = seq >= state.progressSeq;
  return { ...state, lines, progress: newer ? progress : state.progress, progressSeq: newer ? seq : state.progressSeq };
}

/** The scan `seq` was counted: the ledger's line replaces what was shown for it. */
export function confirmScan(state: ScanState, seq: number, line: CountLineRow, progress: Progress): ScanState {
  const learnt = learn(state, seq, line, progress);
  return { ...learnt, pending: learnt.pending.filter((p) => p.seq !== seq) };
}

/** The ledger refused the scan `seq`: it comes off the screen. */
export function rollBack(state: ScanState, seq: number): ScanState {
  return { ...state, pending: state.pending.filter((p) => p.seq !== seq) };
}

export function isPending(state: ScanState, seq: number): boolean {
  return state.pending.some((p) => p.seq === seq);
}

/** Scans on the line that its known answer does not hold yet. */
function unanswered(state: ScanState, key: string, known: KnownLine): PendingScan[] {
  return state.pending.filter((p) => p.key === key && p.seq > known.seq);
}

/** A line as the clerk should see it now: the last answer plus the scans after it. */
export function shownLine(state: ScanState, key: string): CountLineRow | undefined {
  const known = knownLine(state, key);
  if (!known) return undefined;
  const ahead = unanswered(state, key, known);
  if (ahead.length === 0) return known.line;
  const added = ahead.reduce((sum, p) => sum + p.qty, 0);
  const { line } = known;
  const counters = [...line.counters];
  for (const p of ahead) if (!counters.includes(p.counter)) counters.push(p.counter);
  return {
    ...line,
    countedQty: (line.countedQty ?? 0) + added,
    varianceQty: line.varianceQty === null ? null : line.varianceQty + added,
    counters,
  };
}

/**
 * The progress as the clerk should see it now: the last answer's, plus the lines that scans not
 * in it will count for the first time (or add as found goods).
 */
export function shownProgress(state: ScanState): Progress {
  const { expectedLines } = state.progress;
  let { countedLines, foundLines } = state.progress;
  const seen = new Set<string>();
  for (const p of state.pending) {
    if (p.seq <= state.progressSeq || seen.has(p.key)) continue;
    seen.add(p.key);
    const known = knownLine(state, p.key);
    if (!known || known.seq >= p.seq || known.line.countedQty !== null) continue;
    // An earlier scan of the line that the progress already holds counted it.
    if (state.pending.some((q) => q.key === p.key && q.seq > known.seq && q.seq <= state.progressSeq)) continue;
    if (!known.exists) foundLines++;
    else if (known.line.expected) countedLines++;
  }
  return { expectedLines, countedLines, foundLines };
}
