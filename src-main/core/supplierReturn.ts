/**
 * A return to a supplier (退供) and the claim it makes:
 *
 *   draft ──send──▶ sent ──accept──▶ accepted ──credit──▶ credited
 *     │               │                 │
 *     │ cancel        └──── reject ─────┴──▶ rejected
 *     ▼
 *   cancelled
 *
 * A draft is the clerk's list of goods to send back; `send` posts the stock issue, after which
 * the goods are gone and the return can no longer be cancelled (it is answered by the supplier:
 * an RMA, a credit, or a refusal). The supplier may credit less than claimed; the rest is
 * written off (the distributor bears it), never left open.
 */

/** Goods go back to a supplier for the same coded reasons as customer returns (damage, expiry, quality…). */
export { returnReasonCodes, type ReturnReasonCode } from './customerReturn';

export const supplierReturnStatuses = ['draft', 'sent', 'accepted', 'credited', 'rejected', 'cancelled'] as const;
export type SupplierReturnStatus = (typeof supplierReturnStatuses)[number];

export const supplierReturnActions = ['edit', 'send', 'accept', 'credit', 'reject', 'cancel'] as const;
export type SupplierReturnAction = (typeof supplierReturnActions)[number];

const transitions: Record<SupplierReturnAction, { from: readonly SupplierReturnStatus[]; to: SupplierReturnStatus }> = {
  edit: { from: ['draft'], to: 'draft' },
  send: { from: ['draft'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  credit: { from: ['accepted'], to: 'credited' },
  reject: { from: ['sent', 'accepted'], to: 'rejected' },
  cancel: { from: ['draft'], to: 'cancelled' },
};

export function allowedSupplierReturnActions(status: SupplierReturnStatus): SupplierReturnAction[] {
  return supplierReturnActions.filter((a) => transitions[a].from.includes(status));
}

/** The state an action leads to, or null when the state does not allow it. */
export function supplierReturnTransition(status: SupplierReturnStatus, action: SupplierReturnAction): SupplierReturnStatus | null {
  const t = transitions[action];
  return t.from.includes(status) ? t.to : null;
}

/** Statuses in which the goods have left and the claim is still open with the supplier. */
export const openClaimStatuses: readonly SupplierReturnStatus[] = ['sent', 'accepted'];

export interface ClaimFigures {
  claimFen: number;
  creditedFen: number;
  /** Claimed and not credited by a settled claim (credited in part, or rejected); 0 while open. */
  writtenOffFen: number;
  /** Still awaited from the supplier. */
  openFen: number;
}

/**
 * Where a claim stands. A credited claim's shortfall and a rejected claim's whole amount are
 * written off; a claim still with the supplier is open; a draft or cancelled return claims
 * nothing yet.
 */
export function claimFigures(status: SupplierReturnStatus, claimFen: number, creditedFen: number): ClaimFigures {
  if (status === 'credited') return { claimFen, creditedFen, writtenOffFen: Math.max(0, claimFen - creditedFen), openFen: 0 };
  if (status === 'rejected') return { claimFen, creditedFen: 0, writtenOffFen: claimFen, openFen: 0 };
  if (openClaimStatuses.includes(status)) return { claimFen, creditedFen: 0, writtenOffFen: 0, openFen: claimFen };
  return { claimFen, creditedFen: 0, writtenOffFen: 0, openFen: 0 };
}

/** A credit is a positive amount not above the claim (a supplier does not pay more than was claimed). */
export function creditProblem(claimFen: number, creditedFen: number): 'CREDIT_NOT_POSITIVE' | 'CREDIT_ABOVE_CLAIM' | null {
  if (creditedFen <= 0) return 'CREDIT_NOT_POSITIVE';
  if (creditedFen > claimFen) return 'CREDIT_ABOVE_CLAIM';
  return null;
}

/** A return rate in basis points of what was delivered (10000 = 100 %), or null when nothing was delivered. */
export function returnRateBp(returned: number, delivered: number): number | null {
  if (delivered <= 0) return null;
  return Math.round((returned * 10_000) / delivered);
}
