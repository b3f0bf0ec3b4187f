/**
 * The plan editor: creating and editing sectors, strategies, projects and milestones (indicators:
 * indicators.ts).
 * Codes are given once and never edited (they name a thing in every export and import). Each
 * operation is one transaction (scope.ts) with its audit entry and the refresh of the figures it
 * moves; once a plan is confirmed, its targets change only by a revision (lifecycle.ts).
 */

import { nextPosition, refreshTrack } from '@tangible/db';
import type { OperationInput } from './inputs.js';
import { codeOf, type EditScope } from './scope.js';

type Pairs = { ko: string; en: string };
export const split = (prefix: string, pair: Pairs | undefined) =>
  pair ? { [`${prefix}_ko`]: pair.ko, [`${prefix}_en`]: pair.en } : {};
export const optionalPair = (prefix: string, pair: Pairs | null | undefined) =>
  pair === undefined ? {} : { [`${prefix}_ko`]: pair?.ko || null, [`${prefix}_en`]: pair?.en || null };

export async function createSector(s: EditScope, input: OperationInput<'createSector'>) {
  s.claim('sector', input.code);
  s.touched.push(null);
  s.check();
  const row = {
    plan_id: s.plan.id,
    code: codeOf(input.code),
    position: await nextPosition(s.trx, 'sector', s.plan.id),
    ...split('name', input.name),
    ...split('goal', input.goal),
  } as const;
  const { id } = await s.trx
    .insertInto('sectors')
    .values(row as typeof row & { name_ko: string; name_en: string; goal_ko: string; goal_en: string })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.audit({ action: 'plan.sector.create', level: 'sector', id, after: row });
  return { id, code: row.code };
}

export async function editSector(s: EditScope, input: OperationInput<'editSector'>) {
  const sector = s.find('sector', input.code, 'code');
  s.touched.push(null);
  s.check();
  if (!sector) return null;
  const set = { ...split('name', input.name), ...split('goal', input.goal) };
  const before = await s.trx.selectFrom('sectors').selectAll().where('id', '=', sector.id).executeTakeFirst();
  if (Object.keys(set).length > 0)
    await s.trx.updateTable('sectors').set(set).where('id', '=', sector.id).execute();
  await s.audit({ action: 'plan.sector.edit', level: 'sector', id: sector.id, before, after: set });
  return { id: sector.id, code: sector.code };
}

export async function createStrategy(s: EditScope, input: OperationInput<'createStrategy'>) {
  const sector = s.find('sector', input.sector, 'sector');
  s.claim('strategy', input.code);
  s.touched.push(null);
  s.check();
  if (!sector) return null;
  const row = {
    sector_id: sector.id,
    code: codeOf(input.code),
    position: await nextPosition(s.trx, 'strategy', sector.id),
    name_ko: input.name.ko,
    name_en: input.name.en,
  };
  const { id } = await s.trx.insertInto('strategies').values(row).returning('id').executeTakeFirstOrThrow();
  await s.audit({ action: 'plan.strategy.create', level: 'strategy', id, after: row });
  return { id, code: row.code };
}

export async function editStrategy(s: EditScope, input: OperationInput<'editStrategy'>) {
  const strategy = s.find('strategy', input.code, 'code');
  s.touched.push(null);
  s.check();
  if (!strategy) return null;
  const set = split('name', input.name);
  if (Object.keys(set).length > 0)
    await s.trx.updateTable('strategies').set(set).where('id', '=', strategy.id).execute();
  await s.audit({ action: 'plan.strategy.edit', level: 'strategy', id: strategy.id, after: set });
  return { id: strategy.id, code: strategy.code };
}

