/**
 * Builds a workload's database: the real migrations and seed (through @tangible/db, as a first start
 * does), then the generated plans with plain SQL over recursive CTEs in one transaction, so that a
 * quarter of a million values take seconds. Deterministic: every value comes from the indicator's
 * position, the month and the year, never from a random source.
 */

import { openDatabase, prepareDatabase, rebuildFigures, SEED_DIR } from '@tangible/db';
import SQLite from 'better-sqlite3';
import type { Workload } from './workloads.js';

export interface Generated {
  file: string;
  seconds: number;
  indicators: number;
  values: number;
  milestones: number;
  bytes: number;
  /** Building the stored figures of every plan, after the SQL. */
  figuresSeconds: number;
}

/** A fixed clock for the seed, so two runs write the same database. */
const SEEDED_AT = new Date('2024-01-01T00:00:00.000Z');

export async function generate(workload: Workload, file: string): Promise<Generated> {
  const db = openDatabase(file, 'new');
  await prepareDatabase(db, SEED_DIR, SEEDED_AT);
  await db.destroy();

  const started = performance.now();
  const sqlite = new SQLite(file);
  // The database is thrown away if generation fails; durability buys nothing here.
  sqlite.pragma('synchronous = OFF');
  sqlite.transaction(() => {
    templates(sqlite);
    departments(sqlite, workload.departments);
    for (const year of workload.years) plan(sqlite, workload, year);
  })();
  const count = (table: string) =>
    (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const result = {
    file,
    seconds: (performance.now() - started) / 1000,
    indicators: count('indicators'),
    values: count('measurements'),
    milestones: count('milestones'),
    bytes: 0,
    figuresSeconds: 0,
  };
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  // The plans were written beneath the write path: their stored figures are built as a rebuild does.
  const rebuilt = performance.now();
  const stored = openDatabase(file, 'existing');
  await rebuildFigures(stored, SEEDED_AT);
  await stored.destroy();
  result.figuresSeconds = (performance.now() - rebuilt) / 1000;
  const reopened = new SQLite(file);
  reopened.pragma('wal_checkpoint(TRUNCATE)');
  result.bytes = (
    reopened.prepare('select page_count * page_size as n from pragma_page_count, pragma_page_size').get() as {
      n: number;
    }
  ).n;
  reopened.close();
  return result;
}

/** The seed's indicators (k = 0…56 in plan order), their interim targets and milestone tracks. */
function templates(sqlite: SQLite.Database): void {
  sqlite.exec(`
    create temp table seed_plan as select id from plans
      where year = 2024 and organisation_id = (select id from organisations where code = 'busan');
    create temp table tpl as
      select row_number() over (order by s.position, st.position, p.position, i.position) - 1 as k,
             i.name_ko, i.name_en, i.unit, i.direction, i.aggregation, i.baseline_value, i.baseline_year,
             i.weight, i.on_track_threshold, i.at_risk_threshold, i.headline, i.project_id as seed_project, i.id as seed_id,
             t.value as target
      from indicators i
      join projects p on p.id = i.project_id
      join strategies st on st.id = p.strategy_id
      join sectors s on s.id = st.sector_id
      join targets t on t.indicator_id = i.id and t.kind = 'annual'
      where s.plan_id = (select id from seed_plan);
    create temp table tpl_interim as
      select tpl.k,
             case when t.period like '%-Q%' then 3 * cast(substr(t.period, 7) as integer)
                  else cast(substr(t.period, 6) as integer) end as month,
             t.value / nullif(tpl.target, 0) as share
      from targets t
      join tpl on tpl.seed_id = t.indicator_id
      where t.kind = 'interim';
    create temp table tpl_ms as
      select tpl.k, m.position, m.name_ko, m.name_en, m.weight, m.note, m.source,
             cast(julianday(m.planned_date) - julianday('2024-01-01') as integer) as planned,
             cast(julianday(m.forecast_date) - julianday('2024-01-01') as integer) as forecast,
             cast(julianday(m.actual_date) - julianday('2024-01-01') as integer) as actual
      from milestones m join tpl on tpl.seed_project = m.project_id and tpl.aggregation = 'milestones';
    create temp table staff as select (select id from users where username = 'planner') as planner;
  `);
}

function departments(sqlite: SQLite.Database, count: number): void {
  sqlite
    .prepare(`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
    insert into departments (organisation_id, code, name_ko, name_en)
    select (select id from organisations where code = 'busan'),
      printf('G%04d', i), printf('성과관리 부서 %04d', i), printf('Performance unit %04d', i) from n`)
    .run(BigInt(count));
  sqlite.exec(`create temp table dept as select id, row_number() over (order by id) - 1 as g
    from departments where code glob 'G[0-9]*'`);
}

/**
 * better-sqlite3 binds a JavaScript number as a REAL, which would make `i / :per` a fraction and
 * `:year || '-01-01'` read `2023.0-01-01`; a BigInt binds as an INTEGER.
 */
function integers(params: Record<string, number>): Record<string, bigint> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, BigInt(value)]));
}

