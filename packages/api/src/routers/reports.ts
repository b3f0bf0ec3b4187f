import { dateIn, isIsoDate } from '@tangible/core';
import {
  appendAudit,
  findMilestoneByCode,
  findTrackIndicator,
  holdMilestone,
  setMilestoneDates,
} from '@tangible/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canReportFor } from '../auth/policy.js';
import type { Context } from '../context.js';
import { resolveView } from '../figures.js';
import { code, year } from '../inputs.js';
import { offsetOf, pageInput } from '../lists/paging.js';
import { overduePage } from '../lists/reporting.js';
import { refuse } from '../problems.js';
import { CITY_TIME_ZONE, EntryValidationError, reportingStatusPage, submitEntries } from '../reporting.js';
import { text } from '../text.js';
import { procedure } from '../trpc.js';

const entry = z.object({
  code,
  period: z.string().trim().min(4).max(16),
  value: z.number(),
  // Checked row by row with the other entry checks (reporting.ts), so a refused note says its row.
  note: z.string().trim().nullish(),
  evidenceUrl: z.string().trim().nullish(),
  // Checked with the entry too: required when the value leaves the indicator at risk or off track.
  analysis: z.string().trim().nullish(),
  nextSteps: z.string().trim().nullish(),
  commentaryPublic: z.boolean().optional(),
});

const isoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');

async function submit(
  ctx: Context & { organisationId: number },
  input: { year: number; entries: z.infer<typeof entry>[] },
) {
  const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
  try {
    return await submitEntries(ctx.db, plan, ctx.principal, input.entries, ctx.now());
  } catch (error) {
    if (error instanceof EntryValidationError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    }
    throw error;
  }
}

export const reportsRouter = {
  /**
   * Reporting period by period (approved, pending, returned, missing, overdue) for a department: a
   * bureau head's own by default, any department for the others, every department without one; a
   * page of its measured indicators at a time, in plan order.
   */
  status: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, department: code.optional(), ...pageInput({ limit: 50 }) }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const own = ctx.principal.kind === 'user' ? ctx.principal.user.departmentCode : null;
      const department = input.department?.toUpperCase() ?? own ?? undefined;
      const { indicators, total } = await reportingStatusPage(ctx.db, plan, department, ctx.now(), {
        limit: input.limit,
        offset: offsetOf(input),
      });
      return {
        year: plan.year,
        department: department ?? null,
        indicators,
        total,
        page: input.page,
        limit: input.limit,
      };
    }),

  /**
   * Periods overdue today (past their due date with no value approved, pending or returned), the
   * longest overdue first, a page at a time: across the plan, or for one department.
   */
  overdue: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, department: code.optional(), ...pageInput({ limit: 25 }) }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return overduePage(ctx.db, plan, { departmentCode: input.department?.toUpperCase() }, ctx.now(), input);
    }),

  /** One value for one period: recorded as pending until an approver approves it. */
  submit: procedure
    .meta({ permission: 'report' })
    .input(entry.extend({ year }))
    .mutation(({ ctx, input }) => {
      const { year: planYear, ...one } = input;
      return submit(ctx, { year: planYear, entries: [one] });
    }),

  /** Several values at once (the monthly grid): all are recorded, or none when any is wrong. */
  submitMany: procedure
    .meta({ permission: 'report' })
    .input(z.object({ year, entries: z.array(entry).min(1).max(500) }))
    .mutation(({ ctx, input }) => submit(ctx, input)),

  /** A milestone's actual or forecast date (its owner department, or an admin), with the reason in the audit trail. */
  updateMilestone: procedure
    .meta({ permission: 'report' })
    .input(
      z.object({
        year,
        code,
        // Left out: unchanged. null: cleared.
        actualDate: isoDate.nullable().optional(),
        forecastDate: isoDate.nullable().optional(),
        note: text('note').nullable().optional(),
        reason: text('reason').min(3, 'say why the dates change (at least 3 characters)'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const milestone = await findMilestoneByCode(ctx.db, plan.id, input.code.toUpperCase());
      if (!milestone) throw refuse('NOT_FOUND', 'no_such_milestone', { code: input.code });
      if (!canReportFor(ctx.principal, milestone.department_id)) {
        throw refuse('FORBIDDEN', 'milestone_not_yours', { code: milestone.code });
      }
      // A retired milestone counts in no track: a date given it would move nothing anyone sees.
      if (milestone.retired_at !== null)
        throw refuse('CONFLICT', 'milestone_retired', { code: milestone.code });
      const today = dateIn(CITY_TIME_ZONE, ctx.now());
      if (input.actualDate && input.actualDate > today) {
        throw refuse('BAD_REQUEST', 'actual_date_in_future', { date: input.actualDate });
      }
      const user = ctx.principal.kind === 'user' ? ctx.principal.user : null;
      const at = ctx.now().toISOString();
      // The track's milestone indicator (if any) shows this change in its audit trail.
      const trackIndicator = await findTrackIndicator(ctx.db, milestone.project_id);
      await ctx.db.transaction().execute(async (trx) => {
        // Read again, held: what another change wrote meanwhile is the "before" and is kept (a date
        // left out stays as it is now, not as it was read before that change).
        await holdMilestone(trx, milestone.id);
        const current = (await findMilestoneByCode(trx, plan.id, milestone.code)) ?? milestone;
        const before = {
          forecast_date: current.forecast_date,
          actual_date: current.actual_date,
          note: current.note,
        };
        const after = {
          forecast_date: input.forecastDate === undefined ? current.forecast_date : input.forecastDate,
          actual_date: input.actualDate === undefined ? current.actual_date : input.actualDate,
          note: input.note === undefined ? current.note : input.note,
        };
        // Stores the track's new figures too, in this transaction.
        await setMilestoneDates(trx, milestone.id, after);
        await appendAudit(trx, {
          organisationId: ctx.organisationId,
          at,
          actorUserId: user?.id ?? null,
          actor: user?.username ?? 'unknown',
          action: 'milestone.update',
          entityType: 'milestone',
          entityId: milestone.code,
          indicatorId: trackIndicator?.id ?? null,
          before,
          after,
          reason: input.reason,
        });
      });
      return { updated: milestone.code };
    }),
} satisfies TRPCRouterRecord;
