/**
 * `pnpm bench:scale`: figures, not assertions, at a big city's and a nation's size (scale/workloads.ts).
 * For each workload it generates the database (scale/generate.ts), starts the built server on it
 * (what `pnpm build` made, as `pnpm start` runs it) and prints, per screen query: median and 95th
 * percentile latency with one client, the answer's size, the ratio to the screen's SQL floor
 * (scale/floors.ts); requests per second, 99th percentile and errors at 50 and 200 connections with
 * the server's peak memory; the CSV exports' rows per second against their floor; and the server's
 * cold start on that database. `SCALE=big` or `SCALE=national` runs one; `LOAD_SECONDS` (default 10)
 * sets each load run's length, `PARTS=exports` (or `screens`, `screens,load`) runs only those parts. The machine is shared: figures move with whatever else runs on it.
 *
 * `ENGINE=postgres` (with POSTGRES_URL, an administrator's URL: scripts/postgres.sh start prints
 * one) serves the same generated database from PostgreSQL (copied by scale/postgres-copy.ts), and
 * `PROCESSES=2` from that many processes behind nginx (scripts/cluster.ts); the tables are the
 * same, peak RSS is the sum over the processes, and the SQL floors stay SQLite's. `LOAD_SCREENS=
 * overview` loads only the screens named, `CONNECTIONS=200` only those levels.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, openDatabase, ROOT } from '@tangible/db';
import SQLite from 'better-sqlite3';
import { downloadCsv, type ExportRun, indicatorsFloor, measurementsFloor } from './scale/exports.js';
import { FLOORS } from './scale/floors.js';
import { generate } from './scale/generate.js';
import { loadRun, TIMEOUT_SECONDS } from './scale/load.js';
import { copyToPostgres } from './scale/postgres-copy.js';
import {
  count,
  type ExportFigures,
  exportsTable,
  loadTable,
  ms,
  type ScreenFigures,
  screensTable,
  size,
} from './scale/report.js';
import {
  BROWSER_ENCODINGS,
  decoded,
  get,
  pathOf,
  type Screen,
  screensOf,
  timeScreen,
} from './scale/screens.js';
import { type Serving, servingOf, startServed } from './scale/served.js';
import { HEAP_LIMIT_MB } from './scale/server.js';
import { percentile, sampled } from './scale/timing.js';
import { chosenWorkloads, viewOf, type Workload } from './scale/workloads.js';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = (process.env.CONNECTIONS ?? '50,200').split(',').map(Number);
const LOAD_SCREENS = process.env.LOAD_SCREENS?.split(',').map((label) => label.trim());
const SERVING = servingOf(process.env);
const SCREEN_BUDGET = { calls: 30, ms: 8_000 };
const FLOOR_BUDGET = { calls: 30, ms: 5_000 };
/** Downloads of each export (and runs of its floor), the fastest kept. */
const EXPORT_ROUNDS = 5;
/** `PARTS=screens,load,exports` (the default) or fewer; load needs screens. */
const PARTS = new Set((process.env.PARTS ?? 'screens,load,exports').split(',').map((part) => part.trim()));

async function tokenFor(file: string): Promise<string> {
  const db = openDatabase(file, 'existing');
  const analyst = await findUserByUsername(db, 'analyst');
  if (!analyst) throw new Error('the seed has no analyst');
  const { token } = await createApiToken(db, analyst.id, 'bench:scale', new Date());
  await db.destroy();
  return token;
}

/** What every phase of one workload's run needs. */
interface Run {
  file: string;
  log: string;
  headers: Record<string, string>;
  sqlite: SQLite.Database;
  plan: number;
  view: { year: number; asOf: string };
  /** Parameters of the floors' SQL. */
  params: Record<string, bigint | string>;
  /** Every server start's time to /healthz. */
  starts: number[];
  serving: Serving;
}

async function started(run: Run) {
  const server = await startServed(run.serving);
  run.starts.push(server.coldStartMs);
  return server;
}

