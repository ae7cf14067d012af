import type { MethodResult } from '../contract';
import { findBranch, todayAt } from './branch';
import { get } from './sql';
import type { ServiceContext } from './types';

export function appInfo(ctx: ServiceContext): MethodResult<'app.info'> {
  const branch = findBranch(ctx);
  const user = get<{ id: string; display_name: string; role: 'clerk' | 'sales' | 'accountant' | 'manager' | 'admin' }>(
    ctx.db,
    'SELECT id, display_name, role FROM users WHERE id = ?',
    ctx.session.current?.userId ?? '',
  );
  return {
    version: ctx.appVersion,
    schemaVersion: Number(ctx.db.$client.pragma('user_version', { simple: true })),
    host: ctx.host,
    dataPath: ctx.db.$client.name,
    branch: branch ? { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.time_zone } : null,
    user: user ? { id: user.id, displayName: user.display_name, role: user.role } : null,
    today: branch ? todayAt(ctx, branch) : null,
  };
}
