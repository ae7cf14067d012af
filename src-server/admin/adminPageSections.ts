/**
 * The head-office page's sections for master data and sales, as static HTML (no data: the script
 * fills tables with textContent). Every label is Chinese with its English beside it; every input
 * has a label, so the page works by keyboard and screen reader alike.
 */

const bi = (zh: string, en: string) => `${zh} <span class="en">${en}</span>`;

/** A labelled control; `data-field` names the master-data field it edits (for the error marks). */
function field(id: string, zh: string, en: string, control: string): string {
  return `<div class="field"><label for="${id}">${bi(zh, en)}</label>${control}</div>`;
}
const text = (id: string, name: string, attrs = '') => `<input id="${id}" data-field="${name}" ${attrs}>`;
const money = (id: string, name: string) => `<input id="${id}" data-field="${name}" inputmode="decimal" placeholder="0.00">`;
const check = (id: string, name: string, zh: string, en: string) =>
  `<div class="field check"><input id="${id}" data-field="${name}" type="checkbox" checked><label for="${id}">${bi(zh, en)}</label></div>`;
const options = (list: [string, string, string][]) => list.map(([v, zh, en]) => `<option value="${v}">${zh} ${en}</option>`).join('');
const channels: [string, string, string][] = [
  ['supermarket', '商超', 'Supermarket'],
  ['convenience', '便利店', 'Convenience'],
  ['restaurant', '餐饮', 'Restaurant'],
  ['wholesaler', '批发', 'Wholesaler'],
];

function formButtons(prefix: string): string {
  return `<div class="actions"><button type="submit">保存 Save</button><button type="button" class="secondary" id="${prefix}-cancel">取消 Cancel</button></div>
    <p id="${prefix}-error" class="error" role="alert"></p>`;
}

function searchBar(prefix: string, placeholder: string, extra = ''): string {
  return `<form id="${prefix}-search" class="inline" role="search">
        ${extra}<input id="${prefix}-q" type="search" placeholder="${placeholder}" aria-label="${placeholder}">
        <button type="submit">查询 Search</button>
      </form>`;
}

function pager(prefix: string): string {
  return `<div class="pager"><span id="${prefix}-count" class="hint"></span><button id="${prefix}-prev" type="button" class="secondary">上一页 Previous</button><button id="${prefix}-next" type="button" class="secondary">下一页 Next</button></div>`;
}

function head(columns: [string, string, string?][]): string {
  return `<thead><tr>${columns.map(([zh, en, cls]) => `<th${cls ? ` class="${cls}"` : ''}>${bi(zh, en)}</th>`).join('')}</tr></thead>`;
}

/** A product picked by typing its SKU or name, then choosing from what matches. */
function productPicker(id: string, name: string, zh: string, en: string): string {
  return field(
    `${id}-q`,
    zh,
    en,
    `<span class="picker"><input id="${id}-q" type="search" placeholder="编码/名称 SKU or name" autocomplete="off"><select id="${id}" data-field="${name}" aria-label="${en}"></select></span>`,
  );
}

/** The price editor of one owner (a price list or a customer): its items and a form for one. */
function priceEditor(prefix: string, ownerZh: string, ownerEn: string): string {
  return `<div id="${prefix}-panel" hidden>
      <h3 id="${prefix}-title"></h3>
      ${searchBar(prefix, '商品编码或名称 Product SKU or name')}
      <table id="${prefix}-table">${head([['商品', 'Product'], ['单位', 'Unit'], ['价格(元)', 'Price (yuan)', 'num'], ['', '']])}<tbody></tbody></table>
      ${pager(prefix)}
      <form id="${prefix}-form" class="card sub" novalidate>
        <h4 id="${prefix}-form-title">${bi(`新价格 · ${ownerZh}`, `New price · ${ownerEn}`)}</h4>
        <div class="grid">
          ${productPicker(`${prefix}-product`, 'productId', '商品', 'Product')}
          ${field(`${prefix}-unit`, '单位', 'Unit', `<select id="${prefix}-unit" data-field="unitCode"></select>`)}
          ${field(`${prefix}-price`, '不含税价(元)', 'Price excl. tax (yuan)', money(`${prefix}-price`, 'priceFen'))}
        </div>
        ${formButtons(`${prefix}-form`)}
      </form>
    </div>`;
}

