import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Backups, its restore dialog, and the recovery screen (which shares the table and dialog). */
export class BackupsPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('backup-row');
  }

  async backUpNow() {
    await this.page.getByRole('button', { name: '立即备份' }).click();
  }

  /** Opens the restore dialog of the n-th backup (newest first) and waits for its preview. */
  async openRestore(n = 0, recoverySignIn?: { username: string; secret: string }): Promise<Locator> {
    await this.rows().nth(n).getByRole('button', { name: '恢复…' }).click();
    if (recoverySignIn) {
      // Recovery mode: a manager or administrator of the backup signs in first.
      const form = this.page.getByTestId('recovery-sign-in');
      await form.getByLabel('用户名').fill(recoverySignIn.username);
      await form.getByLabel('密码或 PIN').fill(recoverySignIn.secret);
      await form.getByRole('button', { name: '登录并查看备份' }).click();
    }
    const preview = this.page.getByTestId('restore-preview');
    await expect(preview).toBeVisible();
    return preview;
  }

  async confirmRestore() {
    await this.page.getByLabel('我明白', { exact: false }).check();
    await this.page.getByRole('button', { name: '恢复这份备份' }).click();
  }
}
