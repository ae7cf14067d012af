/**
 * The head-office page's script, master-data part: customers, price lists and their prices,
 * customer-specific prices, promotions and product price floors. Money is typed in yuan and sent
 * in fen; the API checks everything again and its refusals are marked on the fields.
 */
export const adminMasterScript = String.raw`
  var channelNames = { supermarket: '商超 Supermarket', convenience: '便利店 Convenience', restaurant: '餐饮 Restaurant', wholesaler: '批发 Wholesaler' };
  var classNames = { key: '重点 Key account', ordinary: '普通 Ordinary' };
  var kindNames = { free_goods: '买赠 Free goods', volume_discount: '量大折扣 Volume discount' };
  /** What the branch PCs assume for a field head office never set (db/schema defaults). */
  var customerDefaults = { customerClass: 'ordinary', region: '', contact: '', phone: '', creditLimitFen: 0, paymentTermsDays: 30, minShelfLifePermille: 0, salesperson: '', priceListId: null, address: '', contacts: '[]', active: true };

  function yuanPlain(fen) { return fen === null || fen === undefined ? '' : Math.floor(fen / 100) + '.' + String(fen % 100).padStart(2, '0'); }
  function whole(name, text, min, max) {
    var t = String(text).trim();
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) throw fieldError(name, '请输入 ' + min + '–' + max + ' 的整数 A whole number ' + min + '–' + max);
    return Number(t);
  }
  function money(name, text, nullable) {
    if (nullable && String(text).trim() === '') return null;
    try { return parseYuan(text); } catch (e) { throw fieldError(name, e.message); }
  }
  function shareOf(name, text, decimals, max) {
    try { return parseShare(text, decimals, max); } catch (e) { throw fieldError(name, e.message); }
  }
  function required(name, text) {
    var t = String(text).trim();
    if (t === '') throw fieldError(name, '必填 Required');
    return t;
  }
  function activeText(v) { return v.active === false ? '停用 Inactive' : '启用 Active'; }

  /**
   * A create/edit form of one entity: fill(row) shows a row (or a new one), read() gives the
   * field values or throws a field error, and saving sends what changed.
   */
  function masterForm(prefix, entity, spec) {
    var form = $(prefix + '-form');
    var state = { id: null, before: null };
    function close() { form.hidden = true; clearError(form, prefix + '-form-error'); }
    function open(row) {
      state.id = row ? row.id : null;
      clearError(form, prefix + '-form-error');
      return Promise.resolve(spec.fill(row ? row.values : null, row)).then(function () {
        state.before = row ? spec.read() : null;
        $(prefix + '-form-title').textContent = row ? spec.editTitle(row.values) : spec.newTitle;
        form.hidden = false;
        var first = form.querySelector('input:not([type=checkbox]), select');
        if (first) first.focus();
      });
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var values;
      try { values = spec.read(); } catch (e) { showError(form, prefix + '-form-error', e); return; }
      saveMaster(entity, state.id, values, state.before).then(function () {
        close();
        status('已保存 Saved');
        return spec.saved();
      }).catch(function (err) {
        if (err.status === 401) { fail(err); return; }
        showError(form, prefix + '-form-error', err);
      });
    });
    var cancel = $(prefix + '-form-cancel');
    if (cancel) cancel.addEventListener('click', close);
    form.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') close(); });
    return { open: open, close: close };
  }

  // ── Customers ──────────────────────────────────────────────────────────────────────────

  var priceLists = [];
  function loadPriceLists() {
    return listMaster('price_list', { limit: 500 }).then(function (page) { priceLists = page.rows; return page; });
  }

  function contactRow(c) {
    var tr = document.createElement('tr');
    ['name', 'role', 'phone'].forEach(function (k, i) {
      var td = document.createElement('td');
      var input = document.createElement('input');
      input.value = c[k] || '';
      input.maxLength = 40;
      input.setAttribute('data-contact', k);
      input.setAttribute('aria-label', ['姓名 Name', '职务 Role', '电话 Phone'][i]);
      td.appendChild(input);
      tr.appendChild(td);
    });
    var td = document.createElement('td');
    td.appendChild(button('删除 Remove', function () { tr.remove(); }));
    tr.appendChild(td);
    $('cust-contacts').tBodies[0].appendChild(tr);
    return tr;
  }
  function readContacts() {
    var list = [];
    Array.prototype.forEach.call($('cust-contacts').tBodies[0].rows, function (tr) {
      var c = {};
      tr.querySelectorAll('[data-contact]').forEach(function (input) { c[input.getAttribute('data-contact')] = input.value.trim(); });
      if (!c.name && !c.role && !c.phone) return;
      if (!c.name) throw fieldError('contacts', '联系人需填姓名 Each contact needs a name');
      list.push(c);
    });
    return JSON.stringify(list);
  }

  var customerForm = masterForm('cust', 'customer', {
    newTitle: '新建客户 New customer',
    editTitle: function (v) { return '编辑客户 Edit customer · ' + v.code + ' ' + v.name; },
    fill: function (values) {
      var v = Object.assign({}, customerDefaults, { code: '', name: '', channel: 'supermarket' }, values || {});
      var select = $('cust-pricelist');
      select.replaceChildren();
      option(select, '', '标准价目表 Standard (STD)');
      priceLists.forEach(function (p) { if (p.values.code !== 'STD') option(select, p.id, p.values.code + ' ' + p.values.nameZh + ' · ' + p.values.nameEn); });
      $('cust-code').value = v.code;
      $('cust-name').value = v.name;
      $('cust-channel').value = v.channel;
      $('cust-class').value = v.customerClass;
      $('cust-region').value = v.region;
      $('cust-salesperson').value = v.salesperson;
      $('cust-contact').value = v.contact;
      $('cust-phone').value = v.phone;
      $('cust-credit').value = yuanPlain(v.creditLimitFen);
      $('cust-terms').value = String(v.paymentTermsDays);
      select.value = v.priceListId || '';
      $('cust-shelf').value = share(v.minShelfLifePermille, 1);
      $('cust-address').value = v.address;
      $('cust-active').checked = v.active !== false;
      $('cust-contacts').tBodies[0].replaceChildren();
      var contacts = [];
      try { contacts = JSON.parse(v.contacts || '[]'); } catch (e) { contacts = []; }
      contacts.forEach(contactRow);
    },
    read: function () {
      return {
        code: required('code', $('cust-code').value),
        name: required('name', $('cust-name').value),
        channel: $('cust-channel').value,
        customerClass: $('cust-class').value,
        region: $('cust-region').value.trim(),
        salesperson: $('cust-salesperson').value.trim(),
        contact: $('cust-contact').value.trim(),
        phone: $('cust-phone').value.trim(),
        creditLimitFen: money('creditLimitFen', $('cust-credit').value.trim() || '0'),
        paymentTermsDays: whole('paymentTermsDays', $('cust-terms').value || '0', 0, 365),
        priceListId: $('cust-pricelist').value || null,
        minShelfLifePermille: shareOf('minShelfLifePermille', $('cust-shelf').value.trim() || '0', 1, 1000),
        address: $('cust-address').value.trim(),
        contacts: readContacts(),
        active: $('cust-active').checked,
      };
    },
    saved: function () { return customers.reload(); },
  });

  var customers = pagedList('cust', function (offset) {
    return Promise.all([listMaster('customer', { q: $('cust-q').value.trim(), limit: PAGE, offset: offset }), loadPriceLists()]).then(function (res) {
      var page = res[0];
      var body = $('cust-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var v = Object.assign({}, customerDefaults, r.values);
        var tr = document.createElement('tr');
        if (v.active === false) tr.className = 'inactive';
        cell(tr, v.code);
        cell(tr, v.name + (v.active === false ? ' · 停用 inactive' : ''));
        cell(tr, channelNames[v.channel] || v.channel);
        cell(tr, classNames[v.customerClass] || v.customerClass);
        cell(tr, v.region || '—');
        cell(tr, v.salesperson || '—');
        cell(tr, yuan(v.creditLimitFen), 'num');
        cell(tr, v.paymentTermsDays + ' 天 days');
        cell(tr, v.priceListId ? refName(page.refs, v.priceListId) : 'STD');
        cell(tr, '').appendChild(button('编辑 Edit', function () { customerForm.open(r).catch(fail); }));
        body.appendChild(tr);
      });
      emptyRow(body, 10, '没有客户 No customers');
      return { rows: page.rows.length, total: page.total };
    });
  });

  // ── Price lists and prices ─────────────────────────────────────────────────────────────

  function unitsOf(productId, select, keep) {
    select.replaceChildren();
    if (!productId) return Promise.resolve();
    return listMaster('product_unit', { productId: productId, limit: 50 }).then(function (page) {
      select.replaceChildren();
      page.rows.forEach(function (u) { option(select, u.values.code, u.values.code + ' ' + u.values.nameZh + ' · ' + u.values.nameEn + ' ×' + u.values.factor); });
      if (keep) select.value = keep;
    });
  }

  /** The prices of one owner (a price list, a customer): a paged list and a form for one price. */
  function priceEditor(prefix, entity, ownerField) {
    var owner = null;
    var unit = $(prefix + '-unit');
    var product = picker(prefix + '-product-q', prefix + '-product', 'product', productLabel, function (id) { unitsOf(id, unit).catch(fail); });
    var form = masterForm(prefix, entity, {
      newTitle: '新价格 New price',
      editTitle: function () { return '修改价格 Edit price'; },
      fill: function (values, row) {
        $(prefix + '-price').value = values ? yuanPlain(values.priceFen) : '';
        if (!values) { product.clear(); unit.replaceChildren(); return undefined; }
        return product.set(values.productId, refName(row.refs, values.productId)).then(function () { return unitsOf(values.productId, unit, values.unitCode); });
      },
      read: function () {
        var values = {};
        values[ownerField] = owner;
        values.productId = product.value();
        if (!values.productId) throw fieldError('productId', '请选择商品 Choose a product');
        values.unitCode = unit.value;
        if (!values.unitCode) throw fieldError('unitCode', '请选择单位 Choose a unit');
        values.priceFen = money('priceFen', $(prefix + '-price').value);
        return values;
      },
      saved: function () { return form.open(null).then(list.reload); },
    });
    // Cancel clears the form for the next new price; the prices stay on screen.
    $(prefix + '-form-cancel').addEventListener('click', function () { form.open(null).catch(fail); });
    var list = pagedList(prefix, function (offset) {
      var params = { q: $(prefix + '-q').value.trim(), limit: PAGE, offset: offset };
      params[ownerField] = owner;
      return listMaster(entity, params).then(function (page) {
        var body = $(prefix + '-table').tBodies[0];
        body.replaceChildren();
        page.rows.forEach(function (r) {
          var tr = document.createElement('tr');
          cell(tr, refName(page.refs, r.values.productId));
          cell(tr, r.values.unitCode);
          cell(tr, yuan(r.values.priceFen), 'num');
          cell(tr, '').appendChild(button('修改 Edit', function () { form.open({ id: r.id, values: r.values, refs: page.refs }).catch(fail); }));
          body.appendChild(tr);
        });
        emptyRow(body, 4, '还没有价格 No prices yet');
        return { rows: page.rows.length, total: page.total };
      });
    });
    return {
      open: function (ownerId, title) {
        owner = ownerId;
        $(prefix + '-title').textContent = title;
        $(prefix + '-panel').hidden = false;
        $(prefix + '-q').value = '';
        return list.first().then(function () { return form.open(null); });
      },
    };
  }

  var listPrices = priceEditor('pli', 'price_list_item', 'priceListId');
  var customerPrices = priceEditor('cpi', 'customer_price', 'customerId');

  var priceListForm = masterForm('pl', 'price_list', {
    newTitle: '新建价目表 New price list',
    editTitle: function (v) { return '编辑价目表 Edit price list · ' + v.code; },
    fill: function (v) {
      $('pl-code').value = v ? v.code : '';
      $('pl-namezh').value = v ? v.nameZh : '';
      $('pl-nameen').value = v ? v.nameEn : '';
      $('pl-active').checked = !v || v.active !== false;
    },
    read: function () {
      return { code: required('code', $('pl-code').value), nameZh: required('nameZh', $('pl-namezh').value), nameEn: required('nameEn', $('pl-nameen').value), active: $('pl-active').checked };
    },
    saved: function () { return loadPriceListTable(); },
  });

  function loadPriceListTable() {
    return loadPriceLists().then(function (page) {
      var body = $('pl-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        cell(tr, r.values.code);
        cell(tr, r.values.nameZh);
        cell(tr, r.values.nameEn);
        cell(tr, activeText(r.values));
        var actions = cell(tr, '');
        actions.appendChild(button('价格 Prices', function () { listPrices.open(r.id, '价目表 Price list ' + r.values.code + ' · ' + r.values.nameZh).catch(fail); }));
        actions.appendChild(document.createTextNode(' '));
        actions.appendChild(button('编辑 Edit', function () { priceListForm.open(r).catch(fail); }));
        body.appendChild(tr);
      });
      emptyRow(body, 5, '还没有价目表，先建标准价目表 STD No price lists yet: start with the standard list, code STD');
    });
  }

  var customerPick = picker('cp-customer-q', 'cp-customer', 'customer', function (v) { return v.code + ' ' + v.name; });

  // ── Promotions ─────────────────────────────────────────────────────────────────────────

  var promoProduct = picker('promo-product-q', 'promo-product', 'product', productLabel);
  var promoFree = picker('promo-free-q', 'promo-free', 'product', productLabel);
  function showKind() {
    var free = $('promo-kind').value === 'free_goods';
    document.querySelectorAll('.free-only').forEach(function (n) { n.hidden = !free; });
    document.querySelectorAll('.discount-only').forEach(function (n) { n.hidden = free; });
  }
  var promotionForm = masterForm('promo', 'promotion', {
    newTitle: '新建促销 New promotion',
    editTitle: function (v) { return '编辑促销 Edit promotion · ' + v.code; },
    fill: function (values, row) {
      var v = values || { code: '', nameZh: '', nameEn: '', kind: 'free_goods', minQty: '', freeQty: '', discountBp: null, channel: null, startsOn: '', endsOn: '', active: true };
      $('promo-code').value = v.code;
      $('promo-namezh').value = v.nameZh;
      $('promo-nameen').value = v.nameEn;
      $('promo-kind').value = v.kind;
      $('promo-minqty').value = v.minQty === null ? '' : String(v.minQty);
      $('promo-freeqty').value = v.freeQty === null || v.freeQty === undefined ? '' : String(v.freeQty);
      $('promo-discount').value = share(v.discountBp, 2);
      $('promo-channel').value = v.channel || '';
      $('promo-starts').value = v.startsOn;
      $('promo-ends').value = v.endsOn;
      $('promo-active').checked = v.active !== false;
      showKind();
      if (!values) { promoProduct.clear(); promoFree.clear(); return undefined; }
      return Promise.all([
        promoProduct.set(v.productId, refName(row.refs, v.productId)),
        v.freeProductId ? promoFree.set(v.freeProductId, refName(row.refs, v.freeProductId)) : promoFree.clear(),
      ]);
    },
    read: function () {
      var free = $('promo-kind').value === 'free_goods';
      var v = {
        code: required('code', $('promo-code').value),
        nameZh: required('nameZh', $('promo-namezh').value),
        nameEn: required('nameEn', $('promo-nameen').value),
        kind: $('promo-kind').value,
        productId: promoProduct.value(),
        minQty: whole('minQty', $('promo-minqty').value, 1, 1000000),
        freeProductId: free ? promoFree.value() : null,
        freeQty: free ? whole('freeQty', $('promo-freeqty').value, 1, 1000000) : null,
        discountBp: free ? null : shareOf('discountBp', $('promo-discount').value, 2, 9999),
        channel: $('promo-channel').value || null,
        startsOn: required('startsOn', $('promo-starts').value),
        endsOn: required('endsOn', $('promo-ends').value),
        active: $('promo-active').checked,
      };
      if (!v.productId) throw fieldError('productId', '请选择商品 Choose a product');
      if (free && !v.freeProductId) throw fieldError('freeProductId', '请选择赠品 Choose the free product');
      if (v.endsOn < v.startsOn) throw fieldError('endsOn', '结束日期早于开始日期 Ends before it starts');
      return v;
    },
    saved: function () { return promotions.reload(); },
  });
  function promotionTerms(v, refs) {
    if (v.kind === 'free_goods') return '每 Every ' + v.minQty + ' → 赠 free ' + v.freeQty + ' × ' + refName(refs, v.freeProductId);
    return '≥ ' + v.minQty + ' → ' + share(v.discountBp, 2) + '% 折扣 off';
  }
  var promotions = pagedList('promo', function (offset) {
    return listMaster('promotion', { q: $('promo-q').value.trim(), limit: PAGE, offset: offset }).then(function (page) {
      var body = $('promo-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var v = r.values;
        var tr = document.createElement('tr');
        cell(tr, v.code);
        cell(tr, v.nameZh + ' · ' + v.nameEn);
        cell(tr, kindNames[v.kind] || v.kind);
        cell(tr, refName(page.refs, v.productId));
        cell(tr, promotionTerms(v, page.refs));
        cell(tr, v.channel ? channelNames[v.channel] : '全部 All');
        cell(tr, v.startsOn + ' – ' + v.endsOn, 'nowrap');
        cell(tr, activeText(v));
        cell(tr, '').appendChild(button('编辑 Edit', function () { promotionForm.open({ id: r.id, values: v, refs: page.refs }).catch(fail); }));
        body.appendChild(tr);
      });
      emptyRow(body, 9, '没有促销 No promotions');
      return { rows: page.rows.length, total: page.total };
    });
  });

  // ── Return policy ──────────────────────────────────────────────────────────────────────

  var classNames = { key: '重点客户 Key account', ordinary: '普通客户 Ordinary' };
  function categoryLabel(v) { return v.code + ' ' + v.nameZh + (v.nameEn ? ' · ' + v.nameEn : ''); }
  var rwCategory = picker('rw-category-q', 'rw-category', 'category', categoryLabel);
  var returnWindowForm = masterForm('rw', 'return_window', {
    newTitle: '新建退货规则 New return rule',
    editTitle: function () { return '编辑退货规则 Edit return rule'; },
    fill: function (values, row) {
      var v = values || { customerClass: null, categoryId: null, windowDays: '' };
      $('rw-class').value = v.customerClass || '';
      $('rw-days').value = v.windowDays === '' ? '' : String(v.windowDays);
      if (!v.categoryId) {
        rwCategory.clear();
        option($('rw-category'), '', '全部 Any');
        return undefined;
      }
      return rwCategory.set(v.categoryId, refName(row.refs, v.categoryId));
    },
    read: function () {
      return {
        customerClass: $('rw-class').value || null,
        categoryId: rwCategory.value(),
        windowDays: whole('windowDays', $('rw-days').value, 0, 3650),
      };
    },
    saved: function () { return returnWindows.reload(); },
  });
  var returnWindows = pagedList('rw', function (offset) {
    return listMaster('return_window', { limit: PAGE, offset: offset }).then(function (page) {
      var body = $('rw-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var v = r.values;
        var tr = document.createElement('tr');
        cell(tr, v.customerClass ? classNames[v.customerClass] : '全部 Any');
        cell(tr, v.categoryId ? refName(page.refs, v.categoryId) : '全部 Any');
        cell(tr, String(v.windowDays), 'num');
        cell(tr, '').appendChild(button('编辑 Edit', function () { returnWindowForm.open({ id: r.id, values: v, refs: page.refs }).catch(fail); }));
        body.appendChild(tr);
      });
      emptyRow(body, 4, '没有规则：退货不限期 No rules: returns have no time limit');
      return { rows: page.rows.length, total: page.total };
    });
  });

  // ── Price floors ───────────────────────────────────────────────────────────────────────

  var floors = pagedList('floor', function (offset) {
    return listMaster('product', { q: $('floor-q').value.trim(), limit: PAGE, offset: offset }).then(function (page) {
      var body = $('floor-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var v = r.values;
        var tr = document.createElement('tr');
        cell(tr, v.sku);
        cell(tr, v.nameZh + ' · ' + v.nameEn);
        cell(tr, v.baseUnitCode);
        var input = document.createElement('input');
        input.value = yuanPlain(v.priceFloorFen);
        input.inputMode = 'decimal';
        input.placeholder = '不限 none';
        input.className = 'money';
        input.setAttribute('aria-label', '最低价 Price floor ' + v.sku);
        cell(tr, '', 'num').appendChild(input);
        var save = function () {
          var fen;
          try { fen = money('priceFloorFen', input.value, true); } catch (e) { input.setAttribute('aria-invalid', 'true'); $('floor-error').textContent = v.sku + ': ' + e.message; input.focus(); return; }
          saveMaster('product', r.id, { priceFloorFen: fen }, { priceFloorFen: v.priceFloorFen }).then(function () {
            input.removeAttribute('aria-invalid');
            $('floor-error').textContent = '';
            v.priceFloorFen = fen;
            status('已保存 Saved ' + v.sku);
          }).catch(function (err) {
            if (err.status === 401) { fail(err); return; }
            input.setAttribute('aria-invalid', 'true');
            $('floor-error').textContent = v.sku + ': ' + err.message;
          });
        };
        input.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { ev.preventDefault(); save(); } });
        cell(tr, '').appendChild(button('保存 Save', save));
        body.appendChild(tr);
      });
      emptyRow(body, 5, '没有商品 No products');
      return { rows: page.rows.length, total: page.total };
    });
  });

  tabLoaders.customers = function () { customerForm.close(); return customers.reload(); };
  tabLoaders.prices = loadPriceListTable;
  tabLoaders.promotions = function () { return promotions.reload(); };
  tabLoaders.floors = function () { return floors.reload(); };
  tabLoaders.returnPolicy = function () { returnWindowForm.close(); return returnWindows.reload(); };

  inits.push(function () {
    $('cust-new').addEventListener('click', function () { customerForm.open(null).catch(fail); });
    $('cust-contact-add').addEventListener('click', function () { contactRow({}).querySelector('input').focus(); });
    $('pl-new').addEventListener('click', function () { priceListForm.open(null).catch(fail); });
    $('promo-new').addEventListener('click', function () { promotionForm.open(null).catch(fail); });
    $('rw-new').addEventListener('click', function () { returnWindowForm.open(null).catch(fail); });
    $('promo-kind').addEventListener('change', showKind);
    $('cp-pick').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var id = customerPick.value();
      if (!id) { status('请先选择客户 Choose a customer first'); return; }
      var select = $('cp-customer');
      customerPrices.open(id, '客户 Customer ' + select.options[select.selectedIndex].textContent).catch(fail);
    });
  });
`;
