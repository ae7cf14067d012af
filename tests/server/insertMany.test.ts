import { asc } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { insertMany } from '../../src-server/db/insertMany';
import { changes } from '../../src-server/db/schema';
import { describeServer, newId } from './serverHarness';

describeServer('bulk inserts', (server) => {
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
    await insertMany(
      server().opened.db,
      changes,
      [
        { column: changes.branchId, type: 'uuid', value: (r) => r.branchId },
        { column: changes.bucket, type: 'text', value: (r) => r.bucket },
        { column: changes.kind, type: 'text', value: (r) => r.kind },
        { column: changes.itemId, type: 'text', value: (r) => r.itemId },
        { column: changes.originDeviceId, type: 'uuid', value: (r) => r.originDeviceId },
        { column: changes.targetDeviceId, type: 'uuid', value: (r) => r.targetDeviceId },
        { column: changes.payload, type: 'json', value: (r) => JSON.stringify(r.payload) },
        { column: changes.createdAt, type: 'bigint', value: (r) => r.createdAt },
      ],
      rows,
    );
    const stored = await server().opened.db.select().from(changes).orderBy(asc(changes.cursor));
    expect(stored.map(({ cursor: _cursor, payloadBytes: _bytes, ...rest }) => rest)).toEqual(rows);
    expect(stored.map((r) => r.cursor)).toEqual(rows.map((_, i) => i + 1));
  });
});
