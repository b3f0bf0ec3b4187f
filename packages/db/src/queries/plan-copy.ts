/**
 * Next year's draft from this year's plan (copy-forward, issue 12.3): the structure with the same
 * codes (a code names one series across years), each indicator's baseline from the source year's
 * stored actual, proposed targets (packages/core next-year.ts), unfinished milestones at their
 * current forecast. The planning office's procedure (packages/api planning/copy-forward.ts) and the
 * seed's second year (seed/next-year.ts) both make a year through this one function.
 */

import { formatPeriod, parsePeriod, proposedTarget, rescaledInterim } from '@tangible/core';
import type { Db } from '../connection.js';
import { buildPlanFigures } from '../figures/refresh.js';
import { inTransaction } from '../transaction.js';
import { appendAudit } from './audit.js';
import { inIdList } from './id-list.js';

export interface PlanCopyRequest {
  organisationId: number;
  fromYear: number;
  toYear: number;
  /** Who asks: a user, or the seed (`userId` null). */
  actor: { userId: number | null; name: string };
  at: string;
}

export type PlanCopyRefusal =
  | { refused: 'no_such_plan'; params: { year: number; years: string } }
  | { refused: 'plan_year_exists'; params: { year: number } }
  | { refused: 'plan_copy_from_draft'; params: { year: number } };

export interface PlanCopySummary {
  planId: number;
  fromYear: number;
  toYear: number;
  sectors: number;
  strategies: number;
  projects: number;
  indicators: number;
  /** Indicators whose baseline is the source year's stored actual (baseline_year = fromYear). */
  baselinesFromActuals: number;
  /** Indicators with no actual in the source year: their source baseline is kept (codes). */
  baselinesKept: string[];
  /** Baselines from a year not fully reported (fewer periods reported than due by December; codes). */
  baselinesFromPartYear: string[];
  milestonesCarried: number;
  /** Finished (or cancelled) milestones, which stay in the source year. */
  milestonesLeft: number;
}

const CHUNK = 400;

async function insertChunked<R extends { code: string }>(
  items: readonly R[],
  insert: (rows: readonly R[]) => Promise<{ id: number; code: string }[]>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < items.length; i += CHUNK) {
    for (const r of await insert(items.slice(i, i + CHUNK))) ids.set(r.code, r.id);
  }
  return ids;
}

/** The same period in another year: `2024-Q2` → `2025-Q2`. */
function periodIn(year: number, period: string): string {
  const parsed = parsePeriod(period);
  return parsed ? formatPeriod({ ...parsed, year }) : period;
}

/**
 * Makes the draft in the caller's transaction (or one of its own) and writes its audit entry; a
 * refusal is returned, not thrown, for the caller to word.
 */
