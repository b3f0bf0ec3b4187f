import { countMilestones } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { seesInternalDetail } from '../auth/policy.js';
import { atOneMoment, evaluateMilestones, resolveView } from '../figures.js';
import { code, view } from '../inputs.js';
import { offsetOf, pageInput } from '../lists/paging.js';
import { trackPage } from '../lists/tracks.js';
import { keptQuery } from '../trpc.js';

export const milestonesRouter = {
  /**
   * The milestone tracks (Gadeokdo New Airport, BuTX, …), a few at a time in plan order: planned
   * against actual or forecast dates, slippage, state. A track carries its milestones, so a page
   * holds 20 at most.
   */
  timeline: keptQuery
    .meta({ permission: 'public' })
    .input(
      view.extend({
        sector: code.optional(),
        project: code.optional(),
        ...pageInput({ limit: 10, max: 20 }),
      }),
    )
    .query(async ({ ctx, input }) => {
      // The stored tracks a page is ordered by and the milestones it shows, as they stood at one moment.
      const { resolved, page } = await atOneMoment(ctx.db, async (db) => {
        const resolved = await resolveView(db, ctx.organisationId, input);
        const page = await trackPage(
          db,
          resolved,
          { sectorCode: input.sector?.toUpperCase(), projectCode: input.project?.toUpperCase() },
          input,
          { notes: seesInternalDetail(ctx.principal) },
        );
        return { resolved, page };
      });
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        tracks: page.items,
        total: page.total,
        page: page.page,
        limit: page.limit,
      };
    }),

  /** Milestones one by one (a department's, a sector's), a page at a time in plan order. */
  list: keptQuery
    .input(
      view.extend({
        sector: code.optional(),
        department: code.optional(),
        ...pageInput({ limit: 25 }),
      }),
    )
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const filter = {
        sectorCode: input.sector?.toUpperCase(),
        departmentCode: input.department?.toUpperCase(),
      };
      const [items, total] = await Promise.all([
        evaluateMilestones(ctx.db, resolved, filter, {
          notes: seesInternalDetail(ctx.principal),
          window: { limit: input.limit, offset: offsetOf(input) },
        }),
        countMilestones(ctx.db, resolved.plan.id, filter),
      ]);
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        items,
        total,
        page: input.page,
        limit: input.limit,
      };
    }),
} satisfies TRPCRouterRecord;
