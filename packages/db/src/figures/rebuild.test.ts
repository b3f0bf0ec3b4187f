/**
 * A rebuild of every plan writes each plan in a transaction of its own: a long rebuild never holds
 * the write lock for more than the plan it is on, and the plans it has done are there for everyone.
 */

import { type DeleteQueryNode, type KyselyPlugin, TableNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, seededTestDatabase } from '../testing.js';
import { rebuildFigures } from './refresh.js';

/** Holds the answer of the nth DELETE from the table (its work on the connection is done) until released. */
function pauseAtDelete(nth: number, table: string) {
  let seen = 0;
  const flagged = new Set<unknown>();
  let reached = () => {};
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (args.node.kind === 'DeleteQueryNode' && deletesFrom(args.node) === table && ++seen === nth)
        flagged.add(args.queryId);
      return args.node;
    },
    async transformResult(args) {
      if (flagged.has(args.queryId)) {
        reached();
        await gate;
      }
      return args.result;
    },
  };
  return { plugin, arrived, release: () => release() };
}

function deletesFrom(node: DeleteQueryNode): string | undefined {
  const from = node.from.froms[0];
  return from && TableNode.is(from) ? from.table.identifier.name : undefined;
}

describe('rebuildFigures', () => {
  it('commits each plan before it starts the next', async () => {
    const { db, path } = await seededTestDatabase();
    // A later plan, rebuilt after the seed's (2024: Busan's and its districts'; Busan's 2025): plans go by year.
    const earlierYears = (await db.selectFrom('plans').select('year').orderBy('year').execute()).map(
      (p) => p.year,
    );
    const earlier = earlierYears.length;
    await db
      .insertInto('plans')
      .values({
        organisation_id: 1,
        year: 2026,
        name_ko: '2026',
        name_en: '2026',
        core_goal_ko: '-',
        core_goal_en: '-',
        source: 'test',
      })
      .execute();
    const rebuilding = openTestDatabase(path);
    // Each plan's rebuild begins by deleting its stored figures: the last such delete is the 2026 plan's.
    const pause = pauseAtDelete(earlier + 1, 'indicator_figures');
    const now = new Date('2025-03-01T00:00:00Z');
    const rebuild = rebuildFigures(rebuilding.withPlugin(pause.plugin), now);
    await pause.arrived;
    // Read on another connection while the 2026 plan is being rebuilt.
    const stamps = await db
      .selectFrom('plan_figures')
      .innerJoin('plans', 'plans.id', 'plan_figures.plan_id')
      .select(['plans.year', 'plan_figures.built_at'])
      .execute();
    pause.release();
    expect((await rebuild).map((plan) => plan.year)).toEqual([...earlierYears, 2026]);
    expect(stamps.map((s) => s.year).sort()).toEqual(earlierYears);
    expect(stamps.map((s) => s.built_at)).toEqual(Array(earlier).fill(now.toISOString()));
    await rebuilding.destroy();
    await db.destroy();
  });
});
