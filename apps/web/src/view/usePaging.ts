/**
 * A list's page and order kept in the URL beside year and as-of (`?page=3&sort=attainment&order=desc`),
 * so a link shows the same rows and the back button returns to the previous page. A screen with two
 * lists gives the second a prefix (`tracksPage`). Changing the order starts again at page 1.
 */

import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type Order = 'asc' | 'desc';

export interface Paging<S extends string> {
  page: number;
  sort: S;
  order: Order;
  /** Sorts by a key (the default key and ascending order leave the URL clean), back to page 1. */
  setOrder: (sort: S, order: Order) => void;
  /** The search part of a link to another page of this list. */
  searchFor: (page: number) => string;
}

function named(prefix: string, name: string): string {
  return prefix ? `${prefix}${name[0]?.toUpperCase()}${name.slice(1)}` : name;
}

export function usePaging<S extends string>(options: {
  prefix?: string;
  sorts?: readonly S[];
  defaultSort?: S;
}): Paging<S> {
  const { prefix = '', sorts = [], defaultSort } = options;
  const [params, setParams] = useSearchParams();
  const pageKey = named(prefix, 'page');
  const sortKey = named(prefix, 'sort');
  const orderKey = named(prefix, 'order');
  const asked = Number(params.get(pageKey));
  const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
  const sortParam = params.get(sortKey) as S | null;
  const sort = (sortParam && sorts.includes(sortParam) ? sortParam : defaultSort) as S;
  const order: Order = params.get(orderKey) === 'desc' ? 'desc' : 'asc';

  const setOrder = useCallback(
    (nextSort: S, nextOrder: Order) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (nextSort === defaultSort) updated.delete(sortKey);
        else updated.set(sortKey, nextSort);
        if (nextOrder === 'asc') updated.delete(orderKey);
        else updated.set(orderKey, nextOrder);
        updated.delete(pageKey);
        return updated;
      });
    },
    [setParams, defaultSort, sortKey, orderKey, pageKey],
  );

  const searchFor = useCallback(
    (target: number) => {
      const updated = new URLSearchParams(params);
      if (target <= 1) updated.delete(pageKey);
      else updated.set(pageKey, String(target));
      const text = updated.toString();
      return text ? `?${text}` : '';
    },
    [params, pageKey],
  );

  return { page, sort, order, setOrder, searchFor };
}

/**
 * A list filter kept in the URL (`?status=off_track`); choosing another starts the list again at
 * page 1 (a prefix names the page of a second list, as in usePaging).
 */
export function useListFilter(name: string, prefix = ''): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const pageKey = named(prefix, 'page');
  const value = params.get(name) ?? '';
  const setValue = useCallback(
    (next: string) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set(name, next);
        else updated.delete(name);
        updated.delete(pageKey);
        return updated;
      });
    },
    [setParams, name, pageKey],
  );
  return [value, setValue];
}
