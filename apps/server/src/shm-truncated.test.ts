/**
 * A `-shm` truncated under the running server (`truncate -s 0 tangible.sqlite-shm`). SQLite has it
 * memory-mapped: touching it kills the process with SIGBUS, with no answer and no log. The built
 * server runs in a child process, since that death is exactly what is tested: it must answer 503
 * instead, to reads and to the health check, stay up, stop cleanly, and start again with every
 * committed change.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPassword } from '@tangible/api';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonOf } from './test-json.js';

const MAIN = fileURLToPath(new URL('../dist/tangible.js', import.meta.url));

const running = new Set<ChildProcess>();
// A failed assertion must not leave a server behind.
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function serve(file: string) {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${file}`,
      LOG_LEVEL: 'info',
      // plan.years without signing in: the read the test needs.
      PUBLIC_DASHBOARD: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('Tangible is listening')) resolve(JSON.parse(line).url);
      }
    });
    void exited.then(({ code }) => reject(new Error(`the server exited with ${code}: ${lines.join('\n')}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { child, lines, url, exited, stop };
}

describe('the built server when its -shm is truncated', () => {
  it('answers reads and /healthz with 503 shm_failed, stays up, and starts again with its data', async () => {
    expect(existsSync(MAIN), 'run pnpm build first').toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'tangible-shm-')), 'tangible.sqlite');
    // The first start seeds; the second only reads, as a restart over an existing database does.
    const first = serve(file);
    await first.url;
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const server = serve(file);
    const base = await server.url;
    const years = () => fetch(`${base}/trpc/plan.years`);
    expect((await years()).status).toBe(200);
    // A write that stays in the -wal (this server never closes its connection): a session.
    const signedIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: demoPassword('admin') }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    truncateSync(`${file}-shm`, 0);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await jsonOf(health)).toEqual({
      status: 'error',
      database: 'unavailable',
      engine: 'sqlite',
      email: 'off',
      reason: 'shm_failed',
    });
    const read = await years();
    expect(read.status).toBe(503);
    expect((await jsonOf(read)).error.data).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      problem: { code: 'storage_unavailable', params: { reason: 'shm_failed' } },
    });
    // For good, even though nothing touches the -shm any more.
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();

    // The log is read from the child's stdout, which may lag behind the answers.
    const logged = () =>
      server.lines.map((line) => JSON.parse(line)).filter((l) => l.reason === 'shm_failed');
    await expect
      .poll(() => logged().map((l) => l.msg))
      .toEqual(
        expect.arrayContaining([
          'health check: the database cannot be written',
          'storage failure: the request was refused',
        ]),
      );
    expect(logged()[0].err.message).toMatch(/-shm was truncated \(32768 → 0 bytes\)/);

    // Stopping does not close the connection through the mapping (closing checkpoints through it).
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    const again = serve(file);
    const restarted = await again.url;
    expect((await fetch(`${restarted}/healthz`)).status).toBe(200);
    expect((await jsonOf(await fetch(`${restarted}/trpc/plan.years`))).result.data.years).toEqual([
      2024, 2025,
    ]);
    const me = await fetch(`${restarted}/trpc/auth.me`, { headers: { cookie } });
    expect((await jsonOf(me)).result.data.user).toMatchObject({ username: 'admin' });
    expect(await again.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
