import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerApp } from '../../src-main/services/openLedgerApp';
import { call, expect, test } from './fixtures';
import { startTestHeadOffice } from './headOfficeServer';
import { AppShell } from './pages/AppShell';
import { SyncPage } from './pages/SyncPage';

interface HeadOffice {
  url: string;
  /** A branch at head office and a one-time enrolment code for it. */
  branch(code: string, name: string): Promise<{ id: string }>;
  enrolmentCode(branchId: string): Promise<string>;
}

/** Every test gets its own head-office server (PGlite in memory) on a free loopback port. */
const withHeadOffice = test.extend<{ headOffice: HeadOffice }>({
  headOffice: async ({}, use) => {
    const ho = await startTestHeadOffice();
    try {
      await use({
        url: ho.url,
        branch: (code, name) => ho.admin('POST', '/admin/v1/branches', { code, name, timeZone: 'Asia/Shanghai' }),
        enrolmentCode: async (branchId) => (await ho.admin<{ code: string }>('POST', `/admin/v1/branches/${branchId}/enrolment-codes`, {})).code,
      });
    } finally {
      await ho.close();
    }
  },
});

// Each of these starts an embedded head-office database (PGlite, a few seconds on its own and
// more when the other worker is busy): they get three times the usual time.
withHeadOffice.slow();

withHeadOffice('a manager connects the PC on the Sync page, presses Sync now, and the pending changes go to 0', async ({ page, app, headOffice }) => {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const branch = await headOffice.branch('BJ01', '北京朝阳分店');
  const shell = new AppShell(page);
  await shell.open(app.url, '/sync');
  const sync = new SyncPage(page);
  await expect(page.getByText('这台电脑还没有连接总部')).toBeVisible();
  // No badge while the PC is not enrolled: the header looks as it always did.
  await expect(sync.indicator()).toHaveCount(0);

  // A mistyped code is refused next to the code field, and nothing is connected.
  await sync.enrol(headOffice.url, 'AAAA-BBBB-CCCC', '前台电脑');
  await expect(page.getByText('注册码无效、已用过或已过期')).toBeVisible();

  await page.getByLabel('注册码').fill(await headOffice.enrolmentCode(branch.id));
  await page.getByRole('button', { name: '连接总部' }).click();
  await expect(page.getByText('已连接总部：BJ01 · 北京朝阳分店')).toBeVisible();
  await expect(sync.syncNowButton()).toBeVisible();

  await sync.syncNowButton().click();
  await sync.expectPending(0);
  await expect(page.getByTestId('sync-last')).toContainText(/前|秒/);
  await expect(sync.indicator()).toHaveAttribute('data-health', 'synced');
  await expect(sync.indicator()).toContainText('已同步');
});

withHeadOffice('a new PC joins an existing branch from the first-start screen and the first sync brings its warehouses', async ({ page, app, headOffice }) => {
  // The branch's first PC, already syncing with head office.
  const branch = await headOffice.branch('SH02', '上海二店');
  const founderDir = mkdtempSync(join(tmpdir(), 'branch-ledger-founder-'));
  const founder = openLedgerApp({ dataDir: founderDir, host: 'node', autoSync: false });
  try {
    await founder.api.invoke('setup.createBranch', { code: 'SH02', name: '上海二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
    await founder.api.invoke('sync.enrol', { serverUrl: headOffice.url, code: await headOffice.enrolmentCode(branch.id), deviceName: '前台电脑', adminPassword: 'admin-pass-1' });
    expect(await founder.api.invoke('sync.now', {})).toMatchObject({ ok: true, value: { pending: 0 } });
  } finally {
    founder.close();
    rmSync(founderDir, { recursive: true, force: true });
  }

  await page.goto(app.url);
  await expect(page.getByText('欢迎使用分店进销存')).toBeVisible();
  await page.getByText('加入已有分店').first().click();
  const sync = new SyncPage(page);
  await sync.enrol(headOffice.url, await headOffice.enrolmentCode(branch.id), '仓库电脑', 'admin-pass-1');

  const shell = new AppShell(page);
  await shell.expectBranch('SH02');
  await expect
    .poll(async () => ((await app.api.invoke('master.warehouses', {})) as { value?: unknown[] }).value?.length ?? 0, { timeout: 15_000 })
    .toBe(2);
  await page.goto(`${app.origin}/#/sync`);
  await expect(page.getByText('本机单据编号以 SH02B- 开头')).toBeVisible();
  await expect(sync.indicator()).toHaveAttribute('data-health', 'synced', { timeout: 15_000 });
});
