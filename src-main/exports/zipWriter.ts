import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { put } from './outputFile';
import { Utf8Chunks } from './utf8Chunks';

/**
 * A zip archive written front to back onto a file stream, one deflated entry after another,
 * as an .xlsx needs. Each entry streams: its text is encoded into two 64 KB buffers in turn
 * (utf8Chunks.ts) that go through zlib, and the compressed bytes go to the file, with
 * backpressure both ways (the writer waits for the deflater, the deflater for the file), so
 * memory stays flat however large the entry. Sizes and CRC follow
 * each entry in a data descriptor; the central directory closes the file. Entries stay under
 * 4 GiB (an .xlsx sheet holds at most 1,048,576 rows), so no ZIP64 records are needed.
 */

interface EntryRecord {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

const limit32 = 0xffff_ffff;
/** The DOS date and time fields of a zip entry. */
function dosTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((Math.max(1980, at.getFullYear()) - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/** One entry's text, written piece by piece; `flush` lets a long loop wait for the deflater. */
export interface ZipEntryText {
  write(text: string): void | Promise<void>;
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: EntryRecord[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: WriteStream,
    at: Date = new Date(),
    private readonly level: number = constants.Z_DEFAULT_COMPRESSION,
  ) {
    this.stamp = dosTime(at);
  }

  private async raw(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    await put(this.out, chunk);
  }

  /** Adds an entry whose text `produce` writes; resolves when it is all in the file. */
  async entry(name: string, produce: (text: ZipEntryText) => Promise<void> | void): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const record: EntryRecord = { name: nameBytes, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; names in UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14–25) stay zero here: the data descriptor carries them.
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    await this.raw(Buffer.concat([header, nameBytes]));

    const deflate = createDeflateRaw({ level: this.level });
    const out = this.out;
    deflate.on('data', (chunk: Buffer) => {
      record.compressed += chunk.length;
      this.offset += chunk.length;
      if (!out.write(chunk)) {
        deflate.pause();
        out.once('drain', () => deflate.resume());
      }
    });
    const done = finished(deflate);
    // A failure is awaited below; until then it must not surface as an unhandled rejection.
    done.catch(() => undefined);

    const text = new Utf8Chunks((bytes) => {
      record.crc = crc32(bytes, record.crc);
      record.size += bytes.length;
      // Resolves once the deflater has taken the bytes in, and only when its output is not backed up.
      const taken = new Promise<void>((resolve, reject) => deflate.write(bytes, (error) => (error ? reject(error) : resolve())));
      return Promise.race([taken, done]);
    });
    await produce(text);
    await text.end();
    deflate.end();
    await done;
    if (record.size > limit32 || record.compressed > limit32 || this.offset > limit32) throw new Error('zip entry over 4 GiB');

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    descriptor.writeUInt32LE(record.compressed, 8);
    descriptor.writeUInt32LE(record.size, 12);
    await this.raw(descriptor);
    this.entries.push(record);
  }

  /** Writes the central directory; the caller then ends the file stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes (30–41) are zero
      h.writeUInt32LE(e.offset, 42);
      await this.raw(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
  }
}
