import { expect, type Page } from '@playwright/test';

/** The new-return screen: customer, delivery, quantities per delivery line, save. */
export class ReturnEntry {
  constructor(readonly page: Page) {}

  async chooseCustomer(code: string, name: string) {
    const field = this.page.getByTestId('return-customer');
    await field.click();
    await field.fill(code);
    await this.page.getByRole('option', { name: new RegExp(name) }).first().click();
  }

  async chooseDelivery(docNo: string) {
    await this.page.getByTestId('return-delivery').click();
    await this.page.getByRole('option', { name: new RegExp(docNo) }).click();
  }

  line(i: number) {
    return this.page.getByTestId('return-line').nth(i);
  }

  async setQty(i: number, qty: string) {
    await this.line(i).getByTestId('return-qty').fill(qty);
  }

  preview() {
    return this.page.getByTestId('return-preview');
  }

  async save() {
    await this.page.getByTestId('save-return').click();
    await expect(this.page.getByTestId('return-doc-no')).toBeVisible();
  }
}

/** A return's page: its state and the action buttons its state allows. */
export class ReturnDetail {
  constructor(readonly page: Page) {}

  status() {
    return this.page.getByTestId('return-status').first();
  }

  async act(action: 'approve' | 'reject' | 'cancel' | 'receive') {
    await this.page.getByTestId(`action-${action}`).click();
    await this.page.getByTestId(`confirm-${action}`).click();
  }

  async inspect(perLine: { restock: number; quarantine: number; scrap: number; supplier: number }[]) {
    await this.page.getByTestId('action-inspect').click();
    for (const [i, d] of perLine.entries()) {
      const line = this.page.getByTestId('inspect-line').nth(i);
      await line.getByTestId('inspect-restockQty').fill(String(d.restock));
      await line.getByTestId('inspect-quarantineQty').fill(String(d.quarantine));
      await line.getByTestId('inspect-scrapQty').fill(String(d.scrap));
      await line.getByTestId('inspect-supplierQty').fill(String(d.supplier));
    }
    await this.page.getByTestId('inspect-submit').click();
  }

  async settleByCredit() {
    await this.page.getByTestId('action-settle').click();
    await this.page.getByTestId('settle-submit').click();
  }
}
