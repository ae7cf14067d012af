import { dispositionOf } from './syncFailure';
import type { SyncClient, SyncRunResult } from './syncClient';

/**
 * Runs "sync now" in the background: on a timer while healthy, with exponential backoff and
 * jitter after a failure, soon after a local write (nudge), and soon after a run that pulled
 * changes (a peer's push may still be landing). It retries on its timer whether or
 * not anything new was written (powersync-swift #179: a failed upload never retried until the
 * next local write). It does nothing while the PC is not enrolled: the app works unchanged
 * without a server.
 */

type TimerHandle = unknown;

export interface SyncSchedulerDeps {
  client: Pick<SyncClient, 'isConfigured' | 'syncNow'>;
  clock: () => number;
  setTimeout: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout: (handle: TimerHandle) => void;
  /** 0 ≤ x < 1; Math.random by default. */
  random?: () => number;
  /** Between runs while healthy. */
  intervalMs?: number;
  /** From a local write to the run that sends it (writes in quick succession share one run). */
  nudgeDelayMs?: number;
  /**
   * After a run that pulled changes, to the next run: more are likely on their way (another PC
   * of the branch is pushing a busy day), so this PC follows them as they land instead of
   * waiting out the interval. A run that pulls nothing returns to the interval.
   */
  followUpDelayMs?: number;
  /** From start() to the first run. */
  firstDelayMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface SyncSchedulerState {
  running: boolean;
  /** Failures in a row; 0 while healthy. */
  failures: number;
  nextRunAt: number | null;
  /** Set after a failure that retrying cannot fix (update required, device revoked); cleared by a successful run or a new enrolment. */
  stoppedBy: string | null;
}

export interface SyncScheduler {
  /** Begins the timer if the PC is enrolled. */
  start(): void;
  /** After enrolment: forget earlier failures and sync soon. */
  wake(): void;
  /** A local write happened: sync soon, unless backing off or stopped. */
  nudge(): void;
  /** The user asked: run now, whatever the timer says, and plan the next run from its outcome. */
  runNow(): Promise<SyncRunResult>;
  stop(): void;
  state(): SyncSchedulerState;
}

export function createSyncScheduler(deps: SyncSchedulerDeps): SyncScheduler {
  const random = deps.random ?? Math.random;
  const intervalMs = deps.intervalMs ?? 30_000;
  const nudgeDelayMs = deps.nudgeDelayMs ?? 1_000;
  const followUpDelayMs = deps.followUpDelayMs ?? 1_000;
  const firstDelayMs = deps.firstDelayMs ?? 2_000;
  const baseBackoffMs = deps.baseBackoffMs ?? 5_000;
  const maxBackoffMs = deps.maxBackoffMs ?? 300_000;

  let timer: TimerHandle | null = null;
  let dueAt: number | null = null;
  let failures = 0;
  let stoppedBy: string | null = null;
  let running = false;
  let nudgedWhileRunning = false;
  let stopped = false;

  function clear(): void {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
    dueAt = null;
  }

  function schedule(delayMs: number): void {
    clear();
    if (stopped) return;
    const delay = Math.max(0, Math.round(delayMs));
    dueAt = deps.clock() + delay;
    const handle = deps.setTimeout(() => {
      if (timer !== handle) return;
      timer = null;
      dueAt = null;
      void tick();
    }, delay);
    // A pending sync must not keep a closing process alive.
    (handle as { unref?: () => void } | null)?.unref?.();
    timer = handle;
  }

  /** Full backoff doubles from the base up to the cap; the jitter keeps many PCs from retrying in step. */
  function backoffMs(): number {
    const ceiling = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.min(failures - 1, 30));
    return ceiling * (0.5 + random() * 0.5);
  }

  function afterRun(result: SyncRunResult): void {
    if (stopped) return;
    if (result.ok) {
      failures = 0;
      stoppedBy = null;
      schedule(nudgedWhileRunning ? nudgeDelayMs : result.pulled > 0 ? followUpDelayMs : intervalMs);
      nudgedWhileRunning = false;
      return;
    }
    nudgedWhileRunning = false;
    const disposition = dispositionOf(result.error.code);
    if (disposition === 'idle') {
      clear();
      return;
    }
    if (disposition === 'stop') {
      // Retrying would only repeat the refusal; the error stays visible in sync.status.
      stoppedBy = result.error.code;
      clear();
      return;
    }
    failures++;
    schedule(Math.max(backoffMs(), result.error.retryAfterMs ?? 0));
  }

  async function execute(): Promise<SyncRunResult> {
    running = true;
    try {
      const result = await deps.client.syncNow();
      running = false;
      afterRun(result);
      return result;
    } finally {
      running = false;
    }
  }

  async function tick(): Promise<void> {
    if (stopped || stoppedBy || !deps.client.isConfigured()) return;
    await execute();
  }

  return {
    start() {
      stopped = false;
      if (deps.client.isConfigured() && !stoppedBy) schedule(firstDelayMs);
    },
    wake() {
      if (stopped) return;
      failures = 0;
      stoppedBy = null;
      if (running) nudgedWhileRunning = true;
      else schedule(nudgeDelayMs);
    },
    nudge() {
      if (stopped || stoppedBy || failures > 0 || !deps.client.isConfigured()) return;
      if (running) {
        nudgedWhileRunning = true;
        return;
      }
      if (dueAt === null || dueAt - deps.clock() > nudgeDelayMs) schedule(nudgeDelayMs);
    },
    runNow() {
      clear();
      return execute();
    },
    stop() {
      stopped = true;
      clear();
    },
    state: () => ({ running, failures, nextRunAt: dueAt, stoppedBy }),
  };
}
