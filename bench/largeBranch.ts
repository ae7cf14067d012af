import { performance } from 'node:perf_hooks';
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
