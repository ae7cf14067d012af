import { LedgerError } from '../core/errors';
import type { ExportedFile, ParsedInput } from '../contract';
import { zonedDateTime, type ExportColumn, type ExportRow, type ExportTable } from '../exports/exportTable';
import { writeExportFile } from './writeExportFile';
import { requireBranch } from './branch';
import { readSettings } from './settings';
import { countForExport } from './stockCounts';
import type { ServiceContext } from './types';

const text = {
  'zh-CN': {
    sheet: { title: '盘点表', fileName: '盘点表' },
    variances: { title: '盘点差异表', fileName: '盘点差异表' },
    count: '盘点单',
    warehouse: '仓库',
    scope: { full: '全盘', partial: '部分盘点', cycle: '循环盘点' },
    status: { counting: '盘点中', review: '待复核', posted: '已过账', cancelled: '已作废' },
    blind: '盲盘',
    snapshot: '账面快照',
    printedAt: '打印时间',
    uncounted: { zero: '未盘行按 0 处理', keep: '未盘行保持账面' },
    adjustment: '调整单',
    columns: {
      location: '货位',
      sku: '商品编码',
      product: '商品名称',
      lot: '批号',
      expiry: '到期日',
      unit: '单位',
      book: '快照账面',
      moved: '期间变动',
      expected: '应有',
      counted: '实盘',
      variance: '差异',
      value: '差异金额（元）',
      reason: '原因',
      counters: '盘点人',
    },
    reasons: { damage: '破损', expiry: '过期', theft_loss: '丢失/被盗', receiving_error: '收货差错', data_error: '数据差错' } as Record<string, string>,
    signatures: ['盘点人', '复核人', '主管'],
    separator: '：',
    gap: '\u3000',
  },
  en: {
    sheet: { title: 'Count sheet', fileName: 'count-sheet' },
    variances: { title: 'Count variance report', fileName: 'count-variances' },
    count: 'Count',
    warehouse: 'Warehouse',
    scope: { full: 'Full', partial: 'Partial', cycle: 'Cycle' },
    status: { counting: 'Counting', review: 'In review', posted: 'Posted', cancelled: 'Cancelled' },
    blind: 'blind',
    snapshot: 'Book snapshot',
    printedAt: 'Printed at',
    uncounted: { zero: 'lines not counted taken as 0', keep: 'lines not counted left as booked' },
    adjustment: 'Adjustment',
    columns: {
      location: 'Location',
      sku: 'SKU',
      product: 'Product',
      lot: 'Lot',
      expiry: 'Expiry',
      unit: 'Unit',
      book: 'Book',
      moved: 'Moved',
      expected: 'Expected',
      counted: 'Counted',
      variance: 'Variance',
      value: 'Variance value (CNY)',
      reason: 'Reason',
      counters: 'Counted by',
    },
    reasons: { damage: 'Damage', expiry: 'Expired', theft_loss: 'Theft or loss', receiving_error: 'Receiving error', data_error: 'Data error' } as Record<string, string>,
    signatures: ['Counted by', 'Checked by', 'Manager'],
    separator: ': ',
    gap: '   ',
  },
} as const;

/**
 * A count's paper: the count sheet (lines in walking order with room for the counted figure;
 * book quantities only when the count is not blind or counting is over) or the variance report
 * (lines that differ, largest value first), as .xlsx, .csv or PDF with signature lines.
 */
export async function exportCount(ctx: ServiceContext, input: ParsedInput<'counts.export'>): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const t = text[locale];
  const { count, lines, unitNames } = countForExport(ctx, input.id, input.uncounted);
  const hideBook = count.blind && count.status === 'counting';
  if (input.kind === 'variances' && hideBook) throw new LedgerError('COUNT_BLIND', { docNo: count.docNo });
  const kind = t[input.kind];
  const name = (zh: string, en: string) => (locale === 'en' && en ? en : zh);

  const base: ExportColumn[] = [
    { key: 'location', header: t.columns.location, type: 'text', width: 10 },
    { key: 'sku', header: t.columns.sku, type: 'text', width: 12 },
    { key: 'product', header: t.columns.product, type: 'text', width: 28 },
    { key: 'lot', header: t.columns.lot, type: 'text', width: 12 },
    { key: 'expiry', header: t.columns.expiry, type: 'date' },
    { key: 'unit', header: t.columns.unit, type: 'text', width: 6 },
  ];
  let columns: ExportColumn[];
  let rows: ExportRow[];
  const common = (l: (typeof lines)[number]): ExportRow => {
    const unit = unitNames.get(l.productId);
    return {
      location: l.location ?? '',
      sku: l.sku,
      product: name(l.nameZh, l.nameEn),
      lot: l.lotCode,
      expiry: l.expiryDate,
      unit: unit ? name(unit.zh, unit.en) : l.baseUnitCode,
    };
  };
  if (input.kind === 'sheet') {
    columns = [
      ...base,
      ...(hideBook ? [] : [{ key: 'book', header: t.columns.book, type: 'qty', total: true } as const]),
      { key: 'counted', header: t.columns.counted, type: 'qty', width: 10, total: true },
      { key: 'counters', header: t.columns.counters, type: 'text', width: 10 },
    ];
    rows = lines.map((l) => ({ ...common(l), book: l.bookQty, counted: l.countedQty, counters: l.counters.join('、') }));
  } else {
    columns = [
      ...base,
      { key: 'expected', header: t.columns.expected, type: 'qty' },
      { key: 'counted', header: t.columns.counted, type: 'qty' },
      { key: 'variance', header: t.columns.variance, type: 'qty', total: true },
      { key: 'value', header: t.columns.value, type: 'money', total: true },
      { key: 'reason', header: t.columns.reason, type: 'text', width: 10 },
    ];
    rows = lines
      .filter((l) => (l.varianceQty ?? 0) !== 0)
      .sort((a, b) => Math.abs(b.varianceValueFen ?? 0) - Math.abs(a.varianceValueFen ?? 0) || a.sku.localeCompare(b.sku))
      .map((l) => ({
        ...common(l),
        expected: l.expectedQty,
        counted: l.countedQty ?? (input.uncounted === 'zero' ? 0 : l.expectedQty),
        variance: l.varianceQty,
        value: l.varianceValueFen,
        reason: l.reasonCode ? (t.reasons[l.reasonCode] ?? l.reasonCode) : '',
      }));
  }

  const facts = [
    `${t.count}${t.separator}${count.docNo}`,
    `${t.warehouse}${t.separator}${count.warehouseName}`,
    `${t.scope[count.scope]}${count.blind ? ` · ${t.blind}` : ''} · ${t.status[count.status]}`,
  ].join(t.gap);
  const table: ExportTable = {
    title: `${kind.title} ${count.docNo}`,
    subtitle: [
      `${branch.code} ${branch.name}${t.gap}${facts}`,
      `${t.snapshot}${t.separator}${zonedDateTime(count.snapshotAt, branch.time_zone)}${t.gap}${t.printedAt}${t.separator}${zonedDateTime(ctx.now, branch.time_zone)}`,
      ...(input.kind === 'variances' ? [t.uncounted[input.uncounted] + (count.adjustment ? `${t.gap}${t.adjustment}${t.separator}${count.adjustment.docNo}` : '')] : []),
    ],
    columns,
    rows,
    locale,
    timeZone: branch.time_zone,
    signatures: t.signatures,
    sheetName: kind.title,
  };
  return await writeExportFile(exportsDeps, `${kind.fileName}-${count.docNo}.${input.format}`, input.format, table);
}
