/**
 * Indicators several plans share, for comparing a metropolitan city's districts side by side.
 * Shared means the same indicator code: the districts' common indicators are defined once by the
 * city (the seed's `GU-` codes) and each district reports its own values against them. Figures are
 * the stored ones (figures/), read as they are.
 */

import type { Db } from '../connection.js';
import { indicatorsInPlace } from './placed.js';

/**
 * Every indicator of the plans whose code is in two or more of them, with its stored figures at
 * the as-of month, by code and then plan.
 */
export async function findSharedFigures(db: Db, planIds: readonly number[], month: number) {
  if (planIds.length < 2) return [];
  const shared = indicatorsInPlace(db)
    .select('indicators.code')
    .where('sectors.plan_id', 'in', planIds)
    .groupBy('indicators.code')
    .having((eb) => eb.fn.count('sectors.plan_id').distinct(), '>=', 2);
  return indicatorsInPlace(db)
    .leftJoin('indicator_figures as f', (join) =>
      join.onRef('f.indicator_id', '=', 'indicators.id').on('f.month', '=', month),
    )
    .select([
      'sectors.plan_id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.unit',
      'f.attainment',
      'f.status',
      'f.actual_to_date',
      'f.target_to_date',
    ])
    .where('sectors.plan_id', 'in', planIds)
    .where('indicators.code', 'in', shared)
    .orderBy('indicators.code')
    .orderBy('sectors.plan_id')
    .execute();
}
