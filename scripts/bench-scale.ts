/**
 * `pnpm bench:scale`: figures, not assertions, at a big city's and a nation's size (scale/workloads.ts).
 * For each workload it generates the database (scale/generate.ts), starts the built server on it
 * (what `pnpm build` made, as `pnpm start` runs it) and prints, per screen query: median and 95th
 * percentile latency with one client, the answer's size, the ratio to the screen's SQL floor
 * (scale/floors.ts); requests per second, 99th percentile and errors at 50 and 200 connections with
 * the server's peak memory; the CSV exports' rows per second against their floor; and the server's
 * cold start on that database. `SCALE=big` or `SCALE=national` runs one; `LOAD_SECONDS` (default 10)
 * sets each load run's length. The machine is shared: figures move with whatever else runs on it.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, openDatabase, ROOT } from '@tangible/db';
import SQLite from 'better-sqlite3';
import { downloadCsv, indicatorsFloor, measurementsFloor } from './scale/exports.js';
import { FLOORS } from './scale/floors.js';
import { generate } from './scale/generate.js';
import { loadRun, TIMEOUT_SECONDS } from './scale/load.js';
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
import { BROWSER_ENCODINGS, decoded, get, pathOf, screensOf, timeScreen } from './scale/screens.js';
import { HEAP_LIMIT_MB, startServer } from './scale/server.js';
import { percentile, sampled } from './scale/timing.js';
import { chosenWorkloads, viewOf, type Workload } from './scale/workloads.js';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = [50, 200];
const SCREEN_BUDGET = { calls: 30, ms: 8_000 };
const FLOOR_BUDGET = { calls: 30, ms: 5_000 };

async function tokenFor(file: string): Promise<string> {
  const db = openDatabase(file, 'existing');
  const analyst = await findUserByUsername(db, 'analyst');
  if (!analyst) throw new Error('the seed has no analyst');
  const { token } = await createApiToken(db, analyst.id, 'bench:scale', new Date());
  await db.destroy();
  return token;
}

async function bench(workload: Workload): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `tangible-scale-${workload.name}-`));
  const file = join(dir, 'scale.sqlite');
  const log = join(dir, 'server.log');
  const view = viewOf(workload);
  console.log(`\n== ${workload.title} ==`);
  const generated = await generate(workload, file);
  console.log(
    `Generated ${count(generated.indicators)} indicators, ${count(generated.values)} reported values and ${count(generated.milestones)} milestones in ${generated.seconds.toFixed(1)} s (${size(generated.bytes)}); screens read ${view.year} as of ${view.asOf}.`,
  );
  const headers = { authorization: `Bearer ${await tokenFor(file)}` };
  const sqlite = new SQLite(file, { readonly: true });
  const plan = (sqlite.prepare('select id from plans where year = ?').get(view.year) as { id: number }).id;
  const month = Number(view.asOf.slice(5));
  const params = {
    plan: BigInt(plan),
    year: BigInt(view.year),
    month: BigInt(month),
    asOfDate: new Date(Date.UTC(view.year, month, 0)).toISOString().slice(0, 10),
    sector: workload.sector,
    department: 'G0001',
    indicator: `${workload.sector}-00000`,
  };
  const starts: number[] = [];
  const screens = screensOf(workload);
  const figures: ScreenFigures[] = [];

  let server = await startServer(file, log);
  starts.push(server.coldStartMs);
  for (const screen of screens) {
    await get(`${server.base}${pathOf(screen)}`, headers); // warm: compiled code and SQLite's page cache
    const { samples, answer } = await timeScreen(server.base, screen, headers, SCREEN_BUDGET);
    const statement = sqlite.prepare(FLOORS[screen.floor] as string).pluck();
    let floorAnswer = '';
    const floor = await sampled(FLOOR_BUDGET, () => {
      floorAnswer = statement.get(params) as string;
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
  // What any request costs before a screen computes anything: HTTP, the token, tRPC.
  const base = server.base;
  const overhead = await sampled(SCREEN_BUDGET, () => get(`${base}/trpc/auth.me`, headers));
  const oneClientRss = server.peakRssMb();
  await server.stop();

  for (const [i, screen] of screens.entries()) {
    if (!screen.loaded) continue;
    for (const connections of CONNECTIONS) {
      // A fresh server each run: an overloaded one keeps working through requests whose clients left.
      server = await startServer(file, log);
      starts.push(server.coldStartMs);
      const result = await loadRun(
        `${server.base}${pathOf(screen)}`,
        { ...headers, 'accept-encoding': BROWSER_ENCODINGS },
        connections,
        LOAD_SECONDS,
      );
      figures[i]?.load.push({ result, peakRssMb: server.peakRssMb(), crashed: server.exited() });
      await server.stop();
      console.log(`  ${screen.label} × ${connections}: ${result.requestsPerSecond.toFixed(1)} ok/s`);
    }
  }

  server = await startServer(file, log);
  starts.push(server.coldStartMs);
  const exportsRun: ExportFigures[] = [
    {
      name: 'measurements.csv',
      run: await downloadCsv(`${server.base}/api/export/measurements.csv?year=${view.year}&lang=en`, headers),
      floor: measurementsFloor(sqlite, plan),
    },
    {
      name: 'indicators.csv',
      run: await downloadCsv(
        `${server.base}/api/export/indicators.csv?year=${view.year}&asOf=${view.asOf}&lang=en`,
        headers,
      ),
      floor: indicatorsFloor(sqlite, params),
    },
  ];
  const exportRss = server.peakRssMb();
  await server.stop();
  sqlite.close();

  const sortedStarts = [...starts].sort((a, b) => a - b);
  console.log(
    `\n${workload.title}: one client, ${SCREEN_BUDGET.calls} calls or ${SCREEN_BUDGET.ms / 1000} s per screen`,
  );
  console.log(screensTable(figures));
  console.log(
    `A request that computes nothing (auth.me, signed in by the token): median ${ms(overhead.medianMs)}; a floor below it is mostly below the noise of HTTP.`,
  );
  console.log(
    `\nUnder load (${LOAD_SECONDS} s per run, a fresh server each, heap capped at ${HEAP_LIMIT_MB} MB; errors: non-2xx, failed or over ${TIMEOUT_SECONDS} s)`,
  );
  console.log(loadTable(figures));
  console.log('\nExports (whole plan year, lang=en)');
  console.log(exportsTable(exportsRun));
  console.log(
    `\nPeak RSS: ${oneClientRss.toFixed(0)} MB serving one client, ${Math.max(...figures.flatMap((f) => f.load.map((l) => l.peakRssMb))).toFixed(0)} MB at most under load, ${exportRss.toFixed(0)} MB exporting.`,
  );
  console.log(
    `Cold start of the built server to /healthz (${starts.length} starts): median ${ms(percentile(sortedStarts, 0.5))}, slowest ${ms(sortedStarts[sortedStarts.length - 1] ?? Number.NaN)}.`,
  );
  if (process.env.KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  else console.log(`Kept ${dir}`);
}

// The server measured is the one `pnpm start` would serve: built from the sources as they are.
const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.js')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
for (const workload of chosenWorkloads(process.env.SCALE)) await bench(workload);
