import type { Page } from '@playwright/test';

/** The reports list and one report: filters, table, totals, export. */
export class ReportPage {
  constructor(readonly page: Page) {}

  async openFromList(reportId: string) {
    await this.page.getByTestId(`report-${reportId}`).click();
  }

  rows() {
    return this.page.getByTestId('report-row');
  }

  total(key: string) {
    return this.page.getByTestId(`total-${key}`);
  }

  async chooseCategory(name: string) {
    await this.page.getByTestId('filter-categoryId').click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async sortBy(key: string) {
    await this.page.getByTestId(`sort-${key}`).click();
  }

  async exportAs(format: 'xlsx' | 'csv' | 'pdf') {
    await this.page.getByTestId('export-menu').click();
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${format}`).click();
    return download;
  }
}
