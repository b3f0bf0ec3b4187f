/**
 * The built server (apps/server/dist, `pnpm build`) in a process of its own on a database, for the
 * load scripts: its address, a token to export with, and its memory as Linux counts it (/proc).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiToken } from '@tangible/api';
import { findUserByUsername, openDatabase } from '@tangible/db';

const MAIN = fileURLToPath(new URL('../../apps/server/dist/tangible.js', import.meta.url));

export interface Served {
  url: string;
  child: ChildProcess;
  /** Resident memory now and at its peak since the last reset, in MB. */
  memory(): { rss: number; peak: number };
  /** Starts counting the peak afresh (Linux: clear_refs 5). */
  resetPeak(): void;
  /** Seconds its main thread has run on a CPU: the event loop's work, whatever else the machine does. */
  cpu(): number;
  stop(): Promise<void>;
}

/** Seconds a process's main thread has spent on a CPU (Linux: /proc/PID/schedstat, in ns). */
export function mainThreadSeconds(pid: number | 'self'): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
}

/** An analyst's API token: what a script exports with. */
export async function exportToken(file: string): Promise<string> {
  const db = openDatabase(file, 'existing');
  const analyst = await findUserByUsername(db, 'analyst');
  const { token } = await createApiToken(db, analyst?.id ?? 0, 'load scripts', new Date());
  await db.destroy();
  return token;
}

/** `onLog` is told every log line of the server (JSON, parsed). */
export async function serve(
  file: string,
  env: Record<string, string> = {},
  onLog: (line: Record<string, unknown>) => void = () => {},
): Promise<Served> {
  if (!existsSync(MAIN)) throw new Error('Run `pnpm build` first: the load scripts start the built server.');
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${file}`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A script that fails half way must not leave its server running.
  process.once('exit', () => child.kill());
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const logged = JSON.parse(line) as Record<string, unknown>;
        if (typeof logged.url === 'string' && logged.msg === 'Tangible is listening') resolve(logged.url);
        onLog(logged);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const status = (field: string) => {
    const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(
      new RegExp(`${field}:\\s+(\\d+) kB`),
    );
    return Math.round(Number(line?.[1] ?? 0) / 1024);
  };
  return {
    url,
    child,
    memory: () => ({ rss: status('VmRSS'), peak: status('VmHWM') }),
    resetPeak: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    cpu: () => mainThreadSeconds(child.pid ?? 0),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
