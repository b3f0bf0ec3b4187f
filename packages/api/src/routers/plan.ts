import { findPlanYears, findSectors } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { seesInternalDetail } from '../auth/policy.js';
import { evaluateMilestones, resolveView, storedHistory, storedIndicators } from '../figures.js';
import { code, view } from '../inputs.js';
import { offTrack, rollup, tracks } from '../summaries.js';
import { procedure } from '../trpc.js';

export const planRouter = {
  /** The plan years in the database, and the default view (latest year, latest reported month). */
  years: procedure.meta({ permission: 'public' }).query(async ({ ctx }) => {
    const years = await findPlanYears(ctx.db);
    const latest = years[years.length - 1];
    if (latest === undefined) return { years, latest: null };
    const resolved = await resolveView(ctx.db, { year: latest });
    return { years, latest: { year: latest, asOf: resolved.asOfText } };
  }),

  /** The mayor's screen: the plan's goals, the five sectors with score, counts and headlines, what is off track, the milestone tracks. */
  overview: procedure
    .meta({ permission: 'public' })
    .input(view)
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, input);
      const [evaluations, milestones] = await Promise.all([
        storedIndicators(ctx.db, resolved),
        evaluateMilestones(ctx.db, resolved, {}, { notes: seesInternalDetail(ctx.principal) }),
      ]);
      const indicators = evaluations.map((e) => e.view);
      const { plan } = resolved;
      const sectors = await findSectors(ctx.db, plan.id);
      return {
        plan: {
          year: plan.year,
          name: { ko: plan.name_ko, en: plan.name_en },
          coreGoal: { ko: plan.core_goal_ko, en: plan.core_goal_en },
          goals: plan.goals.map((g) => ({ ko: g.name_ko, en: g.name_en })),
          source: plan.source,
        },
        asOf: resolved.asOfText,
        ...rollup(indicators),
        sectors: sectors.map((sector) => {
          const own = indicators.filter((i) => i.sector.code === sector.code);
          return {
            code: sector.code,
            name: { ko: sector.name_ko, en: sector.name_en },
            goal: { ko: sector.goal_ko, en: sector.goal_en },
            ...rollup(own),
            headlines: own.filter((i) => i.headline),
          };
        }),
        offTrack: offTrack(indicators),
        tracks: tracks(resolved, milestones),
      };
    }),

  /**
   * Score and status counts month by month, from January to the as-of month, for the whole plan or
   * one sector: how the picture changed over the year, from the figures stored for each month.
   */
  history: procedure
    .meta({ permission: 'public' })
    .input(view.extend({ sector: code.optional() }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, input);
      const months = await storedHistory(ctx.db, resolved, { sectorCode: input.sector?.toUpperCase() });
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        months: months.map(({ month, indicators }) => {
          const { score, statusCounts } = rollup(indicators);
          return { month: `${resolved.plan.year}-${String(month).padStart(2, '0')}`, score, statusCounts };
        }),
      };
    }),
} satisfies TRPCRouterRecord;
