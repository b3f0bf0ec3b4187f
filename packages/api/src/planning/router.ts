/**
 * `planEditor.*`: the plan editor's procedures. The planning office (`plan`) edits, confirms and
 * decides; a bureau head (`propose`) asks for target revisions and changes of their own
 * department's plan. Every write is one transaction with its audit entry and figure refresh.
 */

import { findPlan, findPlanChanges, findTargetRevisions } from '@tangible/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Principal } from '../auth/policy.js';
import { code, year } from '../inputs.js';
import { refuse } from '../problems.js';
import { text } from '../text.js';
import { procedure } from '../trpc.js';
import { carryOut, decideChange, proposeChange } from './changes.js';
import { copyForward } from './copy-forward.js';
import { bilingual, type OperationName, operationInputs } from './inputs.js';
import { confirmPlan, createPlan, decideRevision, proposeRevision } from './lifecycle.js';
import { planOutline } from './outline.js';
import { PlanValidationError } from './validation.js';

/** A refusal of the data, as BAD_REQUEST carrying every field problem (`planErrors` on the client). */
async function refusingFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PlanValidationError)
      throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    throw error;
  }
}

function signedIn(principal: Principal): Principal & { kind: 'user' } {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  return principal;
}

/** One procedure per operation of the editor, for the planning office. */
function operation<N extends OperationName>(name: N) {
  return procedure
    .meta({ permission: 'plan' })
    .input(operationInputs[name])
    .mutation(({ ctx, input }) =>
      refusingFields(() => carryOut(ctx.db, signedIn(ctx.principal).user, name, input as never, ctx.now())),
    );
}

const reason = text('reason').min(1);
const decision = z.object({ id: z.number().int().positive(), reason: text('reason').nullish() });

