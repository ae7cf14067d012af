import { ADMIN_PASSWORD, call, expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';

const setUp = (app: Parameters<typeof call>[0]) =>
  call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: ADMIN_PASSWORD, withDemoData: false });

test('signed out, the PC shows the sign-in screen; a wrong password is refused and the right one opens the app', async ({ page, app }) => {
  await setUp(app);
  await call(app, 'auth.signOut', {});
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByRole('button', { name: 'admin' }).click();
  await page.getByTestId('secret-input').fill('wrong-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-in-error')).toContainText('再错 4 次将暂时锁定');
  await page.getByTestId('secret-input').fill(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await new AppShell(page).expectBranch('BJ01');
  await expect(page.getByTestId('user-menu')).toContainText('admin');
});

test('the administrator adds a clerk with a PIN, then the clerk takes over the PC by the quick switch, typing the PIN on the keyboard', async ({ page, app }) => {
  await setUp(app);
  const shell = new AppShell(page);
  await shell.open(app.url, '/users');
  await page.getByTestId('add-user').click();
  await page.getByLabel('姓名').fill('李库管');
  await page.getByLabel('用户名').fill('li');
  await page.getByTestId('user-secret').fill('24');
  await page.getByTestId('user-save').click();
  // A PIN must be 4–8 digits: refused next to the field, nothing made.
  await expect(page.getByText('PIN 为 4–8 位数字')).toBeVisible();
  await page.getByTestId('user-secret').fill('2468');
  await page.getByTestId('user-save').click();
  await expect(page.getByTestId('user-li')).toContainText('李库管');
  await expect(page.getByTestId('user-li')).toContainText('PIN');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '切换用户' }).click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByRole('button', { name: '李库管' }).click();
  await expect(page.getByTestId('pin-pad')).toBeVisible();
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen')).toBeHidden();
  await expect(page.getByTestId('user-menu')).toContainText('李库管');
  await expect(page.getByTestId('user-menu')).toContainText('仓管员');
  // A clerk may not manage users: the API refuses, whatever the screen shows.
  await shell.go('/users');
  await expect(page.getByRole('main')).toContainText('你没有执行此操作的权限');
});

test('after the set minutes without input the screen locks; unlocking with the PIN keeps the half-typed work on the page', async ({ page, app }) => {
  await setUp(app);
  await call(app, 'settings.update', { lockMinutes: 2 });
  await call(app, 'users.create', { username: 'wang', displayName: '王销售', role: 'sales', credential: { kind: 'pin', secret: '1357' } });
  await call(app, 'auth.signIn', { username: 'wang', secret: '1357' });
  await page.clock.install();
  const shell = new AppShell(page);
  await shell.open(app.url, '/products');
  const search = page.getByPlaceholder('名称、SKU、条码或拼音首字母（如 nfsq）');
  await search.fill('半截输入');
  await page.clock.fastForward('02:05');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  expect(await app.api.invoke('products.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  // The pad works by mouse too; a wrong PIN says how many tries are left.
  for (const d of '1111') await page.getByTestId('pin-pad').getByRole('button', { name: d, exact: true }).click();
  await page.getByTestId('secret-submit').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('再错 4 次');
  await page.keyboard.type('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen')).toBeHidden();
  await expect(search).toHaveValue('半截输入');
  // A reload does not get past a lock either: the lock is the API's.
  await call(app, 'auth.lock', {});
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
});

test('the audit screen finds who changed what by user and text, and by date range', async ({ page, app }) => {
  await setUp(app);
  await call(app, 'users.create', { username: 'zhao', displayName: '赵会计', role: 'accountant', credential: { kind: 'password', secret: 'ledger-2026' } });
  await call(app, 'settings.update', { nearExpiryDays: 45 });
  const shell = new AppShell(page);
  await shell.open(app.url, '/audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByTestId('audit-text').fill('赵会计');
  await expect(page.getByTestId('audit-total')).toHaveText('共 1 条');
  await expect(page.getByTestId('audit-row')).toContainText('users.create');
  await page.getByTestId('audit-text').fill('nearExpiryDays');
  await expect(page.getByTestId('audit-row')).toContainText('settings.update');
  await page.getByTestId('audit-text').fill('');
  await page.getByTestId('audit-from').fill('2001-01-01');
  await page.getByTestId('audit-to').fill('2001-01-02');
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();
});
