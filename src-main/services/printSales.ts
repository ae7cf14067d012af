import { LedgerError } from '../core/errors';
import { formatQuantity, type PackUnit } from '../core/units';
import type { ExportedFile, ParsedInput } from '../contract';
import { fenToGroupedYuan, zonedDateTime, type ExportColumn, type ExportRow, type ExportTable } from '../exports/exportTable';
import { requireBranch } from './branch';
import { customerContactsForRole } from './customerPrivacy';
import { findCustomer, findOrder, type CustomerRecord, type OrderRecord } from './salesQueries';
import { readSettings } from './settings';
import { all, get } from './sql';
import { unitsByProduct } from './stockQueries';
import type { ServiceContext } from './types';
import { writeExportFile } from './writeExportFile';

type PrintKind = ParsedInput<'sales.print'>['kind'];

const text = {
  'zh-CN': {
    pickList: { title: '拣货单', fileName: '拣货单' },
    deliveryNote: { title: '送货单', fileName: '送货单' },
    invoice: { title: '销售结算单', fileName: '销售结算单' },
    order: '订单',
    customer: '客户',
    warehouse: '仓库',
    salesperson: '业务员',
    requested: '要求送达',
    deliveryDate: '送货日期',
    address: '地址',
    contact: '联系人',
    phone: '电话',
    invoiceDate: '开票日期',
    dueDate: '付款到期日',
    terms: (days: number) => `（账期 ${days} 天）`,
    amounts: (net: string, tax: string, gross: string) => `金额 ¥${net}\u3000税额 ¥${tax}\u3000价税合计 ¥${gross}`,
    printedAt: '打印时间',
    note: '备注',
    free: '赠品',
    freeSuffix: '（赠品）',
    columns: {
      location: '货位',
      sku: '商品编码',
      product: '商品名称',
      lot: '批号',
      expiry: '到期日',
      quantity: '数量',
      baseQty: '基本单位数',
      picked: '已拣',
      unit: '单位',
      unitPrice: '单价（元）',
      discount: '折扣',
      net: '金额（元）',
      taxRate: '税率',
      tax: '税额（元）',
      gross: '价税合计（元）',
      note: '备注',
    },
    signatures: { pickList: ['拣货人', '复核人'], deliveryNote: ['送货人', '收货人签字'], invoice: ['开票人', '复核人'] },
    separator: '：',
    gap: '\u3000',
  },
  en: {
    pickList: { title: 'Pick list', fileName: 'pick-list' },
    deliveryNote: { title: 'Delivery note', fileName: 'delivery-note' },
    invoice: { title: 'Sales invoice', fileName: 'invoice' },
    order: 'Order',
    customer: 'Customer',
    warehouse: 'Warehouse',
    salesperson: 'Salesperson',
    requested: 'Requested',
    deliveryDate: 'Delivery date',
    address: 'Address',
    contact: 'Contact',
    phone: 'Phone',
    invoiceDate: 'Invoice date',
    dueDate: 'Due',
    terms: (days: number) => ` (${days} days)`,
    amounts: (net: string, tax: string, gross: string) => `Net ¥${net}   Tax ¥${tax}   Total ¥${gross}`,
    printedAt: 'Printed at',
    note: 'Note',
    free: 'Free goods',
    freeSuffix: ' (free)',
    columns: {
      location: 'Location',
      sku: 'SKU',
      product: 'Product',
      lot: 'Lot',
      expiry: 'Expiry',
      quantity: 'Quantity',
      baseQty: 'Base units',
      picked: 'Picked',
      unit: 'Unit',
      unitPrice: 'Unit price (CNY)',
      discount: 'Discount',
      net: 'Net (CNY)',
      taxRate: 'Tax rate',
      tax: 'Tax (CNY)',
      gross: 'Gross (CNY)',
      note: 'Note',
    },
    signatures: { pickList: ['Picked by', 'Checked by'], deliveryNote: ['Delivered by', 'Received by (signature)'], invoice: ['Issued by', 'Checked by'] },
    separator: ': ',
    gap: '   ',
  },
} as const;

type Text = (typeof text)[keyof typeof text];

interface Printout {
  docNo: string;
  subtitle: string[];
  columns: ExportColumn[];
  rows: ExportRow[];
}

interface Context {
  ctx: ServiceContext;
  t: Text;
  locale: 'zh-CN' | 'en';
  order: OrderRecord;
  customer: CustomerRecord;
  documentId: string | undefined;
  /** A product's or unit's name in the print's language (the Chinese one when there is no English). */
  name: (zh: string, en: string) => string;
  quantity: (productId: string, qty: number) => string;
}

