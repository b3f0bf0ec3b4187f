/**
 * The exports read their rows straight from the database as they are sent (packages/db
 * export-rows.ts); the screens read the same stored figures through figures.ts. Both must say the
 * same thing: each export is compared here, cell by cell, with the rows made from what the screens
 * read, for the whole plan and filtered, in both languages, at several months.
 */

import { type Db, engineOf, findDepartments, openSnapshot, readAll, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMilestones, resolveView, storedIndicators } from '../figures.js';
import { rollup, unreported } from '../summaries.js';
import { departmentExport } from './departments.js';
import { indicatorExport } from './indicators.js';
import { milestoneExport } from './milestones.js';
import { type Cell, type Lang, plain } from './table.js';

let db: Db;
let path: string;

beforeAll(async () => {
  ({ db, path } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const VIEWS: { asOf?: string; sector?: string; department?: string; lang: Lang }[] = [
  { asOf: '2024-03', lang: 'ko' },
  { asOf: '2024-06', lang: 'en' },
  { lang: 'ko' },
  { asOf: '2024-09', sector: 'CUL', lang: 'en' },
  { asOf: '2024-12', department: 'AIRPORT', lang: 'ko' },
];

const filterOf = (view: (typeof VIEWS)[number]) => ({
  sectorCode: view.sector,
  departmentCode: view.department,
});

describe('streamed exports', () => {
  it.each(VIEWS)('indicators.csv says what the screens read, at %o', async (view) => {
    const resolved = await resolveView(db, 1, { year: 2024, ...view });
    const expected = (await storedIndicators(db, resolved, filterOf(view))).map(({ view: i }): Cell[] => [
      i.sector.code,
      i.sector.name[view.lang],
      i.strategy.name[view.lang],
      i.project.name[view.lang],
      i.code,
      i.name[view.lang],
      i.unit,
      i.direction,
      i.aggregation,
      i.frequency,
      i.department.name[view.lang],
      i.baseline?.value ?? null,
      plain(i.annualTarget),
      plain(i.figures.targetToDate),
      plain(i.figures.actualToDate),
      plain(i.figures.attainment, 4),
      i.figures.status,
      plain(i.figures.forecastYearEnd),
      i.figures.forecastMeetsTarget === null ? null : String(i.figures.forecastMeetsTarget),
      i.figures.lastPeriod,
      resolved.asOfText,
      i.source,
      // The seed's targets are as planned: the original is the target, and nothing was revised.
      plain(i.annualTarget),
      null,
      null,
      null,
      // A year with a plan is measured, stood for by no other plan's baseline.
      'measured',
      null,
    ]);
    expect(expected.length).toBeGreaterThan(0);
    const table = await indicatorExport(db, 1, { year: 2024, ...view });
    expect(await readAll(table.rows)).toEqual(expected);
  });

  it('indicators.csv filtered by status keeps exactly the indicators of that status', async () => {
    const all = await readAll(
      (await indicatorExport(db, 1, { year: 2024, asOf: '2024-06', lang: 'en' })).rows,
    );
    const status = all[0]?.[16];
    const some = await indicatorExport(db, 1, {
      year: 2024,
      asOf: '2024-06',
      lang: 'en',
      status: status as 'on_track',
    });
    const kept = await readAll(some.rows);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(all.filter((row) => row[16] === status));
  });

  it.each(VIEWS)('departments.csv rolls up what the screens read, at %o', async (view) => {
    const resolved = await resolveView(db, 1, { year: 2024, ...view });
    const indicators = (await storedIndicators(db, resolved, { sectorCode: view.sector })).map((e) => e.view);
    const expected: Cell[][] = [];
    for (const department of await findDepartments(db, 1)) {
      const own = indicators.filter((i) => i.department.code === department.code);
      if (own.length === 0) continue;
      const summary = rollup(own);
      expected.push([
        department.code,
        view.lang === 'ko' ? department.name_ko : department.name_en,
        plain(summary.score, 4),
        summary.statusCounts.on_track,
        summary.statusCounts.at_risk,
        summary.statusCounts.off_track,
        summary.statusCounts.no_data,
        summary.indicatorCount,
        unreported(own).length,
        summary.lastPeriod,
        resolved.asOfText,
      ]);
    }
    expect(expected.length).toBeGreaterThan(1);
    const table = await departmentExport(db, 1, { year: 2024, ...view });
    expect(await readAll(table.rows)).toEqual(expected);
  });

  it('departments.csv reads through a snapshot of its own, as the server sends every export', async () => {
    // The export's snapshot as apps/server/src/snapshots.ts takes it: SQLite's own read connection
    // already inside a transaction, or PostgreSQL's REPEATABLE READ transaction.
    const onPostgres = engineOf(db) === 'postgres';
    const transaction = onPostgres
      ? await db.startTransaction().setIsolationLevel('repeatable read').execute()
      : null;
    const snapshot = transaction ?? openSnapshot(path);
    try {
      const table = await departmentExport(snapshot, 1, { year: 2024, asOf: '2024-06', lang: 'en' });
      const screens = await departmentExport(db, 1, { year: 2024, asOf: '2024-06', lang: 'en' });
      expect(await readAll(table.rows)).toEqual(await readAll(screens.rows));
    } finally {
      if (transaction) await transaction.rollback().execute();
      else await snapshot.destroy();
    }
  });

  it.each(VIEWS)('milestones.csv judges each milestone as the screens do, at %o', async (view) => {
    const resolved = await resolveView(db, 1, { year: 2024, ...view });
    const expected = (await evaluateMilestones(db, resolved, filterOf(view))).map((m): Cell[] => [
      m.sector.code,
      m.project.name[view.lang],
      m.code,
      m.name[view.lang],
      m.department.name[view.lang],
      m.planned,
      m.forecast,
      m.actual,
      m.state,
      m.slippageDays,
      m.weight,
      resolved.asOfText,
      m.source,
    ]);
    const table = await milestoneExport(db, 1, { year: 2024, ...view });
    expect(await readAll(table.rows)).toEqual(expected);
  });
});
