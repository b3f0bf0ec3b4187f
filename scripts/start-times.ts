/**
 * `pnpm bench:start`: how long `pnpm start` takes to answer /healthz — the first time, from a tree
 * with nothing built (this removes the build outputs: every dist folder and tsbuildinfo), and the
 * second time, when everything is built already (the goal: under 2 s). Then the cold start of the
 * built server alone (`node apps/server/dist/tangible.js`), several times. On a fresh database in a
 * temporary folder; the first start also migrates and seeds it. Figures, not assertions; the machine
 * may be shared, so they move with its load.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '@tangible/db';
import { percentile } from './scale/timing.js';

const STARTS = Number(process.env.STARTS ?? 5);
const database = join(mkdtempSync(join(tmpdir(), 'tangible-start-')), 'start.sqlite');
const OUTPUTS = [
  'packages/core/dist',
  'packages/db/dist',
  'packages/api/dist',
  'apps/server/dist',
  'apps/cli/dist',
  'apps/web/dist',
  'packages/core/tsconfig.tsbuildinfo',
  'packages/db/tsconfig.tsbuildinfo',
  'packages/api/tsconfig.tsbuildinfo',
  'apps/server/tsconfig.tsbuildinfo',
  'apps/cli/tsconfig.tsbuildinfo',
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs the command in its own process group, waits for /healthz, then stops the whole group. */
async function timeToHealthy(command: string, args: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: `file:${database}`, PORT: String(port), LOG_LEVEL: 'warn' },
  });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve(null);
    }),
  );
  for (;;) {
    if (exited) throw new Error(`${command} ${args.join(' ')} stopped before answering /healthz`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ms = performance.now() - started;
  // pnpm does not pass a signal on to the server (README), so the group it leads is stopped.
  process.kill(-(child.pid as number), 'SIGTERM');
  await exit;
  return ms;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

for (const output of OUTPUTS) rmSync(join(ROOT, output), { recursive: true, force: true });
console.log(
  `First pnpm start (nothing built, new database): ${seconds(await timeToHealthy('pnpm', ['start']))}`,
);
const again: number[] = [];
for (let i = 0; i < STARTS; i++) again.push(await timeToHealthy('pnpm', ['start']));
again.sort((a, b) => a - b);
console.log(
  `Second pnpm start (all built): median ${seconds(percentile(again, 0.5))}, slowest ${seconds(again[again.length - 1] ?? 0)} (${STARTS} starts)`,
);
const cold: number[] = [];
for (let i = 0; i < STARTS; i++)
  cold.push(await timeToHealthy(process.execPath, ['apps/server/dist/tangible.js']));
cold.sort((a, b) => a - b);
console.log(
  `Cold start of the built server alone: median ${seconds(percentile(cold, 0.5))}, slowest ${seconds(cold[cold.length - 1] ?? 0)} (${STARTS} starts; pnpm bench:scale measures it on large databases)`,
);
rmSync(join(database, '..'), { recursive: true, force: true });