/** The indicator's scale factor (0.5–1.5) and a month's spread (0–999), from positions only. */
const FACTOR = '(0.5 + ((ind.position * 7919) % 1000) / 1000.0)';
const spread = (salt: number) => `((ind.position * 1103 + mo.m * 7907 + ${salt}) % 1000)`;

function plan(sqlite: SQLite.Database, w: Workload, year: number): void {
  const planId = Number(
    sqlite
      .prepare(`insert into plans (organisation_id, year, name_ko, name_en, core_goal_ko, core_goal_en, source)
        select organisation_id, ?, ? || '년 성과관리 시행계획 (생성)', 'Performance plan ' || ? || ' (generated)', core_goal_ko, core_goal_en,
               'illustrative: generated by pnpm bench:scale'
        from plans where id = (select id from seed_plan)`)
      .run(BigInt(year), BigInt(year), BigInt(year)).lastInsertRowid,
  );
  const run = (sql: string, params: Record<string, number> = {}) =>
    sqlite.prepare(sql).run(integers({ plan: planId, year, ...params }));
  run(`insert into plan_goals (plan_id, position, name_ko, name_en)
    select :plan, position, name_ko, name_en from plan_goals where plan_id = (select id from seed_plan)`);
  run(`insert into sectors (plan_id, code, position, name_ko, name_en, goal_ko, goal_en)
    select :plan, code, position, name_ko, name_en, goal_ko, goal_en from sectors where plan_id = (select id from seed_plan)`);
  run(
    `with recursive n(s) as (select 1 union all select s + 1 from n where s < :count)
    insert into strategies (sector_id, code, position, name_ko, name_en)
    select sec.id, sec.code || '-' || s, s - 1, sec.name_ko || ' 추진전략 ' || s, sec.name_en || ', strategy ' || s
    from sectors sec, n where sec.plan_id = :plan`,
    { count: w.strategiesPerSector },
  );
  run(
    `with recursive n(p) as (select 1 union all select p + 1 from n where p < :count)
    insert into projects (strategy_id, code, position, name_ko, name_en, department_id)
    select st.id, st.code || '-' || p, p - 1, st.name_ko || ' 과제 ' || p, st.name_en || ', project ' || p, dept.id
    from strategies st join sectors sec on sec.id = st.sector_id, n
    join dept on dept.g = ((sec.position * :strategies + st.position) * :count + p - 1) % :departments
    where sec.plan_id = :plan`,
    { count: w.projectsPerStrategy, strategies: w.strategiesPerSector, departments: w.departments },
  );
  sqlite.exec('drop table if exists gp');
  // A project's place in the plan (g), by which indicators are spread over projects.
  sqlite.exec(`create temp table gp as
    select p.id, p.department_id, sec.code as sector,
      (sec.position * ${w.strategiesPerSector} + st.position) * ${w.projectsPerStrategy} + p.position as g
    from projects p join strategies st on st.id = p.strategy_id join sectors sec on sec.id = st.sector_id
    where sec.plan_id = ${planId}`);
  indicators(sqlite, w, planId, year);
}