/**
 * The sales desk's paper for one order. The pick list sends the picker through the warehouse
 * in bin order, lot by lot, for what is reserved now; the delivery note goes with the goods
 * and comes back signed; the invoice (a settlement statement, not the tax authority's fapiao)
 * lists what was invoiced at the prices of the order, free goods at 0.
 */
export async function printSales(ctx: ServiceContext, input: ParsedInput<'sales.print'>): Promise<ExportedFile> {
  const exportsDeps = ctx.exports;
  if (!exportsDeps) throw new LedgerError('EXPORT_UNAVAILABLE');
  const branch = requireBranch(ctx);
  const { locale } = readSettings(ctx);
  const t = text[locale];
  const order = findOrder(ctx, input.id);
  const customer = customerContactsForRole(ctx, findCustomer(ctx, order.customer_id));
  const name = (zh: string, en: string) => (locale === 'en' && en ? en : zh);
  const units = new Map<string, PackUnit[]>();
  const pc: Context = {
    ctx,
    t,
    locale,
    order,
    customer,
    documentId: input.documentId,
    name,
    quantity: (productId, qty) => {
      let list = units.get(productId);
      if (!list) {
        list = unitsByProduct(ctx, [productId]).get(productId) ?? [];
        units.set(productId, list);
      }
      return formatQuantity(qty, list, locale);
    },
  };
  const printout = printers[input.kind](pc);
  const kind = t[input.kind];
  const table: ExportTable = {
    title: `${kind.title} ${printout.docNo}`,
    subtitle: [
      `${branch.code} ${branch.name}`,
      ...printout.subtitle,
      `${t.printedAt}${t.separator}${zonedDateTime(ctx.now, branch.time_zone)}`,
    ],
    columns: printout.columns,
    rows: printout.rows,
    locale,
    timeZone: branch.time_zone,
    signatures: t.signatures[input.kind],
    sheetName: kind.title,
  };
  return await writeExportFile(exportsDeps, `${kind.fileName}-${printout.docNo}.${input.format}`, input.format, table);
}

const printers: Record<PrintKind, (pc: Context) => Printout> = { pickList, deliveryNote, invoice };

function fact(t: Text, label: string, value: string): string {
  return `${label}${t.separator}${value}`;
}

function noDocument(order: OrderRecord, kind: PrintKind): LedgerError {
  return new LedgerError('SALES_NO_DOCUMENT', { docNo: order.doc_no, kind });
}

function customerFacts(pc: Context): string[] {
  const { t, customer } = pc;
  return [
    [fact(t, t.customer, `${customer.code} ${customer.name}`), ...(customer.address ? [fact(t, t.address, customer.address)] : [])].join(t.gap),
    [fact(t, t.contact, customer.contact || '—'), fact(t, t.phone, customer.phone || '—')].join(t.gap),
  ];
}

function pickList(pc: Context): Printout {
  const { ctx, t, order } = pc;
  const picks = all<{ product_id: string; sku: string; name_zh: string; name_en: string; location: string | null; lot_code: string; expiry_date: string | null; qty: number; free: number }>(
    ctx.db,
    `SELECT a.product_id, p.sku, p.name_zh, p.name_en, pl.location, t.lot_code, t.expiry_date, a.qty, l.free
       FROM sales_allocations a
       JOIN sales_order_lines l ON l.id = a.line_id
       JOIN products p ON p.id = a.product_id
       JOIN lots t ON t.id = a.lot_id
       LEFT JOIN product_locations pl ON pl.warehouse_id = a.warehouse_id AND pl.product_id = a.product_id
      WHERE a.order_id = ?
      ORDER BY pl.location IS NULL, pl.location, p.sku, t.expiry_date IS NULL, t.expiry_date, t.lot_code, l.line_no`,
    order.id,
  );
  if (picks.length === 0) throw noDocument(order, 'pickList');
  const warehouse = get<{ name: string }>(ctx.db, 'SELECT name FROM warehouses WHERE id = ?', order.warehouse_id);
  return {
    docNo: order.doc_no,
    subtitle: [
      [fact(t, t.order, order.doc_no), fact(t, t.warehouse, warehouse?.name ?? ''), ...(order.requested_date ? [fact(t, t.requested, order.requested_date)] : [])].join(t.gap),
      [fact(t, t.customer, `${pc.customer.code} ${pc.customer.name}`), ...(order.salesperson ? [fact(t, t.salesperson, order.salesperson)] : [])].join(t.gap),
      ...(order.note ? [fact(t, t.note, order.note)] : []),
    ],
    columns: [
      { key: 'location', header: t.columns.location, type: 'text', width: 10 },
      { key: 'sku', header: t.columns.sku, type: 'text', width: 11 },
      { key: 'product', header: t.columns.product, type: 'text', width: 26 },
      { key: 'lot', header: t.columns.lot, type: 'text', width: 10 },
      { key: 'expiry', header: t.columns.expiry, type: 'date' },
      { key: 'quantity', header: t.columns.quantity, type: 'text', width: 12, align: 'right' },
      { key: 'baseQty', header: t.columns.baseQty, type: 'qty', width: 10, total: true },
      { key: 'picked', header: t.columns.picked, type: 'text', width: 6, align: 'center' },
    ],
    rows: picks.map((p) => ({
      location: p.location ?? '',
      sku: p.sku,
      product: pc.name(p.name_zh, p.name_en) + (p.free === 1 ? t.freeSuffix : ''),
      lot: p.lot_code,
      expiry: p.expiry_date,
      quantity: pc.quantity(p.product_id, p.qty),
      baseQty: p.qty,
      picked: '',
    })),
  };
}

