/**
 * The head-office page's script, supplier terms: a supplier's case pack (purchase unit), minimum
 * order, lead time and last cost for a product (master data 'supplier_product'), listed a page at
 * a time (a catalogue may have 20,000 products from several suppliers each) and edited in a form;
 * the API checks every field again (the unit must be one of the product's) and its refusals are
 * marked on the fields. Relies on the master-data part (masterForm, whole, money, yuanPlain, unitsOf).
 */
export const adminSupplierTermsScript = String.raw`
  function supplierLabel(v) { return v.code + ' ' + v.name; }
  var stFilterSupplier = picker('st-fsupplier-q', 'st-fsupplier', 'supplier', supplierLabel, function () { supplierTerms.first().catch(fail); });
  var stFilterProduct = picker('st-fproduct-q', 'st-fproduct', 'product', productLabel, function () { supplierTerms.first().catch(fail); });
  var stUnit = $('st-unit');
  var stSupplier = picker('st-supplier-q', 'st-supplier', 'supplier', supplierLabel);
  var stProduct = picker('st-product-q', 'st-product', 'product', productLabel, function (id) { unitsOf(id, stUnit).catch(fail); });
  var supplierTermForm = masterForm('st', 'supplier_product', {
    newTitle: '新建供应商条款 New supplier terms',
    editTitle: function () { return '编辑供应商条款 Edit supplier terms'; },
    fill: function (values, row) {
      var v = values || { supplierItemCode: '', minOrderQty: 0, leadTimeDays: null, lastCostFen: null, preferred: false, active: true };
      $('st-item').value = v.supplierItemCode || '';
      $('st-moq').value = String(v.minOrderQty === undefined ? 0 : v.minOrderQty);
      $('st-lead').value = v.leadTimeDays === null || v.leadTimeDays === undefined ? '' : String(v.leadTimeDays);
      $('st-cost').value = yuanPlain(v.lastCostFen);
      $('st-preferred').checked = v.preferred === true;
      $('st-active').checked = v.active !== false;
      if (!values) { stSupplier.clear(); stProduct.clear(); stUnit.replaceChildren(); return undefined; }
      return Promise.all([
        stSupplier.set(v.supplierId, refName(row.refs, v.supplierId)),
        stProduct.set(v.productId, refName(row.refs, v.productId)).then(function () { return unitsOf(v.productId, stUnit, v.purchaseUnitCode); }),
      ]);
    },
    read: function () {
      var v = {
        supplierId: stSupplier.value(),
        productId: stProduct.value(),
        purchaseUnitCode: stUnit.value,
        supplierItemCode: $('st-item').value.trim(),
        minOrderQty: whole('minOrderQty', $('st-moq').value, 0, 10000000),
        leadTimeDays: $('st-lead').value.trim() === '' ? null : whole('leadTimeDays', $('st-lead').value, 0, 365),
        lastCostFen: money('lastCostFen', $('st-cost').value, true),
        preferred: $('st-preferred').checked,
        active: $('st-active').checked,
      };
      if (!v.supplierId) throw fieldError('supplierId', '请选择供应商 Choose a supplier');
      if (!v.productId) throw fieldError('productId', '请选择商品 Choose a product');
      if (!v.purchaseUnitCode) throw fieldError('purchaseUnitCode', '请选择采购单位 Choose the purchase unit');
      return v;
    },
    saved: function () { return supplierTerms.reload(); },
  });
  var supplierTerms = pagedList('st', function (offset) {
    var params = { q: $('st-q').value.trim(), limit: PAGE, offset: offset };
    // A filter applies while its search box has text; emptied, it lists every supplier or product.
    if ($('st-fsupplier-q').value.trim() && stFilterSupplier.value()) params.supplierId = stFilterSupplier.value();
    if ($('st-fproduct-q').value.trim() && stFilterProduct.value()) params.productId = stFilterProduct.value();
    return listMaster('supplier_product', params).then(function (page) {
      var body = $('st-table').tBodies[0];
      body.replaceChildren();
      page.rows.forEach(function (r) {
        var v = r.values;
        var tr = document.createElement('tr');
        if (v.active === false) tr.className = 'inactive';
        cell(tr, refName(page.refs, v.supplierId));
        cell(tr, refName(page.refs, v.productId));
        cell(tr, v.supplierItemCode || '—');
        cell(tr, v.purchaseUnitCode);
        cell(tr, v.minOrderQty || 0, 'num');
        cell(tr, v.leadTimeDays === null || v.leadTimeDays === undefined ? '默认 default' : v.leadTimeDays, 'num');
        cell(tr, v.lastCostFen === null || v.lastCostFen === undefined ? '—' : yuan(v.lastCostFen), 'num');
        cell(tr, v.preferred ? '是 Yes' : '');
        cell(tr, activeText(v));
        cell(tr, '').appendChild(button('编辑 Edit', function () { supplierTermForm.open({ id: r.id, values: v, refs: page.refs }).catch(fail); }));
        body.appendChild(tr);
      });
      emptyRow(body, 10, '没有供应商条款 No supplier terms');
      return { rows: page.rows.length, total: page.total };
    });
  });
  tabLoaders.supplierTerms = function () { return supplierTerms.first(); };
  inits.push(function () {
    $('st-new').addEventListener('click', function () { supplierTermForm.open(null).catch(fail); });
    ['st-fsupplier-q', 'st-fproduct-q'].forEach(function (id) { $(id).addEventListener('search', function () { supplierTerms.first().catch(fail); }); });
  });
`;
