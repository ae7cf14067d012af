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
  'settings.write',
  'setup.run',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  clerk: ['app.read', 'master.read', 'stock.read', 'stock.receive', 'stock.adjust', 'settings.write'],
  sales: ['app.read', 'master.read', 'stock.read', 'settings.write'],
  accountant: ['app.read', 'master.read', 'stock.read', 'settings.write'],
  manager: ['app.read', 'master.read', 'stock.read', 'stock.receive', 'stock.adjust', 'stock.reverse', 'settings.write'],
  admin: [...permissions],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}
