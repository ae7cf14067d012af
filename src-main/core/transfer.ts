/**
 * A stock transfer (调拨单) between two warehouses of the branch or to another branch:
 *
 *   draft ──send──▶ sent ──receive──▶ received ──close──▶ closed
 *     │           (in transit)
 *     │ cancel
 *     ▼
 *   cancelled
 *
 * Two parts, each with one writer (DESIGN.md, single writer): the sending branch writes the
 * shipment (the document, its lines and its status: draft, sent, closed, cancelled) and the
 * receiving branch writes the receipt (what arrived, and the discrepancies). The status a user
 * sees is derived from both: a sent shipment with a receipt is "received" until the sender
 * closes it, having seen what arrived. Between warehouses of one branch both parts are written
 * by the same branch, and a receipt closes the transfer at once.
 *
 * Sending issues the goods from the source warehouse at FIFO cost, lot by lot; until the receipt
 * they are in transit, valued at what they left with. The receipt takes them into the
 * destination in the same lots at the same cost. A difference is never silently lost: a short
 * line is written off (a loss in transit, at the cost the goods left with) and an over line is
 * either accepted into stock (at the line's cost) or returned to the sender; both need a reason.
 */

export const transferShipmentStatuses = ['draft', 'sent', 'closed', 'cancelled'] as const;
export type TransferShipmentStatus = (typeof transferShipmentStatuses)[number];

export const transferStatuses = ['draft', 'sent', 'received', 'closed', 'cancelled'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const transferActions = ['edit', 'send', 'cancel', 'receive', 'close'] as const;
export type TransferAction = (typeof transferActions)[number];

/** Why a received quantity differs from the sent one (调拨差异原因). */
export const transferDiscrepancyReasons = ['damaged', 'lost', 'miscount', 'wrong_item', 'other'] as const;
export type TransferDiscrepancyReason = (typeof transferDiscrepancyReasons)[number];

/** What happens to a difference: short goods are written off; extra goods are accepted or sent back. */
export const transferDispositions = ['write_off', 'accept', 'return'] as const;
export type TransferDisposition = (typeof transferDispositions)[number];

/** The status a user sees, from the shipment's own status and whether a receipt exists. */
export function transferStatus(shipment: TransferShipmentStatus, received: boolean): TransferStatus {
  if (shipment === 'sent' && received) return 'received';
  return shipment;
}

const transitions: Record<TransferAction, readonly TransferStatus[]> = {
  edit: ['draft'],
  send: ['draft'],
  cancel: ['draft'],
  receive: ['sent'],
  close: ['received'],
};

export function transferActionAllowed(status: TransferStatus, action: TransferAction): boolean {
  return transitions[action].includes(status);
}

/** Which side may take an action: the sender owns the shipment, the receiver the receipt. */
export function transferActionSide(action: TransferAction): 'sender' | 'receiver' {
  return action === 'receive' ? 'receiver' : 'sender';
}

export type DiscrepancyProblem = 'REASON_REQUIRED' | 'DISPOSITION_REQUIRED' | 'DISPOSITION_INVALID' | 'NO_DISCREPANCY';

/**
 * Checks one received line against what was sent: equal needs nothing (and takes no reason);
 * short must be written off, over must be accepted or returned, and either needs a reason.
 */
export function discrepancyProblem(sentQty: number, receivedQty: number, reason: string | null, disposition: TransferDisposition | null): DiscrepancyProblem | null {
  if (receivedQty === sentQty) return reason !== null || disposition !== null ? 'NO_DISCREPANCY' : null;
  if (reason === null) return 'REASON_REQUIRED';
  if (disposition === null) return 'DISPOSITION_REQUIRED';
  if (receivedQty < sentQty && disposition !== 'write_off') return 'DISPOSITION_INVALID';
  if (receivedQty > sentQty && disposition === 'write_off') return 'DISPOSITION_INVALID';
  return null;
}

/**
 * What a received line posts into the destination: everything that arrived, except extra
 * goods sent back to the sender. Base units.
 */
export function quantityTakenIn(sentQty: number, receivedQty: number, disposition: TransferDisposition | null): number {
  if (receivedQty > sentQty && disposition === 'return') return sentQty;
  return receivedQty;
}

/**
 * The value that comes in with `qty` base units of a line that left with `sentValueFen` for
 * `sentQty`: all of it for the whole line, in proportion (rounded half away from zero) otherwise,
 * so a full receipt brings in exactly what left.
 */
export function valueTakenIn(sentQty: number, sentValueFen: number, qty: number): number {
  if (qty === sentQty) return sentValueFen;
  if (sentQty === 0) return 0;
  return Math.round((sentValueFen * qty) / sentQty);
}
