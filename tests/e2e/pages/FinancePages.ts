import { type Page } from '@playwright/test';

/** The accountant's screen (财务): late postings, voucher export and sales targets tabs. */
export class FinancePage {
  constructor(readonly page: Page) {}

  async tab(name: 'late' | 'vouchers' | 'targets') {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  lateRows() {
    return this.page.getByTestId('late-row');
  }

  async exportVouchers(format: 'xlsx' | 'csv') {
    await this.page.getByTestId('export-vouchers').click();
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-vouchers-${format}`).click();
    return download;
  }

  /** Starts the voucher export without waiting for its file (it shows its progress and a Cancel button meanwhile). */
  async startVoucherExport(format: 'xlsx' | 'csv') {
    await this.page.getByTestId('export-vouchers').click();
    await this.page.getByTestId(`export-vouchers-${format}`).click();
  }

  async setTarget(salesperson: string, yuan: string) {
    await this.page.getByTestId('target-salesperson').fill(salesperson);
    await this.page.getByTestId('target-amount').fill(yuan);
    await this.page.getByRole('button', { name: /保存目标|Save target/ }).click();
  }
}
