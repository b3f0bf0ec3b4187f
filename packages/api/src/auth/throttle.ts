/**
 * How long a sign-in attempt must wait: the single source of the throttle's numbers and rules, pure
 * (counts and times in, seconds out), so the table beside it shows what a change moves.
 *
 * The design, and why (issue 8: nobody locks out someone else):
 * - Failures slow down the client that makes them, never anyone else. A client is an address (an
 *   IPv6 /64, see `clientOf`) or, better, a device the account has signed in from before (the
 *   device cookie, OWASP's "device cookie" scheme). After a few free failures each further attempt
 *   waits twice as long as the one before, counted from the latest failure; the server refuses
 *   early with the seconds to wait and never sleeps holding a request.
 * - There is no account-wide lockout. Any lockout that strangers can trigger from many addresses
 *   lets them deny the real user; instead, while an account is being guessed from many places
 *   (`underAttack`), every unknown address gets one try at it before its delays start. A guesser
 *   then gains one guess per fresh address, while the real user, on a fresh address with the right
 *   password, still signs in at the first try, and on a known device is not slowed at all.
 * - Failures are remembered for a day (so delays keep growing); a success forgives the failures
 *   of that account from that client or device, not those of the address across accounts (else a
 *   guesser with an account of their own could sign in now and then to reset the count).
 */

import { isIP } from 'node:net';

export interface DelayRule {
  /** Failures allowed before any wait: a person mistyping or remembering. */
  free: number;
  /** The wait after the first failure beyond the free ones; every further failure doubles it. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

export const SIGN_IN_THROTTLE = {
  /** One account from one unknown client. */
  accountFromClient: { free: 5, firstDelaySeconds: 30, maxDelaySeconds: 3_600 },
  /** Any accounts from one unknown client: one machine trying a password on everyone. */
  client: { free: 20, firstDelaySeconds: 30, maxDelaySeconds: 3_600 },
  /** One account from a device that has signed in to it before (counted by device, not address). */
  device: { free: 5, firstDelaySeconds: 30, maxDelaySeconds: 3_600 },
  /**
   * An account with this many failures from unknown clients within the window is under attack: an
   * unknown client gets `free` failures at it before its delays start.
   */
  underAttack: { failures: 10, windowMinutes: 15, free: 1 },
  /** How long failures count. */
  memoryHours: 24,
  /** How long a device stays known after its latest sign-in. */
  deviceDays: 90,
} as const;

/**
 * The wait, in seconds, after a client's latest failure before it may try again, having failed
 * `failures` times. free 5, first 30 s, max 3600 s: 4 failures → 0; 5 → 30; 6 → 60; 7 → 120;
 * 12 → 3600 (the cap).
 */
export function delayAfter(rule: DelayRule, failures: number): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(failures - rule.free, 32);
  return Math.min(rule.firstDelaySeconds * 2 ** doublings, rule.maxDelaySeconds);
}

export interface Failures {
  count: number;
  /** When the latest failure was made (ISO); null when there is none. */
  lastAt: string | null;
}

/**
 * Whole seconds still to wait at `now` (0: try now). 5 failures, the latest 10.2 s ago, first delay
 * 30 s → 20.
 */
export function secondsToWait(rule: DelayRule, failures: Failures, now: Date): number {
  const delay = delayAfter(rule, failures.count);
  if (delay === 0 || failures.lastAt === null) return 0;
  const until = Date.parse(failures.lastAt) + delay * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** What was counted for one attempt: its device's failures, or its address's. */
export type Counted =
  | { from: 'device'; device: Failures }
  | {
      from: 'address';
      /** This account from this address. */
      accountFromClient: Failures;
      /** Any account from this address. */
      client: Failures;
      /** Failures at this account from all unknown clients within `underAttack.windowMinutes`. */
      accountRecently: number;
    };

/** Seconds the attempt must wait (0: check the password now). See the design at the top. */
export function waitBeforeSignIn(counted: Counted, now: Date): number {
  const rules = SIGN_IN_THROTTLE;
  if (counted.from === 'device') return secondsToWait(rules.device, counted.device, now);
  const underAttack = counted.accountRecently >= rules.underAttack.failures;
  const pair = underAttack
    ? { ...rules.accountFromClient, free: rules.underAttack.free }
    : rules.accountFromClient;
  return Math.max(
    secondsToWait(pair, counted.accountFromClient, now),
    secondsToWait(rules.client, counted.client, now),
  );
}

/**
 * The client an address's attempts are counted against: IPv4 as it is (an IPv4-mapped IPv6 address
 * as its IPv4), IPv6 as its /64 network, since one household or server is given a whole /64 and
 * counting single addresses would give one guesser 2^64 clients. Anything else (a test's name)
 * as it is. '::ffff:203.0.113.9' → '203.0.113.9'; '2001:db8:0:1:aaaa::1' → '2001:db8:0:1::/64'.
 */
export function clientOf(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  if (isIP(bare) !== 6) return address;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string | undefined) =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const front = groups(head);
  const back = groups(tail);
  const all =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
  const network = all.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
  return `${network.join(':')}::/64`;
}
