/**
 * Stored roll-ups and tracks say what the indicators and milestones they are made of say: every
 * sector's, department's and the plan's score and counts at every month equal core's roll-up of the
 * indicators listed for that group, and every stored track the track its milestones make.
 */

import type { Rollup } from '@tangible/core';
import { byAttention, rollupParts, shownRollup } from '@tangible/core';
import { type Db, findStoredTracks, scaledTestDatabase, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMilestones, resolveView, storedIndicators } from '../figures.js';
import { tracks } from '../summaries.js';
import { departmentRollups, planRollups, rollupHistory, rollupOf } from './rollups.js';
import { trackPage } from './tracks.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

/** What the indicators add up to, read one by one: the roll-up a stored row must equal. */
function direct(indicators: Awaited<ReturnType<typeof storedIndicators>>): Rollup {
  return shownRollup(rollupParts(indicators.map(({ view }) => view)));
}

/** Scores are sums in another grouping: equal to the last few bits; everything else exactly. */
function expectSame(stored: Rollup, expected: Rollup, where: string) {
  const { score, ...rest } = stored;
  const { score: expectedScore, ...expectedRest } = expected;
  expect(rest, where).toEqual(expectedRest);
  if (expectedScore === null) expect(score, where).toBeNull();
  else expect(score, where).toBeCloseTo(expectedScore, 12);
}

describe('stored roll-ups', () => {
  it('equal the roll-up of their indicators for the plan, every sector and every department, at every month', async () => {
    let checked = 0;
    for (let month = 1; month <= 12; month++) {
      const view = await resolveView(db, 1, { year: 2024, asOf: `2024-${String(month).padStart(2, '0')}` });
      const all = await storedIndicators(db, view);
      const { plan, sectorOf } = await planRollups(db, view);
      expectSame(plan, direct(all), `plan ${month}`);
      const sectors = [...new Set(all.map((i) => i.view.sector.code))];
      expect(sectors.length).toBe(5);
      for (const sector of sectors) {
        const own = all.filter((i) => i.view.sector.code === sector);
        expectSame(sectorOf(sector), direct(own), `${sector} ${month}`);
        expectSame(await rollupOf(db, view, { sectorCode: sector }), direct(own), `${sector} ${month}`);
        const within = await departmentRollups(db, view, sector);
        for (const [department, rolled] of within) {
          const cell = own.filter((i) => i.view.department.code === department);
          expect(cell.length).toBeGreaterThan(0);
          expectSame(rolled, direct(cell), `${sector}/${department} ${month}`);
          checked += 1;
        }
        expect([...within.values()].reduce((sum, r) => sum + r.indicatorCount, 0)).toBe(own.length);
      }
      for (const [department, rolled] of await departmentRollups(db, view, undefined)) {
        expectSame(
          rolled,
          direct(all.filter((i) => i.view.department.code === department)),
          `${department} ${month}`,
        );
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('give the history month by month as each month stands', async () => {
    const view = await resolveView(db, 1, { year: 2024, asOf: '2024-09' });
    const history = await rollupHistory(db, view, 'ECO');
    expect(history.map((h) => h.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const { month, rollup } of history) {
      const at = await resolveView(db, 1, { year: 2024, asOf: `2024-0${month}` });
      expect(rollup).toEqual(await rollupOf(db, at, { sectorCode: 'ECO' }));
    }
    // Something moved over the year: the history is not one month repeated.
    expect(new Set(history.map((h) => JSON.stringify(h.rollup))).size).toBeGreaterThan(1);
  });

  it('an unknown sector rolls up to nothing', async () => {
    const view = await resolveView(db, 1, { year: 2024 });
    const none = await rollupOf(db, view, { sectorCode: 'NOPE' });
    expect(none).toEqual({
      score: null,
      statusCounts: { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 },
      indicatorCount: 0,
      lastPeriod: null,
      unreportedCount: 0,
    });
  });
});

describe('stored tracks', () => {
  it('equal the track their milestones make, at every month', async () => {
    for (let month = 1; month <= 12; month++) {
      const view = await resolveView(db, 1, { year: 2024, asOf: `2024-${String(month).padStart(2, '0')}` });
      const live = tracks(view, await evaluateMilestones(db, view));
      const { items: stored, total } = await findStoredTracks(
        db,
        view.plan.id,
        month,
        {},
        {
          attention: false,
          limit: 100,
          offset: 0,
        },
      );
      expect(total).toBe(stored.length);
      expect(stored.map((t) => t.project_code)).toEqual(live.map((t) => t.project.code));
      for (const [i, row] of stored.entries()) {
        const track = live[i];
        expect(
          {
            milestones: row.milestone_count,
            done: row.done_count,
            overdue: row.overdue_count,
            slipping: row.slipping_count,
            progress: row.progress,
            planned: row.planned_progress,
            attainment: row.attainment,
            slippage: row.max_slippage_days,
          },
          `${row.project_code} ${month}`,
        ).toEqual({
          milestones: track?.milestoneCount,
          done: track?.doneCount,
          overdue: track?.overdueCount,
          slipping: track?.slippingCount,
          progress: track?.progress,
          planned: track?.plannedProgress,
          attainment: track?.attainment,
          slippage: track?.maxSlippageDays,
        });
      }
      expect(stored.length).toBe(3);
    }
  });
});

describe('a page of tracks needing attention', () => {
  it('is ordered in SQL as core orders tracks (byAttention, ties in plan order), page after page', async () => {
    // 12 copies of the seed's plan: 36 tracks, enough for ties and for every key of the order to matter.
    const scaled = await scaledTestDatabase({ copies: 12, departmentCopies: 2 });
    try {
      for (const asOf of ['2024-02', '2024-07', '2024-11']) {
        const view = await resolveView(scaled.db, 1, { year: 2024, asOf });
        const live = tracks(view, await evaluateMilestones(scaled.db, view)).sort(byAttention);
        const paged: string[] = [];
        for (let page = 1; paged.length < live.length; page++) {
          const answer = await trackPage(
            scaled.db,
            view,
            {},
            { page, limit: 5 },
            { notes: true, attention: true },
          );
          expect(answer.total).toBe(live.length);
          if (answer.items.length === 0) break;
          paged.push(...answer.items.map((track) => track.project.code));
        }
        expect(paged, asOf).toEqual(live.map((track) => track.project.code));
        expect(new Set(live.map((t) => `${t.overdueCount}/${t.slippingCount}`)).size, asOf).toBeGreaterThan(
          1,
        );
      }
    } finally {
      await scaled.db.destroy();
    }
  });
});
