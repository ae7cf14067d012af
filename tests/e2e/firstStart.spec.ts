import { expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';

test('on first start a clerk creates the demo branch and lands in the app with stock', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByText('欢迎使用分店进销存')).toBeVisible();
  await page.getByText('创建演示分店').first().click();
  const code = page.getByLabel('分店代码');
  await code.fill('B');
  await page.getByLabel('分店名称').fill('北京朝阳分店');
  await page.getByRole('button', { name: '创建演示分店' }).click();
  // A code with a space is refused next to the field, and nothing is created.
  await expect(page.getByRole('alert').or(page.locator('.mantine-InputWrapper-error')).first()).toBeVisible();
  expect((await app.api.invoke('app.info', {})) as { value: { branch: unknown } }).toMatchObject({ value: { branch: null } });

  await code.fill('BJ01');
  await page.getByLabel('管理员密码').fill('admin-pass-1');
  await page.getByRole('button', { name: '创建演示分店' }).click();
  const shell = new AppShell(page);
  await shell.expectBranch('BJ01');
  await expect(shell.nav()).toContainText('库存');
  // The demo branch has stock on hand.
  await expect(page.getByTestId('onhand-row').first()).toBeVisible();
});

test('the language switch changes every label and is remembered after a reload', async ({ page, app }) => {
  await app.api.invoke('setup.createBranch', { code: 'SH02', name: '上海二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const shell = new AppShell(page);
  await shell.open(app.url, '/products');
  await expect(shell.nav()).toContainText('商品');
  await shell.switchLanguage('EN');
  await expect(shell.nav()).toContainText('Products');
  await expect(shell.nav()).toContainText('Receive goods');
  await page.reload();
  await expect(shell.nav()).toContainText('Products');
  await shell.switchLanguage('中文');
  await expect(shell.nav()).toContainText('收货');
});

test('areas that arrive with later issues say what is coming instead of looking broken', async ({ page, app }) => {
  await app.api.invoke('setup.createBranch', { code: 'SH02', name: '上海二店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: false });
  const shell = new AppShell(page);
  await shell.open(app.url, '/counts');
  await expect(page.getByRole('main')).toContainText('盘点');
  await shell.go('/no/such/page');
  await expect(page.getByRole('main')).not.toBeEmpty();
});

test('without the per-start key the API refuses the browser', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  const status = await page.evaluate(async () => (await fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
  expect(status).toBe(401);
});
