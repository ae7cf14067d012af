/**
 * Who may do what. Checked by the API for every method before the service runs, so a hidden
 * button is never the only guard. Roles follow the handbooks' split of duties: clerks move
 * stock, sales staff sell, accountants read and lock, managers approve and correct, admins set up.
 */
export const roles = ['clerk', 'sales', 'accountant', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'app.read',
  'master.read',
  'stock.read',
  'stock.receive',
  'stock.adjust',
  'stock.reverse',
  'stock.count',
  'stock.countApprove',
  'sales.read',
  'sales.order',
  'sales.approve',
  'sales.deliver',
  'sales.invoice',
  'sales.payment',
  'returns.read',
  'returns.create',
  'returns.approve',
  'returns.receive',
  'returns.settle',
  'periods.lock',
  'purchasing.read',
  'purchasing.order',
  'purchasing.receive',
  'returns.supplier',
  'settings.write',
  'setup.run',
  'sync.read',
  'sync.run',
  'sync.configure',
  // --- backups and restore (issue 9) ---
  'backups.manage',
  'accounting.export',
  'accounting.configure',
  'targets.write',
  'stock.transfer',
  // Reports and their exports (issue 8).
  'reports.read',
  // Issue 9: users, audit trail, customer data protection.
  'users.manage',
  'audit.read',
  'customers.sensitive',
] as const;
export type Permission = (typeof permissions)[number];

// Sales staff take orders and collect payment; clerks deliver what was ordered (they hold the
// stock); accountants invoice and collect; only managers approve what breaks credit or price rules.
// Managers order from suppliers (they commit the branch's money); clerks receive against the
// orders (they hold the stock) and accountants read them to match suppliers' invoices.
// Supplier returns (退供) move stock out and make a claim on the supplier: clerks, who hold the
// returns area, and managers send them; accountants read them (the claim is money owed to us).
// Everyone sees the sync state and may sync now (a clerk must not wait for a manager to send
// the day's receipts); binding the PC to a server and branch is for managers and admins.
// Returns: the sales desk and the clerks take them, clerks receive and inspect the goods, accountants and
// managers settle the money, only managers approve a return outside the policy; the accountant
// closes periods (关账).
// Accountants and managers export vouchers, keep the account mapping and set sales targets;
// everyone who reads sales sees attainment and the dashboard.
// Stock transfers (调拨) move stock between warehouses and branches: clerks, who hold the stock,
// and managers send and receive them; everyone who reads stock sees them.
// Customers' contacts, addresses and credit terms are confidential (the handbooks' 客户资料保密):
// only accountants, managers and admins receive them; the sales desk and clerks see names and
// codes. Accountants and managers read the audit trail; only admins manage the PC's users.
const matrix: Record<Role, readonly Permission[]> = {
  clerk: [
    'app.read',
    'master.read',
    'stock.read',
    'stock.receive',
    'stock.adjust',
    'stock.count',
    'stock.transfer',
    'sales.read',
    'sales.deliver',
    'returns.read',
    'returns.create',
    'returns.receive',
    'returns.supplier',
    'purchasing.read',
    'purchasing.receive',
    'settings.write',
    'sync.read',
    'sync.run',
  ],
  sales: ['app.read', 'master.read', 'stock.read', 'sales.read', 'sales.order', 'sales.payment', 'returns.read', 'returns.create', 'settings.write', 'sync.read', 'sync.run'],
  accountant: [
    'app.read',
    'master.read',
    'stock.read',
    'sales.read',
    'sales.invoice',
    'sales.payment',
    'returns.read',
    'returns.settle',
    'periods.lock',
    'purchasing.read',
    'settings.write',
    'sync.read',
    'sync.run',
    'accounting.export',
    'accounting.configure',
    'targets.write',
    'reports.read',
    'audit.read',
    'customers.sensitive',
  ],
  manager: [
    'app.read',
    'master.read',
    'stock.read',
    'stock.receive',
    'stock.adjust',
    'stock.reverse',
    'stock.count',
    'stock.countApprove',
    'stock.transfer',
    'sales.read',
    'sales.order',
    'sales.approve',
    'sales.deliver',
    'sales.invoice',
    'sales.payment',
    'returns.read',
    'returns.create',
    'returns.approve',
    'returns.receive',
    'returns.settle',
    'periods.lock',
    'purchasing.read',
    'purchasing.order',
    'purchasing.receive',
    'returns.supplier',
    'settings.write',
    'sync.read',
    'sync.run',
    'sync.configure',
    // A restore throws away what was posted since the backup: a manager's decision, like an approval.
    'backups.manage',
    'accounting.export',
    'accounting.configure',
    'targets.write',
    'reports.read',
    'audit.read',
    'customers.sensitive',
  ],
  admin: [...permissions],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

/** The permissions a role holds, for the session's answer (the UI shows what the user may do). */
export function permissionsOf(role: Role): readonly Permission[] {
  return matrix[role];
}
