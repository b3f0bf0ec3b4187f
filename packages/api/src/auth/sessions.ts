/**
 * Sessions and API tokens: random secrets handed out once, stored only as SHA-256 hashes, and
 * resolved back into a Principal for each request.
 */

import { createHash, randomBytes } from 'node:crypto';
import {
  changeWatchOf,
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
    organisationId: user.organisation_id,
    organisationCode: user.organisation_code,
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
 * it is switched on, else nobody. An expired session counts as no credentials; a bearer token that
 * is not valid makes the caller nobody with a bad token (a script whose token was revoked is told
 * so, rather than silently given the public view's smaller answers).
 */
export async function resolvePrincipal(db: Db, credentials: Credentials): Promise<Principal> {
  const fallback: Principal = credentials.publicDashboard ? { kind: 'public' } : { kind: 'anonymous' };
  const bearer = bearerOf(credentials);
  const now = credentials.now;
  if (bearer) {
    const hash = sha256(bearer);
    const key = `token:${hash}`;
    const read = await readCaller(db, key, now, (as) => readToken(db, hash, key, now, as));
    return read ?? { kind: 'anonymous', badToken: true };
  }
  if (credentials.sessionToken) {
    const hash = sha256(credentials.sessionToken);
    const key = `session:${hash}`;
    const read = await readCaller(db, key, now, (as) => readSession(db, hash, key, now, as));
    if (read) return read;
  }
  return fallback;
}

/** A caller read from the database, and until when it may be trusted; null for no valid credentials. */
type CallerRead = { principal: Principal; until: number } | null;

async function readToken(
  db: Db,
  hash: string,
  key: string,
  now: Date,
  as: KeepingFrom | null,
): Promise<CallerRead> {
  const token = await findActiveToken(db, hash);
  const user = token ? await signedInUser(db, token.user_id) : null;
  if (!token || !user) return null;
  let lastUsed = token.last_used_at ?? now.toISOString();
  if (stale(token.last_used_at, now)) {
    await touchToken(db, token.id, now.toISOString());
    lastUsed = now.toISOString();
  }
  const principal: Principal = { kind: 'user', user, via: 'token', tokenId: token.id };
  // Kept until its last use is due to be written again.
  const until = Date.parse(lastUsed) + TOKEN_TOUCH_MS;
  keepCaller(db, key, principal, as, until);
  return { principal, until };
}

async function readSession(
  db: Db,
  hash: string,
  key: string,
  now: Date,
  as: KeepingFrom | null,
): Promise<CallerRead> {
  const session = await findLiveSession(db, hash, now.toISOString());
  const user = session ? await signedInUser(db, session.user_id) : null;
  if (!session || !user) return null;
  const principal: Principal = {
    kind: 'user',
    user,
    via: 'session',
    csrfToken: session.csrf_token,
    sessionId: session.id,
  };
  const until = Date.parse(session.expires_at);
  keepCaller(db, key, principal, as, until);
  return { principal, until };
}

/**
 * The caller under `key`: kept, or read. While the process watches the database, requests with the
 * same secret that arrive while it is read share that read (and its one touch of the token) rather
 * than each making their own: when a busy token's kept caller fell due, or any write moved the data
 * version, every request then in flight (up to 200 under the bench) read the token and touched its
 * row. A request takes a shared read's answer only when reading for itself would have given the
 * same:
 * - the read began at the same data version and credentials epoch (a revocation heard meanwhile
 *   starts a new one);
 * - a caller found is still good at the request's moment (before its session expires, before its
 *   token's last use falls due to be written); no caller found (a bad token, a session ended or
 *   expired) counts only for a request no earlier than the read's own moment;
 * - the read succeeded: one that failed is not handed on, and the requests that waited on it try
 *   again (one of them reads, the others wait on that);
 * - the read ends within SHARED_READ_MS of its start: a request does not wait longer on another's
 *   read (one stuck on a lost connection), and a read older than that is not joined.
 * A request that may not take the answer tries once more the same way, then reads for itself.
 */
async function readCaller(
  db: Db,
  key: string,
  now: Date,
  read: (as: KeepingFrom | null) => Promise<CallerRead>,
  tries = 2,
): Promise<Principal | null> {
  const kept = keptCaller(db, key, now);
  if (kept) return kept;
  const as = keepingFrom(db);
  if (!as) return (await read(as))?.principal ?? null;
  let flights = readsInFlight.get(db);
  if (!flights) {
    flights = new Map();
    readsInFlight.set(db, flights);
  }
  const name = `${key}@${as.version}.${as.epoch}`;
  const shared = flights.get(name);
  const left = shared ? shared.started + SHARED_READ_MS - performance.now() : 0;
  if (shared && tries > 0 && left > 0) {
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      shared.reading.then(
        (found) => ({ found }),
        () => null,
      ),
      new Promise<null>((resolve) => {
        timer = setTimeout(resolve, left, null);
      }),
    ]).finally(() => clearTimeout(timer));
    if (result) {
      const { found } = result;
      if (found ? now.getTime() < found.until : now.getTime() >= shared.at) return found?.principal ?? null;
    }
    return readCaller(db, key, now, read, tries - 1);
  }
  const mine: Flight = { reading: read(as), at: now.getTime(), started: performance.now() };
  flights.set(name, mine);
  try {
    return (await mine.reading)?.principal ?? null;
  } finally {
    if (flights.get(name) === mine) flights.delete(name);
  }
}

