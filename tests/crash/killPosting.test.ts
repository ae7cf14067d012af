import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../db/openLedgerDb';
import { openLedgerApp, type LedgerApp } from '../../src-main/services/openLedgerApp';
import { seedSales } from '../helpers/salesFixtures';
import { createTestLedger } from '../helpers/testLedger';
import { createRandom, testSeed } from '../sync/harness/random';

/**
 * kill -9 of the process that is posting, at hundreds of random moments: receipts, write-offs,
 * sales deliveries (create, allocate, deliver) and stock counts (start, record, submit, post),
 * all through the real API on a real ledger file. After every kill the file must be sound
 * (integrity_check), hold no half-written document (every document whole, its movements equal
 * to its lines, Σ movements = balances = cost layers, every document in the outbox and the
 * outbox without gaps), and hold every commit the process had reported as confirmed.
 *
 * The child is bundled once with esbuild, so each of the hundreds of starts costs a plain
 * `node` start rather than a TypeScript compile.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const root = join(__dirname, '..', '..');
let work: string;
let childScript: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'crash-'));
  childScript = join(work, 'postingChild.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['tests/crash/postingChild.ts'],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    // The child never exports; leaving out the spreadsheet and PDF writers halves its start.
    plugins: [
      {
        name: 'no-export-writers',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^(exceljs|pdfkit)$/ }, (args) => ({ path: args.path, namespace: 'unused-writer' }));
          pluginBuild.onLoad({ filter: /.*/, namespace: 'unused-writer' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
        },
      },
    ],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Confirmed {
  table: string;
  id: string;
  status: string;
}

/** Later states never go back: a status read after a kill is the confirmed one or a later one. */
const statusOrder: Record<string, readonly string[]> = {
  sales_orders: ['quote', 'pending_approval', 'confirmed', 'allocated', 'partly_delivered', 'delivered', 'invoiced', 'paid', 'closed', 'cancelled'],
  stock_counts: ['counting', 'review', 'posted', 'cancelled'],
};

function one<T>(app: LedgerApp, sql: string, ...params: unknown[]): T {
  return app.db.$client.prepare(sql).get(...params) as T;
}

/** Every way a kill could have left the ledger half-written; each answers 0 on a sound one. */
const soundnessChecks: Record<string, string> = {
  'stock documents without lines or movements, or whose lines, totals and movements disagree': `
    SELECT COUNT(*) FROM stock_documents d
     WHERE NOT EXISTS (SELECT 1 FROM stock_document_lines l WHERE l.document_id = d.id)
        OR NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.document_id = d.id)
        OR d.total_qty <> (SELECT SUM(l.qty) FROM stock_document_lines l WHERE l.document_id = d.id)
        OR (SELECT SUM(l.qty) FROM stock_document_lines l WHERE l.document_id = d.id) <> (SELECT SUM(m.qty) FROM stock_movements m WHERE m.document_id = d.id)`,
  'balances that are not the sum of their movements': `
    SELECT COUNT(*) FROM (SELECT warehouse_id, product_id, lot_id, SUM(qty) AS q FROM stock_movements GROUP BY 1, 2, 3) m
      FULL OUTER JOIN stock_balances b USING (warehouse_id, product_id, lot_id)
     WHERE COALESCE(m.q, 0) <> COALESCE(b.qty, 0)`,
  'open cost layers that are not the balance': `
    SELECT COUNT(*) FROM (SELECT warehouse_id, product_id, SUM(qty) AS q FROM stock_balances GROUP BY 1, 2) b
      FULL OUTER JOIN (SELECT warehouse_id, product_id, SUM(qty_remaining) AS q FROM cost_layers GROUP BY 1, 2) c USING (warehouse_id, product_id)
     WHERE COALESCE(b.q, 0) <> COALESCE(c.q, 0)`,
  'sales orders without lines': `SELECT COUNT(*) FROM sales_orders o WHERE NOT EXISTS (SELECT 1 FROM sales_order_lines l WHERE l.order_id = o.id)`,
  'delivered orders whose delivery did not issue what the lines ordered': `
    SELECT COUNT(*) FROM sales_orders o
     WHERE o.status = 'delivered'
       AND (SELECT SUM(l.qty) FROM sales_order_lines l WHERE l.order_id = o.id)
           <> -(SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m JOIN stock_documents d ON d.id = m.document_id WHERE d.doc_type = 'delivery' AND d.source_id = o.id)`,
  'stock counts without lines': `SELECT COUNT(*) FROM stock_counts c WHERE NOT EXISTS (SELECT 1 FROM stock_count_lines l WHERE l.count_id = c.id)`,
  'documents no outbox op names': `
    SELECT (SELECT COUNT(*) FROM stock_documents WHERE id NOT IN (SELECT t.value FROM sync_outbox o, json_tree(o.args) t WHERE t.type = 'text'))
         + (SELECT COUNT(*) FROM sales_orders WHERE id NOT IN (SELECT t.value FROM sync_outbox o, json_tree(o.args) t WHERE t.type = 'text'))
         + (SELECT COUNT(*) FROM stock_counts WHERE id NOT IN (SELECT t.value FROM sync_outbox o, json_tree(o.args) t WHERE t.type = 'text'))`,
  'outbox ops for documents that are not there': `
    SELECT COUNT(*) FROM sync_outbox o
     WHERE json_extract(o.args, '$.document.id') IS NOT NULL AND json_extract(o.args, '$.document.id') NOT IN (SELECT id FROM stock_documents)`,
  'gaps in the outbox sequence': `SELECT COALESCE(MAX(seq), 0) - COUNT(*) FROM sync_outbox`,
};

