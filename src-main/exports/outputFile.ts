import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { WriteResult } from './exportTable';

/**
 * Runs one writer against a new file. When the writer fails or its signal is aborted, the
 * partial file is removed: a half-written export that opens with missing rows is worse than
 * none.
 */
export async function writeOutputFile(
  path: string,
  signal: AbortSignal | undefined,
  write: (out: WriteStream) => Promise<number>,
): Promise<WriteResult> {
  signal?.throwIfAborted();
  const out = createWriteStream(path, { flags: 'wx' });
  try {
    await once(out, 'open');
    const rows = await write(out);
    signal?.throwIfAborted();
    await finished(out);
    const { size } = await stat(path);
    return { rows, bytes: size };
  } catch (error) {
    // Writes still in flight fail once the stream is destroyed; that is expected here.
    out.on('error', () => undefined);
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
}

/** Writes with backpressure, so a million rows never pile up in the stream's buffer. */
export async function put(out: WriteStream, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
