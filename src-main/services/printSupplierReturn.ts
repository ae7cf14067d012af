import { LedgerError } from '../core/errors';
import { claimFigures } from '../core/supplierReturn';
import { formatQuantity } from '../core/units';
import type { ExportedFile, ParsedInput } from '../contract';
import { fenToGroupedYuan, zonedDateTime, type ExportTable } from '../exports/exportTable';
import { requireBranch } from './branch';
import { readSettings } from './settings';
import { get } from './sql';
import { supplierReturnDetail } from './supplierReturnQueries';
import type { ServiceContext } from './types';
import { writeExportFile } from './writeExportFile';

const text = {
  'zh-CN': {
    title: '退供单',
    fileName: '退供单',
    supplier: '供应商',
    warehouse: '出库仓库',
    date: '退货日期',
    document: '出库单',
    status: '状态',
    reference: '供应商退货授权号',
    claim: (claim: string, credited: string, writtenOff: string) => `索赔金额 ¥${claim}\u3000已补偿 ¥${credited}\u3000核销 ¥${writtenOff}`,
    note: '备注',
    printedAt: '打印时间',
    statuses: { draft: '草稿', sent: '已发出', accepted: '供应商已接受', credited: '已补偿', rejected: '供应商拒绝', cancelled: '已取消' },
    reasons: { damaged: '运输破损', expired: '过期/临期', quality: '质量问题', wrong_item: '错发商品', over_ordered: '订多了', recall: '召回' },
    columns: { sku: '商品编码', product: '商品名称', lot: '批号', expiry: '到期日', quantity: '数量', baseQty: '基本单位数', cost: '成本（元）', reason: '退货原因', note: '备注' },
    signatures: ['仓库发货人', '复核人', '供应商签收'],
    separator: '：',
    gap: '\u3000',
  },
  en: {
    title: 'Supplier return note',
    fileName: 'supplier-return',
    supplier: 'Supplier',
    warehouse: 'From warehouse',
    date: 'Return date',
    document: 'Stock issue',
    status: 'Status',
    reference: 'Supplier RMA',
    claim: (claim: string, credited: string, writtenOff: string) => `Claim ¥${claim}   Credited ¥${credited}   Written off ¥${writtenOff}`,
    note: 'Note',
    printedAt: 'Printed at',
    statuses: { draft: 'Draft', sent: 'Sent', accepted: 'Accepted by supplier', credited: 'Credited', rejected: 'Rejected by supplier', cancelled: 'Cancelled' },
    reasons: { damaged: 'Damaged in transit', expired: 'Expired or near expiry', quality: 'Quality defect', wrong_item: 'Wrong item', over_ordered: 'Over-ordered', recall: 'Recall' },
    columns: {
      sku: 'SKU',
      product: 'Product',
      lot: 'Lot',
      expiry: 'Expiry',
      quantity: 'Quantity',
      baseQty: 'Base units',
      cost: 'Cost (CNY)',
      reason: 'Reason',
      note: 'Note',
    },
    signatures: ['Issued by (warehouse)', 'Checked by', 'Received by supplier'],
    separator: ': ',
    gap: '   ',
  },
} as const;

/**
 * The supplier return note (退供单) that goes with the goods: lot by lot with expiry, quantity in
 * packs, cost and reason, the claim, and lines for the warehouse, a checker and the supplier to
 * sign. It can be printed from the draft (to check the goods) as from a sent return.
 */
export async function printSupplierReturn(ctx: ServiceContext, input: ParsedInput<'supplierReturns.print'>): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const t = text[locale];
  const r = supplierReturnDetail(ctx, input.id);
  const supplier = get<{ contact: string; phone: string }>(ctx.db, 'SELECT contact, phone FROM suppliers WHERE id = ?', r.supplierId);
  const name = (zh: string, en: string) => (locale === 'en' && en ? en : zh);
  const fact = (label: string, value: string) => `${label}${t.separator}${value}`;
  const claim = claimFigures(r.status, r.claimFen, r.creditedFen);
  const table: ExportTable = {
    title: `${t.title} ${r.docNo}`,
    subtitle: [
      `${branch.code} ${branch.name}`,
      [fact(t.supplier, `${r.supplierCode} ${r.supplierName}`), ...(supplier?.contact ? [supplier.contact] : []), ...(supplier?.phone ? [supplier.phone] : [])].join(t.gap),
      [fact(t.date, r.businessDate), fact(t.warehouse, r.warehouseName), ...(r.document ? [fact(t.document, r.document.docNo)] : []), fact(t.status, t.statuses[r.status])].join(t.gap),
      ...(r.reference ? [fact(t.reference, r.reference)] : []),
      t.claim(fenToGroupedYuan(claim.claimFen), fenToGroupedYuan(claim.creditedFen), fenToGroupedYuan(claim.writtenOffFen)),
      ...(r.note ? [fact(t.note, r.note)] : []),
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
      { key: 'reason', header: t.columns.reason, type: 'text', width: 13 },
      { key: 'note', header: t.columns.note, type: 'text', width: 10 },
    ],
    rows: r.lines.map((l) => ({
      sku: l.sku,
      product: name(l.nameZh, l.nameEn),
      lot: l.lotCode,
      expiry: l.expiryDate,
      quantity: formatQuantity(l.qty, l.units, locale),
      baseQty: l.qty,
      cost: l.valueFen,
      reason: t.reasons[l.reasonCode],
      note: [l.customerReturnNo ?? '', l.note].filter((s) => s !== '').join(' '),
    })),
    locale,
    timeZone: branch.time_zone,
    signatures: [...t.signatures],
    sheetName: t.title,
  };
  return await writeExportFile(exportsDeps, `${t.fileName}-${r.docNo}.${input.format}`, input.format, table);
}
