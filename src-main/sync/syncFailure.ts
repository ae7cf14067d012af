import { LedgerError } from '../core/errors';
import { syncError, type SyncErrorCode } from './protocol';

/**
 * Why a sync step did not complete. The protocol's codes (from the server's error body) plus
 * what only the client can tell: the server could not be reached, its answer did not follow the
 * protocol, the outbox cannot fill a gap the server has.
 */
export type SyncFailureCode =
  | SyncErrorCode
  | 'NOT_CONFIGURED'
  | 'OFFLINE'
  | 'BAD_RESPONSE'
  | 'OUTBOX_GAP'
  | 'NO_PROGRESS'
  | 'LEDGER_BEHIND_SERVER'
  | 'CLIENT_ERROR'
  | 'CLOSED';

export class SyncFailure extends Error {
  constructor(
    readonly code: SyncFailureCode,
    message: string,
    readonly params: Record<string, string | number> = {},
    /** The server asked to wait this long (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/**
 * What the scheduler does after a failure: try again later with backoff, stop until the app
 * restarts (or the user acts: updates, enrols again), or stay idle (nothing to sync with).
 */
export type SyncDisposition = 'retry' | 'stop' | 'idle';

export function dispositionOf(code: SyncFailureCode): SyncDisposition {
  switch (code) {
    case 'UPDATE_REQUIRED':
    case 'DEVICE_REVOKED':
    case 'UNAUTHORIZED':
    case 'LEDGER_BEHIND_SERVER':
      return 'stop';
    case 'NOT_CONFIGURED':
    case 'CLOSED':
      return 'idle';
    default:
      return 'retry';
  }
}

const codeByStatus: Record<number, SyncErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  409: 'CLOCK_AHEAD',
  413: 'PAYLOAD_TOO_LARGE',
  426: 'UPDATE_REQUIRED',
  429: 'RATE_LIMITED',
};

/** The failure an HTTP error answer stands for: the body's code if it follows the protocol, else the status's. */
export function failureFromResponse(status: number, body: unknown, retryAfterHeader: string | null, sentAt: number): SyncFailure {
  const parsed = syncError.safeParse(body);
  const code: SyncErrorCode = parsed.success ? parsed.data.error.code : (codeByStatus[status] ?? 'SERVER_ERROR');
  const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
  const details = parsed.success ? (parsed.data.error.details ?? {}) : {};
  const params: Record<string, string | number> = { status };
  if (code === 'CLOCK_AHEAD') {
    const serverTime = typeof details.serverTime === 'number' ? details.serverTime : undefined;
    const aheadMs = typeof details.aheadMs === 'number' ? details.aheadMs : serverTime !== undefined ? sentAt - serverTime : undefined;
    if (aheadMs !== undefined) params.minutes = Math.max(1, Math.round(aheadMs / 60_000));
  }
  if (code === 'ENROLMENT_BRANCH_FOUNDED') {
    if (typeof details.codeBranch === 'string') params.branch = details.codeBranch;
    if (typeof details.founder === 'string') params.founder = details.founder.slice(0, 80);
  }
  if (code === 'ENROLMENT_BRANCH_MISMATCH') {
    if (typeof details.codeBranch === 'string') params.server = details.codeBranch;
    if (typeof details.localBranch === 'string') params.local = details.localBranch;
  }
  const retryAfterMs = typeof details.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
  const seconds = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  return new SyncFailure(code, message.slice(0, 300), params, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : retryAfterMs);
}

/** The API's answer for a sync step the user asked for (enrol, sync now), translated by the renderer. */
export function toLedgerError(failure: SyncFailure): LedgerError {
  switch (failure.code) {
    case 'NOT_CONFIGURED':
      return new LedgerError('SYNC_NOT_CONFIGURED');
    case 'OFFLINE':
      return new LedgerError('SYNC_SERVER_UNREACHABLE', undefined, [{ path: 'serverUrl', code: 'SYNC_SERVER_UNREACHABLE' }]);
    case 'ENROLMENT_CODE_INVALID':
      return new LedgerError('SYNC_ENROLMENT_CODE_INVALID', undefined, [{ path: 'code', code: 'SYNC_ENROLMENT_CODE_INVALID' }]);
    case 'ENROLMENT_BRANCH_MISMATCH':
      return new LedgerError('SYNC_BRANCH_MISMATCH', stringParams(failure.params, ['local', 'server']));
    case 'ENROLMENT_BRANCH_FOUNDED':
      return new LedgerError('SYNC_BRANCH_FOUNDED', stringParams(failure.params, ['branch', 'founder']));
    case 'UPDATE_REQUIRED':
      return new LedgerError('SYNC_UPDATE_REQUIRED');
    case 'CLOCK_AHEAD':
      return new LedgerError('SYNC_CLOCK_AHEAD', failure.params.minutes === undefined ? undefined : { minutes: failure.params.minutes });
    case 'BAD_RESPONSE':
      return new LedgerError('SYNC_NOT_A_SERVER', undefined, [{ path: 'serverUrl', code: 'SYNC_NOT_A_SERVER' }]);
    default:
      return new LedgerError('SYNC_SERVER_ERROR', { code: failure.code });
  }
}

function stringParams(params: Record<string, string | number>, keys: string[]): Record<string, string | number> | undefined {
  const out: Record<string, string | number> = {};
  for (const k of keys) if (params[k] !== undefined) out[k] = params[k];
  return Object.keys(out).length > 0 ? out : undefined;
}
