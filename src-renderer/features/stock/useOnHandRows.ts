import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, OnHandRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';

export const ON_HAND_PAGE_SIZE = 200;

export type OnHandFilter = Omit<MethodInput<'stock.onHand'>, 'offset' | 'limit'>;

interface Totals {
  total: number;
  totalQty: number;
  totalValueFen: number;
}

export interface OnHandRows {
  /** null until the first page has answered. */
  totals: Totals | null;
  row: (index: number) => OnHandRow | undefined;
  /** Fetches the pages covering rows first..last that are not loaded yet. */
  ensure: (first: number, last: number) => void;
  /** The first page failed: nothing to show. */
  error: unknown;
  /** A later page failed while scrolling; `retry` asks again. */
  pageError: unknown;
  loading: boolean;
  retry: () => void;
  /** Bumps when rows arrive, so a virtualized list re-renders. */
  version: number;
}

/**
 * Stock rows fetched a page (200 rows) at a time as the user scrolls, so a branch with hundreds
 * of thousands of lot rows opens as fast as one with ten. A filter change starts over; answers
 * to an older filter are dropped.
 */
export function useOnHandRows(filter: OnHandFilter): OnHandRows {
  const filterKey = JSON.stringify(filter);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [pageError, setPageError] = useState<unknown>(undefined);
  const [version, setVersion] = useState(0);
  const [restart, setRestart] = useState(0);
  const pages = useRef(new Map<number, OnHandRow[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const loadPage = useCallback((page: number) => {
    if (pages.current.has(page) || inFlight.current.has(page)) return;
    inFlight.current.add(page);
    const gen = generation.current;
    // Totals cost a pass over everything the filter matches: the first page asks for them once.
    getApi()['stock.onHand']({ ...filterRef.current, withTotals: page === 0, offset: page * ON_HAND_PAGE_SIZE, limit: ON_HAND_PAGE_SIZE })
      .then((result) => {
        if (gen !== generation.current) return;
        pages.current.set(page, result.rows);
        if (result.hasTotals) setTotals({ total: result.total, totalQty: result.totalQty, totalValueFen: result.totalValueFen });
        setVersion((v) => v + 1);
      })
      .catch((err: unknown) => {
        if (gen !== generation.current) return;
        if (page === 0) setError(err);
        else setPageError(err);
      })
      .finally(() => {
        if (gen === generation.current) inFlight.current.delete(page);
      });
  }, []);

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotals(null);
    setError(undefined);
    setPageError(undefined);
    setVersion((v) => v + 1);
    loadPage(0);
  }, [filterKey, restart, loadPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      for (let p = Math.floor(first / ON_HAND_PAGE_SIZE); p <= Math.floor(last / ON_HAND_PAGE_SIZE); p++) loadPage(p);
    },
    [loadPage],
  );

  const row = useCallback((index: number) => pages.current.get(Math.floor(index / ON_HAND_PAGE_SIZE))?.[index % ON_HAND_PAGE_SIZE], []);

  const retry = useCallback(() => {
    if (error !== undefined || totals === null) {
      setRestart((n) => n + 1);
      return;
    }
    setPageError(undefined);
    setVersion((v) => v + 1);
  }, [error, totals]);

  return {
    totals,
    row,
    ensure,
    error,
    pageError,
    loading: totals === null && error === undefined,
    retry,
    version,
  };
}
