/**
 * Password hashing with scrypt, a memory-hard function (Node's own crypto: no native add-on).
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later without
 * invalidating existing hashes.
 */

import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

// 2^15 × 8 × 128 bytes = 32 MiB of memory per hash: costly to brute-force on GPUs.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/**
 * At most two hashes run at once (each takes ~32 MiB and ~100 ms of a worker thread): a flood of
 * sign-ins queues here instead of occupying every thread of the pool that file and crypto work share.
 * Work marked `ahead` (a sign-in from a device known to the account) goes to the front of the
 * queue, so strangers' guesses from many addresses cannot make the account's owner wait behind them.
 */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>, ahead = false): Promise<T> {
  if (running >= MAX_CONCURRENT)
    await new Promise<void>((resolve) => (ahead ? waiting.unshift(resolve) : waiting.push(resolve)));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function scrypt(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  ahead = false,
): Promise<Buffer> {
  return withSlot(
    () =>
      new Promise((resolve, reject) => {
        scryptCallback(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
    ahead,
  );
}

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(
  password: string,
  stored: string,
  options: { ahead?: boolean } = {},
): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
    options.ahead,
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing in particular, checked when the user does not exist so that timing does not tell. */
export const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
