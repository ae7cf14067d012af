import { z } from 'zod';
import { roles } from '../core/permissions';
import type { PostingContext } from './posting';
import { all, get, run } from './sql';

/**
 * A branch user head office manages (src-server/admin/branchUsers.ts), as pulled: its fields
 * merge last-writer-wins by HLC, each field's stamp kept in master_field_clocks (entity 'user')
 * like master data. The rules:
 * - it is this PC's user of origin 'head_office'; a user made here (origin 'branch') is never
 *   touched by head office;
 * - the user name is fixed when the user first arrives; if a user made here already has it, the
 *   head-office user is stored as name.hq (then name.hq2, …) and signs in with that;
 * - a new password or PIN (only its scrypt hash travels) lifts a lock-out, as a reset here does;
 * - every change is written to the audit trail as done by head office (user id 'head_office'),
 *   without the hash.
 */

const fieldSchemas: Record<string, z.ZodType> = {
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/),
  displayName: z.string().min(1).max(60),
  role: z.enum(roles),
  credentialKind: z.enum(['password', 'pin']),
  passwordHash: z.string().startsWith('scrypt$').max(400),
  active: z.boolean(),
};
const columns: Record<string, string> = {
  displayName: 'display_name',
  role: 'role',
  credentialKind: 'credential_kind',
  passwordHash: 'password_hash',
  active: 'active',
};

/** The audit trail's "who" for changes head office made. */
export const HEAD_OFFICE_ACTOR = 'head_office';

interface StoredUser {
  origin: 'branch' | 'head_office';
  username: string;
  display_name: string;
  role: string;
  credential_kind: string;
  active: number;
}

function auditView(u: StoredUser): Record<string, unknown> {
  return { username: u.username, displayName: u.display_name, role: u.role, credentialKind: u.credential_kind, active: u.active === 1, origin: u.origin };
}

function freeUsername(ctx: PostingContext, wanted: string, id: string): string {
  const taken = (name: string) => get(ctx.db, 'SELECT 1 FROM users WHERE username = ? AND id <> ?', name, id) !== undefined;
  if (!taken(wanted)) return wanted;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '.hq' : `.hq${n}`;
    const name = `${wanted.slice(0, 32 - suffix.length)}${suffix}`;
    if (!taken(name)) return name;
  }
}

export function applyUserChange(ctx: PostingContext, id: string, fields: Record<string, { value: unknown; hlc: string }>): boolean {
  const select = 'SELECT origin, username, display_name, role, credential_kind, active FROM users WHERE id = ?';
  const before = get<StoredUser>(ctx.db, select, id);
  if (before?.origin === 'branch') return false;
  const clocks = new Map(all<{ field: string; hlc: string }>(ctx.db, "SELECT field, hlc FROM master_field_clocks WHERE entity = 'user' AND id = ?", id).map((c) => [c.field, c.hlc]));
  const winners = new Map<string, { value: unknown; hlc: string }>();
  for (const [field, { value, hlc }] of Object.entries(fields)) {
    const schema = fieldSchemas[field];
    if (!schema) continue;
    if (!schema.safeParse(value).success) throw new Error(`INVALID_USER_FIELD ${field}`);
    const stored = clocks.get(field);
    if (stored !== undefined && stored >= hlc) continue;
    winners.set(field, { value, hlc });
  }
  // The user name is fixed on arrival.
  if (before) winners.delete('username');
  if (winners.size === 0) return false;
  const rowHlc = [...winners.values()].map((w) => w.hlc).sort().at(-1) ?? '';
  const sqlValue = (field: string, value: unknown) => (field === 'active' ? (value ? 1 : 0) : value);
  const updates = [...winners].filter(([field]) => columns[field] !== undefined);
  if (before) {
    const credentialReset = winners.has('passwordHash') ? ', failed_attempts = 0, locked_until = NULL' : '';
    run(
      ctx.db,
      `UPDATE users SET ${updates.map(([f]) => `${columns[f]} = ?`).join(', ')}${credentialReset}, updated_at = ?, hlc = ? WHERE id = ?`,
      ...updates.map(([f, w]) => sqlValue(f, w.value)),
      ctx.now,
      rowHlc,
      id,
    );
  } else {
    const username = winners.get('username')?.value;
    if (typeof username !== 'string' || !winners.has('displayName') || !winners.has('role')) throw new Error('USER_INCOMPLETE');
    run(
      ctx.db,
      `INSERT INTO users (id, username, ${updates.map(([f]) => columns[f]).join(', ')}, origin, created_at, updated_at, hlc)
       VALUES (?, ?, ${updates.map(() => '?').join(', ')}, 'head_office', ?, ?, ?)`,
      id,
      freeUsername(ctx, username, id),
      ...updates.map(([f, w]) => sqlValue(f, w.value)),
      ctx.now,
      ctx.now,
      rowHlc,
    );
  }
  for (const [field, { hlc }] of winners) {
    run(
      ctx.db,
      "INSERT INTO master_field_clocks (entity, id, field, hlc) VALUES ('user', ?, ?, ?) ON CONFLICT (entity, id, field) DO UPDATE SET hlc = excluded.hlc",
      id,
      field,
      hlc,
    );
  }
  const after = get<StoredUser>(ctx.db, select, id);
  run(
    ctx.db,
    'INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ctx.ids(),
    ctx.now,
    HEAD_OFFICE_ACTOR,
    before ? 'users.headOfficeUpdate' : 'users.headOfficeCreate',
    'user',
    id,
    before ? JSON.stringify(auditView(before)) : null,
    JSON.stringify({ ...(after ? auditView(after) : {}), ...(winners.has('passwordHash') ? { credentialReset: true } : {}) }),
  );
  return true;
}
