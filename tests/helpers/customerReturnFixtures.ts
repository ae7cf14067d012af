import type { TestLedger } from './testLedger';

/**
 * Rows of the `customer_returns` / `customer_return_lines` tables, written straight into the
 * ledger: customer returns are another feature's commands, and supplier returns and return
 * analysis only read these rows. Each fixture is one return with its lines as inspection (or
 * receipt) left them.
 */
export interface CustomerReturnLineFixture {
  productId: string;
  lotId: string | null;
  qty: number;
  reasonCode: 'damaged' | 'expired' | 'quality' | 'wrong_item' | 'over_ordered' | 'recall';
  /** Stock value of the returned quantity at the cost it left with. */
  costFen: number;
  /** What inspection sent back to the supplier. */
  supplierQty?: number;
}

let n = 0;
const id = () => `0190c000-0000-7000-8000-${String(++n).padStart(12, '0')}`;

export function insertCustomerReturnFixture(
  ledger: TestLedger,
  r: { customerId: string; businessDate: string; status: 'pending_approval' | 'approved' | 'received' | 'inspected' | 'settled' | 'rejected' | 'cancelled'; lines: CustomerReturnLineFixture[] },
): { id: string; docNo: string; lineIds: string[] } {
  const db = ledger.app.db.$client;
  const branchId = (db.prepare('SELECT id FROM branches LIMIT 1').get() as { id: string }).id;
  const returnId = id();
  const docNo = `BJ01-CR-2026-${String(n).padStart(6, '0')}`;
  db.prepare(
    `INSERT INTO customer_returns (id, branch_id, doc_no, customer_id, status, business_date, returns_warehouse_id, restock_warehouse_id, approval_reasons,
       total_net_fen, total_tax_fen, total_gross_fen, created_by, created_at, updated_at, origin_device_id, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, 0, 0, 'fixture', 0, 0, 'fixture', '000000000000000-00000-test')`,
  ).run(returnId, branchId, docNo, r.customerId, r.status, r.businessDate, ledger.catalogue.returnsWarehouseId, ledger.catalogue.warehouseId);
  const lineIds = r.lines.map((l, i) => {
    const lineId = id();
    const supplierQty = l.supplierQty ?? 0;
    db.prepare(
      `INSERT INTO customer_return_lines (id, return_id, line_no, product_id, lot_id, unit_code, unit_qty, qty, reason_code, unit_price_fen, net_fen, tax_rate_bp,
         tax_fen, gross_fen, cost_fen, quarantine_qty, supplier_qty)
       VALUES (?, ?, ?, ?, ?, 'EA', ?, ?, ?, 0, 0, 1300, 0, 0, ?, ?, ?)`,
    ).run(lineId, returnId, i + 1, l.productId, l.lotId, l.qty, l.qty, l.reasonCode, l.costFen, l.qty - supplierQty, supplierQty);
    return lineId;
  });
  return { id: returnId, docNo, lineIds };
}
