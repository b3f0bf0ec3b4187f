/**
 * The editor's operations by name, carried out directly by the planning office, or proposed by a
 * bureau head for their own department and carried out when the planning office approves. A
 * proposal is checked when it is made by carrying the operation out and rolling it back: the same
 * rules, the same field problems, and the departments it touches.
 */

import { appendAudit, type Db, findPlanChange } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { canProposeFor, type Principal, type SignedInUser } from '../auth/policy.js';
import { refuse } from '../problems.js';
import {
  createMilestone,
  createProject,
  createSector,
  createStrategy,
  editMilestone,
  editProject,
  editSector,
  editStrategy,
} from './editor.js';
import { createIndicator, editIndicator } from './indicators.js';
import { type OperationInput, type OperationName, operationInputs } from './inputs.js';
import { remove, retire } from './retirement.js';
import { type EditScope, withPlan } from './scope.js';

type Run<N extends OperationName> = (s: EditScope, input: OperationInput<N>) => Promise<unknown>;

export const operations: { [N in OperationName]: Run<N> } = {
  createSector,
  editSector,
  createStrategy,
  editStrategy,
  createProject,
  editProject,
  createIndicator,
  editIndicator,
  createMilestone,
  editMilestone,
  retire,
  remove,
};

/** Carries out an operation of the editor, in one transaction (the caller's, when it holds one). */
export function carryOut<N extends OperationName>(
  db: Db,
  user: SignedInUser,
  name: N,
  input: OperationInput<N>,
  now: Date,
) {
  return withPlan(db, user, input.year, now, (s) => (operations[name] as Run<N>)(s, input));
}

/** The input of an operation named in a proposal, checked by that operation's own schema. */
function parsed(name: OperationName, payload: unknown) {
  const result = operationInputs[name].safeParse(payload);
  if (!result.success)
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'invalid input', cause: result.error });
  return result.data;
}

class RolledBack extends Error {
  constructor(readonly touched: (number | null)[]) {
    super('rolled back');
  }
}

export interface ChangeProposal {
  year: number;
  operation: OperationName;
  input: unknown;
  reason: string;
}

/**
 * Proposes a change of the plan: refused like the operation itself would be (its field problems),
 * and refused unless every department it touches is one the proposer may propose for.
 */
export async function proposeChange(
  db: Db,
  principal: Principal & { kind: 'user' },
  proposal: ChangeProposal,
  now: Date,
) {
  const { user } = principal;
  const input = parsed(proposal.operation, {
    ...(proposal.input as object),
    year: proposal.year,
  }) as OperationInput<OperationName>;
  let touched: (number | null)[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      await withPlan(trx, user, proposal.year, now, async (s) => {
        await (operations[proposal.operation] as Run<OperationName>)(s, input);
        throw new RolledBack(s.touched);
      });
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    touched = error.touched;
  }
  const department = touched[0] ?? null;
  if (department === null || touched.some((d) => d === null || !canProposeFor(principal, d))) {
    const own = await db
      .selectFrom('departments')
      .select('code')
      .where('id', '=', department ?? 0)
      .executeTakeFirst();
    throw refuse('FORBIDDEN', 'plan_not_your_department', {
      code: 'code' in input ? String(input.code).toUpperCase() : '',
      department: own?.code ?? '',
    });
  }
  return db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom('plans')
      .select('id')
      .where('organisation_id', '=', user.organisationId)
      .where('year', '=', proposal.year)
      .executeTakeFirstOrThrow();
    const at = now.toISOString();
    const { id } = await trx
      .insertInto('plan_changes')
      .values({
        plan_id: plan.id,
        department_id: department,
        operation: proposal.operation,
        payload: JSON.stringify(input),
        reason: proposal.reason,
        proposed_by_user_id: user.id,
        proposed_by: user.displayName,
        proposed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'plan.change.propose',
      entityType: 'plan_change',
      entityId: String(id),
      after: { operation: proposal.operation, input, state: 'pending' },
      reason: proposal.reason,
    });
    return { id, state: 'pending' as const };
  });
}

/** Approves (carrying the operation out, in the same transaction) or rejects a pending change. */
export async function decideChange(
  db: Db,
  user: SignedInUser,
  id: number,
  decision: { approve: boolean; reason: string | null },
  now: Date,
) {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const change = await findPlanChange(trx, id);
    const plan =
      change &&
      (await trx
        .selectFrom('plans')
        .select(['organisation_id', 'year'])
        .where('id', '=', change.plan_id)
        .executeTakeFirst());
    if (change?.state !== 'pending' || plan?.organisation_id !== user.organisationId)
      throw refuse('NOT_FOUND', 'plan_no_pending_change', { id });
    if (change.proposed_by_user_id === user.id) throw refuse('FORBIDDEN', 'plan_self_decision');
    const state = decision.approve ? ('approved' as const) : ('rejected' as const);
    const operation = change.operation as OperationName;
    const result = decision.approve
      ? await carryOut(
          trx,
          user,
          operation,
          parsed(operation, JSON.parse(change.payload)) as OperationInput<OperationName>,
          now,
        )
      : null;
    await trx
      .updateTable('plan_changes')
      .set({
        state,
        decided_by_user_id: user.id,
        decided_by: user.displayName,
        decided_at: at,
        decision_reason: decision.reason,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: decision.approve ? 'plan.change.approve' : 'plan.change.reject',
      entityType: 'plan_change',
      entityId: String(id),
      before: { operation, state: 'pending' },
      after: { state },
      reason: decision.reason,
    });
    return { id, state, result };
  });
}
