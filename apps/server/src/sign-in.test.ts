/**
 * Signing in over HTTP while strangers guess: the real server behind a trusted proxy (TRUST_PROXY=
 * loopback), so one test machine is many clients by their X-Forwarded-For; and X-Forwarded-For
 * ignored from anyone not configured as a proxy.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { type AppOptions, createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
const servers: Server[] = [];
/** Behind a proxy on this machine (TRUST_PROXY=loopback). */
let proxied: string;
/** TRUST_PROXY unset: X-Forwarded-For means nothing. */
let direct: string;
/** TRUST_PROXY=10.0.0.1: the test machine is not that proxy. */
let otherProxy: string;

async function serve(options: Partial<AppOptions>): Promise<string> {
  const server = createApp({
    db,
    logger: pino({ level: 'silent' }),
    webDist: '/nonexistent',
    ...options,
  }).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  proxied = await serve({ trustProxy: ['loopback'] });
  direct = await serve({});
  otherProxy = await serve({ trustProxy: ['10.0.0.1'] });
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

interface Attempt {
  username: string;
  /** Omitted: the right one. */
  password?: string;
  /** The client's address as the proxy reports it. */
  from?: string;
  /** The device cookie (`name=value`) the browser sends. */
  device?: string;
  base?: string;
}

/** One sign-in over HTTP: its status, the problem code when refused, and the device cookie it set. */
async function signIn({ username, password, from, device, base = proxied }: Attempt) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (from) headers['x-forwarded-for'] = from;
  if (device) headers.cookie = device;
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username, password: password ?? demoPassword(username) }),
  });
  const body = await jsonOf(res);
  const cookies = res.headers.getSetCookie();
  return {
    status: res.status,
    problem: body.error?.data?.problem?.code ?? null,
    seconds: body.error?.data?.problem?.params?.seconds ?? null,
    retryAfter: res.headers.get('retry-after'),
    device: cookies.find((c) => c.startsWith('tangible_device='))?.split(';')[0] ?? null,
    cookies,
  };
}

/** Each address guesses `times` in a row (ignoring any wait); all addresses at once. Statuses per address. */
async function guessFrom(addresses: string[], username: string, times: number): Promise<number[][]> {
  return Promise.all(
    addresses.map(async (from) => {
      const statuses: number[] = [];
      for (let i = 0; i < times; i++)
        statuses.push((await signIn({ username, password: 'wrong-password', from })).status);
      return statuses;
    }),
  );
}

