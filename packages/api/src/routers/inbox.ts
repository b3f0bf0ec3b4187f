import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { buildInbox } from '../inbox/inbox.js';
import { year } from '../inputs.js';
import { refuse } from '../problems.js';
import { procedure } from '../trpc.js';

export const inboxRouter = {
  /**
   * The caller's own inbox (a person's, so not an API token's): reports due and overdue for their
   * department, values returned to it, approvals waiting for them. There is no way to ask for
   * another user's.
   */
  mine: procedure
    .meta({ permission: 'account' })
    .input(z.object({ year: year.optional() }).optional())
    .query(({ ctx, input }) => {
      if (ctx.principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required', {});
      return buildInbox(ctx.db, ctx.principal.user, input?.year, ctx.now());
    }),
} satisfies TRPCRouterRecord;
