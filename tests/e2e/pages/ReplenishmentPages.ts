import type { Page } from '@playwright/test';

/** The replenishment suggestions screen. */
export class ReplenishmentPage {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('replenish-row');
  }

  row(name: string) {
    return this.rows().filter({ hasText: name });
  }

  async showAll(on: boolean) {
    await this.page.getByRole('switch', { name: /Only what needs ordering|只看需要订货的/ }).setChecked(!on, { force: true });
  }

  async setLevels(name: string, min: number, max: number) {
    await this.row(name).getByRole('button', { name: /Set min and max|设置订货点与最高库存/ }).click();
    await this.page.getByTestId('override-min').fill(String(min));
    await this.page.getByTestId('override-max').fill(String(max));
    await this.page.getByTestId('override-save').click();
  }

  createOrders() {
    return this.page.getByTestId('create-orders');
  }
}

/** The stock health lists. */
export class StockHealthPage {
  constructor(readonly page: Page) {}

  tab(kind: 'stockout' | 'overstock' | 'slow' | 'nearExpiry') {
    return this.page.getByTestId(`health-tab-${kind}`);
  }

  rows() {
    return this.page.getByTestId('health-row');
  }
}
