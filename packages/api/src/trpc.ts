/** tRPC, initialised once: the router builder, the procedures and the caller factory. */

import { initTRPC } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Context } from './context.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Which input field was wrong and why, for the client to show next to the field.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every procedure is built from this one. Until accounts exist (issue 4) everything here is a read of
 * the published plan; the authorisation middleware will be applied here, once, for all procedures.
 */
export const procedure = t.procedure;
