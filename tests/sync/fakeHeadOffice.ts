import { randomBytes, randomUUID } from 'node:crypto';
import {
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_BYTES,
  SUPPORTED_PROTOCOL_VERSIONS,
  checksumOf,
  enrolRequest,
  findOp,
  pullRequest,
  pushRequest,
  type BranchSetupArgs,
  type Change,
  type MasterSeedArgs,
  type OutboxOp,
  type Rejection,
  type StockDocumentArgs,
} from '../../src-main/sync/protocol';

/**
 * A head office small enough to read in one go, following the sync protocol: per-device
 * last_seq (skip seen seqs, stop at a gap, settle a failing op as rejected), a change feed with
 * server cursors, per-bucket checksums, refetch, epochs and restores. It is a test double for
 * the client's tests — what the client must cope with (lost answers, a restored database, a
 * refusal) is switched on by the test — not a second implementation of src-server.
 */

interface FeedRow {
  cursor: number;
  branchId: string | null;
  bucket: string;
  kind: Change['kind'];
  originDeviceId?: string;
  targetDeviceId?: string;
  body: Record<string, unknown>;
}

interface Device {
  id: string;
  branchId: string;
  name: string;
  token: string;
  terminalCode: string;
  lastSeq: number;
  revoked: boolean;
}

interface Exception {
  id: string;
  branchId: string;
  warehouseId: string;
  productId: string;
  lotId: string;
  qty: number;
  status: 'open' | 'resolved';
  openedAt: number;
  resolvedAt: number | null;
}

export interface HeadOfficeState {
  epoch: string;
  devices: Device[];
  /** Settled ops per device and seq, with their op ids. */
  settled: { deviceId: string; seq: number; opId: string; status: 'applied' | 'rejected' }[];
  feed: FeedRow[];
  nextCursor: number;
  documents: Record<string, string>;
  movements: Record<string, string>;
  warehouses: Record<string, { branchId: string; deviceId: string }>;
  exceptions: Record<string, Exception>;
  masterIds: string[];
  balances: Record<string, number>;
  terminalsIssued: Record<string, number>;
}

interface Answer {
  status: number;
  body: unknown;
}

const json = (status: number, body: unknown): Answer => ({ status, body });
const refuse = (status: number, code: string, message: string, details?: Record<string, unknown>): Answer =>
  json(status, { error: details ? { code, message, details } : { code, message } });

export class FakeHeadOffice {
  readonly url = 'http://head-office.test';
  readonly branch = { id: '0190b000-0000-7000-8000-00000000b001', code: 'BJ01', name: '北京一店', timeZone: 'Asia/Shanghai' };
  state: HeadOfficeState = {
    epoch: 'epoch-1',
    devices: [],
    settled: [],
    feed: [],
    nextCursor: 1,
    documents: {},
    movements: {},
    warehouses: {},
    exceptions: {},
    masterIds: [],
    balances: {},
    terminalsIssued: {},
  };
  private codes = new Map<string, { branchId: string; used: boolean }>();
  /** Handle this many requests, then lose the answer (the connection drops after the server committed). */
  loseAnswers = 0;
  /** Unreachable: every request fails before it arrives. */
  offline = false;
  /**
   * Take the next two pushes in the opposite order: the first waits until the second has been
   * answered (as when a client's second batch overtakes its first on another connection).
   */
  swapNextPushes = false;
  private heldPush: (() => void) | null = null;
  /** Answer every sync request with this refusal instead (an old server, a strict proxy). */
  refusal: { status: number; code: string; message: string } | null = null;
  /** Ops head office refuses (a "poison" op), with the code to refuse them with. */
  poison: (op: OutboxOp) => string | null = () => null;
  /** Largest push body taken; larger ones get 413 like the real server's body limit. */
  pushBodyLimit = MAX_PUSH_BYTES + 16 * 1024;
  /** Items only head office has in a bucket's checksum (a divergence the client cannot heal). */
  phantomItems: Record<string, string[]> = {};
  readonly requests: { path: string; body: Record<string, unknown>; status: number }[] = [];

  constructor(private readonly clock: () => number) {}

