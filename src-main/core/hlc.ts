/**
 * Hybrid logical clock: wall-clock ms, a counter for events within one ms, and the node id, as a
 * string that sorts lexicographically in causal order. Used for last-writer-wins on master data;
 * never for sync cursors (those are server-assigned).
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

export function formatHlc(h: Hlc): string {
  return `${h.ms.toString().padStart(15, '0')}-${h.counter.toString(36).padStart(5, '0')}-${h.node}`;
}

const hlcPattern = /^(\d{15})-([0-9a-z]{5})-(.+)$/;

export function isHlc(s: string): boolean {
  return hlcPattern.test(s);
}

export function parseHlc(s: string): Hlc {
  const m = hlcPattern.exec(s);
  if (!m) throw new RangeError(`not an HLC: ${s}`);
  return { ms: Number(m[1]), counter: parseInt(m[2] ?? '0', 36), node: m[3] ?? '' };
}

export interface HlcClock {
  /** A new timestamp for a local event. */
  now(): string;
  /** Merge a timestamp received from elsewhere; refuses one further ahead than `maxDriftMs`. */
  receive(remote: string): string;
}

export class ClockDriftError extends Error {
  constructor(readonly remoteMs: number, readonly localMs: number) {
    super(`remote clock ${remoteMs - localMs} ms ahead`);
  }
}

export function createHlcClock(node: string, wallMs: () => number, maxDriftMs = 5 * 60_000, start?: string): HlcClock {
  let last: Hlc = start ? parseHlc(start) : { ms: 0, counter: 0, node };
  return {
    now() {
      const wall = wallMs();
      if (wall > last.ms) last = { ms: wall, counter: 0, node };
      else last = { ms: last.ms, counter: last.counter + 1, node };
      return formatHlc(last);
    },
    receive(remote) {
      const r = parseHlc(remote);
      const wall = wallMs();
      if (r.ms - wall > maxDriftMs) throw new ClockDriftError(r.ms, wall);
      const ms = Math.max(wall, last.ms, r.ms);
      let counter = 0;
      if (ms === last.ms && ms === r.ms) counter = Math.max(last.counter, r.counter) + 1;
      else if (ms === last.ms) counter = last.counter + 1;
      else if (ms === r.ms) counter = r.counter + 1;
      last = { ms, counter, node };
      return formatHlc(last);
    },
  };
}

/**
 * `local`, unless a timestamp already seen for the same field is not before it: then the one
 * right after that, on local's node. A decision made after seeing another one then always wins
 * over it under last-writer-wins, even when this PC's wall clock is behind the other PC's.
 */
export function hlcAfter(local: string, seen: string | null): string {
  if (seen === null || local > seen) return local;
  const s = parseHlc(seen);
  return formatHlc({ ms: s.ms, counter: s.counter + 1, node: parseHlc(local).node });
}
