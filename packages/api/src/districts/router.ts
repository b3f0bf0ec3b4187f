import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { atOneMoment } from '../figures.js';
import { asOf, year } from '../inputs.js';
import { keptQuery } from '../trpc.js';
import { compareDistricts } from './comparison.js';

export const districtsRouter = {
  /**
   * The metropolitan city's districts side by side (score, status counts, the indicators they
   * share): for its executives and administrators only.
   */
  comparison: keptQuery
    .meta({ permission: 'read' })
    .input(z.object({ year, asOf }))
    .query(({ ctx, input }) =>
      // Every district's figures as they stood at one moment.
      atOneMoment(ctx.db, (db) => compareDistricts(db, ctx.principal, ctx.organisationId, input)),
    ),
} satisfies TRPCRouterRecord;
