/**
 * FIFO costing: each receipt opens a cost layer (quantity and its total value in fen); an issue
 * consumes the oldest layers first. Layers keep a total value rather than a unit cost, because a
 * case bought for ¥100.00 holding 24 bottles costs 416.67 fen a bottle: taking part of a layer
 * takes a rounded share of its remaining value, and taking the rest takes exactly what is left,
 * so the ledger's value never drifts from what was paid.
 */

export interface CostLayer {
  id: string;
  receivedAt: number;
  qtyRemaining: number;
  valueRemainingFen: number;
}

export interface LayerTake {
  layerId: string;
  qty: number;
  valueFen: number;
}

export type FifoResult = { ok: true; takes: LayerTake[]; valueFen: number } | { ok: false; available: number };

export function shareOfLayer(layer: Pick<CostLayer, 'qtyRemaining' | 'valueRemainingFen'>, qty: number): number {
  if (qty >= layer.qtyRemaining) return layer.valueRemainingFen;
  return Math.round((layer.valueRemainingFen * qty) / layer.qtyRemaining);
}

/** `preferLayerIds` are consumed first (a reversal takes back the layer its receipt opened). */
export function consumeFifo(layers: readonly CostLayer[], qty: number, preferLayerIds: readonly string[] = []): FifoResult {
  const open = layers.filter((l) => l.qtyRemaining > 0);
  const available = open.reduce((n, l) => n + l.qtyRemaining, 0);
  if (qty > available) return { ok: false, available };
  const preferred = preferLayerIds
    .map((id) => open.find((l) => l.id === id))
    .filter((l): l is CostLayer => l !== undefined);
  const rest = open
    .filter((l) => !preferLayerIds.includes(l.id))
    .sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
  const takes: LayerTake[] = [];
  let left = qty;
  let valueFen = 0;
  for (const layer of [...preferred, ...rest]) {
    if (left === 0) break;
    const take = Math.min(left, layer.qtyRemaining);
    const value = shareOfLayer(layer, take);
    takes.push({ layerId: layer.id, qty: take, valueFen: value });
    valueFen += value;
    left -= take;
  }
  return { ok: true, takes, valueFen };
}
