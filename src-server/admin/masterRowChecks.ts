import { and, eq, ne, type SQL } from 'drizzle-orm';
import { masterRows } from '../db/schema';
import { HttpError } from '../httpErrors';
import type { ServerTx } from '../openServerDb';
import type { HeadOfficeEntity } from '../sync/masterChange';
import { masterField } from './masterField';
import { masterDataRules, rowIssues, type FieldIssue, type FieldValues } from './masterDataRules';

export function badFields(message: string, issues: FieldIssue[]): HttpError {
  const first = issues[0];
  const detail = first ? `: ${first.path.replace(/^fields\./, '')} ${first.message}` : '';
  return new HttpError(400, 'BAD_REQUEST', `${message}${detail}`, { issues });
}

async function exists(tx: ServerTx, entity: string, where: SQL | undefined): Promise<boolean> {
  const [row] = await tx
    .select({ id: masterRows.id })
    .from(masterRows)
    .where(and(eq(masterRows.entity, entity), where))
    .limit(1);
  return row !== undefined;
}

/**
 * The row as it will be stored, checked against the rest of master data inside the edit's
 * transaction (which holds the change-feed lock, so two edits cannot both take one code): the
 * rules of the row itself, then that the rows it names exist, that a price's unit is a unit of its
 * product, and that no other row has the same code or key. Throws; the caller rolls back.
 */
export async function checkMasterRow(tx: ServerTx, entity: HeadOfficeEntity, id: string, row: FieldValues, changed: readonly string[], isNew: boolean): Promise<void> {
  const rules = masterDataRules[entity];
  const own = rowIssues(entity, row, isNew);
  if (own.length > 0) throw badFields(`This ${entity} cannot be saved`, own);

  const missing: FieldIssue[] = [];
  for (const [field, target] of Object.entries(rules.refs)) {
    const value = row[field];
    if (!changed.includes(field) || typeof value !== 'string') continue;
    if (!(await exists(tx, target, eq(masterRows.id, value)))) missing.push({ path: `fields.${field}`, message: `names no ${target} at head office` });
  }
  const unitOf = rules.unitOf;
  if (unitOf && (changed.includes(unitOf.product) || changed.includes(unitOf.unit)) && missing.length === 0) {
    const productId = row[unitOf.product];
    const unit = row[unitOf.unit];
    if (typeof productId === 'string' && typeof unit === 'string') {
      const found = await exists(tx, 'product_unit', and(eq(masterField(masterRows.fields, 'productId'), productId), eq(masterField(masterRows.fields, 'code'), unit)));
      if (!found) missing.push({ path: `fields.${unitOf.unit}`, message: `${unit} is not a unit of this product` });
    }
  }
  if (missing.length > 0) throw badFields(`This ${entity} names data head office does not have`, missing);

  for (const key of rules.unique) {
    if (!key.some((f) => changed.includes(f))) continue;
    const values = key.map((f) => row[f]);
    if (values.some((v) => typeof v !== 'string')) continue;
    const sameKey = and(ne(masterRows.id, id), ...key.map((f, i) => eq(masterField(masterRows.fields, f), values[i] as string)));
    if (await exists(tx, entity, sameKey)) {
      const issues = [{ path: `fields.${key.at(-1) ?? ''}`, message: `another ${entity} already has ${key.join(' + ')} ${values.join(' / ')}` }];
      throw new HttpError(409, 'CONFLICT', `Another ${entity} already has ${key.join(' + ')} ${values.join(' / ')}`, { issues });
    }
  }
}
