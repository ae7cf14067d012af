import type { LedgerDb } from '../../db/openLedgerDb';
import { buildVouchers, type AccountMapping, type Party, type StockDocType, type VoucherSource } from '../core/vouchers';
import type { ExportColumn, ExportRow, ExportTable } from '../exports/exportTable';
import { all } from './sql';

/**
 * The voucher export's table (凭证导出): what accounting.exportStart hands the report worker to
 * write, read there on the worker's read-only connection. One balanced voucher per document
 * that moves money or stock value, numbered per month, one row per entry, in the layout of a
 * Kingdee- or Yonyou-style import.
 */

/** What the worker needs besides the ledger: the range and layout asked for, and the branch's mapping, words and zone. */
export interface VoucherExportSpec {
  dateFrom: string;
  dateTo: string;
  layout: 'kingdee' | 'yonyou';
  mapping: AccountMapping;
  locale: 'zh-CN' | 'en';
  branch: { code: string; name: string; timeZone: string };
}

interface PartyColumns {
  customer_code: string | null;
  customer_name: string | null;
  supplier_code: string | null;
  supplier_name: string | null;
}

const party = (code: string | null, name: string | null): Party | null => (code === null ? null : { code, name: name ?? '' });

/**
 * Everything that posts value between two dates, by posting date: a late posting counts on the
 * day it was posted here (late_postings), not on its own date in the closed period.
 */
