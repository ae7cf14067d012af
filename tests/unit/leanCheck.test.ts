import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { leanCheckOf, readOpArgs } from '../../src-main/sync/protocol/leanCheck';
import { pullResponse } from '../../src-main/sync/protocol/messages';
import { findOp, opRegistry, stockDocumentArgs } from '../../src-main/sync/protocol/registry';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A pulled receipt's args, as a PC's outbox carries them. */
function receiptArgs() {
  return {
    document: {
      id: id(1),
      docType: 'receipt',
      docNo: 'BJ01-RCV-2026-000001',
      businessDate: '2026-03-02',
      warehouseId: id(2),
      supplierId: null,
      reasonCode: null,
      note: '',
      reversesDocumentId: null,
      sourceId: null,
      branchId: id(3),
      status: 'posted',
      totalQty: 24,
      totalValueFen: 2400,
      createdBy: id(4),
      createdAt: 1_772_400_000_000,
      hlc: '001772400000000-00000-pc-a',
    },
    lines: [
      { id: id(5), lineNo: 1, productId: id(6), unitCode: 'CS24', unitQty: 1, qty: 24, lotId: id(7), unitCostFen: 2400, valueFen: 2400, reasonCode: null },
    ],
    lots: [{ id: id(7), productId: id(6), lotCode: 'L1', expiryDate: '2027-06-01', productionDate: null, firstReceivedAt: 1_772_400_000_000, hlc: '001772400000000-00001-pc-a' }],
    movements: [
      {
        id: id(8),
        warehouseId: id(2),
        productId: id(6),
        lotId: id(7),
        qty: 24,
        valueFen: 2400,
        documentType: 'receipt',
        documentId: id(1),
        lineId: id(5),
        businessDate: '2026-03-02',
        createdAt: 1_772_400_000_000,
        hlc: '001772400000000-00002-pc-a',
      },
    ],
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value, as the keys leading to it. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

/** Values close to what a schema accepts, and some far from it. */
const nearby = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1, 1.5, 2 ** 53, -(2 ** 53), '', 'x'.repeat(41), 'x'.repeat(101), 'x'.repeat(501), id(9), id(9).toUpperCase(), '0190a000-0000-9000-8000-000000000009', '2026-03-02', '2026-3-2', 'receipt', 'posted', 'draft', [], {}),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

/** One change to the args: a value replaced, a field removed, a field added, an element added. */
const mutation = fc.record({ pick: fc.nat(), action: fc.constantFrom('replace', 'remove', 'add'), value: nearby, key: fc.constantFrom('extra', 'qty', 'hlc', '__proto__', 'constructor') });

function mutate(args: Json, m: { pick: number; action: string; value: Json; key: string }): Json {
  const copy = structuredClone(args);
  const paths = pathsOf(copy);
  const path = paths[m.pick % paths.length]!;
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!;
  const last = path.at(-1)!;
  const target = parent as Record<string | number, Json>;
  if (m.action === 'replace') target[last] = m.value;
  else if (m.action === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete target[last];
  } else {
    const holder = target[last];
    if (Array.isArray(holder)) holder.push(m.value);
    else if (holder !== null && typeof holder === 'object') Object.defineProperty(holder, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    else target[last] = m.value;
  }
  return copy;
}

/** What the lean check must hold to: it says yes only to what zod accepts, and zod then answers the same value. */
function agreesWithZod(schema: z.ZodType, value: unknown): void {
  const check = leanCheckOf(schema);
  if (!check?.(value)) return;
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(true);
  expect(parsed.data).toEqual(value);
}

/** A pull page with one change of each kind. */
function pullPage() {
  const hlc = '001772400000000-00003-ho';
  return {
    epoch: 'e1',
    changes: [
      { kind: 'op', cursor: 1, bucket: 'documents', name: 'stock.receive', version: 1, args: receiptArgs(), originDeviceId: id(10) },
      { kind: 'master', cursor: 2, bucket: 'master', entity: 'product', id: id(6), fields: { nameZh: { value: '水', hlc }, active: { value: true, hlc } } },
      { kind: 'user', cursor: 3, bucket: 'users', id: id(11), fields: { role: { value: 'clerk', hlc } } },
      {
        kind: 'exception',
        cursor: 4,
        bucket: 'exceptions',
        exception: { id: id(12), warehouseId: id(2), productId: id(6), lotId: id(7), qty: -3, status: 'open', openedAt: 1_772_400_000_000, resolvedAt: null },
      },
      { kind: 'rejection', cursor: 5, bucket: 'rejections', rejection: { seq: 3, opId: id(13), name: 'stock.adjust', code: 'FORBIDDEN', message: 'no' } },
    ],
    cursor: 5,
    more: false,
    checksums: { documents: { count: 1, hash: 123 } },
    lastSeq: 0,
    serverTime: 1_772_400_000_000,
  };
}

describe('the lean check of pulled op args', () => {
  it('accepts a well-formed document op, which zod accepts too', () => {
    const check = leanCheckOf(stockDocumentArgs);
    expect(check).not.toBeNull();
    expect(check!(receiptArgs())).toBe(true);
    expect(readOpArgs(findOp('stock.receive', 1)!, receiptArgs())).toEqual({ data: receiptArgs() });
    // And without the optional field.
    const { sourceId: _absent, ...document } = receiptArgs().document;
    expect(check!({ ...receiptArgs(), document })).toBe(true);
  });

  it('never accepts what zod refuses: a document op changed in one or two places at random', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (ms) => {
        const value = ms.reduce<Json>((v, m) => mutate(v, m), receiptArgs() as unknown as Json);
        agreesWithZod(stockDocumentArgs, value);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses unknown fields, fractional or unsafe integers, bad uuids, dates and lengths (zod then answers INVALID_ARGS)', () => {
    const check = leanCheckOf(stockDocumentArgs)!;
    const cases: ((a: ReturnType<typeof receiptArgs>) => void)[] = [
      (a) => Object.assign(a.lines[0]!, { discountFen: 1 }),
      (a) => (a.movements[0]!.qty = 1.5),
      (a) => (a.document.totalQty = 2 ** 53),
      (a) => (a.lots[0]!.id = 'not-a-uuid'),
      (a) => (a.lots[0]!.expiryDate = '2027-6-1'),
      (a) => (a.document.docNo = 'N'.repeat(41)),
      (a) => (a.lines[0]!.lineNo = 0),
      (a) => ((a.document as { status: string }).status = 'draft'),
    ];
    for (const breakIt of cases) {
      const args = receiptArgs();
      breakIt(args);
      expect(check(args)).toBe(false);
      expect(readOpArgs(findOp('stock.receive', 1)!, args)).toBeNull();
    }
  });

  it('never accepts what zod refuses, for any op of the registry, on arbitrary JSON', () => {
    const lean = Object.values(opRegistry).filter((spec) => leanCheckOf(spec.args));
    expect(lean.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.constantFrom(...lean), fc.jsonValue(), (spec, value) => agreesWithZod(spec.args, value)),
      { numRuns: 2000 },
    );
  });

  it('never accepts a pull page zod refuses: a page changed in one or two places at random', () => {
    expect(leanCheckOf(pullResponse)!(pullPage())).toBe(true);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (ms) => {
        const value = ms.reduce<Json>((v, m) => mutate(v, m), pullPage() as unknown as Json);
        agreesWithZod(pullResponse, value);
      }),
      { numRuns: 3000 },
    );
    // A field named __proto__ is zod's to answer (it would not copy it).
    const page = JSON.parse(JSON.stringify(pullPage()).replace('"nameZh"', '"__proto__"')) as unknown;
    expect(leanCheckOf(pullResponse)!(page)).toBe(false);
  });

  it('leaves to zod the schemas whose answer is not the value itself, or that it does not know', () => {
    expect(leanCheckOf(z.object({ a: z.string() }))).toBeNull(); // drops unknown fields
    expect(leanCheckOf(z.looseObject({ a: z.string() }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.string().default('x') }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.string().trim() }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.string().email() }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.number().multipleOf(5) }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.string() }).refine(() => false))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.union([z.string(), z.string().trim()]) }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.record(z.enum(['x', 'y']), z.string()) }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.tuple([z.string()]) }))).toBeNull();
    expect(leanCheckOf(z.strictObject({ a: z.string().transform((s) => s.length) }))).toBeNull();
  });
});
