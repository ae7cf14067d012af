import type { z } from 'zod';
import { LedgerError, type Envelope, type FieldIssue } from '../core/errors';
import { createHlcClock } from '../core/hlc';
import { roleHasPermission } from '../core/permissions';
import { isMethodName, methods, type MethodName, type MethodResult, type ParsedInput } from '../contract';
import { appInfo } from './appInfo';
import { findBranch } from './branch';
import { listCategories, listSuppliers, listWarehouses } from './masterData';
import { getProduct, listProducts, lookupBarcode } from './products';
import { readSetting, readSettings, updateSettings, writeSetting } from './settings';
import { createBranch } from './setup';
import { adjustStock, receiveStock, reverseDocument } from './stockDocuments';
import { getDocument, listDocuments, productMovements, stockOnHand } from './stockQueries';
import type { LedgerApiDeps, ServiceContext } from './types';

type Handlers = { [M in MethodName]: (ctx: ServiceContext, input: ParsedInput<M>) => MethodResult<M> };

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
  'stock.receive': receiveStock,
  'stock.adjust': adjustStock,
  'stock.reverse': reverseDocument,
  'stock.onHand': stockOnHand,
  'stock.movements': productMovements,
  'stock.documents': listDocuments,
  'stock.document': getDocument,
} satisfies Handlers;

/** Methods that work before the branch exists: the first-start screen needs them. */
const beforeSetup = new Set<MethodName>(['app.info', 'settings.get', 'settings.update', 'setup.createBranch']);

export interface LedgerApi {
  /** Parses, authorizes and runs one call. Never throws: every outcome is an envelope. */
  invoke(name: string, rawInput: unknown): Promise<Envelope>;
  /** The same, synchronously, for in-process callers such as benchmarks. */
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
  let deviceId = readSetting<string>({ db: deps.db }, 'deviceId');
  if (!deviceId) {
    deviceId = deps.ids();
    writeSetting({ db: deps.db, now: deps.clock() }, 'deviceId', deviceId);
  }
  const hlcClock = createHlcClock(deviceId, deps.clock);

  function invokeSync(name: string, rawInput: unknown): Envelope {
    if (!isMethodName(name)) return { ok: false, error: { code: 'UNKNOWN_METHOD', params: { method: String(name).slice(0, 80) } } };
    const spec = methods[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', fields: toFieldIssues(parsed.error) } };
    try {
      const currentUser = deps.user();
      if (!roleHasPermission(currentUser.role, spec.permission)) {
        throw new LedgerError('FORBIDDEN', { permission: spec.permission });
      }
      const ctx: ServiceContext = { ...deps, currentUser, now: deps.clock(), hlc: () => hlcClock.now() };
      if (!beforeSetup.has(name) && !findBranch(ctx)) throw new LedgerError('BRANCH_NOT_SET_UP');
      const handler = handlers[name] as (ctx: ServiceContext, input: unknown) => unknown;
      return { ok: true, value: handler(ctx, parsed.data) };
    } catch (error) {
      if (error instanceof LedgerError) return { ok: false, error: error.toPayload() };
      console.error(`[ledger] ${name} failed`, error);
      return { ok: false, error: { code: 'INTERNAL' } };
    }
  }

  return {
    invokeSync,
    invoke: (name, rawInput) => Promise.resolve(invokeSync(name, rawInput)),
  };
}
