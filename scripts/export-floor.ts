/**
 * CSV exports against their floor, figures not assertions. On a nation's workload (scripts/load/
 * workload.ts: 24,000 indicators, 380,000 values, 12,000 milestones, 127,000 audit entries), the
 * built server in its own process sends each export to this script over HTTP; the floor is the same
 * rows read with better-sqlite3 in this process and written as CSV lines (quoted where needed,
 * formula-like text neutralised, UTF-8 in 64 KB pieces): the least any export of them can do. Each
 * is run five times, alternately, and the best of each is compared. Prints rows/s, the ratio of the
 * times, the ratio of CPU time (the server's main thread against this script's: steadier on a busy
 * machine), the bytes of both (equal when the floor writes the very same file) and the server's peak
 * RSS during each export; then how long a small read (plan.years) and the overview take while two exports of
 * every value run.
 *
 *   pnpm build && npx tsx --conditions=source scripts/export-floor.ts [DATABASE_FILE]
 */

import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_COLUMNS,
  DEPARTMENT_COLUMNS,
  headerFor,
  INDICATOR_COLUMNS,
  MEASUREMENT_COLUMNS,
  MILESTONE_COLUMNS,
  plain,
} from '@tangible/api';
import { connectionOf, openSnapshot } from '@tangible/db';
// The root package does not depend on @tangible/core: its source, by path, for the milestone rules.
import {
  asOfDate,
  isDone,
  milestoneState,
  neutralizeCell,
  parseAsOf,
  slippageDays,
} from '../packages/core/src/index.js';
import { quantiles } from './figures-workload.js';
import { exportToken, mainThreadSeconds, serve } from './load/serve.js';
import { workload } from './load/workload.js';

const ROUNDS = 5;
const AS_OF = '2024-06';
const file = process.argv[2] ?? join(tmpdir(), 'tangible-load-nation.sqlite');
await workload(file);
const token = await exportToken(file);
const headers = { authorization: `Bearer ${token}` };

interface Run {
  rows: number;
  bytes: number;
  seconds: number;
  /** Seconds on a CPU: the server's main thread for an export, this script's for the floor. */
  cpu: number;
}

// ---- The floor: better-sqlite3, a CSV line per row, 64 KB pieces encoded as UTF-8.

