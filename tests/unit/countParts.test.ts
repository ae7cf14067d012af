import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countSnapshotPartArgs, countStartArgs, COUNT_OP_MAX_LINES, MAX_PUSH_BYTES, splitCountStart, type CountStartArgs } from '../../src-main/sync/protocol';

const header = (productIds: string[] = []): CountStartArgs['count'] => ({
  id: randomUUID(),
  docNo: 'BJ01-PD-2026-000001',
  branchId: randomUUID(),
  warehouseId: randomUUID(),
  scope: productIds.length > 0 ? 'partial' : 'full',
  scopeFilter: { categoryIds: [], zones: [], productIds, abcClasses: [] },
  blind: true,
  snapshotAt: 1,
  recountPermille: 50,
  approvalValueFen: 50_000,
  note: '年终盘点',
  createdBy: randomUUID(),
  createdAt: 1,
  hlc: '0001763600000000-0000-node',
});

const snapshot = (n: number): CountStartArgs['lines'] =>
  Array.from({ length: n }, (_, i) => ({ productId: randomUUID(), lotId: randomUUID(), lotCode: `L${i}`, expiryDate: '2027-11-01', bookQty: i, expected: true, round: 1, hlc: '0001763600000000-0000-node' }));

describe('a count snapshot as sync ops', () => {
  it('a 20,000-line snapshot goes as a start op and parts of at most 1,000 lines, each far under what one push carries, every line once and in order', () => {
    const lines = snapshot(20_000);
    const { start, parts } = splitCountStart(header(), lines);
    expect(countStartArgs.safeParse(start).success).toBe(true);
    for (const part of parts) expect(countSnapshotPartArgs.safeParse(part).success).toBe(true);
    expect(start.lines).toHaveLength(COUNT_OP_MAX_LINES);
    expect(parts.map((p) => p.part)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect([...start.lines, ...parts.flatMap((p) => p.lines)]).toEqual(lines);
    for (const op of [start, ...parts]) expect(Buffer.byteLength(JSON.stringify(op))).toBeLessThan(MAX_PUSH_BYTES / 2);
  });

  it('a plan naming 20,000 products sends its header alone and every line in parts', () => {
    const lines = snapshot(1500);
    const { start, parts } = splitCountStart(header(lines.map((l) => l.productId).concat(snapshot(18_500).map((l) => l.productId))), lines);
    expect(start.lines).toEqual([]);
    expect(parts.map((p) => p.lines.length)).toEqual([1000, 500]);
    for (const op of [start, ...parts]) expect(Buffer.byteLength(JSON.stringify(op))).toBeLessThan(MAX_PUSH_BYTES);
  });
});
