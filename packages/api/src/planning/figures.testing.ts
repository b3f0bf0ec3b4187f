/** Every stored figure in a fixed order, for tests that compare what edits left with what a rebuild writes. */

import type { Db } from '@tangible/db';

export async function storedFigures(db: Db) {
  return {
    indicators: await db
      .selectFrom('indicator_figures')
      .selectAll()
      .orderBy('indicator_id')
      .orderBy('month')
      .execute(),
    plans: await db
      .selectFrom('plan_figures')
      .select(['plan_id', 'rules_version', 'latest_month'])
      .orderBy('plan_id')
      .execute(),
    rollups: await db
      .selectFrom('rollup_figures')
      .selectAll()
      .orderBy('plan_id')
      .orderBy('month')
      .orderBy('sector_id')
      .orderBy('department_id')
      .execute(),
    tracks: await db.selectFrom('track_figures').selectAll().orderBy('project_id').orderBy('month').execute(),
  };
}
