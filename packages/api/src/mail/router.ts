/** The account screen's email settings: one's own, read and changed; an administrator any user's of their organisation. */

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { username } from '../inputs.js';
import { refuse } from '../problems.js';
import { procedure } from '../trpc.js';
import { changeMailSettings, mailSettingsOf } from './addresses.js';

export const mailRouter = {
  /** The caller's own address, email language and whether they want email. */
  mine: procedure.meta({ permission: 'account' }).query(({ ctx }) => {
    if (ctx.principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
    return mailSettingsOf(ctx.db, ctx.principal.user.id);
  }),

  /** Sets them; an empty address clears it (no email). Checked as an address by addresses.ts (not_an_email). */
  set: procedure
    .meta({ permission: 'account' })
    .input(
      z.object({
        username: username(2, 32).optional(),
        email: z
          .string()
          .trim()
          .max(254)
          .nullable()
          .transform((e) => (e ? e : null)),
        language: z.enum(['ko', 'en']),
        wanted: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => changeMailSettings(ctx.db, ctx.principal, input, ctx.now())),
} satisfies TRPCRouterRecord;
