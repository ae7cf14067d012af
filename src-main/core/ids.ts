/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, version, 12 bits that count up within one ms so
 * ids made in the same ms still sort, variant, 62 random bits. Sortable ids keep SQLite's
 * b-trees append-mostly and make sync order readable.
 */
export interface IdGenerator {
  (): string;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createUuidV7Generator(now: () => number, randomBytes: (n: number) => Uint8Array): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  // Randomness is drawn in blocks: one system call per 512 ids rather than per id keeps id
  // generation off the posting path's profile (a 20-line receipt makes ~100 ids).
  let pool: Uint8Array = new Uint8Array(0);
  let offset = 0;
  const out = new Array<string>(16);
  return () => {
    let ms = now();
    if (ms <= lastMs) {
      ms = lastMs;
      counter++;
      if (counter > 0xfff) {
        ms = lastMs + 1;
        counter = 0;
      }
    } else {
      counter = 0;
    }
    lastMs = ms;
    if (offset + 10 > pool.length) {
      pool = randomBytes(5120);
      offset = 0;
    }
    const hi = Math.floor(ms / 2 ** 32);
    const lo = ms >>> 0;
    out[0] = hex[(hi >>> 8) & 0xff] ?? '00';
    out[1] = hex[hi & 0xff] ?? '00';
    out[2] = hex[(lo >>> 24) & 0xff] ?? '00';
    out[3] = hex[(lo >>> 16) & 0xff] ?? '00';
    out[4] = hex[(lo >>> 8) & 0xff] ?? '00';
    out[5] = hex[lo & 0xff] ?? '00';
    out[6] = hex[0x70 | ((counter >>> 8) & 0x0f)] ?? '00';
    out[7] = hex[counter & 0xff] ?? '00';
    out[8] = hex[0x80 | ((pool[offset] ?? 0) & 0x3f)] ?? '00';
    for (let i = 9; i < 16; i++) out[i] = hex[pool[offset + i - 8] ?? 0] ?? '00';
    offset += 8;
    return `${out[0]}${out[1]}${out[2]}${out[3]}-${out[4]}${out[5]}-${out[6]}${out[7]}-${out[8]}${out[9]}-${out[10]}${out[11]}${out[12]}${out[13]}${out[14]}${out[15]}`;
  };
}

export function uuidV7Timestamp(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
