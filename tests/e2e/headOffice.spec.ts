import { test as base, expect, type Locator } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { headOfficeAdminToken as adminToken, startTestHeadOffice } from './headOfficeServer';
import { HeadOfficePage } from './pages/HeadOfficePage';

interface HeadOffice {
  url: string;
  put(entity: string, fields: Record<string, unknown>): Promise<string>;
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

const test = base.extend<{ headOffice: HeadOffice }>({
  headOffice: async ({}, use) => {
    const ho = await startTestHeadOffice();
    try {
      await use({
        url: ho.url,
        put: async (entity, fields) => {
          const id = randomUUID();
          await ho.admin('PUT', `/admin/v1/master/${entity}/${id}`, { fields });
          return id;
        },
        get: (path) => ho.admin('GET', path),
        post: (path, body) => ho.admin('POST', path, body),
      });
    } finally {
      await ho.close();
    }
  },
});

test.use({ viewport: { width: 1366, height: 900 } });

test('head office creates a price list, prices a product in yuan and creates a customer on it; all are listed and stored in fen', async ({ page, headOffice }) => {
  const cola = await headOffice.put('product', { sku: 'COLA-330', nameZh: '可乐 330ml', nameEn: 'Cola 330ml', baseUnitCode: 'EA', taxRateBp: 1300, active: true });
  await headOffice.put('product_unit', { productId: cola, code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 });
  await headOffice.put('product_unit', { productId: cola, code: 'CS', nameZh: '箱', nameEn: 'case', factor: 24 });
  const ho = new HeadOfficePage(page);
  await ho.signIn(headOffice.url, adminToken);

  // The standard price list, then a case price typed in yuan.
  await ho.section('价格 Prices');
  await page.getByRole('button', { name: '新建价目表 New price list' }).click();
  const listForm = ho.form('pl-form');
  await listForm.getByLabel('编码 Code').fill('STD');
  await listForm.getByLabel('中文名').fill('标准价');
  await listForm.getByLabel('英文名').fill('Standard');
  await listForm.getByRole('button', { name: '保存 Save' }).click();
  await expect(ho.table('pl-table')).toHaveCount(1);
  await expect(ho.table('pl-table').first()).toContainText('STD');
  await ho.table('pl-table').first().getByRole('button', { name: '价格 Prices' }).click();

  const priceForm = ho.form('pli-form');
  await ho.pickProduct(priceForm, 'cola', 'COLA-330');
  await priceForm.getByLabel('单位 Unit').selectOption('CS');
  // More than two decimals is refused on the page, and nothing is sent.
  await priceForm.getByLabel('不含税价(元)').fill('56.005');
  await priceForm.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('#pli-form-error')).toContainText('最多两位小数');
  await expect(priceForm.getByLabel('不含税价(元)')).toHaveAttribute('aria-invalid', 'true');
  await priceForm.getByLabel('不含税价(元)').fill('56.50');
  await priceForm.getByRole('button', { name: '保存 Save' }).click();
  await expect(ho.table('pli-table')).toHaveCount(1);
  await expect(ho.table('pli-table').first()).toContainText('COLA-330');
  await expect(ho.table('pli-table').first()).toContainText('56.50');
  await page.screenshot({ path: 'test-results/head-office-prices.png', fullPage: true });

  // A customer with a credit limit in yuan, terms, a share of shelf life and a further contact.
  await ho.section('客户 Customers');
  await page.getByRole('button', { name: '新建客户 New customer' }).click();
  const customerForm = ho.form('cust-form');
  await customerForm.getByLabel('编码 Code').fill('C001');
  await customerForm.getByLabel('名称 Name').fill('华润万家天河店');
  await customerForm.getByLabel('渠道 Channel').selectOption('supermarket');
  await customerForm.getByLabel('客户等级').selectOption('key');
  await customerForm.getByLabel('业务员').fill('王芳');
  await customerForm.getByLabel('信用额度(元)').fill('50,000');
  await customerForm.getByLabel('账期(天)').fill('45');
  await customerForm.getByLabel('最低剩余保质期(%)').fill('66.7');
  await customerForm.getByRole('button', { name: '添加联系人 Add contact' }).click();
  await customerForm.getByLabel('姓名 Name').fill('张三');
  await customerForm.getByLabel('职务 Role').fill('采购 Buyer');
  await customerForm.getByRole('button', { name: '保存 Save' }).click();
  await expect(customerForm).toBeHidden();
  const row = ho.table('cust-table').filter({ hasText: 'C001' });
  await expect(row).toContainText('华润万家天河店');
  await expect(row).toContainText('50,000.00');
  await expect(row).toContainText('45 天');
  await page.screenshot({ path: 'test-results/head-office-customers.png', fullPage: true });

  // A second customer with the same code is refused next to the code field.
  await page.getByRole('button', { name: '新建客户 New customer' }).click();
  await customerForm.getByLabel('编码 Code').fill('C001');
  await customerForm.getByLabel('名称 Name').fill('重复');
  await customerForm.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('#cust-form-error')).toContainText('already has code C001');
  await expect(customerForm.getByLabel('编码 Code')).toHaveAttribute('aria-invalid', 'true');
  await customerForm.getByRole('button', { name: '取消 Cancel' }).click();

