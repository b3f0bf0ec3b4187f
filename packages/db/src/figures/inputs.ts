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
    .orderBy('indicators.id')
    .execute();
  const [targets, readings, milestones] = await Promise.all([
    db
      .selectFrom('targets')
      .select(['indicator_id', 'period', 'kind', 'value'])
      .where(inIdList(db, 'indicator_id', indicatorIds))
      .orderBy('indicator_id')
      .orderBy('period')
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
  const targetsOf = groupBy(targets, (t) => t.indicator_id);
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
