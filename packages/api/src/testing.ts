/**
 * Callers for tests that sign in the way a user does: through `auth.signIn` with a demonstration
 * account's password from data/seed/ (users.csv, the districts' too), then with the session cookie it set. No bypass.
 */

import { type Db, readSeedSet, SEED_DIR } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import type { Principal } from './auth/policy.js';
import { resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { createCaller } from './root.js';

export function demoPassword(username: string): string {
  const user = readSeedSet(SEED_DIR)
    .flatMap((seed) => seed.users)
    .find((u) => u.username === username);
  if (!user) throw new Error(`No demonstration account "${username}" in data/seed/ (users.csv)`);
  return user.password;
}

/** Signs in and returns the session cookie's value and the CSRF token. */
export async function signIn(
  db: Db,
  username: string,
  password = demoPassword(username),
  clientKey = 'test',
) {
  let token = '';
  const anonymous = createCaller(
    createContextInner({ db, clientKey, cookie: { set: (value) => (token = value), clear: () => {} } }),
  );
  const { csrfToken } = await anonymous.auth.signIn({ username, password });
  return { token, csrfToken };
}

export async function principalFor(db: Db, sessionToken: string, now = new Date()): Promise<Principal> {
  return resolvePrincipal(db, { sessionToken, publicDashboard: false, now });
}

/** A caller signed in as a demonstration account, sending its CSRF token like the web app does. */
export async function callerAs(db: Db, username: string, now?: Date) {
  const { token, csrfToken } = await signIn(db, username);
  const principal = await principalFor(db, token);
  return createCaller(
    createContextInner({ db, principal, csrfHeader: csrfToken, ...(now ? { now: () => now } : {}) }),
  );
}

/** The refusal a call ends in (a TRPCError); fails the test when the call succeeds or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
