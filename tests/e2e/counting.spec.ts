import type { Browser, Locator, Page } from '@playwright/test';
import { call, expect, test, type AppFixture } from './fixtures';
import { AppShell } from './pages/AppShell';

interface Unit {
  code: string;
  nameZh: string;
  factor: number;
  barcode: string | null;
}
interface Product {
  id: string;
  sku: string;
  nameZh: string;
  lotTracked: boolean;
  units: Unit[];
  lots: { lotId: string; lotCode: string; warehouseId: string; qty: number }[];
}
interface CountLine {
  productId: string;
  lotId: string;
  lotCode: string;
  expected: boolean;
  countedQty: number | null;
  counters: string[];
}
interface Entry {
  id: string;
  qty: number;
  counter: string;
  undone: boolean;
  undoes: boolean;
}

/** The counting screen (/counts/:id/count) as a clerk with a keyboard-wedge scanner uses it. */
class CountingScreen {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string, countId: string, counter: string): Promise<CountingScreen> {
    await new AppShell(page).open(url, `/counts/${countId}/count`);
    const screen = new CountingScreen(page);
    await screen.nameCounter(counter);
    return screen;
  }

  async nameCounter(name: string) {
    const input = this.page.getByTestId('counter-input');
    await expect(input).toBeVisible();
    await input.fill(name);
    await input.press('Enter');
    await expect(this.page.getByTestId('counter-button')).toContainText(name);
    await expect(this.scanField()).toBeFocused();
  }

  scanField(): Locator {
    return this.page.getByTestId('scan-input');
  }

  /** Digits then Enter, as a scanner sends them; the cursor is already in the scan field. */
  async scan(code: string) {
    await expect(this.scanField()).toBeFocused();
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }

  panel(): Locator {
    return this.page.getByTestId('last-scan');
  }

  async expectLineTotal(baseQty: number, text?: string) {
    const total = this.page.getByTestId('line-total');
    await expect(total).toHaveAttribute('data-qty', String(baseQty));
    if (text) await expect(total).toHaveText(text);
  }

  lotChooser(): Locator {
    return this.page.getByRole('dialog', { name: /选择批次|Choose the lot/ });
  }

  entries(): Locator {
    return this.page.getByTestId('entry-row');
  }
}

async function demoCount(app: AppFixture, blind: boolean): Promise<{ countId: string; warehouseId: string }> {
  await call(app, 'setup.createBranch', { code: 'BJ01', name: '北京朝阳分店', timeZone: 'Asia/Shanghai', adminPassword: 'admin-pass-1', withDemoData: true, seed: 3 });
  const warehouses = await call<{ id: string; kind: string }[]>(app, 'master.warehouses', {});
  const warehouseId = warehouses.find((w) => w.kind === 'main')?.id ?? '';
  const count = await call<{ id: string }>(app, 'counts.start', { warehouseId, scope: 'full', blind });
  return { countId: count.id, warehouseId };
}

/** A demo product with a unit barcode and a case barcode, lot-tracked or not. */
async function demoProduct(app: AppFixture, lotTracked: boolean, warehouseId: string, not?: string) {
  const list = await call<{ rows: { id: string }[] }>(app, 'products.list', { limit: 500 });
  for (const row of list.rows) {
    const p = await call<Product>(app, 'products.get', { id: row.id });
    const unit = p.units.find((u) => u.factor === 1 && u.barcode);
    const box = p.units.find((u) => u.factor > 1 && u.barcode && u.code.startsWith('CS'));
    const lots = p.lots.filter((l) => l.warehouseId === warehouseId && l.qty > 0);
    if (p.lotTracked === lotTracked && unit?.barcode && box?.barcode && lots.length > 0 && p.id !== not) {
      return { ...p, unitBarcode: unit.barcode, caseBarcode: box.barcode, caseFactor: box.factor, lotsHere: lots };
    }
  }
  throw new Error(`no demo product with unit and case barcodes (lot-tracked: ${lotTracked})`);
}

async function countLines(app: AppFixture, countId: string, product: { id: string; sku: string }): Promise<CountLine[]> {
  const page = await call<{ rows: CountLine[] }>(app, 'counts.lines', { id: countId, q: product.sku, limit: 100 });
  return page.rows.filter((r) => r.productId === product.id);
}