export function voucherSources(db: LedgerDb, dateFrom: string, dateTo: string): VoucherSource[] {
  const sources: VoucherSource[] = [];
  // The documents of one kind in the range: those on time by their own date (index by date),
  // and the late ones by the date they were posted on here.
  const dated = (kind: string, alias: string) => `(
      (${alias}.business_date BETWEEN :from AND :to AND NOT EXISTS (SELECT 1 FROM late_postings lp WHERE lp.document_kind = '${kind}' AND lp.document_id = ${alias}.id))
      OR ${alias}.id IN (SELECT document_id FROM late_postings WHERE document_kind = '${kind}' AND posted_date BETWEEN :from AND :to))`;
  const postedOn = (kind: string, alias: string) =>
    `COALESCE((SELECT posted_date FROM late_postings lp WHERE lp.document_kind = '${kind}' AND lp.document_id = ${alias}.id), ${alias}.business_date)`;
  const params = { from: dateFrom, to: dateTo };

  for (const r of all<{ date: string; doc_no: string; net_fen: number; tax_fen: number; gross_fen: number } & PartyColumns>(
    db,
    `SELECT ${postedOn('sales_invoice', 'i')} AS date, i.doc_no, i.net_fen, i.tax_fen, i.gross_fen, c.code AS customer_code, c.name AS customer_name
       FROM sales_invoices i JOIN customers c ON c.id = i.customer_id WHERE ${dated('sales_invoice', 'i')}`,
    params,
  )) {
    sources.push({ kind: 'invoice', date: r.date, docNo: r.doc_no, customer: party(r.customer_code, r.customer_name) ?? { code: '', name: '' }, netFen: r.net_fen, taxFen: r.tax_fen, grossFen: r.gross_fen });
  }
  for (const r of all<{ date: string; doc_no: string; method: 'cash' | 'transfer'; amount_fen: number } & PartyColumns>(
    db,
    `SELECT ${postedOn('customer_payment', 'p')} AS date, p.doc_no, p.method, p.amount_fen, c.code AS customer_code, c.name AS customer_name
       FROM customer_payments p JOIN customers c ON c.id = p.customer_id WHERE ${dated('customer_payment', 'p')}`,
    params,
  )) {
    sources.push({ kind: 'payment', date: r.date, docNo: r.doc_no, method: r.method, amountFen: r.amount_fen, customer: party(r.customer_code, r.customer_name) ?? { code: '', name: '' } });
  }
  for (const r of all<
    { date: string; doc_no: string; net_fen: number; tax_fen: number; gross_fen: number; settlement: 'credit' | 'refund'; refund_method: 'cash' | 'transfer' | null } & PartyColumns
  >(
    db,
    `SELECT ${postedOn('credit_note', 'n')} AS date, n.doc_no, n.net_fen, n.tax_fen, n.gross_fen, n.settlement, n.refund_method, c.code AS customer_code, c.name AS customer_name
       FROM credit_notes n JOIN customers c ON c.id = n.customer_id WHERE ${dated('credit_note', 'n')}`,
    params,
  )) {
    sources.push({
      kind: 'creditNote',
      date: r.date,
      docNo: r.doc_no,
      customer: party(r.customer_code, r.customer_name) ?? { code: '', name: '' },
      netFen: r.net_fen,
      taxFen: r.tax_fen,
      grossFen: r.gross_fen,
      settlement: r.settlement,
      refundMethod: r.refund_method,
    });
  }
  for (const r of all<{ date: string; doc_no: string; doc_type: string; original_type: string | null; value_fen: number | null; from_count: number } & PartyColumns>(
    db,
    `SELECT ${postedOn('stock_document', 'd')} AS date, d.doc_no, d.doc_type, o.doc_type AS original_type,
            (SELECT SUM(m.value_fen) FROM stock_movements m WHERE m.document_id = d.id) AS value_fen,
            EXISTS (SELECT 1 FROM stock_counts sc WHERE sc.adjustment_document_id = COALESCE(o.id, d.id)) AS from_count,
            COALESCE(c.code, rc.code) AS customer_code, COALESCE(c.name, rc.name) AS customer_name, s.code AS supplier_code, s.name AS supplier_name
       FROM stock_documents d
       LEFT JOIN stock_documents o ON o.id = d.reverses_document_id
       LEFT JOIN sales_orders so ON so.id = COALESCE(o.source_id, d.source_id) AND COALESCE(o.doc_type, d.doc_type) = 'delivery'
       LEFT JOIN customers c ON c.id = so.customer_id
       LEFT JOIN customer_returns cr ON cr.receipt_document_id = COALESCE(o.id, d.id)
       LEFT JOIN customers rc ON rc.id = cr.customer_id
       LEFT JOIN supplier_returns sr ON sr.document_id = COALESCE(o.id, d.id)
       LEFT JOIN suppliers s ON s.id = COALESCE(o.supplier_id, d.supplier_id, sr.supplier_id)
      WHERE ${dated('stock_document', 'd')}`,
    params,
  )) {
    const reversal = r.doc_type === 'reversal';
    // A reversal whose original this ledger keeps unlinked (two PCs reversed it) books as an adjustment.
    const docType = (reversal ? (r.original_type ?? 'adjustment') : r.doc_type) as StockDocType;
    sources.push({
      kind: 'stock',
      date: r.date,
      docNo: r.doc_no,
      docType,
      valueFen: r.value_fen ?? 0,
      customer: party(r.customer_code, r.customer_name),
      supplier: party(r.supplier_code, r.supplier_name),
      fromCount: r.from_count === 1,
      reversal,
    });
  }
  return sources.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.docNo < b.docNo ? -1 : a.docNo > b.docNo ? 1 : 0));
}

