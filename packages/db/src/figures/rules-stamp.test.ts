/**
 * Two releases on one database (an older server still running after a newer one's CLI or start
 * rebuilt the plan): every refresh by the release whose rules differ from the plan's stamp clears
 * the stamp, so the plan's figures are never one release's under the other's stamp and the next
 * start rebuilds it; no refresh ever restores a stamp.
 */

import { describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { SEED_DIR } from '../location.js';
import { setAnnualTarget, setMilestoneDates } from '../queries/reports.js';
import { prepareDatabase } from '../setup.js';
import { seededTestDatabase } from '../testing.js';
import { refreshAfterApproval } from './refresh.js';
import { RULES_VERSION, STALE_RULES } from './version.js';

/** Busan's plan (the districts' are left alone). */
const BUSAN_PLAN = 1;

async function stamp(db: Db) {
  return (
    await db
      .selectFrom('plan_figures')
      .select('rules_version')
      .where('plan_id', '=', BUSAN_PLAN)
      .executeTakeFirstOrThrow()
  ).rules_version;
}

async function stampedBy(rulesVersion: number) {
  const { db } = await seededTestDatabase();
  await db
    .updateTable('plan_figures')
    .set({ rules_version: rulesVersion })
    .where('plan_id', '=', BUSAN_PLAN)
    .execute();
  return db;
}

async function idOf(db: Db, table: 'indicators' | 'milestones', code: string) {
  return (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** The three refreshes, as the changes that call them make them. */
const refreshes: [string, (db: Db) => Promise<void>][] = [
  ['an approval', async (db) => refreshAfterApproval(db, await idOf(db, 'indicators', 'CUL-01'), '2024-03')],
  ['a target', async (db) => setAnnualTarget(db, await idOf(db, 'indicators', 'CUL-01'), '2024', 3_000_000)],
  [
    "a milestone's dates",
    async (db) => {
      const { id } = await db.selectFrom('milestones').select('id').orderBy('id').executeTakeFirstOrThrow();
      await setMilestoneDates(db, id, { forecast_date: '2025-06-30', actual_date: null, note: null });
    },
  ],
];

describe('a refresh under another release’s stamp', () => {
  for (const [change, refresh] of refreshes) {
    it(`${change} by other rules than the plan's clears its stamp, and the next start rebuilds it`, async () => {
      const db = await stampedBy(RULES_VERSION + 1);
      await refresh(db);
      expect(await stamp(db)).toBe(STALE_RULES);
      expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toHaveLength(1);
      expect(await stamp(db)).toBe(RULES_VERSION);
      await db.destroy();
    });
  }

  it('a refresh by the rules of the stamp leaves it, and one on a cleared stamp does not restore it', async () => {
    const db = await stampedBy(RULES_VERSION);
    for (const [, refresh] of refreshes) await refresh(db);
    expect(await stamp(db)).toBe(RULES_VERSION);

    await db.updateTable('plan_figures').set({ rules_version: STALE_RULES }).execute();
    for (const [, refresh] of refreshes) await refresh(db);
    // Figures of the other release may remain: only a rebuild of the whole plan may stamp it.
    expect(await stamp(db)).toBe(STALE_RULES);
    await db.destroy();
  });
});
