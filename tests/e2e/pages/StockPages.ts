import { expect, type Locator, type Page } from '@playwright/test';

/** Goods receipt and stock adjustment share their scanner-first form. */
export class StockForm {
  constructor(readonly page: Page) {}

  scanField(): Locator {
    return this.page.getByTestId('scan-input');
  }

  lines(): Locator {
    return this.page.getByTestId('line-row');
  }

  line(n: number): Locator {
    return this.lines().nth(n);
  }

  /** A keyboard-wedge scanner types the digits and presses Enter. */
  async scan(barcode: string) {
    await this.scanField().click();
    await this.page.keyboard.type(barcode);
    await this.page.keyboard.press('Enter');
  }

  async post() {
    await this.page.getByTestId('post-document').click();
  }

  async expectPosted(): Promise<string> {
    const note = this.page.getByTestId('post-success');
    await expect(note).toBeVisible();
    const text = (await note.textContent()) ?? '';
    const docNo = /[A-Z0-9]+-(GR|ADJ)-\d{4}-\d{6}/.exec(text)?.[0];
    expect(docNo, text).toBeTruthy();
    return docNo ?? '';
  }
}

/** Stock on hand: its filters and its export menu. */
export class OnHandPage {
  constructor(readonly page: Page) {}

  async search(text: string) {
    await this.page.getByRole('textbox').first().fill(text);
  }

  /** Picks a format from the export menu and answers the browser's download. */
  async exportAs(format: 'xlsx' | 'csv' | 'pdf') {
    await this.page.getByTestId('export-menu').click();
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${format}`).click();
    return download;
  }
}
