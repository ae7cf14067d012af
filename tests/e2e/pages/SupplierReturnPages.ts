import type { Page } from '@playwright/test';

/** The supplier-return draft form: supplier, warehouse, goods offered, lines. */
export class SupplierReturnEntry {
  constructor(readonly page: Page) {}

  async chooseSupplier(label: string) {
    await this.page.getByTestId('supplier-select').click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async chooseWarehouse(label: string) {
    await this.page.getByTestId('warehouse-select').click();
    await this.page.getByRole('option', { name: label }).click();
  }

  async addCandidate(search: string) {
    await this.page.getByTestId('candidate-search').fill(search);
    await this.page.getByTestId('candidate-row').filter({ hasText: search }).getByTestId('add-candidate').click();
  }

  lines() {
    return this.page.getByTestId('return-line');
  }

  line(i: number) {
    return this.lines().nth(i);
  }

  async save() {
    await this.page.getByTestId('save-draft').click();
  }
}

/** A supplier return's page: its state, claim, actions and tracking. */
export class SupplierReturnDetail {
  constructor(readonly page: Page) {}

  status() {
    return this.page.getByTestId('return-status').first();
  }

  async act(action: 'send' | 'accept' | 'credit' | 'reject' | 'cancel', fill?: { reference?: string; credit?: string; note?: string }) {
    await this.page.getByTestId(`action-${action}`).click();
    if (fill?.reference !== undefined) await this.page.getByTestId('reference-input').fill(fill.reference);
    if (fill?.credit !== undefined) await this.page.getByTestId('credit-input').fill(fill.credit);
    if (fill?.note !== undefined) await this.page.getByTestId('action-note').fill(fill.note);
    await this.page.getByTestId('action-confirm').click();
  }
}