export const tabs: [string, string, string][] = [
  ['overview', '概览', 'Overview'],
  ['customers', '客户', 'Customers'],
  ['prices', '价格', 'Prices'],
  ['promotions', '促销', 'Promotions'],
  ['floors', '最低价', 'Price floors'],
  ['returnPolicy', '退货政策', 'Return policy'],
  ['sales', '分店销售', 'Sales by branch'],
  ['receivables', '应收账款', 'Receivables'],
  ['users', '分店用户', 'Branch users'],
  ['transfers', '分店调拨', 'Transfers'],
  ['supplierTerms', '供应商条款', 'Supplier terms'],
];

export const masterSections = `
    <section class="card" data-panel="customers" hidden>
      <h2>${bi('客户', 'Customers')}</h2>
      ${searchBar('cust', '编码、名称、区域或业务员 Code, name, region or salesperson', '<button type="button" id="cust-new">新建客户 New customer</button>')}
      <table id="cust-table">${head([['编码', 'Code'], ['名称', 'Name'], ['渠道', 'Channel'], ['等级', 'Class'], ['区域', 'Region'], ['业务员', 'Salesperson'], ['信用额度', 'Credit limit', 'num'], ['账期', 'Terms'], ['价目表', 'Price list'], ['', '']])}<tbody></tbody></table>
      ${pager('cust')}
      <form id="cust-form" class="card sub" novalidate hidden>
        <h3 id="cust-form-title"></h3>
        <div class="grid">
          ${field('cust-code', '编码', 'Code', text('cust-code', 'code', 'maxlength="32" required'))}
          ${field('cust-name', '名称', 'Name', text('cust-name', 'name', 'maxlength="120" required'))}
          ${field('cust-channel', '渠道', 'Channel', `<select id="cust-channel" data-field="channel">${options(channels)}</select>`)}
          ${field('cust-class', '客户等级', 'Class', `<select id="cust-class" data-field="customerClass">${options([['ordinary', '普通', 'Ordinary'], ['key', '重点', 'Key account']])}</select>`)}
          ${field('cust-region', '区域', 'Region', text('cust-region', 'region', 'maxlength="40"'))}
          ${field('cust-salesperson', '业务员', 'Salesperson', text('cust-salesperson', 'salesperson', 'maxlength="40"'))}
          ${field('cust-contact', '联系人', 'Contact', text('cust-contact', 'contact', 'maxlength="40"'))}
          ${field('cust-phone', '电话', 'Phone', text('cust-phone', 'phone', 'maxlength="40" inputmode="tel"'))}
          ${field('cust-credit', '信用额度(元)', 'Credit limit (yuan)', money('cust-credit', 'creditLimitFen'))}
          ${field('cust-terms', '账期(天)', 'Payment terms (days)', text('cust-terms', 'paymentTermsDays', 'type="number" min="0" max="365" step="1"'))}
          ${field('cust-pricelist', '价目表', 'Price list', '<select id="cust-pricelist" data-field="priceListId"></select>')}
          ${field('cust-shelf', '最低剩余保质期(%)', 'Min. shelf life left (%)', text('cust-shelf', 'minShelfLifePermille', 'inputmode="decimal" placeholder="66.7"'))}
          ${field('cust-address', '地址', 'Address', text('cust-address', 'address', 'maxlength="200"'))}
          ${check('cust-active', 'active', '启用', 'Active')}
        </div>
        <fieldset class="contacts" data-field="contacts">
          <legend>${bi('其他联系人', 'Further contacts')}</legend>
          <table id="cust-contacts">${head([['姓名', 'Name'], ['职务', 'Role'], ['电话', 'Phone'], ['', '']])}<tbody></tbody></table>
          <button type="button" class="secondary" id="cust-contact-add">添加联系人 Add contact</button>
        </fieldset>
        ${formButtons('cust-form')}
      </form>
    </section>

    <section class="card" data-panel="prices" hidden>
      <h2>${bi('价目表', 'Price lists')}</h2>
      <p class="hint">${bi('客户按顺序取价：客户专属价、所属价目表、标准价目表 (STD)。价格不含税，按所选单位。', 'A customer is priced by its own price, then its price list, then the standard list (STD). Prices exclude tax, per the unit named.')}</p>
      <div class="inline"><button type="button" id="pl-new">新建价目表 New price list</button></div>
      <table id="pl-table">${head([['编码', 'Code'], ['中文名', 'Name (zh)'], ['英文名', 'Name (en)'], ['状态', 'Status'], ['', '']])}<tbody></tbody></table>
      <form id="pl-form" class="card sub" novalidate hidden>
        <h3 id="pl-form-title"></h3>
        <div class="grid">
          ${field('pl-code', '编码', 'Code', text('pl-code', 'code', 'maxlength="32"'))}
          ${field('pl-namezh', '中文名', 'Name (zh)', text('pl-namezh', 'nameZh', 'maxlength="60"'))}
          ${field('pl-nameen', '英文名', 'Name (en)', text('pl-nameen', 'nameEn', 'maxlength="60"'))}
          ${check('pl-active', 'active', '启用', 'Active')}
        </div>
        ${formButtons('pl-form')}
      </form>
      ${priceEditor('pli', '价目表', 'price list')}
    </section>

    <section class="card" data-panel="prices" hidden>
      <h2>${bi('客户专属价', 'Customer-specific prices')}</h2>
      <form id="cp-pick" class="inline">
        <span class="picker"><input id="cp-customer-q" type="search" placeholder="客户编码或名称 Customer code or name" aria-label="客户 Customer" autocomplete="off"><select id="cp-customer" aria-label="Customer"></select></span>
        <button type="submit">查看价格 Show prices</button>
      </form>
      ${priceEditor('cpi', '客户', 'customer')}
    </section>

    <section class="card" data-panel="promotions" hidden>
      <h2>${bi('促销', 'Promotions')}</h2>
      ${searchBar('promo', '编码或名称 Code or name', '<button type="button" id="promo-new">新建促销 New promotion</button>')}
      <table id="promo-table">${head([['编码', 'Code'], ['名称', 'Name'], ['类型', 'Kind'], ['商品', 'Product'], ['条件', 'Terms'], ['渠道', 'Channel'], ['有效期', 'Valid'], ['状态', 'Status'], ['', '']])}<tbody></tbody></table>
      ${pager('promo')}
      <form id="promo-form" class="card sub" novalidate hidden>
        <h3 id="promo-form-title"></h3>
        <div class="grid">
          ${field('promo-code', '编码', 'Code', text('promo-code', 'code', 'maxlength="32"'))}
          ${field('promo-namezh', '中文名', 'Name (zh)', text('promo-namezh', 'nameZh', 'maxlength="60"'))}
          ${field('promo-nameen', '英文名', 'Name (en)', text('promo-nameen', 'nameEn', 'maxlength="60"'))}
          ${field('promo-kind', '类型', 'Kind', `<select id="promo-kind" data-field="kind">${options([['free_goods', '买赠', 'Free goods'], ['volume_discount', '量大折扣', 'Volume discount']])}</select>`)}
          ${productPicker('promo-product', 'productId', '促销商品', 'Product')}
          ${field('promo-minqty', '起订数量(基本单位)', 'Min. qty (base units)', text('promo-minqty', 'minQty', 'type="number" min="1" step="1"'))}
          <div class="free-only">${productPicker('promo-free', 'freeProductId', '赠品', 'Free product')}</div>
          <div class="free-only">${field('promo-freeqty', '赠送数量(基本单位)', 'Free qty (base units)', text('promo-freeqty', 'freeQty', 'type="number" min="1" step="1"'))}</div>
          <div class="discount-only">${field('promo-discount', '折扣(%)', 'Discount (%)', text('promo-discount', 'discountBp', 'inputmode="decimal" placeholder="5"'))}</div>
          ${field('promo-channel', '渠道', 'Channel', `<select id="promo-channel" data-field="channel"><option value="">全部渠道 All channels</option>${options(channels)}</select>`)}
          ${field('promo-starts', '开始日期', 'Starts on', text('promo-starts', 'startsOn', 'type="date"'))}
          ${field('promo-ends', '结束日期', 'Ends on', text('promo-ends', 'endsOn', 'type="date"'))}
          ${check('promo-active', 'active', '启用', 'Active')}
        </div>
        ${formButtons('promo-form')}
      </form>
    </section>

    <section class="card" data-panel="returnPolicy" hidden>
      <h2>${bi('退货政策', 'Return policy')}</h2>
      <p class="hint">${bi('送货后多少天内可退货。最具体的一条生效：客户类别 + 商品类别，其次商品类别，其次客户类别，最后默认（都不选）。没有任何一条时不限期。', 'How many days after delivery goods may come back. The most specific row applies: customer class and category, then category, then class, then the default (neither). With no row at all there is no limit.')}</p>
      <p><button type="button" id="rw-new">新建规则 New rule</button></p>
      <table id="rw-table">${head([['客户类别', 'Customer class'], ['商品类别', 'Category'], ['退货期限(天)', 'Window (days)', 'num'], ['', '']])}<tbody></tbody></table>
      ${pager('rw')}
      <form id="rw-form" class="card sub" novalidate hidden>
        <h3 id="rw-form-title"></h3>
        <div class="grid">
          ${field('rw-class', '客户类别', 'Customer class', `<select id="rw-class" data-field="customerClass"><option value="">全部 Any</option>${options([['key', '重点客户', 'Key account'], ['ordinary', '普通客户', 'Ordinary']])}</select>`)}
          ${field('rw-category-q', '商品类别', 'Category', '<span class="picker"><input id="rw-category-q" type="search" placeholder="编码/名称 Code or name (空 empty: 全部 any)" autocomplete="off"><select id="rw-category" data-field="categoryId" aria-label="Category"><option value="">全部 Any</option></select></span>')}
          ${field('rw-days', '退货期限(天)', 'Window (days)', text('rw-days', 'windowDays', 'type="number" min="0" max="3650" step="1"'))}
        </div>
        ${formButtons('rw-form')}
      </form>
    </section>

    <section class="card" data-panel="floors" hidden>
      <h2>${bi('商品最低价', 'Product price floors')}</h2>
      <p class="hint">${bi('每基本单位不含税的最低售价；低于此价的订单需经理审批。留空表示不限。', 'Lowest price per base unit, excluding tax, a sale may have without a manager’s approval. Empty: no floor.')}</p>
      ${searchBar('floor', '商品编码或名称 SKU or name')}
      <table id="floor-table">${head([['编码', 'SKU'], ['名称', 'Name'], ['基本单位', 'Base unit'], ['最低价(元)', 'Floor (yuan)', 'num'], ['', '']])}<tbody></tbody></table>
      ${pager('floor')}
      <p id="floor-error" class="error" role="alert"></p>
    </section>
`;

