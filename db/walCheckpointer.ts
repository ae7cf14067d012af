import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the ledger's WAL on a thread of its own, so no command pays for it.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that pushes the WAL past 1,000 pages:
 * that one command copies about 4 MB back into the database file and flushes it, and a
 * delivery that normally takes 6 ms takes 20. Here the writing connection's automatic
 * checkpoint is raised to a safety net (if this thread ever falls behind, SQLite still bounds
 * the WAL) and a worker thread with its own connection runs PASSIVE checkpoints. PASSIVE never
 * waits for or blocks the writer: it copies the frames that no reader still needs, and the next
 * write transaction starts the WAL over once all of them are copied.
 *
 * When: as soon as the ledger has been quiet for `idleMs` (no commit seen by `PRAGMA
 * data_version`, polled every `pollMs`), and at the latest after `maxDeferMs` of continuous
 * writing. A checkpoint's flush of the database file competes with the writer's flush of the
 * WAL for the disk, so doing it between commands keeps it out of their latency, and a page a
 * burst of commands wrote many times is copied once. `journal_size_limit` trims the file
 * afterwards, so one big count posting does not leave a 50 MB WAL behind.
 *
 * Starting the WAL over costs a flush of its own: with synchronous=FULL the first commit after
 * a complete checkpoint writes a new WAL header and flushes it before its frames, two flushes
 * instead of one (a delivery after a quiet spell took ~3 ms longer). So after a quiet-time
 * checkpoint that copied every frame, the writer starts the WAL over at once, while the ledger
 * is still quiet, by a commit that changes nothing (user_version set to itself, one page), and
 * the next command appends to the WAL as usual. The thread takes that commit as its own, so it
 * does not checkpoint again for it.
 */

/** The writer's own checkpoint, kept as a backstop: about 200 MB of WAL. */
export const safetyNetPages = 50_000;
const journalSizeLimitBytes = 16 * 1024 * 1024;

export interface WalCheckpointerOptions {
  path: string;
  nativeBinding?: string;
  /** How often the thread looks for new commits (ms). */
  pollMs?: number;
  /** Quiet time after the last commit before a checkpoint (ms). */
  idleMs?: number;
  /** Longest the thread waits while commits keep coming (ms). */
  maxDeferMs?: number;
}

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Checkpoints now and answers what SQLite reported (tests; the backup before a restore). */
  checkpointNow(): Promise<CheckpointResult>;
  /**
   * Stops the thread and waits (at most a few seconds) until its connection is closed, so the
   * writer closing next is the last connection (SQLite then checkpoints and removes the WAL) and
   * a restore can replace the file. The writer's automatic checkpoint goes back to the default.
   */
  stop(): void;
}

