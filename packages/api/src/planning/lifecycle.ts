/**
 * A plan's life after drafting: the planning office confirms it (확정), and from then on a target
 * changes only by a revision: proposed with a reason, kept beside the original, decided by someone
 * other than its proposer. An approved revision's value is the target the stored figures are
 * computed against from the approving transaction on (figures/inputs.ts, effectiveTargets).
 */

import {
  appendAudit,
  buildPlanFigures,
  confirmPlanRow,
  type Db,
  findIndicatorPlan,
  findPlan,
  findTargetRevision,
  refreshIndicators,
} from '@tangible/db';
import { canProposeFor, type Principal, type SignedInUser } from '../auth/policy.js';
import { refuse } from '../problems.js';
import { codeOf, withPlan } from './scope.js';
import { fieldError, PlanValidationError, targetProblem } from './validation.js';

export interface NewPlan {
  year: number;
  name: { ko: string; en: string };
  coreGoal: { ko: string; en: string };
  source: string;
}

/** Starts an empty draft plan of a year for the user's organisation (one plan a year). */
export async function createPlan(db: Db, user: SignedInUser, input: NewPlan, now: Date) {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    if (await findPlan(trx, user.organisationId, input.year))
      throw new PlanValidationError([fieldError('year', 'plan_year_exists', { year: input.year })]);
    const row = {
      organisation_id: user.organisationId,
      year: input.year,
      name_ko: input.name.ko,
      name_en: input.name.en,
      core_goal_ko: input.coreGoal.ko,
      core_goal_en: input.coreGoal.en,
      source: input.source,
      status: 'draft' as const,
    };
    const { id } = await trx.insertInto('plans').values(row).returning('id').executeTakeFirstOrThrow();
    // Its (empty) stored figures, so that its screens open like any plan's.
    await buildPlanFigures(trx, id, at);
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'plan.create',
      entityType: 'plan',
      entityId: String(id),
      after: row,
    });
    return { id, year: input.year, status: 'draft' as const };
  });
}

export async function confirmPlan(db: Db, user: SignedInUser, year: number, now: Date) {
  return withPlan(db, user, year, now, async (s) => {
    if (s.plan.status === 'confirmed') throw refuse('CONFLICT', 'plan_already_confirmed', { year });
    if (!s.shape.indicators.some((i) => i.retired_at === null))
      throw refuse('BAD_REQUEST', 'plan_nothing_to_confirm', { year });
    await confirmPlanRow(s.trx, s.plan.id, user.id, s.at);
    await s.audit({
      action: 'plan.confirm',
      level: 'plan',
      id: s.plan.id,
      before: { status: 'draft' },
      after: { status: 'confirmed', confirmed_at: s.at },
    });
    return { year, status: 'confirmed' as const, confirmedAt: s.at };
  });
}

export interface RevisionProposal {
  year: number;
  code: string;
  /** The target's period: the year (`2024`) for the annual target, or an interim target's period. */
  period: string;
  value: number;
  reason: string;
}