export const salesSections = `
    <section class="card" data-panel="sales" hidden>
      <h2>${bi('分店销售', 'Sales by branch')}</h2>
      ${searchBar(
        'sales',
        '单号、客户编码或名称 Number, customer code or name',
        `<select id="sales-branch" aria-label="分店 Branch"><option value="">全部分店 All branches</option></select>
        <select id="sales-kind" aria-label="类型 Kind"><option value="">全部单据 All records</option>${options([['order', '订单', 'Orders'], ['invoice', '发票', 'Invoices'], ['payment', '收款', 'Payments']])}</select>`,
      )}
      <table id="sales-table">${head([['分店', 'Branch'], ['类型', 'Kind'], ['单号', 'Number'], ['客户', 'Customer'], ['状态', 'Status'], ['金额(元)', 'Amount (yuan)', 'num'], ['到达总部', 'Received', 'nowrap']])}<tbody></tbody>
        <tfoot><tr><td colspan="5" id="sales-total-label"></td><td class="num" id="sales-total"></td><td></td></tr></tfoot></table>
      ${pager('sales')}
    </section>

    <section class="card" data-panel="receivables" hidden>
      <h2>${bi('客户应收账款（全部分店）', 'Receivables by customer, all branches')}</h2>
      <p class="hint">${bi('已开票减已收款，按总部已收到的分店数据计算。', 'Invoiced less paid, from what the branches have synced to head office.')}</p>
      ${searchBar('recv', '客户编码或名称 Customer code or name')}
      <table id="recv-table">${head([['客户', 'Customer'], ['信用额度', 'Credit limit', 'num'], ['已开票', 'Invoiced', 'num'], ['已收款', 'Paid', 'num'], ['应收余额', 'Balance', 'num'], ['各分店', 'By branch']])}<tbody></tbody>
        <tfoot><tr><td colspan="4" id="recv-total-label"></td><td class="num" id="recv-total"></td><td></td></tr></tfoot></table>
      ${pager('recv')}
    </section>
`;

