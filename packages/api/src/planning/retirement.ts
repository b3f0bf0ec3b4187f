/**
 * Taking things out of a plan. A thing with history (an indicator with reported values, a
 * milestone with a forecast or actual date, or anything holding one) is retired: it stays, with its
 * history, and counts in no figure. Only a draft's things without history may be deleted.
 * Retiring or deleting a sector, strategy or project takes everything under it with it.
 */

import {
  buildPlanFigures,
  deleteRows,
  type PlanLevel,
  type PlanShape,
  refreshIndicators,
  refreshTrack,
  retireRows,
  withHistory,
} from '@tangible/db';
import type { OperationInput } from './inputs.js';
import type { EditScope, Thing } from './scope.js';

interface Descendants {
  strategies: number[];
  projects: number[];
  indicators: number[];
  milestones: number[];
}

/** The thing and everything under it, by level. */
function descendants(shape: PlanShape, level: PlanLevel, id: number): Descendants {
  const under = <T extends { id: number; parent_id: number }>(rows: T[], parents: number[]) =>
    rows.filter((r) => parents.includes(r.parent_id)).map((r) => r.id);
  const strategies = level === 'sector' ? under(shape.strategies, [id]) : level === 'strategy' ? [id] : [];
  const projects = level === 'project' ? [id] : under(shape.projects, strategies);
  const indicators = level === 'indicator' ? [id] : under(shape.indicators, projects);
  const milestones = level === 'milestone' ? [id] : under(shape.milestones, projects);
  return { strategies, projects, indicators, milestones };
}

/** Where a thing's department is: its own for projects, indicators and milestones; the office's for the rest. */
function departmentOf(level: PlanLevel, thing: Thing): number | null {
  return level === 'project' || level === 'indicator' || level === 'milestone'
    ? (thing as { department_id: number }).department_id
    : null;
}

/** Stored figures after things left the plan: one indicator or milestone is refreshed, a container rebuilds the plan. */
async function refreshAfterLeaving(s: EditScope, level: PlanLevel, thing: Thing, deleted: boolean) {
  // A deleted indicator's stored figures went with it (they cascade), so the cell it sat in is no
  // longer known to a refresh: the plan is rebuilt (deleting happens in drafts only).
  if (level === 'indicator' && !deleted) await refreshIndicators(s.trx, [thing.id]);
  else if (level === 'milestone') await refreshTrack(s.trx, (thing as { parent_id: number }).parent_id);
  else await buildPlanFigures(s.trx, s.plan.id, s.at);
}

export async function retire(s: EditScope, input: OperationInput<'retire'>) {
  const thing = s.find(input.level, input.code, 'code');
  if (thing) s.touched.push(departmentOf(input.level, thing));
  s.check();
  if (!thing) return null;
  const under = descendants(s.shape, input.level, thing.id);
  if (input.level === 'sector') await retireRows(s.trx, 'sector', [thing.id], s.at);
  await retireRows(s.trx, 'strategy', under.strategies, s.at);
  await retireRows(s.trx, 'project', under.projects, s.at);
  await retireRows(s.trx, 'indicator', under.indicators, s.at);
  await retireRows(s.trx, 'milestone', under.milestones, s.at);
  await refreshAfterLeaving(s, input.level, thing, false);
  await s.audit({
    action: `plan.${input.level}.retire`,
    level: input.level,
    id: thing.id,
    after: { retired_at: s.at, ...under },
  });
  return { id: thing.id, code: thing.code, retired: s.at };
}

export async function remove(s: EditScope, input: OperationInput<'remove'>) {
  const thing = s.find(input.level, input.code, 'code', { retired: true });
  if (thing) s.touched.push(departmentOf(input.level, thing));
  if (thing && s.plan.status === 'confirmed')
    s.fail('code', 'plan_delete_confirmed', { level: input.level, code: thing.code });
  s.check();
  if (!thing) return null;
  const under = descendants(s.shape, input.level, thing.id);
  const history = await withHistory(s.trx, under.indicators, under.milestones);
  if (history.indicators + history.milestones > 0)
    s.fail('code', 'plan_has_history', { level: input.level, code: thing.code });
  s.check();
  await deleteRows(s.trx, input.level, [thing.id]);
  await refreshAfterLeaving(s, input.level, thing, true);
  await s.audit({
    action: `plan.${input.level}.delete`,
    level: input.level,
    id: thing.id,
    before: { code: thing.code, ...under },
  });
  return { id: thing.id, code: thing.code, deleted: true };
}
