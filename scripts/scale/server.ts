/**
 * The built server (`pnpm build` output) as a child process on a workload's database, the way
 * `pnpm start` runs it: how long it takes to answer /healthz (its cold start), and the peak of its
 * resident memory (VmHWM) before it is stopped.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '@tangible/db';

export const SERVER_MAIN = join(ROOT, 'apps/server/dist/tangible.js');

/**
 * The server's heap is capped so that an overloaded national server cannot take a shared machine's
 * memory with it; reaching the cap ends it, which the load run reports as errors and a crash.
 */
export const HEAP_LIMIT_MB = 4096;

export interface RunningServer {
  base: string;
  pid: number;
  /** From spawning the process to its first 200 from /healthz. */
  coldStartMs: number;
  /** The highest resident memory the process has had, in MB (/proc/PID/status VmHWM). */
  peakRssMb(): number;
  /** Whether it died on its own (e.g. out of memory under load). */
  exited(): boolean;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the server on the database (an SQLite file, or a `postgres://` URL), its log appended to
 * `logFile`; resolves once /healthz answers 200.
 */
export async function startServer(database: string, logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const { NODE_ENV: _unset, ...env } = process.env;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [`--max-old-space-size=${HEAP_LIMIT_MB}`, SERVER_MAIN],
    {
      env: {
        ...env,
        DATABASE_URL: database.startsWith('postgres://') ? database : `file:${database}`,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', log, log],
    },
  );
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the server stopped before answering (see ${logFile})`);
    if (performance.now() - started > 60_000)
      throw new Error(`the server did not answer in 60 s (${logFile})`);
    const healthy = await fetch(`${base}/healthz`)
      .then((res) => res.ok)
      .catch(() => false);
    if (healthy) break;
    await pause(5);
  }
  const coldStartMs = performance.now() - started;
  const pid = child.pid as number;
  return {
    base,
    pid,
    coldStartMs,
    peakRssMb: () => peakRssMb(pid),
    exited: () => exitCode !== undefined,
    async stop() {
      if (exitCode !== undefined) return;
      // Killed, not asked: after a load run it may still be working through queued requests, and
      // the database is thrown away afterwards.
      child.kill('SIGKILL');
      await exit;
    },
  };
}