export const transferSections = `
    <section class="card" data-panel="transfers" hidden>
      <h2>${bi('分店调拨', 'Transfers between branches')}</h2>
      <p class="hint">${bi('在途：已发出、尚未收货的调拨，按调出分店汇总；天数从发出日算起。', 'In transit: sent and not yet received, by sending branch; age counts from the day the goods left.')}</p>
      <table id="transit-table">${head([['调出分店', 'Sending branch'], ['在途调拨', 'Transfers', 'num'], ['数量', 'Qty', 'num'], ['金额(元)', 'Value (yuan)', 'num']])}<tbody></tbody></table>
      ${searchBar(
        'xfer',
        '单号或分店编码 Number or branch code',
        `<select id="xfer-branch" aria-label="分店 Branch"><option value="">全部分店 All branches</option></select>
        <select id="xfer-transit" aria-label="范围 Which"><option value="">最近的调拨 Recent transfers</option><option value="true">仅在途 In transit only</option></select>`,
      )}
      <table id="xfer-table">${head([['单号', 'Number'], ['调出', 'From'], ['调入', 'To'], ['状态', 'Status'], ['发出日', 'Sent on', 'nowrap'], ['数量', 'Qty', 'num'], ['金额(元)', 'Value (yuan)', 'num'], ['天数', 'Age', 'num'], ['收货', 'Received']])}<tbody></tbody></table>
      ${pager('xfer')}
    </section>
`;