const addresses = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`);

describe('the real user while many addresses guess their account', () => {
  it('signs in every time from a fresh address and from a known device while 10 addresses guess', async () => {
    const home = await signIn({ username: 'mayor', from: '198.51.100.1' });
    expect(home.status).toBe(200);
    expect(home.device).toMatch(/^tangible_device=/);
    const guessing = guessFrom(addresses(10, '203.0.113'), 'mayor', 8);
    const real: number[] = [];
    for (let i = 0; i < 10; i++) {
      real.push((await signIn({ username: 'mayor', from: `192.0.2.${i + 1}` })).status);
      real.push(
        (await signIn({ username: 'mayor', from: '198.51.100.1', device: home.device ?? '' })).status,
      );
    }
    const guesses = await guessing;
    expect(real).toEqual(Array(20).fill(200));
    // Every guessing address had its password checked at most five times; the rest waited.
    for (const statuses of guesses) {
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    }
  });

  // 200 password checks at ~0.1 s each, two at a time: more than the default 30 s on a busy machine.
  it('signs in from a fresh address and a known device while 200 addresses guess, each checked once', {
    timeout: 120_000,
  }, async () => {
    // The server's clock stands still (it runs in this process): each address's first failure makes
    // it wait 30 s, and on a slow machine the first round alone took longer than that, so addresses
    // had served their wait and were rightly checked again (285 checks, not ≤ 240).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const home = await signIn({ username: 'planner', from: '198.51.100.2' });
    const strangers = addresses(200, '10.20');
    const first = await guessFrom(strangers, 'planner', 1);
    const more = guessFrom(strangers, 'planner', 2);
    const fresh = await signIn({ username: 'planner', from: '192.0.2.200' });
    // A known device at an address that is among the guessers'.
    const known = await signIn({ username: 'planner', from: '10.20.0.1', device: home.device ?? '' });
    const guesses = [...first.flat(), ...(await more).flat()];
    expect([fresh.status, known.status]).toEqual([200, 200]);
    // Before the account counts as under attack an address could have five tries; after, one each.
    expect(guesses.filter((s) => s === 401).length).toBeLessThanOrEqual(200 + 4 * 10);
    expect(guesses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2 * 200 - 4 * 10);
  });

  it('slows one address guessing many accounts, telling it how long to wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push(
        (await signIn({ username: `nobody-${i}`, password: 'wrong-password', from: '203.0.113.200' })).status,
      );
    expect(statuses).toEqual(Array(20).fill(401));
    const refused = await signIn({
      username: 'nobody-20',
      password: 'wrong-password',
      from: '203.0.113.200',
    });
    expect(refused).toMatchObject({
      status: 429,
      problem: 'sign_in_throttled',
      seconds: 30,
      retryAfter: '30',
    });
  });
});

describe('a batch of guesses in one request', () => {
  const batch = (size: number) =>
    fetch(`${proxied}/trpc/${Array(size).fill('auth.signIn').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.250' },
      body: JSON.stringify(
        Object.fromEntries(
          Array.from({ length: size }, (_, i) => [i, { username: 'analyst', password: `guess-${i}` }]),
        ),
      ),
    });

  it('has one guess checked, as one client gets one check at a time, and the rest refused at once', async () => {
    const res = await batch(20);
    const answers = await jsonOf(res);
    const problems = answers.map(
      (a: { error?: { data: { problem: { code: string } } } }) => a.error?.data.problem.code,
    );
    expect(problems.filter((p: string) => p === 'sign_in_failed')).toHaveLength(1);
    expect(problems.filter((p: string) => p === 'sign_in_busy')).toHaveLength(19);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The refused guesses were never checked, so they count as no failures.
    expect((await signIn({ username: 'analyst', from: '203.0.113.250' })).status).toBe(200);
  });

  it('is refused whole beyond twenty calls', async () => {
    expect((await batch(21)).status).toBe(400);
  });
});

describe('X-Forwarded-For', () => {
  /** Five failures, each claiming another address, then a sixth: was it counted with the five? */
  async function sixthIsThrottled(base: string, username: string): Promise<boolean> {
    for (let i = 0; i < 5; i++)
      await signIn({ username, password: 'wrong-password', from: `198.18.0.${i + 1}`, base });
    return (await signIn({ username, password: 'wrong-password', from: '198.18.0.9', base })).status === 429;
  }

  it('is ignored without TRUST_PROXY: every claimed address is the connection’s own', async () => {
    expect(await sixthIsThrottled(direct, 'fin.head')).toBe(true);
  });

  it('is ignored from a proxy that is not the configured one', async () => {
    expect(await sixthIsThrottled(otherProxy, 'tourism.head')).toBe(true);
  });

  it('names the client when the configured proxy sends it', async () => {
    expect(await sixthIsThrottled(proxied, 'carbon.head')).toBe(false);
  });
});

describe('the device cookie', () => {
  it('is httpOnly and SameSite=Strict, kept for 90 days, and __Host- over HTTPS', async () => {
    const plain = await signIn({ username: 'airport.head', from: '198.51.100.3' });
    const cookie = plain.cookies.find((c) => c.startsWith('tangible_device=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)?.[1] ?? '');
    expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(90);
    const secureBase = await serve({ trustProxy: ['loopback'], secureCookies: true });
    const secure = await signIn({ username: 'airport.head', from: '198.51.100.3', base: secureBase });
    expect(secure.cookies.find((c) => c.startsWith('__Host-tangible_device='))).toMatch(/Secure/);
  });
});
