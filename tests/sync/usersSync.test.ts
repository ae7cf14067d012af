import { afterEach, describe, expect, it } from 'vitest';
import { admin, serverTargets, startHeadOffice, type ServerTarget } from './harness/headOffice';
import { createBranchPcs, type Pc } from './harness/pc';
import { syncAll } from './harness/salesBranch';

/**
 * Head office manages a branch's users (its /admin page and API): a user it creates, re-roles,
 * resets or disables reaches every PC of that branch — and no other branch — by sync, merged
 * field by field, last writer by HLC wins; only the scrypt hash of the password or PIN travels.
 * Users made at the branch stay the branch's; the branch's administrator may only disable a
 * head-office user.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const targets = serverTargets(cleanups);

interface UserView {
  id: string;
  username: string;
  role: string;
  active: boolean;
  hasCredential: boolean;
}

async function twoBranches(target: ServerTarget, code: string) {
  const ho = await startHeadOffice(target.databaseUrl ? { databaseUrl: await target.databaseUrl() } : {});
  cleanups.push(() => ho.stop());
  const one = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code, pcs: 2 });
  const other = await createBranchPcs({ adminUrl: ho.url, pcServerUrl: ho.url, code: `${code}X`, pcs: 1 });
  for (const pc of [...one.pcs, ...other.pcs]) cleanups.push(() => pc.dispose());
  return { ho, one, other, pcs: one.pcs as [Pc, Pc], outsider: other.pcs[0] as Pc };
}

/** Signs in on the PC as `username`, reports whether it was let in, and puts the administrator back. */
async function canSignIn(pc: Pc, username: string, secret: string): Promise<string | true> {
  const answer = await pc.app.api.invoke('auth.signIn', { username, secret });
  const back = await pc.app.api.invoke('auth.signIn', { username: 'admin', secret: 'admin-pass-1' });
  if (!back.ok) throw new Error('the administrator could not sign in again');
  return answer.ok ? true : answer.error.code;
}

function localUser(pc: Pc, username: string) {
  return pc.app.db.$client.prepare('SELECT id, username, role, origin, active, password_hash, failed_attempts FROM users WHERE username = ?').get(username) as
    | { id: string; username: string; role: string; origin: string; active: number; password_hash: string; failed_attempts: number }
    | undefined;
}