export const planEditorRouter = {
  createSector: operation('createSector'),
  editSector: operation('editSector'),
  createStrategy: operation('createStrategy'),
  editStrategy: operation('editStrategy'),
  createProject: operation('createProject'),
  editProject: operation('editProject'),
  createIndicator: operation('createIndicator'),
  editIndicator: operation('editIndicator'),
  createMilestone: operation('createMilestone'),
  editMilestone: operation('editMilestone'),
  retire: operation('retire'),
  remove: operation('remove'),

  /** An empty draft plan of a year, for the planning office to fill before confirming it. */
  createPlan: procedure
    .meta({ permission: 'plan' })
    .input(z.object({ year, name: bilingual, coreGoal: bilingual, source: text('note').min(1) }))
    .mutation(({ ctx, input }) =>
      refusingFields(() => createPlan(ctx.db, signedIn(ctx.principal).user, input, ctx.now())),
    ),

  /**
   * Next year's draft from a confirmed plan: the structure with the same codes, baselines from the
   * year's actuals, proposed targets, unfinished milestones (copy-forward.ts).
   */
  copyForward: procedure
    .meta({ permission: 'plan' })
    .input(z.object({ fromYear: year, toYear: year }))
    .mutation(({ ctx, input }) => {
      const { user } = signedIn(ctx.principal);
      return copyForward(
        ctx.db,
        { organisationId: user.organisationId, userId: user.id, name: user.username },
        input,
        ctx.now(),
      );
    }),

  /** 확정: the draft becomes the plan of record; its targets change by revisions from then on. */
  confirm: procedure
    .meta({ permission: 'plan' })
    .input(z.object({ year }))
    .mutation(({ ctx, input }) => confirmPlan(ctx.db, signedIn(ctx.principal).user, input.year, ctx.now())),

  proposeRevision: procedure
    .meta({ permission: 'propose' })
    .input(z.object({ year, code, period: z.string().trim().min(4).max(16), value: z.number(), reason }))
    .mutation(({ ctx, input }) =>
      refusingFields(() => proposeRevision(ctx.db, signedIn(ctx.principal), input, ctx.now())),
    ),
  approveRevision: procedure
    .meta({ permission: 'plan' })
    .input(decision)
    .mutation(({ ctx, input }) =>
      decideRevision(
        ctx.db,
        signedIn(ctx.principal).user,
        input.id,
        { approve: true, reason: input.reason ?? null },
        ctx.now(),
      ),
    ),
  rejectRevision: procedure
    .meta({ permission: 'plan' })
    .input(decision.extend({ reason }))
    .mutation(({ ctx, input }) =>
      decideRevision(
        ctx.db,
        signedIn(ctx.principal).user,
        input.id,
        { approve: false, reason: input.reason },
        ctx.now(),
      ),
    ),
  /**
   * The whole plan of a year for the editor, draft or confirmed, retired things marked, with the
   * revisions waiting for a decision: for those who edit the plan or propose changes to it.
   */
  outline: procedure
    .meta({ permission: 'propose' })
    .input(z.object({ year }))
    .query(({ ctx, input }) => planOutline(ctx.db, signedIn(ctx.principal).user, input.year)),
  /** An indicator's target revisions, oldest first, with their state: the original stays visible. */
  revisions: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, code }))
    .query(async ({ ctx, input }) => {
      const plan = await findPlan(ctx.db, ctx.organisationId, input.year);
      const indicator =
        plan &&
        (await ctx.db
          .selectFrom('indicators')
          .innerJoin('projects', 'projects.id', 'indicators.project_id')
          .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
          .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
          .select('indicators.id')
          .where('sectors.plan_id', '=', plan.id)
          .where('indicators.code', '=', input.code.toUpperCase())
          .executeTakeFirst());
      if (!indicator) throw refuse('NOT_FOUND', 'unknown_indicator', { value: input.code, year: input.year });
      return (await findTargetRevisions(ctx.db, indicator.id)).map((r) => ({
        id: r.id,
        period: r.period,
        kind: r.kind,
        original: r.original_value,
        revised: r.revised_value,
        reason: r.reason,
        state: r.state,
        proposedBy: r.proposed_by,
        proposedAt: r.proposed_at,
        decidedBy: r.decided_by,
        decidedAt: r.decided_at,
        decisionReason: r.decision_reason,
      }));
    }),

  proposeChange: procedure
    .meta({ permission: 'propose' })
    .input(
      z.object({
        year,
        operation: z.enum(Object.keys(operationInputs) as [OperationName, ...OperationName[]]),
        input: z.record(z.string(), z.unknown()),
        reason,
      }),
    )
    .mutation(({ ctx, input }) =>
      refusingFields(() => proposeChange(ctx.db, signedIn(ctx.principal), input, ctx.now())),
    ),
  approveChange: procedure
    .meta({ permission: 'plan' })
    .input(decision)
    .mutation(({ ctx, input }) =>
      refusingFields(() =>
        decideChange(
          ctx.db,
          signedIn(ctx.principal).user,
          input.id,
          { approve: true, reason: input.reason ?? null },
          ctx.now(),
        ),
      ),
    ),
  rejectChange: procedure
    .meta({ permission: 'plan' })
    .input(decision.extend({ reason }))
    .mutation(({ ctx, input }) =>
      decideChange(
        ctx.db,
        signedIn(ctx.principal).user,
        input.id,
        { approve: false, reason: input.reason },
        ctx.now(),
      ),
    ),
  /** The plan's proposed changes (pending ones by default), oldest first. */
  changes: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, state: z.enum(['pending', 'approved', 'rejected']).default('pending') }))
    .query(async ({ ctx, input }) => {
      const plan = await findPlan(ctx.db, ctx.organisationId, input.year);
      if (!plan) throw refuse('NOT_FOUND', 'no_such_plan', { year: input.year, years: '' });
      return (await findPlanChanges(ctx.db, plan.id, input.state)).map((c) => ({
        id: c.id,
        operation: c.operation,
        input: JSON.parse(c.payload) as unknown,
        reason: c.reason,
        state: c.state,
        proposedBy: c.proposed_by,
        proposedAt: c.proposed_at,
        decidedBy: c.decided_by,
        decidedAt: c.decided_at,
        decisionReason: c.decision_reason,
        /** Whether the reader proposed it: nobody decides their own. */
        ownProposal: ctx.principal.kind === 'user' && c.proposed_by_user_id === ctx.principal.user.id,
      }));
    }),
} satisfies TRPCRouterRecord;