/** The effective target of an indicator's period: the last approved revision's value, or the planned one. */
async function currentTarget(db: Db, indicatorId: number, period: string) {
  const planned = await db
    .selectFrom('targets')
    .select(['kind', 'value'])
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .executeTakeFirst();
  if (!planned) return null;
  const revised = await db
    .selectFrom('target_revisions')
    .select('revised_value')
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .where('state', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { kind: planned.kind, planned: planned.value, value: revised?.revised_value ?? planned.value };
}

export async function proposeRevision(
  db: Db,
  principal: Principal & { kind: 'user' },
  input: RevisionProposal,
  now: Date,
) {
  const { user } = principal;
  return withPlan(db, user, input.year, now, async (s) => {
    const found = s.find('indicator', input.code, 'code') as
      | { id: number; code: string; department_id: number }
      | undefined;
    s.check();
    if (!found) return null;
    if (!canProposeFor(principal, found.department_id)) {
      const department = await s.trx
        .selectFrom('departments')
        .select('code')
        .where('id', '=', found.department_id)
        .executeTakeFirst();
      throw refuse('FORBIDDEN', 'plan_not_your_department', {
        code: found.code,
        department: department?.code ?? '',
      });
    }
    if (s.plan.status === 'draft') throw refuse('BAD_REQUEST', 'plan_is_draft', { year: s.plan.year });
    const period = input.period.trim();
    const target = await currentTarget(s.trx, found.id, period);
    if (!target)
      throw new PlanValidationError([
        fieldError('period', 'plan_no_such_target', { code: found.code, period }),
      ]);
    // A revised target is a target: it fits the indicator's unit as the planned one must.
    const indicator = await s.trx
      .selectFrom('indicators')
      .select('unit')
      .where('id', '=', found.id)
      .executeTakeFirstOrThrow();
    const unfit = targetProblem('value', indicator.unit, input.value);
    if (unfit) throw new PlanValidationError([unfit]);
    if (target.value === input.value)
      throw new PlanValidationError([
        fieldError('value', 'plan_revision_same_value', { value: input.value }),
      ]);
    const waiting = await s.trx
      .selectFrom('target_revisions')
      .select('id')
      .where('indicator_id', '=', found.id)
      .where('period', '=', period)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (waiting)
      throw refuse('CONFLICT', 'plan_revision_pending', { code: found.code, period, id: waiting.id });
    const row = {
      indicator_id: found.id,
      period,
      kind: target.kind,
      original_value: target.planned,
      revised_value: input.value,
      reason: input.reason,
      proposed_by_user_id: user.id,
      proposed_by: user.displayName,
      proposed_at: s.at,
    };
    const { id } = await s.trx
      .insertInto('target_revisions')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(s.trx, {
      organisationId: user.organisationId,
      at: s.at,
      actorUserId: user.id,
      actor: user.username,
      action: 'plan.revision.propose',
      entityType: 'target_revision',
      entityId: String(id),
      indicatorId: found.id,
      before: { period, value: target.value },
      after: { period, value: input.value, state: 'pending' },
      reason: input.reason,
    });
    return {
      id,
      code: codeOf(found.code),
      period,
      original: target.planned,
      current: target.value,
      revised: input.value,
    };
  });
}

/**
 * Approves or rejects a pending revision of the user's organisation; an approval moves the
 * indicator's stored figures in the same transaction.
 */
export async function decideRevision(
  db: Db,
  user: SignedInUser,
  id: number,
  decision: { approve: boolean; reason: string | null },
  now: Date,
) {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const revision = await findTargetRevision(trx, id);
    const place = revision && (await findIndicatorPlan(trx, revision.indicator_id));
    if (revision?.state !== 'pending' || place?.organisation_id !== user.organisationId)
      throw refuse('NOT_FOUND', 'plan_no_pending_revision', { id });
    if (revision.proposed_by_user_id === user.id) throw refuse('FORBIDDEN', 'plan_self_decision');
    const state = decision.approve ? ('approved' as const) : ('rejected' as const);
    await trx
      .updateTable('target_revisions')
      .set({
        state,
        decided_by_user_id: user.id,
        decided_by: user.displayName,
        decided_at: at,
        decision_reason: decision.reason,
      })
      .where('id', '=', id)
      .execute();
    if (decision.approve) await refreshIndicators(trx, [revision.indicator_id]);
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: decision.approve ? 'plan.revision.approve' : 'plan.revision.reject',
      entityType: 'target_revision',
      entityId: String(id),
      indicatorId: revision.indicator_id,
      before: {
        period: revision.period,
        original: revision.original_value,
        revised: revision.revised_value,
        state: 'pending',
      },
      after: { state },
      reason: decision.reason,
    });
    return { id, state, code: place.code, period: revision.period };
  });
}