/** A supplier's terms per product: list (filtered by supplier, product or the supplier's item code, paged) and a form. */
export const supplierTermSections = `
    <section class="card" data-panel="supplierTerms" hidden>
      <h2>${bi('供应商商品条款', 'Supplier terms per product')}</h2>
      <p class="hint">${bi('采购单位即箱规（如 CS24 = 24 瓶一箱）；最小订货量按基本单位；交货期留空则用供应商的默认交货期；最近进价为每采购单位不含税价。保存后随同步下发到各分店。', 'The purchase unit is the case pack (CS24 = a case of 24); the minimum order is in base units; an empty lead time takes the supplier’s default; the last cost is per purchase unit, excluding tax. Saved terms reach every branch by sync.')}</p>
      <form id="st-search" class="inline" role="search">
        <button type="button" id="st-new">新建条款 New terms</button>
        <span class="picker"><input id="st-fsupplier-q" type="search" placeholder="供应商编码或名称 Supplier code or name" aria-label="按供应商筛选 Filter by supplier" autocomplete="off"><select id="st-fsupplier" aria-label="Supplier filter"></select></span>
        <span class="picker"><input id="st-fproduct-q" type="search" placeholder="商品编码或名称 Product SKU or name" aria-label="按商品筛选 Filter by product" autocomplete="off"><select id="st-fproduct" aria-label="Product filter"></select></span>
        <input id="st-q" type="search" placeholder="供应商商品编码 Supplier item code" aria-label="供应商商品编码 Supplier item code">
        <button type="submit">查询 Search</button>
      </form>
      <div class="table-scroll"><table id="st-table" class="stacked-head">${head([['供应商', 'Supplier'], ['商品', 'Product'], ['供应商编码', 'Item code'], ['采购单位', 'Case pack'], ['最小订货量', 'MOQ', 'num'], ['交货期(天)', 'Lead time (days)', 'num'], ['最近进价(元)', 'Last cost (yuan)', 'num'], ['首选', 'Preferred'], ['状态', 'Status'], ['', '']])}<tbody></tbody></table></div>
      ${pager('st')}
      <form id="st-form" class="card sub" novalidate hidden>
        <h3 id="st-form-title"></h3>
        <div class="grid">
          ${field('st-supplier-q', '供应商', 'Supplier', '<span class="picker"><input id="st-supplier-q" type="search" placeholder="编码/名称 Code or name" autocomplete="off"><select id="st-supplier" data-field="supplierId" aria-label="Supplier"></select></span>')}
          ${productPicker('st-product', 'productId', '商品', 'Product')}
          ${field('st-unit', '采购单位(箱规)', 'Purchase unit (case pack)', '<select id="st-unit" data-field="purchaseUnitCode"></select>')}
          ${field('st-item', '供应商商品编码', 'Supplier item code', text('st-item', 'supplierItemCode', 'maxlength="40"'))}
          ${field('st-moq', '最小订货量(基本单位)', 'Minimum order (base units)', text('st-moq', 'minOrderQty', 'type="number" min="0" step="1"'))}
          ${field('st-lead', '交货期(天，空=供应商默认)', 'Lead time (days; empty = supplier’s)', text('st-lead', 'leadTimeDays', 'type="number" min="0" max="365" step="1"'))}
          ${field('st-cost', '最近进价(元/采购单位)', 'Last cost (yuan per purchase unit)', money('st-cost', 'lastCostFen'))}
          ${check('st-preferred', 'preferred', '首选供应商', 'Preferred supplier')}
          ${check('st-active', 'active', '启用', 'Active')}
        </div>
        ${formButtons('st-form')}
      </form>
    </section>
`;