async function countedQty(app: AppFixture, countId: string, product: { id: string; sku: string }): Promise<number> {
  return (await countLines(app, countId, product)).reduce((sum, l) => sum + (l.countedQty ?? 0), 0);
}

async function secondClerk(browser: Browser, app: AppFixture, countId: string, counter: string): Promise<CountingScreen> {
  // Another PC: its own browser profile, so nothing (the counter's name) is shared but the ledger.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return CountingScreen.open(await context.newPage(), app.url, countId, counter);
}

test('a clerk counts a case and loose units by scanning, types quantities, undoes, and the line total matches the ledger', async ({ page, app }) => {
  const { countId, warehouseId } = await demoCount(app, false);
  const product = await demoProduct(app, false, warehouseId);
  const f = product.caseFactor;
  const screen = await CountingScreen.open(page, app.url, countId, '张三');
  await expect(page.getByTestId('count-progress')).toHaveAttribute('data-counted', '0');

  // A case barcode adds one case; unit barcodes add one unit each.
  await screen.scan(product.caseBarcode);
  await expect(page.getByTestId('last-product')).toHaveText(product.nameZh);
  await screen.expectLineTotal(f, '1箱');
  await screen.scan(product.unitBarcode);
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(f + 2);
  // Not blind: the book quantity is shown next to the count.
  await expect(page.getByTestId('book-qty')).toBeVisible();
  await expect(page.getByTestId('count-progress')).toHaveAttribute('data-counted', '1');

  // Typed after a scan, a quantity replaces that scan's 1: the last bottle becomes 1箱2瓶.
  await screen.scan('1箱2瓶');
  await screen.expectLineTotal(f + 1 + f + 2);
  await expect(page.getByTestId('last-delta')).toContainText('1箱2瓶');
  // Typed with a star, it waits for the next scan: 3 more units.
  await screen.scan('3*');
  await expect(page.getByTestId('armed-qty')).toContainText('3');
  await screen.scan(product.unitBarcode);
  await expect(page.getByTestId('armed-qty')).toHaveCount(0);
  await screen.expectLineTotal(2 * f + 6);
  expect(await countedQty(app, countId, product)).toBe(2 * f + 6);

  // An unknown barcode is reported and records nothing.
  const entriesBefore = await call<Entry[]>(app, 'counts.entries', { countId, limit: 200 });
  await screen.scan('6900000000017');
  await expect(page.getByText(/6900000000017/).first()).toBeVisible();
  await screen.expectLineTotal(2 * f + 6);
  expect(await call<Entry[]>(app, 'counts.entries', { countId, limit: 200 })).toEqual(entriesBefore);

  // Ctrl+Z takes back the last entry (the 3 units); the list strikes it through.
  await page.keyboard.press('Control+z');
  await expect(screen.panel()).toHaveAttribute('data-kind', 'undone');
  await screen.expectLineTotal(2 * f + 3);
  await expect(screen.entries().first()).toHaveAttribute('data-undone', 'true');
  expect(await countedQty(app, countId, product)).toBe(2 * f + 3);
  // The button does the same, and the cursor is back in the scan field for the next scan.
  await page.getByTestId('undo-button').click();
  await screen.expectLineTotal(f + 2);
  await expect(screen.scanField()).toBeFocused();

  // Finishing sends the count to review; the screen then only links back to it.
  await page.getByTestId('finish-count').click();
  await page.getByTestId('finish-confirm').click();
  await expect(page).toHaveURL(new RegExp(`#/counts/${countId}$`));
  expect((await call<{ status: string }>(app, 'counts.get', { id: countId })).status).toBe('review');
  await page.goto(`${new URL(app.url).origin}/#/counts/${countId}/count`);
  await expect(page.getByTestId('count-closed')).toBeVisible();
  await expect(screen.scanField()).toHaveCount(0);
});

