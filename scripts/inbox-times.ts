/**
 * The time to build every user's inbox at 2,000 indicators and 500 directives: the big city's
 * workload (scripts/scale/generate.ts, 2,000 indicators in each of five plan years, 100
 * departments), with a bureau head for each department, 500 of the mayor's directives in the last
 * plan year (each assigned to one to three departments, most of them overdue on the day measured)
 * and 200 corrective actions on its indicators; every user's inbox of that year built one after
 * another the way inbox.mine builds it. Prints per-user median, p95 and max and the total.
 * `pnpm tsx --conditions=source scripts/inbox-times.ts` on SQLite; `ENGINE=postgres POSTGRES_URL=…`
 * copies the same file into PostgreSQL (scale/postgres-copy.ts) and measures there.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInbox, type SignedInUser } from '@tangible/api';
import { type Db, openDatabase, openPostgres } from '@tangible/db';
import { generate } from './scale/generate.js';
import { copyToPostgres } from './scale/postgres-copy.js';
import { WORKLOADS } from './scale/workloads.js';

const workload = WORKLOADS.big;
const file = join(mkdtempSync(join(tmpdir(), 'tangible-inbox-')), 'big.sqlite');
const generated = await generate(workload, file);
console.log(
  `generated ${generated.indicators} indicators, ${generated.values} values in ${generated.seconds.toFixed(1)} s (+ figures ${generated.figuresSeconds.toFixed(1)} s)`,
);

const ENGINE = process.env.ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const DIRECTIVES = 500;
const ACTIONS = 200;

const sqlite = openDatabase(file, 'existing');
const busan = await sqlite
  .selectFrom('organisations')
  .select('id')
  .where('code', '=', 'busan')
  .executeTakeFirstOrThrow();
// A bureau head for every department that has none, as an installation would have.
await sqlite
  .insertInto('users')
  .columns([
    'username',
    'display_name',
    'password_hash',
    'role',
    'organisation_id',
    'department_id',
    'created_at',
  ])
  .expression((eb) =>
    eb
      .selectFrom('departments')
      .select((s) => [
        s.fn<string>('printf', [s.val('head.%s'), 'departments.code']).as('username'),
        'departments.name_en',
        s.val('x').as('password_hash'),
        s.val('bureau_head').as('role'),
        'departments.organisation_id',
        'departments.id',
        s.val('2024-01-01T00:00:00.000Z').as('created_at'),
      ])
      .where('departments.organisation_id', '=', busan.id)
      .where((w) =>
        w.not(
          w.exists(
            w.selectFrom('users').select('users.id').whereRef('users.department_id', '=', 'departments.id'),
          ),
        ),
      ),
  )
  .execute();

const rows = await sqlite
  .selectFrom('users')
  .leftJoin('departments', 'departments.id', 'users.department_id')
  .select([
    'users.id',
    'users.username',
    'users.display_name',
    'users.role',
    'users.department_id',
    'departments.code as department_code',
  ])
  .where('users.organisation_id', '=', busan.id)
  .execute();
const users: SignedInUser[] = rows.map((r) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  organisationId: busan.id,
  organisationCode: 'busan',
  departmentId: r.department_id,
  departmentCode: r.department_code,
}));

const year = workload.years.at(-1) ?? 2023;
// Mid-January after the plan year: every period has ended and most are due or overdue.
const now = new Date(`${year + 1}-01-20T01:00:00Z`);
await seedFollowThrough(sqlite, busan.id, year);
await sqlite.destroy();

let db: Db;
if (ENGINE === 'postgres') {
  const copied = await copyToPostgres(file, 'tangible_inbox_times');
  console.log(`copied into PostgreSQL in ${copied.seconds.toFixed(1)} s`);
  db = openPostgres(copied.url);
} else {
  db = openDatabase(file, 'existing');
}
console.log(`engine: ${ENGINE}`);
for (const round of ['first (cold)', 'second'] as const) {
  const times: number[] = [];
  let items = 0;
  const started = performance.now();
  for (const user of users) {
    const one = performance.now();
    const inbox = await buildInbox(db, user, year, now);
    times.push(performance.now() - one);
    items += inbox.total;
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(
    `${round} round: ${users.length} users' inboxes (${items} items) in ${total.toFixed(0)} ms; per user median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
  );
}
await db.destroy();

/**
 * The year's directives and corrective actions, spread as a city's would be: directives recorded at
 * the January report meetings across the sectors, assigned to one to three departments, due from
 * February of the plan year to June of the next (so on the 20 January measured, about seven in ten
 * are overdue), in every state; actions on 200 indicators, owned by the indicator's department.
 */
