import { expect, type Locator, type Page } from '@playwright/test';

/** The customer list, a customer's page with its payment dialog, and the receivables page. */
export class CustomerPages {
  constructor(readonly page: Page) {}

  async search(text: string) {
    await this.page.getByTestId('customer-search').fill(text);
  }

  rows(): Locator {
    return this.page.getByTestId('customer-row');
  }

  async openCustomer(code: string) {
    await this.search(code);
    await expect(this.rows()).toHaveCount(1);
    await this.rows().first().getByRole('link', { name: code }).click();
    await expect(this.terms()).toBeVisible();
  }

  terms(): Locator {
    return this.page.getByTestId('customer-terms');
  }

  credit(): Locator {
    return this.page.getByTestId('customer-credit');
  }

  receivable(): Locator {
    return this.page.getByTestId('credit-receivable');
  }

  invoiceRow(docNo: string): Locator {
    return this.page.getByTestId('invoice-row').filter({ hasText: docNo });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Opens the dialog and fills it; `invoices` are the invoice numbers to pay (none: oldest first). */
  async fillPayment(amountYuan: string, invoices: readonly string[] = [], reference = '') {
    await this.page.getByTestId('receive-payment').click();
    await expect(this.dialog()).toBeVisible();
    await this.page.getByTestId('payment-amount').fill(amountYuan);
    if (reference) await this.dialog().getByLabel(/参考号|Reference/).fill(reference);
    for (const docNo of invoices) {
      await this.page.getByTestId('payment-invoices').click();
      await this.page.getByRole('option', { name: new RegExp(docNo) }).click();
    }
    // Close the invoice list so it does not cover the buttons.
    await this.page.getByTestId('payment-amount').click();
  }

  async submitPayment() {
    await this.page.getByTestId('payment-submit').click();
  }

  /** Prints an invoice from its row; answers the browser download. */
  async printInvoice(docNo: string, format: 'pdf' | 'xlsx') {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`print-${docNo}`).click();
    await this.page.getByTestId(`print-${docNo}-${format}`).click();
    return await download;
  }

  receivablesTotal(): Locator {
    return this.page.getByTestId('receivables-total');
  }

  receivableRow(docNo: string): Locator {
    return this.page.getByTestId('receivable-row').filter({ hasText: docNo });
  }
}
