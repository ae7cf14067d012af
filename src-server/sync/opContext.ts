import type { IdGenerator } from '../../src-main/core/ids';

/** What applying one pushed op knows: who pushed it (from the token) and the server's time. */
export interface OpContext {
  deviceId: string;
  branchId: string;
  branchCode: string;
  now: number;
  ids: IdGenerator;
}

/** The parts of a pushed op that its effects record. */
export interface SettledOp {
  opId: string;
  name: string;
  version: number;
  hlc: string;
}
