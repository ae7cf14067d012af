import type { Locator, Page } from '@playwright/test';

/** The transfer form: where from, where to, the products (scanned or searched). */
export class TransferEntry {
  constructor(readonly page: Page) {}

  async toWarehouse(label: string) {
    await this.page.getByTestId('to-warehouse').click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async toBranch(code: string) {
    await this.page.getByText('其他门店').click();
    await this.page.getByTestId('to-branch').fill(code);
  }

  async scan(barcode: string) {
    await this.page.getByTestId('scan-input').click();
    await this.page.keyboard.type(barcode);
    await this.page.keyboard.press('Enter');
  }

  lines(): Locator {
    return this.page.getByTestId('entry-line');
  }
}

/** A transfer's page and its receiving screen. */
export class TransferDetail {
  constructor(readonly page: Page) {}

  status(): Locator {
    return this.page.getByTestId('transfer-status').first();
  }

  async act(action: 'send' | 'cancel' | 'close', note = '') {
    await this.page.getByTestId(`action-${action}`).click();
    if (note) await this.page.getByTestId('action-note').fill(note);
    await this.page.getByTestId('action-confirm').click();
  }

  async print(format: 'pdf' | 'xlsx') {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('print-transfer').click();
    await this.page.getByTestId(`print-transfer-${format}`).click();
    return await download;
  }

  receiveLine(i: number): Locator {
    return this.page.getByTestId('receive-line').nth(i);
  }

  async pick(locator: Locator, option: string) {
    await locator.click();
    await this.page.getByRole('option', { name: option }).click();
  }
}
