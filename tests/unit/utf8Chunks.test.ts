import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../src-main/exports/utf8Chunks';

/** A consumer that reads what it was handed only later, as zlib or a file stream does: a buffer refilled too early shows. */
function collector() {
  const received: Buffer[] = [];
  let busy = 0;
  let overlapped = 0;
  const consume = async (bytes: Buffer) => {
    busy += 1;
    overlapped = Math.max(overlapped, busy);
    await new Promise((resolve) => setImmediate(resolve));
    received.push(Buffer.from(bytes));
    busy -= 1;
  };
  return { consume, received, maxInFlight: () => overlapped };
}

describe('Utf8Chunks', () => {
  it('hands on exactly the UTF-8 of everything written, in order, across buffer ends, multi-byte characters and texts larger than a buffer', async () => {
    const sink = collector();
    const chunks = new Utf8Chunks(sink.consume, 256);
    const pieces = ['<row>', '农夫山泉 550ml', '😀 naïve', 'x'.repeat(200), '', '&amp;', '库存'.repeat(30), 'end'];
    const written: string[] = [];
    for (let i = 0; i < 300; i++) {
      const piece = pieces[i % pieces.length]!;
      written.push(piece);
      const wait = chunks.write(piece);
      if (wait) await wait;
    }
    await chunks.end();
    expect(Buffer.concat(sink.received).equals(Buffer.from(written.join(''), 'utf8'))).toBe(true);
    expect(sink.received.length).toBeGreaterThan(10);
    // One buffer fills while the other is consumed: never more than one hand-over at a time.
    expect(sink.maxInFlight()).toBe(1);
  });

  it('never refills a buffer the consumer has not let go of: 2,000 small rows through hundreds of buffers', async () => {
    const sink = collector();
    // Room for a few rows a buffer (a row's worst case, 3 bytes a UTF-16 unit, must fit).
    const chunks = new Utf8Chunks(sink.consume, 256);
    let all = '';
    for (let i = 0; i < 2000; i++) {
      const row = `<row r="${i}">农夫山泉 ${i}</row>`;
      all += row;
      const wait = chunks.write(row);
      if (wait) await wait;
    }
    await chunks.end();
    expect(Buffer.concat(sink.received).toString('utf8')).toBe(all);
    expect(sink.received.length).toBeLessThan(1000);
  });

  it('hands on nothing for nothing written', async () => {
    const sink = collector();
    const chunks = new Utf8Chunks(sink.consume, 64);
    await chunks.end();
    expect(sink.received).toEqual([]);
  });

  it('rejects when the consumer fails', async () => {
    const chunks = new Utf8Chunks(() => Promise.reject(new Error('disk full')), 16);
    await expect(
      (async () => {
        for (let i = 0; i < 10; i++) await chunks.write('0123456789');
        await chunks.end();
      })(),
    ).rejects.toThrow('disk full');
  });
});
