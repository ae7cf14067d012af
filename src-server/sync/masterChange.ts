import { masterEntities, type MasterEntity } from '../../src-main/sync/protocol';
import type { MasterFields } from '../db/schema';
import type { NewChange } from './changeFeed';

/**
 * The master data head office owns and edits. Warehouses are master-like too, but each belongs
 * to its branch and is founded by the branch's first PC (see applyBranchSetup).
 */
export const headOfficeEntities = masterEntities.filter((e): e is Exclude<MasterEntity, 'warehouse'> => e !== 'warehouse');
export type HeadOfficeEntity = (typeof headOfficeEntities)[number];

/** Master data flows to every branch (branch_id null); its checksum item is entity and id. */
export function masterChange(entity: HeadOfficeEntity, id: string, fields: MasterFields): NewChange {
  return { branchId: null, bucket: 'master', kind: 'master', itemId: `${entity}:${id}`, payload: { entity, id, fields } };
}
