/**
 * Password hashing with scrypt, a memory-hard function (Node's own crypto: no native add-on).
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later without
 * invalidating existing hashes.
 */

import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { type HashEntry, HashLine, type HashPlace, type HashTicket } from './hash-line.js';

// 2^15 × 8 × 128 bytes = 32 MiB of memory per hash: costly to brute-force on GPUs.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/**
 * Every hash waits its turn in one line (hash-line.ts): at most two run at once (each takes ~32 MiB
 * and 50–100 ms of a worker thread, and the thread pool is shared with file and crypto work); a
 * sign-in's check is ranked by its client's failures, so strangers' guesses cannot make the real
 * user wait behind them. 128 waiting at most: about 3–7 s of hashing at the back of the line.
 */
const line = new HashLine({ slots: 2, capacity: 128, secondsPerHash: 0.1 });

/** Takes a place in the line for a sign-in's password check (see hash-line.ts). */
export function enterHashLine(place: HashPlace): HashEntry {
  return line.enter(place);
}

/**
 * Refuses, before any other work, an attempt from a client that already has one in the line (and
 * counts it against that one): the seconds to wait, or null when the client has none in line.
 */
export function knockOnHashLine(client: string): number | null {
  return line.knock(client);
}

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await line.runFirst(() => scrypt(password, salt, N, R, P));
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export type Verification = { checked: true; valid: boolean } | { checked: false; retryAfterSeconds: number };

/**
 * Checks a password against its stored hash in the turn of `ticket` (a sign-in's place in line), or
 * ahead of the line without one. Not checked when the ticket was pushed out of line while it waited.
 */
export async function verifyPassword(
  password: string,
  stored: string,
  ticket?: HashTicket,
): Promise<Verification> {
  const check = async () => {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
    return key.length === expected.length && timingSafeEqual(key, expected);
  };
  if (!ticket) return { checked: true, valid: await line.runFirst(check) };
  const turn = await ticket.run(check);
  return turn.ran
    ? { checked: true, valid: turn.value }
    : { checked: false, retryAfterSeconds: turn.retryAfterSeconds };
}

/** A hash of nothing in particular, checked when the user does not exist so that timing does not tell. */
export const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
