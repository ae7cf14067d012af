import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { opRegistry, stockDocumentArgs, stockDocumentPartArgs } from '../../src-main/sync/protocol';
import { leanCheckOf } from '../../src-main/sync/protocol/leanCheck';

/**
 * The push's lean check must accept exactly what zod accepts for every schema it compiles: an op
 * it passes is applied from the request's own parse, without zod. These compare the two on
 * valid ops and on ops broken in every way a field can be broken.
 */

const doc = '01a20958-8839-701e-8b7a-653d69489ce4';
const line = '01a20958-8839-7024-aad0-38197acc1928';
const lot = '01a20958-883a-7005-a102-614997382ce8';
const product = '01a20958-883a-700b-a056-fdc906372a74';
const warehouse = '01a20958-883a-7011-bb05-ba9e8addf9eb';
const branch = '01a20958-825f-7000-affc-52da7f3e3b8b';

function lineArgs(): Record<string, unknown> {
  return { id: line, lineNo: 1, productId: product, unitCode: 'EA', unitQty: 12, qty: 12, lotId: lot, unitCostFen: 150, valueFen: 1800, reasonCode: null };
}
function lotArgs(): Record<string, unknown> {
  return { id: lot, productId: product, lotCode: 'L1', expiryDate: '2027-12-31', productionDate: null, firstReceivedAt: 1_773_000_000_000, hlc: '001773000000000-00001-pc' };
}
function movementArgs(): Record<string, unknown> {
  return {
    id: '01a20958-883a-7016-bd48-0af9d8ae87ba',
    warehouseId: warehouse,
    productId: product,
    lotId: lot,
    qty: 12,
    valueFen: 1800,
    documentType: 'receipt',
    documentId: doc,
    lineId: line,
    businessDate: '2026-03-10',
    createdAt: 1_773_000_000_000,
    hlc: '001773000000000-00001-pc',
  };
}
function documentArgs(): Record<string, unknown> {
  return {
    document: {
      id: doc,
      docType: 'receipt',
      docNo: 'BN01-GR-2026-000001',
      businessDate: '2026-03-10',
      warehouseId: warehouse,
      supplierId: null,
      reasonCode: null,
      note: '',
      reversesDocumentId: null,
      branchId: branch,
      status: 'posted',
      totalQty: 12,
      totalValueFen: 1800,
      createdBy: 'user-1',
      createdAt: 1_773_000_000_000,
      hlc: '001773000000000-00001-pc',
    },
    lines: [lineArgs(), { ...lineArgs(), lineNo: 2, sourceLineId: null }],
    lots: [lotArgs()],
    movements: [movementArgs()],
  };
}
function partArgs(): Record<string, unknown> {
  return { documentId: doc, part: 1, lines: [lineArgs()], lots: [lotArgs()], movements: [movementArgs()] };
}

/** Values a field may be broken into: of the wrong type, just past a bound, or nearly a uuid or a date. */
const strangeValues: unknown[] = [
  null,
  '',
  'x',
  'x'.repeat(20),
  'x'.repeat(21),
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(501),
  doc,
  doc.toUpperCase(),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01a20958-8839-901e-8b7a-653d69489ce4',
  '01a20958-8839-701e-cb7a-653d69489ce4',
  `${doc} `,
  doc.slice(1),
  '2026-03-10',
  '2026-3-10',
  '2026-03-10T00:00:00Z',
  '99999-03-10',
  'receipt',
  'transfer_in',
  'bogus',
  'posted',
  'Posted',
  0,
  -0,
  1,
  -1,
  2,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  -Number.MAX_SAFE_INTEGER - 1,
  1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  [1],
  {},
  { id: doc },
];

type Path = (string | number)[];

/** Every place in a value: each key of each object, each item of each array. */
function pathsIn(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const out: Path[] = [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    out.push([...at, k]);
    out.push(...pathsIn(v, [...at, k]));
  }
  return out;
}
function objectPathsIn(value: unknown): Path[] {
  const all: Path[] = [[], ...pathsIn(value)];
  return all.filter((p) => {
    const v = getAt(value, p);
    return v !== null && typeof v === 'object';
  });
}
function getAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

type Mutation = { kind: 'set'; path: Path; value: unknown } | { kind: 'delete'; path: Path } | { kind: 'add'; path: Path; key: string; value: unknown };

