/**
 * Years side by side at scale: a 2024 plan of the seed's 57 indicators and N copies of CUL-01, a
 * 2025 plan holding the same codes (copied with SQL, targets 10 % up), then the years procedures
 * timed as a screen calls them: the first answer (computed) and the next (kept until the data
 * changes). Prints figures; asserts nothing. `pnpm tsx --conditions=source scripts/bench-years.ts [N]`
 */

import { performance } from 'node:perf_hooks';
import { callerAs } from '@tangible/api';
import { addIndicatorsLike, rebuildFigures, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';

const extra = Number(process.argv[2] ?? 2_000);
const { db } = await seededTestDatabase();
await addIndicatorsLike(db, 'CUL-01', extra, 'BIG', { ko: '큰 계획 지표', en: 'Large plan indicator' });
await sql`insert into targets (indicator_id, period, kind, value)
  select id, '2024', 'annual', 1200 from indicators where code like 'BIG-%'`.execute(db);
await sql`insert into measurements (indicator_id, period, value, source, status, entered_by, entered_at)
  select id, '2024-01', 100, 'bench', 'approved', 'bench', '2025-01-01T00:00:00.000Z'
  from indicators where code like 'BIG-%'`.execute(db);

// The 2025 plan: the 2024 plan's structure and codes, each baseline 2024, each target 10 % up.
await sql`insert into plans (organisation_id, year, name_ko, name_en, core_goal_ko, core_goal_en, source)
  select organisation_id, 2025, name_ko, name_en, core_goal_ko, core_goal_en, 'bench' from plans
  where year = 2024 and organisation_id = 1`.execute(db);
const plan = (year: number) => sql`(select id from plans where year = ${year} and organisation_id = 1)`;
await sql`insert into sectors (plan_id, code, position, name_ko, name_en, goal_ko, goal_en)
  select ${plan(2025)}, code, position, name_ko, name_en, goal_ko, goal_en from sectors where plan_id = ${plan(2024)}`.execute(
  db,
);
await sql`insert into strategies (sector_id, code, position, name_ko, name_en)
  select n.id, s.code, s.position, s.name_ko, s.name_en from strategies s
  join sectors o on o.id = s.sector_id and o.plan_id = ${plan(2024)}
  join sectors n on n.code = o.code and n.plan_id = ${plan(2025)}`.execute(db);
await sql`insert into projects (strategy_id, code, position, name_ko, name_en, department_id)
  select n.id, p.code, p.position, p.name_ko, p.name_en, p.department_id from projects p
  join strategies o on o.id = p.strategy_id join sectors os on os.id = o.sector_id and os.plan_id = ${plan(2024)}
  join sectors ns on ns.code = os.code and ns.plan_id = ${plan(2025)}
  join strategies n on n.sector_id = ns.id and n.code = o.code`.execute(db);
await sql`insert into indicators (project_id, department_id, code, position, name_ko, name_en, unit, direction,
    aggregation, frequency, baseline_value, baseline_year, weight, headline, source)
  select n.id, i.department_id, i.code, i.position, i.name_ko, i.name_en, i.unit, i.direction, i.aggregation,
    i.frequency, i.baseline_value, 2024, i.weight, i.headline, i.source from indicators i
  join projects o on o.id = i.project_id join strategies os on os.id = o.strategy_id
  join sectors oss on oss.id = os.sector_id and oss.plan_id = ${plan(2024)}
  join sectors ns on ns.code = oss.code and ns.plan_id = ${plan(2025)}
  join strategies nst on nst.sector_id = ns.id and nst.code = os.code
  join projects n on n.strategy_id = nst.id and n.code = o.code`.execute(db);
await sql`insert into targets (indicator_id, period, kind, value)
  select n.id, '2025', 'annual', t.value * 1.1 from targets t
  join indicators i on i.id = t.indicator_id and t.kind = 'annual' and t.period = '2024'
  join indicators n on n.code = i.code and n.id <> i.id`.execute(db);
const built = performance.now();
await rebuildFigures(db);
console.log(
  `figures rebuilt for 2024 and 2025 (${extra + 57} indicators each): ${Math.round(performance.now() - built)} ms`,
);

const planner = await callerAs(db, 'planner');
{
  const { findIndicatorYears } = await import('@tangible/db');
  for (const drafts of [false, false]) {
    const started = performance.now();
    const rows = await findIndicatorYears(db, 1, { toYear: 2025, drafts });
    console.log(`findIndicatorYears: ${rows.length} rows in ${(performance.now() - started).toFixed(1)} ms`);
  }
}
async function timed(name: string, call: () => Promise<unknown>) {
  const started = performance.now();
  const answer = await call();
  const first = performance.now() - started;
  const again = performance.now();
  await call();
  const kept = performance.now() - again;
  const bytes = Buffer.byteLength(JSON.stringify(answer));
  console.log(`${name}: first ${first.toFixed(1)} ms, kept ${kept.toFixed(2)} ms, answer ${bytes} bytes`);
}
await timed('years.indicator CUL-01', () => planner.years.indicator({ code: 'CUL-01' }));
await timed('years.leastAmbitious 2025 page 1 of 20', () => planner.years.leastAmbitious({ year: 2025 }));
await timed('years.sectorAmbition 2025', () => planner.years.sectorAmbition({ year: 2025 }));
await timed('years.lastYear 2025-01', () => planner.years.lastYear({ year: 2025, asOf: '2025-01' }));
await timed('years.ambition (editor, not kept)', () =>
  planner.years.ambition({ year: 2025, code: 'CUL-01', target: 3_000_000 }),
);
await db.destroy();
