/**
 * Callers for tests that sign in the way a user does: through `auth.signIn` with a demonstration
 * account's password from data/seed/users.csv, then with the session cookie it set. No bypass.
 */

import { type Db, readSeedFiles, SEED_DIR } from '@tangible/db';
import type { Principal } from './auth/policy.js';
import { resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { createCaller } from './root.js';

export function demoPassword(username: string): string {
  const user = readSeedFiles(SEED_DIR).users.find((u) => u.username === username);
  if (!user) throw new Error(`No demonstration account "${username}" in data/seed/users.csv`);
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
export async function callerAs(db: Db, username: string) {
  const { token, csrfToken } = await signIn(db, username);
  const principal = await principalFor(db, token);
  return createCaller(createContextInner({ db, principal, csrfHeader: csrfToken }));
}
