import { findDraftYears, findPlanYears, findReportedPlanYears, findSectors } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { seesInternalDetail } from '../auth/policy.js';
import { atOneMoment, resolveView } from '../figures.js';
import { code, view } from '../inputs.js';
import { indicatorRows } from '../lists/indicators.js';
import { planRollups, rollupHistory } from '../lists/rollups.js';
import { trackHeadline, trackPage } from '../lists/tracks.js';
import { organisationCode } from '../organisations.js';
import { keptQuery } from '../trpc.js';

/** What the mayor's screen shows of each list; the rest is a link away. */
export const OVERVIEW_SHOWN = { headlines: 4, offTrack: 5, tracks: 6 } as const;

export const planRouter = {
  /**
   * The organisation's plan years, and the default view (the latest year with a reported value, else
   * the latest year; its latest reported month); the
   * public view may name the organisation (`org`).
   */
  years: keptQuery
    .meta({ permission: 'public' })
    .input(z.object({ org: organisationCode.optional(), drafts: z.boolean().optional() }).optional())
    .query(async ({ ctx, input }) => {
      const drafts = input?.drafts ?? false;
      const years = await findPlanYears(ctx.db, ctx.organisationId, { drafts });
      // Which of the years are drafts: said to those who may ask for them, never on the public view.
      const draftYears = seesInternalDetail(ctx.principal)
        ? await findDraftYears(ctx.db, ctx.organisationId)
        : [];
      // The year a reader expects to open: the latest plan with a reported value (in January the
      // new year's plan is confirmed but nothing is reported in it yet: last year's results are the
      // news), else the latest plan. A year in the address always wins (useView).
      const reported = new Set(await findReportedPlanYears(ctx.db, ctx.organisationId));
      const latest = years.findLast((y) => reported.has(y)) ?? years[years.length - 1];
      if (latest === undefined) return { years, drafts: draftYears, latest: null };
      const resolved = await resolveView(ctx.db, ctx.organisationId, { year: latest, drafts });
      return { years, drafts: draftYears, latest: { year: latest, asOf: resolved.asOfText } };
    }),

  /**
   * The mayor's screen: the plan's goals, the sectors with score, counts and their first headline
   * results, the indicators furthest off track and the milestone tracks needing attention, each list
   * with its total so the screen links to the rest. Sized to the screen at any plan size.
   */
  overview: keptQuery
    .meta({ permission: 'public' })
    .input(view)
    .query(async ({ ctx, input }) => {
      // The roll-up and every list beside it as they stood at one moment: each shows the same figures.
      const { resolved, rolled, sectors, offTrack, tracks, headlines } = await atOneMoment(
        ctx.db,
        async (db) => {
          const resolved = await resolveView(db, ctx.organisationId, input);
          const { plan } = resolved;
          const [rolled, sectors, offTrack, tracks] = await Promise.all([
            planRollups(db, resolved),
            findSectors(db, plan.id),
            indicatorRows(
              db,
              resolved,
              { statuses: ['off_track'] },
              { sort: 'attainment', order: 'asc', page: 1, limit: OVERVIEW_SHOWN.offTrack },
            ),
            trackPage(
              db,
              resolved,
              {},
              { page: 1, limit: OVERVIEW_SHOWN.tracks },
              { notes: seesInternalDetail(ctx.principal), attention: true },
            ),
          ]);
          const headlines = await Promise.all(
            sectors.map((sector) =>
              indicatorRows(
                db,
                resolved,
                { sectorCode: sector.code, headline: true },
                { sort: 'plan', order: 'asc', page: 1, limit: OVERVIEW_SHOWN.headlines },
              ),
            ),
          );
          return { resolved, rolled, sectors, offTrack, tracks, headlines };
        },
      );
      const { plan } = resolved;
      return {
        plan: {
          year: plan.year,
          name: { ko: plan.name_ko, en: plan.name_en },
          coreGoal: { ko: plan.core_goal_ko, en: plan.core_goal_en },
          goals: plan.goals.map((g) => ({ ko: g.name_ko, en: g.name_en })),
          source: plan.source,
        },
        asOf: resolved.asOfText,
        ...rolled.plan,
        sectors: sectors.map((sector, i) => ({
          code: sector.code,
          name: { ko: sector.name_ko, en: sector.name_en },
          goal: { ko: sector.goal_ko, en: sector.goal_en },
          ...rolled.sectorOf(sector.code),
          headlines: headlines[i]?.items ?? [],
          headlineCount: headlines[i]?.total ?? 0,
        })),
        offTrack: { items: offTrack.items, total: offTrack.total },
        tracks: { items: tracks.items.map(trackHeadline), total: tracks.total },
      };
    }),

  /**
   * Score and status counts month by month, from January to the as-of month, for the whole plan or
   * one sector: how the picture changed over the year, from the figures stored for each month.
   */
  history: keptQuery
    .meta({ permission: 'public' })
    .input(view.extend({ sector: code.optional() }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const months = await rollupHistory(ctx.db, resolved, input.sector?.toUpperCase());
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        months: months.map(({ month, rollup: { score, statusCounts } }) => ({
          month: `${resolved.plan.year}-${String(month).padStart(2, '0')}`,
          score,
          statusCounts,
        })),
      };
    }),
} satisfies TRPCRouterRecord;
