import { closeSync, openSync, readSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { generateLargeLedger } from '../db/demo/generateLarge';
import { openLedgerApp, type LedgerApp } from '../src-main/services/openLedgerApp';

/** A branch ledger in `dir` filled by the large-data generator, and how a benchmark calls it. */
export interface LargeBranch {
  app: LedgerApp;
  /** One API call, synchronously; a refusal throws. */
  call: <T>(method: string, input: unknown) => T;
  /** Milliseconds `fn` took. */
  timed: (fn: () => void) => number;
  ids: { warehouseId: string; branchId: string; userId: string };
  made: { products: number; movements: number };
}

export function openLargeBranch(
  dir: string,
  title: string,
  options: {
    products: number;
    movements: number;
    issuesAs?: 'adjustment' | 'delivery';
    /** SQLite's own checkpoint inside commits, for comparison. */
    inlineCheckpoint?: boolean;
  },
): LargeBranch {
  const app = openLedgerApp({ dataDir: dir, host: 'node', backgroundCheckpoint: !options.inlineCheckpoint });
  const call = <T>(method: string, input: unknown): T => {
    const r = app.api.invokeSync(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const timed = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  call('setup.createBranch', { code: 'BJ01', name: 'Bench', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const s = app.db.$client;
  const ids = {
    warehouseId: (s.prepare("SELECT id FROM warehouses WHERE kind = 'main'").get() as { id: string }).id,
    branchId: (s.prepare('SELECT id FROM branches').get() as { id: string }).id,
    userId: (s.prepare('SELECT id FROM users').get() as { id: string }).id,
  };
  const t0 = performance.now();
  const made = generateLargeLedger(app.db, { products: options.products, movements: options.movements, issuesAs: options.issuesAs, seed: 7, now: Date.now(), ...ids });
  console.log(`Branch Ledger ${title} benchmark — ${new Date().toISOString()} — Node ${process.version}`);
  console.log(`Ledger: ${made.products} products, ${made.movements} movements (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { app, call, timed, ids, made };
}

/** The median of timings, in their unit. */
export function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * What one posting cost besides its wall time, the figures that hold on a shared machine: the
 * CPU time of the process (every thread, so a checkpoint running meanwhile counts), the pages
 * its commit appended to the WAL (read from the WAL-index header in the -shm file: mxFrame, the
 * last valid frame, at byte 16; a WAL started over counts from its start), and the garbage
 * collector's pauses during it.
 */
export interface PostingCost {
  ms: number;
  cpuMs: number;
  walPages: number;
  /** The WAL was started over by this posting. */
  walRestarted: boolean;
  gcMs: number;
}

export interface PostingMeter {
  measure(fn: () => void): PostingCost;
  /** Call when done: stops watching the collector. */
  stop(): void;
}

export function postingMeter(dbPath: string): PostingMeter {
  const header = Buffer.alloc(20);
  const shm = `${dbPath}-shm`;
  const mxFrame = (): number => {
    const fd = openSync(shm, 'r');
    try {
      readSync(fd, header, 0, 20, 0);
    } finally {
      closeSync(fd);
    }
    return header.readUInt32LE(16);
  };
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const costs: { cost: PostingCost; start: number; end: number }[] = [];
  return {
    measure(fn) {
      const frames0 = mxFrame();
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      fn();
      const end = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const frames1 = mxFrame();
      const cost = { ms: end - start, cpuMs: (cpu.user + cpu.system) / 1000, walPages: frames1 >= frames0 ? frames1 - frames0 : frames1, walRestarted: frames1 < frames0, gcMs: 0 };
      costs.push({ cost, start, end });
      return cost;
    },
    stop() {
      // The observer reports after the fact: pauses are matched to postings once all are in.
      for (const e of observer.takeRecords()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
      observer.disconnect();
      for (const c of costs) {
        for (const p of pauses) if (p.start < c.end && p.end > c.start) c.cost.gcMs += Math.min(p.end, c.end) - Math.max(p.start, c.start);
      }
    },
  };
}
