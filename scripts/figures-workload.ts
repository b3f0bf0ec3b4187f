/**
 * The workload of scripts/stored-figures.ts: Busan's plan plus copies of its measured indicators
 * (FIGURES_INDICATORS in all, default 2,000), each with its model's targets and a value for every
 * period of 2024 (approved, after two it superseded); and the overview's latency on it. Uses only
 * what every version has, so that the overview can be measured on the same database with the code
 * from before stored figures:
 *
 *   npx tsx --conditions=source scripts/figures-workload.ts generate FILE
 *   npx tsx --conditions=source scripts/figures-workload.ts overview FILE
 */

import { fileURLToPath } from 'node:url';
import { callerAs } from '@tangible/api';
import { type Db, openDatabase, prepareDatabase, SEED_DIR } from '@tangible/db';
import { sql } from 'kysely';

const INDICATORS = Number(process.env.FIGURES_INDICATORS ?? 2_000);
const CALLS = 50;

export const ms = (t: number) => `${t.toFixed(1)} ms`;

export function quantiles(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${ms(at(0.5))}, p95 ${ms(at(0.95))}`;
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Busan's plan and copies of its measured indicators, with their targets and approved values. */
export async function generate(file: string, indicators = INDICATORS): Promise<Db> {
  const db = openDatabase(file);
  await prepareDatabase(db, SEED_DIR, new Date('2025-01-15T09:00:00Z'));
  const copies = indicators - 57;
  await sql`
    insert into indicators (project_id, department_id, code, position, name_ko, name_en, unit, direction,
      aggregation, frequency, baseline_value, baseline_year, weight, on_track_threshold, at_risk_threshold,
      headline, source)
    with recursive n(i) as (select 0 union all select i + 1 from n where i < ${copies - 1}),
    models(id, k) as (select id, row_number() over (order by id) - 1 from indicators where aggregation != 'milestones')
    select m.project_id, m.department_id, 'SCALE-' || n.i, 1000 + n.i, m.name_ko || ' ' || n.i,
      m.name_en || ' ' || n.i, m.unit, m.direction, m.aggregation, m.frequency, m.baseline_value,
      m.baseline_year, m.weight, m.on_track_threshold, m.at_risk_threshold, 0, 'scale bench'
    from n join models on models.k = n.i % (select count(*) from models) join indicators m on m.id = models.id`.execute(
    db,
  );
  // Each copy's model: the measured seed indicator its number points at, as above.
  const copyOf = sql`(select c.id as copy, m.id as model from indicators c
    join (select id, row_number() over (order by id) - 1 as k from indicators where aggregation != 'milestones'
      and code not like 'SCALE-%') m
    on m.k = cast(substr(c.code, 7) as integer) % (select count(*) from indicators where aggregation != 'milestones'
      and code not like 'SCALE-%')
    where c.code like 'SCALE-%')`;
  await sql`insert into targets (indicator_id, period, kind, value)
    select pairs.copy, t.period, t.kind, t.value from ${copyOf} pairs join targets t on t.indicator_id = pairs.model`.execute(
    db,
  );
  // A value for every period of 2024 (its model's for that period, else its model's mean), approved,
  // after two earlier values for the same period that it superseded.
  const periods = sql`(select 'monthly' as frequency, '2024-' || printf('%02d', m) as period
      from (with recursive m(m) as (select 1 union all select m + 1 from m where m < 12) select m from m)
    union all select 'quarterly', '2024-Q' || q from (select 1 as q union all select 2 union all select 3 union all select 4)
    union all select 'annual', '2024')`;
  for (const [status, share] of [
    ['superseded', 0.8],
    ['superseded', 0.9],
    ['approved', 1],
  ] as const) {
    await sql`insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
      select pairs.copy, p.period,
        coalesce((select value from measurements v where v.indicator_id = pairs.model and v.period = p.period
            and v.status = 'approved'),
          (select avg(value) from measurements v where v.indicator_id = pairs.model and v.status = 'approved'),
          1) * ${share},
        null, 'scale bench', ${status}, 'scale bench', '2025-01-01T00:00:00.000Z'
      from ${copyOf} pairs join indicators c on c.id = pairs.copy join ${periods} p on p.frequency = c.frequency`.execute(
      db,
    );
  }
  const counted = await sql<{ indicators: number; values: number }>`select
    (select count(*) from indicators) as indicators, (select count(*) from measurements) as "values"`.execute(
    db,
  );
  console.log(
    `Database: ${counted.rows[0]?.indicators.toLocaleString('en')} indicators, ${counted.rows[0]?.values.toLocaleString('en')} values (a third approved).`,
  );
  return db;
}

export async function overview(db: Db, label: string): Promise<void> {
  const mayor = await callerAs(db, 'mayor');
  for (const asOf of ['2024-06', undefined]) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < CALLS; i++) {
      const [answer, took] = await timed(async () =>
        JSON.stringify(await mayor.plan.overview({ year: 2024, asOf })),
      );
      times.push(took);
      bytes = answer.length;
    }
    console.log(
      `${label}: plan.overview ${asOf ? `as of ${asOf}` : 'at the latest month'}: ${quantiles(times)} (${CALLS} calls, ${(bytes / 1024).toFixed(0)} KB).`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, file] = process.argv.slice(2);
  if (mode === 'generate' && file) {
    await (await generate(file)).destroy();
  } else if (mode === 'overview' && file) {
    const db = openDatabase(file);
    // Brings the database up to this version: its migrations and whatever they ask to be built.
    await prepareDatabase(db, SEED_DIR);
    await overview(db, 'this version');
    await db.destroy();
  } else {
    throw new Error('usage: figures-workload.ts generate|overview FILE');
  }
}
