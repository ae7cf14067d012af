import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProductRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';

export const productPageSize = 200;

export interface ProductFilters {
  q: string;
  categoryId: string | null;
  includeInactive: boolean;
}

/**
 * The rows of one search, fetched page by page (200 rows) as the list scrolls. Pages are
 * cached, each page is requested once, and a failed page is not retried until asked, so a
 * broken connection cannot turn scrolling into a storm of requests.
 */
class ProductPageCache {
  total: number | null = null;
  error: unknown = null;
  private readonly pages = new Map<number, ProductRow[]>();
  private readonly pending = new Set<number>();
  private readonly failed = new Set<number>();

  constructor(
    readonly filters: ProductFilters,
    private readonly onChange: (cache: ProductPageCache) => void,
  ) {}

  row(index: number): ProductRow | undefined {
    return this.pages.get(Math.floor(index / productPageSize))?.[index % productPageSize];
  }

  get loading(): boolean {
    return this.pending.size > 0;
  }

  /** Makes sure the pages holding rows `from`..`to` are loaded or on their way. */
  ensure(from: number, to: number): void {
    const first = Math.max(0, Math.floor(from / productPageSize));
    const last = Math.max(first, Math.floor(to / productPageSize));
    for (let page = first; page <= last; page++) {
      if (this.total !== null && page * productPageSize >= this.total) break;
      if (this.pages.has(page) || this.pending.has(page) || this.failed.has(page)) continue;
      void this.load(page);
    }
  }

  /** Forgets failures, so the next ensure() asks again. */
  retry(): void {
    this.failed.clear();
    this.error = null;
    this.onChange(this);
  }

  private async load(page: number): Promise<void> {
    this.pending.add(page);
    try {
      const result = await getApi()['products.list']({
        q: this.filters.q,
        categoryId: this.filters.categoryId ?? undefined,
        includeInactive: this.filters.includeInactive,
        offset: page * productPageSize,
        limit: productPageSize,
      });
      this.total = result.total;
      this.pages.set(page, result.rows);
      this.failed.delete(page);
      this.error = null;
    } catch (error) {
      this.failed.add(page);
      this.error = error;
    } finally {
      this.pending.delete(page);
    }
    this.onChange(this);
  }
}

export interface ProductPages {
  /** The search whose rows are on screen; the previous one stays shown until the new one answers. */
  shown: ProductPageCache;
  /** True while the newest search has not answered yet. */
  searching: boolean;
  /** The newest search's error when it could not even load its first page. */
  firstPageError: unknown;
  retry: () => void;
}

export function useProductPages(filters: ProductFilters): ProductPages {
  const [, setVersion] = useState(0);
  const { q, categoryId, includeInactive } = filters;
  const shownRef = useRef<ProductPageCache | null>(null);

  const latest = useMemo(() => {
    const cache = new ProductPageCache({ q, categoryId, includeInactive }, (c) => {
      // The first answer of the newest search replaces what is on screen.
      if (c.total !== null && c !== shownRef.current && c === latestRef.current) shownRef.current = c;
      setVersion((v) => v + 1);
    });
    return cache;
  }, [q, categoryId, includeInactive]);
  const latestRef = useRef(latest);
  latestRef.current = latest;
  shownRef.current ??= latest;

  useEffect(() => {
    latest.ensure(0, 0);
  }, [latest]);

  const retry = useCallback(() => {
    latestRef.current.retry();
    if (shownRef.current && shownRef.current !== latestRef.current) shownRef.current.retry();
    latestRef.current.ensure(0, 0);
  }, []);

  const shown = shownRef.current;
  return {
    shown,
    searching: latest !== shown || latest.total === null,
    firstPageError: latest.total === null && !latest.loading ? latest.error : null,
    retry,
  };
}

export type { ProductPageCache };
