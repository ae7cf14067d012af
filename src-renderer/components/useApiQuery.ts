import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the call again, keeping the current data on screen until the answer arrives. */
  reload: () => void;
}

interface State<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

export interface ApiQueryOptions {
  /**
   * Keep showing the previous answer while the next one loads when deps change (paging
   * through one list). Off by default, so a screen never shows one product's data under
   * another product's id.
   */
  keepPreviousData?: boolean;
}

/**
 * Runs an API call when `deps` change and answers { data, error, loading, reload }.
 * Only the latest call's answer is kept: a slow response to an older query (the user typed
 * on, or left the page) is ignored.
 */
export function useApiQuery<T>(call: () => Promise<T>, deps: DependencyList, options?: ApiQueryOptions): ApiQuery<T> {
  const keepPrevious = options?.keepPreviousData ?? false;
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: true });
  const [reloads, setReloads] = useState(0);
  const callRef = useRef(call);
  const latest = useRef(0);
  const lastReloads = useRef(reloads);

  useEffect(() => {
    callRef.current = call;
  });

  useEffect(() => {
    const id = ++latest.current;
    const isReload = lastReloads.current !== reloads || keepPrevious;
    lastReloads.current = reloads;
    setState((s) => ({ data: isReload ? s.data : undefined, error: undefined, loading: true }));
    let promise: Promise<T>;
    try {
      promise = callRef.current();
    } catch (error) {
      promise = Promise.reject(error);
    }
    void promise.then(
      (data) => {
        if (id === latest.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (id === latest.current) setState((s) => ({ data: isReload ? s.data : undefined, error, loading: false }));
      },
    );
    return () => {
      // A newer run (or unmount) makes this one stale. `latest` is a run counter, not a DOM
      // node, so reading its current value at cleanup is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      if (latest.current === id) latest.current++;
    };
    // The caller's deps decide when to run again (as with useEffect); `call` is read via a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, reloads, keepPrevious]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}
