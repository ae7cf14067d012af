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

const byAge = (a: CostLayer, b: CostLayer): number => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1);

/**
 * `preferLayerIds` are consumed first (a reversal takes back the layer its receipt opened).
 * A posting calls this once per line (20,000 times for a count), mostly with one or two layers
 * already in age order: it sorts only when they are not.
 */
export function consumeFifo(layers: readonly CostLayer[], qty: number, preferLayerIds: readonly string[] = []): FifoResult {
  let available = 0;
  for (const l of layers) if (l.qtyRemaining > 0) available += l.qtyRemaining;
  if (qty > available) return { ok: false, available };
  const order: CostLayer[] = [];
  for (const id of preferLayerIds) {
    const preferred = layers.find((l) => l.id === id && l.qtyRemaining > 0);
    if (preferred) order.push(preferred);
  }
  const restFrom = order.length;
  let inAgeOrder = true;
  for (const layer of layers) {
    if (layer.qtyRemaining <= 0 || preferLayerIds.includes(layer.id)) continue;
    const before = order.length > restFrom ? order[order.length - 1] : undefined;
    if (before && byAge(before, layer) > 0) inAgeOrder = false;
    order.push(layer);
  }
  if (!inAgeOrder) order.push(...order.splice(restFrom).sort(byAge));
  const takes: LayerTake[] = [];
  let left = qty;
  let valueFen = 0;
  for (const layer of order) {
    if (left === 0) break;
    const take = Math.min(left, layer.qtyRemaining);
    const value = shareOfLayer(layer, take);
    takes.push({ layerId: layer.id, qty: take, valueFen: value });
    valueFen += value;
    left -= take;
  }
  return { ok: true, takes, valueFen };
}
