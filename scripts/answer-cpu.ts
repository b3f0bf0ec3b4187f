/**
 * CPU time the built server spends per screen answer on the big-city workload, with answers kept
 * (ANSWER_MEMO_MB=64, the default) and with none kept (0): figures, not assertions. CPU time, not
 * latency, because it is what caps requests per second and it hardly moves with what else runs on
 * a shared machine. Sequential calls as a browser makes them (br), after a few to warm up.
 *
 *   pnpm build && npx tsx --conditions=source scripts/answer-cpu.ts
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, openDatabase } from '@tangible/db';
import { generate } from './scale/generate.js';
import { BROWSER_ENCODINGS, get, pathOf, screensOf } from './scale/screens.js';
import { startServer } from './scale/server.js';
import { WORKLOADS } from './scale/workloads.js';

const CALLS = Number(process.env.CALLS ?? 300);
/** Linux counts a process's CPU time in ticks of 1/100 s (/proc/PID/stat). */
const TICK_MS = 10;

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command's ") ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const dir = mkdtempSync(join(tmpdir(), 'tangible-answer-cpu-'));
const file = join(dir, 'scale.sqlite');
await generate(WORKLOADS.big, file);
const db = openDatabase(file, 'existing');
const analyst = await findUserByUsername(db, 'analyst');
if (!analyst) throw new Error('the seed has no analyst');
const { token } = await createApiToken(db, analyst.id, 'answer-cpu', new Date());
await db.destroy();
const headers = { authorization: `Bearer ${token}`, 'accept-encoding': BROWSER_ENCODINGS };

const screens = screensOf(WORKLOADS.big);
const results = new Map<string, Record<string, number>>();
for (const memo of ['0', '64']) {
  process.env.ANSWER_MEMO_MB = memo;
  const server = await startServer(file, join(dir, 'server.log'));
  for (const screen of screens) {
    const url = `${server.base}${pathOf(screen)}`;
    for (let i = 0; i < 3; i++) await get(url, headers);
    const before = cpuMs(server.pid);
    for (let i = 0; i < CALLS; i++) {
      const answer = await get(url, headers);
      if (answer.status !== 200) throw new Error(`${screen.procedure} answered ${answer.status}`);
    }
    const row = results.get(screen.label) ?? {};
    row[memo] = (cpuMs(server.pid) - before) / CALLS;
    results.set(screen.label, row);
  }
  await server.stop();
}
console.log(`CPU ms per answer (${CALLS} sequential calls each, br), none kept → kept:`);
for (const [label, row] of results) {
  const none = row['0'] ?? Number.NaN;
  const kept = row['64'] ?? Number.NaN;
  console.log(
    `  ${label.padEnd(18)} ${none.toFixed(2)} → ${kept.toFixed(2)} ms  (${(none / kept).toFixed(1)}×)`,
  );
}
rmSync(dir, { recursive: true, force: true });
