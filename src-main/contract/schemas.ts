import { z } from 'zod';
import { parseBackupFileName } from '../core/backupPolicy';
import { isValidIsoDate, isValidTimeZone } from '../core/businessDate';

/** Shared field schemas. Messages are error codes the renderer translates (`validation.*`). */

export const id = z.string().uuid({ error: 'ID_INVALID' });
/** A calendar date; years outside 1990–2199 are typing mistakes (1102-02-02), not data. */
export const isoDate = z
  .string()
  .refine(isValidIsoDate, { error: 'DATE_INVALID', abort: true })
  .refine((d) => d >= '1990-01-01' && d <= '2199-12-31', { error: 'DATE_OUT_OF_RANGE' });
export const note = z.string().trim().max(500, { error: 'TOO_LONG' });
export const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};
export const searchText = z.string().trim().max(100, { error: 'TOO_LONG' });
export const moneyFen = z
  .number({ error: 'NUMBER_REQUIRED' })
  .int({ error: 'INTEGER_REQUIRED' })
  .min(0, { error: 'NOT_NEGATIVE' })
  .max(1_000_000_000_00, { error: 'TOO_LARGE' });
/** A count in the line's unit; signed where the method allows. */
export const positiveQty = z
  .number({ error: 'NUMBER_REQUIRED' })
  .int({ error: 'INTEGER_REQUIRED' })
  .min(1, { error: 'POSITIVE_REQUIRED' })
  .max(10_000_000, { error: 'TOO_LARGE' });
export const signedQty = z
  .number({ error: 'NUMBER_REQUIRED' })
  .int({ error: 'INTEGER_REQUIRED' })
  .min(-10_000_000, { error: 'TOO_LARGE' })
  .max(10_000_000, { error: 'TOO_LARGE' })
  .refine((n) => n !== 0, { error: 'NONZERO_REQUIRED' });
export const unitCode = z.string().trim().min(1, { error: 'REQUIRED' }).max(20, { error: 'TOO_LONG' });
export const lotCode = z
  .string()
  .trim()
  .max(40, { error: 'TOO_LONG' })
  .regex(/^[\w\-./]*$/u, { error: 'LOT_CODE_INVALID' });
export const timeZone = z.string().refine(isValidTimeZone, { error: 'TIME_ZONE_INVALID' });
export const branchCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{2,8}$/, { error: 'BRANCH_CODE_INVALID' });

export const adjustmentReasons = ['damage', 'expiry', 'theft_loss', 'receiving_error', 'data_error', 'found', 'sample', 'other'] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

/** A head-office server's address: http or https only. */
export const serverUrl = z
  .string()
  .trim()
  .min(1, { error: 'REQUIRED' })
  .max(200, { error: 'TOO_LONG' })
  .pipe(z.url({ protocol: /^https?$/, error: 'URL_INVALID' }));

/** A backup's file name as the backups folder lists it; never a path (no separators, no '..'). */
export const backupFileName = z
  .string({ error: 'BACKUP_NAME_INVALID' })
  .max(80, { error: 'BACKUP_NAME_INVALID' })
  .refine((name) => parseBackupFileName(name) !== null, { error: 'BACKUP_NAME_INVALID' });
