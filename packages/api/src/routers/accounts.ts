import { findTokens, findUsers } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  type Actor,
  createUser,
  issueToken,
  ROLES,
  setPassword,
  updateUser,
  withdrawToken,
} from '../accounts.js';
import type { Principal } from '../auth/policy.js';
import { code, username } from '../inputs.js';
import { refuse } from '../problems.js';
import { text } from '../text.js';
import { procedure } from '../trpc.js';

function actorOf(principal: Principal): Actor & { userId: number; role: string } {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  const { user } = principal;
  return { userId: user.id, name: user.username, role: user.role, organisationId: user.organisationId };
}

const role = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);

export const usersRouter = {
  list: procedure.meta({ permission: 'admin' }).query(async ({ ctx }) => {
    const users = await findUsers(ctx.db, ctx.organisationId);
    return users.map((u) => ({
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      department: u.department_code ?? null,
      demoPassword: u.demo_password === 1,
      disabled: u.disabled_at !== null,
      createdAt: u.created_at,
    }));
  }),

  create: procedure
    .meta({ permission: 'admin' })
    .input(
      z.object({
        username: username(2, 32),
        displayName: text('name').min(1),
        role,
        department: code.nullish(),
        password: z.string().min(1).max(200),
      }),
    )
    .mutation(({ ctx, input }) => createUser(ctx.db, actorOf(ctx.principal), input, ctx.now())),

  update: procedure
    .meta({ permission: 'admin' })
    .input(
      z.object({
        username: username(2, 32),
        role,
        department: code.nullish(),
        disabled: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => updateUser(ctx.db, actorOf(ctx.principal), input, ctx.now())),

  setPassword: procedure
    .meta({ permission: 'admin' })
    .input(z.object({ username: username(2, 32), password: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      setPassword(ctx.db, actorOf(ctx.principal), input.username, input.password, ctx.now()),
    ),
} satisfies TRPCRouterRecord;

export const tokensRouter = {
  /** Your API tokens (an admin sees everyone's); never the secret itself. */
  list: procedure.meta({ permission: 'tokens' }).query(async ({ ctx }) => {
    const actor = actorOf(ctx.principal);
    const tokens = await findTokens(ctx.db, {
      organisationId: actor.organisationId,
      userId: actor.role === 'admin' ? undefined : actor.userId,
    });
    return tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      owner: t.username,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
    }));
  }),

  /** Creates a read-and-export token for yourself; the token is shown this once. */
  create: procedure
    .meta({ permission: 'tokens' })
    .input(z.object({ name: text('name').min(1, 'give the token a name') }))
    .mutation(({ ctx, input }) => {
      const actor = actorOf(ctx.principal);
      return issueToken(ctx.db, actor, actor.name, input.name, ctx.now());
    }),

  revoke: procedure
    .meta({ permission: 'tokens' })
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx.principal);
      await withdrawToken(ctx.db, actor, input.id, actor.role === 'admin' ? null : actor.userId, ctx.now());
      return { revoked: input.id };
    }),
} satisfies TRPCRouterRecord;
