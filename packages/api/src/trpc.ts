/** tRPC, initialised once: the router builder, the one authorised procedure and the caller factory. */

import { currentDataVersion, observeOwnWrite } from '@tangible/db';
import { initTRPC, type TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { can, type Permission } from './auth/policy.js';
import type { Context } from './context.js';
import { answerMemoOf, canonicalInput, visibilityOf } from './memo.js';
import { organisationOf, requestedOrganisation } from './organisations.js';
import { problemOfInput } from './parameters.js';
import { PlanValidationError } from './planning/validation.js';
import { sentence } from './problem-sentences.js';
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
  /**
   * A query whose answer is kept until the data changes (memo.ts): it must depend on nothing but
   * its input, the organisation, the caller's visibility (visibilityOf) and the database; not on
   * the clock, nor on who the user is.
   */
  memo?: true;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      // tRPC adds the stack whenever NODE_ENV is not "production"; it is shown only to a server
      // started with NODE_ENV=development on purpose (ctx is missing when the request was unreadable).
      const { stack: _stack, ...data } = shape.data;
      const problem = problemOf(error);
      return {
        ...shape,
        // zod's own message is its issues as JSON: a reader of the raw answer gets the sentence
        // instead (English; `data.problem` carries the code for the client's language).
        ...(error.cause instanceof ZodError && problem
          ? { message: sentence('en', problem.code, problem.params) }
          : {}),
        data: {
          ...data,
          ...(ctx?.showErrorStacks && error.stack ? { stack: error.stack } : {}),
          // Which input field was wrong and why, for the client to show next to the field.
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
          // Every refused entry with its row and field, for the data-entry grid.
          entryErrors: error.cause instanceof EntryValidationError ? error.cause.errors : null,
          // Every refused field of a plan edit, for the editor to show beside its field.
          planErrors: error.cause instanceof PlanValidationError ? error.cause.errors : null,
          // The refusal as a code and parameters, for the client to say in the reader's language.
          problem,
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
    if (principal.kind === 'anonymous' && principal.badToken) {
      throw refuse('UNAUTHORIZED', 'token_not_valid');
    }
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

/**
 * After the policy: the organisation the call is scoped by (organisations.ts), in `ctx.organisationId`
 * for every query below. A user naming another organisation is refused here, before any read.
 */
const scoped = t.middleware(async ({ ctx, getRawInput, next }) => {
  const raw = await getRawInput().catch(() => undefined);
  // Draft plans are the staff's: the public view never sees one, whatever it asks for.
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'drafts' in raw &&
    raw.drafts === true &&
    !can(ctx.principal, 'read')
  )
    throw refuse('UNAUTHORIZED', 'sign_in_required');
  const organisationId = await organisationOf(ctx.db, ctx.principal, requestedOrganisation(raw));
  return next({ ctx: { organisationId } });
});

export const procedure = t.procedure
  .use(clientPresent)
  .use(storageFailures)
  .use(authorize)
  .use(scoped)
  .use(async ({ ctx, meta, path, type, getRawInput, next }) => {
    // A write's own version is known to this process before its answer leaves (db change-watch.ts):
    // the reads its client makes next, here or in another process told by X-Data-Version, see it.
    if (type === 'mutation') {
      const result = await next();
      if (result.ok) await observeOwnWrite(ctx.db);
      return result;
    }
    // Innermost, after the policy and the scope: a caller is refused before any answer is looked up.
    if (!meta?.memo || type !== 'query') return next();
    const version = await currentDataVersion(
      ctx.db,
      ctx.seenDataVersion === null ? null : BigInt(ctx.seenDataVersion),
    );
    const question = JSON.stringify([
      path,
      ctx.organisationId,
      visibilityOf(ctx.principal),
      canonicalInput(await getRawInput()),
    ]);
    return answerMemoOf(ctx.db).answer(
      version,
      question,
      async () => {
        const result = await next();
        // tRPC's result carries the context it was computed in (the database, the caller, a cookie
        // setter holding the response): kept, it would keep the first caller's request alive and be
        // frozen with it, database object included. Only the answer is kept.
        return result.ok ? ({ marker: result.marker, ok: true, data: result.data } as typeof result) : result;
      },
      (result) => result.ok,
    );
  });

/**
 * A query whose answer is kept until the data changes (memo.ts); `read` unless its own meta says
 * otherwise (tRPC merges meta). Its answer may depend only on what Meta.memo names.
 */
export const keptQuery = procedure.meta({ permission: 'read', memo: true });
