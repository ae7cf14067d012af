import { COUNT_OP_MAX_LINES, type CountSnapshotPartArgs, type CountStartArgs } from './registry';

/** A header this big (a plan naming thousands of products) travels alone, its lines all in parts. */
const HEADER_ALONE_BYTES = 100_000;

/**
 * Cuts a count's snapshot into the `counts.start` op (header and first lines) and the
 * `counts.snapshotPart` ops after it, at most COUNT_OP_MAX_LINES lines each, so a 20,000-line
 * snapshot goes as ops far below a push batch's 1 MB (a line is a few hundred bytes).
 */
export function splitCountStart(count: CountStartArgs['count'], lines: CountStartArgs['lines']): { start: CountStartArgs; parts: CountSnapshotPartArgs[] } {
  const first = JSON.stringify(count).length > HEADER_ALONE_BYTES ? 0 : COUNT_OP_MAX_LINES;
  const parts: CountSnapshotPartArgs[] = [];
  for (let i = first; i < lines.length; i += COUNT_OP_MAX_LINES) {
    parts.push({ countId: count.id, part: parts.length + 1, lines: lines.slice(i, i + COUNT_OP_MAX_LINES) });
  }
  return { start: { count, lines: lines.slice(0, first) }, parts };
}

/** A list cut into ops of at most COUNT_OP_MAX_LINES items each. */
export function inCountOpChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += COUNT_OP_MAX_LINES) chunks.push(items.slice(i, i + COUNT_OP_MAX_LINES));
  return chunks;
}