function runChild(dataDir: string, seed: number, fixture: object) {
  const child = spawn(process.execPath, [childScript, dataDir, defaultMigrationsFolder, String(seed), JSON.stringify(fixture)], {
    cwd: root,
    // The bundle sits in a temp folder; its external packages come from the project's node_modules.
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners.splice(0)) l();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const okLines = () => (out.match(/^ok /gm) ?? []).length;
  return {
    /** Resolves when the output has grown (or the child is gone). */
    nextOutput: () => new Promise<void>((resolve) => {
      listeners.push(resolve);
      void exited.then(resolve);
    }),
    okLines,
    output: () => out,
    errors: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('kill -9 while posting', () => {
  it(`${KILLS} kills at random moments: the ledger is sound after each, and every confirmed commit is there`, { timeout: 600_000 }, async () => {
    const seed = testSeed();
    console.log(`[crash] seed ${seed}`);
    const random = createRandom(seed);
    const l = await createTestLedger({ autoSync: false });
    const dataDir = l.dataDir;
    const sales = seedSales(l);
    l.app.db.$client.prepare('UPDATE customers SET credit_limit_fen = 100000000000 WHERE id = ?').run(sales.supermarket);
    const fixture = { warehouseId: l.catalogue.warehouseId, supplierId: l.catalogue.supplierId, customerId: sales.supermarket, water: l.catalogue.water.id, tissue: l.catalogue.tissue.id };
    l.app.close();

    const confirmed = new Map<string, Confirmed>();
    let refusedTotal = 0;
    let confirmedLines = 0;
    let killsAfterCommit = 0;
    const phase = { ready: 0, verify: 0 };
    for (let k = 0; k < KILLS; k++) {
      const t0 = performance.now();
      const child = runChild(dataDir, seed + k, fixture);
      while (!/^ready$/m.test(child.output())) {
        if (!child.alive()) throw new Error(`the child died: ${child.errors()}`);
        await child.nextOutput();
      }
      phase.ready += performance.now() - t0;
      if (k % 4 === 0) {
        // Right after a confirmed commit, while the next command is starting.
        const before = child.okLines();
        while (child.okLines() === before && child.alive()) await child.nextOutput();
        killsAfterCommit++;
      } else {
        await new Promise((resolve) => setTimeout(resolve, random.int(0, 200)));
      }
      await child.kill9();
      expect(child.errors(), 'the child reported an error').toBe('');
      for (const line of child.output().split('\n')) {
        if (line.startsWith('ok ')) confirmedLines++;
        const m = /^ok (\S+) (\S+) ?(\S*)$/.exec(line);
        if (m) confirmed.set(`${m[1]}:${m[2]}`, { table: m[1] as string, id: m[2] as string, status: m[3] ?? '' });
        if (line.startsWith('refused ')) refusedTotal++;
      }

      const t1 = performance.now();
      const app = openLedgerApp({ dataDir, host: 'node', autoSync: false });
      try {
        expect(app.damaged(), `kill ${k}: the ledger opens`).toBeNull();
        expect(app.db.$client.prepare('PRAGMA integrity_check').pluck().get(), `kill ${k}: integrity_check`).toBe('ok');
        for (const [what, sql] of Object.entries(soundnessChecks)) {
          expect(app.db.$client.prepare(sql).pluck().get(), `kill ${k}: ${what}`).toBe(0);
        }
        for (const c of confirmed.values()) {
          const row = one<{ status?: string } | undefined>(app, `SELECT * FROM ${c.table} WHERE id = ?`, c.id);
          expect(row, `kill ${k}: confirmed ${c.table} ${c.id} is there`).toBeDefined();
          const order = statusOrder[c.table];
          if (order && c.status) {
            expect(order.indexOf(row?.status ?? ''), `kill ${k}: ${c.table} ${c.id} is ${c.status} or later`).toBeGreaterThanOrEqual(order.indexOf(c.status));
          }
        }
      } finally {
        app.close();
      }
      phase.verify += performance.now() - t1;
    }
    console.log(`[crash] time to ready ${Math.round(phase.ready)} ms, verifying ${Math.round(phase.verify)} ms`);

    const app = openLedgerApp({ dataDir, host: 'node', autoSync: false });
    const tally = (table: string) => one<{ n: number }>(app, `SELECT COUNT(*) AS n FROM ${table}`).n;
    const summary = `${tally('stock_documents')} stock documents, ${tally('sales_orders')} sales orders, ${tally('stock_counts')} counts, ${tally('sync_outbox')} outbox ops`;
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`[crash] ${KILLS} kills (${killsAfterCommit} right after a commit): ${confirmedLines} confirmed commits (${confirmed.size} documents and states) all present; ${summary}; ${refusedTotal} refusals`);
    // Most kills landed while the ledger was busy posting, not before its first command.
    expect(confirmedLines).toBeGreaterThan(KILLS / 2);
  });
});
