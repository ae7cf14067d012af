import type { MethodResult } from '../contract';
import { all } from './sql';
import type { ServiceContext } from './types';

export function listWarehouses(ctx: ServiceContext): MethodResult<'master.warehouses'> {
  return all<{ id: string; code: string; name: string; kind: 'main' | 'returns' | 'transit'; active: number }>(
    ctx.db,
    `SELECT id, code, name, kind, active FROM warehouses ORDER BY CASE kind WHEN 'main' THEN 0 WHEN 'returns' THEN 1 ELSE 2 END, code`,
  ).map((w) => ({ ...w, active: w.active === 1 }));
}

export function listSuppliers(ctx: ServiceContext): MethodResult<'master.suppliers'> {
  return all<{ id: string; code: string; name: string }>(ctx.db, 'SELECT id, code, name FROM suppliers WHERE active = 1 ORDER BY code');
}

export function listCategories(ctx: ServiceContext): MethodResult<'master.categories'> {
  return all<{ id: string; code: string; name_zh: string; name_en: string }>(ctx.db, 'SELECT id, code, name_zh, name_en FROM categories ORDER BY code').map(
    (c) => ({ id: c.id, code: c.code, nameZh: c.name_zh, nameEn: c.name_en }),
  );
}
