/**
 * The server a bench run measures, on either engine, with one process or several behind nginx
 * (ENGINE, PROCESSES): the same RunningServer as server.ts's, so every phase reads the same.
 * SQLite with one process is server.ts's own; several processes share one PostgreSQL database
 * behind nginx (scripts/cluster.ts); PostgreSQL with one process is asked directly.
 */

import { readFileSync } from 'node:fs';
import { type ClusterProcess, startCluster, startProcesses } from '../cluster.js';
import { HEAP_LIMIT_MB, type RunningServer, startServer } from './server.js';

export interface Serving {
  engine: 'sqlite' | 'postgres';
  processes: number;
  /** The SQLite file (ENGINE=sqlite) … */
  file: string;
  /** … or the PostgreSQL database (ENGINE=postgres). */
  databaseUrl: string | null;
  log: string;
}

export function servingOf(env: NodeJS.ProcessEnv): Pick<Serving, 'engine' | 'processes'> {
  const engine = env.ENGINE === 'postgres' ? 'postgres' : 'sqlite';
  const processes = Number(env.PROCESSES ?? 1);
  if (!Number.isInteger(processes) || processes < 1) throw new Error('PROCESSES must be 1 or more');
  if (engine === 'sqlite' && processes > 1)
    throw new Error('several processes share one PostgreSQL database: ENGINE=postgres PROCESSES=2');
  return { engine, processes };
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Starts what `serving` names; resolves once every process (and nginx) answers. */
export async function startServed(serving: Serving): Promise<RunningServer> {
  if (serving.engine === 'sqlite') return startServer(serving.file, serving.log);
  const databaseUrl = serving.databaseUrl;
  if (!databaseUrl) throw new Error('no PostgreSQL database to serve');
  const options = {
    databaseUrl,
    processes: serving.processes,
    nodeArgs: [`--max-old-space-size=${HEAP_LIMIT_MB}`],
  };
  const started = performance.now();
  let base: string;
  let processes: ClusterProcess[];
  let stopAll: () => Promise<void>;
  if (serving.processes === 1) {
    const alone = await startProcesses(options);
    processes = alone.processes;
    base = processes[0]?.base ?? '';
    stopAll = alone.kill;
  } else {
    const cluster = await startCluster(options);
    processes = cluster.processes;
    base = cluster.base;
    stopAll = async () => {
      // Killed, not asked, as server.ts does: an overloaded process may still be working through a queue.
      for (const p of processes) p.kill('SIGKILL');
      await cluster.stop();
    };
  }
  // Peaks are read while the processes live: the sum over the processes.
  const peaks = new Map<number, number>();
  const peak = () => {
    let sum = 0;
    for (const p of processes) {
      const now = peakRssMb(p.pid);
      if (Number.isFinite(now)) peaks.set(p.pid, now);
      sum += peaks.get(p.pid) ?? 0;
    }
    return sum;
  };
  return {
    base,
    pid: processes[0]?.pid ?? 0,
    coldStartMs: performance.now() - started,
    peakRssMb: peak,
    exited: () => processes.some((p) => p.exited()),
    async stop() {
      peak();
      await stopAll();
    },
  };
}
