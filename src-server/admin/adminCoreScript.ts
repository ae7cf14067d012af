/**
 * The head-office page's script, first part: the API call with the token, shared helpers (money
 * in yuan typed and shown, paged lists, pickers, saving master data field by field, errors
 * marked on their fields), sections by #hash, and the overview (branches, stock, exceptions).
 * It runs inside one function with the later parts (adminPage.ts joins them).
 */
export const adminCoreScript = String.raw`  var TOKEN_KEY = 'branchLedgerAdminToken';
  var PAGE = 50;
  var stockOffset = 0;
  /** Each section's loader by tab name, and the set-up of each part of the script. */
  var tabLoaders = {};
  var inits = [];
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
          err.issues = data.error && data.error.details && data.error.details.issues;
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
  /** Yuan as typed ("1,234.5") to whole fen; more than 2 decimals is refused, never rounded. */
  function parseYuan(text) {
    var t = String(text).replace(/[,，\s]/g, '');
    var m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(t);
    if (!m) throw new Error(t.indexOf('.') >= 0 && /^\d+\.\d{3,}$/.test(t) ? '最多两位小数 At most 2 decimals' : '不是金额 Not an amount');
    return Number(m[1]) * 100 + Number(((m[2] || '') + '00').slice(0, 2));
  }
  /** A share typed as a percent with up to \`decimals\` decimals, to parts per 10^(2 + decimals). */
  function parseShare(text, decimals, max) {
    var t = String(text).trim().replace(/%$/, '');
    var m = new RegExp('^(\\d{1,3})(?:\\.(\\d{1,' + decimals + '}))?$').exec(t);
    var scale = Math.pow(10, decimals);
    if (!m) throw new Error('最多' + decimals + '位小数的百分比 A percent with at most ' + decimals + ' decimals');
    var parts = Number(m[1]) * scale + Number(((m[2] || '') + '000').slice(0, decimals));
    if (parts > max) throw new Error('不能超过 At most ' + (max / scale) + '%');
    return parts;
  }
  function share(parts, decimals) { return parts === null || parts === undefined ? '' : String(parts / Math.pow(10, decimals)); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function button(text, onClick, cls) {
    var b = el('button', text, cls || 'secondary');
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  function option(select, value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
    return o;
  }
  /** A branch filter (its first option is "all branches") filled afresh from the overview, keeping the choice. */
  function loadBranchChoices(selectId) {
    return api('GET', '/admin/v1/overview').then(function (data) {
      var select = $(selectId);
      var chosen = select.value;
      select.replaceChildren(select.options[0]);
      data.branches.forEach(function (b) { option(select, b.id, b.code + ' ' + b.name); });
      select.value = chosen;
    });
  }
  function query(params) {
    var search = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k] !== '' && params[k] !== undefined && params[k] !== null) search.set(k, String(params[k])); });
    return search.toString();
  }
  /** A table with no rows says so, across all its columns. */
  function emptyRow(body, columns, text) {
    if (body.rows.length > 0) return;
    var tr = document.createElement('tr');
    cell(tr, text).colSpan = columns;
    body.appendChild(tr);
  }
  function refName(refs, id) {
    var r = refs && refs[id];
    if (!r) return id ? id.slice(0, 8) : '—';
    return (r.code ? r.code + ' ' : '') + (r.name || '');
  }

  /**
   * A paged list: the offset, the Previous/Next buttons and the "1–50 / 120" line of one table.
   * \`load(offset)\` answers the total.
   */
  function pagedList(prefix, load) {
    var offset = 0;
    function run() {
      return load(offset).then(function (shown) {
        var to = Math.min(offset + shown.rows, shown.total);
        $(prefix + '-count').textContent = (shown.total === 0 ? '0' : (offset + 1) + '–' + to) + ' / ' + shown.total;
        $(prefix + '-prev').disabled = offset === 0;
        $(prefix + '-next').disabled = to >= shown.total;
      });
    }
    $(prefix + '-prev').addEventListener('click', function () { offset = Math.max(0, offset - PAGE); run().catch(fail); });
    $(prefix + '-next').addEventListener('click', function () { offset += PAGE; run().catch(fail); });
    var search = $(prefix + '-search');
    if (search) search.addEventListener('submit', function (ev) { ev.preventDefault(); offset = 0; run().catch(fail); });
    return { reload: run, first: function () { offset = 0; return run(); } };
  }

  /** Marks the fields an API refusal names and says what was wrong, next to the form's buttons. */
  function showError(form, errorId, err) {
    form.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
    var messages = [];
    (err.issues || []).forEach(function (issue) {
      var name = String(issue.path).replace(/^fields\./, '');
      var input = form.querySelector('[data-field="' + name + '"]');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        var label = input.id ? form.querySelector('label[for="' + input.id + '"]') : null;
        var legend = input.querySelector ? input.querySelector('legend') : null;
        messages.push(((label || legend) ? (label || legend).textContent + ': ' : name + ' ') + issue.message);
      }
    });
    $(errorId).textContent = messages.length > 0 ? messages.join('; ') : (err.message || '');
    var first = form.querySelector('[aria-invalid]');
    if (first && first.focus) first.focus();
  }
  function clearError(form, errorId) {
    form.querySelectorAll('[aria-invalid]').forEach(function (node) { node.removeAttribute('aria-invalid'); });
    $(errorId).textContent = '';
  }
  /** A value the page refuses before asking the API: the same marks as the API's own refusal. */
  function fieldError(name, message) {
    var err = new Error(message);
    err.issues = [{ path: 'fields.' + name, message: message }];
    return err;
  }

  /**
   * Saves one master-data row: all fields of a new row, only the changed ones of an existing row
   * (each field merges on its own, so untouched fields keep what another clerk may have set).
   */
  function saveMaster(entity, id, values, before) {
    var fields = {};
    Object.keys(values).forEach(function (k) {
      if (!before || JSON.stringify(values[k]) !== JSON.stringify(before[k] === undefined ? null : before[k])) fields[k] = values[k];
    });
    if (Object.keys(fields).length === 0) return Promise.resolve(null);
    return api('PUT', '/admin/v1/master/' + entity + '/' + (id || newId()), { fields: fields });
  }
  /** A UUIDv7: time-ordered like the ids the branch PCs make. */
  function newId() {
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    var ms = Date.now();
    for (var i = 5; i >= 0; i--) { bytes[i] = ms % 256; ms = Math.floor(ms / 256); }
    bytes[6] = (bytes[6] & 0x0f) | 0x70;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }
  function listMaster(entity, params) { return api('GET', '/admin/v1/master/' + entity + '?' + query(params)); }

  /** Typing in a search box fills its select with matching rows (products, customers). */
  function picker(inputId, selectId, entity, label, onPick) {
    var input = $(inputId);
    var select = $(selectId);
    var asked = 0;
    function search(keepId, keepText) {
      var mine = ++asked;
      return listMaster(entity, { q: input.value.trim(), limit: 20 }).then(function (page) {
        if (mine !== asked) return;
        select.replaceChildren();
        if (keepId && !page.rows.some(function (r) { return r.id === keepId; })) option(select, keepId, keepText || keepId);
        page.rows.forEach(function (r) { option(select, r.id, label(r.values)); });
        if (keepId) select.value = keepId;
        if (onPick) onPick(select.value);
      });
    }
    input.addEventListener('input', function () { search().catch(fail); });
    input.addEventListener('keydown', function (ev) { if (ev.key === 'ArrowDown' || ev.key === 'Enter') { ev.preventDefault(); select.focus(); } });
    select.addEventListener('change', function () { if (onPick) onPick(select.value); });
    return {
      value: function () { return select.value || null; },
      set: function (id, text) { input.value = ''; return search(id, text); },
      clear: function () { input.value = ''; select.replaceChildren(); },
    };
  }
  function productLabel(v) { return v.sku + ' ' + v.nameZh + (v.nameEn && v.nameEn !== v.nameZh ? ' · ' + v.nameEn : ''); }
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

  function refreshOverview() {
    return loadBranches().then(function () { return Promise.all([loadStock(), loadExceptions()]); });
  }
  tabLoaders.overview = refreshOverview;

  /** One section at a time, chosen by the address's #hash, so a reload or a bookmark keeps it. */
  function currentTab() {
    var tab = location.hash.slice(1);
    return tabLoaders[tab] ? tab : 'overview';
  }
  function showTab() {
    var tab = currentTab();
    document.querySelectorAll('[data-panel]').forEach(function (panel) { panel.hidden = panel.getAttribute('data-panel') !== tab; });
    document.querySelectorAll('[data-tab]').forEach(function (link) {
      if (link.getAttribute('data-tab') === tab) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    if (!token()) return;
    status('加载中 Loading…');
    tabLoaders[tab]().then(function () { status('更新于 Updated ' + when(Date.now())); }).catch(fail);
  }

  function signIn() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    showTab();
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
    inits.forEach(function (init) { init(); });
    window.addEventListener('hashchange', showTab);
    if (token()) signIn();
  });
`;
