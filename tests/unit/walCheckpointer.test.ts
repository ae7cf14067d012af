import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safetyNetPages, startWalCheckpointer } from '../../db/walCheckpointer';

const dirs: string[] = [];
function walDatabase(): { path: string; writer: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-wal-'));
  dirs.push(dir);
  const path = join(dir, 'ledger.sqlite');
  const writer = new Database(path);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { path, writer };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** About `megabytes` MB of rows in one transaction. */
function write(writer: Database.Database, megabytes: number): void {
  const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
  const body = 'x'.repeat(1000);
  writer.transaction(() => {
    for (let i = 0; i < megabytes * 1000; i++) insert.run(body);
  })();
}

describe('the WAL checkpoint thread', () => {
  it('takes the checkpoint out of commits and copies every frame back when asked', async () => {
    const { path, writer } = walDatabase();
    const checkpointer = startWalCheckpointer(writer, { path, idleMs: 60_000, maxDeferMs: 60_000 });
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(safetyNetPages);
    write(writer, 30);
    // Far past SQLite's default 1,000 pages, and the commit did not copy it back itself.
    const before = await checkpointer.checkpointNow();
    expect(before.busy).toBe(0);
    expect(before.log).toBeGreaterThan(5000);
    expect(before.checkpointed).toBe(before.log);
    // The next write starts the WAL over, and the file is trimmed to the size limit.
    write(writer, 1);
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(16 * 1024 * 1024);
    const after = await checkpointer.checkpointNow();
    expect(after.log).toBeLessThan(before.log / 10);
    // Nothing was lost on the way: a fresh connection reads every row.
    const reader = new Database(path, { readonly: true });
    expect((reader.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(31_000);
    reader.close();
    checkpointer.stop();
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The thread's connection is closed by then: the writer is the last, and closing it removes the WAL.
    writer.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  /** Resolves once the database file itself has grown past `bytes` (frames copied back from the WAL). */
  async function untilFileGrows(path: string, bytes: number, whileWaiting: () => void = () => {}): Promise<number> {
    for (let i = 0; i < 400; i++) {
      whileWaiting();
      const size = statSync(path).size;
      if (size > bytes) return size;
      await new Promise((r) => setTimeout(r, 25));
    }
    return statSync(path).size;
  }

  it('checkpoints on its own once the ledger is quiet, and not while commits keep coming', async () => {
    const { path, writer } = walDatabase();
    const start = statSync(path).size;
    const checkpointer = startWalCheckpointer(writer, { path, pollMs: 10, idleMs: 1000, maxDeferMs: 60_000 });
    const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
    // A commit every few milliseconds for a while: the database file is left alone.
    const until = Date.now() + 400;
    while (Date.now() < until) {
      insert.run('y'.repeat(2000));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(statSync(path).size).toBe(start);
    // Quiet: the rows reach the database file without anyone asking.
    expect(await untilFileGrows(path, start)).toBeGreaterThan(start);
    checkpointer.stop();
    writer.close();
  });

  it('checkpoints while commits never pause, at the longest deferral', async () => {
    const { path, writer } = walDatabase();
    const start = statSync(path).size;
    const checkpointer = startWalCheckpointer(writer, { path, pollMs: 10, idleMs: 60_000, maxDeferMs: 150 });
    const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
    expect(await untilFileGrows(path, start, () => insert.run('z'.repeat(2000)))).toBeGreaterThan(start);
    checkpointer.stop();
    writer.close();
  });

  /** How many times the WAL was started over: the checkpoint sequence in its header. */
  function walRestarts(path: string): number {
    const header = Buffer.alloc(32);
    const fd = openSync(`${path}-wal`, 'r');
    readSync(fd, header, 0, 32, 0);
    closeSync(fd);
    return header.readUInt32BE(12);
  }

  it('starts the WAL over while the ledger is quiet, so the next commit only appends to it', async () => {
    const { path, writer } = walDatabase();
    writer.pragma('user_version = 7');
    const checkpointer = startWalCheckpointer(writer, { path, pollMs: 10, idleMs: 40, maxDeferMs: 60_000 });
    await checkpointer.checkpointNow(); // the thread is up and watching
    const insert = writer.prepare('INSERT INTO t (body) VALUES (?)');
    insert.run('first');
    const before = walRestarts(path);
    // Quiet: the thread copies the frames back and the writer starts the WAL over, no command asked.
    for (let i = 0; i < 400 && walRestarts(path) === before; i++) await new Promise((r) => setTimeout(r, 25));
    expect(walRestarts(path)).toBe(before + 1);
    // That commit changed nothing and is not checkpointed again (no round of restarts).
    await new Promise((r) => setTimeout(r, 300));
    expect(walRestarts(path)).toBe(before + 1);
    expect(writer.pragma('user_version', { simple: true })).toBe(7);
    // The next command appends: its commit does not start the WAL over (one flush, not two).
    insert.run('second');
    expect(walRestarts(path)).toBe(before + 1);
    checkpointer.stop();
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT body FROM t ORDER BY id').pluck().all()).toEqual(['first', 'second']);
    reader.close();
    writer.close();
  });

  it('hands the checkpoint back to the writer when its thread cannot open the file', async () => {
    const { path, writer } = walDatabase();
    const checkpointer = startWalCheckpointer(writer, { path: `${path}.missing`, idleMs: 60_000, maxDeferMs: 60_000 });
    await expect(checkpointer.checkpointNow()).rejects.toThrow(/WAL checkpoint failed/);
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpointer.stop();
    writer.close();
  });
});
