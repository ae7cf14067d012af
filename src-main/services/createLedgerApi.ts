import type { z } from 'zod';
import { LedgerError, type Envelope, type FieldIssue } from '../core/errors';
import { createHlcClock, isHlc } from '../core/hlc';
import { roleHasPermission } from '../core/permissions';
import { isMethodName, methods, type MethodName, type MethodResult, type ParsedInput } from '../contract';
import { appInfo } from './appInfo';
import { checkLedgerIntegrity, createManualBackup, listBackups, previewRestore, restoreBackup, setBackupPolicy } from './backupMethods';
import { findBranch } from './branch';
import { listCategories, listSuppliers, listWarehouses } from './masterData';
import { getProduct, listProducts, lookupBarcode, setProductLocation } from './products';
import { readSetting, readSettings, updateSettings, writeSetting } from './settings';
import { get } from './sql';
import { createBranch } from './setup';
import { exportCount } from './exportCount';
import { getPeriodLock, lockPeriod } from './periods';
import { acknowledgeLatePostings, listLatePostings } from './latePostings';
import { cancelVoucherExport, readAccountMapping, setAccountMapping, startVoucherExport, voucherExportProgress } from './vouchers';
import { listSalesTargets, setSalesTarget } from './salesTargets';
import { getDashboard } from './dashboard';
import { getReturn, listReturnableDeliveries, listReturns, recallLookup } from './customerReturnQueries';
import { approveReturn, cancelReturn, createReturn, inspectReturn, previewReturn, receiveReturn, rejectReturn, settleReturn, startRecall } from './customerReturns';
import { printSales } from './printSales';
import { printSupplierReturn } from './printSupplierReturn';
import { printTransfer } from './printTransfer';
import { getTransfer, listTransfers, transfersInTransit } from './transferQueries';
import { cancelTransfer, closeTransfer, createTransfer, receiveTransfer, sendTransfer, updateTransfer, transferBranches } from './transfers';
import { returnAnalysis } from './returnAnalysis';
import { createReplenishmentOrders, replenishmentSuggestions, setReplenishmentPolicies } from './replenishment';
import { stockHealth } from './stockHealth';
import { supplierPerformance } from './supplierPerformance';
import { getSupplierReturn, listSupplierReturns, returnCandidates } from './supplierReturnQueries';
import {
  acceptSupplierReturn,
  cancelSupplierReturn,
  createSupplierReturn,
  creditSupplierReturn,
  rejectSupplierReturn,
  sendSupplierReturn,
  updateSupplierReturn,
} from './supplierReturns';
import { exportOnHand } from './exportOnHand';
import { cancelReportExport, reportExportProgress, runReportMethod, startReportExport } from './reports/reportMethods';
import { adjustStock, receiveStock, reverseDocument } from './stockDocuments';
import { getDocument, listDocuments, productMovements, stockOnHand } from './stockQueries';
import {
  approveCount,
  cancelCount,
  countLines,
  countScanMap,
  countZones,
  getCount,
  listCountEntries,
  listCounts,
  postCount,
  recordCount,
  recountLines,
  scanIntoCount,
  setCountReason,
  startCount,
  submitCount,
  undoCountEntry,
} from './stockCounts';
import { getCustomer, getOrder, listCustomers, listOrders, productTerms, receivables } from './salesQueries';
import {
  allocateOrder,
  amendOrder,
  approveOrder,
  cancelOrder,
  closeOrder,
  confirmOrder,
  createOrder,
  deliverOrder,
  invoiceOrder,
  previewOrder,
  receivePayment,
  rejectOrder,
} from './salesOrders';
import { getPurchaseOrder, listPurchaseOrders, listPurchaseSuppliers, productTerms as purchaseProductTerms, supplierProducts } from './purchaseQueries';
import {
  cancelPurchaseOrder,
  checkPurchaseReceipt,
  closePurchaseOrder,
  createPurchaseOrder,
  receivePurchaseOrder,
  sendPurchaseOrder,
  updatePurchaseOrder,
} from './purchaseOrders';
import { SyncFailure, toLedgerError } from '../sync/syncFailure';
import { isSyncConfigured } from '../sync/syncState';
import { readSyncStatus } from '../sync/syncStatus';
import type { CurrentUser, LedgerApiDeps, ServiceContext } from './types';
import { authStatus, createSessionHolder, lockSession, sessionUser, signIn, signOut, unlockSession } from './session';
import { createUser, listUsers, setUserCredential, updateUser } from './users';
import { exportAudit, searchAudit } from './auditTrail';
import { exportCustomers } from './exportCustomers';
import { hashSecret } from './passwordHash';