test('two counters on two PCs count the same line and their totals merge; a new name on one PC counts as a third', async ({ page, app, browser }) => {
  const { countId, warehouseId } = await demoCount(app, true);
  const product = await demoProduct(app, false, warehouseId);
  const f = product.caseFactor;
  const zhang = await CountingScreen.open(page, app.url, countId, '张三');
  const li = await secondClerk(browser, app, countId, '李四');

  await zhang.scan(product.caseBarcode);
  await zhang.expectLineTotal(f);
  // Blind: no book figure on screen.
  await expect(page.getByTestId('book-qty')).toHaveCount(0);
  await li.scan(product.unitBarcode);
  await li.expectLineTotal(f + 1);
  await expect(li.page.getByTestId('line-counters')).toContainText('张三');
  await zhang.scan(product.unitBarcode);
  await zhang.expectLineTotal(f + 2);

  // Undo on one PC takes back only that counter's own last entry.
  await li.page.keyboard.press('Control+z');
  // The panel already showed f + 1 from 李四's own scan: wait for the undo's answer itself.
  await expect(li.panel()).toHaveAttribute('data-kind', 'undone');
  await li.expectLineTotal(f + 1);
  const entries = await call<Entry[]>(app, 'counts.entries', { countId, limit: 50 });
  expect(entries.filter((e) => !e.undoes).map((e) => [e.counter, e.qty, e.undone])).toEqual([
    ['张三', 1, false],
    ['李四', 1, true],
    ['张三', f, false],
  ]);

  // The clerk hands the PC over: a new name, and the next scan is theirs.
  await page.getByTestId('counter-button').click();
  await zhang.nameCounter('王五');
  await zhang.scan(product.unitBarcode);
  await zhang.expectLineTotal(f + 2);
  const [line] = await countLines(app, countId, product);
  expect(line?.counters.sort()).toEqual(['张三', '李四', '王五'].sort());
  expect(line?.countedQty).toBe(f + 2);
  // The other PC's entries show up in the recent list.
  await expect(li.entries().filter({ hasText: '王五' }).first()).toBeVisible({ timeout: 15_000 });
  await li.page.context().close();
});

test('a lot-tracked product asks for its lot once, and not again after a pause; a new lot found on the shelf becomes a found line', async ({ page, app }) => {
  const { countId, warehouseId } = await demoCount(app, true);
  const product = await demoProduct(app, true, warehouseId);
  const screen = await CountingScreen.open(page, app.url, countId, '张三');

  await screen.scan(product.unitBarcode);
  const chooser = screen.lotChooser();
  await expect(chooser).toBeVisible();
  // Blind: the chooser names the lots but not how many the book holds.
  await expect(chooser).not.toContainText('在库');
  const firstLot = await chooser.getByTestId('lot-option').first().textContent();
  await page.keyboard.press('1');
  await expect(chooser).toHaveCount(0);
  await screen.expectLineTotal(1);
  const lotCode = (await page.getByTestId('last-lot-code').textContent()) ?? '';
  expect(firstLot).toContain(lotCode);

  // The lot is remembered: the next scans do not ask again.
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(2);
  await screen.scan(product.caseBarcode);
  await screen.expectLineTotal(2 + product.caseFactor);
  await expect(chooser).toHaveCount(0);

  // Goods of a lot the book does not know: give its code and expiry once.
  await page.getByTestId('change-lot').click();
  await expect(chooser).toBeVisible();
  await page.keyboard.press('n');
  await chooser.getByTestId('lot-code').fill('E2E-NEW1');
  await chooser.getByTestId('lot-expiry').fill('2028-01-31');
  await chooser.getByTestId('lot-confirm').click();
  await expect(chooser).toHaveCount(0);
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(1);
  await expect(page.getByTestId('last-lot')).toContainText('E2E-NEW1');
  await expect(page.getByTestId('found-lines')).toBeVisible();
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(2);
  await expect(chooser).toHaveCount(0);

  const lines = await countLines(app, countId, product);
  expect(lines.find((l) => l.lotCode === 'E2E-NEW1')).toMatchObject({ expected: false, countedQty: 2 });
  expect(lines.find((l) => l.lotCode === lotCode)).toMatchObject({ expected: true, countedQty: 2 + product.caseFactor });

  // A label that will not scan: search finds the product and counts one unit in the remembered lot.
  await page.keyboard.press('F3');
  await page.keyboard.type(product.sku);
  await page.getByRole('option').filter({ hasText: product.sku }).click();
  await screen.expectLineTotal(3);
  await expect(screen.scanField()).toBeFocused();

  // Paused and back again: the PC still knows the lot, and a scan counts in it without asking.
  await page.getByTestId('pause-count').click();
  await expect(screen.scanField()).toHaveCount(0);
  await page.goBack();
  await expect(screen.scanField()).toBeFocused();
  await screen.scan(product.caseBarcode);
  await screen.expectLineTotal(3 + product.caseFactor);
  await expect(page.getByTestId('last-lot')).toContainText('E2E-NEW1');
  await expect(chooser).toHaveCount(0);
});

