/**
 * How fast `pnpm cli db copy` moves a large installation, and in how much memory: the national
 * workload (scripts/scale) copied from SQLite into a new PostgreSQL database and from there into a
 * new SQLite file. Prints rows/s, wall time and resident memory as the copy goes (at each quarter of
 * the rows, and its peak), so that memory is seen to stay flat rather than grow with the rows.
 *
 *   TEST_POSTGRES_URL=$(scripts/postgres.sh start) npx tsx --conditions=source scripts/copy-bench.ts [FILE]
 *
 * FILE: an installation to copy (default: the national workload, generated into a temporary folder).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CopyProgress,
  type CopySummary,
  copyInstallation,
  type DatabaseLocation,
  openDatabase,
  openPostgres,
  tableNames,
} from '@tangible/db';
import { sql } from 'kysely';
import { generate } from './scale/generate.js';
import { WORKLOADS } from './scale/workloads.js';

const admin = process.env.TEST_POSTGRES_URL;
if (!admin)
  throw new Error('Set TEST_POSTGRES_URL to an administrator’s URL (scripts/postgres.sh start prints one)');

const folder = mkdtempSync(join(tmpdir(), 'tangible-copy-bench-'));
let file = process.argv[2];
if (!file) {
  file = join(folder, 'national.sqlite');
  const made = await generate(WORKLOADS.national, file);
  console.log(
    `Generated the national workload in ${(made.seconds + made.figuresSeconds).toFixed(1)} s: ${file}`,
  );
}

const name = `tangible_copy_bench_${process.pid}`;
async function asAdmin(query: string): Promise<void> {
  const db = openPostgres(admin as string, { max: 1 });
  try {
    await sql.raw(query).execute(db);
  } finally {
    await db.destroy();
  }
}
const url = new URL(admin);
url.pathname = `/${name}`;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function measure(label: string, from: DatabaseLocation, to: DatabaseLocation): Promise<void> {
  global.gc?.();
  let rows = 0;
  let peak = process.memoryUsage.rss();
  const atQuarters: string[] = [];
  const tables = new Map<string, { rows: number; started: number; seconds: number }>();
  const onProgress = ({ table, copied }: CopyProgress) => {
    const now = performance.now();
    const seen = tables.get(table) ?? { rows: 0, started: now, seconds: 0 };
    rows += copied - seen.rows;
    tables.set(table, { rows: copied, started: seen.started, seconds: (now - seen.started) / 1000 });
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    while (atQuarters.length < 4 && rows >= ((atQuarters.length + 1) / 4) * sourceRows)
      atQuarters.push(mb(rss));
  };
  const started = performance.now();
  const summary: CopySummary = await copyInstallation(from, to, { onProgress });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${label}: ${summary.rows.toLocaleString('en')} rows in ${summary.tables.length} tables`);
  console.log(
    `  wall ${seconds.toFixed(1)} s, ${Math.round(summary.rows / seconds).toLocaleString('en')} rows/s`,
  );
  console.log(`  resident memory: peak ${mb(peak)}; at each quarter of the rows ${atQuarters.join(', ')}`);
  const largest = [...tables.entries()].sort((a, b) => b[1].rows - a[1].rows).slice(0, 5);
  for (const [table, { rows: n, seconds: s }] of largest)
    console.log(
      `  ${table}: ${n.toLocaleString('en')} rows, ${s.toFixed(1)} s, ${Math.round(n / s).toLocaleString('en')} rows/s`,
    );
}

let sourceRows = 0;
{
  const db = openDatabase(file, 'existing');
  for (const table of await tableNames(db)) {
    const found = await db
      .selectFrom(table as 'plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    sourceRows += Number(found.n);
  }
  await db.destroy();
}

await asAdmin(`create database ${name}`);
try {
  const postgres: DatabaseLocation = { engine: 'postgres', url: url.toString() };
  console.log(
    `Load average at start: ${(await import('node:os'))
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  await measure('SQLite → PostgreSQL', { engine: 'sqlite', file }, postgres);
  await measure('PostgreSQL → SQLite', postgres, { engine: 'sqlite', file: join(folder, 'back.sqlite') });
} finally {
  await asAdmin(`drop database if exists ${name} with (force)`);
}
