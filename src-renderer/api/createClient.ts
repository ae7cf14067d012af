import type { ApiErrorPayload, Envelope, MethodInput, MethodName, MethodResult } from '../../src-main/contract';

/** The typed API as the renderer (and tests) call it: one async function per method. */
export type LedgerClient = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>> };

/** Sends one call and answers its envelope; window.ledger (Electron) or fetch (loopback host). */
export type Transport = (method: string, input: unknown) => Promise<Envelope>;

/** Thrown by the client when the API answers an error; carries the stable code for translation. */
export class ApiError extends Error {
  readonly payload: ApiErrorPayload;
  constructor(payload: ApiErrorPayload) {
    super(payload.code);
    this.name = 'ApiError';
    this.payload = payload;
  }
  get code() {
    return this.payload.code;
  }
}

export function createClient(transport: Transport): LedgerClient {
  return new Proxy({} as LedgerClient, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return async (input: unknown) => {
        const envelope = await transport(name, input ?? {});
        if (envelope.ok) return envelope.value;
        throw new ApiError(envelope.error);
      };
    },
  });
}