test('a scan in the count’s barcode map shows at once, before the ledger answers; quick scans add up in order while the first is on its way', async ({ page, app }) => {
  const { countId, warehouseId } = await demoCount(app, true);
  const product = await demoProduct(app, false, warehouseId);
  const f = product.caseFactor;
  // The map is held at first: until it comes, a scan shows when the ledger has answered it.
  let sendMap!: () => void;
  const mapHeld = new Promise<void>((resolve) => (sendMap = resolve));
  await page.route('**/api/counts.scanMap', async (route) => {
    await mapHeld;
    await route.continue();
  });
  const screen = await CountingScreen.open(page, app.url, countId, '张三');
  const scanBar = page.getByTestId('scan-bar');
  await expect(scanBar).toHaveAttribute('data-scan-map', 'loading');
  await expect(page.getByTestId('scan-map-loading')).toBeVisible();
  await screen.scan(product.caseBarcode);
  await screen.expectLineTotal(f);
  expect(await countedQty(app, countId, product)).toBe(f);
  sendMap();
  await expect(scanBar).toHaveAttribute('data-scan-map', 'ready');
  await expect(page.getByTestId('scan-map-loading')).toHaveCount(0);

  // The ledger's answers are held now: the scans show at once all the same, and add up.
  let answer!: () => void;
  const answersHeld = new Promise<void>((resolve) => (answer = resolve));
  const sent: string[] = [];
  await page.route('**/api/counts.record', async (route) => {
    sent.push(route.request().postData() ?? '');
    await answersHeld;
    await route.continue();
  });
  await screen.scan(product.unitBarcode);
  await screen.scan(product.caseBarcode);
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(2 * f + 2);
  await expect(screen.panel()).toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('last-delta')).toContainText('+1');
  await expect(screen.scanField()).toBeFocused();
  // One request at a time, in the order scanned: the first is still on its way, nothing more is recorded.
  expect(sent).toHaveLength(1);
  expect(await countedQty(app, countId, product)).toBe(f);

  answer();
  await expect(screen.panel()).not.toHaveAttribute('data-pending', 'true');
  await screen.expectLineTotal(2 * f + 2);
  expect(sent).toHaveLength(3);
  expect(await countedQty(app, countId, product)).toBe(2 * f + 2);
  const entries = await call<Entry[]>(app, 'counts.entries', { countId, limit: 50 });
  expect(entries.map((e) => e.qty)).toEqual([1, f, 1, f]);

  // Undo right after a scan waits for that scan's answer, then takes it back.
  await screen.scan(product.caseBarcode);
  await page.keyboard.press('Control+z');
  await expect(screen.panel()).toHaveAttribute('data-kind', 'undone');
  await screen.expectLineTotal(2 * f + 2);
  expect(await countedQty(app, countId, product)).toBe(2 * f + 2);

  // A product only ever scanned from the map: the list names its units as the product does ('+1瓶', not '+1 EA').
  const other = await demoProduct(app, false, warehouseId, product.id);
  await screen.scan(other.unitBarcode);
  await expect(page.getByTestId('last-product')).toHaveText(other.nameZh);
  await expect(screen.panel()).not.toHaveAttribute('data-pending', 'true');
  const unitName = other.units.find((u) => u.factor === 1)?.nameZh ?? '';
  await expect(screen.entries().first().getByTestId('entry-qty')).toHaveText(`+1${unitName}`);
});

test('a barcode map that will not load leaves scans to the ledger, says so, and loads on request', async ({ page, app }) => {
  const { countId, warehouseId } = await demoCount(app, true);
  const product = await demoProduct(app, false, warehouseId);
  let refuse = true;
  await page.route('**/api/counts.scanMap', async (route) => {
    if (refuse) await route.abort('connectionrefused');
    else await route.continue();
  });
  const screen = await CountingScreen.open(page, app.url, countId, '张三');
  await expect(page.getByTestId('scan-bar')).toHaveAttribute('data-scan-map', 'failed');
  await expect(page.getByTestId('scan-map-failed')).toContainText('条码表未能载入');
  // Counting goes on, each scan shown once the ledger has answered it.
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(1);
  await expect(screen.panel()).not.toHaveAttribute('data-pending', 'true');
  refuse = false;
  await page.getByTestId('scan-map-failed').getByRole('button').click();
  await expect(page.getByTestId('scan-bar')).toHaveAttribute('data-scan-map', 'ready');
  await expect(page.getByTestId('scan-map-failed')).toHaveCount(0);
  await expect(screen.scanField()).toBeFocused();
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(2);
  expect(await countedQty(app, countId, product)).toBe(2);
});

