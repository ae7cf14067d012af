import type { StockDocumentArgs } from '../../src-main/sync/protocol';

export const fixtureId = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const fixtureHlc = (n: number) => `001795452918057-${String(n).padStart(5, '0')}-${fixtureId(9)}`;

/**
 * A posted stock document's op as a posting makes it: lines and movements with their keys in the
 * order stockDocuments.ts and posting.ts give them. `movementsOf(i)`: how many movements line i
 * has (lines of very different sizes make the parts' sizes hard to guess); every `lotEvery`-th
 * line brings a new lot; `withSourceLine`: lines carry `sourceLineId` (as a delivery's do).
 */
export function postedDocumentArgs(
  lineCount: number,
  options: { movementsOf?: (i: number) => number; lotEvery?: number; withSourceLine?: boolean } = {},
): StockDocumentArgs {
  const { movementsOf = () => 1, lotEvery = 1, withSourceLine = false } = options;
  const id = fixtureId;
  const lines: StockDocumentArgs['lines'] = [];
  const movements: StockDocumentArgs['movements'] = [];
  const lots: StockDocumentArgs['lots'] = [];
  for (let i = 0; i < lineCount; i++) {
    const lineId = id(200_000 + i);
    const lotId = id(100_000 + i);
    if (i % lotEvery === 0) lots.push({ id: lotId, productId: id(1), lotCode: `L${i}`, expiryDate: '2027-01-01', productionDate: null, firstReceivedAt: 1, hlc: fixtureHlc(i) });
    const line = { id: lineId, lineNo: i + 1, productId: id(1), unitCode: '瓶', unitQty: -1, qty: -1, lotId, unitCostFen: null, valueFen: -100, reasonCode: 'damage' };
    lines.push(withSourceLine ? { ...line, sourceLineId: i % 2 === 0 ? id(400_000 + i) : null } : line);
    for (let k = 0; k < movementsOf(i); k++) {
      const movement = { warehouseId: id(2), productId: id(1), lotId, qty: -1, valueFen: -100, documentType: 'adjustment', documentId: id(3), lineId, businessDate: '2026-11-20' };
      movements.push({ ...movement, id: id(300_000 + i * 20 + k), createdAt: 1_795_452_918_050, hlc: fixtureHlc(i * 20 + k) });
    }
  }
  const document = {
    id: id(3),
    docType: 'adjustment' as const,
    docNo: 'BJ01-ADJ-2026-000001',
    businessDate: '2026-11-20',
    warehouseId: id(2),
    supplierId: null,
    reasonCode: 'count',
    note: '年终盘点',
    reversesDocumentId: null,
    branchId: id(4),
    status: 'posted' as const,
    totalQty: -lineCount,
    totalValueFen: -100 * lineCount,
    createdBy: id(5),
    createdAt: 1,
    hlc: fixtureHlc(0),
  };
  return { document, lines, lots, movements };
}
