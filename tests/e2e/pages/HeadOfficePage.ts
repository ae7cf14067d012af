import { expect, type Locator, type Page } from '@playwright/test';

/** The head-office page served by the server at /admin: sign-in, sections, master-data forms. */
export class HeadOfficePage {
  constructor(readonly page: Page) {}

  async signIn(url: string, token: string) {
    await this.page.goto(`${url}/admin`);
    await this.page.getByLabel('管理令牌').fill(token);
    await this.page.getByRole('button', { name: '进入 Open' }).click();
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  async section(name: string) {
    await this.page.getByRole('navigation').getByRole('link', { name }).click();
  }

  form(id: string): Locator {
    return this.page.locator(`#${id}`);
  }

  table(id: string): Locator {
    return this.page.locator(`#${id} tbody tr`);
  }

  /** Types into a product picker and chooses the match whose text contains `text`. */
  async pickProduct(form: Locator, search: string, text: string) {
    await form.getByPlaceholder('编码/名称 SKU or name').first().fill(search);
    const select = form.getByRole('combobox', { name: 'Product' });
    await expect(select.locator('option', { hasText: text })).toHaveCount(1);
    await select.selectOption({ label: (await select.locator('option', { hasText: text }).textContent()) ?? '' });
  }
}
