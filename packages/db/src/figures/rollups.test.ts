/**
 * Stored roll-ups kept by a change: what refreshing one indicator reads. A change rereads the cell the
 * indicator sits in (a handful of indicators), never the plan's figures: at the national scale a read
 * of the plan's figures at every month is 288,000 rows, each change's write lock held through it.
 */

import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seededSqliteDatabase } from '../testing.js';
import { refreshIndicators } from './refresh.js';

/** Records every query run through the connection, as the operation tree Kysely compiles. */
function recorder() {
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      nodes.push(args.node);
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { plugin, nodes };
}

describe('refreshing the roll-ups of one indicator', () => {
  it('reads stored figures only through an index narrowed to a department or an indicator', async () => {
    // SQLite's query planner, asked by EXPLAIN QUERY PLAN: the plan text is SQLite's own.
    const { db } = await seededSqliteDatabase();
    const { id } = await db
      .selectFrom('indicators')
      .select('id')
      .where('code', '=', 'ECO-04')
      .executeTakeFirstOrThrow();
    const { plugin, nodes } = recorder();
    const recorded = db.withPlugin(plugin);
    await refreshIndicators(recorded, [id]);
    const reads: string[] = [];
    for (const node of nodes) {
      if (node.kind !== 'SelectQueryNode') continue;
      const compiled = db.getExecutor().compileQuery(node, { queryId: 'explain' });
      if (!compiled.sql.includes('"indicator_figures"')) continue;
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      for (const { detail } of plan.rows)
        if (/indicator_figures/.test(detail) || /\b(SCAN|SEARCH) f\b/.test(detail)) reads.push(detail);
    }
    expect(reads.length).toBeGreaterThan(0);
    const wide = reads.filter((detail) => !/(indicator_id|department_id)=/.test(detail));
    expect(wide).toEqual([]);
    await db.destroy();
  });
});
