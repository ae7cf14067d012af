import { asc } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { insertMany, type BulkColumn } from '../../src-server/db/insertMany';
import { changes } from '../../src-server/db/schema';
import { describeServer, newId } from './serverHarness';

interface Row {
  branchId: string | null;
  bucket: string;
  kind: 'master';
  itemId: string;
  originDeviceId: string | null;
  targetDeviceId: string | null;
  payload: unknown;
  createdAt: number;
}

const columns: BulkColumn<Row>[] = [
  { column: changes.branchId, type: 'uuid', value: (r) => r.branchId },
  { column: changes.bucket, type: 'text', value: (r) => r.bucket },
  { column: changes.kind, type: 'text', value: (r) => r.kind },
  { column: changes.itemId, type: 'text', value: (r) => r.itemId },
  { column: changes.originDeviceId, type: 'uuid', value: (r) => r.originDeviceId },
  { column: changes.targetDeviceId, type: 'uuid', value: (r) => r.targetDeviceId },
  { column: changes.payload, type: 'jsonText', value: (r) => JSON.stringify(r.payload) },
  { column: changes.createdAt, type: 'bigint', value: (r) => r.createdAt },
];

describeServer('bulk inserts', (server) => {
  async function storedRows() {
    const stored = await server().opened.db.select().from(changes).orderBy(asc(changes.cursor));
    // The payload is kept as the JSON text the server wrote: read back, it parses to what was sent.
    return stored.map(({ cursor: _cursor, payloadBytes: _bytes, payload, ...rest }) => ({ ...rest, payload: JSON.parse(payload) as unknown }));
  }

  it('store columns with one value in every row once, json texts with escaped control characters, and a lone row, in order', async () => {
    const branchId = newId();
    // Every column but the payload alike in every row; payloads holding the characters JSON
    // escapes (U+0001, which joins the json texts, among them), an empty string and a JSON null.
    const alike = ['\u0001 inside', '', null, { 名: ['\u0001\u001f', 'tab\t', 1.5] }, 'line\nbreak'].map((payload) => ({
      branchId,
      bucket: 'documents',
      kind: 'master' as const,
      itemId: 'alike',
      originDeviceId: null,
      targetDeviceId: null,
      payload,
      createdAt: 1_773_108_000_000,
    }));
    await insertMany(server().opened.db, changes, columns, alike);
    const lone = alike.slice(0, 1).map((r) => ({ ...r, itemId: 'lone', payload: { lone: true } }));
    await insertMany(server().opened.db, changes, columns, lone);
    const identical = [1, 2, 3].map(() => ({ ...lone[0]!, itemId: 'identical', payload: { all: 'alike' } }));
    await insertMany(server().opened.db, changes, columns, identical);
    expect(await storedRows()).toEqual([...alike, ...lone, ...identical]);
  });

  it('refuse a json value that is not JSON text (a raw U+0001) and write nothing', async () => {
    const rows = ['0', '1'].map((itemId) => ({ branchId: null, bucket: 'b', kind: 'master' as const, itemId, originDeviceId: null, targetDeviceId: null, payload: 0, createdAt: 0 }));
    const raw = columns.map((c) => (c.column === changes.payload ? { ...c, value: (r: Row) => (r.itemId === '1' ? '"a\u0001"' : '1') } : c));
    await expect(insertMany(server().opened.db, changes, raw, rows)).rejects.toThrow(/U\+0001/);
    expect(await storedRows()).toEqual([]);
  });

  it('carry every value through as it was: quotes, backslashes, braces, NULL-looking text, nulls, CJK and emoji', async () => {
    const awkward = ['', 'NULL', 'null', '"quoted"', 'back\\slash', '{a,b}', 'comma, here', '换行\n制表\t', '表情 😀', "it's", ' padded '];
    const rows = awkward.map((text, i) => ({
      branchId: i % 2 === 0 ? null : newId(),
      bucket: text,
      kind: 'master' as const,
      itemId: text,
      originDeviceId: null,
      targetDeviceId: i % 3 === 0 ? newId() : null,
      payload: { text, nested: { list: [text, i, null, true], big: Number.MAX_SAFE_INTEGER - i } },
      createdAt: 1_773_108_000_000 + i,
    }));
    await insertMany(server().opened.db, changes, columns, rows);
    expect(await storedRows()).toEqual(rows);
    const cursors = await server().opened.db.select({ cursor: changes.cursor }).from(changes).orderBy(asc(changes.cursor));
    expect(cursors.map((r) => r.cursor)).toEqual(rows.map((_, i) => i + 1));
  });
});
