import { eq } from 'drizzle-orm';
import { addToBranchDirectory } from './branchDirectory';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isValidTimeZone } from '../../src-main/core/businessDate';
import type { HlcClock } from '../../src-main/core/hlc';
import type { IdGenerator } from '../../src-main/core/ids';
import { purchaseOrderStatuses } from '../../src-main/core/purchaseOrder';
import { bearerToken, enrolmentCodeHash, newEnrolmentCode, sameSecret } from '../auth/tokens';
import { branches, devices, enrolmentCodes } from '../db/schema';
import { HttpError, parseBody } from '../httpErrors';
import { readServerMeta, type ServerDb } from '../openServerDb';
import { sqlState } from '../sync/OpRejected';
import { headOfficeEntities } from '../sync/masterChange';
import { adminPageCss, adminPageCsp, adminPageHtml, adminPageIcon, adminPageJs } from './adminPage';
import { branchOverview, listStockExceptions, stockByBranch } from './adminQueries';
import { createBranchUser, createBranchUserBody, listBranchUsers, updateBranchUser, updateBranchUserBody } from './branchUsers';
import { listMasterRows } from './listMasterRows';
import { listPurchases } from './purchaseQueries';
import { listTransfers } from './transferQueries';
import { masterDataRules } from './masterDataRules';
import { listSales, receivablesByCustomer, salesKinds } from './salesQueries';
import { readMasterRow, updateMasterFields } from './updateMasterFields';

export interface AdminRouteDeps {
  db: ServerDb;
  clock: () => number;
  ids: IdGenerator;
  hlc: HlcClock;
  adminToken: string;
}

/** How long an enrolment code stays usable unless head office asks otherwise. */
const DEFAULT_CODE_VALID_HOURS = 72;

const uuid = z.string().uuid();
/** The same shape as the protocol's HLC: 15-digit ms, 5-char counter, node. */
const hlcText = z.string().regex(/^\d{15}-[0-9a-z]{5}-[\w-]{1,64}$/);
const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);

const createBranchBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Z0-9]{2,8}$/, 'A branch code is 2–8 capital letters or digits'),
  name: z.string().trim().min(1).max(60),
  timeZone: z.string().refine(isValidTimeZone, 'Not an IANA time zone'),
});
const enrolmentCodeBody = z.strictObject({ validHours: z.number().int().min(1).max(720).optional() });
const idParams = z.strictObject({ id: uuid });
const stockQuery = z.strictObject({
  branchId: uuid.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const exceptionsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  branchId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
const masterParams = z.strictObject({ entity: z.enum(headOfficeEntities), id: uuid });
const entityParams = z.strictObject({ entity: z.enum(headOfficeEntities) });
const page = {
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const masterListQuery = z.strictObject({ ...page, priceListId: uuid.optional(), customerId: uuid.optional(), productId: uuid.optional(), supplierId: uuid.optional() });
const salesQuery = z.strictObject({ ...page, branchId: uuid.optional(), kind: z.enum(salesKinds).optional() });
const receivablesQuery = z.strictObject(page);
const purchasesQuery = z.strictObject({ ...page, branchId: uuid.optional(), status: z.enum(purchaseOrderStatuses).optional() });
const transfersQuery = z.strictObject({ ...page, branchId: uuid.optional(), inTransit: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
const masterBody = z.strictObject({
  fields: z.record(fieldName, z.unknown()).refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 100, 'Give 1 to 100 fields'),
  hlc: z.record(fieldName, hlcText).optional(),
});

function noStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
}

export function adminPage(app: FastifyInstance): void {
  const assets = [
    { path: '/admin', type: 'text/html; charset=utf-8', body: adminPageHtml },
    { path: '/admin/app.js', type: 'text/javascript; charset=utf-8', body: adminPageJs },
    { path: '/admin/app.css', type: 'text/css; charset=utf-8', body: adminPageCss },
    { path: '/admin/icon.svg', type: 'image/svg+xml', body: adminPageIcon },
  ];
  for (const asset of assets) {
    app.get(asset.path, async (_request, reply) =>
      reply
        .header('content-type', asset.type)
        .header('content-security-policy', adminPageCsp)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        .send(asset.body),
    );
  }
}

/** The head-office API: every route needs the admin token, compared in constant time. */
export function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const { db } = deps;
  noStore(app);
  // In preParsing, after the rate limit (onRequest): guessing the token is throttled like anything else.
  app.addHook('preParsing', async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (!token || !sameSecret(token, deps.adminToken)) throw new HttpError(401, 'UNAUTHORIZED', 'The admin token is required');
  });

  app.post('/admin/v1/branches', async (request, reply) => {
    const body = parseBody(createBranchBody, request.body);
    const branch = { id: deps.ids(), code: body.code, name: body.name, timeZone: body.timeZone, createdAt: deps.clock() };
    try {
      await db.insert(branches).values(branch);
    } catch (e) {
      if (sqlState(e) === '23505') throw new HttpError(409, 'CONFLICT', `Branch code ${body.code} is taken`);
      throw e;
    }
    await addToBranchDirectory(db, deps.clock(), deps.hlc, branch);
    return reply.status(201).send(branch);
  });

  app.post('/admin/v1/branches/:id/enrolment-codes', async (request, reply) => {
    const { id } = parseBody(idParams, request.params);
    const body = parseBody(enrolmentCodeBody, request.body ?? {});
    const [branch] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, id));
    if (!branch) throw new HttpError(404, 'NOT_FOUND', 'No such branch');
    const now = deps.clock();
    const code = newEnrolmentCode();
    const expiresAt = now + (body.validHours ?? DEFAULT_CODE_VALID_HOURS) * 3_600_000;
    await db.insert(enrolmentCodes).values({ codeHash: enrolmentCodeHash(code), branchId: id, createdAt: now, expiresAt });
    request.log.info({ branchId: id, expiresAt }, 'enrolment code issued');
    return reply.status(201).send({ code, expiresAt });
  });

  app.post('/admin/v1/devices/:id/revoke', async (request) => {
    const { id } = parseBody(idParams, request.params);
    const now = deps.clock();
    const [device] = await db.select({ revokedAt: devices.revokedAt }).from(devices).where(eq(devices.id, id));
    if (!device) throw new HttpError(404, 'NOT_FOUND', 'No such device');
    const revokedAt = device.revokedAt ?? now;
    if (device.revokedAt === null) await db.update(devices).set({ revokedAt }).where(eq(devices.id, id));
    request.log.info({ deviceId: id }, 'device revoked');
    return { id, revokedAt };
  });

  // A branch's users, managed by head office (branchUsers.ts): they reach that branch's PCs by sync.
  app.get('/admin/v1/branches/:id/users', async (request) => {
    const { id } = parseBody(idParams, request.params);
    return { users: await listBranchUsers(db, id) };
  });

  app.post('/admin/v1/branches/:id/users', async (request, reply) => {
    const { id } = parseBody(idParams, request.params);
    const body = parseBody(createBranchUserBody, request.body);
    const user = await createBranchUser(db, { now: deps.clock(), clock: deps.hlc, ids: deps.ids }, id, body);
    request.log.info({ branchId: id, userId: user.id }, 'branch user created');
    return reply.status(201).send(user);
  });

  app.put('/admin/v1/users/:id', async (request) => {
    const { id } = parseBody(idParams, request.params);
    const body = parseBody(updateBranchUserBody, request.body);
    return updateBranchUser(db, { now: deps.clock(), clock: deps.hlc }, id, body);
  });

  app.get('/admin/v1/overview', async () => {
    const meta = await readServerMeta(db);
    return { epoch: meta.epoch, generation: meta.generation, branches: await branchOverview(db) };
  });

  app.get('/admin/v1/stock', async (request) => {
    const query = parseBody(stockQuery, request.query);
    return stockByBranch(db, query);
  });

  app.get('/admin/v1/exceptions', async (request) => {
    const query = parseBody(exceptionsQuery, request.query);
    return { exceptions: await listStockExceptions(db, query) };
  });

  app.get('/admin/v1/master/:entity', async (request) => {
    const { entity } = parseBody(entityParams, request.params);
    const { q, limit, offset, ...filters } = parseBody(masterListQuery, request.query);
    for (const [field, value] of Object.entries(filters)) {
      if (value !== undefined && !(field in masterDataRules[entity].fields)) throw new HttpError(400, 'BAD_REQUEST', `${entity} has no field ${field} to filter by`);
    }
    return listMasterRows(db, entity, { q, limit, offset, filters });
  });

  app.get('/admin/v1/sales', async (request) => listSales(db, parseBody(salesQuery, request.query)));

  app.get('/admin/v1/purchasing', async (request) => listPurchases(db, parseBody(purchasesQuery, request.query)));

  app.get('/admin/v1/transfers', async (request) => listTransfers(db, parseBody(transfersQuery, request.query)));

  app.get('/admin/v1/receivables', async (request) => receivablesByCustomer(db, parseBody(receivablesQuery, request.query)));

  app.get('/admin/v1/master/:entity/:id', async (request) => {
    const { entity, id } = parseBody(masterParams, request.params);
    const fields = await readMasterRow(db, entity, id);
    if (!fields) throw new HttpError(404, 'NOT_FOUND', `No ${entity} ${id}`);
    return { entity, id, fields };
  });

  app.put('/admin/v1/master/:entity/:id', async (request) => {
    const { entity, id } = parseBody(masterParams, request.params);
    const body = parseBody(masterBody, request.body);
    return updateMasterFields(db, deps.clock(), deps.hlc, entity, id, body);
  });
}
