/**
 * Checking a username and password under the sign-in throttle (the rules: throttle.ts), and the
 * device cookie a successful sign-in leaves behind.
 */

import { randomBytes } from 'node:crypto';
import {
  type Db,
  DECOY_HASH,
  deleteExpiredDevices,
  findFailedSignIns,
  findLiveDevice,
  findUserByUsername,
  markSignInSucceeded,
  pruneSignInAttempts,
  recordSignInAttempt,
  saveDevice,
  verifyPassword,
} from '@tangible/db';
import { sha256 } from './sessions.js';
import { type Counted, clientOf, SIGN_IN_THROTTLE, waitBeforeSignIn } from './throttle.js';

export interface KnownDevice {
  /** The device cookie's value: given to the browser, stored only as its hash. */
  token: string;
  expiresAt: Date;
}

export type SignInResult =
  | { ok: true; userId: number; device: KnownDevice }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

/** What an attempt from an unknown client is counted under (from a known device: `device:<its id>`). */
function keysOf(username: string, client: string) {
  return {
    accountFromClient: `account:${username}|client:${client}`,
    client: `client:${client}`,
    account: `account:${username}`,
  };
}

type Admission = { waitSeconds: number } | { attemptIds: number[]; knownDeviceId: string | null };

/**
 * Decides whether an attempt may check its password now and, when it may, records it as failed
 * (a success is marked afterwards). Run inside one transaction, so attempts sent at the same
 * moment, or batched into one request, each see the ones before them.
 */
async function admit(
  trx: Db,
  attempt: { username: string; client: string; deviceToken: string | null; now: Date },
): Promise<Admission> {
  const { username, now } = attempt;
  const at = now.toISOString();
  const remembered = minutesAgo(now, SIGN_IN_THROTTLE.memoryHours * 60);
  const device = attempt.deviceToken ? await findLiveDevice(trx, sha256(attempt.deviceToken), at) : undefined;
  const user = device ? await findUserByUsername(trx, username) : undefined;
  const known = device && user && device.user_id === user.id ? device : undefined;
  const keys = keysOf(username, attempt.client);
  const counted: Counted = known
    ? { from: 'device', device: await findFailedSignIns(trx, `device:${known.id}`, remembered, true) }
    : {
        from: 'address',
        accountFromClient: await findFailedSignIns(trx, keys.accountFromClient, remembered, true),
        client: await findFailedSignIns(trx, keys.client, remembered, false),
        accountRecently: (
          await findFailedSignIns(
            trx,
            keys.account,
            minutesAgo(now, SIGN_IN_THROTTLE.underAttack.windowMinutes),
            false,
          )
        ).count,
      };
  const waitSeconds = waitBeforeSignIn(counted, now);
  if (waitSeconds > 0) return { waitSeconds };
  await pruneSignInAttempts(trx, remembered);
  const attemptIds: number[] = [];
  for (const key of known ? [`device:${known.id}`] : Object.values(keys))
    attemptIds.push(await recordSignInAttempt(trx, key, at, false));
  return { attemptIds, knownDeviceId: known?.id ?? null };
}

/**
 * Checks a username and password. The attempt is counted (see throttle.ts) against the device it
 * comes from when that device has signed in to this account before, else against its address; an
 * attempt that must wait is refused with the seconds to wait, before any password is checked (the
 * server never sleeps on it). An unknown user costs the same hash as a known one, so the answer's
 * timing does not tell whether the user exists. A success remembers (or keeps) the device.
 */
export async function checkSignIn(
  db: Db,
  input: { username: string; password: string; clientKey: string; deviceToken: string | null; now: Date },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const admission = await db.transaction().execute((trx) =>
    admit(trx, {
      username,
      client: clientOf(input.clientKey),
      deviceToken: input.deviceToken,
      now: input.now,
    }),
  );
  if ('waitSeconds' in admission)
    return { ok: false, reason: 'throttled', retryAfterSeconds: admission.waitSeconds };
  const user = await findUserByUsername(db, username);
  const valid = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH, {
    ahead: admission.knownDeviceId !== null,
  });
  if (!valid || !user || user.disabled_at !== null) return { ok: false, reason: 'invalid' };
  await markSignInSucceeded(db, admission.attemptIds);
  const device = await rememberDevice(db, user.id, input, admission.knownDeviceId);
  return { ok: true, userId: user.id, device };
}

/** Keeps a known device for longer, or gives the browser a new one for this account. */
async function rememberDevice(
  db: Db,
  userId: number,
  input: { deviceToken: string | null; now: Date },
  knownDeviceId: string | null,
): Promise<KnownDevice> {
  const token =
    knownDeviceId !== null && input.deviceToken ? input.deviceToken : randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + SIGN_IN_THROTTLE.deviceDays * 86_400_000);
  await deleteExpiredDevices(db, input.now.toISOString());
  await saveDevice(db, {
    id: sha256(token),
    userId,
    createdAt: input.now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}
