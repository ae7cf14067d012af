import type { ExportedFile, MethodResult, ParsedInput } from '../contract';
import type { AuditRow } from '../contract/results';
import { addDays } from '../core/businessDate';
import { wallClock } from '../exports/exportTable';
import { writeAuditedExport } from './auditedExport';
import { requireBranch } from './branch';
import { all, get, streamRows, textSearch, whereClause } from './sql';
import type { ServiceContext } from './types';

type AuditFilter = Pick<ParsedInput<'audit.search'>, 'userId' | 'entity' | 'action' | 'dateFrom' | 'dateTo' | 'q'>;

/** The instant a business date starts in the branch's zone. */
function startOfDate(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const c = wallClock(utcMidnight, timeZone);
  const offset = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - utcMidnight;
  return utcMidnight - offset;
}

function auditWhere(ctx: ServiceContext, input: AuditFilter): { sql: string; params: unknown[] } {
  const timeZone = requireBranch(ctx).time_zone;
  return whereClause([
    input.userId !== undefined && ['a.user_id = ?', input.userId],
    input.entity !== undefined && input.entity !== '' && ['a.entity = ?', input.entity],
    input.action !== undefined && input.action !== '' && ['a.action LIKE ?', `${input.action}%`],
    input.dateFrom !== undefined && ['a.at >= ?', startOfDate(input.dateFrom, timeZone)],
    input.dateTo !== undefined && ['a.at < ?', startOfDate(addDays(input.dateTo, 1), timeZone)],
    textSearch(['a.entity_id', 'a.action', 'a.before', 'a.after', 'u.display_name', 'u.username'], input.q),
  ]);
}

const selectAudit = `SELECT a.id, a.at, a.user_id, u.display_name AS user_name, a.action, a.entity, a.entity_id, a.before, a.after
  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;

interface AuditDbRow {
  id: string;
  at: number;
  user_id: string;
  user_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export function searchAudit(ctx: ServiceContext, input: ParsedInput<'audit.search'>): MethodResult<'audit.search'> {
  const where = auditWhere(ctx, input);
  const total = get<{ n: number }>(ctx.db, `SELECT COUNT(*) AS n FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${where.sql}`, ...where.params)?.n ?? 0;
  const rows = all<AuditDbRow>(ctx.db, `${selectAudit} ${where.sql} ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`, ...where.params, input.limit, input.offset);
  return {
    total,
    rows: rows.map(
      (r): AuditRow => ({ id: r.id, at: r.at, userId: r.user_id, userName: r.user_name, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after }),
    ),
  };
}

const text = {
  'zh-CN': { title: '审计日志', fileName: '审计日志' },
  en: { title: 'Audit trail', fileName: 'audit-trail' },
} as const;

const columnHeaders = {
  'zh-CN': { at: '时间', user: '用户', action: '操作', entity: '对象', entityId: '对象编号', before: '修改前', after: '修改后' },
  en: { at: 'Time', user: 'User', action: 'Action', entity: 'Entity', entityId: 'Entity id', before: 'Before', after: 'After' },
} as const;

/** The matching audit entries as a file; exporting the trail is itself recorded (who took a copy, with which filter). */
export function exportAudit(ctx: ServiceContext, input: ParsedInput<'audit.export'>): Promise<ExportedFile> {
  const where = auditWhere(ctx, input);
  const { format, ...filter } = input;
  return writeAuditedExport(ctx, {
    format,
    text,
    columns: (locale) => {
      const c = columnHeaders[locale];
      return [
        { key: 'at', header: c.at, type: 'datetime' },
        { key: 'user', header: c.user, type: 'text', width: 12 },
        { key: 'action', header: c.action, type: 'text', width: 24 },
        { key: 'entity', header: c.entity, type: 'text', width: 14 },
        { key: 'entityId', header: c.entityId, type: 'text', width: 38 },
        { key: 'before', header: c.before, type: 'text', width: 60 },
        { key: 'after', header: c.after, type: 'text', width: 60 },
      ];
    },
    rows: async function* (reader) {
      for await (const r of streamRows<AuditDbRow>(reader, `${selectAudit} ${where.sql} ORDER BY a.at DESC, a.id DESC`, where.params)) {
        yield { at: r.at, user: r.user_name ?? r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after };
      }
    },
    audit: { action: 'audit.export', entity: 'audit_log', details: { filter } },
  });
}
