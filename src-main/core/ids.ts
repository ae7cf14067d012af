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
