/**
 * The mayor's directives (지시사항): recorded at a report meeting by the planning office or the
 * mayor's staff, assigned to departments with a due date; an assigned department reports progress
 * and proposes completion, and only the planning office confirms it (or sends it back), so a
 * department can never close a directive alone. Every change is one transaction with its audit entry.
 */

import { dateIn } from '@tangible/core';
import {
  appendAudit,
  type Db,
  type DirectiveRecord,
  type DirectiveState,
  findDepartments,
  findDirective,
  findDirectivePlaces,
  insertDirective,
  insertProgressNote,
  setDirectiveState,
} from '@tangible/db';
import { canFollowFor, type Principal, type SignedInUser } from '../auth/policy.js';
import { refuse } from '../problems.js';
import { CITY_TIME_ZONE } from '../reporting.js';

export interface DirectiveInput {
  meetingDate: string;
  meetingName: string;
  sector: string;
  project?: string | undefined;
  indicator?: string | undefined;
  content: string;
  departments: readonly string[];
  dueDate: string;
}

/**
 * How long after its meeting a directive may fall due: two years. A directive is an instruction
 * followed up at the next report meetings (each year's plan is reviewed in January), so two years
 * spans the year it was given and the whole next one; work longer than that is a project with
 * milestones, not a directive. Beyond it a date is nearly always a mistyped year (2204 for 2024),
 * and a directive with such a date would never be overdue: it would drop silently out of the overdue
 * filter, the overview's panel, the inbox and the executives' digest.
 */
export const DIRECTIVE_YEARS_AHEAD = 2;

/**
 * What is wrong with a directive's due date against its meeting date, or null: due before the
 * meeting is refused (the same day is allowed: "by tonight"), and so is due more than
 * DIRECTIVE_YEARS_AHEAD years after it. Meeting 2024-01-15: due 2024-01-15 and 2026-01-15 pass;
 * 2024-01-14 → `directive_due_before_meeting`; 2026-01-16 → `directive_due_too_far` (latest 2026-01-15).
 */
export function directiveDueProblem(
  meetingDate: string,
  dueDate: string,
): { code: 'directive_due_before_meeting' | 'directive_due_too_far'; params: Record<string, string> } | null {
  if (dueDate < meetingDate)
    return {
      code: 'directive_due_before_meeting',
      params: { field: 'dueDate', due: dueDate, meeting: meetingDate },
    };
  const meeting = new Date(`${meetingDate}T00:00:00Z`);
  const latest = new Date(meeting);
  latest.setUTCFullYear(meeting.getUTCFullYear() + DIRECTIVE_YEARS_AHEAD);
  // Two years from 29 February end on 28 February (Date would roll over into 1 March).
  if (latest.getUTCMonth() !== meeting.getUTCMonth()) latest.setUTCDate(0);
  const last = latest.toISOString().slice(0, 10);
  if (dueDate > last)
    return {
      code: 'directive_due_too_far',
      params: {
        field: 'dueDate',
        due: dueDate,
        meeting: meetingDate,
        latest: last,
        years: String(DIRECTIVE_YEARS_AHEAD),
      },
    };
  return null;
}

function userOf(principal: Principal): SignedInUser {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  return principal.user;
}

/** Whether a directive not done is past its due date on the city's today. */
export function isOverdue(directive: { due_date: string; state: DirectiveState }, today: string): boolean {
  return directive.state !== 'done' && directive.due_date < today;
}

export function cityToday(now: Date): string {
  return dateIn(CITY_TIME_ZONE, now);
}

