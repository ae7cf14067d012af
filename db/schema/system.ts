import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/** Who did what, when, with the state before and after. Written in the same transaction. */
export const auditLog = sqliteTable('audit_log', {
  id: text('id').primaryKey(),
  at: integer('at').notNull(),
  userId: text('user_id').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  before: text('before', { mode: 'json' }),
  after: text('after', { mode: 'json' }),
}, (t) => [index('audit_log_at').on(t.at), index('audit_log_entity').on(t.entity, t.entityId)]);

/**
 * The sync outbox: one row per command that changed data, written in that command's
 * transaction. `seq` rises by exactly 1 per device. Acked rows are kept (30 days) so a
 * server restored from backup can be re-sent what it lost.
 */
export const syncOutbox = sqliteTable('sync_outbox', {
  seq: integer('seq').primaryKey(),
  opId: text('op_id').notNull().unique(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  args: text('args', { mode: 'json' }).notNull(),
  hlc: text('hlc').notNull(),
  createdAt: integer('created_at').notNull(),
  ackedAt: integer('acked_at'),
}, (t) => [index('sync_outbox_unacked').on(t.ackedAt, t.seq)]);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});
