/** tRPC, initialised once: the router builder, the one authorised procedure and the caller factory. */

import { initTRPC, type TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { can, type Permission } from './auth/policy.js';
import type { Context } from './context.js';
import { problemOfInput } from './parameters.js';
import { type Problem, Refusal, refuse } from './problems.js';
import { EntryValidationError } from './reporting.js';
import { refusingStorageFailure } from './storage.js';

export { refuse };

/** The problem a procedure's error tells the client, as a code with parameters; null when it has none. */
function problemOf(error: TRPCError): Pick<Problem, 'code' | 'params'> | null {
  if (error.cause instanceof Refusal) {
    return { code: error.cause.problem.code, params: error.cause.problem.params };
  }
  if (error.cause instanceof ZodError) return problemOfInput(error.cause);
  // Input that is not JSON (tRPC answers it with BAD_REQUEST, its cause the parser's error).
  if (error.cause instanceof SyntaxError) return { code: 'body_malformed', params: {} };
  // tRPC's own NOT_FOUND: no procedure at that path (`/trpc/auth.signIn/` names '', not auth.signIn).
  // The procedures' own NOT_FOUNDs are refusals, answered above.
  if (error.code === 'NOT_FOUND') return { code: 'no_such_route', params: {} };
  return null;
}

/** Every procedure states what it needs; see auth/policy.ts for who has it. */
export interface Meta {
  permission: Permission | 'anyone';
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      // tRPC adds the stack whenever NODE_ENV is not "production"; it is shown only to a server
      // started with NODE_ENV=development on purpose (ctx is missing when the request was unreadable).
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        data: {
          ...data,
          ...(ctx?.showErrorStacks && error.stack ? { stack: error.stack } : {}),
          // Which input field was wrong and why, for the client to show next to the field.
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          // Every refused entry with its row and field, for the data-entry grid.
          entryErrors: error.cause instanceof EntryValidationError ? error.cause.errors : null,
          // The refusal as a code and parameters, for the client to say in the reader's language.
          problem: problemOf(error),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The authorisation middleware, applied to every procedure: the procedure's permission (queries
 * default to `read`; a mutation must state its own) is checked against the caller with the one
 * policy; mutations made with a session cookie must carry the session's CSRF token.
 */
const authorize = t.middleware(({ ctx, meta, type, next }) => {
  const permission = meta?.permission ?? (type === 'query' ? 'read' : null);
  if (permission === null) {
    throw refuse('FORBIDDEN', 'no_permission_declared');
  }
  const { principal } = ctx;
  if (permission !== 'anyone' && !can(principal, permission)) {
    if (principal.kind === 'anonymous' || principal.kind === 'public') {
      throw refuse('UNAUTHORIZED', 'sign_in_required');
    }
    throw principal.kind === 'user' && principal.via === 'token'
      ? refuse('FORBIDDEN', 'token_not_permitted', { permission })
      : refuse('FORBIDDEN', 'role_not_permitted', { role: principal.user.role, permission });
  }
  if (
    type === 'mutation' &&
    principal.kind === 'user' &&
    principal.via === 'session' &&
    ctx.csrfHeader !== principal.csrfToken
  ) {
    throw refuse('FORBIDDEN', 'csrf_missing');
  }
  return next();
});

/** Outermost: a storage failure anywhere below (the policy's reads included) is answered with 503 (storage.ts). */
const storageFailures = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const refused = refusingStorageFailure(result.error);
  if (refused === result.error) return result;
  throw refused;
});

/**
 * Outermost of all: a call whose client has gone (the connection closed while its body was read or
 * it waited its turn; tRPC then aborts the call's signal) is not carried out. The database is read
 * synchronously, so this is the last point at which a query can be spared; a mutation is not made
 * for a client that will never hear whether it was.
 */
const clientPresent = t.middleware(({ signal, next }) => {
  if (signal?.aborted) throw refuse('CLIENT_CLOSED_REQUEST', 'request_cancelled');
  return next();
});

export const procedure = t.procedure.use(clientPresent).use(storageFailures).use(authorize);
