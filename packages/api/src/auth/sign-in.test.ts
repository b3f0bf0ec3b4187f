/**
 * Signing in under the throttle, through `auth.signIn` with a clock the test moves: delays grow,
 * a success forgives, strangers' guesses do not slow the real user, and the device cookie counts a
 * known browser on its own.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { Refusal } from '../problems.js';
import { createCaller } from '../root.js';
import { demoPassword } from '../testing.js';
import { SIGN_IN_THROTTLE } from './throttle.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const start = new Date('2025-03-01T09:00:00.000Z').getTime();
const at = (seconds: number) => new Date(start + seconds * 1000);

interface Attempt {
  username: string;
  /** Omitted: the right one. */
  password?: string;
  client: string;
  /** The device cookie the browser presents. */
  device?: string | null;
  now?: Date;
}

/** One sign-in: 'ok' with the device cookie it set, or the problem code (and seconds to wait). */
async function attempt({ username, password, client, device = null, now = at(0) }: Attempt) {
  let deviceSet: string | null = null;
  const caller = createCaller(
    createContextInner({
      db,
      clientKey: client,
      device: { token: device, set: (token) => (deviceSet = token) },
      now: () => now,
    }),
  );
  try {
    await caller.auth.signIn({ username, password: password ?? demoPassword(username) });
    return { outcome: 'ok', device: deviceSet as string | null, seconds: null };
  } catch (error) {
    if (!(error instanceof TRPCError && error.cause instanceof Refusal)) throw error;
    const { code, params } = error.cause.problem;
    return { outcome: code, device: null, seconds: (params.seconds as number | undefined) ?? null };
  }
}

const guess = (username: string, client: string, now = at(0)) =>
  attempt({ username, password: 'wrong-password', client, now });

describe('one client guessing one account', () => {
  it('waits twice as long after every failure beyond the free ones, told how long', async () => {
    for (let i = 0; i < 5; i++)
      expect((await guess('analyst', 'guesser', at(0))).outcome).toBe('sign_in_failed');
    const waits: number[] = [];
    let clock = 0;
    for (let round = 0; round < 5; round++) {
      const refused = await guess('analyst', 'guesser', at(clock));
      expect(refused.outcome).toBe('sign_in_throttled');
      const wait = refused.seconds ?? 0;
      waits.push(wait);
      // One second early is still refused; on time the next guess is checked (and fails).
      expect((await guess('analyst', 'guesser', at(clock + wait - 1))).outcome).toBe('sign_in_throttled');
      clock += wait;
      expect((await guess('analyst', 'guesser', at(clock))).outcome).toBe('sign_in_failed');
    }
    expect(waits).toEqual([30, 60, 120, 240, 480]);
    // The right password waits too: a guesser must not learn when they have found it.
    expect((await attempt({ username: 'analyst', client: 'guesser', now: at(clock) })).outcome).toBe(
      'sign_in_throttled',
    );
  });

  it('forgives the failures once the right password is given', async () => {
    for (let i = 0; i < 5; i++) await guess('planner', 'forgetful', at(0));
    expect((await attempt({ username: 'planner', client: 'forgetful', now: at(30) })).outcome).toBe('ok');
    for (let i = 0; i < 5; i++)
      expect((await guess('planner', 'forgetful', at(31))).outcome).toBe('sign_in_failed');
  });
});

describe('one client sending attempts at once', () => {
  it('has one checked at a time; the others are refused at once and not counted as failures', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => guess('nobody-eager', 'impatient')).map(async (a) => (await a).outcome),
    );
    expect(outcomes.filter((o) => o === 'sign_in_failed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'sign_in_busy')).toHaveLength(4);
    // Four more failures are free: only the one checked counted.
    for (let i = 0; i < 4; i++)
      expect((await guess('nobody-eager', 'impatient')).outcome).toBe('sign_in_failed');
    expect((await guess('nobody-eager', 'impatient')).outcome).toBe('sign_in_throttled');
  });
});