  issueCode(): string {
    const code = randomBytes(6).toString('hex').toUpperCase().replace(/(.{4})(?!$)/g, '$1-');
    this.codes.set(code.replace(/-/g, ''), { branchId: this.branch.id, used: false });
    return code;
  }

  /** A copy of the whole database, as a nightly backup would take it. */
  backup(): HeadOfficeState {
    return structuredClone(this.state);
  }

  /** Restored from `backup`; the restore is declared, so the epoch changes unless told otherwise. */
  restoreFrom(backup: HeadOfficeState, options: { newEpoch?: boolean } = {}): void {
    this.state = structuredClone(backup);
    if (options.newEpoch !== false) this.state.epoch = `epoch-${randomBytes(4).toString('hex')}`;
  }

  settledCount(deviceId?: string): number {
    return this.state.settled.filter((s) => deviceId === undefined || s.deviceId === deviceId).length;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (this.offline || url.origin !== this.url) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    const raw = typeof init?.body === 'string' ? init.body : '';
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    let overtaken: (() => void) | null = null;
    if (url.pathname === '/sync/v1/push' && this.swapNextPushes) {
      if (this.heldPush) {
        overtaken = this.heldPush;
        this.heldPush = null;
        this.swapNextPushes = false;
      } else {
        await new Promise<void>((resolve) => (this.heldPush = resolve));
      }
    }
    const answer = this.answer(url.pathname, raw, auth);
    overtaken?.();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // recorded as empty
    }
    this.requests.push({ path: url.pathname, body, status: answer.status });
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    }
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };

  private answer(path: string, raw: string, auth: string): Answer {
    if (path === '/sync/v1/push' && Buffer.byteLength(raw) > this.pushBodyLimit) return refuse(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, 'BAD_REQUEST', 'not JSON');
    }
    const version = (body as { protocolVersion?: unknown }).protocolVersion;
    if (typeof version === 'number' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return refuse(426, 'UPDATE_REQUIRED', 'protocol not supported');
    if (this.refusal) return refuse(this.refusal.status, this.refusal.code, this.refusal.message);
    if (path === '/sync/v1/enrol') return this.enrol(body);
    const device = this.state.devices.find((d) => `Bearer ${d.token}` === auth);
    if (!device) return refuse(401, 'UNAUTHORIZED', 'unknown token');
    if (device.revoked) return refuse(401, 'DEVICE_REVOKED', 'revoked');
    const sentAt = (body as { sentAt?: unknown }).sentAt;
    const now = this.clock();
    if (typeof sentAt === 'number' && sentAt - now > MAX_CLOCK_AHEAD_MS) {
      return refuse(409, 'CLOCK_AHEAD', 'clock ahead', { serverTime: now, aheadMs: sentAt - now });
    }
    if (path === '/sync/v1/push') return this.push(device, body);
    if (path === '/sync/v1/pull') return this.pull(device, body);
    return refuse(404, 'BAD_REQUEST', 'no such route');
  }

  private enrol(body: unknown): Answer {
    const parsed = enrolRequest.safeParse(body);
    if (!parsed.success) return refuse(400, 'BAD_REQUEST', 'bad enrolment');
    const request = parsed.data;
    const code = this.codes.get(request.code.toUpperCase().replace(/[\s-]+/g, ''));
    if (!code || code.used) return refuse(401, 'ENROLMENT_CODE_INVALID', 'code not valid');
    if (request.localBranchCode !== null && request.localBranchCode !== this.branch.code) {
      return refuse(409, 'ENROLMENT_BRANCH_MISMATCH', 'other branch', { codeBranch: this.branch.code, localBranch: request.localBranchCode });
    }
    code.used = true;
    const token = randomBytes(32).toString('base64url');
    let device = this.state.devices.find((d) => d.id === request.deviceId);
    if (device) {
      device.token = token;
      device.revoked = false;
    } else {
      const branchId = code.branchId;
      let terminalCode = '';
      if (request.localBranchCode !== this.branch.code || this.state.devices.some((d) => d.branchId === branchId && d.terminalCode === '')) {
        const issued = (this.state.terminalsIssued[branchId] ?? 0) + 1;
        this.state.terminalsIssued[branchId] = issued;
        terminalCode = String.fromCharCode(65 + issued);
      }
      device = { id: request.deviceId, branchId, name: request.deviceName, token, terminalCode, lastSeq: 0, revoked: false };
      this.state.devices.push(device);
    }
    return json(200, { deviceToken: token, branch: this.branch, terminalCode: device.terminalCode, epoch: this.state.epoch });
  }

  private append(row: Omit<FeedRow, 'cursor'>): void {
    this.state.feed.push({ ...row, cursor: this.state.nextCursor++ });
  }

  private push(device: Device, body: unknown): Answer {
    const parsed = pushRequest.safeParse(body);
    if (!parsed.success) return refuse(400, 'BAD_REQUEST', JSON.stringify(parsed.error.issues.slice(0, 2)));
    let applied = 0;
    let skipped = 0;
    let stoppedAtGap = false;
    const rejected: Rejection[] = [];
    for (const op of [...parsed.data.ops].sort((a, b) => a.seq - b.seq)) {
      if (op.seq <= device.lastSeq) {
        skipped++;
        continue;
      }
      if (op.seq !== device.lastSeq + 1) {
        stoppedAtGap = true;
        break;
      }
      const refusal = this.settle(device, op);
      this.state.settled.push({ deviceId: device.id, seq: op.seq, opId: op.opId, status: refusal ? 'rejected' : 'applied' });
      if (refusal) {
        const rejection = { seq: op.seq, opId: op.opId, name: op.name, code: refusal.code, message: refusal.message };
        rejected.push(rejection);
        this.append({ branchId: device.branchId, bucket: 'rejections', kind: 'rejection', targetDeviceId: device.id, body: { rejection } });
      } else {
        applied++;
      }
      device.lastSeq = op.seq;
    }
    return json(200, { epoch: this.state.epoch, lastSeq: device.lastSeq, applied, skipped, rejected, stoppedAtGap, serverTime: this.clock() });
  }

  private settle(device: Device, op: OutboxOp): { code: string; message: string } | null {
    const spec = findOp(op.name, op.version);
    if (!spec) return { code: 'UNKNOWN_OP', message: `unknown op ${op.name}` };
    const args = spec.args.safeParse(op.args);
    if (!args.success) return { code: 'INVALID_ARGS', message: `invalid ${op.name} args` };
    const poison = this.poison(op);
    if (poison) return { code: poison, message: `head office refused ${op.name}` };
    if (spec.scope === 'branch-setup') {
      const setup = args.data as BranchSetupArgs;
      const founded = Object.values(this.state.warehouses).some((w) => w.branchId === device.branchId && w.deviceId !== device.id);
      if (founded) return { code: 'BRANCH_ALREADY_FOUNDED', message: 'founded elsewhere' };
      for (const w of setup.warehouses) {
        if (this.state.warehouses[w.id]) continue;
        this.state.warehouses[w.id] = { branchId: device.branchId, deviceId: device.id };
        const fields = Object.fromEntries(Object.entries({ code: w.code, name: w.name, kind: w.kind, active: true }).map(([k, v]) => [k, { value: v, hlc: op.hlc }]));
        this.append({ branchId: device.branchId, bucket: 'warehouses', kind: 'master', body: { entity: 'warehouse', id: w.id, fields } });
      }
      return null;
    }
    if (spec.scope === 'master-seed') {
      for (const row of (args.data as MasterSeedArgs).rows) {
        const key = `${row.entity}:${row.id}`;
        if (this.state.masterIds.includes(key)) continue;
        this.state.masterIds.push(key);
        const fields = Object.fromEntries(Object.entries(row.fields).map(([k, v]) => [k, { value: v, hlc: op.hlc }]));
        this.append({ branchId: null, bucket: 'master', kind: 'master', body: { entity: row.entity, id: row.id, fields } });
      }
      return null;
    }
    if (spec.scope !== 'document') {
      // Bins, sales records and counts: relayed to the branch's other PCs as they came (the real
      // server's own checks are tested in tests/server and tests/sync against it).
      this.append({ branchId: device.branchId, bucket: spec.buckets[0] ?? 'other', kind: 'op', originDeviceId: device.id, body: { name: op.name, version: op.version, args: op.args, originDeviceId: device.id } });
      return null;
    }
    const doc = args.data as StockDocumentArgs;
    if (this.state.documents[doc.document.id]) return null;
    this.state.documents[doc.document.id] = device.branchId;
    this.append({ branchId: device.branchId, bucket: 'documents', kind: 'op', originDeviceId: device.id, body: { name: op.name, version: op.version, args: op.args, originDeviceId: device.id } });
    const touched = new Set<string>();
    for (const m of doc.movements) {
      if (this.state.movements[m.id]) continue;
      this.state.movements[m.id] = device.branchId;
      const key = [device.branchId, m.warehouseId, m.productId, m.lotId].join('|');
      this.state.balances[key] = (this.state.balances[key] ?? 0) + m.qty;
      touched.add(key);
    }
    for (const key of touched) this.reconcileException(key);
    return null;
  }

  /** Exactly one open exception per negative balance; resolved when the balance is back. */
  private reconcileException(key: string): void {
    const [branchId = '', warehouseId = '', productId = '', lotId = ''] = key.split('|');
    const qty = this.state.balances[key] ?? 0;
    const open = Object.values(this.state.exceptions).find(
      (e) => e.status === 'open' && e.branchId === branchId && e.warehouseId === warehouseId && e.productId === productId && e.lotId === lotId,
    );
    let changed: Exception | null = null;
    if (qty < 0 && !open) {
      changed = { id: randomUUID(), branchId, warehouseId, productId, lotId, qty, status: 'open', openedAt: this.clock(), resolvedAt: null };
      this.state.exceptions[changed.id] = changed;
    } else if (open && qty >= 0) {
      changed = Object.assign(open, { status: 'resolved' as const, resolvedAt: this.clock() });
    } else if (open && open.qty !== qty) {
      changed = Object.assign(open, { qty });
    }
    if (changed) {
      const { branchId: _b, ...exception } = changed;
      this.append({ branchId, bucket: 'exceptions', kind: 'exception', body: { exception } });
    }
  }

  private pull(device: Device, body: unknown): Answer {
    const parsed = pullRequest.safeParse(body);
    if (!parsed.success) return refuse(400, 'BAD_REQUEST', 'bad pull');
    const { cursor, limit, refetch } = parsed.data;
    const refetchBuckets = new Set(refetch.map((b) => (b === 'movements' ? 'documents' : b)));
    const visible = this.state.feed.filter(
      (c) =>
        (c.branchId === null || c.branchId === device.branchId) &&
        (c.kind !== 'rejection' || c.targetDeviceId === device.id) &&
        (c.kind !== 'op' || c.originDeviceId !== device.id) &&
        (c.cursor > cursor || refetchBuckets.has(c.bucket)),
    );
    const page = visible.slice(0, limit);
    const more = visible.length > limit;
    const last = page.at(-1)?.cursor ?? 0;
    const ids = (record: Record<string, string | { branchId: string }>) =>
      Object.entries(record)
        .filter(([, v]) => (typeof v === 'string' ? v : v.branchId) === device.branchId)
        .map(([id]) => id);
    const withPhantoms = (bucket: string, list: string[]) => checksumOf([...list, ...(this.phantomItems[bucket] ?? [])]);
    return json(200, {
      epoch: this.state.epoch,
      changes: page.map((c) => ({ ...c.body, kind: c.kind, cursor: c.cursor, bucket: c.bucket }) as Change),
      cursor: more ? last : Math.max(cursor, last),
      more,
      checksums: more
        ? {}
        : {
            documents: withPhantoms('documents', ids(this.state.documents)),
            movements: withPhantoms('movements', ids(this.state.movements)),
            warehouses: withPhantoms('warehouses', ids(this.state.warehouses)),
            exceptions: withPhantoms('exceptions', ids(this.state.exceptions)),
          },
      lastSeq: device.lastSeq,
      serverTime: this.clock(),
    });
  }
}
