/**
 * The head-office page's script, transfers part: what is in transit by sending branch, and every
 * branch's transfers (newest first) with sender, receiver, quantity, value and age.
 */
import type { TransferStatus } from '../../src-main/core/transfer';

/** Every transfer state, named for head office (drafts never reach this list). */
const transferStatusNames: Record<TransferStatus, string> = {
  draft: '草稿 Draft',
  sent: '在途 In transit',
  received: '已收货 Received',
  closed: '已完成 Closed',
  cancelled: '已取消 Cancelled',
};

export const adminTransfersScript = String.raw`
  var transferStatusNames = ${JSON.stringify(transferStatusNames)};

  /** Whole days from a business date to today in the browser's calendar. */
  function daysSince(date) {
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    return Math.round((today - Date.parse(date + 'T00:00:00Z')) / 86400000);
  }

  var transfers = pagedList('xfer', function (offset) {
    var params = { branchId: $('xfer-branch').value, inTransit: $('xfer-transit').value, q: $('xfer-q').value.trim(), limit: PAGE, offset: offset };
    return api('GET', '/admin/v1/transfers?' + query(params)).then(function (data) {
      var transit = $('transit-table').tBodies[0];
      transit.replaceChildren();
      data.inTransit.forEach(function (b) {
        var tr = document.createElement('tr');
        cell(tr, b.branchCode);
        cell(tr, b.transfers, 'num');
        cell(tr, b.qty, 'num');
        cell(tr, yuan(b.valueFen), 'num');
        transit.appendChild(tr);
      });
      emptyRow(transit, 4, '没有在途调拨 Nothing in transit');
      var body = $('xfer-table').tBodies[0];
      body.replaceChildren();
      data.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        cell(tr, r.docNo, 'nowrap');
        cell(tr, r.fromBranchCode);
        cell(tr, r.toBranchCode);
        var open = r.status === 'sent' && r.receiptDate === null;
        // Head office keeps the sender's status; a receipt it holds makes a sent transfer received.
        cell(tr, r.status === 'sent' && r.receiptDate !== null ? transferStatusNames.received : transferStatusNames[r.status] || r.status);
        cell(tr, r.businessDate, 'nowrap');
        cell(tr, r.totalQty, 'num');
        cell(tr, yuan(r.totalValueFen), 'num');
        var age = open ? daysSince(r.businessDate) : null;
        cell(tr, age === null ? '—' : age + ' 天 d', 'num' + (age !== null && age > 7 ? ' neg' : ''));
        cell(tr, r.receiptDate === null ? '—' : r.receiptDate + ' · ' + r.receiptQty + (r.writtenOffFen ? ' · 报损 written off ' + yuan(r.writtenOffFen) : ''));
        body.appendChild(tr);
      });
      emptyRow(body, 9, '没有调拨 No transfers');
      return { rows: data.rows.length, total: data.total };
    });
  });

  tabLoaders.transfers = function () { return loadBranchChoices('xfer-branch').then(transfers.reload); };
  inits.push(function () {
    ['xfer-branch', 'xfer-transit'].forEach(function (id) { $(id).addEventListener('change', function () { transfers.first().catch(fail); }); });
  });
`;