// Plain CommonJS evaluated in the worker: it needs nothing but better-sqlite3, whose resolved
// path (and the native build the host chose) come in workerData, so it runs the same under
// tsx, vitest and the bundled Electron main.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding, fileMustExist: true } : { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
db.pragma('journal_size_limit = ${journalSizeLimitBytes}');
function checkpoint() {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    return { busy: row.busy, log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    return { error: String(error && error.message || error) };
  }
}
// data_version moves when another connection commits. Quiet for idleMs → checkpoint; writes that
// never pause are checkpointed every maxDeferMs all the same.
let seenVersion = db.pragma('data_version', { simple: true });
let lastCommitAt = Date.now();
let pendingSince = null;
function tick() {
  const now = Date.now();
  const version = db.pragma('data_version', { simple: true });
  if (version !== seenVersion) {
    seenVersion = version;
    lastCommitAt = now;
    if (pendingSince === null) pendingSince = now;
  }
  if (pendingSince === null) return;
  const quiet = now - lastCommitAt >= workerData.idleMs;
  if (quiet || now - pendingSince >= workerData.maxDeferMs) {
    const result = checkpoint();
    // Frames a reader still needed stay pending: try again after another quiet spell.
    if (result.error || result.checkpointed < result.log) lastCommitAt = now;
    else {
      pendingSince = null;
      // Every frame copied while the ledger is quiet: the writer may start the WAL over now.
      if (quiet && result.log > 0) parentPort.postMessage({ id: 0, drained: true });
    }
  }
}
const timer = setInterval(tick, workerData.pollMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') parentPort.postMessage({ id: message.id, result: checkpoint() });
  // The writer's commit that started the WAL over is not news: nothing to copy back for it. (A
  // command committed in the same instant is then copied after the next one, or at closing.)
  if (message.type === 'restarted') seenVersion = db.pragma('data_version', { simple: true });
  if (message.type === 'stop') {
    clearInterval(timer);
    db.close();
    const closed = new Int32Array(workerData.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  }
});
`;

interface WorkerReply {
  id: number;
  result?: (CheckpointResult & { error?: undefined }) | { error: string } | null;
  /** A quiet-time checkpoint copied every frame back. */
  drained?: true;
}

export function startWalCheckpointer(writer: Database.Database, options: WalCheckpointerOptions): WalCheckpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  writer.pragma(`wal_autocheckpoint = ${safetyNetPages}`);
  writer.pragma(`journal_size_limit = ${journalSizeLimitBytes}`);
  // The thread sets it to 1 once its connection is closed; stop() waits on it.
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      modulePath,
      path: options.path,
      nativeBinding: options.nativeBinding,
      pollMs: options.pollMs ?? 50,
      idleMs: options.idleMs ?? 100,
      maxDeferMs: options.maxDeferMs ?? 1000,
      closed,
    },
  });
  // A ledger that is only read, or a test that forgets to close, must not be kept alive by it.
  worker.unref();
  let nextId = 1;
  const waiting = new Map<number, (reply: WorkerReply) => void>();
  worker.on('message', (reply: WorkerReply) => {
    if (reply.drained) {
      restartWal();
      return;
    }
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  let failure: Error | undefined;
  worker.on('error', (thrown: unknown) => {
    const error = thrown instanceof Error ? thrown : new Error(String((thrown as { message?: unknown } | undefined)?.message ?? thrown));
    // The thread could not open the file (gone, or a native build it cannot load): the
    // writer's own checkpoint takes over again, so the WAL stays bounded either way.
    failure = error;
    if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
    for (const resolve of waiting.values()) resolve({ id: 0, result: { error: error.message } });
    waiting.clear();
  });
  let stopped = false;
  // A commit that changes nothing: the first frames after a complete checkpoint start the WAL over.
  const restartWal = () => {
    if (stopped || failure || !writer.open || writer.inTransaction) return;
    // Never wait for another connection's write: then the next command starts the WAL over itself.
    const timeout = Number(writer.pragma('busy_timeout', { simple: true }));
    try {
      writer.pragma('busy_timeout = 0');
      const version = Number(writer.pragma('user_version', { simple: true }));
      writer.pragma(`user_version = ${version}`);
    } catch {
      return; // busy, or a read-only file
    } finally {
      writer.pragma(`busy_timeout = ${timeout}`);
    }
    worker.postMessage({ type: 'restarted', id: 0 });
  };
  const ask = (): Promise<WorkerReply['result']> => {
    if (failure || stopped) return Promise.resolve({ error: failure?.message ?? 'the checkpointer has stopped' });
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, (reply) => resolve(reply.result ?? null));
      worker.postMessage({ type: 'checkpoint', id });
    });
  };
  return {
    async checkpointNow() {
      const result = await ask();
      if (!result || typeof result.error === 'string') {
        throw new Error(`WAL checkpoint failed: ${result ? result.error : 'the checkpointer has stopped'}`);
      }
      return result;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (!failure) {
        worker.postMessage({ type: 'stop', id: 0 });
        Atomics.wait(new Int32Array(closed), 0, 0, 5000);
      }
      void worker.terminate();
      for (const resolve of waiting.values()) resolve({ id: 0, result: { error: 'the checkpointer has stopped' } });
      waiting.clear();
      if (writer.open) writer.pragma('wal_autocheckpoint = 1000');
    },
  };
}
