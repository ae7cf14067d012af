import { and, eq, sql } from 'drizzle-orm';
import type { EnrolRequest, EnrolResponse } from '../../src-main/sync/protocol';
import { enrolmentCodeHash, newDeviceToken, sha256Hex } from '../auth/tokens';
import { branches, devices, enrolmentCodes } from '../db/schema';
import { HttpError } from '../httpErrors';
import { readServerMeta, type ServerDb, type ServerTx } from '../openServerDb';

/** Terminal letters after the founder's '': B … Z, then AA … ZZ (bijective base 26, A = 1). */
export function terminalLetters(issued: number): string {
  let n = issued + 1;
  let letters = '';
  while (n > 0) {
    const digit = (n - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Two letters at most: the protocol's terminal code is [A-Z]{0,2}. */
const MAX_TERMINALS_ISSUED = 26 * 27 - 1;

/**
 * Document numbers stay unique in a branch although each PC numbers its own offline: the PC
 * whose ledger founded the branch numbers plainly ('' — its local branch code is the branch's and
 * nobody holds '' yet); every other PC gets the next letter, in enrolment order, never reused.
 */
async function allocateTerminalCode(tx: ServerTx, branchId: string, branchCode: string, localBranchCode: string | null): Promise<string> {
  // The branch row is the lock: two PCs enrolling at once must not both become the founder.
  await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId)).for('update');
  if (localBranchCode === branchCode) {
    const [founder] = await tx.select({ id: devices.id }).from(devices).where(and(eq(devices.branchId, branchId), eq(devices.terminalCode, '')));
    if (!founder) return '';
  }
  const [row] = await tx
    .update(branches)
    .set({ terminalsIssued: sql`${branches.terminalsIssued} + 1` })
    .where(eq(branches.id, branchId))
    .returning({ issued: branches.terminalsIssued });
  if (!row || row.issued > MAX_TERMINALS_ISSUED) {
    throw new HttpError(409, 'BAD_REQUEST', `Branch ${branchCode} has no terminal letters left for another PC`);
  }
  return terminalLetters(row.issued);
}

/**
 * Trades a one-time enrolment code for a device token bound to the code's branch. Unknown, used
 * and expired codes get the same answer, so the answer says nothing about which codes exist. A
 * refused enrolment (branch mismatch) leaves the code unused, so the clerk can correct the PC
 * and try again with it.
 */
export async function enrolDevice(db: ServerDb, now: number, request: EnrolRequest): Promise<EnrolResponse> {
  return db.transaction(async (tx) => {
    const [code] = await tx.select().from(enrolmentCodes).where(eq(enrolmentCodes.codeHash, enrolmentCodeHash(request.code))).for('update');
    if (!code || code.usedAt !== null || code.expiresAt <= now) {
      throw new HttpError(401, 'ENROLMENT_CODE_INVALID', 'This enrolment code is not valid: it may be mistyped, already used or expired. Ask head office for a new one.');
    }
    const [branch] = await tx.select().from(branches).where(eq(branches.id, code.branchId));
    if (!branch) throw new Error(`enrolment code of a missing branch ${code.branchId}`);
    if (request.localBranchCode !== null && request.localBranchCode !== branch.code) {
      throw new HttpError(409, 'ENROLMENT_BRANCH_MISMATCH', `This code is for branch ${branch.code}, but this PC's ledger is branch ${request.localBranchCode}`, {
        codeBranch: branch.code,
        localBranch: request.localBranchCode,
      });
    }
    const [existing] = await tx.select({ branchId: devices.branchId, terminalCode: devices.terminalCode }).from(devices).where(eq(devices.id, request.deviceId)).for('update');
    if (existing && existing.branchId !== branch.id) {
      // A device's seqs and ops belong to one branch's ledger; moving it would mix two ledgers.
      throw new HttpError(409, 'ENROLMENT_BRANCH_MISMATCH', `This PC is already enrolled for another branch than ${branch.code}`, { codeBranch: branch.code });
    }
    if (!existing && request.localBranchCode !== null) {
      // A second PC with a ledger of its own for this branch would bring a second set of
      // warehouses and documents on them, all refused at its first push; say so now instead.
      const [founder] = await tx.select({ name: devices.name }).from(devices).where(and(eq(devices.branchId, branch.id), eq(devices.terminalCode, '')));
      if (founder) {
        throw new HttpError(409, 'ENROLMENT_BRANCH_FOUNDED', `Branch ${branch.code} already has its ledger, founded on PC ${founder.name}; this PC's own ledger cannot join it. Join from a PC with no ledger yet.`, {
          codeBranch: branch.code,
          founder: founder.name,
        });
      }
    }
    const token = newDeviceToken();
    let terminalCode: string;
    if (existing) {
      terminalCode = existing.terminalCode;
      // Re-enrolment with a fresh code from head office replaces the token (the old one stops
      // working) and lifts a revocation: issuing the code was head office's decision. The seq
      // history stays, so the device's queue continues where it was.
      await tx.update(devices).set({ tokenHash: sha256Hex(token), name: request.deviceName, enrolledAt: now, revokedAt: null }).where(eq(devices.id, request.deviceId));
    } else {
      terminalCode = await allocateTerminalCode(tx, branch.id, branch.code, request.localBranchCode);
      await tx.insert(devices).values({ id: request.deviceId, branchId: branch.id, name: request.deviceName, terminalCode, tokenHash: sha256Hex(token), enrolledAt: now, lastSeq: 0 });
    }
    await tx.update(enrolmentCodes).set({ usedAt: now, usedByDeviceId: request.deviceId }).where(eq(enrolmentCodes.codeHash, code.codeHash));
    const meta = await readServerMeta(tx);
    return { deviceToken: token, branch: { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.timeZone }, terminalCode, epoch: meta.epoch };
  });
}
