import { roundToPack } from './purchaseOrder';

/**
 * Replenishment (补货) rules: how much a warehouse should reorder of a product, from its demand,
 * the supplier's lead time and a safety stock (handbook: forecast demand, keep safety stock, plan
 * replenishment). Quantities are integer base units; demand is a rate (base units per day) and
 * only ever rounded up into stock levels, so the branch errs towards having the goods.
 *
 *   reorder point (min) = demand/day × lead time + safety stock
 *   order-up-to (max)   = reorder point + demand/day × review period
 *   position            = on hand + on order − committed
 *   suggestion          = max − position when position ≤ min, rounded up to whole case packs
 *                         and to at least the supplier's minimum order quantity.
 */

/** Service levels offered for a safety stock by statistics, with their normal-distribution z. */
export const serviceLevels = { '90': 1.2816, '95': 1.6449, '97.5': 1.96, '98': 2.0537, '99': 2.3263, '99.5': 2.5758 } as const;
export type ServiceLevel = keyof typeof serviceLevels;
export const serviceLevelKeys = Object.keys(serviceLevels) as ServiceLevel[];

export type SafetyStockRule = { kind: 'days'; days: number } | { kind: 'service'; level: ServiceLevel };

/** Days of demand looked back over for the moving average. */
export const demandWindows = [28, 56, 91, 182] as const;
export const DEFAULT_REVIEW_DAYS = 7;
/** A seasonal factor is kept within this band: a year-ago spike should not triple an order. */
export const SEASONALITY_MIN_PERMILLE = 500;
export const SEASONALITY_MAX_PERMILLE = 2000;

/**
 * Demand statistics over a window of days (days with no sale count as zero): the moving average
 * and the standard deviation of daily demand.
 */
export function dailyDemand(sumQty: number, sumSquaresOfDays: number, windowDays: number): { mean: number; stdDev: number } {
  if (windowDays <= 0) return { mean: 0, stdDev: 0 };
  const mean = Math.max(0, sumQty) / windowDays;
  const variance = Math.max(0, sumSquaresOfDays / windowDays - mean * mean);
  return { mean, stdDev: Math.sqrt(variance) };
}

/**
 * The seasonal factor (‰): how demand in the coming period compared with the window before it,
 * a year ago. Without sales a year ago in both periods there is no season to go by (1000).
 */
export function seasonalityPermille(lastYearWindowQty: number, lastYearWindowDays: number, lastYearAheadQty: number, lastYearAheadDays: number): number {
  if (lastYearWindowQty <= 0 || lastYearAheadQty <= 0 || lastYearWindowDays <= 0 || lastYearAheadDays <= 0) return 1000;
  const ratio = lastYearAheadQty / lastYearAheadDays / (lastYearWindowQty / lastYearWindowDays);
  return Math.min(SEASONALITY_MAX_PERMILLE, Math.max(SEASONALITY_MIN_PERMILLE, Math.round(ratio * 1000)));
}

/** A quantity of demand in whole base units, rounded up (1e-9: 0.1 × 30 must not round 3.0000000004 up to 4). */
function wholeUnits(x: number): number {
  return x <= 0 ? 0 : Math.ceil(x - 1e-9);
}

/** Safety stock in base units: days of cover, or z × σ(daily) × √lead time for a service level. */
export function safetyStock(rule: SafetyStockRule, demandPerDay: number, stdDevPerDay: number, leadTimeDays: number): number {
  if (rule.kind === 'days') return wholeUnits(demandPerDay * rule.days);
  return wholeUnits(serviceLevels[rule.level] * stdDevPerDay * Math.sqrt(Math.max(0, leadTimeDays)));
}

export interface PolicyInput {
  demandPerDay: number;
  stdDevPerDay: number;
  leadTimeDays: number;
  reviewDays: number;
  safety: SafetyStockRule;
  /** The buyer's own levels for this product and warehouse, base units; each overrides the computed one. */
  overrideMin?: number | null;
  overrideMax?: number | null;
}

export interface Policy {
  safetyStock: number;
  /** Reorder point: at or below it, order. */
  min: number;
  /** Order up to this level. */
  max: number;
  source: 'computed' | 'override';
}

/** Min/max for a product in a warehouse: computed from demand, or the buyer's override. */
export function reorderPolicy(p: PolicyInput): Policy {
  const ss = safetyStock(p.safety, p.demandPerDay, p.stdDevPerDay, p.leadTimeDays);
  const computedMin = wholeUnits(p.demandPerDay * p.leadTimeDays) + ss;
  const min = p.overrideMin ?? computedMin;
  const computedMax = Math.max(min, computedMin + wholeUnits(p.demandPerDay * p.reviewDays));
  const max = Math.max(min, p.overrideMax ?? computedMax);
  const overridden = (p.overrideMin ?? null) !== null || (p.overrideMax ?? null) !== null;
  return { safetyStock: ss, min, max, source: overridden ? 'override' : 'computed' };
}

/** Stock position: what is on hand and on order, less what is promised to customers. */
export function stockPosition(onHand: number, onOrder: number, committed: number): number {
  return onHand + onOrder - committed;
}

/** Base units needed to bring the position up to max, when it is at or below min (0 otherwise). */
export function neededQty(policy: Pick<Policy, 'min' | 'max'>, position: number): number {
  if (policy.max <= 0 || position > policy.min) return 0;
  return Math.max(0, policy.max - position);
}

/**
 * A need in whole purchase units (cases of `packFactor` base units), at least the minimum order
 * quantity (base units, itself rounded up to whole cases). Nothing needed: nothing ordered.
 */
export function roundToPacks(need: number, packFactor: number, minOrderQty: number): { packs: number; qty: number } {
  if (need <= 0) return { packs: 0, qty: 0 };
  const qty = roundToPack(need, packFactor, minOrderQty);
  return { packs: qty / Math.max(1, packFactor), qty };
}

/** Days the stock on hand lasts at the current demand; null without demand. */
export function daysOfCover(onHand: number, demandPerDay: number): number | null {
  if (demandPerDay <= 0) return null;
  return Math.max(0, onHand) / demandPerDay;
}
