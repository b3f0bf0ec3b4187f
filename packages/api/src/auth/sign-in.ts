/**
 * Checking a username and password under the sign-in throttle (the rules: throttle.ts) and in turn
 * (the password hash waits in a fair line: packages/db/src/hash-line.ts), and the device cookie a
 * successful sign-in leaves behind.
 */

import { randomBytes } from 'node:crypto';
import {
  type Db,
  DECOY_HASH,
  deleteExpiredDevices,
  deleteSignInAttempts,
  enterHashLine,
  findFailedSignIns,
  findLiveDevice,
  findUserByUsername,
  type HashTicket,
  knockOnHashLine,
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
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  /** The password was not checked: this client already has an attempt in line, or the line is full. */
  | { ok: false; reason: 'busy'; retryAfterSeconds: number };

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

/** What an attempt from an unknown client is counted under (from a known device: `device:<its id>`). */
function keysOf(username: string, client: string) {
  return {
    accountFromClient: `account:${username}|client:${client}`,
    client: `client:${client}`,
    account: `account:${username}`,
  };
}

/** The hash line's name for an address (a known device's is `device:<its id>`). */
const addressPlace = (client: string) => `client:${client}`;

type Admission =
  | { refused: 'throttled' | 'busy'; seconds: number }
  | { attemptIds: number[]; knownDeviceId: string | null; ticket: HashTicket };

/**
 * Decides whether an attempt may check its password now and, when it may, takes its place in the
 * hash line and records it as failed (a success is marked afterwards). Run inside one transaction,
 * so attempts sent at the same moment, or batched into one request, each see the ones before them.
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
  if (waitSeconds > 0) return { refused: 'throttled', seconds: waitSeconds };
  // Ranked by the client's own failures: at every account for an address, at this one for a device.
  const entry = enterHashLine(
    counted.from === 'device'
      ? { client: `device:${known?.id}`, failures: counted.device.count, knownDevice: true }
      : { client: addressPlace(attempt.client), failures: counted.client.count, knownDevice: false },
  );
  if (!entry.admitted) return { refused: 'busy', seconds: entry.retryAfterSeconds };
  const { ticket } = entry;
  try {
    await pruneSignInAttempts(trx, remembered);
    const attemptIds: number[] = [];
    for (const key of known ? [`device:${known.id}`] : Object.values(keys))
      attemptIds.push(await recordSignInAttempt(trx, key, at, false));
    return { attemptIds, knownDeviceId: known?.id ?? null, ticket };
  } catch (error) {
    ticket.leave();
    throw error;
  }
}

/**
 * Checks a username and password. The attempt is counted (see throttle.ts) against the device it
 * comes from when that device has signed in to this account before, else against its address; an
 * attempt that must wait is refused with the seconds to wait, before any password is checked (the
 * server never sleeps on it). An admitted attempt waits its turn for the hash, ranked by its client's
 * failures; one that finds no place in line is refused at once as busy. An unknown user costs the
 * same hash as a known one, so the answer's timing does not tell whether the user exists. A success
 * remembers (or keeps) the device.
 */
export async function checkSignIn(
  db: Db,
  input: { username: string; password: string; clientKey: string; deviceToken: string | null; now: Date },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const client = clientOf(input.clientKey);
  // Without a device cookie the attempt counts against its address, whatever the account: one that
  // already has an attempt in line is refused before any query (a flood costs little to refuse).
  const knocked = input.deviceToken ? null : knockOnHashLine(addressPlace(client));
  if (knocked !== null) return { ok: false, reason: 'busy', retryAfterSeconds: knocked };
  // Held outside the transaction too: a commit that fails after the place was taken must give it up.
  const held: { ticket?: HashTicket } = {};
  try {
    const admission = await db.transaction().execute(async (trx) => {
      const admitted = await admit(trx, {
        username,
        client,
        deviceToken: input.deviceToken,
        now: input.now,
      });
      if ('ticket' in admitted) held.ticket = admitted.ticket;
      return admitted;
    });
    if ('refused' in admission)
      return { ok: false, reason: admission.refused, retryAfterSeconds: admission.seconds };
    const user = await findUserByUsername(db, username);
    const verified = await verifyPassword(
      input.password,
      user?.password_hash ?? DECOY_HASH,
      admission.ticket,
    );
    if (!verified.checked) {
      // Pushed out of line by clients with fewer failures: not a guess, so not counted as one.
      await deleteSignInAttempts(db, admission.attemptIds);
      return { ok: false, reason: 'busy', retryAfterSeconds: verified.retryAfterSeconds };
    }
    if (!verified.valid || !user || user.disabled_at !== null) return { ok: false, reason: 'invalid' };
    await markSignInSucceeded(db, admission.attemptIds);
    const device = await rememberDevice(db, user.id, input, admission.knownDeviceId);
    return { ok: true, userId: user.id, device };
  } finally {
    held.ticket?.leave();
  }
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
