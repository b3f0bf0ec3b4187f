/**
 * Stored figures at a big city's scale: figures, not assertions. On the workload of
 * scripts/figures-workload.ts (2,000 indicators by default, FIGURES_INDICATORS), prints:
 *  - the full rebuild (what `pnpm cli figures rebuild` does);
 *  - storing what one approval moves (refreshAfterApproval alone), and a whole approval through the
 *    API (the review, the audit entry, the figures and the commit, synced to disk);
 *  - the overview's latency through the API (median and p95 of 50 calls) and its size.
 * The overview before stored figures: run figures-workload.ts with the older code (see its header).
 *
 *   npx tsx --conditions=source scripts/stored-figures.ts
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerAs } from '@tangible/api';
import { type Db, rebuildFigures, refreshAfterApproval } from '@tangible/db';
import { generate, overview, quantiles, timed } from './figures-workload.js';

const CALLS = 50;

async function approvals(db: Db): Promise<void> {
  const picked = await db
    .selectFrom('indicators')
    .select(['id', 'code', 'frequency'])
    .where('code', 'like', 'SCALE-%')
    .where('frequency', '=', 'monthly')
    .orderBy('id')
    .limit(CALLS)
    .execute();
  const refresh: number[] = [];
  for (const [i, indicator] of picked.entries()) {
    const period = `2024-${String((i % 12) + 1).padStart(2, '0')}`;
    refresh.push((await timed(() => refreshAfterApproval(db, indicator.id, period)))[1]);
  }
  console.log(
    `Storing what one approval moves (refreshAfterApproval): ${quantiles(refresh)} (${CALLS} approvals).`,
  );

  const admin = await callerAs(db, 'admin');
  const planner = await callerAs(db, 'planner');
  const whole: number[] = [];
  for (const [i, indicator] of picked.entries()) {
    const period = `2024-${String((i % 12) + 1).padStart(2, '0')}`;
    await admin.reports.submit({ year: 2024, code: indicator.code, period, value: 1 + (i % 50) });
    const [pending] = (await planner.approvals.pending({ year: 2024, limit: 1 })).items;
    whole.push((await timed(() => planner.approvals.approve({ id: pending?.id ?? 0 })))[1]);
  }
  console.log(
    `A whole approval through the API, committed and synced: ${quantiles(whole)} (${CALLS} approvals).`,
  );
}

const folder = mkdtempSync(join(tmpdir(), 'tangible-figures-bench-'));
const db = await generate(join(folder, 'scale.sqlite'));
const builds: number[] = [];
for (let i = 0; i < 3; i++) {
  const [built, took] = await timed(() => rebuildFigures(db));
  builds.push(took);
  if (i === 0)
    console.log(`Stored rows: ${built.reduce((sum, plan) => sum + plan.rows, 0).toLocaleString('en')}.`);
}
console.log(`Full rebuild: ${quantiles(builds)} (3 rebuilds).`);
await overview(db, 'stored figures');
await approvals(db);
await db.destroy();
