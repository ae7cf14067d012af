/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, version, 12 bits that count up within one ms so
 * ids made in the same ms still sort, variant, 62 random bits. Sortable ids keep SQLite's
 * b-trees append-mostly and make sync order readable.
 */
export interface IdGenerator {
  (): string;
}

/** The character codes of a byte's two hex digits. */
const hexHigh = Array.from({ length: 256 }, (_, i) => (i >>> 4).toString(16).charCodeAt(0));
const hexLow = Array.from({ length: 256 }, (_, i) => (i & 15).toString(16).charCodeAt(0));
/** Where each of the 16 bytes goes in the 36 characters (the dashes stay where they are). */
const byteAt = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

export function createUuidV7Generator(now: () => number, randomBytes: (n: number) => Uint8Array): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  // Randomness is drawn in blocks: one system call per 512 ids rather than per id keeps id
  // generation off the posting path's profile (a 20-line receipt makes ~100 ids).
  let pool: Uint8Array = new Uint8Array(0);
  let offset = 0;
  // The id's characters are written into one array and made a string in one step: a posting
  // makes tens of thousands of ids, and building each from pieces left ~0.5 KB of garbage apiece.
  const chars = Array.from({ length: 36 }, () => 0x2d);
  const bytes = new Array<number>(16).fill(0);
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
    bytes[0] = (hi >>> 8) & 0xff;
    bytes[1] = hi & 0xff;
    bytes[2] = (lo >>> 24) & 0xff;
    bytes[3] = (lo >>> 16) & 0xff;
    bytes[4] = (lo >>> 8) & 0xff;
    bytes[5] = lo & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((pool[offset] ?? 0) & 0x3f);
    for (let i = 9; i < 16; i++) bytes[i] = pool[offset + i - 8] ?? 0;
    offset += 8;
    for (let i = 0; i < 16; i++) {
      const b = bytes[i] ?? 0;
      const at = byteAt[i] ?? 0;
      chars[at] = hexHigh[b] ?? 0x30;
      chars[at + 1] = hexLow[b] ?? 0x30;
    }
    return String.fromCharCode(...chars);
  };
}

export function uuidV7Timestamp(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/**
 * A stable id for a lot: every PC of a branch that receives lot "20261101A" of a product
 * names it the same id, so lots recorded offline on two PCs merge instead of colliding on
 * (product, lot code). UUID layout with version 8 (custom); the 128 bits come from four
 * differently seeded 32-bit FNV-1a-style lanes over the product id and the lot code.
 */
export function lotIdFor(productId: string, lotCode: string): string {
  const text = `${productId}\u0000${lotCode}`;
  const lanes = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) {
      let h = (lanes[l] ?? 0) ^ c;
      h = Math.imul(h, 0x01000193 + l * 0x1000);
      h ^= h >>> 13;
      lanes[l] = h >>> 0;
    }
  }
  // Final avalanche so short inputs spread over all bits.
  for (let l = 0; l < 4; l++) {
    let h = (lanes[l] ?? 0) ^ (lanes[(l + 1) % 4] ?? 0);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    lanes[l] = (h ^ (h >>> 16)) >>> 0;
  }
  const hexLanes = lanes.map((h) => h.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hexLanes[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hexLanes.slice(0, 8)}-${hexLanes.slice(8, 12)}-8${hexLanes.slice(13, 16)}-${variant}${hexLanes.slice(17, 20)}-${hexLanes.slice(20, 32)}`;
}
