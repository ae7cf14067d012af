/**
 * The head-office page: one HTML file, its script and its stylesheet, served by the server itself
 * with no external assets. The page holds no data of its own; the script asks the admin API with
 * the token the user typed, kept in sessionStorage (gone when the tab closes). Everything from
 * the API is put in the page with textContent, never as HTML.
 */

import { adminCoreScript } from './adminCoreScript';
import { adminMasterScript } from './adminMasterScript';
import { masterSections, salesSections, supplierTermSections, tabs, transferSections } from './adminPageSections';
import { adminSalesScript } from './adminSalesScript';
import { adminUsersScript, usersSection } from './adminUsersPage';
import { adminTransfersScript } from './adminTransfersScript';
import { adminSupplierTermsScript } from './adminSupplierTermsScript';

/** No inline script or style, nothing from elsewhere, no framing, no forms posting away. */
export const adminPageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const adminPageHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>总部 Head office · Branch Ledger</title>
<link rel="icon" href="/admin/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/admin/app.css">
<script src="/admin/app.js" defer></script>
</head>
<body>
<header>
  <h1>分店进销存 · 总部 <span class="en">Branch Ledger · Head office</span></h1>
  <button id="logout" type="button" hidden>退出 Sign out</button>
</header>
<main>
  <form id="login" class="card">
    <label for="token">管理令牌 <span class="en">Admin token</span></label>
    <input id="token" type="password" autocomplete="off" required>
    <button type="submit">进入 Open</button>
    <p id="login-error" class="error" role="alert"></p>
  </form>
  <div id="app" hidden>
    <nav id="tabs" class="tabs" aria-label="页面 Sections">
      ${tabs.map(([id, zh, en]) => `<a href="#${id}" data-tab="${id}">${zh} <span class="en">${en}</span></a>`).join('\n      ')}
    </nav>
    <p id="status" class="status" role="status"></p>
    <div data-panel="overview">
    <section class="card">
      <h2>分店 <span class="en">Branches</span></h2>
      <table id="branches">
        <thead><tr>
          <th>编码 <span class="en">Code</span></th><th>名称 <span class="en">Name</span></th>
          <th>设备 <span class="en">Devices</span></th><th>最近同步 <span class="en">Last sync</span></th>
          <th class="num">未结异常 <span class="en">Open exceptions</span></th><th></th>
        </tr></thead>
        <tbody></tbody>
      </table>
      <form id="new-branch" class="inline">
        <input id="nb-code" placeholder="编码 Code (BJ01)" required pattern="[A-Z0-9]{2,8}" maxlength="8">
        <input id="nb-name" placeholder="名称 Name" required maxlength="60">
        <input id="nb-tz" placeholder="时区 Time zone" required value="Asia/Shanghai">
        <button type="submit">新建分店 New branch</button>
      </form>
      <p id="enrolment" class="notice" hidden></p>
    </section>
    <section class="card">
      <h2>分店库存 <span class="en">Stock by branch</span></h2>
      <form id="stock-search" class="inline">
        <select id="stock-branch"><option value="">全部分店 All branches</option></select>
        <input id="stock-q" type="search" placeholder="商品编码或名称 SKU or name">
        <button type="submit">查询 Search</button>
      </form>
      <table id="stock">
        <thead><tr>
          <th>分店 <span class="en">Branch</span></th><th>仓库 <span class="en">Warehouse</span></th>
          <th>商品 <span class="en">Product</span></th><th>批次 <span class="en">Lot</span></th>
          <th class="num">数量 <span class="en">Qty</span></th><th class="num">金额 <span class="en">Value</span></th>
        </tr></thead>
        <tbody></tbody>
        <tfoot><tr><td colspan="4" id="stock-count"></td><td class="num" id="stock-qty"></td><td class="num" id="stock-value"></td></tr></tfoot>
      </table>
      <div class="pager"><button id="stock-prev" type="button">上一页 Previous</button><button id="stock-next" type="button">下一页 Next</button></div>
    </section>
    <section class="card">
      <h2>未结库存异常 <span class="en">Open stock exceptions</span></h2>
      <p class="hint">合并后出现的负库存，需由补偿单据解决。<span class="en">Negative stock revealed by merging; resolved only by a compensating document.</span></p>
      <table id="exceptions">
        <thead><tr>
          <th>分店 <span class="en">Branch</span></th><th>仓库 <span class="en">Warehouse</span></th>
          <th>商品 <span class="en">Product</span></th><th>批次 <span class="en">Lot</span></th>
          <th class="num">数量 <span class="en">Qty</span></th><th>发现时间 <span class="en">Opened</span></th>
        </tr></thead>
        <tbody></tbody>
      </table>
    </section>
    </div>
    ${masterSections}
    ${salesSections}
    ${usersSection}
    ${transferSections}
    ${supplierTermSections}
  </div>
