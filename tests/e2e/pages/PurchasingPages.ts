import type { Locator, Page } from '@playwright/test';

/** A keyboard-wedge scanner types the digits and presses Enter into the screen's scan field. */
async function scanInto(page: Page, barcode: string) {
  await page.getByTestId('scan-input').click();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
}

/** Purchase order entry (/purchasing/new): supplier, products by scan, rounded quantities, save. */
export class PurchaseEntry {
  constructor(readonly page: Page) {}

  async chooseSupplier(label: string) {
    await this.page.getByTestId('po-supplier').click();
    await this.page.getByRole('option', { name: label }).click();
  }

  scan(barcode: string) {
    return scanInto(this.page, barcode);
  }

  lines(): Locator {
    return this.page.getByTestId('po-line');
  }
}

/** Receiving against a purchase order (/purchasing/:id/receive). */
export class PurchaseReceiving {
  constructor(readonly page: Page) {}

  scan(barcode: string) {
    return scanInto(this.page, barcode);
  }

  line(sku: string): Locator {
    return this.page.locator(`[data-testid="receive-line"][data-product="${sku}"]`);
  }

  async lot(sku: string, lotCode: string, expiry: string) {
    await this.line(sku).getByTestId('receive-lot').fill(lotCode);
    await this.line(sku).getByTestId('receive-expiry').fill(expiry);
  }

  flags(): Locator {
    return this.page.getByTestId('receive-flags');
  }

  post(): Locator {
    return this.page.getByTestId('receive-post');
  }
}
