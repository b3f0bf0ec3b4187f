import { deleteSession, findOrganisationById } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createSession } from '../auth/sessions.js';
import { checkSignIn } from '../auth/sign-in.js';
import { username } from '../inputs.js';
import { procedure, refuse } from '../trpc.js';

export const authRouter = {
  /**
   * Who is signed in (null when nobody), with the CSRF token the client sends back on mutations,
   * and the organisation whose data the answers hold.
   */
  me: procedure.meta({ permission: 'anyone' }).query(async ({ ctx }) => {
    const { principal } = ctx;
    const found = await findOrganisationById(ctx.db, ctx.organisationId);
    const organisation = found
      ? { code: found.code, kind: found.kind, name: { ko: found.name_ko, en: found.name_en } }
      : null;
    if (principal.kind !== 'user')
      return { user: null, publicView: principal.kind === 'public', csrfToken: null, organisation };
    return {
      user: principal.user,
      publicView: false,
      csrfToken: principal.via === 'session' ? principal.csrfToken : null,
      organisation,
    };
  }),

  /**
   * Signs in with a username and password and sets the session cookie. A wrong password and an
   * unknown user get the same answer. A client that keeps failing waits longer and longer
   * (auth/throttle.ts), told how many seconds; so does one that already has a sign-in being
   * checked, or that finds the line of password checks full (packages/db/src/hash-line.ts). A
   * success leaves a device cookie that exempts this browser from what strangers' guesses cost.
   */
  signIn: procedure
    .meta({ permission: 'anyone' })
    .input(z.object({ username: username(1, 64), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const result = await checkSignIn(ctx.db, {
        ...input,
        clientKey: ctx.clientKey,
        deviceToken: ctx.device.token,
        now: ctx.now(),
      });
      if (!result.ok) {
        if (result.reason === 'invalid') throw refuse('UNAUTHORIZED', 'sign_in_failed');
        throw refuse(
          'TOO_MANY_REQUESTS',
          result.reason === 'throttled' ? 'sign_in_throttled' : 'sign_in_busy',
          { seconds: result.retryAfterSeconds },
        );
      }
      const session = await createSession(ctx.db, result.userId, ctx.now());
      ctx.cookie.set(session.token, session.expiresAt);
      ctx.device.set(result.device.token, result.device.expiresAt);
      return { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    }),

  /** Ends the session: deletes it on the server and clears the cookie. */
  signOut: procedure.meta({ permission: 'account' }).mutation(async ({ ctx }) => {
    if (ctx.principal.kind === 'user' && ctx.principal.via === 'session') {
      await deleteSession(ctx.db, ctx.principal.sessionId);
    }
    ctx.cookie.clear();
    return { signedOut: true };
  }),
} satisfies TRPCRouterRecord;
