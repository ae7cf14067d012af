import { expect, type Locator, type Page } from '@playwright/test';

/** The Sync page and the enrolment form it shares with the first-start screen. */
export class SyncPage {
  constructor(readonly page: Page) {}

  /** `adminPassword`: joining from the first-start screen makes this PC's administrator. */
  async enrol(serverUrl: string, code: string, deviceName: string, adminPassword?: string) {
    await this.page.getByLabel('总部服务器地址').fill(serverUrl);
    await this.page.getByLabel('注册码').fill(code);
    await this.page.getByLabel('本机名称').fill(deviceName);
    if (adminPassword !== undefined) await this.page.getByLabel('管理员密码').fill(adminPassword);
    await this.page.getByRole('button', { name: '连接总部' }).click();
  }

  syncNowButton(): Locator {
    return this.page.getByTestId('sync-now');
  }

  pending(): Locator {
    return this.page.getByTestId('sync-pending');
  }

  indicator(): Locator {
    return this.page.getByRole('banner').getByTestId('sync-indicator');
  }

  async expectPending(n: number) {
    await expect(this.pending()).toContainText(String(n));
  }
}
