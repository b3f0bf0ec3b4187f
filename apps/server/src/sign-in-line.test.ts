/**
 * The line of password checks over HTTP (packages/db/src/hash-line.ts), behind a trusted proxy
 * (TRUST_PROXY=loopback) so one test machine is many clients: strangers guessing from many addresses
 * at once do not make the real user wait behind their guesses, and one client gets one check at a
 * time. Counts, not times: how many guesses were checked while the real user's sign-in waited, by
 * the server's own order of arrivals and answers (the client sees answers late, and later the busier
 * the machine: counted there, a check that ended before the real user came could look like one that
 * went ahead of it).
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
let server: Server;
let base: string;
/** How many answers the server had finished when each attempt came (by its X-Attempt header). */
const arrivals = new Map<string, number>();
/** Attempts in the order the server finished answering them. */
const finished: string[] = [];

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  server = createApp({
    db,
    logger: pino({ level: 'silent' }),
    webDist: '/nonexistent',
    trustProxy: ['loopback'],
  }).listen(0, '127.0.0.1');
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const attempt = String(req.headers['x-attempt']);
    arrivals.set(attempt, finished.length);
    res.once('finish', () => finished.push(attempt));
  });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

/** One sign-in from `from`: its status, problem code and Retry-After. */
async function signIn(from: string, username: string, password: string) {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, 'x-attempt': username },
    body: JSON.stringify({ username, password }),
  });
  const body = await jsonOf(res);
  return {
    status: res.status,
    problem: (body.error?.data?.problem?.code as string | undefined) ?? null,
    retryAfter: res.headers.get('retry-after'),
  };
}

/**
 * Waits until every one of `count` addresses has a guess of the attack (usernames
 * nobody-198.18.1.N-i, i ≥ 1) recorded against its account: recorded in the transaction that gave it
 * its place, so each address has entered the line. Addresses, not rows: one whose first guess was
 * checked may enter again before a slower one enters at all.
 */
async function inLine(count: number) {
  for (let tries = 0; tries < 3_000; tries++) {
    const rows = await db
      .selectFrom('sign_in_attempts')
      .select('key')
      .where('key', 'like', 'account:nobody-198.18.1.%')
      .where('key', 'not like', '%-0')
      .where('key', 'not like', '%|%')
      .execute();
    if (new Set(rows.map(({ key }) => key.replace(/-\d+$/, ''))).size >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`fewer than ${count} addresses had a guess in line within 15 s`);
}

const addresses = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}.${i + 1}`);

describe('the line of password checks', () => {
  it('checks one attempt of a client at a time: the others sent with it are refused at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signIn('198.18.0.1', `nobody-${i}`, 'wrong-password')),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(4);
    for (const answer of refused) {
      expect(answer.problem).toBe('sign_in_busy');
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
  });

  // The hostile review's scenario, scaled down: many addresses, each sending guesses at once at
  // unknown usernames (which a FIFO of hashes would check before the real user's password).
  it('checks the real user’s password ahead of the guesses of addresses that have been failing', {
    timeout: 60_000,
  }, async () => {
    const strangers = addresses(30, '198.18.1');
    const guess = (from: string, i: number) => signIn(from, `nobody-${from}-${i}`, 'wrong-password');
    // Each address fails once: from now on it is a failing client.
    await Promise.all(strangers.map((from) => guess(from, 0)));
    const attack = Promise.all(
      strangers.flatMap((from) =>
        [1, 2, 3, 4, 5].map(async (i) => ({ attempt: `nobody-${from}-${i}`, ...(await guess(from, i)) })),
      ),
    );
    // The real user comes once every address's guess has its place in line (its attempt is recorded
    // after it entered): counted from the arrival alone, the line would also be charged with the
    // guesses' own bookkeeping queued ahead of the real user's on the database, during which the
    // slots go on hashing (on a busy machine, six checks).
    await inLine(strangers.length);
    const real = await signIn('192.0.2.77', 'mayor', demoPassword('mayor'));
    const guesses = await attack;
    expect(real.status).toBe(200);
    // Answers the server finished after the real user's request came and before its own answer: of
    // those, the checks (401) are the guesses that went ahead of it (refusals, 429, take no check).
    const came = arrivals.get('mayor') ?? Number.NaN;
    const answered = finished.indexOf('mayor');
    expect(answered).toBeGreaterThanOrEqual(came);
    const between = new Set(finished.slice(came, answered));
    const checkedWhileWaiting = guesses.filter((g) => g.status === 401 && between.has(g.attempt));
    // Only the checks already running when it came (two slots), and one beside its own, go first.
    expect(checkedWhileWaiting.length).toBeLessThanOrEqual(4);
    // However the guesses went, every address had a check of its own: none was starved.
    const checked = guesses.filter((g) => g.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(strangers.length);
  });
});