/** One client: each screen's latency, size and floor; then what a request costs that computes nothing. */
async function screensPhase(run: Run, screens: Screen[]) {
  const server = await started(run);
  const figures: ScreenFigures[] = [];
  for (const screen of screens) {
    await get(`${server.base}${pathOf(screen)}`, run.headers); // warm: compiled code and SQLite's page cache
    const { samples, answer } = await timeScreen(server.base, screen, run.headers, SCREEN_BUDGET);
    const statement = run.sqlite.prepare(FLOORS[screen.floor] as string).pluck();
    let floorAnswer = '';
    const floor = await sampled(FLOOR_BUDGET, () => {
      floorAnswer = statement.get(run.params) as string;
    });
    figures.push({
      label: screen.label,
      procedure: screen.procedure,
      samples,
      floor,
      floorBytes: Buffer.byteLength(floorAnswer),
      bytes: decoded(answer).length,
      wireBytes: answer.wire.length,
      encoding: answer.encoding,
      load: [],
    });
    console.log(`  ${screen.label}: median ${ms(samples.medianMs)}, floor ${ms(floor.medianMs)}`);
  }
  const overhead = await sampled(SCREEN_BUDGET, () => get(`${server.base}/trpc/auth.me`, run.headers));
  const peakRssMb = server.peakRssMb();
  await server.stop();
  return { figures, overhead, peakRssMb };
}

/** Many clients: each loaded screen at each number of connections, on a fresh server each time. */
async function loadPhase(run: Run, screens: Screen[], figures: ScreenFigures[]): Promise<void> {
  for (const [i, screen] of screens.entries()) {
    if (!screen.loaded || (LOAD_SCREENS && !LOAD_SCREENS.includes(screen.label))) continue;
    for (const connections of CONNECTIONS) {
      // An overloaded server keeps working through requests whose clients left; the next run must not inherit them.
      const server = await started(run);
      const result = await loadRun(
        `${server.base}${pathOf(screen)}`,
        { ...run.headers, 'accept-encoding': BROWSER_ENCODINGS },
        connections,
        LOAD_SECONDS,
      );
      figures[i]?.load.push({ result, peakRssMb: server.peakRssMb(), crashed: server.exited() });
      await server.stop();
      console.log(`  ${screen.label} × ${connections}: ${result.requestsPerSecond.toFixed(1)} ok/s`);
    }
  }
}

/**
 * The exports, as a script asks for them and as a browser does, against their floors: each run
 * EXPORT_ROUNDS times, alternately with its floor, the fastest of each kept (the machine is shared;
 * one run moves with whatever else runs on it).
 */
async function exportsPhase(run: Run) {
  const server = await started(run);
  const url = (name: string, query: string) =>
    `${server.base}/api/export/${name}?year=${run.view.year}${query}&lang=en`;
  const tables = [
    {
      name: 'measurements.csv',
      url: url('measurements.csv', ''),
      floor: () => measurementsFloor(run.sqlite, run.plan),
    },
    {
      name: 'indicators.csv',
      url: url('indicators.csv', `&asOf=${run.view.asOf}`),
      floor: () => indicatorsFloor(run.sqlite, run.params),
    },
  ];
  const fastest = (runs: ExportRun[]) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const exports: ExportFigures[] = [];
  for (const table of tables) {
    for (const encoding of ['identity', 'br'] as const) {
      const name = encoding === 'br' ? `${table.name}, br` : table.name;
      const runs: ExportRun[] = [];
      const floors: ExportRun[] = [];
      for (let round = 0; round < EXPORT_ROUNDS; round++) {
        runs.push(await downloadCsv(table.url, run.headers, encoding));
        floors.push(table.floor());
      }
      exports.push({ name, run: fastest(runs), floor: fastest(floors) });
    }
  }
  const peakRssMb = server.peakRssMb();
  await server.stop();
  return { exports, peakRssMb };
}

