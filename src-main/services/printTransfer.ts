import { LedgerError } from '../core/errors';
import { formatQuantity } from '../core/units';
import type { ExportedFile, ParsedInput } from '../contract';
import { fenToGroupedYuan, zonedDateTime, type ExportTable } from '../exports/exportTable';
import { requireBranch } from './branch';
import { readSettings } from './settings';
import { transferDetail } from './transferQueries';
import type { ServiceContext } from './types';
import { writeExportFile } from './writeExportFile';

const text = {
  'zh-CN': {
    title: '调拨单',
    fileName: '调拨单',
    from: '调出',
    to: '调入',
    date: '调拨日期',
    document: '出库单',
    receipt: (date: string, doc: string) => `收货 ${date} ${doc}`,
    status: '状态',
    total: (value: string) => `调出成本 ¥${value}`,
    writtenOff: (value: string) => `途损报损 ¥${value}`,
    note: '备注',
    printedAt: '打印时间',
    toChoose: '（收货方选择仓库）',
    statuses: { draft: '草稿', sent: '在途', received: '已收货', closed: '已完成', cancelled: '已取消' },
    reasons: { damaged: '破损', lost: '丢失', miscount: '点数差错', wrong_item: '错发', other: '其他' },
    dispositions: { write_off: '报损', accept: '接收', return: '退回' },
    columns: { sku: '商品编码', product: '商品名称', lot: '批号', expiry: '到期日', quantity: '调出数量', baseQty: '基本单位数', cost: '成本（元）', received: '实收', difference: '差异' },
    signatures: ['调出仓库发货人', '承运人', '调入仓库收货人'],
    separator: '：',
    gap: '\u3000',
  },
  en: {
    title: 'Stock transfer note',
    fileName: 'transfer',
    from: 'From',
    to: 'To',
    date: 'Transfer date',
    document: 'Stock issue',
    receipt: (date: string, doc: string) => `Received ${date} ${doc}`,
    status: 'Status',
    total: (value: string) => `Cost sent ¥${value}`,
    writtenOff: (value: string) => `Written off in transit ¥${value}`,
    note: 'Note',
    printedAt: 'Printed at',
    toChoose: '(warehouse chosen on receipt)',
    statuses: { draft: 'Draft', sent: 'In transit', received: 'Received', closed: 'Closed', cancelled: 'Cancelled' },
    reasons: { damaged: 'Damaged', lost: 'Lost', miscount: 'Miscount', wrong_item: 'Wrong item', other: 'Other' },
    dispositions: { write_off: 'written off', accept: 'accepted', return: 'returned' },
    columns: { sku: 'SKU', product: 'Product', lot: 'Lot', expiry: 'Expiry', quantity: 'Quantity sent', baseQty: 'Base units', cost: 'Cost (CNY)', received: 'Received', difference: 'Difference' },
    signatures: ['Issued by (warehouse)', 'Carrier', 'Received by'],
    separator: ': ',
    gap: '   ',
  },
} as const;

/**
 * The transfer note (调拨单) that travels with the goods: lot by lot with expiry, quantity in
 * packs and the cost they left with, what arrived and any difference, and lines for the sending
 * clerk, the carrier and the receiving clerk to sign. Printable from the draft to pick the goods.
 */
export async function printTransfer(ctx: ServiceContext, input: ParsedInput<'transfers.print'>): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const t = text[locale];
  const d = transferDetail(ctx, input.id);
  const name = (zh: string, en: string) => (locale === 'en' && en ? en : zh);
  const fact = (label: string, value: string) => `${label}${t.separator}${value}`;
  const table: ExportTable = {
    title: `${t.title} ${d.docNo}`,
    subtitle: [
      [fact(t.from, `${d.fromBranchCode} ${d.fromBranchName} · ${d.fromWarehouseName}`), fact(t.to, `${d.toBranchCode} · ${d.toWarehouseName || t.toChoose}`)].join(t.gap),
      [fact(t.date, d.businessDate), ...(d.documentNo ? [fact(t.document, d.documentNo)] : []), fact(t.status, t.statuses[d.status])].join(t.gap),
      ...(d.receipt ? [[t.receipt(d.receipt.businessDate, d.receipt.documentNo ?? ''), ...(d.receipt.writtenOffFen ? [t.writtenOff(fenToGroupedYuan(d.receipt.writtenOffFen))] : [])].join(t.gap)] : []),
      t.total(fenToGroupedYuan(d.totalValueFen)),
      ...(d.note ? [fact(t.note, d.note)] : []),
      fact(t.printedAt, zonedDateTime(ctx.now, branch.time_zone)),
    ],
    columns: [
      { key: 'sku', header: t.columns.sku, type: 'text', width: 11 },
      { key: 'product', header: t.columns.product, type: 'text', width: 22 },
      { key: 'lot', header: t.columns.lot, type: 'text', width: 10 },
      { key: 'expiry', header: t.columns.expiry, type: 'date' },
      { key: 'quantity', header: t.columns.quantity, type: 'text', width: 11, align: 'right' },
      { key: 'baseQty', header: t.columns.baseQty, type: 'qty', width: 9, total: true },
      { key: 'cost', header: t.columns.cost, type: 'money', width: 11, total: true },
      { key: 'received', header: t.columns.received, type: 'text', width: 11, align: 'right' },
      { key: 'difference', header: t.columns.difference, type: 'text', width: 14 },
    ],
    rows: d.lines.map((l) => ({
      sku: l.sku,
      product: name(l.nameZh, l.nameEn),
      lot: l.lotCode ?? '',
      expiry: l.expiryDate,
      quantity: formatQuantity(l.qty, l.units, locale),
      baseQty: l.qty,
      cost: l.valueFen,
      received: l.receivedQty === null ? '' : formatQuantity(l.receivedQty, l.units, locale),
      difference: l.reasonCode && l.disposition ? `${t.reasons[l.reasonCode]} · ${t.dispositions[l.disposition]}` : '',
    })),
    locale,
    timeZone: branch.time_zone,
    signatures: [...t.signatures],
    sheetName: t.title,
  };
  return await writeExportFile(exportsDeps, `${t.fileName}-${d.docNo}.${input.format}`, input.format, table);
}
