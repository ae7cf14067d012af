import type { ApiErrorPayload } from '../../../src-main/contract';

/** A problem shown next to a field: an error or validation code with its params, translated at render. */
export interface Problem {
  code: string;
  params?: Record<string, string | number>;
}

/** The fields of a form line, in the order Enter walks through them. */
export type LineField = 'product' | 'direction' | 'unit' | 'qty' | 'lot' | 'production' | 'expiry' | 'cost';

export type LineProblems = Partial<Record<LineField, Problem>>;

export interface FormProblems {
  /** Header fields by their contract name: warehouseId, supplierId, businessDate, note, reasonCode. */
  header: Record<string, Problem>;
  /** Per form line, by the line's key. */
  lines: Record<string, LineProblems>;
  /** Problems that belong to no field the form shows. */
  other: Problem[];
}

export const noProblems: FormProblems = { header: {}, lines: {}, other: [] };

export function hasProblems(p: FormProblems): boolean {
  return Object.keys(p.header).length > 0 || Object.values(p.lines).some((l) => Object.keys(l).length > 0) || p.other.length > 0;
}

/** Contract line field → the form field that shows it. */
const lineFieldOf: Record<string, LineField> = {
  productId: 'product',
  unitCode: 'unit',
  qty: 'qty',
  lotId: 'lot',
  lotCode: 'lot',
  expiryDate: 'expiry',
  productionDate: 'production',
  unitCostFen: 'cost',
};

/**
 * Puts the server's field issues next to the form fields they concern. One form line may have
 * become several contract lines (see splitForPosting), so `origins[i]` names the form line
 * behind contract line i.
 */
export function placeServerProblems(payload: ApiErrorPayload, origins: readonly string[], headerFields: readonly string[]): FormProblems {
  const result: FormProblems = { header: {}, lines: {}, other: [] };
  for (const issue of payload.fields ?? []) {
    const problem: Problem = { code: issue.code, ...(issue.params ? { params: issue.params } : {}) };
    const segments = issue.path.split('.');
    if (segments[0] === 'lines' && segments.length >= 2) {
      const key = origins[Number(segments[1])];
      const field = lineFieldOf[segments[2] ?? ''] ?? 'product';
      if (key !== undefined) {
        const line = (result.lines[key] ??= {});
        line[field] ??= problem;
        continue;
      }
    }
    const name = segments[0] ?? '';
    if (headerFields.includes(name)) result.header[name] ??= problem;
    else result.other.push(problem);
  }
  return result;
}

/** Field issues the user can act on beside a field make a banner redundant, except a summary. */
export function countLineProblems(p: FormProblems): number {
  return Object.values(p.lines).reduce((n, l) => n + Object.keys(l).length, 0);
}

let keySeed = 0;
/** A key for a form line, stable for the line's life (React key, focus target, error target). */
export function newLineKey(): string {
  keySeed += 1;
  return `l${Date.now().toString(36)}${keySeed}`;
}