  const customers = (await headOffice.get('/admin/v1/master/customer')) as { rows: { values: Record<string, unknown> }[] };
  expect(customers.rows.map((r) => [r.values.code, r.values.creditLimitFen, r.values.paymentTermsDays, r.values.minShelfLifePermille, r.values.contacts])).toEqual([
    ['C001', 5_000_000, 45, 667, JSON.stringify([{ name: '张三', role: '采购 Buyer', phone: '' }])],
  ]);
  const prices = (await headOffice.get('/admin/v1/master/price_list_item')) as { rows: { values: Record<string, unknown> }[] };
  expect(prices.rows.map((r) => [r.values.unitCode, r.values.priceFen])).toEqual([['CS', 5650]]);
});

test('head office sets the return policy: a default window, and a shorter one for a category; a negative window is refused on the page', async ({ page, headOffice }) => {
  const fresh = await headOffice.put('category', { code: 'DAIRY-FRESH', nameZh: '低温鲜奶', nameEn: 'Fresh milk' });
  const ho = new HeadOfficePage(page);
  await ho.signIn(headOffice.url, adminToken);
  await ho.section('退货政策 Return policy');
  await expect(ho.table('rw-table').first()).toContainText('没有规则');

  await page.getByRole('button', { name: '新建规则 New rule' }).click();
  const form = ho.form('rw-form');
  await form.getByLabel('退货期限(天)').fill('-1');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('#rw-form-error')).toBeVisible();
  await form.getByLabel('退货期限(天)').fill('14');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(ho.table('rw-table')).toHaveCount(1);

  await page.getByRole('button', { name: '新建规则 New rule' }).click();
  await page.locator('#rw-category-q').fill('DAIRY');
  await expect(page.locator('#rw-category option', { hasText: 'DAIRY-FRESH' })).toHaveCount(1);
  await page.locator('#rw-category').selectOption(fresh);
  await form.getByLabel('退货期限(天)').fill('3');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(ho.table('rw-table')).toHaveCount(2);
  await expect(ho.table('rw-table').filter({ hasText: 'DAIRY-FRESH' })).toContainText('3');
  await page.screenshot({ path: test.info().outputPath('return-policy.png') });

  const stored = (await headOffice.get('/admin/v1/master/return_window')) as { rows: { values: { categoryId: string | null; windowDays: number } }[] };
  expect(stored.rows.map((r) => [r.values.categoryId, r.values.windowDays]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
    [fresh, 3],
    [null, 14],
  ]);
});

test('head office creates a branch user with a PIN, changes its role, resets it to a password and disables it; a bad PIN is refused on the page', async ({ page, headOffice }) => {
  const branch = (await headOffice.post('/admin/v1/branches', { code: 'US01', name: '用户测试店', timeZone: 'Asia/Shanghai' })) as { id: string };
  const ho = new HeadOfficePage(page);
  await ho.signIn(headOffice.url, adminToken);
  await ho.section('分店用户 Branch users');
  await expect(page.locator('#users-branch')).toHaveValue(branch.id);
  await expect(ho.table('users-table').first()).toContainText('总部尚未为该分店建用户');

  const form = ho.form('user-form');
  await form.getByLabel('用户名').fill('li.na');
  await form.getByLabel('姓名').fill('李娜');
  await form.getByLabel('角色').selectOption('clerk');
  await form.getByLabel('登录方式').selectOption('pin');
  await form.getByLabel('密码或 PIN').fill('12');
  await form.getByRole('button', { name: '新建 Create' }).click();
  await expect(page.locator('#user-form-error')).toContainText('secret');
  await form.getByLabel('密码或 PIN').fill('135790');
  await form.getByRole('button', { name: '新建 Create' }).click();
  const row = ho.table('users-table').filter({ hasText: 'li.na' });
  await expect(row).toContainText('启用 Active');
  await expect(row).toContainText('PIN');

  await row.getByRole('combobox', { name: '角色 Role li.na' }).selectOption('manager');
  await row.getByRole('button', { name: '重置密码 Reset password' }).click();
  const reset = ho.form('user-reset');
  await reset.getByLabel('登录方式').selectOption('password');
  await reset.getByLabel('新密码或 PIN').fill('li-na-pass-1');
  await reset.getByRole('button', { name: '保存 Save' }).click();
  await expect(reset).toBeHidden();
  await expect(row).toContainText('密码 Password');
  await row.getByRole('button', { name: '停用 Disable' }).click();
  await expect(row).toContainText('已停用 Disabled');
  await page.screenshot({ path: test.info().outputPath('branch-users.png') });

  const stored = (await headOffice.get(`/admin/v1/branches/${branch.id}/users`)) as { users: { username: string; role: string; active: boolean; credentialKind: string }[] };
  expect(stored.users).toEqual([expect.objectContaining({ username: 'li.na', role: 'manager', active: false, credentialKind: 'password' })]);
});

