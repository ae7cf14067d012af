/**
 * A sales order's states (distributor handbook: enquiry and quote → internal approval → order
 * → stock check and allocation → picking and delivery → invoice → collection):
 *
 *   quote ──confirm──▶ pending_approval ──approve──▶ confirmed ──allocate──▶ allocated
 *     ▲                    │ reject                      │                     │ deliver
 *     └────────────────────┘                             ▼                     ▼
 *                                          partly_delivered ──▶ delivered ──invoice──▶ invoiced ──pay──▶ paid
 *
 * `confirm` goes straight to confirmed when nothing needs approval. Past confirmation the
 * state follows from the quantities (allocated, delivered, invoiced, paid), so it is derived
 * here from them rather than set by each command. A quote or an order not yet delivered can be
 * amended (an amended order is checked again) or cancelled; once goods have left, the rest of an
 * order can only be closed short, and a delivery is answered by a return, not by a cancel.
 */

export const salesOrderStatuses = [
  'quote',
  'pending_approval',
  'confirmed',
  'allocated',
  'partly_delivered',
  'delivered',
  'invoiced',
  'paid',
  'closed',
  'cancelled',
] as const;
export type SalesOrderStatus = (typeof salesOrderStatuses)[number];

export const salesActions = ['amend', 'confirm', 'approve', 'reject', 'allocate', 'deliver', 'invoice', 'cancel', 'close'] as const;
export type SalesAction = (typeof salesActions)[number];

export interface FulfilmentFacts {
  /** Base units ordered on lines still open (ordered − closed), summed. */
  orderedQty: number;
  allocatedQty: number;
  deliveredQty: number;
  invoicedQty: number;
  /** Invoices issued for the order, all fully paid. */
  invoicesPaid: boolean;
}

/** The state of a confirmed order from its quantities. */
export function fulfilmentStatus(f: FulfilmentFacts, closed: boolean): SalesOrderStatus {
  const allDelivered = f.deliveredQty >= f.orderedQty;
  if (f.deliveredQty > 0 && allDelivered && f.invoicedQty >= f.deliveredQty) return f.invoicesPaid ? 'paid' : 'invoiced';
  if (closed && f.deliveredQty > 0 && allDelivered) return 'closed';
  if (f.deliveredQty > 0) return allDelivered ? 'delivered' : 'partly_delivered';
  if (f.allocatedQty > 0) return 'allocated';
  return 'confirmed';
}

const beforeDelivery: readonly SalesOrderStatus[] = ['quote', 'pending_approval', 'confirmed', 'allocated'];

/** The actions the order's state allows; the service checks quantities (anything to deliver?) too. */
export function allowedActions(status: SalesOrderStatus, f: FulfilmentFacts): SalesAction[] {
  const out: SalesAction[] = [];
  if (beforeDelivery.includes(status) && f.deliveredQty === 0) out.push('amend', 'cancel');
  if (status === 'quote') out.push('confirm');
  if (status === 'pending_approval') out.push('approve', 'reject');
  const open = status === 'confirmed' || status === 'allocated' || status === 'partly_delivered';
  if (open && f.allocatedQty + f.deliveredQty < f.orderedQty) out.push('allocate');
  if (open && f.allocatedQty > 0) out.push('deliver');
  if (f.deliveredQty > f.invoicedQty && status !== 'cancelled') out.push('invoice');
  if (status === 'partly_delivered') out.push('close');
  return out;
}

export function actionAllowed(status: SalesOrderStatus, f: FulfilmentFacts, action: SalesAction): boolean {
  return allowedActions(status, f).includes(action);
}

/** Statuses in which an order still counts against the customer's credit (not yet invoiced in full). */
export const openOrderStatuses: readonly SalesOrderStatus[] = ['pending_approval', 'confirmed', 'allocated', 'partly_delivered', 'delivered'];

/** Receivables ageing buckets by days past the invoice date (handbook: 0–30, 31–60, 61–90, 90+). */
export function ageingBucket(daysOld: number): '0-30' | '31-60' | '61-90' | '90+' {
  if (daysOld <= 30) return '0-30';
  if (daysOld <= 60) return '31-60';
  if (daysOld <= 90) return '61-90';
  return '90+';
}
