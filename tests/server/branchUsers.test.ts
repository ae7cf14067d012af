import { expect, it } from 'vitest';
import { pullResponse } from '../../src-main/sync/protocol';
import { verifySecret } from '../../src-main/sync/protocol/credentialHash';
import { describeServer, newId } from './serverHarness';
import { admin, enrolDevice, foundBranch } from './testDevice';

interface UserView {
  id: string;
  username: string;
  role: string;
  active: boolean;
  credentialKind: string;
  hasCredential: boolean;
}

describeServer('head office manages branch users', (server) => {
  it("a user created at head office goes to its branch's PCs only, as a scrypt hash the PC verifies", async () => {
    const one = await foundBranch(server, 'BJ01');
    const two = await foundBranch(server, 'SH02');
    const res = await admin(server(), 'POST', `/admin/v1/branches/${one.branch.id}/users`, { username: 'zhao', displayName: '赵敏', role: 'sales', credential: { kind: 'pin', secret: '4321' } });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json<UserView>();
    expect(user).toMatchObject({ username: 'zhao', role: 'sales', active: true, credentialKind: 'pin', hasCredential: true });

    const joiner = await enrolDevice(server, one.branch, null);
    const pulled = pullResponse.parse((await joiner.pullRaw(joiner.pullBody(0))).json());
    const change = pulled.changes.find((c) => c.kind === 'user');
    expect(change).toMatchObject({ kind: 'user', bucket: 'users', id: user.id });
    const fields = change?.kind === 'user' ? change.fields : {};
    expect(Object.keys(fields).sort()).toEqual(['active', 'credentialKind', 'displayName', 'passwordHash', 'role', 'username']);
    expect(verifySecret('4321', String(fields.passwordHash?.value))).toBe(true);
    expect(JSON.stringify(pulled)).not.toContain('"4321"');
    const other = pullResponse.parse((await two.founder.pullRaw(two.founder.pullBody(0))).json());
    expect(other.changes.filter((c) => c.kind === 'user')).toEqual([]);

    // A later edit sends only what it changed, stamped after what it replaces.
    const edited = await admin(server(), 'PUT', `/admin/v1/users/${user.id}`, { role: 'manager', active: false });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = pullResponse.parse((await joiner.pullRaw(joiner.pullBody(pulled.cursor))).json());
    const update = again.changes.find((c) => c.kind === 'user');
    expect(update?.kind === 'user' ? Object.keys(update.fields).sort() : []).toEqual(['active', 'role']);
    expect(update?.kind === 'user' && update.fields.role!.hlc > fields.role!.hlc).toBe(true);
    const list = (await admin(server(), 'GET', `/admin/v1/branches/${one.branch.id}/users`)).json<{ users: UserView[] }>();
    expect(list.users).toEqual([expect.objectContaining({ id: user.id, role: 'manager', active: false })]);
  });

  it('bad users are refused with nothing written: a short PIN, a taken name, an unknown branch or user, no token', async () => {
    const one = await foundBranch(server, 'GZ03');
    const url = `/admin/v1/branches/${one.branch.id}/users`;
    const body = { username: 'qian', displayName: '钱', role: 'clerk', credential: { kind: 'password', secret: 'qian-pass-1' } };
    expect((await admin(server(), 'POST', url, { ...body, credential: { kind: 'pin', secret: '12' } })).statusCode).toBe(400);
    expect((await admin(server(), 'POST', url, { ...body, role: 'owner' })).statusCode).toBe(400);
    expect((await admin(server(), 'POST', url, { ...body, extra: 1 })).statusCode).toBe(400);
    expect((await admin(server(), 'POST', `/admin/v1/branches/${newId()}/users`, body)).statusCode).toBe(404);
    expect((await admin(server(), 'POST', url, body)).statusCode).toBe(201);
    const taken = await admin(server(), 'POST', url, { ...body, username: 'QIAN' });
    expect(taken.statusCode).toBe(409);
    expect((await admin(server(), 'PUT', `/admin/v1/users/${newId()}`, { active: false })).statusCode).toBe(404);
    expect((await admin(server(), 'PUT', `/admin/v1/users/${newId()}`, {})).statusCode).toBe(400);
    const anonymous = await server().app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    const list = (await admin(server(), 'GET', url)).json<{ users: UserView[] }>();
    expect(list.users.map((u) => u.username)).toEqual(['qian']);
    const joiner = await enrolDevice(server, one.branch, null);
    const pulled = pullResponse.parse((await joiner.pullRaw(joiner.pullBody(0))).json());
    expect(pulled.changes.filter((c) => c.kind === 'user')).toHaveLength(1);
  });
});
