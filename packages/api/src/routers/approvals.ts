import { findPendingReports } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { resolveView } from '../figures.js';
import { year } from '../inputs.js';
import { approveReport, returnReport } from '../reporting.js';
import { text } from '../text.js';
import { procedure } from '../trpc.js';

export const approvalsRouter = {
  /** Values waiting for approval, oldest first (readable by everyone signed in; the dashboard marks them pending). */
  pending: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, { year: input.year });
      const rows = await findPendingReports(ctx.db, plan.id);
      return rows.map((row) => ({
        id: row.id,
        code: row.code,
        name: { ko: row.name_ko, en: row.name_en },
        unit: row.unit,
        period: row.period,
        value: row.value,
        note: row.note,
        evidenceUrl: row.evidence_url,
        enteredBy: row.entered_by,
        enteredAt: row.entered_at,
        department: {
          code: row.department_code,
          name: { ko: row.department_name_ko, en: row.department_name_en },
        },
      }));
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
