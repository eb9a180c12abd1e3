import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters, kept in the address so that going back, or reloading, shows the same list.
 *
 * react-router's setSearchParams builds a change on the parameters of the last render, so two
 * changes before the next render (a date typed into 从 and then 到 in quick succession) would lose
 * the first one. Every change here builds on the one before it instead.
 *
 * `defaults` are values that mean "no filter" (e.g. status 'current'): they are left out of the
 * address, as an empty value is.
 */
export function useUrlFilters(defaults: Readonly<Record<string, string>> = {}): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  latest.current = params;
  const defaultsRef = useRef(defaults);
  defaultsRef.current = defaults;
  const setFilter = useCallback(
    (key: string, value: string) => {
      const next = new URLSearchParams(latest.current);
      if (value === '' || defaultsRef.current[key] === value) next.delete(key);
      else next.set(key, value);
      latest.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, setFilter];
}

/**
 * A server-paged list's filters (in the address, as above) and its page: changing a filter goes
 * back to the first page. `paging` is the limit and offset the list channel takes.
 */
export function useListFilters(
  defaults: Readonly<Record<string, string>> = {},
  pageSize = 25,
): {
  params: URLSearchParams;
  setFilter: (key: string, value: string) => void;
  page: GridPage;
  setPage: (page: GridPage) => void;
  paging: { limit: number; offset: number };
} {
  const [params, setUrlFilter] = useUrlFilters(defaults);
  const [page, setPage] = useState<GridPage>({ page: 0, pageSize });
  const setFilter = useCallback(
    (key: string, value: string) => {
      setUrlFilter(key, value);
      setPage((p) => (p.page === 0 ? p : { ...p, page: 0 }));
    },
    [setUrlFilter],
  );
  return { params, setFilter, page, setPage, paging: { limit: page.pageSize, offset: page.page * page.pageSize } };
}

/** The page a data grid shows (MUI's pagination model). */
export interface GridPage {
  page: number;
  pageSize: number;
}
