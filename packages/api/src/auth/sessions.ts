/**
 * Sessions and API tokens: random secrets handed out once, stored only as SHA-256 hashes, and
 * resolved back into a Principal for each request.
 */

import { createHash, randomBytes } from 'node:crypto';
import {
  countFailedSignIns,
  type Db,
  DECOY_HASH,
  deleteExpiredSessions,
  findActiveToken,
  findLiveSession,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertSession,
  markSignInSucceeded,
  pruneSignInAttempts,
  recordSignInAttempt,
  touchToken,
  verifyPassword,
} from '@tangible/db';
import type { Principal, SignedInUser } from './policy.js';

export const SESSION_COOKIE = 'tangible_session';

/**
 * The session cookie's name: over HTTPS with the `__Host-` prefix, which browsers accept only from
 * a secure origin with Path=/ and no Domain, so no subdomain or plain-HTTP page can plant or shadow it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
export const SESSION_HOURS = 12;
/**
 * Failed sign-ins allowed within the window: for one account from one address (a person who forgot
 * their password, or someone guessing it), for any account from one address, and for one account
 * from everywhere (a guess spread over many addresses). Someone else's failures from elsewhere lock
 * an account only after many more tries than a person makes.
 */
export const SIGN_IN_LIMIT = { perUserAndClient: 5, perClient: 20, perUser: 50, windowMinutes: 15 };
const TOKEN_PREFIX = 'tgb_';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

async function signedInUser(db: Db, userId: number): Promise<SignedInUser | null> {
  const user = await findUserById(db, userId);
  if (!user || user.disabled_at) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    departmentId: user.department_id,
    departmentCode: user.department_code ?? null,
  };
}

export interface NewSession {
  /** The cookie's value: shown to the browser once, stored only as its hash. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: number, now: Date): Promise<NewSession> {
  const token = secret();
  const csrfToken = secret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await deleteExpiredSessions(db, now.toISOString());
  await insertSession(db, {
    id: sha256(token),
    userId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, csrfToken, expiresAt };
}

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterMinutes: number };

/**
 * Checks a username and password, counting failures (see SIGN_IN_LIMIT); too many failures within
 * the window refuse further attempts for a while. An unknown user costs the same
 * hash as a known one, so the answer's timing does not tell whether the user exists.
 */
export async function checkSignIn(
  db: Db,
  input: { username: string; password: string; clientKey: string; now: Date },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(input.now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000).toISOString();
  const keys = {
    perUserAndClient: `user:${username}|client:${input.clientKey}`,
    perClient: `client:${input.clientKey}`,
    perUser: `user:${username}`,
  } as const;
  const at = input.now.toISOString();
  // Counting and recording happen in one transaction, before the (slow) password check: attempts
  // sent at the same moment, or batched into one request, each see the ones before them.
  const attempt = await db.transaction().execute(async (trx) => {
    for (const [limit, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
      if ((await countFailedSignIns(trx, key, since)) >= SIGN_IN_LIMIT[limit]) return null;
    }
    await pruneSignInAttempts(trx, new Date(input.now.getTime() - 24 * 3_600_000).toISOString());
    const ids: number[] = [];
    for (const key of Object.values(keys)) ids.push(await recordSignInAttempt(trx, key, at, false));
    return ids;
  });
  if (!attempt) return { ok: false, reason: 'rate_limited', retryAfterMinutes: SIGN_IN_LIMIT.windowMinutes };
  const user = await findUserByUsername(db, username);
  const valid = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH);
  const ok = valid && user !== undefined && user.disabled_at === null;
  if (ok) await markSignInSucceeded(db, attempt);
  return ok && user ? { ok: true, userId: user.id } : { ok: false, reason: 'invalid' };
}

export async function createApiToken(db: Db, userId: number, name: string, now: Date) {
  const token = `${TOKEN_PREFIX}${secret()}`;
  const id = await insertApiToken(db, {
    userId,
    name,
    tokenHash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now.toISOString(),
  });
  return { id, token };
}

export interface Credentials {
  /** The session cookie's value, if any. */
  sessionToken?: string | undefined;
  /** The Authorization header, if any. */
  authorization?: string | undefined;
  /** Whether citizens may read the public dashboard without signing in. */
  publicDashboard: boolean;
  now: Date;
}

/**
 * Who is asking: a bearer token wins over a cookie; without valid credentials, the public view when
 * it is switched on, else nobody. An expired session or a revoked token counts as no credentials.
 */
export async function resolvePrincipal(db: Db, credentials: Credentials): Promise<Principal> {
  const fallback: Principal = credentials.publicDashboard ? { kind: 'public' } : { kind: 'anonymous' };
  const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '')?.[1];
  if (bearer) {
    const token = await findActiveToken(db, sha256(bearer));
    const user = token ? await signedInUser(db, token.user_id) : null;
    if (!token || !user) return fallback;
    await touchToken(db, token.id, credentials.now.toISOString());
    return { kind: 'user', user, via: 'token', tokenId: token.id };
  }
  if (credentials.sessionToken) {
    const session = await findLiveSession(
      db,
      sha256(credentials.sessionToken),
      credentials.now.toISOString(),
    );
    const user = session ? await signedInUser(db, session.user_id) : null;
    if (session && user) {
      return { kind: 'user', user, via: 'session', csrfToken: session.csrf_token, sessionId: session.id };
    }
  }
  return fallback;
}

/** The command line acting as a user (for `pnpm cli import --user …`); null when there is no such active user. */
export async function cliPrincipal(db: Db, username: string): Promise<Principal | null> {
  const found = await findUserByUsername(db, username);
  const user = found ? await signedInUser(db, found.id) : null;
  return user ? { kind: 'user', user, via: 'cli' } : null;
}
