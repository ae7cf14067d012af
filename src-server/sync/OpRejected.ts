/**
 * A pushed op that can never apply, with the stable code the branch's client translates. Thrown
 * inside the op's savepoint: what the op wrote so far is rolled back, the op is recorded as
 * rejected, and the device's queue moves on past it.
 */
export class OpRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OpRejected';
  }
}

/** The SQLSTATE of a database error, whether the driver's error arrives bare or wrapped by drizzle. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function databaseMessage(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as { code?: unknown }).code === 'string' && e instanceof Error) return e.message;
  }
  return 'the database refused the op';
}

/**
 * A database error that replaying the same op would hit again — bad data (class 22) or a broken
 * constraint (class 23) — becomes a rejection, so one such op cannot wedge the queue. Anything
 * else (lost connection, deadlock, serialization failure) is not the op's fault: the caller lets
 * it fail the whole batch, nothing is committed, and the client retries.
 */
export function permanentRejection(error: unknown): OpRejected | undefined {
  if (error instanceof OpRejected) return error;
  const state = sqlState(error);
  if (state?.startsWith('22')) return new OpRejected('INVALID_ARGS', `Head office cannot store this op's data: ${databaseMessage(error)}`);
  if (state?.startsWith('23')) return new OpRejected('CONFLICT', `This op conflicts with data head office already has: ${databaseMessage(error)}`);
  return undefined;
}
