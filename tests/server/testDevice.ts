import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { formatHlc } from '../../src-main/core/hlc';
import {
  enrolResponse,
  pullResponse,
  pushResponse,
  syncError,
  PROTOCOL_VERSION,
  type EnrolResponse,
  type OutboxOp,
  type PullResponse,
  type PushResponse,
  type StockDocumentArgs,
  type CountEntryArgs,
  type CountStartArgs,
} from '../../src-main/sync/protocol';
import { adminToken, newId, type TestServer } from './serverHarness';

/**
 * A scripted branch PC speaking the sync protocol to a test server through `inject`. Every answer
 * is parsed with the protocol's own schemas, so a test also proves the server says nothing the
 * client would refuse.
 */

export interface Branch {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export async function admin(server: TestServer, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({ method, url, headers: { authorization: `Bearer ${adminToken}` }, ...(body === undefined ? {} : { payload: body as object }) });
}

export async function createBranch(server: TestServer, code: string, name = `${code} 分店`): Promise<Branch> {
  const res = await admin(server, 'POST', '/admin/v1/branches', { code, name, timeZone: 'Asia/Shanghai' });
  expect(res.statusCode, res.body).toBe(201);
  const { id, timeZone } = res.json<Branch & { createdAt: number }>();
  return { id, code, name, timeZone };
}

export async function issueCode(server: TestServer, branchId: string, validHours?: number): Promise<{ code: string; expiresAt: number }> {
  const res = await admin(server, 'POST', `/admin/v1/branches/${branchId}/enrolment-codes`, validHours === undefined ? {} : { validHours });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export function enrolRequest(code: string, deviceId: string, localBranchCode: string | null) {
  return { protocolVersion: PROTOCOL_VERSION, code, deviceId, deviceName: `PC ${deviceId.slice(0, 4)}`, localBranchCode };
}

export async function postEnrol(server: TestServer, body: unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: body as object });
}

/** The protocol error code of a refused request (and that the body is the protocol's). */
export function errorCode(res: LightMyRequestResponse): string {
  const parsed = syncError.safeParse(res.json());
  if (!parsed.success) return `not a protocol error: ${res.body}`;
  return parsed.data.error.code;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  kind: 'main' | 'returns' | 'transit';
}

export interface StockLine {
  productId: string;
  lotId: string;
  qty: number;
  /** Defaults to 250 fen a unit. */
  valueFen?: number;
  warehouseId?: string;
  lotCode?: string;
  expiryDate?: string;
}

export class TestDevice {
  /** The next seq this device's outbox would use. */
  nextSeq = 1;

  constructor(
    private readonly server: () => TestServer,
    readonly deviceId: string,
    readonly token: string,
    readonly branch: Branch,
    readonly terminalCode: string,
  ) {}

  hlc(counter = 0): string {
    return formatHlc({ ms: this.server().clock.now, counter, node: this.deviceId });
  }

  /** An outbox op with the next seq. */
  op(name: string, args: unknown, overrides: Partial<OutboxOp> = {}): OutboxOp {
    const seq = this.nextSeq++;
    return { seq, opId: newId(), name, version: 1, args, hlc: this.hlc(seq), createdAt: this.server().clock.now, ...overrides };
  }

  setupOp(warehouses: Warehouse[], branch: Branch = this.branch): OutboxOp {
    return this.op('setup.createBranch', { branch, warehouses });
  }

  /** A posted stock document (receipt for positive lines, adjustment otherwise) with its movements. */
  documentArgs(warehouseId: string, lines: StockLine[], branchId = this.branch.id): StockDocumentArgs {
    const documentId = newId();
    const now = this.server().clock.now;
    const hlc = this.hlc();
    const docType = lines.every((l) => l.qty > 0) ? 'receipt' : 'adjustment';
    const built = lines.map((l, i) => {
      const valueFen = l.valueFen ?? l.qty * 250;
      const lineId = newId();
      return {
        line: { id: lineId, lineNo: i + 1, productId: l.productId, unitCode: 'EA', unitQty: l.qty, qty: l.qty, lotId: l.lotId, unitCostFen: 250, valueFen, reasonCode: docType === 'adjustment' ? 'damage' : null },
        lot: { id: l.lotId, productId: l.productId, lotCode: l.lotCode ?? '', expiryDate: l.expiryDate ?? null, productionDate: null, firstReceivedAt: now, hlc },
        movement: {
          id: newId(),
          warehouseId: l.warehouseId ?? warehouseId,
          productId: l.productId,
          lotId: l.lotId,
          qty: l.qty,
          valueFen,
          documentType: docType,
          documentId,
          lineId,
          businessDate: '2026-03-10',
          createdAt: now,
          hlc,
        },
      };
    });
    return {
      document: {
        id: documentId,
        docType,
        docNo: `${this.branch.code}${this.terminalCode}-${docType === 'receipt' ? 'GR' : 'SA'}-2026-${String(this.nextSeq).padStart(6, '0')}`,
        businessDate: '2026-03-10',
        warehouseId,
        supplierId: null,
        reasonCode: docType === 'adjustment' ? 'damage' : null,
        note: '',
        reversesDocumentId: null,
        branchId,
        status: 'posted',
        totalQty: lines.reduce((n, l) => n + l.qty, 0),
        totalValueFen: built.reduce((n, b) => n + b.movement.valueFen, 0),
        createdBy: 'user-1',
        createdAt: now,
        hlc,
      },
      lines: built.map((b) => b.line),
      lots: built.map((b) => b.lot),
      movements: built.map((b) => b.movement),
    };
  }

