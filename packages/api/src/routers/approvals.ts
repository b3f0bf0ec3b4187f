import { countPendingByYear } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { resolveView } from '../figures.js';
import { code, year } from '../inputs.js';
import { pageInput } from '../lists/paging.js';
import { pendingPage } from '../lists/reporting.js';
import { approveReport, returnReport } from '../reporting.js';
import { text } from '../text.js';
import { procedure } from '../trpc.js';

export const approvalsRouter = {
  /**
   * Values waiting for approval, oldest first, a page at a time, each with the approved value it
   * would replace (readable by everyone signed in; the dashboard marks them pending), and how many
   * wait in the organisation's other plan years (`otherYears`), so that a queue empty for the year
   * picked does not hide values reported for another.
   */
  pending: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, department: code.optional(), ...pageInput({ limit: 25 }) }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const filter = { departmentCode: input.department?.toUpperCase() };
      const [page, otherYears] = await Promise.all([
        pendingPage(ctx.db, plan, filter, input),
        countPendingByYear(ctx.db, ctx.organisationId, plan.id, filter),
      ]);
      return { ...page, otherYears };
    }),

  approve: procedure
    .meta({ permission: 'approve' })
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => approveReport(ctx.db, ctx.principal, input.id, ctx.now())),

  /** Sends a value back to its reporter; the reason is required and kept in the audit trail. */
  return: procedure
    .meta({ permission: 'approve' })
    .input(
      z.object({
        id: z.number().int().positive(),
        reason: text('reason').min(3, 'say why the value is returned (at least 3 characters)'),
      }),
    )
    .mutation(({ ctx, input }) => returnReport(ctx.db, ctx.principal, input.id, input.reason, ctx.now())),
} satisfies TRPCRouterRecord;
