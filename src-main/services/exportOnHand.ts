import { LedgerError } from '../core/errors';
import type { ExportedFile, ParsedInput } from '../contract';
import { zonedDateTime, type ExportColumn, type ExportRow, type ExportTable } from '../exports/exportTable';
import { writeExportFile } from './writeExportFile';
import { requireBranch, todayAt } from './branch';
import { readSettings } from './settings';
import { get, streamRows } from './sql';
import { onHandFilterSql, onHandGroupedSql, onHandValueSql } from './stockQueries';
import type { ServiceContext } from './types';

const text = {
  'zh-CN': {
    title: '库存现量',
    fileName: '库存',
    branch: '分店',
    warehouse: '仓库',
    allWarehouses: '全部仓库',
    groupedBy: { lot: '按批次', product: '按商品' },
    search: (q: string) => `搜索“${q}”`,
    expiring: (days: number) => `${days} 天内到期`,
    filters: '筛选',
    printedAt: '打印时间',
    columns: { sku: '商品编码', product: '商品名称', warehouse: '仓库', lot: '批号', expiry: '到期日', earliestExpiry: '最早到期日', qty: '数量', unit: '单位', value: '金额（元）' },
    separator: '：',
  },
  en: {
    title: 'Stock on hand',
    fileName: 'stock-on-hand',
    branch: 'Branch',
    warehouse: 'Warehouse',
    allWarehouses: 'All warehouses',
    groupedBy: { lot: 'By lot', product: 'By product' },
    search: (q: string) => `search “${q}”`,
    expiring: (days: number) => `expiring within ${days} days`,
    filters: 'Filters',
    printedAt: 'Printed at',
    columns: { sku: 'SKU', product: 'Product', warehouse: 'Warehouse', lot: 'Lot', expiry: 'Expiry', earliestExpiry: 'Earliest expiry', qty: 'Quantity', unit: 'Unit', value: 'Value (CNY)' },
    separator: ': ',
  },
} as const;

interface ExportSqlRow {
  sku: string;
  name_zh: string;
  name_en: string;
  warehouse_name: string;
  lot_code: string | null;
  expiry_date: string | null;
  qty: number;
  unit_zh: string | null;
  unit_en: string | null;
  value_fen: number | null;
}

/**
 * Stock on hand as .xlsx, .csv or PDF: the rows stock.onHand's filter matches, in the screen's
 * order (by lot: dated lots by expiry, then undated), streamed from a read-only connection of
 * the export's own.
 */
export async function exportOnHand(ctx: ServiceContext, input: ParsedInput<'stock.exportOnHand'>): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const today = todayAt(ctx, branch);
  const { locale } = readSettings(ctx);
  const t = text[locale];
  const warehouseName = input.warehouseId
    ? (get<{ name: string }>(ctx.db, 'SELECT name FROM warehouses WHERE id = ?', input.warehouseId)?.name ?? input.warehouseId)
    : t.allWarehouses;
  const filters = [
    ...(input.q !== '' ? [t.search(input.q)] : []),
    ...(input.expiringWithinDays !== undefined ? [t.expiring(input.expiringWithinDays)] : []),
  ];
  const byLot = input.groupBy === 'lot';

  const columns: ExportColumn[] = [
    { key: 'sku', header: t.columns.sku, type: 'text', width: 14 },
    { key: 'product', header: t.columns.product, type: 'text', width: 30 },
    { key: 'warehouse', header: t.columns.warehouse, type: 'text', width: 12 },
    ...(byLot ? [{ key: 'lot', header: t.columns.lot, type: 'text', width: 14 } as const] : []),
    { key: 'expiry', header: byLot ? t.columns.expiry : t.columns.earliestExpiry, type: 'date' },
    { key: 'qty', header: t.columns.qty, type: 'qty', total: true },
    { key: 'unit', header: t.columns.unit, type: 'text', width: 6 },
    { key: 'value', header: t.columns.value, type: 'money', total: true },
  ];

  const { whereSql, params } = onHandFilterSql(input, today);
  const baseUnit = `LEFT JOIN product_units u ON u.product_id = p.id AND u.code = p.base_unit_code`;
  const sql = byLot
    ? `SELECT p.sku, p.name_zh, p.name_en, w.name AS warehouse_name, l.lot_code, l.expiry_date, b.qty,
              u.name_zh AS unit_zh, u.name_en AS unit_en, ${onHandValueSql('b')} AS value_fen
         FROM stock_balances b JOIN lots l ON l.id = b.lot_id JOIN products p ON p.id = b.product_id
         JOIN warehouses w ON w.id = b.warehouse_id ${baseUnit}
         ${whereSql}
        ORDER BY l.expiry_date IS NULL, l.expiry_date, p.sku, w.code, l.lot_code`
    : `SELECT p.sku, p.name_zh, p.name_en, w.name AS warehouse_name, NULL AS lot_code,
              (SELECT MIN(l2.expiry_date) FROM stock_balances b2 JOIN lots l2 ON l2.id = b2.lot_id
                WHERE b2.product_id = g.product_id AND b2.warehouse_id = g.warehouse_id AND b2.qty <> 0) AS expiry_date,
              g.qty, u.name_zh AS unit_zh, u.name_en AS unit_en, ${onHandValueSql('g')} AS value_fen
         FROM (${onHandGroupedSql(whereSql)}) g JOIN products p ON p.id = g.product_id JOIN warehouses w ON w.id = g.warehouse_id ${baseUnit}
        ORDER BY p.sku, w.code`;

  const reader = exportsDeps.openReader();
  try {
    async function* rows(): AsyncGenerator<ExportRow> {
      for await (const r of streamRows<ExportSqlRow>(reader, sql, params)) {
        yield {
          sku: r.sku,
          product: locale === 'en' && r.name_en ? r.name_en : r.name_zh,
          warehouse: r.warehouse_name,
          lot: r.lot_code,
          expiry: r.expiry_date,
          qty: r.qty,
          unit: locale === 'en' && r.unit_en ? r.unit_en : r.unit_zh,
          value: r.value_fen ?? 0,
        };
      }
    }
    const table: ExportTable = {
      title: t.title,
      subtitle: [
        `${t.branch}${t.separator}${branch.code} ${branch.name}\u3000${t.warehouse}${t.separator}${warehouseName}\u3000${t.groupedBy[input.groupBy]}`,
        ...(filters.length > 0 ? [`${t.filters}${t.separator}${filters.join(locale === 'en' ? '; ' : '；')}`] : []),
        `${t.printedAt}${t.separator}${zonedDateTime(ctx.now, branch.time_zone)}`,
      ],
      columns,
      rows: rows(),
      locale,
      timeZone: branch.time_zone,
    };
    const fileName = `${t.fileName}-${branch.code}-${today}.${input.format}`;
    return await writeExportFile(exportsDeps, fileName, input.format, table);
  } finally {
    reader.$client.close();
  }
}