const QUOTED = /[",\r\n]/;
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralizeCell(String(value));
  return QUOTED.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A floor of an export that takes years (export/years.ts): the year as the last column, as the server writes it. */
function withYear(header: string[], rows: Iterable<unknown[]>): [string[], Iterable<unknown[]>] {
  return [
    [...header, '연도'],
    (function* () {
      for (const row of rows) {
        row.push(2024);
        yield row;
      }
    })(),
  ];
}

function writeLines(header: string[], rows: Iterable<unknown[]>): Run {
  const started = performance.now();
  const cpu = mainThreadSeconds('self');
  let count = 0;
  let bytes = 3; // the byte-order mark
  let pending: string[] = [`${header.map(cell).join(',')}\r\n`];
  let length = 0;
  const flush = () => {
    bytes += Buffer.from(pending.join(''), 'utf8').length;
    pending = [];
    length = 0;
  };
  for (const row of rows) {
    const line = `${row.map(cell).join(',')}\r\n`;
    pending.push(line);
    length += line.length;
    count += 1;
    if (length >= 65_536) flush();
  }
  flush();
  return {
    rows: count,
    bytes,
    seconds: (performance.now() - started) / 1000,
    cpu: mainThreadSeconds('self') - cpu,
  };
}

const snapshot = openSnapshot(file);
const sqlite = connectionOf(snapshot).sqlite;
const plan = (sqlite.prepare('select id from plans where year = 2024').get() as { id: number }).id;
const month = parseAsOf(AS_OF)?.month ?? 6;
const rawRows = (text: string, params: Record<string, unknown> = {}) =>
  sqlite.prepare(text).raw(true).iterate(params) as Iterable<unknown[]>;
const PLACED = `from indicators i join projects p on p.id = i.project_id join strategies st on st.id = p.strategy_id
  join sectors sec on sec.id = st.sector_id join departments d on d.id = i.department_id`;
const PLAN_ORDER = 'sec.position, st.position, p.position, i.position, i.id';

function measurementsFloor(): Run {
  return writeLines(
    ...withYear(
      headerFor(MEASUREMENT_COLUMNS, 'ko'),
      rawRows(
        `select sec.code, i.code, i.name_ko, i.unit, d.name_ko, m.period, m.value, m.status, m.note, m.evidence_url,
        m.source, m.entered_by, m.entered_at, m.reviewed_at, m.review_reason
      from measurements m cross join indicators i cross join projects p cross join strategies st
      cross join sectors sec cross join departments d
      where i.id = m.indicator_id and p.id = i.project_id and st.id = p.strategy_id and sec.id = st.sector_id
        and d.id = i.department_id and sec.plan_id = :plan order by m.id`,
        { plan },
      ),
    ),
  );
}

function* indicatorLines(): Generator<unknown[]> {
  for (const r of rawRows(
    `select sec.code, sec.name_ko, st.name_ko, p.name_ko, i.code, i.name_ko, i.unit, i.direction, i.aggregation,
      i.frequency, d.name_ko, i.baseline_value, f.annual_target, f.target_to_date, f.actual_to_date, f.attainment,
      f.status, f.forecast_year_end, f.forecast_meets_target, f.last_period, i.source,
      coalesce(r.original_value, f.annual_target), r.revised_value, r.decided_at, r.reason
    ${PLACED} left join indicator_figures f on f.indicator_id = i.id and f.month = :month
    left join target_revisions r on r.indicator_id = i.id and r.kind = 'annual' and r.state = 'approved'
      and r.id = (select max(id) from target_revisions l
        where l.indicator_id = i.id and l.kind = 'annual' and l.state = 'approved')
    where sec.plan_id = :plan order by ${PLAN_ORDER}`,
    { plan, month },
  )) {
    const meets = r[18] as number | null;
    yield [
      ...r.slice(0, 12),
      plain(r[12] as number),
      plain(r[13] as number),
      plain(r[14] as number | null),
      plain(r[15] as number | null, 4),
      r[16],
      plain(r[17] as number | null),
      meets === null ? null : String(meets === 1),
      r[19],
      AS_OF,
      r[20],
      plain(r[21] as number),
      plain(r[22] as number | null),
      r[23],
      r[24],
    ];
  }
}

/** Per department, the plain sums a roll-up makes (weighted mean of capped attainment, counts). */
function* departmentLines(): Generator<unknown[]> {
  let current: unknown[] | null = null;
  let weighted = 0;
  let weights = 0;
  const finish = (row: unknown[]) => [
    ...row.slice(0, 2),
    weights > 0 ? plain(weighted / weights, 4) : null,
    ...row.slice(3),
  ];
  for (const [code, name, weight, aggregation, attainment, status, last, due, reported] of rawRows(
    `select d.code, d.name_ko, i.weight, i.aggregation, f.attainment, f.status, f.last_period, f.periods_due,
      f.periods_reported
    ${PLACED} left join indicator_figures f on f.indicator_id = i.id and f.month = :month
    where sec.plan_id = :plan order by d.code, ${PLAN_ORDER}`,
    { plan, month },
  ) as Iterable<[string, string, number, string, number | null, string, string | null, number, number]>) {
    if (current && current[0] !== code) {
      yield finish(current);
      current = null;
    }
    if (!current) {
      current = [code, name, null, 0, 0, 0, 0, 0, 0, null, AS_OF];
      weighted = 0;
      weights = 0;
    }
    if (attainment !== null) {
      weighted += Math.min(attainment, 1) * weight;
      weights += weight;
    }
    const column = { on_track: 3, at_risk: 4, off_track: 5, no_data: 6 }[status] ?? 6;
    current[column] = Number(current[column]) + 1;
    current[7] = Number(current[7]) + 1;
    if (aggregation !== 'milestones' && reported < due) current[8] = Number(current[8]) + 1;
    if (last !== null && (current[9] === null || last > String(current[9]))) current[9] = last;
  }
  if (current) yield finish(current);
}

function* milestoneLines(): Generator<unknown[]> {
  const date = asOfDate({ year: 2024, month });
  for (const [sector, project, code, name, department, planned, forecast, actual, weight, source] of rawRows(
    `select sec.code, p.name_ko, m.code, m.name_ko, d.name_ko, m.planned_date, m.forecast_date, m.actual_date,
      m.weight, m.source
    from milestones m join projects p on p.id = m.project_id join strategies st on st.id = p.strategy_id
    join sectors sec on sec.id = st.sector_id join departments d on d.id = m.department_id
    where sec.plan_id = :plan and m.status = 'active' order by sec.position, m.project_id, m.position`,
    { plan },
  ) as Iterable<
    [string, string, string, string, string, string, string | null, string | null, number, string]
  >) {
    const dates = { planned, forecast, actual, weight };
    const done = isDone(dates, date);
    yield [
      sector,
      project,
      code,
      name,
      department,
      planned,
      done ? null : forecast,
      done ? actual : null,
      milestoneState(dates, date),
      slippageDays(dates, date),
      weight,
      AS_OF,
      source,
    ];
  }
}

const EXPORTS: { name: string; path: string; floor: () => Run }[] = [
  { name: 'measurements.csv', path: 'measurements.csv?year=2024&lang=ko', floor: measurementsFloor },
  {
    name: 'indicators.csv',
    path: `indicators.csv?year=2024&asOf=${AS_OF}&lang=ko`,
    floor: () => writeLines(...withYear(headerFor(INDICATOR_COLUMNS, 'ko'), indicatorLines())),
  },
  {
    name: 'departments.csv',
    path: `departments.csv?year=2024&asOf=${AS_OF}&lang=ko`,
    floor: () => writeLines(...withYear(headerFor(DEPARTMENT_COLUMNS, 'ko'), departmentLines())),
  },
  {
    name: 'milestones.csv',
    path: `milestones.csv?year=2024&asOf=${AS_OF}&lang=ko`,
    floor: () => writeLines(...withYear(headerFor(MILESTONE_COLUMNS, 'ko'), milestoneLines())),
  },
  {
    name: 'audit.csv',
    path: 'audit.csv?year=2024&lang=ko',
    floor: () =>
      writeLines(
        headerFor(AUDIT_COLUMNS, 'ko'),
        rawRows(
          'select at, actor, action, entity_type, entity_id, before_json, after_json, reason from audit_log order by id',
        ),
      ),
  },
];

// ---- Through the server.

const server = await serve(file);

/**
 * Gets a path to the end on a connection of its own (a kept-alive one may be closed by the server
 * while the floor runs), counting bytes.
 */
function get(path: string): Promise<{ status: number; bytes: number; seconds: number; start: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers, agent: false }, (res) => {
      let bytes = 0;
      let start = '';
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) start = chunk.subarray(0, 300).toString();
        bytes += chunk.length;
      });
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, start, seconds: (performance.now() - started) / 1000 }),
      );
      res.once('error', reject);
    })
      .once('error', reject)
      .end();
  });
}