export async function copyPlanForward(
  db: Db,
  request: PlanCopyRequest,
): Promise<PlanCopySummary | PlanCopyRefusal> {
  const { organisationId, fromYear, toYear, at } = request;
  return inTransaction(db, async (trx) => {
    const plans = await trx
      .selectFrom('plans')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('year')
      .execute();
    const source = plans.find((p) => p.year === fromYear);
    if (!source)
      return {
        refused: 'no_such_plan',
        params: { year: fromYear, years: plans.map((p) => p.year).join(', ') },
      };
    if (plans.some((p) => p.year === toYear))
      return { refused: 'plan_year_exists', params: { year: toYear } };
    if (source.status === 'draft') return { refused: 'plan_copy_from_draft', params: { year: fromYear } };

    const named = (text: string) => text.replaceAll(String(fromYear), String(toYear));
    const { id: planId } = await trx
      .insertInto('plans')
      .values({
        organisation_id: organisationId,
        year: toYear,
        name_ko: named(source.name_ko),
        name_en: named(source.name_en),
        core_goal_ko: source.core_goal_ko,
        core_goal_en: source.core_goal_en,
        source: source.source,
        status: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const goals = await trx.selectFrom('plan_goals').selectAll().where('plan_id', '=', source.id).execute();
    if (goals.length > 0)
      await trx
        .insertInto('plan_goals')
        .values(goals.map(({ id: _id, plan_id: _plan, ...goal }) => ({ ...goal, plan_id: planId })))
        .execute();

    // Retired things are not carried, nor anything under a retired parent.
    const sectors = await trx
      .selectFrom('sectors')
      .selectAll()
      .where('plan_id', '=', source.id)
      .where('retired_at', 'is', null)
      .execute();
    const sectorIds = await insertChunked(sectors, (rows) =>
      trx
        .insertInto('sectors')
        .values(rows.map(({ id: _id, retired_at: _r, ...s }) => ({ ...s, plan_id: planId })))
        .returning(['id', 'code'])
        .execute(),
    );
    const oldSector = new Map(sectors.map((s) => [s.id, s.code]));
    const strategies = (
      await trx
        .selectFrom('strategies')
        .selectAll()
        .where(inIdList(trx, 'sector_id', [...oldSector.keys()]))
        .where('retired_at', 'is', null)
        .execute()
    ).map((s) => ({ ...s, sector_id: sectorIds.get(oldSector.get(s.sector_id) as string) as number }));
    const strategyIds = await insertChunked(strategies, (rows) =>
      trx
        .insertInto('strategies')
        .values(rows.map(({ id: _id, retired_at: _r, ...s }) => s))
        .returning(['id', 'code'])
        .execute(),
    );
    const oldStrategy = new Map(strategies.map((s) => [s.id, s.code]));
    const projects = (
      await trx
        .selectFrom('projects')
        .selectAll()
        .where(inIdList(trx, 'strategy_id', [...oldStrategy.keys()]))
        .where('retired_at', 'is', null)
        .execute()
    ).map((p) => ({
      ...p,
      strategy_id: strategyIds.get(oldStrategy.get(p.strategy_id) as string) as number,
    }));
    const projectIds = await insertChunked(projects, (rows) =>
      trx
        .insertInto('projects')
        .values(rows.map(({ id: _id, retired_at: _r, ...p }) => p))
        .returning(['id', 'code'])
        .execute(),
    );
    const oldProject = new Map(projects.map((p) => [p.id, p.code]));
    const newProjectOf = (oldId: number) => projectIds.get(oldProject.get(oldId) as string) as number;

    const indicators = await trx
      .selectFrom('indicators')
      .selectAll()
      .where(inIdList(trx, 'project_id', [...oldProject.keys()]))
      .where('retired_at', 'is', null)
      .execute();
    const oldIndicatorIds = indicators.map((i) => i.id);
    // The year's actual and effective target as stored for December: the year by its aggregation.
    const december = new Map(
      (
        await trx
          .selectFrom('indicator_figures')
          .select(['indicator_id', 'actual_to_date', 'annual_target', 'periods_due', 'periods_reported'])
          .where(inIdList(trx, 'indicator_id', oldIndicatorIds))
          .where('month', '=', 12)
          .execute()
      ).map((f) => [f.indicator_id, f]),
    );
    const interims = new Map<number, { period: string; value: number }[]>();
    for (const t of await trx
      .selectFrom('targets')
      .select(['indicator_id', 'period', 'value', 'kind'])
      .where(inIdList(trx, 'indicator_id', oldIndicatorIds))
      .where('kind', '=', 'interim')
      .orderBy('period')
      .execute())
      interims.set(t.indicator_id, [...(interims.get(t.indicator_id) ?? []), t]);
    const annualTargets = new Map(
      (
        await trx
          .selectFrom('targets')
          .select(['indicator_id', 'value'])
          .where(inIdList(trx, 'indicator_id', oldIndicatorIds))
          .where('kind', '=', 'annual')
          .execute()
      ).map((t) => [t.indicator_id, t.value]),
    );

    const baselinesKept: string[] = [];
    const baselinesFromPartYear: string[] = [];
    const carried = indicators.map(({ id, retired_at: _r, ...indicator }) => {
      const stored = december.get(id);
      const target = stored?.annual_target ?? annualTargets.get(id) ?? 0;
      // A milestone-measured indicator's figure is its track's progress, not a baseline to start from.
      const actual = indicator.aggregation === 'milestones' ? null : (stored?.actual_to_date ?? null);
      if (actual === null) baselinesKept.push(indicator.code);
      else if (stored && stored.periods_reported < stored.periods_due)
        baselinesFromPartYear.push(indicator.code);
      const from = { baseline: indicator.baseline_value, target };
      const baseline = actual ?? indicator.baseline_value;
      const proposed = actual === null ? target : proposedTarget(indicator.direction, from, actual);
      const to = { baseline, target: proposed };
      return {
        row: {
          ...indicator,
          project_id: newProjectOf(indicator.project_id),
          baseline_value: baseline,
          baseline_year: actual === null ? indicator.baseline_year : fromYear,
        },
        targets: [
          { period: String(toYear), kind: 'annual' as const, value: proposed },
          ...(interims.get(id) ?? []).map((t) => ({
            period: periodIn(toYear, t.period),
            kind: 'interim' as const,
            value: actual === null ? t.value : rescaledInterim(indicator.aggregation, t.value, from, to),
          })),
        ],
      };
    });
    const indicatorIds = await insertChunked(
      carried.map((c) => c.row),
      (rows) => trx.insertInto('indicators').values(rows).returning(['id', 'code']).execute(),
    );
    const targets = carried.flatMap((c) =>
      c.targets.map((t) => ({ ...t, indicator_id: indicatorIds.get(c.row.code) as number })),
    );
    for (let i = 0; i < targets.length; i += CHUNK)
      await trx
        .insertInto('targets')
        .values(targets.slice(i, i + CHUNK))
        .execute();

    const milestones = await trx
      .selectFrom('milestones')
      .selectAll()
      .where(inIdList(trx, 'project_id', [...oldProject.keys()]))
      .where('retired_at', 'is', null)
      .execute();
    // Unfinished ones go on at the date now expected of them; finished and cancelled ones stay behind.
    const open = milestones
      .filter((m) => m.actual_date === null && m.status === 'active')
      .map(({ id: _id, retired_at: _r, ...m }) => ({
        ...m,
        project_id: newProjectOf(m.project_id),
        planned_date: m.forecast_date ?? m.planned_date,
        forecast_date: null,
      }));
    for (let i = 0; i < open.length; i += CHUNK)
      await trx
        .insertInto('milestones')
        .values(open.slice(i, i + CHUNK))
        .execute();

    await buildPlanFigures(trx, planId, at);
    const summary: PlanCopySummary = {
      planId,
      fromYear,
      toYear,
      sectors: sectors.length,
      strategies: strategies.length,
      projects: projects.length,
      indicators: carried.length,
      baselinesFromActuals: carried.length - baselinesKept.length,
      baselinesKept,
      baselinesFromPartYear,
      milestonesCarried: open.length,
      milestonesLeft: milestones.length - open.length,
    };
    await appendAudit(trx, {
      organisationId,
      at,
      actorUserId: request.actor.userId,
      actor: request.actor.name,
      action: 'plan.copy_forward',
      entityType: 'plan',
      entityId: String(planId),
      before: { year: fromYear, planId: source.id },
      after: summary,
    });
    return summary;
  });
}
