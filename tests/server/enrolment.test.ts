import { expect, it } from 'vitest';
import { enrolResponse, PROTOCOL_VERSION } from '../../src-main/sync/protocol';
import { adminToken, describeServer, newId } from './serverHarness';
import { admin, createBranch, enrolDevice, enrolRequest, errorCode, issueCode, postEnrol } from './testDevice';

describeServer('health and enrolment', (server) => {
  it('health answers ok with the database kind and the epoch', async () => {
    const res = await server().app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ ok: boolean; db: string; epoch: string }>();
    expect(body).toEqual({ ok: true, db: server().kind, epoch: expect.any(String) });
    expect(body.epoch.length).toBeGreaterThanOrEqual(16);
  });

  it('a code enrols one device, bound to the code branch, and cannot be used a second time', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const { code, expiresAt } = await issueCode(server(), branch.id);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(expiresAt).toBe(server().clock.now + 72 * 3_600_000);

    const first = await postEnrol(server(), enrolRequest(code.toLowerCase().replace(/-/g, ' '), newId(), null));
    expect(first.statusCode, first.body).toBe(200);
    const enrolled = enrolResponse.parse(first.json());
    expect(enrolled.branch).toEqual(branch);
    expect(Buffer.from(enrolled.deviceToken, 'base64url')).toHaveLength(32);

    const again = await postEnrol(server(), enrolRequest(code, newId(), null));
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('ENROLMENT_CODE_INVALID');
  });

  it('an expired code and a made-up code get the same answer as a used one', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const { code } = await issueCode(server(), branch.id, 1);
    server().clock.now += 3_600_000;
    const expired = await postEnrol(server(), enrolRequest(code, newId(), null));
    const madeUp = await postEnrol(server(), enrolRequest('AAAA-BBBB-CCCC', newId(), null));
    for (const res of [expired, madeUp]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(expect.objectContaining({ error: expect.objectContaining({ code: 'ENROLMENT_CODE_INVALID' }) }));
    }
    expect(expired.json()).toEqual(madeUp.json());
  });

  it('a PC whose ledger is another branch is refused, and the code stays usable for the right PC', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const { code } = await issueCode(server(), branch.id);
    const wrong = await postEnrol(server(), enrolRequest(code, newId(), 'SH02'));
    expect(wrong.statusCode).toBe(409);
    expect(errorCode(wrong)).toBe('ENROLMENT_BRANCH_MISMATCH');
    const right = await postEnrol(server(), enrolRequest(code, newId(), 'BJ01'));
    expect(right.statusCode, right.body).toBe(200);
  });

  it('hands out terminal codes: none for the founding PC, then B, C in enrolment order, kept on re-enrolment', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const joiner = await enrolDevice(server, branch, null);
    const founder = await enrolDevice(server, branch, 'BJ01');
    const third = await enrolDevice(server, branch, null);
    expect([joiner.terminalCode, founder.terminalCode, third.terminalCode]).toEqual(['B', '', 'C']);
    // A joined PC has the branch's ledger by then; enrolling again keeps its letter.
    const again = await enrolDevice(server, branch, 'BJ01', joiner.deviceId);
    expect(again.terminalCode).toBe('B');
  });

  it('a second PC with a ledger of its own for a branch already founded is refused up front, and the code stays usable', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const founder = await enrolDevice(server, branch, 'BJ01');
    const { code } = await issueCode(server(), branch.id);
    const second = await postEnrol(server(), enrolRequest(code, newId(), 'BJ01'));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'ENROLMENT_BRANCH_FOUNDED', details: { codeBranch: 'BJ01', founder: `PC ${founder.deviceId.slice(0, 4)}` } } });
    const fresh = await postEnrol(server(), enrolRequest(code, newId(), null));
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('a revoked device is refused with DEVICE_REVOKED; re-enrolling with a new code gives it a new token and the old one stays dead', async () => {
    const branch = await createBranch(server(), 'BJ01');
    const device = await enrolDevice(server, branch, 'BJ01');
    expect((await device.pullRaw(device.pullBody(0))).statusCode).toBe(200);

    const revoke = await admin(server(), 'POST', `/admin/v1/devices/${device.deviceId}/revoke`, {});
    expect(revoke.statusCode).toBe(200);
    for (const res of [await device.pullRaw(device.pullBody(0)), await device.pushRaw(device.pushBody([device.op('stock.receive', {})]))]) {
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('DEVICE_REVOKED');
    }

    const renewed = await enrolDevice(server, branch, 'BJ01', device.deviceId);
    expect(renewed.token).not.toBe(device.token);
    expect((await renewed.pullRaw(renewed.pullBody(0))).statusCode).toBe(200);
    const old = await device.pullRaw(device.pullBody(0));
    expect(old.statusCode).toBe(401);
    expect(errorCode(old)).toBe('UNAUTHORIZED');
  });

  it('a device cannot move to another branch by enrolling there', async () => {
    const bj = await createBranch(server(), 'BJ01');
    const sh = await createBranch(server(), 'SH02');
    const device = await enrolDevice(server, bj, null);
    const { code } = await issueCode(server(), sh.id);
    const res = await postEnrol(server(), enrolRequest(code, device.deviceId, null));
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('ENROLMENT_BRANCH_MISMATCH');
  });

  it('push and pull without a token, or with a made-up one, are unauthorized', async () => {
    const none = await server().app.inject({ method: 'POST', url: '/sync/v1/pull', payload: { protocolVersion: PROTOCOL_VERSION, schemaVersion: 3, sentAt: 0, cursor: 0 } });
    expect(none.statusCode).toBe(401);
    expect(errorCode(none)).toBe('UNAUTHORIZED');
    const madeUp = await server().app.inject({
      method: 'POST',
      url: '/sync/v1/push',
      headers: { authorization: `Bearer ${'x'.repeat(43)}` },
      payload: { protocolVersion: PROTOCOL_VERSION },
    });
    expect(madeUp.statusCode).toBe(401);
    expect(errorCode(madeUp)).toBe('UNAUTHORIZED');
  });

  it('the admin API needs the admin token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Bearer ${adminToken}x`, adminToken]) {
      const res = await server().app.inject({ method: 'GET', url: '/admin/v1/overview', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('UNAUTHORIZED');
    }
    const ok = await admin(server(), 'GET', '/admin/v1/overview');
    expect(ok.statusCode).toBe(200);
  });

  it('an enrolment code for a branch that does not exist is refused', async () => {
    const res = await admin(server(), 'POST', `/admin/v1/branches/${newId()}/enrolment-codes`, {});
    expect(res.statusCode).toBe(404);
  });

  it('branch codes are unique and validated', async () => {
    await createBranch(server(), 'BJ01');
    const dup = await admin(server(), 'POST', '/admin/v1/branches', { code: 'BJ01', name: 'x', timeZone: 'Asia/Shanghai' });
    expect(dup.statusCode).toBe(409);
    const bad = await admin(server(), 'POST', '/admin/v1/branches', { code: 'bj 1', name: 'x', timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('BAD_REQUEST');
  });
});