describe('many addresses guessing one account', () => {
  // 312 sign-ins, each hashing a password on purpose: minutes on a loaded machine, not a timing test.
  it('never refuses the right password from a fresh address or a known device', {
    timeout: 120_000,
  }, async () => {
    const known = await attempt({ username: 'mayor', client: 'home', now: at(0) });
    expect(known.device).toEqual(expect.any(String));
    const results: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (let a = 0; a < 50; a++) await guess('mayor', `stranger-${a}`, at(round));
      results.push((await attempt({ username: 'mayor', client: `cafe-${round}`, now: at(round) })).outcome);
      results.push(
        (await attempt({ username: 'mayor', client: 'home', device: known.device, now: at(round) })).outcome,
      );
    }
    expect(results.every((r) => r === 'ok')).toBe(true);
    expect(results).toHaveLength(12);
  });

  it('gives each unknown address one try while the account is under attack', async () => {
    for (let a = 0; a < SIGN_IN_THROTTLE.underAttack.failures; a++) await guess('airport.head', `bot-${a}`);
    // A quiet account would let this address fail five times; under attack it waits after one.
    expect((await guess('airport.head', 'bot-new')).outcome).toBe('sign_in_failed');
    expect((await guess('airport.head', 'bot-new')).outcome).toBe('sign_in_throttled');
    // The owner's own mistake costs them the same half a minute, unless they are on a known device.
    await guess('airport.head', 'owner-laptop');
    expect((await attempt({ username: 'airport.head', client: 'owner-laptop' })).seconds).toBe(30);
    expect((await attempt({ username: 'airport.head', client: 'owner-laptop', now: at(30) })).outcome).toBe(
      'ok',
    );
  });

  it('counts a known device on its own, even at an address the strangers share', async () => {
    const { device } = await attempt({ username: 'tourism.head', client: 'city-hall-nat' });
    for (let i = 0; i < 25; i++) await guess('tourism.head', 'city-hall-nat');
    expect((await attempt({ username: 'tourism.head', client: 'city-hall-nat' })).outcome).toBe(
      'sign_in_throttled',
    );
    expect((await attempt({ username: 'tourism.head', client: 'city-hall-nat', device })).outcome).toBe('ok');
  });

  it('slows a known device that keeps failing, by its own count', async () => {
    const { device } = await attempt({ username: 'fin.head', client: 'office' });
    for (let i = 0; i < 5; i++)
      await attempt({ username: 'fin.head', password: 'wrong-password', client: 'anywhere', device });
    const refused = await attempt({ username: 'fin.head', client: 'elsewhere', device });
    expect(refused).toMatchObject({ outcome: 'sign_in_throttled', seconds: 30 });
    // The same browser's cookie names no other account: there it is an unknown client like any other.
    expect((await attempt({ username: 'analyst', client: 'fresh-address', device })).outcome).toBe('ok');
  });
});

describe('one address guessing many accounts', () => {
  it('is slowed after twenty failures, whichever accounts it tries', async () => {
    for (let i = 0; i < 20; i++)
      expect((await guess(`nobody-${i}`, 'scanner')).outcome).toBe('sign_in_failed');
    expect(await guess('nobody-20', 'scanner')).toMatchObject({ outcome: 'sign_in_throttled', seconds: 30 });
    expect((await attempt({ username: 'carbon.head', client: 'scanner' })).outcome).toBe('sign_in_throttled');
  });

  it('is not forgiven by signing in to an account of its own', async () => {
    for (let i = 0; i < 19; i++) await guess(`someone-${i}`, 'insider');
    expect((await attempt({ username: 'admin', client: 'insider' })).outcome).toBe('ok');
    // The success forgives the address nothing at everyone else's accounts: one more, then a wait.
    expect((await guess('someone-19', 'insider')).outcome).toBe('sign_in_failed');
    expect((await guess('someone-20', 'insider')).outcome).toBe('sign_in_throttled');
  });
});