for (const target of targets) {
  describe(`users managed by head office [${target.kind}]`, { timeout: 120_000 }, () => {
    it('a user head office creates, re-roles, resets and disables reaches both PCs of its branch and no other', async () => {
      const { ho, one, pcs, outsider } = await twoBranches(target, 'US01');
      const created = await admin<UserView>(ho.url, 'POST', `/admin/v1/branches/${one.branchId}/users`, {
        username: 'Li.Na',
        displayName: '李娜',
        role: 'clerk',
        credential: { kind: 'password', secret: 'li-na-pass-1' },
      });
      expect(created).toMatchObject({ username: 'li.na', role: 'clerk', active: true, hasCredential: true });
      expect(JSON.stringify(created)).not.toContain('li-na-pass-1');
      await syncAll([...pcs, outsider]);

      for (const pc of pcs) {
        expect(localUser(pc, 'li.na')).toMatchObject({ id: created.id, role: 'clerk', origin: 'head_office', active: 1 });
        expect(localUser(pc, 'li.na')?.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
        expect(await canSignIn(pc, 'li.na', 'li-na-pass-1')).toBe(true);
      }
      expect(localUser(outsider, 'li.na')).toBeUndefined();
      // Nothing the server stored or sent holds the password itself.
      const stored = await admin<{ users: unknown[] }>(ho.url, 'GET', `/admin/v1/branches/${one.branchId}/users`);
      expect(stored.users).toEqual([expect.objectContaining({ id: created.id, username: 'li.na', role: 'clerk' })]);
      expect(JSON.stringify(stored)).not.toContain('scrypt');

      // Head office makes her a manager with a PIN; a wrong PIN on one PC first counts against her.
      expect(await canSignIn(pcs[0], 'li.na', 'wrong-pass-1')).toBe('SIGN_IN_FAILED');
      await admin(ho.url, 'PUT', `/admin/v1/users/${created.id}`, { role: 'manager', credential: { kind: 'pin', secret: '135790' } });
      await syncAll(pcs);
      for (const pc of pcs) {
        expect(localUser(pc, 'li.na')).toMatchObject({ role: 'manager', failed_attempts: 0 });
        expect(await canSignIn(pc, 'li.na', 'li-na-pass-1')).toBe('SIGN_IN_FAILED');
        expect(await canSignIn(pc, 'li.na', '135790')).toBe(true);
      }
      // The PCs' audit trails say head office did it, without the hash.
      const audit = await pcs[1].client['audit.search']({ entity: 'user' });
      const byHeadOffice = audit.rows.filter((r) => r.userId === 'head_office');
      expect(byHeadOffice.map((r) => r.action).sort()).toEqual(['users.headOfficeCreate', 'users.headOfficeUpdate']);
      expect(JSON.stringify(byHeadOffice)).not.toContain('scrypt');
      expect(JSON.parse(byHeadOffice.find((r) => r.action === 'users.headOfficeUpdate')?.after ?? '{}')).toMatchObject({ role: 'manager', credentialKind: 'pin', credentialReset: true });

      // Pulling everything again from the start changes nothing.
      for (const pc of pcs) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll(pcs);
      for (const pc of pcs) expect(localUser(pc, 'li.na')).toMatchObject({ role: 'manager', active: 1 });

      await admin(ho.url, 'PUT', `/admin/v1/users/${created.id}`, { active: false });
      await syncAll(pcs);
      for (const pc of pcs) expect(await canSignIn(pc, 'li.na', '135790')).toBe('SIGN_IN_FAILED');
    });

    it("the branch keeps its own users, may only disable head office's, and a clashing name arrives as name.hq", async () => {
      const { ho, one, pcs } = await twoBranches(target, 'US02');
      const local = await pcs[0].client['users.create']({ username: 'wang', displayName: '王强 (本店)', role: 'sales', credential: { kind: 'pin', secret: '2468' } });
      const hq = await admin<UserView>(ho.url, 'POST', `/admin/v1/branches/${one.branchId}/users`, {
        username: 'wang',
        displayName: '王总',
        role: 'manager',
        credential: { kind: 'password', secret: 'wang-hq-pass' },
      });
      await syncAll(pcs);
      // PC 1 had a wang of its own: head office's arrives as wang.hq; PC 2 had none.
      expect(localUser(pcs[0], 'wang')).toMatchObject({ id: local.id, origin: 'branch', role: 'sales' });
      expect(localUser(pcs[0], 'wang.hq')).toMatchObject({ id: hq.id, origin: 'head_office', role: 'manager' });
      expect(localUser(pcs[1], 'wang')).toMatchObject({ id: hq.id, origin: 'head_office' });
      expect(await canSignIn(pcs[0], 'wang.hq', 'wang-hq-pass')).toBe(true);

      // The local administrator may not re-role, rename, enable or reset head office's user…
      for (const change of [{ role: 'admin' as const }, { displayName: '王' }]) {
        expect(await pcs[1].app.api.invoke('users.update', { id: hq.id, ...change })).toMatchObject({ ok: false, error: { code: 'HEAD_OFFICE_USER' } });
      }
      expect(await pcs[1].app.api.invoke('users.setCredential', { id: hq.id, credential: { kind: 'pin', secret: '1111' } })).toMatchObject({
        ok: false,
        error: { code: 'HEAD_OFFICE_USER' },
      });
      // …but may disable it at once; head office's older state does not enable it again.
      expect(await pcs[1].client['users.update']({ id: hq.id, active: false })).toMatchObject({ active: false, origin: 'head_office' });
      for (const pc of pcs) pc.app.db.$client.prepare("UPDATE sync_state SET value = '0' WHERE key = 'pullCursor'").run();
      await syncAll(pcs);
      expect(localUser(pcs[1], 'wang')).toMatchObject({ active: 0 });
      expect(await pcs[1].app.api.invoke('users.update', { id: hq.id, active: true })).toMatchObject({ ok: false, error: { code: 'HEAD_OFFICE_USER' } });
      // A later decision at head office wins: it enables her again.
      await new Promise((r) => setTimeout(r, 5));
      await admin(ho.url, 'PUT', `/admin/v1/users/${hq.id}`, { active: true });
      await syncAll(pcs);
      expect(localUser(pcs[1], 'wang')).toMatchObject({ active: 1 });
      // The branch's own user was never touched, and head office still lists only its own.
      expect(localUser(pcs[0], 'wang')).toMatchObject({ id: local.id, origin: 'branch', role: 'sales', active: 1 });
      expect((await admin<{ users: UserView[] }>(ho.url, 'GET', `/admin/v1/branches/${one.branchId}/users`)).users.map((u) => u.id)).toEqual([hq.id]);
    });
  });
}
