import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpHost } from '../../src-main/http/createHttpHost';
import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { ADMIN_PASSWORD, call, expect, signIn, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { BackupsPage } from './pages/BackupsPage';

const staticDir = fileURLToPath(new URL('../../dist-web', import.meta.url));

interface DocumentRows {
  rows: { id: string; docNo: string; docType: string }[];
  total: number;
}

test('a backup made from the settings page, then a restore preview that names the documents it would lose, then the restore', async ({ page, app }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const shell = new AppShell(page);
  await shell.open(app.url, '/settings');
  await page.getByRole('link', { name: '打开备份与恢复' }).click();
  await expect(page.getByRole('heading', { name: '备份与恢复' })).toBeVisible();
  await expect(page.getByText('还没有备份')).toBeVisible();

  const backups = new BackupsPage(page);
  await backups.backUpNow();
  await expect(backups.rows()).toHaveCount(1);
  await expect(backups.rows().first()).toContainText('手动');
  await expect(backups.rows().first()).toContainText('已通过');

  // A document posted after the backup: the preview must name it as lost.
  const before = await call<DocumentRows>(app, 'stock.documents', {});
  const receipt = before.rows.find((r) => r.docType === 'receipt');
  const reversal = await call<{ docNo: string }>(app, 'stock.reverse', { documentId: receipt?.id });

  const preview = await backups.openRestore(0);
  await expect(preview).toContainText('备份完整性检查通过');
  await expect(page.getByTestId('restore-lost')).toContainText(reversal.docNo);
  await page.screenshot({ path: test.info().outputPath('restore-preview.png') });
  await expect(page.getByRole('button', { name: '恢复这份备份' })).toBeDisabled();

  await backups.confirmRestore();
  await expect(page.getByText('正在重新打开账本')).toBeVisible();
  // The page reloads on the restored ledger, whose users sign in again.
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await signIn(app);
  await page.reload();
  // The backup made first, and the one made before the restore.
  await expect(backups.rows()).toHaveCount(2);
  await expect(backups.rows().first()).toContainText('恢复前');
  const after = await call<DocumentRows>(app, 'stock.documents', {});
  expect(after.total).toBe(before.total);
  expect(after.rows.map((r) => r.docNo)).not.toContain(reversal.docNo);
});

test('a ledger damaged while the app was closed opens the recovery screen, never a blank page; restoring the newest backup opens the app', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'branch-ledger-e2e-damaged-'));
  try {
    const first = openLedgerApp({ dataDir, host: 'node' });
    const setUp = await first.api.invoke('setup.createBranch', { code: 'SH02', name: '上海二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 5 });
    expect(setUp.ok).toBe(true);
    expect((await first.api.invoke('backups.create', {})).ok).toBe(true);
    first.close();
    // Torn pages in the middle of the file, as a failing disk or a killed copy leaves them.
    const fd = openSync(join(dataDir, 'ledger.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 8, 0x5a), 0, 4096 * 8, 4096 * 6);
    closeSync(fd);

    const ledger = openLedgerApp({ dataDir, host: 'http' });
    const host = await createHttpHost({ api: ledger.api, staticDir, exportsDir: ledger.exportsDir, port: 0 });
    try {
      await page.goto(host.url);
      const screen = page.getByTestId('recovery-screen');
      await expect(screen).toBeVisible();
      await expect(screen).toContainText('账本文件已损坏');
      await expect(screen).toContainText(/page \d+/);
      const backups = new BackupsPage(page);
      await expect(backups.rows()).toHaveCount(1);
      await expect(backups.rows().first()).toContainText('最新');
      await page.screenshot({ path: test.info().outputPath('recovery-screen.png') });
      // The screen speaks English too (the stored choice is in the damaged file).
      await screen.getByText('EN', { exact: true }).click();
      await expect(screen).toContainText('The ledger file is damaged');
      await page.screenshot({ path: test.info().outputPath('recovery-screen-en.png') });
      await screen.getByText('中文', { exact: true }).click();

      // A wrong password for the backup's administrator is refused; the right one opens the preview.
      await backups.rows().first().getByRole('button', { name: '恢复…' }).click();
      const signInForm = page.getByTestId('recovery-sign-in');
      await signInForm.getByLabel('用户名').fill('admin');
      await signInForm.getByLabel('密码或 PIN').fill('wrong-password');
      await signInForm.getByRole('button', { name: '登录并查看备份' }).click();
      await expect(page.getByRole('dialog')).toContainText('用户名或密码不对');
      await page.screenshot({ path: test.info().outputPath('recovery-sign-in-refused.png') });
      // Retry goes back to the sign-in.
      await page.getByRole('dialog').getByRole('button', { name: '重试' }).click();
      await expect(signInForm).toBeVisible();
      await page.keyboard.press('Escape');
      const preview = await backups.openRestore(0, { username: 'admin', secret: ADMIN_PASSWORD });
      await expect(preview).toContainText('当前账本无法读取');
      await backups.confirmRestore();
      // Reloaded on the restored ledger: its sign-in, then the app itself with its branch.
      await expect(page.getByTestId('sign-in-screen')).toBeVisible({ timeout: 15_000 });
      expect((await ledger.api.invoke('auth.signIn', { username: 'admin', secret: ADMIN_PASSWORD })).ok).toBe(true);
      await page.reload();
      await expect(page.getByRole('banner')).toContainText('SH02', { timeout: 15_000 });
      expect(ledger.damaged()).toBeNull();
    } finally {
      await host.close();
      ledger.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
