/**
 * `pnpm bench`: figures, not assertions. Builds a database with Busan's plan plus a million synthetic
 * reported values, then measures, through the real HTTP server:
 *  - the streaming export of those values (rows, megabytes, seconds, and the process's peak memory
 *    against its baseline, sampled every 10 ms), which must stay flat however many rows there are;
 *  - the latency of the overview and a sector page (median and 95th percentile of 50 calls each).
 *  - the import of a 100,000-row CSV and xlsx through previewImport (scripts/import-bench.ts).
 * ROWS=200000 pnpm bench runs a smaller table.
 */

import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, openDatabase, prepareDatabase, SEED_DIR } from '@tangible/db';
import { createApp } from '@tangible/server';
import { sql } from 'kysely';
import { pino } from 'pino';
import { importFigures } from './import-bench.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const file = join(mkdtempSync(join(tmpdir(), 'tangible-bench-')), 'bench.sqlite');
const db = openDatabase(file);
await prepareDatabase(db, SEED_DIR);
let started = Date.now();
await sql`
  insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
  with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS}),
  ids(id, k) as (select id, row_number() over (order by id) - 1 from indicators limit 50)
  select ids.id, '2024-' || printf('%02d', (n.i % 12) + 1), n.i * 1.5, 'bench row ' || n.i, 'illustrative',
         'superseded', 'bench', '2025-01-01T00:00:00.000Z'
  from n join ids on ids.k = n.i % 50`.execute(db);
console.log(
  `Inserted ${ROWS.toLocaleString('en')} synthetic values in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);

const app = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const analyst = await findUserByUsername(db, 'analyst');
const { token } = await createApiToken(db, analyst?.id ?? 0, 'bench', new Date());
const headers = { authorization: `Bearer ${token}` };

global.gc?.();
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 10);

started = Date.now();
const res = await fetch(`${base}/api/export/measurements.csv?year=2024&lang=en`, { headers });
let bytes = 0;
let lines = 0;
const reader = res.body?.getReader();
if (!reader) throw new Error('no body');
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
  for (const byte of value) if (byte === 10) lines += 1;
}
const seconds = (Date.now() - started) / 1000;
clearInterval(sampler);
console.log(
  `measurements.csv: ${(lines - 1).toLocaleString('en')} rows, ${mb(bytes)} MB in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s).`,
);
console.log(
  `Memory: RSS ${mb(baseline.rss)} MB before, peak ${mb(peakRss)} MB (+${mb(peakRss - baseline.rss)} MB); heap ${mb(baseline.heapUsed)} MB before, peak ${mb(peakHeap)} MB (+${mb(peakHeap - baseline.heapUsed)} MB). The file itself is ${mb(bytes)} MB.`,
);

global.gc?.();
console.log(
  `Heap after the export and a garbage collection: ${mb(process.memoryUsage().heapUsed)} MB (nothing retained).`,
);

async function latency(label: string, path: string) {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const r = await fetch(`${base}${path}`, { headers });
    await r.arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[25]?.toFixed(1)} ms, p95 ${times[47]?.toFixed(1)} ms (50 calls).`);
}
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
await latency('plan.overview', `/trpc/plan.overview?input=${input({ year: 2024, asOf: '2024-06' })}`);
await latency(
  'sectors.detail',
  `/trpc/sectors.detail?input=${input({ year: 2024, asOf: '2024-06', sector: 'BAL' })}`,
);

server.close();
await importFigures(db, file);
await db.destroy();
