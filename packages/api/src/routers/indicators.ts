import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { z } from 'zod';
import { evaluateIndicators, evaluateMilestones, resolveView } from '../figures.js';
import { code, status, view } from '../inputs.js';
import { procedure } from '../trpc.js';

export const indicatorFilter = view.extend({
  sector: code.optional(),
  department: code.optional(),
  status: status.optional(),
});

export const indicatorsRouter = {
  /** Every indicator with its computed figures, filtered by sector, department and status. */
  list: procedure.input(indicatorFilter).query(async ({ ctx, input }) => {
    const resolved = await resolveView(ctx.db, input);
    const evaluations = await evaluateIndicators(ctx.db, resolved, {
      sectorCode: input.sector?.toUpperCase(),
      departmentCode: input.department?.toUpperCase(),
    });
    const indicators = evaluations
      .map((e) => e.view)
      .filter((i) => input.status === undefined || i.figures.status === input.status);
    return { asOf: resolved.asOfText, year: resolved.plan.year, indicators };
  }),

  /** One indicator: its figures, its series (actual, target path, forecast) and every reported value with its note. */
  detail: procedure.input(view.extend({ code })).query(async ({ ctx, input }) => {
    const resolved = await resolveView(ctx.db, input);
    const [evaluation] = await evaluateIndicators(ctx.db, resolved, {
      indicatorCode: input.code.toUpperCase(),
    });
    if (!evaluation) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `There is no indicator "${input.code}" in the ${resolved.plan.year} plan.`,
      });
    }
    const milestones =
      evaluation.view.aggregation === 'milestones'
        ? (await evaluateMilestones(ctx.db, resolved)).filter(
            (m) => m.project.code === evaluation.view.project.code,
          )
        : [];
    return {
      asOf: resolved.asOfText,
      year: resolved.plan.year,
      indicator: evaluation.view,
      series: evaluation.series,
      interimTargets: evaluation.interimTargets,
      measurements: evaluation.measurements.map((m) => ({
        period: m.period,
        value: m.value,
        note: m.note,
        source: m.source,
        enteredBy: m.entered_by,
        enteredAt: m.entered_at,
      })),
      milestones,
    };
  }),
} satisfies TRPCRouterRecord;

export type IndicatorFilterInput = z.infer<typeof indicatorFilter>;
