import {
  findMeasurements,
  findReportedValues,
  findRetiredIndicator,
  findTargetRevisions,
  findTargets,
} from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import type { z } from 'zod';
import { atOneMoment, evaluateMilestones, resolveView, storedIndicators } from '../figures.js';
import { code, status, view } from '../inputs.js';
import { indicatorRows } from '../lists/indicators.js';
import { indicatorListInput, indicatorQuery } from '../lists/inputs.js';
import { refuse } from '../problems.js';
import { keptQuery } from '../trpc.js';

/** What the indicators export filters by (export/indicators.ts): the whole list, never a page. */
export const indicatorFilter = view.extend({
  sector: code.optional(),
  department: code.optional(),
  status: status.optional(),
});

export const indicatorsRouter = {
  /**
   * The plan's indicators with their figures, a page at a time: filtered by sector, department,
   * status, headline or "not reported", sorted by a figure, cut and counted in SQL. No series: the
   * indicator page draws it.
   */
  list: keptQuery.input(indicatorListInput).query(async ({ ctx, input }) => {
    const { resolved, page } = await atOneMoment(ctx.db, async (db) => {
      const resolved = await resolveView(db, ctx.organisationId, input);
      const { filter, window } = indicatorQuery(input);
      return { resolved, page: await indicatorRows(db, resolved, filter, window) };
    });
    return {
      asOf: resolved.asOfText,
      year: resolved.plan.year,
      indicators: page.items,
      total: page.total,
      page: page.page,
      limit: page.limit,
    };
  }),

  /**
   * One indicator: its figures, its series (actual, target path, forecast) and every reported value
   * with its note; `countedAsOf` says whether the value's period had ended by the as-of month, i.e.
   * whether the figures count it (a screen "as of June" shows what was known then).
   */
  detail: keptQuery.input(view.extend({ code })).query(async ({ ctx, input }) => {
    // The figures, and the values and targets beside them, as they stood at one moment.
    return atOneMoment(ctx.db, async (db) => {
      const resolved = await resolveView(db, ctx.organisationId, input);
      // A retired indicator has no stored figures but is named by its code still (old links,
      // exports, the audit log): it is said to be retired rather than unknown.
      const retired = await findRetiredIndicator(db, resolved.plan.id, input.code.toUpperCase());
      if (retired)
        throw refuse('NOT_FOUND', 'indicator_retired_on', {
          code: retired.code,
          date: retired.retired_at.slice(0, 10),
        });
      const [evaluation] = await storedIndicators(db, resolved, {
        indicatorCode: input.code.toUpperCase(),
      });
      if (!evaluation) {
        throw refuse('NOT_FOUND', 'no_such_indicator', { code: input.code, year: resolved.plan.year });
      }
      const milestones =
        evaluation.view.aggregation === 'milestones'
          ? await evaluateMilestones(db, resolved, { projectCode: evaluation.view.project.code })
          : [];
      const counted = new Set(evaluation.series.filter((p) => p.value !== null).map((p) => p.period));
      const [measurements, targets, reported, revisions] = await Promise.all([
        findMeasurements(db, evaluation.id),
        findTargets(db, evaluation.id),
        findReportedValues(db, resolved.plan.id, { indicatorId: evaluation.id }),
        findTargetRevisions(db, evaluation.id),
      ]);
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        indicator: evaluation.view,
        series: evaluation.series,
        interimTargets: targets
          .filter((t) => t.kind === 'interim')
          .map(({ period, value }) => ({ period, value })),
        measurements: measurements.map((m) => ({
          period: m.period,
          value: m.value,
          note: m.note,
          source: m.source,
          enteredBy: m.entered_by,
          enteredAt: m.entered_at,
          countedAsOf: counted.has(m.period),
          /** Approved with the value (원인 분석, 향후 대책). */
          analysis: m.analysis,
          nextSteps: m.next_steps,
          commentaryPublic: m.commentary_public === 1,
        })),
        milestones,
        /** The approved revisions of its targets, oldest first: the original target stays beside each. */
        revisions: revisions
          .filter((r) => r.state === 'approved')
          .map((r) => ({
            period: r.period,
            kind: r.kind,
            original: r.original_value,
            revised: r.revised_value,
            reason: r.reason,
            revisedAt: r.decided_at ?? r.proposed_at,
          })),
        /** Values reported but not approved yet: shown as pending, never counted in the figures. */
        pending: reported
          .filter((m) => m.status === 'pending')
          .map((m) => ({
            id: m.id,
            period: m.period,
            value: m.value,
            note: m.note,
            analysis: m.analysis,
            nextSteps: m.next_steps,
            enteredBy: m.entered_by,
            enteredAt: m.entered_at,
          })),
      };
    });
  }),
} satisfies TRPCRouterRecord;

export type IndicatorFilterInput = z.infer<typeof indicatorFilter>;
