import { parseHlc } from '../../src-main/core/hlc';
import { MAX_CLOCK_AHEAD_MS, type MasterSeedArgs } from '../../src-main/sync/protocol';
import { masterRows, type MasterFields } from '../db/schema';
import type { ServerTx } from '../openServerDb';
import type { BatchState } from './batchState';
import { masterChange, type HeadOfficeEntity } from './masterChange';
import { OpRejected } from './OpRejected';
import type { OpContext, SettledOp } from './opContext';

/**
 * `master.import`: master data a device brings with it (the demo catalogue), under the ids its
 * own rows and movements use. Head office owns master data, so a row is taken only where head
 * office has no row of that id; existing rows are never overwritten. Each field is stamped with
 * the op's HLC, so any later head-office edit wins.
 *
 * Seeds are rare and one op can carry a whole catalogue, so this one writes as it goes (head
 * office's existing rows decide what is taken) instead of through the batch state.
 */
export async function applyMasterSeed(tx: ServerTx, state: BatchState, ctx: OpContext, op: SettledOp, args: MasterSeedArgs): Promise<void> {
  const warehouse = args.rows.find((r) => r.entity === 'warehouse');
  if (warehouse) throw new OpRejected('INVALID_ARGS', `Warehouse ${warehouse.id} cannot be imported as master data; warehouses come with the branch's setup`);
  // A device clock far ahead would make its seeded fields beat every head-office edit until
  // that time comes (Actual #7106); such an op is refused rather than stored.
  if (parseHlc(op.hlc).ms - ctx.now > MAX_CLOCK_AHEAD_MS) {
    throw new OpRejected('CLOCK_AHEAD', 'This op was stamped by a clock far ahead of head office; correct the PC clock');
  }
  for (let i = 0; i < args.rows.length; i += 1000) {
    const chunk = args.rows.slice(i, i + 1000).map((r) => {
      const fields: MasterFields = {};
      for (const [name, value] of Object.entries(r.fields)) fields[name] = { value, hlc: op.hlc };
      return { entity: r.entity, id: r.id, fields, updatedAt: ctx.now };
    });
    const inserted = await tx
      .insert(masterRows)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ entity: masterRows.entity, id: masterRows.id, fields: masterRows.fields });
    for (const row of inserted) state.changes.push(masterChange(row.entity as HeadOfficeEntity, row.id, row.fields));
  }
}
