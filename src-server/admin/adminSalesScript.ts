/**
 * The head-office page's script, sales part: every branch's orders, invoices and payments as
 * they reached head office, and what each customer owes across all branches.
 */
import type { SalesOrderStatus } from '../../src-main/core/salesOrder';

/** Every order state the branches have, named for head office (the type makes sure none is missing). */
const orderStatusNames: Record<SalesOrderStatus, string> = {
  quote: '报价 Quote',
  pending_approval: '待审批 Awaiting approval',
  confirmed: '已确认 Confirmed',
  allocated: '已分配 Allocated',
  partly_delivered: '部分发货 Part delivered',
  delivered: '已发货 Delivered',
  invoiced: '已开票 Invoiced',
  paid: '已收款 Paid',
  closed: '已关闭 Closed',
  cancelled: '已取消 Cancelled',
};

export const adminSalesScript = String.raw`
  var salesKindNames = { order: '订单 Order', invoice: '发票 Invoice', payment: '收款 Payment' };
  var orderStatusNames = ${JSON.stringify(orderStatusNames)};

  function customerText(r) { return r.customerCode ? r.customerCode + ' ' + (r.customerName || '') : r.customerId.slice(0, 8); }

  var sales = pagedList('sales', function (offset) {
    var params = { branchId: $('sales-branch').value, kind: $('sales-kind').value, q: $('sales-q').value.trim(), limit: PAGE, offset: offset };
    return api('GET', '/admin/v1/sales?' + query(params)).then(function (data) {
      var body = $('sales-table').tBodies[0];
      body.replaceChildren();
      data.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        cell(tr, r.branchCode);
        cell(tr, salesKindNames[r.kind] || r.kind);
        cell(tr, r.docNo, 'nowrap');
        cell(tr, customerText(r));
        cell(tr, r.status ? orderStatusNames[r.status] || r.status : '—');
        cell(tr, yuan(r.amountFen), 'num');
        cell(tr, when(r.receivedAt), 'nowrap');
        body.appendChild(tr);
      });
      emptyRow(body, 7, '没有销售记录 No sales records');
      $('sales-total-label').textContent = '合计 Total · ' + data.total.rows;
      $('sales-total').textContent = yuan(data.total.amountFen);
      return { rows: data.rows.length, total: data.total.rows };
    });
  });

  var receivables = pagedList('recv', function (offset) {
    return api('GET', '/admin/v1/receivables?' + query({ q: $('recv-q').value.trim(), limit: PAGE, offset: offset })).then(function (data) {
      var body = $('recv-table').tBodies[0];
      body.replaceChildren();
      data.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        cell(tr, customerText(r));
        cell(tr, r.creditLimitFen === null ? '—' : yuan(r.creditLimitFen), 'num');
        cell(tr, yuan(r.invoicedFen), 'num');
        cell(tr, yuan(r.paidFen) + (r.creditedFen ? ' + 红字 credit ' + yuan(r.creditedFen) : ''), 'num');
        var over = r.creditLimitFen !== null && r.balanceFen > r.creditLimitFen;
        cell(tr, yuan(r.balanceFen) + (over ? ' · 超额度 over limit' : ''), 'num' + (over ? ' neg' : ''));
        var parts = cell(tr, '');
        r.branches.forEach(function (b) { parts.appendChild(el('span', b.branchCode + ' ' + yuan(b.balanceFen), 'device')); });
        body.appendChild(tr);
      });
      emptyRow(body, 6, '没有应收 No receivables');
      $('recv-total-label').textContent = '合计 Total · ' + data.total.rows;
      $('recv-total').textContent = yuan(data.total.balanceFen);
      return { rows: data.rows.length, total: data.total.rows };
    });
  });

  tabLoaders.sales = function () { return loadBranchChoices('sales-branch').then(sales.reload); };
  tabLoaders.receivables = function () { return receivables.reload(); };
  inits.push(function () {
    ['sales-branch', 'sales-kind'].forEach(function (id) { $(id).addEventListener('change', function () { sales.first().catch(fail); }); });
  });
`;
