/**
 * The server as configured for production (HTTPS, COOKIE_SECURE on) and for development
 * (NODE_ENV=development): security headers, caching, the session cookie, error stacks, source maps.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
/** A database that is closed: every query fails, so every route that reads it fails inside. */
let broken: Db;
let webDist: string;
const servers: Server[] = [];

async function serve(options: Partial<AppOptions>, database = db): Promise<string> {
  const server = createApp({ db: database, logger: pino({ level: 'silent' }), webDist, ...options }).listen(
    0,
    '127.0.0.1',
  );
  servers.push(server);
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const production: Partial<AppOptions> = { secureCookies: true };
const development: Partial<AppOptions> = { secureCookies: false, development: true };

function signIn(base: string) {
  return fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mayor', password: demoPassword('mayor') }),
  });
}

/** The name and value of the session cookie a sign-in set, as a Cookie header. */
async function sessionCookie(base: string): Promise<{ setCookie: string; cookie: string }> {
  const setCookie = (await signIn(base)).headers.get('set-cookie') ?? '';
  return { setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

async function me(base: string, cookie: string): Promise<string | null> {
  const res = await fetch(`${base}/trpc/auth.me`, { headers: { cookie } });
  return (await jsonOf(res)).result.data.user?.username ?? null;
}

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  ({ db: broken } = await seededTestDatabase());
  await broken.destroy();
  webDist = mkdtempSync(join(tmpdir(), 'tangible-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Tangible</title>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
  writeFileSync(join(webDist, 'assets', 'app.js.map'), '{"version":3}');
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

describe('security headers', () => {
  it('come from helmet, with the app’s content policy, frames refused and no referrer', async () => {
    const res = await fetch(`${await serve(production)}/`);
    const policy = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    expect(policy).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('include HSTS only when cookies are secure (the server is behind HTTPS)', async () => {
    const secure = await fetch(`${await serve(production)}/healthz`);
    expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    const plain = await fetch(`${await serve(development)}/healthz`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('caching', () => {
  it('keeps no copy of tRPC or API answers, sign-in included; the web app’s files may be cached', async () => {
    const base = await serve(production);
    expect((await signIn(base)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/trpc/auth.me`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/trpc/plan.years`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/api/export/indicators.csv`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('cache-control')).toMatch(/max-age=3600/);
  });
});

describe('the session cookie', () => {
  it('over HTTPS is __Host-tangible_session: Secure, Path=/, no Domain; and only that name is read', async () => {
    const base = await serve(production);
    const { setCookie, cookie } = await sessionCookie(base);
    expect(setCookie).toMatch(/^__Host-tangible_session=[\w-]+;/);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(await me(base, cookie)).toBe('mayor');
    // The same session under the plain name (as a plain-HTTP page could set it) is not read.
    expect(await me(base, cookie.replace('__Host-', ''))).toBeNull();
  });

  it('over plain HTTP is tangible_session, without Secure, and read under that name', async () => {
    const base = await serve(development);
    const { setCookie, cookie } = await sessionCookie(base);
    expect(setCookie).toMatch(/^tangible_session=[\w-]+;/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(await me(base, cookie)).toBe('mayor');
  });
});

describe('errors', () => {
  // Looking the token up is the first thing that fails on the closed database.
  const credentials = { authorization: 'Bearer tgb_anything' };

  /** plan.years as the mayor on a database whose plans table is gone: the procedure itself fails. */
  async function failingProcedure(options: Partial<AppOptions>) {
    const { db: gone } = await seededTestDatabase();
    const base = await serve(options, gone);
    const { cookie } = await sessionCookie(base);
    await sql`alter table plans rename to plans_gone`.execute(gone);
    const res = await fetch(`${base}/trpc/plan.years`, { headers: { cookie } });
    return { status: res.status, body: await jsonOf(res) };
  }

  it('carry no stack from tRPC, whatever NODE_ENV says, unless started for development', async () => {
    // Vitest runs with NODE_ENV=test, where tRPC's default would send the stack.
    for (const options of [production, {}]) {
      const { status, body } = await failingProcedure(options);
      expect(status).toBe(500);
      expect(body.error.data.stack).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/\\n\s+at |\.ts:\d/);
      // Nor when the request fails before any procedure runs (looking up its credentials).
      const early = await fetch(`${await serve(options, broken)}/trpc/plan.years`, { headers: credentials });
      expect(early.status).toBeGreaterThanOrEqual(500);
      expect((await jsonOf(early)).error.data.stack).toBeUndefined();
    }
    const { body } = await failingProcedure(development);
    expect(body.error.data.stack).toMatch(/\n\s+at /);
  });

  it('from the HTTP routes carry no stack or inner message, in development too', async () => {
    for (const options of [production, development]) {
      const base = await serve(options, broken);
      const res = await fetch(`${base}/api/import/template.csv?year=2024`, { headers: credentials });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const text = await res.text();
      expect(JSON.parse(text).problem.code).toBeTruthy();
      expect(text).not.toMatch(/stack|\n\s+at |\.ts:\d|destroyed|sqlite/i);
    }
  });
});

describe('source maps', () => {
  it('are not served in production, and are in development', async () => {
    expect((await fetch(`${await serve(production)}/assets/app.js.map`)).status).toBe(404);
    // Escaped, the static server would still find the file: the path is judged decoded.
    for (const disguised of ['app.js.%6dap', 'app.js.ma%70', 'app.js.%6D%61%70'])
      expect((await fetch(`${await serve(production)}/assets/${disguised}`)).status, disguised).toBe(404);
    expect((await fetch(`${await serve(development)}/assets/app.js.map`)).status).toBe(200);
  });
});