/** The column layouts the two import tools take (headers as their templates name them). */
const layouts: Record<'kingdee' | 'yonyou', readonly ExportColumn[]> = {
  // 金蝶 KIS/K3 凭证引入: period columns, 分录序号 and the auxiliary item as 类别---代码---名称.
  kingdee: [
    { key: 'date', header: '凭证日期', type: 'date' },
    { key: 'year', header: '会计年度', type: 'int', width: 8 },
    { key: 'period', header: '会计期间', type: 'int', width: 8 },
    { key: 'word', header: '凭证字', type: 'text', width: 6 },
    { key: 'number', header: '凭证号', type: 'int', width: 8 },
    { key: 'entry', header: '分录序号', type: 'int', width: 8 },
    { key: 'summary', header: '摘要', type: 'text', width: 30 },
    { key: 'accountCode', header: '科目代码', type: 'text', width: 12 },
    { key: 'accountName', header: '科目名称', type: 'text', width: 26 },
    { key: 'debit', header: '借方金额', type: 'money' },
    { key: 'credit', header: '贷方金额', type: 'money' },
    { key: 'aux', header: '核算项目', type: 'text', width: 30 },
    { key: 'docNo', header: '原始单据号', type: 'text', width: 22 },
  ],
  // 用友 T3/T6 凭证导入: 凭证类别 and 凭证编号, customer and supplier codes in their own columns.
  yonyou: [
    { key: 'date', header: '制单日期', type: 'date' },
    { key: 'word', header: '凭证类别', type: 'text', width: 8 },
    { key: 'number', header: '凭证编号', type: 'int', width: 8 },
    { key: 'summary', header: '摘要', type: 'text', width: 30 },
    { key: 'accountCode', header: '科目编码', type: 'text', width: 12 },
    { key: 'accountName', header: '科目名称', type: 'text', width: 26 },
    { key: 'debit', header: '借方金额', type: 'money' },
    { key: 'credit', header: '贷方金额', type: 'money' },
    { key: 'customerCode', header: '客户编码', type: 'text', width: 10 },
    { key: 'customerName', header: '客户名称', type: 'text', width: 20 },
    { key: 'supplierCode', header: '供应商编码', type: 'text', width: 10 },
    { key: 'supplierName', header: '供应商名称', type: 'text', width: 20 },
    { key: 'docNo', header: '原始单据号', type: 'text', width: 22 },
  ],
};

const titles = { 'zh-CN': '凭证导出', en: 'Vouchers' } as const;

/** The file the user saves: 金蝶凭证-BJ01-2026-11-01-2026-11-30.xlsx. */
export function voucherFileName(spec: Pick<VoucherExportSpec, 'layout' | 'dateFrom' | 'dateTo' | 'branch'>, format: string): string {
  return `${spec.layout === 'kingdee' ? '金蝶凭证' : '用友凭证'}-${spec.branch.code}-${spec.dateFrom}-${spec.dateTo}.${format}`;
}

/**
 * The vouchers as an export table. Headers stay in Chinese in either language: they are what
 * the import templates match. The rows are made as the writer asks for them.
 */
export function voucherTable(db: LedgerDb, spec: VoucherExportSpec): ExportTable {
  const vouchers = buildVouchers(voucherSources(db, spec.dateFrom, spec.dateTo), spec.mapping, spec.locale);
  function* rows(): Generator<ExportRow> {
    for (const v of vouchers) {
      let entry = 0;
      for (const e of v.entries) {
        entry += 1;
        const aux = e.customer ? `客户---${e.customer.code}---${e.customer.name}` : e.supplier ? `供应商---${e.supplier.code}---${e.supplier.name}` : '';
        yield {
          date: v.date,
          year: Number(v.date.slice(0, 4)),
          period: Number(v.date.slice(5, 7)),
          word: v.word,
          number: v.number,
          entry,
          summary: e.summary,
          accountCode: e.account.code,
          accountName: e.account.name,
          debit: e.debitFen === 0 ? null : e.debitFen,
          credit: e.creditFen === 0 ? null : e.creditFen,
          aux,
          customerCode: e.customer?.code ?? '',
          customerName: e.customer?.name ?? '',
          supplierCode: e.supplier?.code ?? '',
          supplierName: e.supplier?.name ?? '',
          docNo: v.docNo,
        };
      }
    }
  }
  return {
    title: `${titles[spec.locale]} ${spec.dateFrom} – ${spec.dateTo}`,
    subtitle: [`${spec.branch.code} ${spec.branch.name}`],
    columns: layouts[spec.layout],
    rows: rows(),
    locale: spec.locale,
    timeZone: spec.branch.timeZone,
    sheetName: titles[spec.locale],
  };
}