/** Records a directive and its assignments; its audit entry is the first line of its history. */
export async function recordDirective(
  db: Db,
  principal: Principal,
  plan: { id: number; year: number; organisation_id: number },
  input: DirectiveInput,
  now: Date,
): Promise<{ id: number }> {
  const user = userOf(principal);
  const codes = {
    sector: input.sector.toUpperCase(),
    project: input.project?.toUpperCase(),
    indicator: input.indicator?.toUpperCase(),
  };
  // A directive is recorded at or after its meeting, and a plan's meetings begin the year before it
  // (its planning): a meeting dated after today or before then is a mistyped year, whose directive
  // would never fall due. A plan is reviewed in meetings for years after it, so no later bound.
  const from = `${plan.year - 1}-01-01`;
  const to = cityToday(now);
  if (input.meetingDate < from || input.meetingDate > to)
    throw refuse('BAD_REQUEST', 'directive_meeting_outside_plan', {
      field: 'meetingDate',
      meeting: input.meetingDate,
      year: plan.year,
      from,
      to,
    });
  const late = directiveDueProblem(input.meetingDate, input.dueDate);
  if (late) throw refuse('BAD_REQUEST', late.code, late.params);
  const places = await findDirectivePlaces(db, plan.id, codes);
  if (!places.sector)
    throw refuse('NOT_FOUND', 'no_such_sector', { code: codes.sector, year: plan.year, sectors: '' });
  for (const [kind, place] of [
    ['project', places.project],
    ['indicator', places.indicator],
  ] as const) {
    const asked = codes[kind];
    if (asked === undefined) continue;
    if (!place) throw refuse('NOT_FOUND', 'plan_no_such_thing', { code: asked, year: plan.year });
    if (place.sector_id !== places.sector.id)
      throw refuse('BAD_REQUEST', 'directive_target_elsewhere', { code: asked, sector: codes.sector });
  }
  const known = new Map((await findDepartments(db, plan.organisation_id)).map((d) => [d.code, d.id]));
  const wanted = [...new Set(input.departments.map((d) => d.toUpperCase()))];
  const unknown = wanted.filter((code) => !known.has(code));
  if (unknown.length > 0)
    throw refuse('BAD_REQUEST', 'directive_unknown_departments', { codes: unknown.join(', ') });
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertDirective(trx, {
      planId: plan.id,
      sectorId: places.sector?.id ?? 0,
      projectId: places.project?.id ?? null,
      indicatorId: places.indicator?.id ?? null,
      meetingDate: input.meetingDate,
      meetingName: input.meetingName,
      content: input.content,
      dueDate: input.dueDate,
      departmentIds: wanted.map((code) => known.get(code) ?? 0),
      recordedByUserId: user.id,
      recordedBy: user.displayName,
      recordedAt: at,
    });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'directive.record',
      entityType: 'directive',
      entityId: String(id),
      indicatorId: places.indicator?.id ?? null,
      after: { ...input, ...codes, departments: wanted, state: 'open' },
    });
    return { id };
  });
}

async function directiveOf(db: Db, planId: number, id: number): Promise<DirectiveRecord> {
  const directive = await findDirective(db, planId, id);
  if (!directive) throw refuse('NOT_FOUND', 'no_such_directive', { id });
  return directive;
}

/**
 * An assigned department's progress report, optionally proposing completion: the directive moves
 * from open to in progress, or to proposed. The planning office may write on any directive; a bureau
 * head only on one assigned to their department.
 */
export async function reportDirectiveProgress(
  db: Db,
  principal: Principal,
  plan: { id: number },
  input: { id: number; note: string; proposeCompletion: boolean },
  now: Date,
): Promise<{ id: number; state: DirectiveState }> {
  const user = userOf(principal);
  const directive = await directiveOf(db, plan.id, input.id);
  if (!directive.departments.some((d) => canFollowFor(principal, d.id)))
    throw refuse('FORBIDDEN', 'directive_not_yours', { id: input.id });
  if (directive.state === 'done') throw refuse('CONFLICT', 'directive_done', { id: input.id });
  // A proposal already made stays proposed when more progress is reported on it.
  const next: DirectiveState =
    input.proposeCompletion || directive.state === 'proposed' ? 'proposed' : 'in_progress';
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    if (!(await setDirectiveState(trx, directive.id, ['open', 'in_progress', 'proposed'], next, at)))
      throw refuse('CONFLICT', 'directive_done', { id: input.id });
    await insertProgressNote(trx, {
      subject: { directiveId: directive.id },
      departmentId: user.departmentId,
      note: input.note,
      writtenByUserId: user.id,
      writtenBy: user.displayName,
      writtenAt: at,
    });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: input.proposeCompletion ? 'directive.propose' : 'directive.progress',
      entityType: 'directive',
      entityId: String(directive.id),
      indicatorId: directive.indicator_id,
      before: { state: directive.state },
      after: { state: next, note: input.note, department: user.departmentCode },
    });
  });
  return { id: directive.id, state: next };
}

/**
 * The planning office's decision on a proposed completion: confirmed, the directive is done; sent
 * back (with a reason), it is in progress again. Only a proposed directive is decided.
 */
export async function decideDirective(
  db: Db,
  principal: Principal,
  plan: { id: number },
  input: { id: number; confirm: boolean; reason?: string | undefined },
  now: Date,
): Promise<{ id: number; state: DirectiveState }> {
  const user = userOf(principal);
  const directive = await directiveOf(db, plan.id, input.id);
  if (directive.state === 'done') throw refuse('CONFLICT', 'directive_done', { id: input.id });
  const to: DirectiveState = input.confirm ? 'done' : 'in_progress';
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    if (!(await setDirectiveState(trx, directive.id, ['proposed'], to, at)))
      throw refuse('CONFLICT', 'directive_not_proposed', { id: input.id });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: input.confirm ? 'directive.confirm' : 'directive.reopen',
      entityType: 'directive',
      entityId: String(directive.id),
      indicatorId: directive.indicator_id,
      before: { state: directive.state },
      after: { state: to },
      reason: input.reason ?? null,
    });
  });
  return { id: directive.id, state: to };
}
