import { demoSupplierCodeForBrand, type DemoCatalogue, type DemoRandom } from '../../db/demo/catalogue';
import { all, run } from './sql';
import type { ServiceContext } from './types';

/**
 * The demo's supplier terms, as head office would set them: each product is bought from its
 * brand's distributor in its largest case, at its typical cost; some lines have a minimum order
 * of several cases, and a few take longer than the supplier usually does.
 */
export function seedDemoPurchasing(ctx: ServiceContext, catalogue: DemoCatalogue, productIds: Map<string, string>, supplierIds: Map<string, string>, random: DemoRandom): void {
  const hlc = ctx.hlc();
  for (const p of catalogue.products) {
    const productId = productIds.get(p.sku);
    const supplierCode = demoSupplierCodeForBrand(p.brand);
    const supplierId = supplierCode === undefined ? undefined : supplierIds.get(supplierCode);
    if (!productId || !supplierId || !p.active) continue;
    const caseUnit = [...p.units].sort((a, b) => b.factor - a.factor)[0];
    if (!caseUnit) continue;
    const roll = random.int(0, 9);
    run(
      ctx.db,
      `INSERT OR IGNORE INTO supplier_products (id, supplier_id, product_id, supplier_item_code, purchase_unit_code, min_order_qty, lead_time_days, last_cost_fen,
         preferred, active, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`,
      ctx.ids(),
      supplierId,
      productId,
      `${supplierCode}-${p.sku}`,
      caseUnit.code,
      roll < 3 ? caseUnit.factor * (roll + 2) : 0,
      roll === 9 ? 10 : null,
      p.costFen * caseUnit.factor,
      hlc,
    );
  }
}

/** The supplier terms just seeded, as rows for head office (master.import). */
export function purchasingMasterRows(ctx: ServiceContext): { entity: string; id: string; fields: Record<string, unknown> }[] {
  return all<Record<string, unknown> & { id: string; preferred: number; active: number }>(
    ctx.db,
    `SELECT id, supplier_id AS supplierId, product_id AS productId, supplier_item_code AS supplierItemCode, purchase_unit_code AS purchaseUnitCode,
            min_order_qty AS minOrderQty, lead_time_days AS leadTimeDays, last_cost_fen AS lastCostFen, preferred, active FROM supplier_products`,
  ).map(({ id, preferred, active, ...fields }) => ({ entity: 'supplier_product', id, fields: { ...fields, preferred: preferred === 1, active: active === 1 } }));
}