  documentOp(warehouseId: string, lines: StockLine[], branchId = this.branch.id): OutboxOp {
    const args = this.documentArgs(warehouseId, lines, branchId);
    return this.op(args.document.docType === 'receipt' ? 'stock.receive' : 'stock.adjust', args);
  }

  pushBody(ops: OutboxOp[], overrides: Record<string, unknown> = {}) {
    return { protocolVersion: PROTOCOL_VERSION, schemaVersion: 3, sentAt: this.server().clock.now, epoch: null, ops, ...overrides };
  }

  async pushRaw(body: unknown, token = this.token): Promise<LightMyRequestResponse> {
    return this.server().app.inject({
      method: 'POST',
      url: '/sync/v1/push',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : (body as object),
    });
  }

  async push(ops: OutboxOp[]): Promise<PushResponse> {
    const res = await this.pushRaw(this.pushBody(ops));
    expect(res.statusCode, res.body).toBe(200);
    return pushResponse.parse(res.json());
  }

  pullBody(cursor: number, overrides: Record<string, unknown> = {}) {
    return { protocolVersion: PROTOCOL_VERSION, schemaVersion: 3, sentAt: this.server().clock.now, cursor, ...overrides };
  }

  async pullRaw(body: unknown, token = this.token): Promise<LightMyRequestResponse> {
    return this.server().app.inject({ method: 'POST', url: '/sync/v1/pull', headers: { authorization: `Bearer ${token}` }, payload: body as object });
  }

  async pull(cursor = 0, overrides: Record<string, unknown> = {}): Promise<PullResponse> {
    const res = await this.pullRaw(this.pullBody(cursor, overrides));
    expect(res.statusCode, res.body).toBe(200);
    return pullResponse.parse(res.json());
  }

  /** Pulls page after page until `more` is false; returns every change and the last answer. */
  async pullAll(cursor = 0, limit = 500): Promise<{ changes: PullResponse['changes']; last: PullResponse }> {
    const all: PullResponse['changes'] = [];
    let at = cursor;
    for (;;) {
      const page = await this.pull(at, { limit });
      all.push(...page.changes);
      at = page.cursor;
      if (!page.more) return { changes: all, last: page };
    }
  }
}

/** Creates (or reuses) a branch, issues a code and enrols a new device with it. */
export async function enrolDevice(server: () => TestServer, branch: Branch, localBranchCode: string | null = null, deviceId = newId()): Promise<TestDevice> {
  const { code } = await issueCode(server(), branch.id);
  const res = await postEnrol(server(), enrolRequest(code, deviceId, localBranchCode));
  expect(res.statusCode, res.body).toBe(200);
  const body: EnrolResponse = enrolResponse.parse(res.json());
  return new TestDevice(server, deviceId, body.deviceToken, branch, body.terminalCode);
}

export function warehousesFor(code: string): Warehouse[] {
  return [
    { id: newId(), code: 'MAIN', name: `${code} 主仓 Main store`, kind: 'main' },
    { id: newId(), code: 'RET', name: `${code} 退货区 Returns area`, kind: 'returns' },
  ];
}

/** A branch founded by its first PC: enrolled, warehouses pushed. */
export async function foundBranch(server: () => TestServer, code: string): Promise<{ branch: Branch; founder: TestDevice; warehouses: Warehouse[] }> {
  const branch = await createBranch(server(), code);
  const founder = await enrolDevice(server, branch, code);
  const warehouses = warehousesFor(code);
  const res = await founder.push([founder.setupOp(warehouses)]);
  expect(res.applied).toBe(1);
  return { branch, founder, warehouses };
}

/** A count started on this device: one expected line of a new product. */
export function countStartArgs(device: TestDevice, warehouseId: string, productId: string): CountStartArgs {
  return {
    count: {
      id: newId(),
      docNo: `${device.branch.code}-PD-2026-000001`,
      branchId: device.branch.id,
      warehouseId,
      scope: 'full',
      scopeFilter: { categoryIds: [], zones: [], productIds: [], abcClasses: [] },
      blind: true,
      snapshotAt: 1,
      recountPermille: 50,
      approvalValueFen: 50_000,
      note: '',
      createdBy: 'user-1',
      createdAt: 1,
      hlc: device.hlc(),
    },
    lines: [{ productId, lotId: newId(), lotCode: '', expiryDate: null, bookQty: 24, expected: true, round: 1, hlc: device.hlc() }],
  };
}

/** An entry of `qty` on the count's first line. */
export function countEntryArgs(device: TestDevice, start: CountStartArgs, qty: number, id = newId()): CountEntryArgs {
  const line = start.lines[0]!;
  return {
    countId: start.count.id,
    entry: {
      id,
      productId: line.productId,
      lotId: line.lotId,
      round: 1,
      unitCode: 'EA',
      unitQty: qty,
      qty,
      undoesEntryId: null,
      counter: '张三',
      userId: 'user-1',
      deviceId: device.deviceId,
      createdAt: 2,
      hlc: device.hlc(),
    },
    foundLine: null,
  };
}
