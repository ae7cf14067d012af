import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SyncErrorCode } from '../src-main/sync/protocol';

/**
 * Every error the server answers has the protocol's body, `{ error: { code, message, details? } }`.
 * Sync routes use only the protocol's codes; the admin API adds NOT_FOUND and CONFLICT, which
 * no device ever sees.
 */
export type ServerErrorCode = SyncErrorCode | 'NOT_FOUND' | 'CONFLICT';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ServerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: ServerErrorCode; message: string; details?: Record<string, unknown> };
}

function body(code: ServerErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Zod issues as plain data: which field, what was wrong; never the input values themselves. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses with a protocol schema; anything else — unknown fields included — is a 400. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'BAD_REQUEST', 'The request does not match the protocol', { issues: zodIssues(result.error) });
  return result.data;
}

const statusCodes: Partial<Record<number, ServerErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'BAD_REQUEST',
  429: 'RATE_LIMITED',
};

/**
 * Maps whatever was thrown to the protocol body. Client mistakes Fastify detects itself (malformed
 * JSON, a body over the limit, a wrong content type) keep their status; anything unexpected is a
 * 500 whose message says nothing about the inside — the stack goes to the log, not the wire.
 */
export function errorReply(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) {
    return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
  }
  if (error instanceof z.ZodError) {
    return reply.status(400).send(body('BAD_REQUEST', 'The request does not match the protocol', { issues: zodIssues(error) }));
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = statusCodes[status] ?? 'BAD_REQUEST';
    // Fastify's own messages for these (e.g. "Body is too large") are safe and say what to fix.
    const message = status === 413 ? 'The request body is larger than the server accepts' : error.message;
    return reply.status(status).send(body(code, message));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send(body('SERVER_ERROR', 'The server could not handle the request; it was not applied'));
}
