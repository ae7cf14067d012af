/**
 * Bucket checksums: a count and the sum (mod 2^32) of each item's FNV-1a hash. A sum rather
 * than an XOR or a running hash, so it does not depend on order and an item can be taken out
 * again (the client subtracts what it has not pushed yet).
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Checksum {
  count: number;
  hash: number;
}

export const emptyChecksum: Checksum = { count: 0, hash: 0 };

export function addToChecksum(sum: Checksum, itemId: string): Checksum {
  return { count: sum.count + 1, hash: (sum.hash + fnv1a32(itemId)) >>> 0 };
}

export function removeFromChecksum(sum: Checksum, itemId: string): Checksum {
  return { count: sum.count - 1, hash: (sum.hash - fnv1a32(itemId) + 0x100000000) >>> 0 };
}

export function checksumOf(itemIds: Iterable<string>): Checksum {
  // A PC sums every id of a bucket (a hundred thousand movements, say): no object per id.
  let count = 0;
  let hash = 0;
  for (const id of itemIds) {
    count++;
    hash = (hash + fnv1a32(id)) >>> 0;
  }
  return { count, hash };
}

export function sameChecksum(a: Checksum, b: Checksum): boolean {
  return a.count === b.count && a.hash === b.hash;
}