function indicators(sqlite: SQLite.Database, w: Workload, planId: number, year: number): void {
  const run = (sql: string, params: Record<string, number> = {}) =>
    sqlite.prepare(sql).run(integers({ plan: planId, year, ...params }));
  run(
    `with recursive n(i) as (select 0 union all select i + 1 from n where i < :count - 1)
    insert into indicators (project_id, department_id, code, position, name_ko, name_en, unit, direction,
      aggregation, frequency, baseline_value, baseline_year, weight, on_track_threshold, at_risk_threshold, headline, source)
    select gp.id, gp.department_id, gp.sector || printf('-%05d', i), i, tpl.name_ko || ' ' || (i / 57 + 1),
      tpl.name_en || ' ' || (i / 57 + 1), tpl.unit, tpl.direction, tpl.aggregation, 'monthly',
      round(tpl.baseline_value * (0.5 + ((i * 7919) % 1000) / 1000.0), 2),
      case when tpl.baseline_year is null then null else :year - 1 end,
      tpl.weight, tpl.on_track_threshold, tpl.at_risk_threshold, tpl.headline, 'illustrative'
    from n join tpl on tpl.k = i % 57 join gp on gp.g = i / :per`,
    { count: w.indicatorsPerPlan, per: w.indicatorsPerProject },
  );
  const ofPlan = `from indicators ind join tpl on tpl.k = ind.position % 57
    join projects p on p.id = ind.project_id join strategies st on st.id = p.strategy_id
    join sectors sec on sec.id = st.sector_id and sec.plan_id = :plan`;
  run(`insert into targets (indicator_id, period, kind, value)
    select ind.id, cast(:year as text), 'annual', round(tpl.target * ${FACTOR}, 2) ${ofPlan}`);
  run(`insert into targets (indicator_id, period, kind, value)
    select ind.id, printf('%d-%02d', :year, ti.month), 'interim', round(tpl.target * ${FACTOR} * ti.share, 2)
    ${ofPlan} join tpl_interim ti on ti.k = tpl.k where ti.share is not null`);
  const day = (offset: string) =>
    `case when ${offset} is null then null else date(:year || '-01-01', printf('%+d days', ${offset})) end`;
  run(`insert into milestones (project_id, department_id, code, position, name_ko, name_en, planned_date,
      forecast_date, actual_date, weight, status, note, source)
    select ind.project_id, ind.department_id, printf('M%05d-%02d', ind.position, ms.position), ind.position * 100 + ms.position,
      ms.name_ko, ms.name_en, ${day('ms.planned')}, ${day('ms.forecast')}, ${day('ms.actual')}, ms.weight, 'active', ms.note, ms.source
    ${ofPlan} join tpl_ms ms on ms.k = tpl.k`);
  values(run, ofPlan, year === w.years[w.years.length - 1]);
}

/**
 * Monthly values for every measured indicator: the approved one, and the history behind it — an
 * earlier version superseded (55 %), a version returned with a reason (37.6 %), and in the latest
 * year a correction still pending (2 %). About 1.93 rows per approved value, as the issue measured.
 */
function values(
  run: (sql: string, params?: Record<string, number>) => unknown,
  ofPlan: string,
  latestYear: boolean,
): void {
  const value = `round(case
      when tpl.aggregation = 'sum' then tpl.target * ${FACTOR} / 12 * (0.6 + (${spread(0)} % 700) / 1000.0)
      when tpl.aggregation = 'last' then coalesce(tpl.baseline_value, 0) * ${FACTOR}
        + (tpl.target - coalesce(tpl.baseline_value, 0)) * ${FACTOR} * mo.m / 12.0 * (0.6 + (${spread(0)} % 700) / 1000.0)
      else tpl.target * ${FACTOR} * (0.85 + (${spread(0)} % 300) / 1000.0) end, 1)`;
  const bounded = `case when tpl.unit = 'percent' then min(100, max(0, ${value})) else ${value} end`;
  const insert = (status: string, scale: string, day: number, where: string, extra: string) =>
    run(`with recursive mo(m) as (select 1 union all select m + 1 from mo where m < 12)
      insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at,
        reviewed_by_user_id, reviewed_at, review_reason)
      select ind.id, printf('%d-%02d', :year, mo.m), round((${bounded}) * ${scale}, 1),
        case when ${spread(11)} < 100 then '월간 실적 보고: 현장 점검 결과 반영 (' || mo.m || '월)' end,
        'illustrative', '${status}', '성과담당자 ' || ind.department_id,
        printf('%d-%02d-%02dT09:00:00.000Z', :year + (mo.m = 12), mo.m % 12 + 1, ${day}),
        ${status === 'pending' ? 'null' : '(select planner from staff)'},
        ${status === 'pending' ? 'null' : `printf('%d-%02d-%02dT15:00:00.000Z', :year + (mo.m = 12), mo.m % 12 + 1, ${day + 1})`},
        ${extra}
      ${ofPlan}, mo where tpl.aggregation <> 'milestones' and ${where}`);
  insert('superseded', '0.9', 3, `${spread(23)} < 550`, 'null');
  insert(
    'returned',
    '1.1',
    5,
    `${spread(37)} between 300 and 675`,
    "'증빙 자료 보완 후 다시 제출해 주십시오'",
  );
  insert('approved', '1', 8, '1', 'null');
  if (latestYear) insert('pending', '1.05', 12, `${spread(51)} < 20`, 'null');
}
