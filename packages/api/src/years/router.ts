/**
 * `years.*`: an indicator's years side by side, this year beside the same month last year, and the
 * ambition check of a plan's targets (issue 12, items 4 and 5).
 */

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { atOneMoment } from '../figures.js';
import { asOf, code, year } from '../inputs.js';
import { pageInput, pageOf } from '../lists/paging.js';
import { organisationCode } from '../organisations.js';
import { refuse } from '../problems.js';
import { keptQuery, procedure } from '../trpc.js';
import { byAmbition, judge, judgedTargets, sectorShares } from './ambition.js';
import { sameMonthLastYear } from './last-year.js';
import { findSeries } from './series.js';

const scope = { org: organisationCode.optional(), drafts: z.boolean().optional() };

export const yearsRouter = {
  /** Every year of one indicator (by organisation and code): target, actual, attainment, status. */
  indicator: keptQuery.input(z.object({ code, ...scope })).query(async ({ ctx, input }) => {
    const [series] = await findSeries(ctx.db, ctx.organisationId, {
      code: input.code.toUpperCase(),
      drafts: input.drafts ?? false,
    });
    if (!series) throw refuse('NOT_FOUND', 'no_such_indicator_series', { code: input.code });
    return series;
  }),

  /**
   * One target judged while it is edited (the plan editor): the value typed, against the
   * indicator's earlier years. A code with no earlier year (a new indicator) has no trend.
   */
  ambition: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, code, target: z.number().finite(), ...scope }))
    .query(async ({ ctx, input }) => {
      const [series] = await findSeries(ctx.db, ctx.organisationId, {
        code: input.code.toUpperCase(),
        toYear: input.year,
        drafts: true,
      });
      if (!series)
        return {
          label: 'no_trend' as const,
          projection: null,
          stretchOverTrend: null,
          best: null,
          trendYears: [],
          stretchOverBaseline: null,
        };
      const { label, projection, stretchOverTrend, best, trendYears, stretchOverBaseline } = judge(
        series,
        input.year,
        input.target,
      );
      return { label, projection, stretchOverTrend, best, trendYears, stretchOverBaseline };
    }),

  /** The plan's least ambitious targets first, a page at a time, sorted on the server. */
  leastAmbitious: keptQuery
    .input(z.object({ year, ...scope, ...pageInput({ limit: 20 }) }))
    .query(async ({ ctx, input }) => {
      const judged = await judgedTargets(ctx.db, ctx.organisationId, input.year, input.drafts ?? false);
      return pageOf([...judged].sort(byAmbition), input);
    }),

  /** Each sector's share of stretch targets (the sector briefing). */
  sectorAmbition: keptQuery
    .meta({ permission: 'public' })
    .input(z.object({ year, ...scope }))
    .query(async ({ ctx, input }) => {
      const judged = await judgedTargets(ctx.db, ctx.organisationId, input.year, input.drafts ?? false);
      return sectorShares(judged);
    }),

  /**
   * The plan and each sector at the as-of month beside the same month of last year's plan: counts
   * and scores only. Null when the organisation has no plan of last year.
   */
  lastYear: keptQuery
    .meta({ permission: 'public' })
    .input(z.object({ year, asOf, ...scope }))
    .query(({ ctx, input }) => atOneMoment(ctx.db, (db) => sameMonthLastYear(db, ctx.organisationId, input))),
} satisfies TRPCRouterRecord;
