/**
 * Sessions and API tokens: random secrets handed out once, stored only as SHA-256 hashes, and
 * resolved back into a Principal for each request.
 */

import { createHash, randomBytes } from 'node:crypto';
import {
  type Db,
  deleteExpiredSessions,
  findActiveToken,
  findLiveSession,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertSession,
  touchToken,
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
 * A token's "last used" is written at most once a minute: each write is a commit synced to disk,
 * which a script's every request would otherwise wait for (and every other request behind it, the
 * database being read and written synchronously), for a time no one reads to the second.
 */
const TOKEN_TOUCH_MS = 60_000;
const stale = (lastUsed: string | null, now: Date) =>
  lastUsed === null || now.getTime() - Date.parse(lastUsed) >= TOKEN_TOUCH_MS;

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
    if (stale(token.last_used_at, credentials.now))
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
