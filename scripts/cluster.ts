/**
 * Several built Tangible processes (`pnpm build` output, as `pnpm start` runs it) on one
 * DATABASE_URL, behind nginx on loopback with the repository's deploy/nginx/proxy.conf: for the
 * kill test, the bench and a user trying a deployment on one machine.
 *
 *   DATABASE_URL=postgres://… PROCESSES=2 PORT=8080 npx tsx --conditions=source scripts/cluster.ts
 *
 * The processes start at once (their startup lock lets one prepare the database); nginx is started
 * once every process is ready. Ctrl-C stops them all. nginx runs from a temporary prefix of its own
 * (never the system service); as root, it runs as `nobody`.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SERVER_MAIN = join(ROOT, 'apps/server/dist/tangible.js');
export const PROXY_CONF = join(ROOT, 'deploy/nginx/proxy.conf');
// Debian's nginx is in /usr/sbin, which an ordinary user's PATH may not hold.
const NGINX = process.env.NGINX_BIN ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

export interface ClusterOptions {
  databaseUrl: string;
  processes: number;
  /** nginx's port (0: any free one). */
  port?: number;
  /** More environment for every process (LOG_LEVEL, DRAIN_SECONDS, …). */
  env?: Record<string, string>;
  /** Where the processes' logs and nginx's prefix go (default: a new temporary folder). */
  dir?: string;
  /** Extra `node` arguments (e.g. a heap cap). */
  nodeArgs?: string[];
}

export interface ClusterProcess {
  port: number;
  base: string;
  pid: number;
  log: string;
  exited(): boolean;
  /** Resolves with the exit code (a signal's death gives null) once the process has exited. */
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

export interface Cluster {
  /** nginx, e.g. http://127.0.0.1:8080 */
  base: string;
  processes: ClusterProcess[];
  dir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` answers 200, or throws when `gone()` says the process died or 120 s pass. */
async function answering(url: string, gone: () => string | null): Promise<void> {
  const started = Date.now();
  for (;;) {
    const why = gone();
    if (why) throw new Error(why);
    if (Date.now() - started > 120_000) throw new Error(`${url} did not answer 200 in 120 s`);
    const ok = await fetch(url)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await pause(20);
  }
}

function startProcess(options: ClusterOptions, dir: string, index: number, port: number): ClusterProcess {
  const log = join(dir, `process-${index + 1}.log`);
  const out = openSync(log, 'a');
  const { NODE_ENV: _unset, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_MAIN], {
    env: {
      ...inherited,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      // nginx on this machine: its X-Forwarded-For names the client (deploy/nginx/proxy.conf).
      TRUST_PROXY: 'loopback',
      ...options.env,
    },
    stdio: ['ignore', out, out],
  });
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    log,
    exited: () => exited,
    exit,
    kill: (signal) => {
      if (!exited) child.kill(signal);
    },
  };
}

/** nginx's whole configuration: the upstream of the processes, and the repository's proxy.conf. */
function nginxConf(prefix: string, port: number, processes: ClusterProcess[]): string {
  const servers = processes
    .map((p) => `    server 127.0.0.1:${p.port} max_fails=2 fail_timeout=5s;`)
    .join('\n');
  return `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream tangible {
${servers}
    keepalive 256;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 10000;
    location / {
      include ${prefix}/proxy.conf;
    }
  }
}
`;
}

async function startNginx(prefix: string, port: number, processes: ClusterProcess[]) {
  copyFileSync(PROXY_CONF, join(prefix, 'proxy.conf'));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConf(prefix, port, processes));
  const args = ['-e', join(prefix, 'error.log'), '-p', prefix, '-c', conf];
  const root = process.getuid?.() === 0;
  // nginx started by root would keep a root master; an unprivileged one is all this needs.
  if (root) chownSync(prefix, 65534, 65534);
  const child = root
    ? spawn('runuser', ['-u', 'nobody', '--', NGINX, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.once('error', (error) => {
    stderr += `${error} (is nginx installed? apt-get install nginx)`;
    exited = true;
  });
  await answering(`http://127.0.0.1:${port}/readyz`, () =>
    exited ? `nginx stopped: ${stderr} (see ${prefix}/error.log)` : null,
  );
  return {
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/** The processes alone, each answering /readyz (no nginx): `databaseUrl` may be a file: one for one process. */
export async function startProcesses(options: ClusterOptions) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tangible-cluster-'));
  const ports = await Promise.all(Array.from({ length: options.processes }, () => freePort()));
  const processes = ports.map((port, i) => startProcess(options, dir, i, port));
  const kill = async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exit));
  };
  try {
    await Promise.all(
      processes.map((p) =>
        answering(`${p.base}/readyz`, () =>
          p.exited() ? `a process stopped while starting (see ${p.log})` : null,
        ),
      ),
    );
  } catch (error) {
    await kill();
    throw error;
  }
  return { dir, processes, kill };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { dir, processes, kill } = await startProcesses(options);
  const port = options.port || (await freePort());
  // A folder of its own, not inside `dir`: as root, nginx runs as nobody, who may enter only this.
  const prefix = mkdtempSync(join(tmpdir(), 'tangible-nginx-'));
  let nginx: { stop(): Promise<void> };
  try {
    nginx = await startNginx(prefix, port, processes);
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    base: `http://127.0.0.1:${port}`,
    processes,
    dir,
    async stop() {
      await nginx.stop();
      rmSync(prefix, { recursive: true, force: true });
      for (const p of processes) p.kill('SIGTERM');
      await Promise.all(processes.map((p) => p.exit));
    },
  };
}

// Run as a script: start, say where, stop on Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl?.startsWith('postgres')) {
    console.error('DATABASE_URL=postgres://… is needed: several processes share one PostgreSQL database.');
    process.exit(2);
  }
  const cluster = await startCluster({
    databaseUrl,
    processes: Number(process.env.PROCESSES ?? 2),
    port: Number(process.env.PORT ?? 8080),
  });
  console.log(
    `Tangible at ${cluster.base} (nginx), ${cluster.processes.length} processes: ${cluster.processes
      .map((p) => `${p.base} pid ${p.pid}`)
      .join(', ')}; logs in ${cluster.dir}. Ctrl-C stops them.`,
  );
  const stop = () => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