export async function createProject(s: EditScope, input: OperationInput<'createProject'>) {
  const strategy = s.find('strategy', input.strategy, 'strategy');
  s.claim('project', input.code);
  const department = await s.department(input.department);
  s.touched.push(department ?? null);
  s.check();
  if (!strategy || department === undefined) return null;
  const row = {
    strategy_id: strategy.id,
    code: codeOf(input.code),
    position: await nextPosition(s.trx, 'project', strategy.id),
    name_ko: input.name.ko,
    name_en: input.name.en,
    department_id: department,
  };
  const { id } = await s.trx.insertInto('projects').values(row).returning('id').executeTakeFirstOrThrow();
  await s.audit({ action: 'plan.project.create', level: 'project', id, after: row });
  return { id, code: row.code };
}

export async function editProject(s: EditScope, input: OperationInput<'editProject'>) {
  const project = s.find('project', input.code, 'code') as
    | { id: number; code: string; department_id: number }
    | undefined;
  const department = input.department === undefined ? undefined : await s.department(input.department);
  s.touched.push(project?.department_id ?? null);
  if (department !== undefined) s.touched.push(department);
  s.check();
  if (!project) return null;
  const set = {
    ...split('name', input.name),
    ...(department === undefined ? {} : { department_id: department }),
  };
  if (Object.keys(set).length > 0)
    await s.trx.updateTable('projects').set(set).where('id', '=', project.id).execute();
  await s.audit({ action: 'plan.project.edit', level: 'project', id: project.id, after: set });
  return { id: project.id, code: project.code };
}

export async function createMilestone(s: EditScope, input: OperationInput<'createMilestone'>) {
  const project = s.find('project', input.project, 'project');
  s.claim('milestone', input.code);
  const department = await s.department(input.department);
  s.touched.push(department ?? null);
  s.check();
  if (!project || department === undefined) return null;
  const row = {
    project_id: project.id,
    department_id: department,
    code: codeOf(input.code),
    position: await nextPosition(s.trx, 'milestone', project.id),
    name_ko: input.name.ko,
    name_en: input.name.en,
    planned_date: input.plannedDate,
    weight: input.weight,
    source: input.source,
    status: 'active' as const,
  };
  const { id } = await s.trx.insertInto('milestones').values(row).returning('id').executeTakeFirstOrThrow();
  await refreshTrack(s.trx, project.id);
  await s.audit({ action: 'plan.milestone.create', level: 'milestone', id, after: row });
  return { id, code: row.code };
}

export async function editMilestone(s: EditScope, input: OperationInput<'editMilestone'>) {
  const found = s.find('milestone', input.code, 'code') as
    | { id: number; code: string; parent_id: number; department_id: number }
    | undefined;
  const department = input.department === undefined ? undefined : await s.department(input.department);
  s.touched.push(found?.department_id ?? null);
  if (department !== undefined) s.touched.push(department);
  const before = found
    ? await s.trx.selectFrom('milestones').selectAll().where('id', '=', found.id).executeTakeFirst()
    : undefined;
  // A confirmed plan's planned date is what the milestone is measured against, as a target is: moved
  // in place, the slippage it measures would vanish with no reason kept. The forecast date says
  // when it will be done now (reports.updateMilestone).
  if (
    before &&
    s.plan.status === 'confirmed' &&
    input.plannedDate !== undefined &&
    input.plannedDate !== before.planned_date
  )
    s.fail('plannedDate', 'plan_planned_date_fixed', { code: before.code, date: before.planned_date ?? '' });
  s.check();
  if (!found) return null;
  const set = {
    ...split('name', input.name),
    ...(department === undefined ? {} : { department_id: department }),
    ...(input.plannedDate === undefined ? {} : { planned_date: input.plannedDate }),
    ...(input.weight === undefined ? {} : { weight: input.weight }),
    ...(input.source === undefined ? {} : { source: input.source }),
  };
  if (Object.keys(set).length > 0)
    await s.trx.updateTable('milestones').set(set).where('id', '=', found.id).execute();
  await refreshTrack(s.trx, found.parent_id);
  await s.audit({ action: 'plan.milestone.edit', level: 'milestone', id: found.id, before, after: set });
  return { id: found.id, code: found.code };
}