async function seedFollowThrough(sqlite: Db, organisationId: number, planYear: number): Promise<void> {
  const plan = await sqlite
    .selectFrom('plans')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('year', '=', planYear)
    .executeTakeFirstOrThrow();
  const indicators = await sqlite
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select([
      'indicators.id',
      'indicators.department_id',
      'projects.id as project_id',
      'sectors.id as sector_id',
    ])
    .where('sectors.plan_id', '=', plan.id)
    .orderBy('indicators.id')
    .execute();
  const departments = (
    await sqlite
      .selectFrom('departments')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .execute()
  ).map((d) => d.id);
  const planner = await sqlite
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const dayOf = (i: number) => {
    const day = new Date(Date.UTC(planYear, 1, 1));
    day.setUTCDate(day.getUTCDate() + ((i * 37) % 510));
    return day.toISOString().slice(0, 10);
  };
  const DIRECTIVE_STATES = [
    'open',
    'open',
    'open',
    'in_progress',
    'in_progress',
    'proposed',
    'done',
  ] as const;
  const ACTION_STATES = ['planned', 'planned', 'in_progress', 'in_progress', 'done', 'dropped'] as const;
  await sqlite.transaction().execute(async (trx) => {
    for (let i = 0; i < DIRECTIVES; i += 1) {
      const on = indicators[(i * 7919) % indicators.length];
      if (!on) throw new Error('the plan year has no indicators');
      const { id } = await trx
        .insertInto('directives')
        .values({
          plan_id: plan.id,
          sector_id: on.sector_id,
          project_id: i % 3 === 0 ? on.project_id : null,
          indicator_id: i % 3 === 1 ? on.id : null,
          meeting_date: `${planYear}-01-${String(15 + (i % 4)).padStart(2, '0')}`,
          meeting_name: `${planYear}년 업무보고 ${1 + (i % 5)}분야`,
          content: `지시사항 ${i + 1}: 부진 지표 개선 대책 마련`,
          due_date: dayOf(i),
          state: DIRECTIVE_STATES[i % DIRECTIVE_STATES.length] ?? 'open',
          recorded_by_user_id: planner.id,
          recorded_by: 'planner',
          recorded_at: `${planYear}-01-18T09:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const assigned = new Set(
        Array.from({ length: 1 + (i % 3) }, (_, k) => departments[(i * 13 + k * 31) % departments.length]),
      );
      await trx
        .insertInto('directive_departments')
        .values(
          [...assigned].map((department_id) => ({ directive_id: id, department_id: department_id ?? 0 })),
        )
        .execute();
    }
    for (let i = 0; i < ACTIONS; i += 1) {
      const on = indicators[(i * 104729) % indicators.length];
      if (!on) throw new Error('the plan year has no indicators');
      const state = ACTION_STATES[i % ACTION_STATES.length] ?? 'planned';
      await trx
        .insertInto('corrective_actions')
        .values({
          indicator_id: on.id,
          department_id: on.department_id,
          title: `개선 조치 ${i + 1}`,
          due_date: dayOf(i + 3),
          state,
          drop_reason: state === 'dropped' ? '사업 변경' : null,
          created_by_user_id: planner.id,
          created_by: 'planner',
          created_at: `${planYear}-03-01T09:00:00.000Z`,
          updated_at: `${planYear}-03-01T09:00:00.000Z`,
        })
        .execute();
    }
  });
  const today = `${planYear + 1}-01-20`;
  const overdue = await sqlite
    .selectFrom('directives')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', plan.id)
    .where('state', '!=', 'done')
    .where('due_date', '<', today)
    .executeTakeFirstOrThrow();
  console.log(
    `seeded ${DIRECTIVES} directives (${overdue.n} overdue on ${today}) over ${departments.length} departments and ${ACTIONS} corrective actions`,
  );
}
