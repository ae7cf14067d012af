import { expect, type Page } from '@playwright/test';

/** The frame every screen sits in: header (branch, language) and the navigation. */
export class AppShell {
  private origin = '';

  constructor(readonly page: Page) {}

  /** Logs in with the host's per-start key, then opens a route. */
  async open(url: string, route = '/stock') {
    await this.page.goto(url);
    this.origin = new URL(url).origin;
    await this.go(route);
  }

  async go(route: string) {
    await this.page.goto(`${this.origin}/#${route}`);
  }

  nav() {
    return this.page.getByRole('navigation');
  }

  async switchLanguage(to: '中文' | 'EN') {
    await this.page.getByRole('banner').getByText(to, { exact: true }).click();
  }

  async expectBranch(code: string) {
    await expect(this.page.getByRole('banner')).toContainText(code);
  }
}
