import { describe, expect, it } from 'vitest';
import {
  type Counted,
  clientOf,
  delayAfter,
  SIGN_IN_THROTTLE,
  secondsToWait,
  waitBeforeSignIn,
} from './throttle.js';

const rule = { free: 5, firstDelaySeconds: 30, maxDelaySeconds: 3_600 };

describe('delayAfter', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [11, 1_920],
    [12, 3_600],
    [13, 3_600],
    [10_000, 3_600],
  ])('after %i failures a client waits %i s', (failures, seconds) => {
    expect(delayAfter(rule, failures)).toBe(seconds);
  });

  it('doubles the wait with every failure beyond the free ones, up to the cap', () => {
    const waits = Array.from({ length: 14 }, (_, failures) => delayAfter(rule, failures));
    for (let failures = rule.free + 1; failures < waits.length; failures++) {
      const [before = 0, after = 0] = [waits[failures - 1], waits[failures]];
      expect(after).toBe(Math.min(before * 2, rule.maxDelaySeconds));
    }
  });
});

const now = new Date('2025-03-01T09:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('secondsToWait', () => {
  it.each([
    ['no failures', { count: 0, lastAt: null }, 0],
    ['four failures (still free)', { count: 4, lastAt: ago(0) }, 0],
    ['five failures, the latest just now', { count: 5, lastAt: ago(0) }, 30],
    ['five failures, the latest 10.2 s ago (rounded up)', { count: 5, lastAt: ago(10.2) }, 20],
    ['five failures, the latest 30 s ago', { count: 5, lastAt: ago(30) }, 0],
    ['six failures, the latest 30 s ago', { count: 6, lastAt: ago(30) }, 30],
    ['twelve failures, the latest an hour ago', { count: 12, lastAt: ago(3_600) }, 0],
  ])('%s → %i s', (_, failures, seconds) => {
    expect(secondsToWait(rule, failures, now)).toBe(seconds);
  });
});

const none = { count: 0, lastAt: null };
const fromAddress = (overrides: Partial<Extract<Counted, { from: 'address' }>>): Counted => ({
  from: 'address',
  accountFromClient: none,
  client: none,
  accountRecently: 0,
  ...overrides,
});
const attack = SIGN_IN_THROTTLE.underAttack.failures;

describe('waitBeforeSignIn', () => {
  it.each<[string, Counted, number]>([
    ['a fresh address, nothing going on', fromAddress({}), 0],
    ['a fresh address while the account is under attack', fromAddress({ accountRecently: 500 }), 0],
    [
      'an address that failed once at a quiet account',
      fromAddress({ accountFromClient: { count: 1, lastAt: ago(0) } }),
      0,
    ],
    [
      'an address that failed once at an account under attack',
      fromAddress({ accountFromClient: { count: 1, lastAt: ago(0) }, accountRecently: attack }),
      30,
    ],
    [
      'an address that failed once, just below the attack threshold',
      fromAddress({ accountFromClient: { count: 1, lastAt: ago(0) }, accountRecently: attack - 1 }),
      0,
    ],
    [
      'an address that failed five times at this account',
      fromAddress({ accountFromClient: { count: 5, lastAt: ago(0) } }),
      30,
    ],
    [
      'an address that failed twenty times at other accounts',
      fromAddress({ client: { count: 20, lastAt: ago(0) } }),
      30,
    ],
    [
      'an address slowed at this account and across accounts waits for the longer',
      fromAddress({ accountFromClient: { count: 6, lastAt: ago(0) }, client: { count: 22, lastAt: ago(0) } }),
      120,
    ],
    ['a known device that has not failed', { from: 'device', device: none }, 0],
    ['a known device that failed five times', { from: 'device', device: { count: 5, lastAt: ago(0) } }, 30],
  ])('%s → %i s', (_, counted, seconds) => {
    expect(waitBeforeSignIn(counted, now)).toBe(seconds);
  });
});

describe('clientOf', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:0:1:aaaa::1', '2001:db8:0:1::/64'],
    ['2001:0DB8:0000:0001:ffff:ffff:ffff:ffff', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b:1:2::203.0.113.9', '64:ff9b:1:2::/64'],
    ['client-a', 'client-a'],
  ])('counts %s as %s', (address, client) => {
    expect(clientOf(address)).toBe(client);
  });
});
