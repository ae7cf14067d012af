import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdGenerator } from '../../src-main/core/ids';
import {
  enrolRequest,
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_BYTES,
  pullRequest,
  pushRequest,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../../src-main/sync/protocol';
import type { DeviceIdentity } from '../auth/authenticateDevice';
import { HttpError, parseBody } from '../httpErrors';
import type { ServerDb } from '../openServerDb';
import { enrolDevice } from '../sync/enrolDevice';
import { pullChanges } from '../sync/pullChanges';
import { checkPush, settleChecked, type Checked } from '../sync/pushOps';

/**
 * A push may carry MAX_PUSH_BYTES of ops; the envelope around them (hello fields, epoch) and a
 * client's rounding of its own count get a little room on top. Past that: 413.
 */
export const PUSH_BODY_LIMIT = MAX_PUSH_BYTES + 16 * 1024;

export interface SyncRouteDeps {
  db: ServerDb;
  clock: () => number;
  ids: IdGenerator;
  /** The caller's device, from its token (memoized per request, shared with the rate limiter). */
  deviceOf(request: FastifyRequest): Promise<DeviceIdentity>;
  /** Payload bytes a pull page stops at. */
  pullPageBytes: number;
}

/**
 * Refuses a protocol this server does not speak before looking at anything else in the body: a
 * newer client may well send fields this server does not know, and it should hear "update
 * required", not "bad request".
 */
function requireSupportedProtocol(body: unknown): void {
  if (body === null || typeof body !== 'object' || !('protocolVersion' in body)) return;
  const version = (body as { protocolVersion: unknown }).protocolVersion;
  if (typeof version === 'number' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    throw new HttpError(426, 'UPDATE_REQUIRED', `Protocol version ${version} is not supported by this server`, { supported: [...SUPPORTED_PROTOCOL_VERSIONS] });
  }
}

/** A device clock far ahead would stamp data that beats everyone else's for hours (Actual #7106). */
function refuseClockAhead(sentAt: number, now: number): void {
  if (sentAt - now > MAX_CLOCK_AHEAD_MS) {
    throw new HttpError(409, 'CLOCK_AHEAD', `This PC's clock is ${Math.round((sentAt - now) / 60_000)} minutes ahead of head office; correct it and sync again`, {
      serverTime: now,
      aheadMs: sentAt - now,
    });
  }
}

export function syncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const device = new WeakMap<FastifyRequest, DeviceIdentity>();
  // Authentication runs before the body is read, so a caller without a valid token does not
  // get a megabyte parsed on its behalf. (The rate limit, in onRequest, runs before this.)
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    device.set(request, await deps.deviceOf(request));
  };
  const caller = (request: FastifyRequest): DeviceIdentity => {
    const found = device.get(request);
    if (!found) throw new Error('sync route without authentication hook');
    return found;
  };

  app.post('/sync/v1/enrol', async (request) => {
    requireSupportedProtocol(request.body);
    const body = parseBody(enrolRequest, request.body);
    return enrolDevice(deps.db, deps.clock(), body);
  });

  /**
   * The push's ops checked (checkPush), and the request's parse of them let go: the push may
   * wait for the device's previous one to commit, and what it holds meanwhile is copied by
   * every young-generation collection. Not async, so nothing of the body outlives it.
   */
  const checkedPush = (request: FastifyRequest, now: number): Checked[] => {
    requireSupportedProtocol(request.body);
    const body = parseBody(pushRequest, request.body);
    refuseClockAhead(body.sentAt, now);
    const checked = checkPush(caller(request), body);
    request.body = undefined;
    return checked;
  };

  app.post('/sync/v1/push', { bodyLimit: PUSH_BODY_LIMIT, preParsing: authenticate }, async (request) => {
    const now = deps.clock();
    const result = await settleChecked({ db: deps.db, now, ids: deps.ids }, caller(request), checkedPush(request, now));
    request.log.info({ deviceId: caller(request).deviceId, applied: result.applied, skipped: result.skipped, rejected: result.rejected.length, lastSeq: result.lastSeq }, 'push');
    return result;
  });

  app.post('/sync/v1/pull', { preParsing: authenticate }, async (request, reply) => {
    requireSupportedProtocol(request.body);
    const body = parseBody(pullRequest, request.body);
    const now = deps.clock();
    refuseClockAhead(body.sentAt, now);
    // Already JSON text (the stored payloads spliced in): sent as it is.
    const text = await pullChanges(deps.db, now, caller(request), body, deps.pullPageBytes);
    return reply.type('application/json; charset=utf-8').send(text);
  });
}