async function bench(workload: Workload): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `tangible-scale-${workload.name}-`));
  const file = join(dir, 'scale.sqlite');
  const view = viewOf(workload);
  const served = `${SERVING.engine}, ${SERVING.processes} process${SERVING.processes > 1 ? 'es behind nginx' : ''}`;
  console.log(`\n== ${workload.title} (${served}) ==`);
  const generated = await generate(workload, file);
  console.log(
    `Generated ${count(generated.indicators)} indicators, ${count(generated.values)} reported values and ${count(generated.milestones)} milestones in ${generated.seconds.toFixed(1)} s, stored figures in ${generated.figuresSeconds.toFixed(1)} s (${size(generated.bytes)}); screens read ${view.year} as of ${view.asOf}.`,
  );
  const sqlite = new SQLite(file, { readonly: true });
  const plan = (sqlite.prepare('select id from plans where year = ?').get(view.year) as { id: number }).id;
  const month = Number(view.asOf.slice(5));
  // The token is made in the file first, so a copy to PostgreSQL carries it.
  const token = await tokenFor(file);
  let databaseUrl: string | null = null;
  if (SERVING.engine === 'postgres') {
    const copied = await copyToPostgres(file, `tangible_scale_${workload.name}`);
    databaseUrl = copied.url;
    console.log(`Copied into PostgreSQL in ${copied.seconds.toFixed(1)} s.`);
  }
  const run: Run = {
    file,
    log: join(dir, 'server.log'),
    serving: { ...SERVING, file, databaseUrl, log: join(dir, 'server.log') },
    headers: { authorization: `Bearer ${token}` },
    sqlite,
    plan,
    view,
    params: {
      plan: BigInt(plan),
      year: BigInt(view.year),
      month: BigInt(month),
      asOfDate: new Date(Date.UTC(view.year, month, 0)).toISOString().slice(0, 10),
      sector: workload.sector,
      department: 'G0001',
      indicator: `${workload.sector}-00000`,
    },
    starts: [],
  };
  const screens = screensOf(workload);
  const one = PARTS.has('screens') ? await screensPhase(run, screens) : null;
  if (one && PARTS.has('load')) await loadPhase(run, screens, one.figures);
  const exported = PARTS.has('exports') ? await exportsPhase(run) : null;
  sqlite.close();

  if (one) {
    console.log(
      `\n${workload.title} (${served}): one client, ${SCREEN_BUDGET.calls} calls or ${SCREEN_BUDGET.ms / 1000} s per screen`,
    );
    console.log(screensTable(one.figures));
    console.log(
      `A request that computes nothing (auth.me, signed in by the token): median ${ms(one.overhead.medianMs)}; a floor below it is mostly below the noise of HTTP.`,
    );
    console.log(`Peak RSS serving one client: ${one.peakRssMb.toFixed(0)} MB.`);
  }
  if (one && PARTS.has('load')) {
    console.log(
      `\nUnder load (${served}; ${LOAD_SECONDS} s per run, a fresh server each, heap capped at ${HEAP_LIMIT_MB} MB; errors: non-2xx, failed or over ${TIMEOUT_SECONDS} s)`,
    );
    console.log(loadTable(one.figures));
  }
  if (exported) {
    console.log('\nExports (whole plan year, lang=en; as a script asks, and as a browser does: br)');
    console.log(exportsTable(exported.exports));
    console.log(`Peak RSS exporting: ${exported.peakRssMb.toFixed(0)} MB.`);
  }
  const starts = [...run.starts].sort((a, b) => a - b);
  console.log(
    `Cold start of the built server to /healthz (${starts.length} starts): median ${ms(percentile(starts, 0.5))}, slowest ${ms(starts[starts.length - 1] ?? Number.NaN)}.`,
  );
  if (process.env.KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  else console.log(`Kept ${dir}`);
}

// The server measured is the one `pnpm start` would serve: built from the sources as they are.
const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.js')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
for (const workload of chosenWorkloads(process.env.SCALE)) await bench(workload);
