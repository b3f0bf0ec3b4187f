/**
 * Corrective actions for an indicator at risk or off track: an owner department, a due date and a
 * state (planned, in progress, done, or dropped with its reason), with progress notes. The owner
 * department keeps them (the planning office any); every change is one transaction with its audit entry.
 */

import {
  type ActionState,
  appendAudit,
  type CorrectiveActionRecord,
  type Db,
  findCorrectiveAction,
  findDepartments,
  findIndicatorByCode,
  insertCorrectiveAction,
  insertProgressNote,
  OPEN_ACTION_STATES,
  updateCorrectiveAction,
} from '@tangible/db';
import { canFollowFor, type Principal, type SignedInUser } from '../auth/policy.js';
import { type ResolvedView, storedIndicators } from '../figures.js';
import { refuse } from '../problems.js';

function userOf(principal: Principal): SignedInUser {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  return principal.user;
}

/** Whether an open action is past its due date on the city's today. */
export function isActionOverdue(action: { due_date: string; state: ActionState }, today: string): boolean {
  return OPEN_ACTION_STATES.includes(action.state) && action.due_date < today;
}

export interface NewActionInput {
  indicator: string;
  /** The owner department; the indicator's own when left out. */
  department?: string | undefined;
  title: string;
  dueDate: string;
}

/** Adds an action to an indicator that is at risk or off track at the view's as-of month. */
export async function addCorrectiveAction(
  db: Db,
  principal: Principal,
  resolved: ResolvedView,
  input: NewActionInput,
  now: Date,
): Promise<{ id: number }> {
  const user = userOf(principal);
  const code = input.indicator.toUpperCase();
  const indicator = await findIndicatorByCode(db, resolved.plan.id, code);
  if (!indicator || indicator.retired_at !== null)
    throw refuse('NOT_FOUND', 'no_such_indicator', { code, year: resolved.plan.year });
  const [evaluation] = await storedIndicators(db, resolved, { indicatorCode: code });
  const status = evaluation?.view.figures.status;
  if (status !== 'at_risk' && status !== 'off_track')
    throw refuse('CONFLICT', 'action_indicator_on_track', { code });
  // Only the indicator's own department (or the planning office) adds to its actions: naming
  // one's own department as the owner does not open another department's indicator.
  if (!canFollowFor(principal, indicator.department_id))
    throw refuse('FORBIDDEN', 'not_yours', { code, department: indicator.department_code });
  let departmentId = indicator.department_id;
  if (input.department !== undefined) {
    const wanted = input.department.toUpperCase();
    const found = (await findDepartments(db, user.organisationId)).find((d) => d.code === wanted);
    if (!found) throw refuse('NOT_FOUND', 'no_such_department', { code: wanted });
    departmentId = found.id;
  }
  if (!canFollowFor(principal, departmentId))
    throw refuse('FORBIDDEN', 'not_yours', { code, department: indicator.department_code });
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertCorrectiveAction(trx, {
      indicatorId: indicator.id,
      departmentId,
      title: input.title,
      dueDate: input.dueDate,
      createdByUserId: user.id,
      createdBy: user.displayName,
      at,
    });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'action.add',
      entityType: 'corrective_action',
      entityId: String(id),
      indicatorId: indicator.id,
      after: { title: input.title, dueDate: input.dueDate, state: 'planned', status },
    });
    return { id };
  });
}

export interface ActionChange {
  id: number;
  state?: ActionState | undefined;
  dueDate?: string | undefined;
  dropReason?: string | undefined;
  note?: string | undefined;
}

/** A change of state or due date, or a progress note, by the owner department (or the planning office). */
export async function changeCorrectiveAction(
  db: Db,
  principal: Principal,
  plan: { id: number },
  change: ActionChange,
  now: Date,
): Promise<{ id: number; state: ActionState }> {
  const user = userOf(principal);
  const action: CorrectiveActionRecord | undefined = await findCorrectiveAction(db, plan.id, change.id);
  if (!action) throw refuse('NOT_FOUND', 'no_such_action', { id: change.id });
  if (!canFollowFor(principal, action.department_id))
    throw refuse('FORBIDDEN', 'action_not_yours', { id: change.id, department: action.department_code });
  if (!OPEN_ACTION_STATES.includes(action.state))
    throw refuse('CONFLICT', 'action_closed', { id: change.id, state: action.state });
  const state = change.state ?? action.state;
  const dropReason = state === 'dropped' ? (change.dropReason?.trim() ?? '') : null;
  if (dropReason === '') throw refuse('BAD_REQUEST', 'action_drop_reason_required');
  const dueDate = change.dueDate ?? action.due_date;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Closed by another change since it was read: that change stands, this one writes nothing.
    if (!(await updateCorrectiveAction(trx, action.id, { state, dropReason, dueDate, at }))) {
      const closed = await findCorrectiveAction(trx, plan.id, action.id);
      throw refuse('CONFLICT', 'action_closed', { id: change.id, state: closed?.state ?? state });
    }
    if (change.note)
      await insertProgressNote(trx, {
        subject: { actionId: action.id },
        departmentId: user.departmentId,
        note: change.note,
        writtenByUserId: user.id,
        writtenBy: user.displayName,
        writtenAt: at,
      });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'action.update',
      entityType: 'corrective_action',
      entityId: String(action.id),
      indicatorId: action.indicator_id,
      before: { state: action.state, dueDate: action.due_date },
      after: { state, dueDate, note: change.note ?? null },
      reason: dropReason,
    });
  });
  return { id: action.id, state };
}
