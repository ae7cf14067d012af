import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../lib/router';

/** One filter kept in the address: free text, a business date, or one of a set of values. */
export type UrlFilterSpec = { kind: 'text' } | { kind: 'date' } | { kind: 'choice'; values: readonly string[]; fallback: string };

export const textFilter: UrlFilterSpec = { kind: 'text' };
export const dateFilter: UrlFilterSpec = { kind: 'date' };
export const choiceFilter = (values: readonly string[], fallback: string): UrlFilterSpec => ({ kind: 'choice', values, fallback });

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function defaultOf(spec: UrlFilterSpec): string {
  return spec.kind === 'choice' ? spec.fallback : '';
}

/** What the address says, each value checked: anything unknown reads as the filter's default. */
function readValues<K extends string>(query: URLSearchParams, specs: Record<K, UrlFilterSpec>): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const raw = query.get(key) ?? '';
    if (spec.kind === 'text') values[key] = raw;
    else if (spec.kind === 'date') values[key] = isoDate.test(raw) ? raw : '';
    else values[key] = spec.values.includes(raw) ? raw : spec.fallback;
  }
  return values;
}

/**
 * A list page's filters and page number, kept in the address so a reload, the back button or a
 * shared link shows the same list. Changing a filter goes back to page 1; defaults are left out
 * of the address. The `typed` filters (searches) are edited in a field of their own and reach the
 * address a quarter second after the typing stops.
 */
export function useUrlFilters<K extends string>(path: string, specs: Record<K, UrlFilterSpec>, typed: readonly NoInfer<K>[] = []) {
  const { query } = useLocation();
  const values = readValues(query, specs);
  const pageNumber = Number(query.get('page') ?? '1');
  const page = Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1;

  const write = (next: Partial<Record<K, string>> & { page?: number }) => {
    const merged: Record<string, string> = { ...values, ...next };
    const params: Record<string, string | undefined> = {};
    for (const key of Object.keys(specs) as K[]) {
      const value = merged[key] ?? '';
      params[key] = value === defaultOf(specs[key]) ? undefined : value;
    }
    const nextPage = next.page ?? 1;
    params.page = nextPage > 1 ? String(nextPage) : undefined;
    navigate(path, params);
  };

  const [drafts, setDrafts] = useState<Partial<Record<K, string>>>(() => Object.fromEntries(typed.map((k) => [k, values[k]])) as Partial<Record<K, string>>);
  const [settled] = useDebouncedValue(drafts, 250);
  useEffect(() => {
    const changed: Partial<Record<K, string>> = {};
    let any = false;
    for (const key of typed) {
      const value = (settled[key] ?? '').trim();
      if (value !== values[key]) {
        changed[key] = value;
        any = true;
      }
    }
    if (any) write(changed);
    // Only the typing settling writes; the address changing by other means must not echo back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const filtered = (Object.keys(specs) as K[]).some((key) => values[key] !== defaultOf(specs[key]));
  return {
    values,
    page,
    write,
    /** What is typed in a search field (not yet in the address). */
    draft: (key: K) => drafts[key] ?? '',
    setDraft: (key: K, value: string) => setDrafts((d) => ({ ...d, [key]: value })),
    /** Whether any filter differs from its default: an empty list then says "nothing matches". */
    filtered,
  };
}
