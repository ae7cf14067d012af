import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, knownSchemaVersion, openBackupCopy, openLedgerDb } from '../../db/openLedgerDb';
import { openLedgerApp, type LedgerApp } from '../../src-main/services/openLedgerApp';
import { hashSecret } from '../../src-main/services/passwordHash';
import { ApiError } from '../../src-renderer/api/createClient';
import { refusal } from '../helpers/refusal';
import { addTestUser, roleClient, TEST_PIN } from '../helpers/roleClient';
import { createTestLedger, inProcessClient, signInAdmin, testNow, TEST_ADMIN_PASSWORD, type TestLedger } from '../helpers/testLedger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function ledger(): Promise<TestLedger> {
  const l = await createTestLedger();
  cleanups.push(() => l.close());
  return l;
}

function receive(l: TestLedger, cases = 1) {
  return l.client['stock.receive']({
    warehouseId: l.catalogue.warehouseId,
    supplierId: l.catalogue.supplierId,
    lines: [{ productId: l.catalogue.tissue.id, unitCode: 'CS10', qty: cases, unitCostFen: 1000 }],
  });
}

function docNos(app: LedgerApp): string[] {
  return (app.db.$client.prepare('SELECT doc_no FROM stock_documents ORDER BY doc_no').all() as { doc_no: string }[]).map((r) => r.doc_no);
}

/** Opens the data directory's ledger again, as a host would at its next start. */
function reopen(dataDir: string, migrationsFolder?: string, clock = () => testNow + 60_000): LedgerApp {
  const app = openLedgerApp({ dataDir, host: 'node', clock, autoSync: false, ...(migrationsFolder ? { migrationsFolder } : {}) });
  cleanups.push(() => app.close());
  return app;
}

