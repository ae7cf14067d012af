import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerApp, type LedgerApp } from '../../../src-main/services/openLedgerApp';
import { ApiError, createClient, type LedgerClient } from '../../../src-renderer/api/createClient';
import { createHeadOfficeBranch, enrolmentCode, type CatalogueProduct } from './headOffice';
import type { Random } from './random';

/**
 * A branch PC for the sync tests: a real ledger file in a temp folder, the real API and the real
 * sync client (background sync off: the test decides when each PC syncs), on the wall clock.
 */
export interface Pc {
  name: string;
  app: LedgerApp;
  client: LedgerClient;
  dataDir: string;
  /** Closes the ledger (the file stays until `dispose`). */
  close(): void;
  /** Closes and deletes the ledger folder. */
  dispose(): void;
}

export function openPc(name: string, dataDir = mkdtempSync(join(tmpdir(), 'sync-pc-')), fetchImpl?: typeof fetch): Pc {
  const app = openLedgerApp({ dataDir, host: 'node', autoSync: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    app.close();
  };
  return {
    name,
    app,
    client: createClient((method, input) => app.api.invoke(method, input)),
    dataDir,
    close,
    dispose: () => {
      close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BranchPcs {
  branchId: string;
  code: string;
  pcs: Pc[];
}

/**
 * A branch as head office creates it and its PCs join it: the first PC sets the branch up and
 * enrols (its warehouses go to head office), the others enrol empty and take the branch from
 * head office. `pcServerUrl` is where the PCs talk to head office (the fault proxy, say).
 */
export async function createBranchPcs(options: {
  adminUrl: string;
  pcServerUrl: string;
  code: string;
  pcs: number;
  fetchFor?: (i: number) => typeof fetch;
}): Promise<BranchPcs> {
  const branch = await createHeadOfficeBranch(options.adminUrl, options.code);
  const pcs: Pc[] = [];
  for (let i = 0; i < options.pcs; i++) {
    const pc = openPc(`${options.code}#${i + 1}`, undefined, options.fetchFor?.(i));
    pcs.push(pc);
    if (i === 0) await pc.client['setup.createBranch']({ code: options.code, name: `${options.code} 分店`, timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
    await pc.client['sync.enrol']({ serverUrl: options.pcServerUrl, code: await enrolmentCode(options.adminUrl, branch.id), deviceName: `PC ${i + 1}`, adminPassword: 'admin-pass-1' });
    const status = await pc.client['sync.now']({});
    if (status.lastError) throw new Error(`${pc.name} could not sync after enrolment: ${status.lastError.code} ${status.lastError.message}`);
  }
  return { branchId: branch.id, code: options.code, pcs };
}

// ── What a PC holds ─────────────────────────────────────────────────────────────────────

const sqlite = (pc: Pc) => pc.app.db.$client;

export function pendingOps(pc: Pc): number {
  return (sqlite(pc).prepare('SELECT COUNT(*) AS n FROM sync_outbox WHERE acked_at IS NULL').get() as { n: number }).n;
}

export function outboxCount(pc: Pc): number {
  return (sqlite(pc).prepare('SELECT COUNT(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

export function deviceIdOf(pc: Pc): string {
  const row = sqlite(pc).prepare("SELECT value FROM sync_state WHERE key = 'deviceId'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as string) : '';
}

/** 'warehouse|product|lot' → qty, non-zero only. */
export function localBalances(pc: Pc): Map<string, number> {
  const r = sqlite(pc).prepare("SELECT warehouse_id || '|' || product_id || '|' || lot_id AS k, qty FROM stock_balances WHERE qty <> 0 ORDER BY 1").all() as { k: string; qty: number }[];
  return new Map(r.map((x) => [x.k, x.qty]));
}

export function localMovementSums(pc: Pc): Map<string, number> {
  const r = sqlite(pc)
    .prepare("SELECT warehouse_id || '|' || product_id || '|' || lot_id AS k, SUM(qty) AS qty FROM stock_movements GROUP BY 1 HAVING SUM(qty) <> 0 ORDER BY 1")
    .all() as { k: string; qty: number }[];
  return new Map(r.map((x) => [x.k, x.qty]));
}

export function localDocumentIds(pc: Pc): string[] {
  return (sqlite(pc).prepare('SELECT id FROM stock_documents ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

/** Documents this PC wrote itself: the ids its outbox carries. */
export function outboxDocumentIds(pc: Pc): string[] {
  return (
    sqlite(pc)
      .prepare("SELECT json_extract(args, '$.document.id') AS id FROM sync_outbox WHERE name IN ('stock.receive', 'stock.adjust', 'stock.reverse') ORDER BY 1")
      .all() as { id: string }[]
  ).map((r) => r.id);
}

export function localOpenExceptions(pc: Pc): { key: string; qty: number; id: string }[] {
  return (
    sqlite(pc)
      .prepare("SELECT id, warehouse_id || '|' || product_id || '|' || lot_id AS key, qty FROM stock_exceptions WHERE status = 'open' ORDER BY key")
      .all() as { key: string; qty: number; id: string }[]
  ).map((r) => ({ key: r.key, qty: r.qty, id: r.id }));
}

// ── Random documents ────────────────────────────────────────────────────────────────────

export type DocumentKind = 'receipt' | 'writeOff' | 'found' | 'reversal';
export type PostOutcome = DocumentKind | 'refused';

function mainWarehouse(pc: Pc): string {
  return (sqlite(pc).prepare("SELECT id FROM warehouses WHERE kind = 'main' ORDER BY code LIMIT 1").get() as { id: string }).id;
}

function onHand(pc: Pc, warehouseId: string, productId: string): number {
  return (
    sqlite(pc).prepare('SELECT COALESCE(SUM(qty), 0) AS n FROM stock_balances WHERE warehouse_id = ? AND product_id = ?').get(warehouseId, productId) as { n: number }
  ).n;
}

/**
 * Posts one document a clerk could post here: a receipt, a write-off of up to everything this PC
 * believes is on hand (two PCs doing so offline oversell), stock found, or the reversal of a
 * document this PC knows. The ledger refuses what would go negative locally: 'refused'.
 */
export async function postRandomDocument(pc: Pc, random: Random, products: readonly CatalogueProduct[], kind?: DocumentKind): Promise<PostOutcome> {
  const warehouseId = mainWarehouse(pc);
  const chosen = kind ?? random.pick<DocumentKind>(['receipt', 'receipt', 'writeOff', 'writeOff', 'found', 'reversal']);
  try {
    switch (chosen) {
      case 'receipt': {
        const lines = Array.from({ length: random.int(1, 2) }, (_, i) => ({
          productId: (products[(random.int(0, products.length - 1) + i) % products.length] as CatalogueProduct).id,
          unitCode: 'EA',
          qty: random.int(1, 30),
          unitCostFen: random.int(100, 500),
        }));
        const distinct = lines.filter((l, i) => lines.findIndex((x) => x.productId === l.productId) === i);
        await pc.client['stock.receive']({ warehouseId, lines: distinct });
        return 'receipt';
      }
      case 'writeOff': {
        const stocked = products.filter((p) => onHand(pc, warehouseId, p.id) > 0);
        if (stocked.length === 0) return postRandomDocument(pc, random, products, 'receipt');
        const product = random.pick(stocked);
        const have = onHand(pc, warehouseId, product.id);
        // Mostly a large share of what is on hand, so PCs writing off offline oversell.
        const qty = random.chance(0.6) ? Math.max(1, Math.ceil(have * 0.7)) : random.int(1, have);
        await pc.client['stock.adjust']({ warehouseId, reasonCode: 'damage', lines: [{ productId: product.id, unitCode: 'EA', qty: -qty }] });
        return 'writeOff';
      }
      case 'found': {
        await pc.client['stock.adjust']({ warehouseId, reasonCode: 'found', lines: [{ productId: random.pick(products).id, unitCode: 'EA', qty: random.int(1, 10), unitCostFen: 200 }] });
        return 'found';
      }
      case 'reversal': {
        const candidates = sqlite(pc)
          .prepare(
            `SELECT d.id FROM stock_documents d
              WHERE d.doc_type <> 'reversal' AND NOT EXISTS (SELECT 1 FROM stock_documents r WHERE r.reverses_document_id = d.id)
              ORDER BY d.id`,
          )
          .all() as { id: string }[];
        if (candidates.length === 0) return postRandomDocument(pc, random, products, 'receipt');
        await pc.client['stock.reverse']({ documentId: random.pick(candidates).id });
        return 'reversal';
      }
    }
  } catch (error) {
    if (error instanceof ApiError) return 'refused';
    throw error;
  }
}

/**
 * A fetch that can lose answers: `loseAnswers(n)` makes the next n requests reach head office and
 * be answered, and the answer never arrives (as if the line dropped on the way back).
 */
export function interruptibleFetch(): { fetch: typeof fetch; loseAnswers(n: number): void; lost(): number } {
  let toLose = 0;
  let lost = 0;
  return {
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const body = await res.arrayBuffer();
      if (toLose > 0) {
        toLose--;
        lost++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return new Response(body, { status: res.status, headers: res.headers });
    },
    loseAnswers: (n) => {
      toLose = n;
    },
    lost: () => lost,
  };
}

/**
 * Waits until the wall clock has moved past this millisecond. "Later" between two PCs is their
 * hybrid logical clocks (millisecond, counter, device): two changes in the same millisecond of two
 * PCs' clocks are ordered by counter and device id, not by which came first. A test that makes one
 * change "later" on another PC waits for this between them.
 */
export async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1));
}