test('head office sets a supplier’s terms for a product (case pack, minimum order, lead time, last cost), finds them by supplier and product, and sees a duplicate refused', async ({ page, headOffice }) => {
  const water = await headOffice.put('product', { sku: 'WTR-550', nameZh: '矿泉水 550ml', nameEn: 'Water 550ml', baseUnitCode: 'EA', taxRateBp: 1300, active: true });
  await headOffice.put('product_unit', { productId: water, code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 });
  await headOffice.put('product_unit', { productId: water, code: 'CS24', nameZh: '箱', nameEn: 'case', factor: 24 });
  const tea = await headOffice.put('product', { sku: 'TEA-500', nameZh: '绿茶 500ml', nameEn: 'Green tea 500ml', baseUnitCode: 'EA', taxRateBp: 1300, active: true });
  await headOffice.put('product_unit', { productId: tea, code: 'EA', nameZh: '瓶', nameEn: 'bottle', factor: 1 });
  const nongfu = await headOffice.put('supplier', { code: 'NF', name: '农夫山泉', leadTimeDays: 4, active: true });
  const other = await headOffice.put('supplier', { code: 'KS', name: '康师傅', leadTimeDays: 3, active: true });
  await headOffice.put('supplier_product', { supplierId: other, productId: tea, purchaseUnitCode: 'EA', minOrderQty: 12 });
  const ho = new HeadOfficePage(page);
  await ho.signIn(headOffice.url, adminToken);
  await ho.section('供应商条款 Supplier terms');
  await expect(ho.table('st-table')).toHaveCount(1);

  await page.getByRole('button', { name: '新建条款 New terms' }).click();
  const form = ho.form('st-form');
  await form.getByPlaceholder('编码/名称 Code or name').fill('NF');
  await expect(form.getByRole('combobox', { name: 'Supplier' }).locator('option', { hasText: '农夫山泉' })).toHaveCount(1);
  await ho.pickProduct(form, 'WTR', 'WTR-550');
  await form.getByLabel('采购单位(箱规)').selectOption('CS24');
  await form.getByLabel('供应商商品编码').fill('NF-550');
  // A minimum order that is not a whole number is refused on the page, marked on the field.
  await form.getByLabel('最小订货量(基本单位)').fill('9.5');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('#st-form-error')).toContainText('整数');
  await expect(form.getByLabel('最小订货量(基本单位)')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('最小订货量(基本单位)').fill('96');
  await form.getByLabel('交货期(天，空=供应商默认)').fill('6');
  await form.getByLabel('最近进价(元/采购单位)').fill('48.00');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(form).toBeHidden();
  await expect(ho.table('st-table')).toHaveCount(2);
  const stored = (await headOffice.get(`/admin/v1/master/supplier_product?supplierId=${nongfu}`)) as { rows: { values: Record<string, unknown> }[] };
  expect(stored.rows.map((r) => r.values)).toEqual([
    expect.objectContaining({ productId: water, purchaseUnitCode: 'CS24', supplierItemCode: 'NF-550', minOrderQty: 96, leadTimeDays: 6, lastCostFen: 4800 }),
  ]);

  // Filtered by supplier: only its terms.
  await page.getByRole('searchbox', { name: '按供应商筛选 Filter by supplier' }).fill('NF');
  await expect(ho.table('st-table')).toHaveCount(1);
  await expect(ho.table('st-table').first()).toContainText('WTR-550');
  await expect(ho.table('st-table').first()).toContainText('48.00');
  // The table, Edit buttons included, stays inside its card at 1366 px and at 1024 px.
  const rightEdge = async (l: Locator) => {
    const box = await l.boundingBox();
    return box ? box.x + box.width : Number.POSITIVE_INFINITY;
  };
  const card = page.locator('section[data-panel="supplierTerms"]');
  const edit = ho.table('st-table').first().getByRole('button', { name: '编辑 Edit' });
  expect(await rightEdge(edit)).toBeLessThanOrEqual(await rightEdge(card));
  await page.screenshot({ path: test.info().outputPath('supplier-terms.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 900 });
  await expect(edit).toBeVisible();
  expect(await rightEdge(page.locator('#st-table').locator('..'))).toBeLessThanOrEqual(await rightEdge(card));
  await page.setViewportSize({ width: 1366, height: 900 });

  // The same supplier and product again is refused by head office, and said on the form.
  await page.getByRole('button', { name: '新建条款 New terms' }).click();
  await form.getByPlaceholder('编码/名称 Code or name').fill('NF');
  await expect(form.getByRole('combobox', { name: 'Supplier' }).locator('option', { hasText: '农夫山泉' })).toHaveCount(1);
  await ho.pickProduct(form, 'WTR', 'WTR-550');
  await form.getByLabel('采购单位(箱规)').selectOption('EA');
  await form.getByRole('button', { name: '保存 Save' }).click();
  await expect(page.locator('#st-form-error')).toContainText('already has');
});
