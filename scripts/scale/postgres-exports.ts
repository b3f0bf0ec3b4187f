/**
 * The CSV exports of a nation's workload on PostgreSQL, figures not assertions: the national
 * workload generated as `pnpm bench:scale` generates it (SQLite, generate.ts), copied into a fresh
 * PostgreSQL database, then each export downloaded from the built server running on it: rows/s,
 * the server's peak RSS, and the floor (the same rows read with pg through a cursor in this process
 * and written as CSV lines, 64 KB at a time). The copy is this script's own, for measuring only
 * (`pnpm cli db copy` is the way to move an installation).
 *
 *   export TEST_POSTGRES_URL=$(scripts/postgres.sh start)
 *   pnpm build && npx tsx --conditions=source scripts/scale/postgres-exports.ts [SQLITE_FILE]
 */

import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, migrateToLatest, openPostgres, ROOT } from '@tangible/db';
import SQLite from 'better-sqlite3';
import { downloadCsv } from './exports.js';
import { generate } from './generate.js';
import { count } from './report.js';
import { startServer } from './server.js';
import { WORKLOADS } from './workloads.js';

// The root package does not depend on pg: the db package's, which does (and so its types, written here).
interface PgCursor {
  read(rows: number): Promise<unknown[][]>;
  close(): Promise<void>;
}
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  query(cursor: PgCursor): PgCursor;
  end(): Promise<void>;
}
const fromDb = createRequire(join(ROOT, 'packages/db/package.json'));
const pg = fromDb('pg') as { Client: new (options: { connectionString: string }) => PgClient };
const Cursor = fromDb('pg-cursor') as new (
  text: string,
  values: unknown[],
  config: { rowMode: 'array' },
) => PgCursor;

const ROUNDS = 3;
const admin = process.env.TEST_POSTGRES_URL;
if (!admin)
  throw new Error('TEST_POSTGRES_URL must name a PostgreSQL server (scripts/postgres.sh start prints one)');
const workload = WORKLOADS.national;
const dir = mkdtempSync(join(tmpdir(), 'tangible-pg-exports-'));
const file = process.argv[2] ?? join(dir, 'national.sqlite');
if (!existsSync(file)) {
  const generated = await generate(workload, file);
  console.log(`Generated ${count(generated.indicators)} indicators in ${generated.seconds.toFixed(1)} s.`);
}

// ---- A fresh database with the same schema, then every row copied as it is.

const name = `tangible_exports_${process.pid}`;
const url = new URL(admin);
url.pathname = `/${name}`;
const server = new pg.Client({ connectionString: admin });
await server.connect();
await server.query(`create database ${name}`);
await server.end();
const db = openPostgres(url.toString());
await migrateToLatest(db);
await db.destroy();

const sqlite = new SQLite(file, { readonly: true });
const copied = performance.now();
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const tables = (
  sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'",
    )
    .pluck()
    .all() as string[]
).sort();
await client.query('begin');
// Foreign keys and the append-only audit's triggers do not fire (the rows are copied as they are).
await client.query('set local session_replication_role = replica');
for (const table of tables) {
  await client.query(`delete from ${table}`);
  const rows = sqlite.prepare(`select * from ${table}`).iterate() as Iterable<Record<string, unknown>>;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await client.query(
      `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`,
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  const identity = await client.query(
    `select column_name from information_schema.columns where table_name = $1 and is_identity = 'YES'`,
    [table],
  );
  for (const { column_name: column } of identity.rows)
    await client.query(
      `select setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((select max(${column}) from ${table}), 0) + 1, false)`,
    );
}
await client.query('commit');
await client.query('analyze');
console.log(
  `Copied ${tables.length} tables into PostgreSQL in ${((performance.now() - copied) / 1000).toFixed(1)} s.`,
);

const plan = (sqlite.prepare('select id from plans where year = ?').get(2023) as { id: number }).id;
sqlite.close();

// ---- The floor: the same rows through a cursor, a CSV line each, 64 KB pieces encoded as UTF-8.

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function floor(text: string, values: unknown[]): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  await client.query('begin isolation level repeatable read');
  const cursor = client.query(new Cursor(text, values, { rowMode: 'array' }));
  let rows = 0;
  let pending: string[] = [];
  let length = 0;
  for (;;) {
    const batch = await cursor.read(1_000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const line = `${row.map(cell).join(',')}\r\n`;
      pending.push(line);
      length += line.length;
      rows += 1;
      if (length >= 65_536) {
        Buffer.from(pending.join(''), 'utf8');
        pending = [];
        length = 0;
      }
    }
  }
  Buffer.from(pending.join(''), 'utf8');
  await cursor.close();
  await client.query('commit');
  return { rows, seconds: (performance.now() - started) / 1000 };
}

