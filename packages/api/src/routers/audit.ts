import { findAudit, findIndicatorByCode } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { resolveView } from '../figures.js';
import { code, year } from '../inputs.js';
import { refuse } from '../problems.js';
import { procedure } from '../trpc.js';

export const auditRouter = {
  /** The audit trail, newest first: for one indicator, or everything. */
  list: procedure
    .meta({ permission: 'read' })
    .input(
      z.object({ year, indicator: code.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    )
    .query(async ({ ctx, input }) => {
      let indicatorId: number | undefined;
      if (input.indicator) {
        const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
        const indicator = await findIndicatorByCode(ctx.db, plan.id, input.indicator.toUpperCase());
        if (!indicator)
          throw refuse('NOT_FOUND', 'no_such_indicator', { code: input.indicator, year: plan.year });
        indicatorId = indicator.id;
      }
      const rows = await findAudit(ctx.db, {
        organisationId: ctx.organisationId,
        indicatorId,
        limit: input.limit,
      });
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
        after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
        reason: row.reason,
      }));
    }),
} satisfies TRPCRouterRecord;
