import { ApiError } from '../../src-renderer/api/createClient';

/** Awaits a call that must be refused and answers the API's error; fails if it succeeded. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}
