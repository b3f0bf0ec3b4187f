/**
 * The view every screen is computed for: plan year and as-of month, kept in the URL
 * (`?year=2024&asOf=2024-06`) so that a link shows the same view and the back button works; on the
 * public view `?org=haeundae` names the organisation (the server scopes every answer by it).
 * `?drafts=1` asks for draft plans too (the staff's: the plan editor links a draft's indicators
 * with it); the server refuses it to the public view, so it is asked only when signed in.
 */

import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { useTRPC } from '../trpc';

export interface View {
  year: number;
  /** Undefined until chosen: the server then uses the latest reported month. */
  asOf: string | undefined;
  /** The organisation named in the address, if any (a signed-in user's own is theirs anyway). */
  org?: string;
  /** Draft plans asked for (a signed-in reader only): a draft year is then shown, marked as a draft. */
  drafts?: true;
}

export function useView() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const session = useSession();
  const askedDrafts = params.get('drafts') === '1';
  const drafts = askedDrafts && Boolean(session.data?.user);
  // Until the session is known, a view asking for drafts is not yet one: no screen asks twice.
  const waiting = askedDrafts && session.isPending;
  // With drafts, the year picker lists the draft years too (a draft year is the one shown).
  const asked = { ...(org ? { org } : {}), ...(drafts ? { drafts } : {}) };
  const years = useQuery(trpc.plan.years.queryOptions(org || drafts ? asked : undefined));
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

  /** Another plan year, read at its latest reported month (the server's choice) until one is picked. */
  const setYear = useCallback(
    (next: number) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        updated.set('year', String(next));
        updated.delete('asOf');
        return updated;
      });
    },
    [setParams],
  );

  return {
    view:
      year === undefined || waiting
        ? null
        : ({
            year,
            asOf,
            ...(org ? { org } : {}),
            ...(drafts ? { drafts: true as const } : {}),
          } satisfies View),
    years: years.data?.years ?? [],
    yearsQuery: years,
    setAsOf,
    setYear,
  };
}
