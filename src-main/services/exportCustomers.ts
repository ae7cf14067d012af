import type { ExportedFile, ParsedInput } from '../contract';
import { writeAuditedExport } from './auditedExport';
import { streamRows, textSearch, whereClause } from './sql';
import type { ServiceContext } from './types';

const text = {
  'zh-CN': { title: '客户资料', fileName: '客户资料' },
  en: { title: 'Customers', fileName: 'customers' },
} as const;

const columnHeaders = {
  'zh-CN': { code: '客户编码', name: '客户名称', channel: '渠道', region: '区域', salesperson: '业务员', contact: '联系人', phone: '电话', address: '地址', creditLimit: '信用额度（元）', terms: '账期（天）' },
  en: { code: 'Code', name: 'Customer', channel: 'Channel', region: 'Region', salesperson: 'Salesperson', contact: 'Contact', phone: 'Phone', address: 'Address', creditLimit: 'Credit limit (CNY)', terms: 'Terms (days)' },
} as const;

interface CustomerExportRow {
  code: string;
  name: string;
  channel: string;
  region: string;
  salesperson: string;
  contact: string;
  phone: string;
  address: string;
  credit_limit_fen: number;
  payment_terms_days: number;
}

/**
 * The customer list with contacts and credit terms as a file. Customer data is confidential
 * (客户资料保密): the method needs customers.sensitive, and every export is written to the audit
 * trail with who took it, the filter and how many customers it held.
 */
export function exportCustomers(ctx: ServiceContext, input: ParsedInput<'customers.export'>): Promise<ExportedFile> {
  const where = whereClause([textSearch(['code', 'name', 'phone', 'contact'], input.q)]);
  return writeAuditedExport(ctx, {
    format: input.format,
    text,
    columns: (locale) => {
      const c = columnHeaders[locale];
      return [
        { key: 'code', header: c.code, type: 'text', width: 10 },
        { key: 'name', header: c.name, type: 'text', width: 28 },
        { key: 'channel', header: c.channel, type: 'text', width: 10 },
        { key: 'region', header: c.region, type: 'text', width: 10 },
        { key: 'salesperson', header: c.salesperson, type: 'text', width: 10 },
        { key: 'contact', header: c.contact, type: 'text', width: 10 },
        { key: 'phone', header: c.phone, type: 'text', width: 14 },
        { key: 'address', header: c.address, type: 'text', width: 30 },
        { key: 'creditLimit', header: c.creditLimit, type: 'money' },
        { key: 'terms', header: c.terms, type: 'int' },
      ];
    },
    rows: async function* (reader) {
      const sql = `SELECT code, name, channel, region, salesperson, contact, phone, address, credit_limit_fen, payment_terms_days FROM customers ${where.sql} ORDER BY code`;
      for await (const r of streamRows<CustomerExportRow>(reader, sql, where.params)) {
        yield { code: r.code, name: r.name, channel: r.channel, region: r.region, salesperson: r.salesperson, contact: r.contact, phone: r.phone, address: r.address, creditLimit: r.credit_limit_fen, terms: r.payment_terms_days };
      }
    },
    audit: { action: 'customers.export', entity: 'customer', details: { q: input.q } },
  });
}
