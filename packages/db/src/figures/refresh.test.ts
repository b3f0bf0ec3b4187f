/** Stored figures on start: built when missing or computed by older rules, left alone otherwise. */

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEED_DIR } from '../location.js';
import { prepareDatabase } from '../setup.js';
import { seededTestDatabase } from '../testing.js';
import { rebuildFigures, refreshIndicators } from './refresh.js';
import { RULES_VERSION } from './version.js';

async function stored(db: Awaited<ReturnType<typeof seededTestDatabase>>['db']) {
  return db.selectFrom('indicator_figures').selectAll().orderBy('indicator_id').orderBy('month').execute();
}

describe('stored figures on start', () => {
  it('are built with the seed, and a start with nothing to catch up builds nothing', async () => {
    const { db } = await seededTestDatabase();
    // Busan's 57 indicators of 2024 and of 2025, and its districts' 10 and 9, each at every month.
    expect(await stored(db)).toHaveLength((57 + 57 + 10 + 9) * 12);
    expect(
      await db
        .selectFrom('plan_figures')
        .select(['rules_version', 'latest_month'])
        .orderBy('plan_id')
        .execute(),
    ).toEqual([
      { rules_version: RULES_VERSION, latest_month: 12 },
      // Busan's 2025, made from 2024 right after it: nothing reported yet.
      { rules_version: RULES_VERSION, latest_month: null },
      { rules_version: RULES_VERSION, latest_month: 6 },
      { rules_version: RULES_VERSION, latest_month: 6 },
    ]);
    expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toEqual([]);
    await db.destroy();
  });

  it('are rebuilt when computed by older rules', async () => {
    const { db } = await seededTestDatabase();
    const built = await stored(db);
    // As a release before a change to the rules left them.
    await db
      .updateTable('plan_figures')
      .set({ rules_version: RULES_VERSION - 1 })
      .execute();
    await db.updateTable('indicator_figures').set({ status: 'off_track', attainment: 0.1 }).execute();
    expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toEqual([
      { organisation: 'busan', year: 2024, indicators: 57, rows: 684 },
      { organisation: 'busan', year: 2025, indicators: 57, rows: 684 },
      { organisation: 'busanjin', year: 2024, indicators: 9, rows: 108 },
      { organisation: 'haeundae', year: 2024, indicators: 10, rows: 120 },
    ]);
    expect(await stored(db)).toEqual(built);
    await db.destroy();
  });

  it('are built for indicators that have none (added around the application)', async () => {
    const { db } = await seededTestDatabase();
    const built = await stored(db);
    await sql`delete from indicator_figures where indicator_id = (select min(id) from indicators where code = 'ECO-04')`.execute(
      db,
    );
    expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toHaveLength(1);
    expect(await stored(db)).toEqual(built);
    await db.destroy();
  });
});

/** Everything stored of a plan's figures, the placement columns and roll-ups included. */
async function everything(db: Awaited<ReturnType<typeof seededTestDatabase>>['db']) {
  return {
    figures: await stored(db),
    rollups: await db
      .selectFrom('rollup_figures')
      .selectAll()
      .orderBy(['plan_id', 'month', 'sector_id', 'department_id'])
      .execute(),
    tracks: await db.selectFrom('track_figures').selectAll().orderBy(['project_id', 'month']).execute(),
  };
}

describe('refreshing an indicator whose definition changed', () => {
  it('moves its stored place, headline mark and roll-ups as a rebuild would write them', async () => {
    const { db } = await seededTestDatabase();
    const digital = await db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'DIGITAL')
      .executeTakeFirstOrThrow();
    // ECO-04 (FIN, a headline) handed to DIGITAL, no longer a headline, and moved last in the plan.
    const { id } = await db
      .updateTable('indicators')
      .set({ department_id: digital.id, headline: 0, position: 999 })
      // The 2024 plan's (2025's has the same code and a later id).
      .where('id', '=', (eb) =>
        eb
          .selectFrom('indicators')
          .select((f) => f.fn.min('id').as('id'))
          .where('code', '=', 'ECO-04'),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshIndicators(db, [id]);
    const refreshed = await everything(db);
    await rebuildFigures(db);
    expect(refreshed).toEqual(await everything(db));
    await db.destroy();
  });
});
