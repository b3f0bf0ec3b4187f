import type { TRPCRouterRecord } from '@trpc/server';
import { seesInternalDetail } from '../auth/policy.js';
import { evaluateMilestones, resolveView } from '../figures.js';
import { code, view } from '../inputs.js';
import { tracks } from '../summaries.js';
import { procedure } from '../trpc.js';

export const milestonesRouter = {
  /** Every milestone track (Gadeokdo New Airport, BuTX, …): planned against actual or forecast dates, slippage, state. */
  timeline: procedure
    .meta({ permission: 'public' })
    .input(view.extend({ sector: code.optional(), project: code.optional() }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, input);
      const milestones = await evaluateMilestones(
        ctx.db,
        resolved,
        { sectorCode: input.sector?.toUpperCase() },
        { notes: seesInternalDetail(ctx.principal) },
      );
      const selected = input.project
        ? milestones.filter((m) => m.project.code === input.project?.toUpperCase())
        : milestones;
      return { asOf: resolved.asOfText, year: resolved.plan.year, tracks: tracks(resolved, selected) };
    }),
} satisfies TRPCRouterRecord;
