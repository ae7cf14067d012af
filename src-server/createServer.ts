import rateLimit from '@fastify/rate-limit';
import { fillBranchDirectory } from './admin/branchDirectory';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { createHlcClock } from '../src-main/core/hlc';
import { createUuidV7Generator } from '../src-main/core/ids';
import { MAX_PULL_PAGE_BYTES } from '../src-main/sync/protocol';
import { adminPage, adminRoutes } from './admin/adminRoutes';
import { authenticateDevice, type DeviceIdentity } from './auth/authenticateDevice';
import { errorReply, HttpError } from './httpErrors';
import { readServerMeta, type OpenedServerDb } from './openServerDb';
import { syncRoutes } from './routes/syncRoutes';

export interface RateLimitOptions {
  /** Requests allowed per caller per window. */
  max: number;
  timeWindowMs: number;
}

export interface CreateServerOptions {
  /** The opened database (openServerDb's result); the caller closes it after the server. */
  db: OpenedServerDb;
  /** Epoch ms; injected so tests can move time (code expiry, clock-ahead checks). */
  clock: () => number;
  /** A pino logger for structured logs; without one the server logs nothing (tests). */
  logger?: FastifyBaseLogger;
  /** The head-office admin token (compared in constant time). */
  adminToken: string;
  rateLimit?: Partial<RateLimitOptions>;
  /**
   * Payload bytes a pull page stops at (MAX_PULL_PAGE_BYTES by default). Tests set less, to see
   * a document bigger than a page arrive over several pages without making one of 16 MB.
   */
  pullPageBytes?: number;
}

/**
 * Generous by default: a branch catching up after days offline sends a few hundred batches in a
 * row and must not be throttled; a script hammering the server is.
 */
export const defaultRateLimit: RateLimitOptions = { max: 600, timeWindowMs: 60_000 };

/** JSON bodies other than a push are small: enrolment, pull requests, admin edits. */
const DEFAULT_BODY_LIMIT = 256 * 1024;

/**
 * The head-office server as a Fastify instance, not yet listening: `main.ts` listens, tests use
 * `inject`. Every body is parsed by the protocol's zod schemas; every error answers the
 * protocol's error body and never a stack.
 */
export function createServer(options: CreateServerOptions): FastifyInstance {
  if (options.adminToken.length < 16) throw new Error('The admin token must be at least 16 characters');
  const { db, kind } = options.db;
  const clock = options.clock;
  const ids = createUuidV7Generator(clock, (n) => new Uint8Array(randomBytes(n)));
  const hlc = createHlcClock('ho', clock);
  const limits = { ...defaultRateLimit, ...options.rateLimit };

  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: DEFAULT_BODY_LIMIT,
  });

  // One authentication per request, shared by the rate limiter's key and the route's check.
  const deviceLookups = new WeakMap<FastifyRequest, Promise<DeviceIdentity | HttpError>>();
  const lookUpDevice = (request: FastifyRequest): Promise<DeviceIdentity | HttpError> => {
    let found = deviceLookups.get(request);
    if (!found) {
      found = authenticateDevice(db, request.headers.authorization).catch((e: unknown) => {
        if (e instanceof HttpError) return e;
        throw e;
      });
      deviceLookups.set(request, found);
    }
    return found;
  };
  const deviceOf = async (request: FastifyRequest): Promise<DeviceIdentity> => {
    const found = await lookUpDevice(request);
    if (found instanceof HttpError) throw found;
    return found;
  };

  app.setErrorHandler((error, request, reply) => errorReply(error as Error, request, reply));
  app.setNotFoundHandler((request, reply) => errorReply(new HttpError(404, 'NOT_FOUND', 'No such route'), request, reply));

  void app.register(rateLimit, {
    global: true,
    max: limits.max,
    timeWindow: limits.timeWindowMs,
    // Per device for a valid device token (several PCs of a branch may share one address),
    // per address otherwise, so trying made-up tokens does not earn fresh allowances.
    keyGenerator: async (request) => {
      if (request.url.startsWith('/sync/v1/') && request.headers.authorization) {
        const found = await lookUpDevice(request);
        if (!(found instanceof HttpError)) return `device:${found.deviceId}`;
      }
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, 'RATE_LIMITED', `Too many requests; retry in ${context.after}`, { retryAfterMs: context.ttl }),
  });

  void app.register(async (scope) => {
    scope.get('/health', async () => {
      const meta = await readServerMeta(db);
      return { ok: true, db: kind, epoch: meta.epoch };
    });
    syncRoutes(scope, { db, clock, ids, deviceOf, pullPageBytes: options.pullPageBytes ?? MAX_PULL_PAGE_BYTES });
    adminPage(scope);
  });
  void app.register(async (scope) => {
    adminRoutes(scope, { db, clock, ids, hlc, adminToken: options.adminToken });
  });
  // Branches made before the branch directory existed join it once the server is up.
  app.addHook('onReady', async () => {
    await fillBranchDirectory(db, clock(), hlc);
  });

  return app;
}