/** How long after its start a read of a caller is waited on by other requests (readCaller). */
const SHARED_READ_MS = 500;

/** A read of a caller in progress: what it will find, the request's moment it reads at, and when it began. */
interface Flight {
  reading: Promise<CallerRead>;
  at: number;
  started: number;
}

/** Reads of callers in progress, by key, data version and credentials epoch (readCaller). */
const readsInFlight = new WeakMap<Db, Map<string, Flight>>();

const bearerOf = (credentials: Credentials) => /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '')?.[1];

/**
 * Who is asking, when resolvePrincipal would say it without reading the database: a caller kept
 * (below), or one who brings no credentials. Null when it would read: the caller must then be
 * resolved (a request answered before anything else, apps/server kept-answers.ts, goes the long way).
 */
export function knownPrincipal(db: Db, credentials: Credentials): Principal | null {
  const bearer = bearerOf(credentials);
  if (bearer) return keptCaller(db, `token:${sha256(bearer)}`, credentials.now);
  if (credentials.sessionToken)
    return keptCaller(db, `session:${sha256(credentials.sessionToken)}`, credentials.now);
  return credentials.publicDashboard ? { kind: 'public' } : { kind: 'anonymous' };
}

/**
 * Callers resolved before, kept by a process that watches the database's changes (PostgreSQL: db
 * change-watch.ts), so that a request with the same session or token costs no round trip. One is
 * trusted only at the data version and credentials epoch it was read at (a user disabled or changed
 * raises the version; a session ended or a token revoked moves the epoch) and before its session
 * expires or its token's last use is due to be written. Only signed-in callers are kept (a bad token
 * is read again by each request, or by a read in progress it shares: readCaller), under the hash of
 * their secret, at most KEPT_CALLERS of them.
 */
const KEPT_CALLERS = 10_000;
interface KeptCaller {
  principal: Principal;
  version: bigint;
  epoch: number;
  until: number;
}
const keptCallers = new WeakMap<Db, Map<string, KeptCaller>>();

interface KeepingFrom {
  version: bigint;
  epoch: number;
}

/** Where the watch stood before a caller is read: what is read is no newer than this claims. */
function keepingFrom(db: Db): KeepingFrom | null {
  const watch = changeWatchOf(db);
  return watch?.known != null ? { version: watch.known, epoch: watch.credentialsEpoch } : null;
}

function keptCaller(db: Db, key: string, now: Date): Principal | null {
  const watch = changeWatchOf(db);
  if (!watch?.watching) return null;
  const kept = keptCallers.get(db)?.get(key);
  if (!kept) return null;
  if (kept.version !== watch.known || kept.epoch !== watch.credentialsEpoch || now.getTime() >= kept.until) {
    keptCallers.get(db)?.delete(key);
    return null;
  }
  return kept.principal;
}

function keepCaller(
  db: Db,
  key: string,
  principal: Principal,
  from: KeepingFrom | null,
  until: number,
): void {
  const watch = changeWatchOf(db);
  // Kept only if nothing moved while it was read.
  if (!from || watch?.known !== from.version || watch.credentialsEpoch !== from.epoch) return;
  let callers = keptCallers.get(db);
  if (!callers) {
    callers = new Map();
    keptCallers.set(db, callers);
  }
  callers.delete(key);
  callers.set(key, { principal, version: from.version, epoch: from.epoch, until });
  if (callers.size > KEPT_CALLERS) {
    const oldest = callers.keys().next().value;
    if (oldest !== undefined) callers.delete(oldest);
  }
}

/** The command line acting as a user (for `pnpm cli import --user …`); null when there is no such active user. */
export async function cliPrincipal(db: Db, username: string): Promise<Principal | null> {
  const found = await findUserByUsername(db, username);
  const user = found ? await signedInUser(db, found.id) : null;
  return user ? { kind: 'user', user, via: 'cli' } : null;
}