/** An earlier mutation may have removed the place of a later one: that one then changes nothing. */
function mutate(value: unknown, m: Mutation): unknown {
  const copy = structuredClone(value);
  const holder = getAt(copy, m.kind === 'add' ? m.path : m.path.slice(0, -1));
  if (m.path.length > 0 && (holder === null || typeof holder !== 'object')) return copy;
  if (m.kind === 'add') {
    const target = getAt(copy, m.path) as Record<string, unknown>;
    if (Array.isArray(target)) target.push(m.value);
    else target[m.key] = m.value;
    return copy;
  }
  if (m.path.length === 0) return m.kind === 'set' ? m.value : undefined;
  const parent = getAt(copy, m.path.slice(0, -1)) as Record<string | number, unknown>;
  const key = m.path[m.path.length - 1] as string | number;
  if (m.kind === 'set') parent[key] = m.value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return copy;
}

function mutations(sample: unknown): fc.Arbitrary<Mutation[]> {
  const paths = pathsIn(sample);
  const objects = objectPathsIn(sample);
  const strange = fc.constantFrom(...strangeValues);
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: strange }),
    fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
    fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom(...objects), key: fc.constantFrom('extra', 'id', 'sourceId', 'sourceLineId', 'qty'), value: strange }),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

function agrees(schema: z.ZodType, value: unknown): void {
  const lean = leanCheckOf(schema);
  if (!lean) throw new Error('schema did not compile');
  expect(lean(value), JSON.stringify(value)).toBe(schema.safeParse(value).success);
}

describe('lean check of push args', () => {
  it('compiles the document schemas and accepts valid documents and parts', () => {
    expect(leanCheckOf(stockDocumentArgs)?.(documentArgs())).toBe(true);
    expect(leanCheckOf(stockDocumentPartArgs)?.(partArgs())).toBe(true);
    // A document from JSON, as a push brings it (sourceId left out, as older PCs do).
    expect(leanCheckOf(stockDocumentArgs)?.(JSON.parse(JSON.stringify(documentArgs())))).toBe(true);
  });

  it('accepts a broken document or part exactly when zod does', () => {
    for (const [schema, sample] of [
      [stockDocumentArgs, documentArgs()],
      [stockDocumentPartArgs, partArgs()],
    ] as const) {
      fc.assert(
        fc.property(mutations(sample), (ms) => {
          let value: unknown = sample;
          for (const m of ms) {
            if (value === null || typeof value !== 'object') break;
            value = mutate(value, m);
          }
          agrees(schema, value);
        }),
        { numRuns: 3000, seed: 20261123 },
      );
    }
  });

  it('refuses an unknown key sent as __proto__ and keys left out, as zod does', () => {
    const proto = JSON.parse(JSON.stringify(documentArgs()).replace('"docType"', '"__proto__":{"x":1},"docType"')) as unknown;
    agrees(stockDocumentArgs, proto);
    expect(leanCheckOf(stockDocumentArgs)?.(proto)).toBe(false);
    for (const key of ['document', 'lines', 'lots', 'movements']) {
      const value = documentArgs();
      delete value[key];
      agrees(stockDocumentArgs, value);
    }
  });

  it('agrees with zod on every registry schema it compiles, for a few plainly wrong values', () => {
    let compiledCount = 0;
    for (const spec of Object.values(opRegistry)) {
      const lean = leanCheckOf(spec.args);
      if (!lean) continue;
      compiledCount++;
      for (const value of strangeValues) expect(lean(value)).toBe(spec.args.safeParse(value).success);
    }
    expect(compiledCount).toBeGreaterThan(0);
  });

  it('leaves to zod every schema whose parse is not the value itself, or whose checks it does not know', () => {
    const notCompiled = [
      z.object({ a: z.string() }),
      z.looseObject({ a: z.string() }),
      z.strictObject({ a: z.string().trim() }),
      z.strictObject({ a: z.string().email() }),
      z.strictObject({ a: z.number().default(1) }),
      z.strictObject({ a: z.string().transform((s) => s.length) }),
    ];
    // Coercion and unions are compiled: a value their lean check accepts is one zod answers unchanged.
    // A value the check refuses still goes to zod, which may coerce it.
    expect(leanCheckOf(z.strictObject({ a: z.coerce.number() }))?.({ a: '5' })).toBe(false);
    expect(leanCheckOf(z.strictObject({ a: z.union([z.string(), z.number()]) }))?.({ a: 5 })).toBe(true);
    for (const schema of notCompiled) expect(leanCheckOf(schema)).toBeNull();
  });
});
