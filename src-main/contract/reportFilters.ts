import { z } from 'zod';
import * as f from './schemas';

/**
 * Each report's filters, named once: the reports page builds its filter bar from these keys,
 * every host parses them at the edge, and services/reports/reportDefinitions.ts runs the query
 * they describe. Dates are business dates; a filter left out is "all".
 */

const period = {
  dateFrom: f.isoDate,
  dateTo: f.isoDate,
};
const validPeriod = <T extends { dateFrom: string; dateTo: string }>(i: T) => i.dateFrom <= i.dateTo;
const periodRule = { error: 'DATE_RANGE_INVALID', path: ['dateTo'] };

const stockScope = {
  warehouseId: f.id.optional(),
  categoryId: f.id.optional(),
  productId: f.id.optional(),
};
const salesScope = {
  customerId: f.id.optional(),
  salesperson: z.string().trim().max(40, { error: 'TOO_LONG' }).optional(),
  region: z.string().trim().max(40, { error: 'TOO_LONG' }).optional(),
};

export const salesGroupings = ['customer', 'product', 'salesperson', 'region', 'month'] as const;
export const returnDimensions = ['product', 'customer', 'supplier', 'reason', 'month'] as const;

export const reportFilters = {
  /** Quantity and FIFO value per product and warehouse at the end of a business date. */
  stockValuation: z.strictObject({ asOf: f.isoDate, ...stockScope }),
  /** 流水账: every movement in the period with opening, running and closing balances. */
  movementLedger: z.strictObject({ ...period, ...stockScope }).refine(validPeriod, periodRule),
  /** Stock on hand by lot: how long it has been here and how long until it expires. */
  stockAgeing: z.strictObject({ ...stockScope }),
  /** Deliveries in the period: revenue, cost of goods sold and gross margin, grouped. */
  salesMargin: z.strictObject({ ...period, groupBy: z.enum(salesGroupings), ...salesScope, ...stockScope }).refine(validPeriod, periodRule),
  /** What each customer owes at the end of a date, by invoice age: 0–30, 31–60, 61–90, 90+ days. */
  receivablesAgeing: z.strictObject({ asOf: f.isoDate, ...salesScope }),
  /** 对账单: a customer's invoices, payments and credit notes in the period with running balance. */
  customerStatement: z.strictObject({ ...period, customerId: f.id }).refine(validPeriod, periodRule),
  /** Return rates against deliveries (services/returnAnalysis.ts), by one dimension. */
  returnAnalysis: z.strictObject({ ...period, dimension: z.enum(returnDimensions) }).refine(validPeriod, periodRule),
  /** Count lines posted in the period: book, counted, variance and its value, with the reason. */
  countVariances: z.strictObject({ ...period, ...stockScope }).refine(validPeriod, periodRule),
  /** Cost of goods sold against average stock per product; slow movers first. */
  turnover: z.strictObject({ ...period, ...stockScope }).refine(validPeriod, periodRule),
} as const;

export type ReportId = keyof typeof reportFilters;
export const reportIds = Object.keys(reportFilters) as ReportId[];
export type ReportFilters<R extends ReportId> = z.output<(typeof reportFilters)[R]>;
export type ReportFilterInput<R extends ReportId> = z.input<(typeof reportFilters)[R]>;

const requestOf = <R extends ReportId>(reportId: R) => z.strictObject({ reportId: z.literal(reportId), filters: reportFilters[reportId] });

/** The method input: a report and its filters, checked by that report's own schema. */
export const reportRequest = z.discriminatedUnion('reportId', [
  requestOf('stockValuation'),
  requestOf('movementLedger'),
  requestOf('stockAgeing'),
  requestOf('salesMargin'),
  requestOf('receivablesAgeing'),
  requestOf('customerStatement'),
  requestOf('returnAnalysis'),
  requestOf('countVariances'),
  requestOf('turnover'),
]);

export type ReportRequest = z.output<typeof reportRequest>;