const PLACED = `from indicators i join projects p on p.id = i.project_id join strategies st on st.id = p.strategy_id
  join sectors sec on sec.id = st.sector_id join departments d on d.id = i.department_id`;
const FLOORS: Record<string, [string, unknown[]]> = {
  'measurements.csv': [
    `select sec.code, i.code, i.name_en, i.unit, d.name_en, m.period, m.value, m.status, m.note, m.evidence_url,
      m.source, m.entered_by, m.entered_at, m.reviewed_at, m.review_reason
    from measurements m join indicators i on i.id = m.indicator_id join projects p on p.id = i.project_id
    join strategies st on st.id = p.strategy_id join sectors sec on sec.id = st.sector_id
    join departments d on d.id = i.department_id where sec.plan_id = $1 order by m.id`,
    [plan],
  ],
  'indicators.csv': [
    `select sec.code, sec.name_en, st.name_en, p.name_en, i.code, i.name_en, i.unit, i.direction, i.aggregation,
      i.frequency, d.name_en, i.baseline_value, f.annual_target, f.target_to_date, f.actual_to_date, f.attainment,
      f.status, f.forecast_year_end, f.forecast_meets_target, f.last_period, i.source,
      coalesce(r.original_value, f.annual_target), r.revised_value, r.decided_at, r.reason
    ${PLACED} left join indicator_figures f on f.indicator_id = i.id and f.month = 6
    left join target_revisions r on r.indicator_id = i.id and r.kind = 'annual' and r.state = 'approved'
      and r.id = (select max(id) from target_revisions l
        where l.indicator_id = i.id and l.kind = 'annual' and l.state = 'approved')
    where sec.plan_id = $1 order by sec.position, st.position, p.position, i.position, i.id`,
    [plan],
  ],
  'milestones.csv': [
    `select sec.code, p.name_en, m.code, m.name_en, d.name_en, m.planned_date, m.forecast_date, m.actual_date,
      m.weight, m.source
    from milestones m join projects p on p.id = m.project_id join strategies st on st.id = p.strategy_id
    join sectors sec on sec.id = st.sector_id join departments d on d.id = m.department_id
    where sec.plan_id = $1 and m.status = 'active' order by sec.position, m.project_id, m.position`,
    [plan],
  ],
  'audit.csv': [
    'select at, actor, action, entity_type, entity_id, before_json, after_json, reason from audit_log order by id',
    [],
  ],
};

// ---- Through the built server on PostgreSQL.

const tokenDb = openPostgres(url.toString());
const analyst = await findUserByUsername(tokenDb, 'analyst');
if (!analyst) throw new Error('the seed has no analyst');
const { token } = await createApiToken(tokenDb, analyst.id, 'postgres-exports', new Date());
await tokenDb.destroy();
const headers = { authorization: `Bearer ${token}` };
const running = await startServer(url.toString(), join(dir, 'server.log'));
const EXPORTS = [
  ['measurements.csv', ''],
  ['indicators.csv', '&asOf=2023-06'],
  ['milestones.csv', '&asOf=2023-06'],
  ['departments.csv', '&asOf=2023-06'],
  ['audit.csv', ''],
] as const;
console.log(`Server on PostgreSQL: ${running.peakRssMb().toFixed(0)} MB after start.`);
console.log('export              rows  export rows/s  floor rows/s  ratio  peak RSS');
for (const [path, query] of EXPORTS) {
  let best = Number.POSITIVE_INFINITY;
  let bestFloor = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await downloadCsv(
      `${running.base}/api/export/${path}?year=2023${query}&lang=en`,
      headers,
      'identity',
    );
    rows = run.rows;
    best = Math.min(best, run.seconds);
    const sql = FLOORS[path];
    if (sql) bestFloor = Math.min(bestFloor, (await floor(...sql)).seconds);
  }
  const floorRate = Number.isFinite(bestFloor) ? Math.round(rows / bestFloor) : Number.NaN;
  console.log(
    [
      path.padEnd(16),
      String(rows).padStart(8),
      String(Math.round(rows / best)).padStart(14),
      String(floorRate).padStart(13),
      (Number.isFinite(bestFloor) ? `${(best / bestFloor).toFixed(2)}×` : '—').padStart(6),
      `${running.peakRssMb().toFixed(0)} MB`.padStart(9),
    ].join(' '),
  );
}
await running.stop();
await client.end();
const dropper = new pg.Client({ connectionString: admin });
await dropper.connect();
await dropper.query(`drop database ${name}`);
await dropper.end();
