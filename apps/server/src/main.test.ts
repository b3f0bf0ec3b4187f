/**
 * The production entry point as `pnpm start` runs it: the built server, a fresh database file,
 * first-start migration and seed, then a clean stop on SIGTERM.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonOf } from './test-json.js';

const MAIN = fileURLToPath(new URL('../dist/tangible.js', import.meta.url));

/** Collects the child's stdout lines and waits for one that matches. */
function lineReader(child: ChildProcess) {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  return {
    lines,
    waitFor(pattern: RegExp): Promise<string> {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${lines.join('\n')}`)));
      });
    },
  };
}

describe('the built server (node apps/server/dist/tangible.js)', () => {
  it('creates, migrates and seeds its database on first start, serves, and stops cleanly on SIGTERM', async () => {
    expect(existsSync(MAIN), 'run pnpm build first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'tangible-main-'));
    const file = join(dir, 'nested', 'tangible.sqlite');
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${file}`, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reader = lineReader(child);
    const { lines } = reader;
    const listening = JSON.parse(await reader.waitFor(/Tangible is listening/));
    expect(listening.engine).toBe('sqlite');
    const ready = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'database ready');
    expect(ready).toMatchObject({ engine: 'sqlite', database: file });
    expect(ready.seeded.indicators).toBeGreaterThanOrEqual(45);
    // No SMTP settings: the log says email is off (and /healthz below).
    expect(lines.map((l) => JSON.parse(l)).find((l) => l.email === 'off')?.msg).toMatch(/email is off/);
    expect(existsSync(file)).toBe(true);
    // The mark that a database exists here, so that its loss is noticed (storage/presence.ts).
    expect(existsSync(`${file}.created`)).toBe(true);

    const health = await fetch(`${listening.url}/healthz`);
    expect(await jsonOf(health)).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite', email: 'off' });
    const logged = await reader.waitFor(/"url":"\/healthz"/);
    expect(JSON.parse(logged)).toMatchObject({ method: 'GET', status: 200, level: 30 });

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    // Every connection was closed (the export connection too, unused): the -wal was folded in.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses to run in production while demonstration passwords remain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tangible-prod-'));
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        DATABASE_URL: `file:${join(dir, 'db.sqlite')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reader = lineReader(child);
    const exited = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exited).toBe(1);
    expect(reader.lines.join('\n')).toMatch(
      /refusing to run in production while accounts still have their demonstration passwords/,
    );
    expect(reader.lines.some((l) => l.includes('Tangible is listening'))).toBe(false);
  });

  it('refuses a wrong setting in one line naming the variable, without a stack trace', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', COOKIE_SECURE: 'yes', DATABASE_URL: 'file::memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exited).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Invalid environment: COOKIE_SECURE: /),
    ]);
  });

  it('says in one line that its port is taken, and which variable moves it', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: 'file::memory:' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(exited).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is in use by another program`);
      expect(stderr).toContain('PORT=');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it.each([
    ['a scheme it does not run on', 'mysql://localhost/tangible', /does not run on \("mysql:"\)/],
    ['a malformed PostgreSQL URL', 'postgres:tangible', /"postgres:tangible" cannot be read/],
  ])('refuses %s in DATABASE_URL in one line saying what it accepts', async (_, url, reason) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exited).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment: DATABASE_URL: /);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).toMatch(/file:PATH.*postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/);
  });

  it('refuses to start, saying why and what to do, when a database it created has vanished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tangible-vanished-'));
    const file = join(dir, 'tangible.sqlite');
    // What the first start leaves beside the database; the database file itself is gone.
    writeFileSync(
      `${file}.created`,
      JSON.stringify({ createdAt: '2025-01-15T09:00:00.000Z', database: 'x' }),
    );
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', DATABASE_URL: `file:${file}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reader = lineReader(child);
    const exited = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(exited).toBe(1);
    const fatal = reader.lines.map((l) => JSON.parse(l)).find((l) => l.level === 60);
    expect(fatal.msg).toMatch(
      /^refusing to start: the database file .* is missing, but a database was created there on 2025-01-15T09:00:00.000Z .*pnpm cli db restore FILE --yes.*pnpm cli db reset --yes/,
    );
    // Nothing was created or seeded in its place.
    expect(existsSync(file)).toBe(false);
  });
});
