import type * as R from '../contract/results';
import type { ApprovalReason } from '../core/salesPricing';
import { roleHasPermission } from '../core/permissions';
import type { ServiceContext } from './types';

/**
 * Customers' contacts, addresses and credit are confidential (客户资料保密): a role without
 * customers.sensitive is not sent them at all, so no screen, printout or copied API answer can
 * show them. Every method that returns a customer's credit or contacts goes through these, so the
 * rule is decided in one place:
 * - the credit picture (`credit`) is left out of the answer;
 * - an approval reason keeps its code (the desk must know the order waits for a manager because
 *   of credit) but not the limit and exposure figures;
 * - contacts, phone and address are left out.
 */
export function readsSensitiveCustomerData(ctx: ServiceContext): boolean {
  return roleHasPermission(ctx.currentUser.role, 'customers.sensitive');
}

/** `{ credit }` for a role that may see it, `{}` otherwise: spread into the answer. */
export function creditIfAllowed(ctx: ServiceContext, credit: () => R.CreditStatus): { credit?: R.CreditStatus } {
  return readsSensitiveCustomerData(ctx) ? { credit: credit() } : {};
}

/** Approval reasons as the role may see them: a credit reason without its figures. */
export function approvalReasonsForRole(ctx: ServiceContext, reasons: readonly ApprovalReason[]): ApprovalReason[] {
  if (readsSensitiveCustomerData(ctx)) return [...reasons];
  return reasons.map((r) => (r.code === 'CREDIT_LIMIT' ? { code: 'CREDIT_LIMIT' } : r));
}

/** A customer's contact facts (person, phone, address) for the role: empty strings when it may not see them. */
export function customerContactsForRole<T extends { contact: string; phone: string; address: string }>(ctx: ServiceContext, c: T): T {
  return readsSensitiveCustomerData(ctx) ? c : { ...c, contact: '', phone: '', address: '' };
}