test('a scan shown at once that the ledger refuses is taken back, with the reason and the error sound of any refused scan', async ({ page, app }) => {
  const { countId, warehouseId } = await demoCount(app, true);
  const product = await demoProduct(app, true, warehouseId);
  const screen = await CountingScreen.open(page, app.url, countId, '张三');
  await expect(page.getByTestId('scan-bar')).toHaveAttribute('data-scan-map', 'ready');
  // The first scan asks for the lot; the next ones are shown at once.
  await screen.scan(product.unitBarcode);
  await expect(screen.lotChooser()).toBeVisible();
  await page.keyboard.press('1');
  await expect(screen.lotChooser()).toHaveCount(0);
  await screen.scan(product.unitBarcode);
  await screen.scan(product.unitBarcode);
  await screen.expectLineTotal(3);
  await expect(screen.panel()).not.toHaveAttribute('data-pending', 'true');
  const lotCode = (await page.getByTestId('last-lot-code').textContent()) ?? '';

  // The clerk names a lot the book does not know…
  await page.getByTestId('change-lot').click();
  await expect(screen.lotChooser()).toBeVisible();
  await page.keyboard.press('n');
  await screen.lotChooser().getByTestId('lot-code').fill('E2E-LATE');
  await screen.lotChooser().getByTestId('lot-expiry').fill('2028-01-31');
  await screen.lotChooser().getByTestId('lot-confirm').click();
  await expect(screen.lotChooser()).toHaveCount(0);
  // …which another PC receives meanwhile with another expiry: the ledger will refuse the clerk's.
  const base = product.units.find((u) => u.factor === 1)?.code ?? '';
  await call(app, 'stock.receive', { warehouseId, lines: [{ productId: product.id, unitCode: base, qty: 6, lotCode: 'E2E-LATE', expiryDate: '2029-06-30', unitCostFen: 100 }] });
  const entriesBefore = await call<Entry[]>(app, 'counts.entries', { countId, limit: 200 });

  await screen.scan(product.unitBarcode);
  // Taken back: the panel shows the lot counted before, the found line is gone, the reason is under the field.
  await expect(screen.scanField()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/有效期/).first()).toBeVisible();
  await expect(page.getByTestId('last-lot-code')).toHaveText(lotCode);
  await screen.expectLineTotal(3);
  await expect(page.getByTestId('found-lines')).toHaveCount(0);
  await expect(page.getByTestId('count-progress')).toHaveAttribute('data-found', '0');
  expect(await call<Entry[]>(app, 'counts.entries', { countId, limit: 200 })).toEqual(entriesBefore);
  // The refused lot is forgotten: the next scan asks again.
  await screen.scan(product.unitBarcode);
  await expect(screen.lotChooser()).toBeVisible();
});

test('the counting screen reads in English, and an unknown count says so', async ({ page, app }) => {
  const { countId } = await demoCount(app, true);
  await call(app, 'settings.update', { locale: 'en' });
  const shell = new AppShell(page);
  await shell.open(app.url, `/counts/${countId}/count`);
  await expect(page.getByRole('dialog', { name: 'Who is counting?' })).toBeVisible();
  const input = page.getByTestId('counter-input');
  await input.fill('Zhang San');
  await input.press('Enter');
  await expect(page.getByRole('heading', { name: 'Count entry' })).toBeVisible();
  await expect(page.getByTestId('count-mode')).toHaveText('Blind count');
  await page.keyboard.type('6900000000017');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Barcode 6900000000017 not found: no product uses this barcode. Nothing was recorded.')).toBeVisible();

  await shell.go('/counts/01890000-0000-7000-8000-000000000000/count');
  await expect(page.getByText('This count was not found')).toBeVisible();
});
