import { eq } from 'drizzle-orm';
import { branches, devices } from '../db/schema';
import { HttpError } from '../httpErrors';
import type { Queryable } from '../openServerDb';
import { bearerToken, sha256Hex } from './tokens';

/** Who is calling, as the token says. Branch and device are never taken from a request body. */
export interface DeviceIdentity {
  deviceId: string;
  branchId: string;
  branchCode: string;
}

export async function authenticateDevice(db: Queryable, authorization: string | undefined): Promise<DeviceIdentity> {
  const token = bearerToken(authorization);
  if (!token) throw new HttpError(401, 'UNAUTHORIZED', 'A device token is required (Authorization: Bearer …)');
  const [row] = await db
    .select({ deviceId: devices.id, branchId: devices.branchId, branchCode: branches.code, revokedAt: devices.revokedAt })
    .from(devices)
    .innerJoin(branches, eq(branches.id, devices.branchId))
    .where(eq(devices.tokenHash, sha256Hex(token)));
  if (!row) throw new HttpError(401, 'UNAUTHORIZED', 'This device token is not known to head office');
  if (row.revokedAt !== null) throw new HttpError(401, 'DEVICE_REVOKED', 'Head office revoked this device; enrol it again with a new code');
  return { deviceId: row.deviceId, branchId: row.branchId, branchCode: row.branchCode };
}
