/**
 * Stock count (盘点) rules: the states a count goes through, how a line's variance is judged,
 * and ABC classes for cycle counts. Pure; the service reads the figures and applies verdicts.
 *
 * Book quantities are a snapshot taken when the count starts. Goods keep moving while people
 * count, so a line's expected quantity is its snapshot plus the net movements posted between
 * the snapshot and the moment the line was last counted: a sale shipped before the clerk got to
 * the shelf was already gone and is not a loss; one shipped after it was counted is in the
 * book and in the count, and the variance posted at the end still corrects today's book.
 */

export const countStatuses = ['counting', 'review', 'posted', 'cancelled'] as const;
export type CountStatus = (typeof countStatuses)[number];

export const countScopes = ['full', 'partial', 'cycle'] as const;
export type CountScope = (typeof countScopes)[number];

export const countReasons = ['damage', 'expiry', 'theft_loss', 'receiving_error', 'data_error'] as const;
export type CountReason = (typeof countReasons)[number];

export type CountAction = 'record' | 'submit' | 'review' | 'approve' | 'recount' | 'post' | 'cancel';

const allowed: Record<CountStatus, readonly CountAction[]> = {
  // Reasons may be set while counting goes on (a damaged case is noted when it is found).
  counting: ['record', 'submit', 'review', 'cancel'],
  review: ['review', 'approve', 'recount', 'post', 'cancel'],
  posted: [],
  cancelled: [],
};

export function countAllows(status: CountStatus, action: CountAction): boolean {
  return allowed[status].includes(action);
}

export interface CountThresholds {
  /** A first-round |variance| above this share (‰) of the expected quantity is recounted. */
  recountPermille: number;
  /** |variance value| at or above this many fen needs a manager's approval; 0 = never. */
  approvalValueFen: number;
}

export interface CountLineFigures {
  bookQty: number;
  /** Net base units moved between the snapshot and when the line was counted (or now, if it was not). */
  movedSinceSnapshot: number;
  /** Σ entries of the current round; null when nobody counted it in this round. */
  countedQty: number | null;
  round: number;
  /** Average cost of one base unit, fen (fractional); null when the product has no cost yet. */
  unitCostFen: number | null;
  approved: boolean;
  reasonCode: string | null;
}

export type UncountedRule = 'zero' | 'keep';

export interface LineVerdict {
  expectedQty: number;
  /** The quantity the count says is there; for an uncounted line, per the rule given. */
  countedQty: number;
  varianceQty: number;
  varianceValueFen: number;
  counted: boolean;
  needsRecount: boolean;
  needsApproval: boolean;
  needsReason: boolean;
  /** Nothing stops this line from posting. */
  ready: boolean;
}

export function judgeLine(line: CountLineFigures, thresholds: CountThresholds, uncounted: UncountedRule = 'zero'): LineVerdict {
  const expectedQty = line.bookQty + line.movedSinceSnapshot;
  const counted = line.countedQty !== null;
  const countedQty = line.countedQty ?? (uncounted === 'zero' ? 0 : expectedQty);
  const varianceQty = countedQty - expectedQty;
  const varianceValueFen = varianceQty === 0 ? 0 : Math.round(varianceQty * (line.unitCostFen ?? 0));
  const differs = varianceQty !== 0;
  const needsRecount =
    differs && counted && line.round === 1 && Math.abs(varianceQty) * 1000 > thresholds.recountPermille * Math.max(Math.abs(expectedQty), 1);
  const needsApproval = differs && thresholds.approvalValueFen > 0 && Math.abs(varianceValueFen) >= thresholds.approvalValueFen;
  const needsReason = differs && line.reasonCode === null;
  const ready = !needsReason && ((!needsRecount && !needsApproval) || line.approved);
  return { expectedQty, countedQty, varianceQty, varianceValueFen, counted, needsRecount, needsApproval, needsReason, ready };
}

export type AbcClass = 'A' | 'B' | 'C';
export const abcClasses = ['A', 'B', 'C'] as const;

/**
 * ABC classes by usage value: products sorted by the value that left the warehouse in the
 * period; those making up the first 80% are A, the next 15% B, the rest (and anything that did
 * not move) C. Ties keep the given order, so the result is deterministic.
 */
export function classifyAbc(items: readonly { productId: string; usageValueFen: number }[], cutA = 800, cutB = 950): Map<string, AbcClass> {
  const sorted = [...items].sort((a, b) => b.usageValueFen - a.usageValueFen);
  const total = sorted.reduce((n, i) => n + Math.max(i.usageValueFen, 0), 0);
  const classes = new Map<string, AbcClass>();
  let before = 0;
  for (const item of sorted) {
    const value = Math.max(item.usageValueFen, 0);
    // Classed by where the item starts in the cumulative share, so the item crossing 80% is still A.
    const startPermille = total === 0 ? 1000 : (before * 1000) / total;
    classes.set(item.productId, value === 0 ? 'C' : startPermille < cutA ? 'A' : startPermille < cutB ? 'B' : 'C');
    before += value;
  }
  return classes;
}

/** The zone of a bin code: the part before the first dash ("A-01-03" → "A"). */
export function zoneOf(location: string): string {
  const dash = location.indexOf('-');
  return (dash === -1 ? location : location.slice(0, dash)).trim().toUpperCase();
}
