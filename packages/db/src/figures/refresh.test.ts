/** Stored figures on start: built when missing or computed by older rules, left alone otherwise. */

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEED_DIR } from '../location.js';
import { prepareDatabase } from '../setup.js';
import { seededTestDatabase } from '../testing.js';
import { RULES_VERSION } from './version.js';

async function stored(db: Awaited<ReturnType<typeof seededTestDatabase>>['db']) {
  return db.selectFrom('indicator_figures').selectAll().orderBy('indicator_id').orderBy('month').execute();
}

describe('stored figures on start', () => {
  it('are built with the seed, and a start with nothing to catch up builds nothing', async () => {
    const { db } = await seededTestDatabase();
    expect(await stored(db)).toHaveLength(57 * 12);
    expect(await db.selectFrom('plan_figures').select(['rules_version', 'latest_month']).execute()).toEqual([
      { rules_version: RULES_VERSION, latest_month: 12 },
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
      { year: 2024, indicators: 57, rows: 684 },
    ]);
    expect(await stored(db)).toEqual(built);
    await db.destroy();
  });

  it('are built for indicators that have none (added around the application)', async () => {
    const { db } = await seededTestDatabase();
    const built = await stored(db);
    await sql`delete from indicator_figures where indicator_id = (select id from indicators where code = 'ECO-04')`.execute(
      db,
    );
    expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toHaveLength(1);
    expect(await stored(db)).toEqual(built);
    await db.destroy();
  });
});
