import { expect, type Locator, type Page } from '@playwright/test';

/** Order entry (/sales/new, /sales/:id/edit): customer lookup, scanner, lines, totals. */
export class OrderEntry {
  constructor(readonly page: Page) {}

  /** Types into the customer lookup and takes the first match with Enter. */
  async chooseCustomer(search: string, expectName: string) {
    const field = this.page.getByTestId('customer-lookup');
    await field.fill(search);
    await expect(this.page.getByRole('option', { name: new RegExp(expectName) }).first()).toBeVisible();
    await field.press('Enter');
    await expect(this.page.getByTestId('customer-card')).toContainText(expectName);
  }

  /** A keyboard-wedge scanner types the digits and presses Enter. */
  async scan(barcode: string) {
    await this.page.getByTestId('scan-input').click();
    await this.page.keyboard.type(barcode);
    await this.page.keyboard.press('Enter');
  }

  lines(): Locator {
    return this.page.getByTestId('order-line');
  }

  line(n: number): Locator {
    return this.lines().nth(n);
  }

  totalGross(): Locator {
    return this.page.getByTestId('total-gross');
  }

  async confirm() {
    await this.page.getByTestId('confirm-order').click();
  }
}

/** One order (/sales/:id): status, actions and their dialogs, lines, pick list, documents. */
export class OrderDetail {
  /** Prints the pick list, delivery note or invoice from the order and answers the download. */
  async print(kind: 'pickList' | 'deliveryNote' | 'invoice', format: 'pdf' | 'xlsx') {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`print-${kind}`).click();
    await this.page.getByTestId(`print-${kind}-${format}`).click();
    return await download;
  }

  constructor(readonly page: Page) {}

  status(): Locator {
    return this.page.getByTestId('order-status').first();
  }

  action(name: string): Locator {
    return this.page.getByTestId(`action-${name}`);
  }

  /** Runs an action that asks for a note (approve, reject, cancel, close). */
  async withNote(name: string, note: string) {
    await this.action(name).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('action-note').fill(note);
    await dialog.getByTestId('action-submit').click();
    await expect(dialog).toBeHidden();
  }

  async deliverAll() {
    await this.action('deliver').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('deliver-submit').click();
    await expect(dialog).toBeHidden();
  }
}