/** Downloads an export to the end; its rows are the floor's (the same query). */
async function download(path: string): Promise<Run> {
  const cpu = server.cpu();
  const { status, bytes, seconds, start } = await get(`/api/export/${path}`);
  if (status !== 200) throw new Error(`${path} answered ${status}: ${start}`);
  return { rows: 0, bytes, seconds, cpu: server.cpu() - cpu };
}

const mb = (n: number) => `${n} MB`;
const rate = (run: Run, rows: number) => Math.round(rows / run.seconds);
console.log(`Server RSS after start: ${mb(server.memory().rss)}.`);
console.log(
  'export            rows   export rows/s  floor rows/s  ratio  CPU ratio   bytes (export / floor)   peak RSS',
);
for (const { name, path, floor } of EXPORTS) {
  const exported: Run[] = [];
  const floors: Run[] = [];
  let peak = 0;
  for (let round = 0; round < ROUNDS; round++) {
    server.resetPeak();
    exported.push(await download(path));
    peak = Math.max(peak, server.memory().peak);
    floors.push(floor());
  }
  const rows = floors[0]?.rows ?? 0;
  const best = (runs: Run[]) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const least = (runs: Run[]) => Math.min(...runs.map((run) => run.cpu));
  const [e, f] = [best(exported), best(floors)];
  console.log(
    [
      name.padEnd(16),
      String(rows).padStart(7),
      String(rate(e, rows)).padStart(14),
      String(rate(f, rows)).padStart(13),
      `${(e.seconds / f.seconds).toFixed(2)}×`.padStart(6),
      `${(least(exported) / least(floors)).toFixed(2)}×`.padStart(10),
      `${e.bytes} / ${f.bytes}`.padStart(24),
      mb(peak).padStart(10),
    ].join(' '),
  );
}

// ---- A small read and the overview while two exports of every value run.

async function timedGet(path: string): Promise<number> {
  const { status, seconds, start } = await get(path);
  if (status !== 200) throw new Error(`${path} answered ${status}: ${start}`);
  return seconds * 1000;
}
const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;
const READS = [
  ['plan.years', '/trpc/plan.years'],
  ['plan.overview', `/trpc/plan.overview?${input({ year: 2024, asOf: AS_OF })}`],
] as const;
for (const [label, path] of READS) {
  const alone: number[] = [];
  for (let i = 0; i < 20; i++) alone.push(await timedGet(path));
  server.resetPeak();
  const running = [download(EXPORTS[0]?.path ?? ''), download(EXPORTS[0]?.path ?? '')];
  let done = false;
  void Promise.all(running).then(() => {
    done = true;
  });
  const beside: number[] = [];
  while (!done) beside.push(await timedGet(path));
  await Promise.all(running);
  console.log(
    `${label}: alone ${quantiles(alone)}; while 2 measurements.csv run ${quantiles(beside)}, max ${Math.max(...beside).toFixed(1)} ms (${beside.length} calls); peak RSS ${mb(server.memory().peak)}.`,
  );
}

await server.stop();
await snapshot.destroy();
