import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';
import type { ApiQuery } from './useApiQuery';

export interface QueryBodyProps<T> {
  query: ApiQuery<T>;
  /** Whether the answer has nothing to show (then `empty` is shown). */
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * A list's body in its four states: the error (with retry) when nothing was loaded, loading,
 * empty, or the data. Data already on screen stays while the next page loads.
 */
export function QueryBody<T>({ query, isEmpty, empty, children }: QueryBodyProps<T>) {
  if (query.error !== undefined && query.data === undefined) return <ErrorState error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) return <LoadingState />;
  return <>{isEmpty(query.data) ? empty : children(query.data)}</>;
}
