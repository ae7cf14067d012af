/**
 * The head-office page: one HTML file, its script and its stylesheet, served by the server itself
 * with no external assets. The page holds no data of its own; the script asks the admin API with
 * the token the user typed, kept in sessionStorage (gone when the tab closes). Everything from
 * the API is put in the page with textContent, never as HTML.
 */

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
    <p id="status" class="status" role="status"></p>
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
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin-bottom: 16px; }
#login { max-width: 420px; margin: 48px auto; display: grid; gap: 8px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; }
.neg { color: var(--bad); font-weight: 600; }
.inline { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
input, select, button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button:disabled { opacity: 0.4; cursor: default; }
button.secondary { background: #fff; color: var(--accent); }
.error { color: var(--bad); min-height: 1.5em; margin: 0; }
.status, .hint { color: var(--muted); margin: 0 0 8px; }
.notice { background: #fff9db; border: 1px solid #ffe066; border-radius: 6px; padding: 8px 12px; font-size: 16px; }
.code { font-family: ui-monospace, monospace; font-size: 20px; letter-spacing: 2px; }
.device { display: block; color: var(--muted); }
.pager { display: flex; gap: 8px; justify-content: flex-end; margin-top: 8px; }
`;

export const adminPageJs = `'use strict';
(function () {
  var TOKEN_KEY = 'branchLedgerAdminToken';
  var PAGE = 50;
  var stockOffset = 0;
  function $(id) { return document.getElementById(id); }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: 'Bearer ' + token() } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) {
          var err = new Error((data.error && data.error.message) || ('HTTP ' + res.status));
          err.status = res.status;
          throw err;
        }
        return data;
      });
    });
  }

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '—' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function when(ms) { return ms === null || ms === undefined ? '—' : new Date(ms).toLocaleString('zh-CN', { hour12: false }); }
  function yuan(fen) {
    var sign = fen < 0 ? '-' : '';
    var abs = Math.abs(fen);
    return sign + Math.floor(abs / 100).toLocaleString('zh-CN') + '.' + String(abs % 100).padStart(2, '0');
  }
  function product(row) { return (row.sku ? row.sku + ' ' : '') + (row.productName || row.productId); }
  function lot(row) {
    if (row.lotCode === null || row.lotCode === undefined) return row.lotId.slice(-8);
    return row.lotCode === '' ? '—' : row.lotCode + (row.expiryDate ? ' · ' + row.expiryDate : '');
  }
  function status(text) { $('status').textContent = text; }

  function fail(err) {
    if (err.status === 401) { signOut('令牌无效 The token was not accepted'); return; }
    status('出错 Error: ' + err.message);
  }

  function loadBranches() {
    return api('GET', '/admin/v1/overview').then(function (data) {
      var body = $('branches').tBodies[0];
      body.replaceChildren();
      var select = $('stock-branch');
      var chosen = select.value;
      select.replaceChildren(select.options[0]);
      data.branches.forEach(function (b) {
        var tr = document.createElement('tr');
        cell(tr, b.code);
        cell(tr, b.name);
        var devices = cell(tr, b.devices.length === 0 ? '—' : '');
        b.devices.forEach(function (d) {
          var span = document.createElement('span');
          span.className = 'device';
          span.textContent = d.name + ' · seq ' + d.lastSeq + (d.revokedAt ? ' · 已吊销 revoked' : '');
          if (!d.revokedAt) {
            var revoke = document.createElement('button');
            revoke.type = 'button';
            revoke.className = 'secondary';
            revoke.textContent = '吊销 Revoke';
            revoke.addEventListener('click', function () {
              if (!confirm('吊销设备 Revoke device "' + d.name + '"?')) return;
              api('POST', '/admin/v1/devices/' + d.id + '/revoke', {}).then(loadBranches).catch(fail);
            });
            span.appendChild(document.createTextNode(' '));
            span.appendChild(revoke);
          }
          devices.appendChild(span);
        });
        cell(tr, when(b.lastSyncAt));
        cell(tr, b.openExceptions, 'num' + (b.openExceptions > 0 ? ' neg' : ''));
        var actions = cell(tr, '');
        var issue = document.createElement('button');
        issue.type = 'button';
        issue.className = 'secondary';
        issue.textContent = '发放注册码 Enrolment code';
        issue.addEventListener('click', function () {
          api('POST', '/admin/v1/branches/' + b.id + '/enrolment-codes', {}).then(function (res) {
            var p = $('enrolment');
            p.replaceChildren();
            p.appendChild(document.createTextNode(b.code + ' 注册码 enrolment code (仅显示一次 shown once, 有效至 valid until ' + when(res.expiresAt) + '): '));
            var code = document.createElement('span');
            code.className = 'code';
            code.textContent = res.code;
            p.appendChild(code);
            p.hidden = false;
          }).catch(fail);
        });
        actions.appendChild(issue);
        body.appendChild(tr);
        var option = document.createElement('option');
        option.value = b.id;
        option.textContent = b.code + ' ' + b.name;
        select.appendChild(option);
      });
      select.value = chosen;
    });
  }

  function loadStock() {
    var params = new URLSearchParams({ limit: String(PAGE), offset: String(stockOffset) });
    if ($('stock-branch').value) params.set('branchId', $('stock-branch').value);
    if ($('stock-q').value.trim()) params.set('q', $('stock-q').value.trim());
    return api('GET', '/admin/v1/stock?' + params.toString()).then(function (data) {
      var body = $('stock').tBodies[0];
      body.replaceChildren();
      data.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        cell(tr, r.branchCode);
        cell(tr, r.warehouseName || r.warehouseCode || r.warehouseId);
        cell(tr, product(r));
        cell(tr, lot(r));
        cell(tr, r.qty, 'num' + (r.qty < 0 ? ' neg' : ''));
        cell(tr, yuan(r.valueFen), 'num');
        body.appendChild(tr);
      });
      var to = Math.min(stockOffset + data.rows.length, data.total.rows);
      $('stock-count').textContent = '合计 Total · ' + (data.total.rows === 0 ? 0 : stockOffset + 1) + '–' + to + ' / ' + data.total.rows;
      $('stock-qty').textContent = data.total.qty;
      $('stock-value').textContent = yuan(data.total.valueFen);
      $('stock-prev').disabled = stockOffset === 0;
      $('stock-next').disabled = to >= data.total.rows;
    });
  }

  function loadExceptions() {
    return api('GET', '/admin/v1/exceptions?status=open').then(function (data) {
      var body = $('exceptions').tBodies[0];
      body.replaceChildren();
      if (data.exceptions.length === 0) {
        var none = document.createElement('tr');
        cell(none, '无未结异常 No open exceptions').colSpan = 6;
        body.appendChild(none);
      }
      data.exceptions.forEach(function (e) {
        var tr = document.createElement('tr');
        cell(tr, e.branchCode);
        cell(tr, e.warehouseCode || e.warehouseId);
        cell(tr, product(e));
        cell(tr, lot(e));
        cell(tr, e.qty, 'num neg');
        cell(tr, when(e.openedAt));
        body.appendChild(tr);
      });
    });
  }

  function refresh() {
    status('加载中 Loading…');
    loadBranches().then(function () { return Promise.all([loadStock(), loadExceptions()]); })
      .then(function () { status('更新于 Updated ' + when(Date.now())); })
      .catch(fail);
  }

  function signIn() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    refresh();
  }
  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login').addEventListener('submit', function (ev) {
      ev.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value);
      $('token').value = '';
      signIn();
    });
    $('logout').addEventListener('click', function () { signOut(''); });
    $('new-branch').addEventListener('submit', function (ev) {
      ev.preventDefault();
      api('POST', '/admin/v1/branches', { code: $('nb-code').value.trim(), name: $('nb-name').value.trim(), timeZone: $('nb-tz').value.trim() })
        .then(function () { $('nb-code').value = ''; $('nb-name').value = ''; return loadBranches(); })
        .catch(fail);
    });
    $('stock-search').addEventListener('submit', function (ev) { ev.preventDefault(); stockOffset = 0; loadStock().catch(fail); });
    $('stock-prev').addEventListener('click', function () { stockOffset = Math.max(0, stockOffset - PAGE); loadStock().catch(fail); });
    $('stock-next').addEventListener('click', function () { stockOffset += PAGE; loadStock().catch(fail); });
    if (token()) signIn();
  });
})();
`;
