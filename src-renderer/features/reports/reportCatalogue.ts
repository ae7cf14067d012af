import type { ReportFilterInput, ReportId } from '../../../src-main/contract/reportFilters';

/**
 * The reports page's list and each report's filter bar. The filters themselves are the
 * contract's zod schemas (checked by the API); this says which fields the bar shows and what
 * they start as.
 */

export type FilterField = 'asOf' | 'period' | 'warehouseId' | 'categoryId' | 'productId' | 'customerId' | 'salesperson' | 'region' | 'groupBy' | 'dimension';

export interface CatalogueEntry {
  id: ReportId;
  group: 'stock' | 'sales' | 'control';
  fields: readonly FilterField[];
  /** The filters a report opens with, from today's business date. */
  defaults: (today: string) => Record<string, string>;
}

export const monthStart = (today: string) => `${today.slice(0, 7)}-01`;
export const yearStart = (today: string) => `${today.slice(0, 4)}-01-01`;

const stockScope: FilterField[] = ['warehouseId', 'categoryId', 'productId'];

export const catalogue: readonly CatalogueEntry[] = [
  { id: 'stockValuation', group: 'stock', fields: ['asOf', ...stockScope], defaults: (today) => ({ asOf: today }) },
  { id: 'movementLedger', group: 'stock', fields: ['period', ...stockScope], defaults: (today) => ({ dateFrom: monthStart(today), dateTo: today }) },
  { id: 'stockAgeing', group: 'stock', fields: stockScope, defaults: () => ({}) },
  {
    id: 'salesMargin',
    group: 'sales',
    fields: ['period', 'groupBy', 'customerId', 'salesperson', 'region', ...stockScope],
    defaults: (today) => ({ dateFrom: monthStart(today), dateTo: today, groupBy: 'customer' }),
  },
  { id: 'receivablesAgeing', group: 'sales', fields: ['asOf', 'customerId', 'salesperson', 'region'], defaults: (today) => ({ asOf: today }) },
  { id: 'customerStatement', group: 'sales', fields: ['period', 'customerId'], defaults: (today) => ({ dateFrom: yearStart(today), dateTo: today }) },
  { id: 'returnAnalysis', group: 'control', fields: ['period', 'dimension'], defaults: (today) => ({ dateFrom: monthStart(today), dateTo: today, dimension: 'product' }) },
  { id: 'countVariances', group: 'control', fields: ['period', ...stockScope], defaults: (today) => ({ dateFrom: monthStart(today), dateTo: today }) },
  { id: 'turnover', group: 'control', fields: ['period', ...stockScope], defaults: (today) => ({ dateFrom: yearStart(today), dateTo: today }) },
];

export function findReport(id: string): CatalogueEntry | undefined {
  return catalogue.find((r) => r.id === id);
}

/** The filters to send: the ones set, empty ones left out (they mean "all"). */
export function requestFilters<R extends ReportId>(values: Record<string, string>): ReportFilterInput<R> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as ReportFilterInput<R>;
}