/** Overwrites `length` bytes at `offset` of a file with 0xA5. */
function scribble(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('backups', () => {
  it('a backup made while receipts keep posting is a sound copy, listed with its size, versions and documents', async () => {
    const l = await ledger();
    for (let i = 0; i < 20; i++) await receive(l);
    const making = l.client['backups.create']({});
    // Postings go on while SQLite's online backup steps through the file.
    let postedMeanwhile = 0;
    let done = false;
    void making.finally(() => (done = true));
    while (!done && postedMeanwhile < 200) {
      await receive(l);
      postedMeanwhile++;
    }
    const info = await making;
    expect(info).toMatchObject({ kind: 'manual', verified: true, schemaVersion: knownSchemaVersion(), appVersion: expect.any(String) });
    expect(info.sizeBytes).toBeGreaterThan(0);
    const tally = info.documents?.find((d) => d.type === 'stockDocuments');
    // One snapshot: at least the 20 before, at most everything posted by the time it finished.
    expect(tally?.count).toBeGreaterThanOrEqual(20);
    expect(tally?.count).toBeLessThanOrEqual(20 + postedMeanwhile);
    expect(tally?.lastDocNo).toBe(`BJ01-GR-2026-${String(tally?.count).padStart(6, '0')}`);

    const list = await l.client['backups.list']({});
    expect(list.folder).toBe(join(l.dataDir, 'backups'));
    expect(list.backups.map((b) => b.fileName)).toEqual([info.fileName]);
    expect(list.damaged).toBeNull();
    expect(statSync(join(list.folder, info.fileName)).size).toBe(info.sizeBytes);
    // One self-contained file: a rollback journal, nothing beside it but its description.
    expect(readFileSync(join(list.folder, info.fileName)).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(existsSync(join(list.folder, `${info.fileName}-wal`))).toBe(false);
  });

  it('the preview says what a restore brings back and which documents it would lose', async () => {
    const l = await ledger();
    await receive(l);
    const backup = await l.client['backups.create']({});
    await receive(l);
    await receive(l);
    const preview = await l.client['backups.preview']({ fileName: backup.fileName });
    expect(preview.integrity).toMatchObject({ ok: true, full: true, problems: [] });
    expect(preview.backup.documents?.find((d) => d.type === 'stockDocuments')).toEqual({ type: 'stockDocuments', count: 1, lastDocNo: 'BJ01-GR-2026-000001' });
    expect(preview.current?.find((d) => d.type === 'stockDocuments')).toEqual({ type: 'stockDocuments', count: 3, lastDocNo: 'BJ01-GR-2026-000003' });
    expect(preview.lost).toEqual([{ type: 'stockDocuments', count: 2, docNos: ['BJ01-GR-2026-000003', 'BJ01-GR-2026-000002'] }]);
    expect(preview.willMigrate).toBe(false);
  });

  it('restoring needs a confirmation, backs up the ledger as it is first, then replaces it and reopens it', async () => {
    const l = await ledger();
    await receive(l);
    const backup = await l.client['backups.create']({});
    await receive(l);

    const unconfirmed = await refusal(l.client['backups.restore']({ fileName: backup.fileName } as never));
    expect(unconfirmed.code).toBe('VALIDATION');
    expect(docNos(l.app)).toHaveLength(2);

    const done = await l.client['backups.restore']({ fileName: backup.fileName, confirm: true });
    expect(done).toMatchObject({ restoredFrom: backup.fileName, safetyBackup: expect.stringMatching(/-preRestore\.sqlite$/), damagedFileKeptAs: null });
    expect(docNos(l.app)).toEqual(['BJ01-GR-2026-000001']);
    // The API goes on over the restored file (signed in again: the session belonged to the
    // ledger that was replaced), and the restore is in its audit trail.
    signInAdmin(l.app);
    expect((await l.client['stock.documents']({})).rows).toHaveLength(1);
    expect(l.app.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'backups.restore'").get()).toEqual({ n: 1 });
    expect(l.app.db.$client.prepare('PRAGMA journal_mode').pluck().get()).toBe('wal');

    // The ledger as it was before the restore is one restore away.
    const back = await l.client['backups.preview']({ fileName: done.safetyBackup ?? '' });
    expect(back.backup.documents?.find((d) => d.type === 'stockDocuments')?.count).toBe(2);
  });

  it('names that are not backups of this folder are refused before any file is touched', async () => {
    const l = await ledger();
    for (const fileName of ['../ledger.sqlite', '/etc/passwd', 'ledger-20261123T014500123Z-daily.sqlite/../../x', 'ledger.sqlite']) {
      const error = await refusal(l.client['backups.preview']({ fileName }));
      expect(error.code, fileName).toBe('VALIDATION');
    }
    const missing = await refusal(l.client['backups.preview']({ fileName: 'ledger-20261123T014500123Z-daily.sqlite' }));
    expect(missing.code).toBe('BACKUP_NOT_FOUND');
  });

  it('a damaged backup is shown as such and is never restored', async () => {
    const l = await ledger();
    for (let i = 0; i < 30; i++) await receive(l);
    const backup = await l.client['backups.create']({});
    const file = join(l.dataDir, 'backups', backup.fileName);
    scribble(file, 4096 * 3, 4096 * 4);
    const preview = await l.client['backups.preview']({ fileName: backup.fileName });
    expect(preview.integrity.ok).toBe(false);
    expect(preview.integrity.problems.length).toBeGreaterThan(0);
    const error = await refusal(l.client['backups.restore']({ fileName: backup.fileName, confirm: true }));
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect(docNos(l.app)).toHaveLength(30);
  });

  it('only managers and admins may make or restore backups', async () => {
    const l = await ledger();
    for (const role of ['clerk', 'sales', 'accountant'] as const) {
      const error = await refusal(roleClient(l, role)['backups.create']({}));
      expect(error.code, role).toBe('FORBIDDEN');
    }
    // A manager signed in at this PC (whose API has the backups) checks the ledger.
    addTestUser(l.app.db, 'manager-1', 'manager');
    await l.client['auth.signIn']({ username: 'manager-1', secret: TEST_PIN });
    expect((await l.client['backups.checkLedger']({})).ok).toBe(true);
  });

  it('the daily backup is made once a day', async () => {
    const l = await ledger();
    await receive(l);
    expect(await l.app.backups.runDailyIfDue()).toBe(true);
    expect(await l.app.backups.runDailyIfDue()).toBe(false);
    l.tick(23 * 3600_000);
    expect(await l.app.backups.runDailyIfDue()).toBe(false);
    l.tick(3600_000);
    expect(await l.app.backups.runDailyIfDue()).toBe(true);
    const list = await l.client['backups.list']({});
    expect(list.backups.map((b) => b.kind)).toEqual(['daily', 'daily']);
    expect(list.backups.every((b) => b.verified)).toBe(true);
  });

  it('integrity_check of the ledger on demand', async () => {
    const l = await ledger();
    await receive(l);
    expect(await l.client['backups.checkLedger']({})).toMatchObject({ ok: true, full: true, problems: [] });
    expect(await l.client['backups.checkLedger']({ full: false })).toMatchObject({ ok: true, full: false });
  });

  it('the integrity check runs on a worker thread: the API answers while it runs, and it finds a damaged backup', async () => {
    const l = await ledger();
    await receive(l);
    // A check done on the main thread would be finished before the next call could even start;
    // on the worker its answer can only come on a later turn of the event loop.
    const order: string[] = [];
    const check = l.app.api.invoke('backups.checkLedger', { full: true }).then((r) => order.push(`check ${r.ok}`));
    const info = l.app.api.invoke('app.info', {}).then((r) => order.push(`info ${r.ok}`));
    await Promise.all([check, info]);
    expect(order).toEqual(['info true', 'check true']);

    const backup = await l.client['backups.create']({});
    scribble(join(l.app.backups.folder, backup.fileName), 4096 * 2, 4096 * 3);
    const preview = await l.client['backups.preview']({ fileName: backup.fileName });
    expect(preview.integrity).toMatchObject({ ok: false, full: true });
    expect(preview.integrity.problems.length).toBeGreaterThan(0);
  });

  it('rotation follows the policy the PC stores', async () => {
    const l = await ledger();
    await l.client['backups.setPolicy']({ daily: 7, weekly: 4, preMigration: 5, manual: 2, preRestore: 5 });
    for (let i = 0; i < 4; i++) {
      l.tick(1000);
      await l.client['backups.create']({});
    }
    const list = await l.client['backups.list']({});
    expect(list.backups).toHaveLength(2);
    expect(list.policy.manual).toBe(2);
    expect(await refusal(l.client['backups.setPolicy']({ daily: 0, weekly: 4, preMigration: 5, manual: 2, preRestore: 5 }))).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('the ledger checked at start', () => {
  async function closedLedgerWithBackup(): Promise<{ dataDir: string; backupName: string }> {
    const l = await createTestLedger({ autoSync: false });
    await receive(l);
    const backup = await l.client['backups.create']({});
    await receive(l);
    l.app.close();
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-damaged-'));
    cpSync(l.dataDir, dataDir, { recursive: true });
    rmSync(l.dataDir, { recursive: true, force: true });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    return { dataDir, backupName: backup.fileName };
  }

  for (const [what, damage] of [
    ['a file that is not a database at all', (file: string) => writeFileSync(file, 'this is not a ledger '.repeat(500))],
    ['a file with torn pages in the middle', (file: string) => scribble(file, 4096 * 4, 4096 * 6)],
  ] as const) {
    it(`${what} opens the recovery mode: app.info says LEDGER_DAMAGED, the backups can be listed and the latest restored`, async () => {
      const { dataDir, backupName } = await closedLedgerWithBackup();
      const file = join(dataDir, 'ledger.sqlite');
      damage(file);

      const app = reopen(dataDir);
      expect(app.damaged()).toEqual(expect.any(String));
      const client = inProcessClient(app);
      const error = await refusal(client['app.info']({}));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.code).toBe('LEDGER_DAMAGED');
      expect((await refusal(client['stock.documents']({}))).code).toBe('LEDGER_DAMAGED');

      const list = await client['backups.list']({});
      expect(list.damaged).toEqual(expect.any(String));
      expect(list.backups.map((b) => b.fileName)).toEqual([backupName]);
      // Nobody restores without signing in as a manager or administrator of the backup itself.
      const admin = { username: 'admin', secret: TEST_ADMIN_PASSWORD };
      expect((await refusal(client['backups.preview']({ fileName: backupName }))).code).toBe('RECOVERY_SIGN_IN_FAILED');
      expect((await refusal(client['backups.restore']({ fileName: backupName, confirm: true }))).code).toBe('RECOVERY_SIGN_IN_FAILED');
      expect((await refusal(client['backups.restore']({ fileName: backupName, confirm: true, signIn: { ...admin, secret: 'not-the-password' } }))).code).toBe(
        'RECOVERY_SIGN_IN_FAILED',
      );
      expect(app.damaged()).toEqual(expect.any(String));
      const preview = await client['backups.preview']({ fileName: backupName, signIn: admin });
      expect(preview).toMatchObject({ current: null, lost: [], integrity: { ok: true } });

      const done = await client['backups.restore']({ fileName: backupName, confirm: true, signIn: admin });
      expect(done.safetyBackup).toBeNull();
      expect(done.damagedFileKeptAs).toMatch(/ledger\.sqlite\.damaged-/);
      expect(existsSync(done.damagedFileKeptAs ?? '')).toBe(true);
      expect(app.damaged()).toBeNull();
      // The restored ledger's users sign in as usual.
      signInAdmin(app);
      expect((await client['app.info']({})).branch?.code).toBe('BJ01');
      expect(docNos(app)).toEqual(['BJ01-GR-2026-000001']);
      // The restore is in the restored ledger's audit trail, as the administrator's.
      expect(app.db.$client.prepare("SELECT user_id, json_extract(after, '$.signedInAs') AS who FROM audit_log WHERE action = 'backups.restore'").all()).toEqual([
        { user_id: expect.any(String), who: 'admin' },
      ]);
    });
  }

  it('in recovery mode only an active manager or administrator of the backup may restore, and guessing locks the screen out', async () => {
    const { dataDir, backupName } = await closedLedgerWithBackup();
    // The backup's users: a clerk with a PIN and a disabled manager besides the administrator.
    const backupFile = join(dataDir, 'backups', backupName);
    const db = openBackupCopy(backupFile, { readonly: false }).$client;
    const add = db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, credential_kind, active, created_at, hlc) VALUES (?, ?, ?, ?, ?, 'pin', ?, 0, 'h')");
    add.run('clerk-1', 'clerk1', 'Clerk', 'clerk', hashSecret('2468'), 1);
    add.run('manager-1', 'boss', 'Manager', 'manager', hashSecret('1357'), 0);
    add.run('manager-2', 'lead', 'Manager', 'manager', hashSecret('9753'), 1);
    db.close();
    writeFileSync(join(dataDir, 'ledger.sqlite'), 'this is not a ledger '.repeat(500));
    let now = testNow;
    const app = reopen(dataDir, undefined, () => now);
    const client = inProcessClient(app);
    for (const signIn of [
      { username: 'clerk1', secret: '2468' },
      { username: 'boss', secret: '1357' },
      { username: 'nobody', secret: '1357' },
    ]) {
      expect((await refusal(client['backups.preview']({ fileName: backupName, signIn }))).code).toBe('RECOVERY_SIGN_IN_FAILED');
    }
    // Two more wrong answers: the fifth locks the screen out for a while, even for the right one.
    for (let i = 0; i < 2; i++) await refusal(client['backups.preview']({ fileName: backupName, signIn: { username: 'lead', secret: '0000' } }));
    const locked = await refusal(client['backups.preview']({ fileName: backupName, signIn: { username: 'lead', secret: '9753' } }));
    expect(locked.code).toBe('SIGN_IN_LOCKED_OUT');
    now += 60 * 60 * 1000;
    expect((await client['backups.preview']({ fileName: backupName, signIn: { username: 'lead', secret: '9753' } })).integrity.ok).toBe(true);
    expect(app.damaged()).toEqual(expect.any(String));
  });

  it('before migrating an older ledger, a verified copy of it is made and listed', async () => {
    // A build that knows one migration fewer made this ledger.
    const older = mkdtempSync(join(tmpdir(), 'ledger-migrations-'));
    cleanups.push(() => rmSync(older, { recursive: true, force: true }));
    cpSync(defaultMigrationsFolder, older, { recursive: true });
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    journal.entries.pop();
    writeFileSync(journalPath, JSON.stringify(journal));
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-old-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Only the schema: today's set-up writes columns the older schema does not have.
    openLedgerDb({ path: join(dataDir, 'ledger.sqlite'), migrationsFolder: older }).$client.close();

    const app = reopen(dataDir);
    const list = app.backups.list();
    expect(list.backups).toHaveLength(1);
    expect(list.backups[0]).toMatchObject({ kind: 'preMigration', verified: true, schemaVersion: knownSchemaVersion() - 1 });
    expect(app.db.$client.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
  });
});

describe('a PC that syncs with head office', () => {
  it('cannot restore a backup older than what head office already received from it', async () => {
    const l = await ledger();
    await receive(l);
    const backup = await l.client['backups.create']({});
    await receive(l);
    await receive(l);
    // Head office acknowledged everything this PC sent (as a push would record it).
    l.app.db.$client.prepare('UPDATE sync_outbox SET acked_at = ? WHERE acked_at IS NULL').run(testNow);
    const preview = await l.client['backups.preview']({ fileName: backup.fileName });
    expect(preview.sentToHeadOffice).toBe(2);
    const error = await refusal(l.client['backups.restore']({ fileName: backup.fileName, confirm: true }));
    expect(error.code).toBe('BACKUP_BEHIND_HEAD_OFFICE');
    expect(docNos(l.app)).toHaveLength(3);
    // A backup made after the acknowledgement is fine to restore.
    const newer = await l.client['backups.create']({});
    expect((await l.client['backups.preview']({ fileName: newer.fileName })).sentToHeadOffice).toBe(0);
  });
});
