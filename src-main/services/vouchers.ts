import { LedgerError } from '../core/errors';
import { defaultAccountMapping, mappingConflict, type AccountMapping } from '../core/vouchers';
import type { MethodResult, ParsedInput } from '../contract';
import { requireBranch } from './branch';
import { writeAudit } from './journal';
import { cancelExportJob, exportJobProgress, runnerOf } from './reports/reportMethods';
import { readSetting, readSettings, writeSetting } from './settings';
import { inTransaction } from './sql';
import type { ServiceContext } from './types';
import { voucherFileName, type VoucherExportSpec } from './voucherTable';

const mappingKey = 'accountMapping';

/** The account mapping (科目映射) of this PC, the defaults until the accountant sets one. */
export function readAccountMapping(ctx: Pick<ServiceContext, 'db'>): AccountMapping {
  const stored = readSetting<AccountMapping>(ctx, mappingKey);
  if (!stored) return defaultAccountMapping;
  return { ...defaultAccountMapping, ...stored, accounts: { ...defaultAccountMapping.accounts, ...stored.accounts } };
}

/** Sets the mapping; roles that must be different accounts (revenue, receivables, stock…) are refused when they share a code. */
export function setAccountMapping(ctx: ServiceContext, input: ParsedInput<'accounting.setMapping'>): MethodResult<'accounting.setMapping'> {
  return inTransaction(ctx.db, () => {
    requireBranch(ctx);
    const conflict = mappingConflict(input);
    if (conflict) {
      const [first, second] = conflict;
      throw new LedgerError('ACCOUNT_MAPPING_CONFLICT', { code: input.accounts[second].code }, [
        { path: `accounts.${second}.code`, code: 'ACCOUNT_MAPPING_CONFLICT', params: { code: input.accounts[second].code, other: first } },
      ]);
    }
    const before = readAccountMapping(ctx);
    writeSetting(ctx, mappingKey, input);
    writeAudit(ctx, 'accounting.setMapping', 'settings', mappingKey, before, input);
    return readAccountMapping(ctx);
  });
}

// ── The voucher export (凭证导出): written by the report worker, followed and cancelled like a report's ──

/**
 * Starts the voucher export in the report worker and answers at once with the job: the worker
 * reads the postings on its own read-only connection and writes the file (voucherTable.ts),
 * so a year of vouchers never holds up the window.
 */
export function startVoucherExport(ctx: ServiceContext, input: ParsedInput<'accounting.exportStart'>): MethodResult<'accounting.exportStart'> {
  const runner = runnerOf(ctx);
  const branch = requireBranch(ctx);
  const spec: VoucherExportSpec = {
    dateFrom: input.dateFrom,
    dateTo: input.dateTo,
    layout: input.layout,
    mapping: readAccountMapping(ctx),
    locale: readSettings(ctx).locale,
    branch: { code: branch.code, name: branch.name, timeZone: branch.time_zone },
  };
  return runner.startExport(ctx.ids(), { kind: 'vouchers', spec }, input.format, voucherFileName(spec, input.format));
}

/** How far the voucher export has got; when done, the file to save. */
export function voucherExportProgress(ctx: ServiceContext, input: ParsedInput<'accounting.exportProgress'>): MethodResult<'accounting.exportProgress'> {
  return exportJobProgress(ctx, input.jobId, 'vouchers');
}

/** Stops the voucher export; the worker removes its partial file. */
export function cancelVoucherExport(ctx: ServiceContext, input: ParsedInput<'accounting.exportCancel'>): MethodResult<'accounting.exportCancel'> {
  return cancelExportJob(ctx, input.jobId, 'vouchers');
}