function deliveryNote(pc: Context): Printout {
  const { ctx, t, order } = pc;
  const doc = pc.documentId
    ? get<{ id: string; doc_no: string; business_date: string; note: string }>(
        ctx.db,
        "SELECT id, doc_no, business_date, note FROM stock_documents WHERE id = ? AND source_id = ? AND doc_type = 'delivery'",
        pc.documentId,
        order.id,
      )
    : get<{ id: string; doc_no: string; business_date: string; note: string }>(
        ctx.db,
        "SELECT id, doc_no, business_date, note FROM stock_documents WHERE source_id = ? AND doc_type = 'delivery' ORDER BY created_at DESC, doc_no DESC LIMIT 1",
        order.id,
      );
  if (!doc) {
    if (pc.documentId) throw new LedgerError('NOT_FOUND', { entity: 'delivery' }, [{ path: 'documentId', code: 'NOT_FOUND' }]);
    throw noDocument(order, 'deliveryNote');
  }
  const lines = all<{ product_id: string; sku: string; name_zh: string; name_en: string; lot_code: string | null; expiry_date: string | null; qty: number; free: number | null }>(
    ctx.db,
    `SELECT d.product_id, p.sku, p.name_zh, p.name_en, t.lot_code, t.expiry_date, -d.qty AS qty, l.free
       FROM stock_document_lines d
       JOIN products p ON p.id = d.product_id
       LEFT JOIN lots t ON t.id = d.lot_id
       LEFT JOIN sales_order_lines l ON l.id = d.source_line_id
      WHERE d.document_id = ? ORDER BY d.line_no`,
    doc.id,
  );
  return {
    docNo: doc.doc_no,
    subtitle: [
      [fact(t, t.deliveryDate, doc.business_date), fact(t, t.order, order.doc_no), ...(order.salesperson ? [fact(t, t.salesperson, order.salesperson)] : [])].join(t.gap),
      ...customerFacts(pc),
      ...(doc.note ? [fact(t, t.note, doc.note)] : []),
    ],
    columns: [
      { key: 'sku', header: t.columns.sku, type: 'text', width: 11 },
      { key: 'product', header: t.columns.product, type: 'text', width: 28 },
      { key: 'lot', header: t.columns.lot, type: 'text', width: 10 },
      { key: 'expiry', header: t.columns.expiry, type: 'date' },
      { key: 'quantity', header: t.columns.quantity, type: 'text', width: 12, align: 'right' },
      { key: 'baseQty', header: t.columns.baseQty, type: 'qty', width: 10, total: true },
      { key: 'note', header: t.columns.note, type: 'text', width: 8 },
    ],
    rows: lines.map((l) => ({
      sku: l.sku,
      product: pc.name(l.name_zh, l.name_en),
      lot: l.lot_code ?? '',
      expiry: l.expiry_date,
      quantity: pc.quantity(l.product_id, l.qty),
      baseQty: l.qty,
      note: l.free === 1 ? t.free : '',
    })),
  };
}

