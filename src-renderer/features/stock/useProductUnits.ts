import { useEffect, useState } from 'react';
import type { ProductUnit } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';

/**
 * Packaging units of the products on a document (its lines carry unit codes only), so quantities
 * read '2箱' rather than '2 CS24'. Asked a few at a time; a product that cannot be read just
 * keeps showing its codes.
 */
export function useProductUnits(productIds: readonly string[]): ReadonlyMap<string, ProductUnit[]> {
  const key = [...new Set(productIds)].sort().join(',');
  const [units, setUnits] = useState<ReadonlyMap<string, ProductUnit[]>>(new Map());

  useEffect(() => {
    let cancelled = false;
    const ids = key === '' ? [] : key.split(',');
    const found = new Map<string, ProductUnit[]>();
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          const product = await getApi()['products.get']({ id });
          found.set(id, product.units);
        } catch {
          // Codes are shown instead.
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(4, ids.length) }, worker)).then(() => {
      if (!cancelled) setUnits(new Map(found));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  return units;
}
