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
   * would replace (readable by everyone signed in; the dashboard marks them pending).
   */
  pending: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, department: code.optional(), ...pageInput({ limit: 25 }) }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return pendingPage(ctx.db, plan, { departmentCode: input.department?.toUpperCase() }, input);
    }),

  /**
   * How many values wait for approval in each of the organisation's confirmed plans, by plan year:
   * the approvals screen shows one year's queue, and says where else values wait (last year's
   * December, this year's first months) so that an empty queue does not hide them.
   */
  waiting: procedure
    .meta({ permission: 'read' })
    .input(z.object({ department: code.optional() }))
    .query(async ({ ctx, input }) => ({
      years: await countPendingByYear(ctx.db, ctx.organisationId, {
        departmentCode: input.department?.toUpperCase(),
      }),
    })),

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