function invoice(pc: Context): Printout {
  const { ctx, t, order } = pc;
  type InvoiceHeader = { id: string; doc_no: string; business_date: string; due_date: string; net_fen: number; tax_fen: number; gross_fen: number };
  const columnsSql = 'id, doc_no, business_date, due_date, net_fen, tax_fen, gross_fen';
  const inv = pc.documentId
    ? get<InvoiceHeader>(ctx.db, `SELECT ${columnsSql} FROM sales_invoices WHERE id = ? AND order_id = ?`, pc.documentId, order.id)
    : get<InvoiceHeader>(ctx.db, `SELECT ${columnsSql} FROM sales_invoices WHERE order_id = ? ORDER BY created_at DESC, doc_no DESC LIMIT 1`, order.id);
  if (!inv) {
    if (pc.documentId) throw new LedgerError('NOT_FOUND', { entity: 'invoice' }, [{ path: 'documentId', code: 'NOT_FOUND' }]);
    throw noDocument(order, 'invoice');
  }
  const lines = all<{
    product_id: string;
    sku: string;
    name_zh: string;
    name_en: string;
    unit_code: string;
    unit_zh: string | null;
    unit_en: string | null;
    factor: number | null;
    qty: number;
    unit_price_fen: number;
    discount_bp: number;
    tax_rate_bp: number;
    free: number;
    net_fen: number;
    tax_fen: number;
    gross_fen: number;
  }>(
    ctx.db,
    `SELECT l.product_id, p.sku, p.name_zh, p.name_en, l.unit_code, u.name_zh AS unit_zh, u.name_en AS unit_en, u.factor,
            i.qty, l.unit_price_fen, l.discount_bp, l.tax_rate_bp, l.free, i.net_fen, i.tax_fen, i.gross_fen
       FROM sales_invoice_lines i
       JOIN sales_order_lines l ON l.id = i.order_line_id
       JOIN products p ON p.id = l.product_id
       LEFT JOIN product_units u ON u.product_id = l.product_id AND u.code = l.unit_code
      WHERE i.invoice_id = ? ORDER BY l.line_no, i.id`,
    inv.id,
  );
  const anyDiscount = lines.some((l) => l.discount_bp > 0 && l.free !== 1);
  return {
    docNo: inv.doc_no,
    subtitle: [
      [fact(t, t.invoiceDate, inv.business_date), fact(t, t.dueDate, inv.due_date + t.terms(pc.customer.payment_terms_days)), fact(t, t.order, order.doc_no)].join(t.gap),
      ...customerFacts(pc),
      t.amounts(fenToGroupedYuan(inv.net_fen), fenToGroupedYuan(inv.tax_fen), fenToGroupedYuan(inv.gross_fen)),
    ],
    columns: [
      { key: 'sku', header: t.columns.sku, type: 'text', width: 11 },
      { key: 'product', header: t.columns.product, type: 'text', width: 24 },
      { key: 'unit', header: t.columns.unit, type: 'text', width: 5 },
      { key: 'quantity', header: t.columns.quantity, type: 'qty', width: 9 },
      { key: 'unitPrice', header: t.columns.unitPrice, type: 'money', width: 11 },
      ...(anyDiscount ? [{ key: 'discount', header: t.columns.discount, type: 'percent', width: 7 } as const] : []),
      { key: 'net', header: t.columns.net, type: 'money', width: 12, total: true },
      { key: 'taxRate', header: t.columns.taxRate, type: 'percent', width: 7 },
      { key: 'tax', header: t.columns.tax, type: 'money', width: 11, total: true },
      { key: 'gross', header: t.columns.gross, type: 'money', width: 13, total: true },
    ],
    rows: lines.map((l) => {
      const factor = l.factor ?? 1;
      // Invoiced in whole sold units as a rule; a partial delivery of a case line is shown as cases and units.
      const whole = l.qty % factor === 0;
      return {
        sku: l.sku,
        product: pc.name(l.name_zh, l.name_en) + (l.free === 1 ? t.freeSuffix : ''),
        unit: whole ? pc.name(l.unit_zh ?? l.unit_code, l.unit_en ?? '') : '',
        quantity: whole ? l.qty / factor : pc.quantity(l.product_id, l.qty),
        unitPrice: l.free === 1 ? 0 : l.unit_price_fen,
        ...(anyDiscount ? { discount: l.discount_bp / 10_000 } : {}),
        net: l.net_fen,
        taxRate: l.tax_rate_bp / 10_000,
        tax: l.tax_fen,
        gross: l.gross_fen,
      };
    }),
  };
}
