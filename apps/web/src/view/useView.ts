/**
 * The view every screen is computed for: plan year and as-of month, kept in the URL
 * (`?year=2024&asOf=2024-06`) so that a link shows the same view and the back button works.
 */

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useTRPC } from '../trpc';

export interface View {
  year: number;
  /** Undefined until chosen: the server then uses the latest reported month. */
  asOf: string | undefined;
}

export function useView() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const years = useQuery(trpc.plan.years.queryOptions());
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 0 ? yearParam : years.data?.latest?.year;
  const asOf =
    params.get('asOf') ?? (year === years.data?.latest?.year ? years.data?.latest?.asOf : undefined);

  const setAsOf = useCallback(
    (next: string) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        updated.set('asOf', next);
        if (year !== undefined) updated.set('year', String(year));
        return updated;
      });
    },
    [setParams, year],
  );

  return {
    view: year === undefined ? null : ({ year, asOf } satisfies View),
    years: years.data?.years ?? [],
    yearsQuery: years,
    setAsOf,
  };
}
