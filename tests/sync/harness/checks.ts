import { expect } from 'vitest';
import type { HeadOfficeView } from './headOffice';
import { deviceIdOf, localBalances, localDocumentIds, localMovementSums, localOpenExceptions, outboxCount, outboxDocumentIds, pendingOps, type Pc } from './pc';

export interface BranchCheck {
  documents: number;
  balances: number;
  negativeBalances: number;
  openExceptions: number;
  ops: number;
}

/** ' reverses <id>, also reversed by …' for a reversal, from the PC that wrote it. */
function reversesNote(pcs: readonly Pc[], id: string): string {
  for (const pc of pcs) {
    const row = pc.app.db.$client.prepare('SELECT reverses_document_id AS r FROM stock_documents WHERE id = ?').get(id) as { r: string | null } | undefined;
    if (row?.r) return ` reverses ${row.r}`;
  }
  return '';
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/**
 * After a clean final sync of every PC of one branch: the PCs agree with each other and with
 * head office, nothing is lost or twice, and the ledger's own sums hold on every side.
 */
export function expectBranchConverged(label: string, pcs: readonly Pc[], ho: HeadOfficeView): BranchCheck {
  const first = pcs[0];
  if (!first) throw new Error('a branch without PCs');
  const balances = localBalances(first);
  for (const pc of pcs) {
    expect(pendingOps(pc), `${label} ${pc.name}: pending ops`).toBe(0);
    expect(sorted(localBalances(pc)), `${label} ${pc.name}: balances equal the first PC's`).toEqual(sorted(balances));
    expect(sorted(localMovementSums(pc)), `${label} ${pc.name}: Σ movements = balances`).toEqual(sorted(localBalances(pc)));
  }
  // Nothing lost, nothing twice: head office holds exactly the union of what the PCs wrote.
  const written = pcs.flatMap(outboxDocumentIds);
  expect(new Set(written).size, `${label}: no document written twice`).toBe(written.length);
  expect(ho.documentIds, `${label}: head office has every PC's documents, once`).toEqual([...written].sort());
  for (const pc of pcs) {
    const local = new Set(localDocumentIds(pc));
    const missing = ho.documentIds.filter((id) => !local.has(id)).map((id) => `${id} ${ho.documentInfo.get(id) ?? ''}${reversesNote(pcs, id)}`);
    expect(missing, `${label} ${pc.name}: documents of the branch this PC lacks`).toEqual([]);
    expect(local.size, `${label} ${pc.name}: no document head office lacks`).toBe(ho.documentIds.length);
  }
  // Every op once at head office (ingested by device and seq).
  for (const pc of pcs) expect(ho.ingestedByDevice.get(deviceIdOf(pc)) ?? 0, `${label} ${pc.name}: ops ingested`).toBe(outboxCount(pc));
  expect(sorted(ho.balances), `${label}: head office balances = the PCs'`).toEqual(sorted(balances));
  expect(sorted(ho.movementSums), `${label}: head office Σ movements = balances`).toEqual(sorted(ho.balances));
  // Exactly one open exception per negative balance, with its quantity; the PCs see the same.
  const negative = sorted(ho.balances).filter(([, q]) => q < 0);
  expect(
    ho.openExceptions.map((e) => [e.key, e.qty]),
    `${label}: one open exception per negative balance`,
  ).toEqual(negative);
  for (const pc of pcs) expect(localOpenExceptions(pc), `${label} ${pc.name}: open exceptions as head office`).toEqual(ho.openExceptions);
  return { documents: ho.documentIds.length, balances: balances.size, negativeBalances: negative.length, openExceptions: ho.openExceptions.length, ops: ho.ingestedOps };
}