type Handlers = { [M in MethodName]: (ctx: ServiceContext, input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>> };

/** The sync methods that talk to head office and the exports that stream a file; everything else answers synchronously. */
const asyncMethods = new Set<MethodName>(['sync.enrol', 'sync.now', 'stock.exportOnHand', 'counts.export', 'sales.print', 'supplierReturns.print', 'backups.create', 'backups.restore', 'transfers.print', 'reports.run', 'audit.export', 'customers.export']);

async function enrolWithHeadOffice(ctx: ServiceContext, input: ParsedInput<'sync.enrol'>): Promise<MethodResult<'sync.enrol'>> {
  if (!ctx.sync) throw new LedgerError('SYNC_UNAVAILABLE');
  const joining = !findBranch(ctx);
  // Joining makes this PC's administrator, who must be able to sign in afterwards.
  if (joining && input.adminPassword === undefined) throw new LedgerError('ADMIN_PASSWORD_REQUIRED', undefined, [{ path: 'adminPassword', code: 'ADMIN_PASSWORD_REQUIRED' }]);
  try {
    const { adminPassword, ...request } = input;
    const outcome = await ctx.sync.enrol({
      ...request,
      actorUserId: ctx.currentUser.id,
      ...(joining && adminPassword !== undefined ? { adminPasswordHash: hashSecret(adminPassword) } : {}),
    });
    if (outcome.joined) {
      const admin = get<{ id: string }>(ctx.db, "SELECT id FROM users WHERE username = 'admin'");
      if (admin) ctx.session.current = { userId: admin.id, locked: false };
    }
    return { info: appInfo(ctx), status: readSyncStatus(ctx.db), joined: outcome.joined };
  } catch (error) {
    throw error instanceof SyncFailure ? toLedgerError(error) : error;
  }
}

async function syncWithHeadOffice(ctx: ServiceContext): Promise<MethodResult<'sync.now'>> {
  if (!ctx.sync || !isSyncConfigured(ctx.db)) throw new LedgerError('SYNC_NOT_CONFIGURED');
  // The outcome, failure included, is recorded in sync_state and shown by the status.
  await ctx.sync.syncNow();
  return readSyncStatus(ctx.db);
}

const handlers = {
  'app.info': (ctx) => appInfo(ctx),
  'setup.createBranch': createBranch,
  'settings.get': (ctx) => readSettings(ctx),
  'settings.update': updateSettings,
  'master.warehouses': (ctx) => listWarehouses(ctx),
  'master.suppliers': (ctx) => listSuppliers(ctx),
  'master.categories': (ctx) => listCategories(ctx),
  'products.list': listProducts,
  'products.get': getProduct,
  'products.lookupBarcode': lookupBarcode,
  'products.setLocation': setProductLocation,
  'stock.receive': receiveStock,
  'stock.adjust': adjustStock,
  'stock.reverse': reverseDocument,
  'stock.onHand': stockOnHand,
  'stock.exportOnHand': exportOnHand,
  'stock.movements': productMovements,
  'stock.documents': listDocuments,
  'stock.document': getDocument,
  'counts.list': listCounts,
  'counts.zones': countZones,
  'counts.start': startCount,
  'counts.get': getCount,
  'counts.lines': countLines,
  'counts.record': recordCount,
  'counts.scan': scanIntoCount,
  'counts.scanMap': countScanMap,
  'counts.undo': undoCountEntry,
  'counts.entries': listCountEntries,
  'counts.submit': submitCount,
  'counts.setReason': setCountReason,
  'counts.approve': approveCount,
  'counts.recount': recountLines,
  'counts.post': postCount,
  'counts.cancel': cancelCount,
  'counts.export': exportCount,
  'sales.print': printSales,
  'customers.list': listCustomers,
  'customers.get': getCustomer,
  'sales.productTerms': productTerms,
  'sales.preview': previewOrder,
  'sales.list': listOrders,
  'sales.get': getOrder,
  'sales.create': createOrder,
  'sales.amend': amendOrder,
  'sales.confirm': confirmOrder,
  'sales.approve': approveOrder,
  'sales.reject': rejectOrder,
  'sales.allocate': allocateOrder,
  'sales.deliver': deliverOrder,
  'sales.invoice': invoiceOrder,
  'sales.cancel': cancelOrder,
  'sales.close': closeOrder,
  'sales.receivePayment': receivePayment,
  'sales.receivables': receivables,
  'returns.deliveries': listReturnableDeliveries,
  'returns.preview': previewReturn,
  'returns.create': createReturn,
  'returns.list': listReturns,
  'returns.get': getReturn,
  'returns.approve': approveReturn,
  'returns.reject': rejectReturn,
  'returns.cancel': cancelReturn,
  'returns.receive': receiveReturn,
  'returns.inspect': inspectReturn,
  'returns.settle': settleReturn,
  'returns.recallLookup': recallLookup,
  'returns.startRecall': startRecall,
  'periods.get': (ctx) => getPeriodLock(ctx),
  'periods.lock': lockPeriod,
  'purchasing.suppliers': (ctx) => listPurchaseSuppliers(ctx),
  'purchasing.supplierProducts': supplierProducts,
  'purchasing.productTerms': purchaseProductTerms,
  'purchasing.list': listPurchaseOrders,
  'purchasing.get': getPurchaseOrder,
  'purchasing.create': createPurchaseOrder,
  'purchasing.update': updatePurchaseOrder,
  'purchasing.send': sendPurchaseOrder,
  'purchasing.cancel': cancelPurchaseOrder,
  'purchasing.close': closePurchaseOrder,
  'purchasing.checkReceipt': checkPurchaseReceipt,
  'purchasing.receive': receivePurchaseOrder,
  'supplierReturns.candidates': returnCandidates,
  'supplierReturns.list': listSupplierReturns,
  'supplierReturns.get': getSupplierReturn,
  'supplierReturns.create': createSupplierReturn,
  'supplierReturns.update': updateSupplierReturn,
  'supplierReturns.send': sendSupplierReturn,
  'supplierReturns.accept': acceptSupplierReturn,
  'supplierReturns.credit': creditSupplierReturn,
  'supplierReturns.reject': rejectSupplierReturn,
  'supplierReturns.cancel': cancelSupplierReturn,
  'supplierReturns.print': printSupplierReturn,
  'returns.analysis': returnAnalysis,
  'periods.latePostings': listLatePostings,
  'periods.acknowledgeLate': acknowledgeLatePostings,
  'accounting.getMapping': (ctx) => readAccountMapping(ctx),
  'accounting.setMapping': setAccountMapping,
  'accounting.exportStart': startVoucherExport,
  'accounting.exportProgress': voucherExportProgress,
  'accounting.exportCancel': cancelVoucherExport,
  'targets.list': listSalesTargets,
  'targets.set': setSalesTarget,
  'dashboard.get': getDashboard,
  'replenishment.suggestions': replenishmentSuggestions,
  'replenishment.createOrders': createReplenishmentOrders,
  'replenishment.setPolicies': setReplenishmentPolicies,
  'purchasing.supplierPerformance': supplierPerformance,
  'stock.health': stockHealth,
  'transfers.list': listTransfers,
  'transfers.get': getTransfer,
  'transfers.inTransit': (ctx) => transfersInTransit(ctx),
  'transfers.branches': (ctx) => transferBranches(ctx),
  'transfers.create': createTransfer,
  'transfers.update': updateTransfer,
  'transfers.send': sendTransfer,
  'transfers.cancel': cancelTransfer,
  'transfers.receive': receiveTransfer,
  'transfers.close': closeTransfer,
  'transfers.print': printTransfer,
  'reports.run': runReportMethod,
  'reports.exportStart': startReportExport,
  'reports.exportProgress': reportExportProgress,
  'reports.exportCancel': cancelReportExport,
  'sync.status': (ctx) => readSyncStatus(ctx.db),
  'sync.enrol': enrolWithHeadOffice,
  'sync.now': syncWithHeadOffice,
  'backups.list': listBackups,
  'backups.create': createManualBackup,
  'backups.checkLedger': checkLedgerIntegrity,
  'backups.preview': previewRestore,
  'backups.restore': restoreBackup,
  'backups.setPolicy': setBackupPolicy,
  'auth.status': (ctx) => authStatus(ctx),
  'auth.signIn': signIn,
  'auth.lock': (ctx) => lockSession(ctx),
  'auth.unlock': unlockSession,
  'auth.signOut': (ctx) => signOut(ctx),
  'users.list': (ctx) => listUsers(ctx),
  'users.create': createUser,
  'users.update': updateUser,
  'users.setCredential': setUserCredential,
  'audit.search': searchAudit,
  'audit.export': exportAudit,
  'customers.export': exportCustomers,
} satisfies Handlers;

/** Methods that work before the branch exists: the first-start screen needs them ("join a branch" enrols). */
const beforeSetup = new Set<MethodName>(['app.info', 'settings.get', 'settings.update', 'setup.createBranch', 'sync.enrol']);

/**
 * What a locked screen may still do: unlock and switch user (signedOut), sign out, lock again,
 * and read what the shell needs to draw itself under the lock (branch, language) after a reload.
 */
const whileLocked = new Set<MethodName>(['auth.lock', 'auth.signOut', 'app.info', 'settings.get']);

/** Before set-up nobody exists to sign in: the first-start methods act as this administrator, who can do nothing else. */
const bootstrapUser: CurrentUser = { id: 'bootstrap', role: 'admin' };
/** Who the sign-in screen's own methods act as when nobody is signed in (they check the typed secret themselves). */
const nobody: CurrentUser = { id: 'nobody', role: 'clerk' };

export interface LedgerApi {
  /** Parses, authorizes and runs one call. Never throws: every outcome is an envelope. */
  invoke(name: string, rawInput: unknown): Promise<Envelope>;
  /** The same, synchronously, for in-process callers such as benchmarks (not the sync methods that talk to head office). */
  invokeSync(name: string, rawInput: unknown): Envelope;
}

/** zod's issues as field errors: our schemas carry stable codes as messages; zod's own codes otherwise. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const code = /^[A-Z_]+$/.test(issue.message) ? issue.message : issue.code;
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) params.maximum = Number(issue.maximum);
    if ('keys' in issue && Array.isArray(issue.keys)) params.keys = issue.keys.join(', ');
    const field: FieldIssue = { path: issue.path.map(String).join('.'), code };
    if (Object.keys(params).length > 0) field.params = params;
    return field;
  });
}

export function createLedgerApi(deps: LedgerApiDeps): LedgerApi {
  let storedDeviceId = readSetting<string>({ db: deps.db }, 'deviceId');
  if (!storedDeviceId) {
    storedDeviceId = deps.ids();
    writeSetting({ db: deps.db, now: deps.clock() }, 'deviceId', storedDeviceId);
  }
  const deviceId: string = storedDeviceId;
  // Stamps go on from the newest op this PC wrote, so they keep rising across a restart with the
  // wall clock set back: a count's posting names the entries it held by each device's newest HLC.
  const newest = get<{ hlc: string }>(deps.db, 'SELECT hlc FROM sync_outbox ORDER BY seq DESC LIMIT 1')?.hlc;
  const hlcClock = createHlcClock(deviceId, deps.clock, undefined, newest !== undefined && isHlc(newest) ? newest : undefined);

  type Started = { done: Envelope } | { name: MethodName; result: unknown };

  const session = createSessionHolder();
  const signedOutMethod = (spec: object): boolean => 'signedOut' in spec && spec.signedOut === true;

  /**
   * The session is enforced here, for every host alike: a method runs for the signed-in,
   * unlocked user (read afresh, so a disabled user is out at once), for the bootstrap
   * administrator while the branch is not set up and has no users, or — the sign-in screen's
   * own methods only — for nobody.
   */
  function actingUser(name: MethodName, signedOut: boolean): CurrentUser {
    const current = session.current;
    const user = current ? sessionUser({ db: deps.db }, current) : null;
    if (current && !user) session.current = null;
    if (signedOut) return user && current && !current.locked ? user : nobody;
    if (user && current) {
      if (current.locked && !whileLocked.has(name)) throw new LedgerError('SESSION_LOCKED');
      return user;
    }
    if (!findBranch({ db: deps.db })) {
      if (beforeSetup.has(name) && !get(deps.db, 'SELECT 1 FROM users LIMIT 1')) return bootstrapUser;
      throw new LedgerError('BRANCH_NOT_SET_UP');
    }
    throw new LedgerError('SESSION_REQUIRED');
  }

  function failed(name: string, error: unknown): Envelope {
    if (error instanceof LedgerError) return { ok: false, error: error.toPayload() };
    console.error(`[ledger] ${name} failed`, error);
    return { ok: false, error: { code: 'INTERNAL' } };
  }

  function succeeded(name: MethodName, value: unknown): Envelope {
    if (methods[name].writes) {
      try {
        deps.sync?.nudge();
      } catch (error) {
        console.error('[ledger] sync nudge failed', error);
      }
    }
    return { ok: true, value };
  }

  /** Parses, authorizes and calls the handler; its result may still be a promise. */
  function start(name: string, rawInput: unknown, allowAsync: boolean): Started {
    if (!isMethodName(name)) return { done: { ok: false, error: { code: 'UNKNOWN_METHOD', params: { method: String(name).slice(0, 80) } } } };
    if (!allowAsync && asyncMethods.has(name)) {
      console.error(`[ledger] ${name} talks to head office and cannot be called synchronously`);
      return { done: { ok: false, error: { code: 'INTERNAL' } } };
    }
    const spec = methods[name];
    try {
      // Who may call comes before what they sent: without a session or the permission, a caller
      // learns nothing about a method's input, not even whether it would be valid.
      const currentUser = actingUser(name, signedOutMethod(spec));
      if (currentUser !== nobody && !roleHasPermission(currentUser.role, spec.permission)) {
        throw new LedgerError('FORBIDDEN', { permission: spec.permission });
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) return { done: { ok: false, error: { code: 'VALIDATION', fields: toFieldIssues(parsed.error) } } };
      const ctx: ServiceContext = { ...deps, currentUser, session, now: deps.clock(), hlc: () => hlcClock.now(), deviceId };
      if (!beforeSetup.has(name) && !signedOutMethod(spec) && !findBranch(ctx)) throw new LedgerError('BRANCH_NOT_SET_UP');
      const handler = handlers[name] as (ctx: ServiceContext, input: unknown) => unknown;
      return { name, result: handler(ctx, parsed.data) };
    } catch (error) {
      return { done: failed(name, error) };
    }
  }

  function invokeSync(name: string, rawInput: unknown): Envelope {
    const started = start(name, rawInput, false);
    return 'done' in started ? started.done : succeeded(started.name, started.result);
  }

  async function invoke(name: string, rawInput: unknown): Promise<Envelope> {
    const started = start(name, rawInput, true);
    if ('done' in started) return started.done;
    try {
      return succeeded(started.name, await started.result);
    } catch (error) {
      return failed(started.name, error);
    }
  }

  return { invokeSync, invoke };
}
