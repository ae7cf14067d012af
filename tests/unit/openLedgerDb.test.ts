import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openLedgerDb, SchemaTooNewError } from '../../db/openLedgerDb';

const dirs: string[] = [];
function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-db-'));
  dirs.push(dir);
  return join(dir, 'ledger.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the ledger file', () => {
  it('sets and keeps WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openLedgerDb({ path: tempFile() });
    const sqlite = db.$client;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    sqlite.close();
  });

  it('applies the migrations once and records the schema version', () => {
    const path = tempFile();
    openLedgerDb({ path }).$client.close();
    const db = openLedgerDb({ path });
    expect(db.$client.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
    const tables = (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['branches', 'warehouses', 'products', 'product_units', 'lots', 'customers', 'suppliers', 'users', 'stock_movements', 'stock_balances', 'cost_layers', 'document_sequences', 'audit_log', 'sync_outbox', 'settings']) {
      expect(tables).toContain(t);
    }
    db.$client.close();
  });

  it('refuses, with a clear message and without changing it, a ledger written by a newer version', () => {
    const path = tempFile();
    openLedgerDb({ path }).$client.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${knownSchemaVersion() + 1}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openLedgerDb({ path })).toThrow(SchemaTooNewError);
    expect(() => openLedgerDb({ path })).toThrow(/newer version of Branch Ledger/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('enforces foreign keys: a movement for a product that does not exist is refused', () => {
    const db = openLedgerDb({ path: ':memory:' });
    expect(() =>
      db.$client
        .prepare(
          `INSERT INTO stock_movements (id, branch_id, warehouse_id, product_id, lot_id, qty, value_fen, document_type, document_id, line_id, business_date, created_at, hlc)
           VALUES ('m', 'b', 'w', 'p', 'l', 1, 1, 'receipt', 'd', 'x', '2026-01-01', 0, 'h')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.$client.close();
  });
});

describe('append-only tables', () => {
  it('refuse to update or delete a movement or an audit entry', () => {
    const db = openLedgerDb({ path: ':memory:' });
    const s = db.$client;
    s.exec(`INSERT INTO audit_log (id, at, user_id, action, entity, entity_id) VALUES ('a', 0, 'u', 'x', 'y', 'z')`);
    expect(() => s.exec(`UPDATE audit_log SET user_id = 'someone else'`)).toThrow(/append-only/);
    expect(() => s.exec(`DELETE FROM audit_log`)).toThrow(/append-only/);
    expect(() => s.exec(`DELETE FROM stock_movements`)).not.toThrow(); // no rows: the trigger fires per row
    s.close();
  });
});
