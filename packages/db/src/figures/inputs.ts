/**
 * Loading what indicators' figures depend on (their definition and plan year, targets, approved
 * values, and a milestone indicator's milestones) for a list of indicators, bound as one value
 * (queries/id-list.ts) so that a list of any length is four queries.
 */

import type { Db } from '../connection.js';
import { inIdList } from '../queries/id-list.js';
import { indicatorsInPlace } from '../queries/placed.js';
import { type FigureInputs, milestoneDates } from './evaluate.js';
import { placeKey } from './place.js';

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The targets the figures are computed against: each planned target, or the last approved revision
 * of it (the planned value stays stored as the original; core takes the target it is given).
 */
export function effectiveTargets<T extends { indicator_id: number; period: string; value: number }>(
  planned: readonly T[],
  approvedInDecisionOrder: readonly { indicator_id: number; period: string; revised_value: number }[],
): T[] {
  const revised = new Map<string, number>();
  for (const r of approvedInDecisionOrder) revised.set(`${r.indicator_id} ${r.period}`, r.revised_value);
  return planned.map((t) => {
    const value = revised.get(`${t.indicator_id} ${t.period}`);
    return value === undefined ? t : { ...t, value };
  });
}

/** The inputs of every indicator listed (ids that name no indicator are left out), by indicator id. */
export async function loadFigureInputs(db: Db, indicatorIds: readonly number[]): Promise<FigureInputs[]> {
  if (indicatorIds.length === 0) return [];
  const definitions = await indicatorsInPlace(db)
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select([
      'indicators.id',
      'sectors.plan_id',
      'plans.year',
      'indicators.project_id',
      'sectors.id as sector_id',
      'indicators.department_id',
      'indicators.headline',
      'sectors.position as sector_position',
      'strategies.position as strategy_position',
      'projects.position as project_position',
      'indicators.position as indicator_position',
      'indicators.direction',
      'indicators.aggregation',
      'indicators.frequency',
      'indicators.baseline_value',
      'indicators.unit',
      'indicators.on_track_threshold',
      'indicators.at_risk_threshold',
    ])
    .where(inIdList(db, 'indicators.id', indicatorIds))
    // A retired indicator keeps its values but counts in no figure.
    .where('indicators.retired_at', 'is', null)
    .orderBy('indicators.id')
    .execute();
  const [planned, revisions, readings, milestones] = await Promise.all([
    db
      .selectFrom('targets')
      .select(['indicator_id', 'period', 'kind', 'value'])
      .where(inIdList(db, 'indicator_id', indicatorIds))
      .orderBy('indicator_id')
      .orderBy('period')
      .execute(),
    db
      .selectFrom('target_revisions')
      .select(['indicator_id', 'period', 'revised_value'])
      .where(inIdList(db, 'indicator_id', indicatorIds))
      .where('state', '=', 'approved')
      .orderBy('decided_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('measurements')
      .select(['indicator_id', 'period', 'value'])
      .where(inIdList(db, 'indicator_id', indicatorIds))
      .where('status', '=', 'approved')
      .orderBy('indicator_id')
      .orderBy('period')
      .execute(),
    db
      .selectFrom('milestones')
      .select(['project_id', 'planned_date', 'forecast_date', 'actual_date', 'weight'])
      .where('status', '=', 'active')
      .where('retired_at', 'is', null)
      .where('project_id', 'in', (eb) =>
        eb
          .selectFrom('indicators')
          .select('project_id')
          .where('aggregation', '=', 'milestones')
          .where(inIdList(db, 'id', indicatorIds)),
      )
      .orderBy('project_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  const targetsOf = groupBy(effectiveTargets(planned, revisions), (t) => t.indicator_id);
  const readingsOf = groupBy(readings, (r) => r.indicator_id);
  const milestonesOf = groupBy(milestones, (m) => m.project_id);
  return definitions.map(
    ({ sector_position, strategy_position, project_position, indicator_position, ...definition }) => ({
      definition: {
        ...definition,
        place: placeKey({
          sector_position,
          strategy_position,
          project_position,
          indicator_position,
          id: definition.id,
        }),
      },
      targets: targetsOf.get(definition.id) ?? [],
      readings: readingsOf.get(definition.id) ?? [],
      milestones:
        definition.aggregation === 'milestones'
          ? (milestonesOf.get(definition.project_id) ?? []).map(milestoneDates)
          : [],
    }),
  );
}
