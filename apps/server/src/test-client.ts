/**
 * For tests that talk to running servers over HTTP (processes.test.ts, kill.test.ts, …): serving an
 * app on a free port, signing in and calling tRPC as the web app does, with a session cookie and its
 * CSRF token.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { changeWatchOf, type Db, watchChanges } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createApp } from './app.js';

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in at `base` (an address claimed through X-Forwarded-For, behind a trusted proxy). */
export async function signInAt(base: string, username: string, from?: string): Promise<Session> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ username, password: demoPassword(username) }),
  });
  if (res.status !== 200)
    throw new Error(`signing in ${username} at ${base}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { csrfToken: string } } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.result.data.csrfToken };
}

/** A tRPC query over GET: the status and the parsed body (null when it was not JSON). */
export async function query(base: string, procedure: string, input: unknown, session?: Session) {
  const url = `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(url, { headers: session ? { cookie: session.cookie } : {} });
  const text = await res.text();
  return { status: res.status, body: parsed(text) };
}

/** A tRPC mutation over POST with the session's cookie and CSRF token. */
export async function mutate(base: string, procedure: string, input: unknown, session: Session) {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  return { status: res.status, body: parsed(text) };
}

// biome-ignore lint/suspicious/noExplicitAny: the test asserts the shape it expects.
function parsed(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Serves `app` on a free loopback port: the server, and the base URL to reach it. */
export async function listening(app: {
  listen: (port: number, host: string) => Server;
}): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A server "process" in a test: its own database pool, watching changes (db change-watch.ts), served. */
export interface WatchingProcess {
  db: Db;
  server: Server;
  base: string;
}

/** Starts one, its listening connection to `url` (the database's, or a proxy's in front of it). */
export async function watchingProcess(db: Db, url: string): Promise<WatchingProcess> {
  await watchChanges(db, url);
  const { server, base } = await listening(
    createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }),
  );
  return { db, server, base };
}

/** Stops them: servers, watches, then pools (the first made last: it drops the test database). */
export async function stopProcesses(...processes: (WatchingProcess | undefined)[]): Promise<void> {
  for (const process of processes) {
    if (!process) continue;
    await new Promise((resolve) => process.server.close(resolve));
    await changeWatchOf(process.db)?.close();
  }
  for (const process of [...processes].reverse()) await process?.db.destroy();
}

/**
 * Counts the touches of API tokens' last use (each an UPDATE of the token's row) by a trigger the
 * test adds to its PostgreSQL database; `drop` takes the trigger and its table away again.
 */
export async function countTokenTouches(db: Db) {
  await sql`create table token_touches (n integer not null)`.execute(db);
  await sql`insert into token_touches values (0)`.execute(db);
  await sql`create function count_token_touch() returns trigger language plpgsql as $$
    begin update token_touches set n = n + 1; return new; end $$`.execute(db);
  await sql`create trigger count_token_touch after update of last_used_at on api_tokens
    for each row execute function count_token_touch()`.execute(db);
  return {
    async count(): Promise<number> {
      return Number((await sql<{ n: number }>`select n from token_touches`.execute(db)).rows[0]?.n);
    },
    async reset(): Promise<void> {
      await sql`update token_touches set n = 0`.execute(db);
    },
    async drop(): Promise<void> {
      await sql`drop trigger count_token_touch on api_tokens`.execute(db);
      await sql`drop function count_token_touch()`.execute(db);
      await sql`drop table token_touches`.execute(db);
    },
  };
}
