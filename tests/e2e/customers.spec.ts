import { readFile } from 'node:fs/promises';
import { formatMoney } from '../../src-renderer/components/format';
import { customerWithTwoInvoices, type Invoice } from './customerSetup';
import { call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { CustomerPages } from './pages/CustomerPages';

const yuan = (fen: number) => formatMoney(fen, 'zh-CN');

test('the sales desk opens a customer, sees terms and credit, receives a payment against one invoice and sees receivables drop', async ({ page, app }) => {
  const { customer, invoices } = await customerWithTwoInvoices(app);
  const [first, second] = invoices as [Invoice, Invoice];
  const owed = first.grossFen + second.grossFen;
  const shell = new AppShell(page);
  const pages = new CustomerPages(page);
  await shell.open(app.url, '/customers');
  await pages.openCustomer(customer.code);

  await expect(page.getByRole('heading', { name: customer.name })).toBeVisible();
  await expect(pages.terms()).toContainText('重点客户');
  await expect(pages.terms()).toContainText(`${customer.paymentTermsDays} 天`);
  await expect(pages.credit()).toContainText(yuan(customer.creditLimitFen));
  await expect(pages.receivable()).toHaveText(yuan(owed));
  await expect(page.getByTestId('credit-sync')).toHaveText('本机从未同步：只含本机单据');
  await expect(pages.invoiceRow(second.docNo)).toContainText(yuan(second.openFen));

  // Pay the second invoice in full: it is settled, the first stays open.
  await pages.fillPayment((second.openFen / 100).toFixed(2), [second.docNo], 'BANK-778');
  await pages.submitPayment();
  await expect(pages.dialog()).toBeHidden();
  await expect(pages.invoiceRow(second.docNo)).toContainText('已结清');
  await expect(pages.invoiceRow(first.docNo)).toContainText(yuan(first.openFen));
  await expect(pages.receivable()).toHaveText(yuan(first.grossFen));
  const printed = await pages.printInvoice(first.docNo, 'pdf');
  expect(printed.suggestedFilename()).toBe(`销售结算单-${first.docNo}.pdf`);
  expect((await readFile(await printed.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByRole('tab', { name: /收款/ }).click();
  await expect(page.getByTestId('payment-row')).toContainText('BANK-778');

  await page.getByRole('tab', { name: /订单/ }).click();
  await expect(page.getByTestId('customer-orders').getByRole('link')).toHaveCount(2);

  await shell.go('/customers/receivables');
  await pages.page.getByTestId('receivables-search').fill(customer.name);
  await expect(pages.receivablesTotal()).toHaveText(yuan(first.openFen));
  await expect(pages.receivableRow(first.docNo)).toBeVisible();
  await expect(pages.receivableRow(second.docNo)).toHaveCount(0);
  await pages.receivableRow(first.docNo).getByRole('link', { name: customer.name }).click();
  await expect(page.getByRole('heading', { name: customer.name })).toBeVisible();
});

test('a payment larger than the chosen invoices still owe is refused with a translated message next to the amount, and nothing is saved', async ({ page, app }) => {
  const { customer, invoices } = await customerWithTwoInvoices(app);
  const [first] = invoices as [Invoice];
  const shell = new AppShell(page);
  const pages = new CustomerPages(page);
  await shell.open(app.url, `/customers/${customer.id}`);
  await expect(pages.terms()).toBeVisible();

  // Letters are not an amount: the dialog says so before anything is sent.
  await pages.fillPayment('十二块');
  await pages.submitPayment();
  await expect(pages.dialog()).toContainText('金额格式不正确，例如 12.50');
  await pages.dialog().getByRole('button', { name: '取消' }).click();

  await pages.fillPayment(((first.openFen + 100) / 100).toFixed(2), [first.docNo]);
  await pages.submitPayment();
  await expect(pages.dialog()).toContainText('收款金额超过所选发票的未收金额。');
  await expect(pages.dialog()).toBeVisible();
  const after = await call<{ payments: unknown[]; credit: { receivableFen: number } }>(app, 'customers.get', { id: customer.id });
  expect(after.payments).toEqual([]);
  expect(after.credit.receivableFen).toBe(invoices.reduce((n, i) => n + i.grossFen, 0));
});