</main>
</body>
</html>
`;

/** 分: the page's icon, so the browser does not ask for a /favicon.ico that is not there. */
export const adminPageIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1c6fd1"/><text x="16" y="23" font-size="18" text-anchor="middle" fill="#fff" font-family="sans-serif">分</text></svg>`;

export const adminPageCss = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #1c6fd1; --bad: #c92a2a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f5f7fa; }
header { display: flex; align-items: center; justify-content: space-between; padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 12px; }
.en { color: var(--muted); font-weight: normal; font-size: 0.9em; }
main { max-width: 1320px; margin: 0 auto; padding: 16px 24px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin-bottom: 16px; }
#login { max-width: 420px; margin: 48px auto; display: grid; gap: 8px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; }
.neg { color: var(--bad); font-weight: 600; }
.inline { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px; margin: 12px 0; }
.inline input[type=search] { min-width: 360px; }
input, select, button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button:disabled { opacity: 0.4; cursor: default; }
button.secondary { background: #fff; color: var(--accent); }
.error { color: var(--bad); min-height: 1.5em; margin: 0; }
.status, .hint { color: var(--muted); margin: 0 0 8px; }
.notice { background: #fff9db; border: 1px solid #ffe066; border-radius: 6px; padding: 8px 12px; font-size: 16px; }
.code { font-family: ui-monospace, monospace; font-size: 20px; letter-spacing: 2px; }
.device { display: block; color: var(--muted); }
.pager { display: flex; gap: 8px; justify-content: flex-end; align-items: center; margin-top: 8px; }
.tabs { display: flex; flex-wrap: wrap; gap: 4px; margin: 0 0 12px; border-bottom: 1px solid var(--line); }
.tabs a { padding: 8px 14px; color: var(--ink); text-decoration: none; border-bottom: 3px solid transparent; }
.tabs a[aria-current="page"] { border-bottom-color: var(--accent); color: var(--accent); font-weight: 600; }
.tabs a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
h3 { font-size: 15px; margin: 16px 0 8px; }
h4 { font-size: 14px; margin: 0 0 8px; }
.sub { background: #fafbfc; margin: 12px 0 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px 16px; }
.field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.field label { font-size: 13px; }
.field.check { flex-direction: row; align-items: center; gap: 8px; padding-top: 20px; }
.picker { display: flex; flex-direction: column; gap: 4px; }
.actions { display: flex; gap: 8px; margin-top: 12px; }
fieldset.contacts { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0 0; padding: 8px 12px; }
fieldset.contacts input { width: 100%; }
[aria-invalid="true"] { border-color: var(--bad); background: #fff5f5; }
input.money { width: 120px; text-align: right; }
.nowrap, td button { white-space: nowrap; }
tr.inactive td { color: var(--muted); }
/* A table of many columns: each heading takes its English on a second line, so the table fits its
   card at 1366 px and narrower; below that it scrolls inside the card rather than past it. */
.table-scroll { overflow-x: auto; }
table.stacked-head th .en { display: block; }
`;

/** The page's script: shared helpers and the overview, then master data, sales and branch users. */
export const adminPageJs = `'use strict';
(function () {
${adminCoreScript}
${adminMasterScript}
${adminSalesScript}
${adminUsersScript}
${adminTransfersScript}
${adminSupplierTermsScript}
})();
`;
