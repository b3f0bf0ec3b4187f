/**
 * Two server processes on one PostgreSQL database, each hearing of the other's changes (db
 * change-watch.ts, migration 0013) instead of asking at every request: a kept answer costs no round
 * trip, yet a write is seen by the writer's client at once in either process, by everyone once its
 * notice arrives, and a signed-out session, a revoked token or a disabled user is refused by both.
 * PostgreSQL only (vitest.config.ts): the notices are PostgreSQL's.
 */

import { createApiToken, resolvePrincipal } from '@tangible/api';
import {
  ChangeWatch,
  changeWatchOf,
  type Db,
  findUserByUsername,
  openTestDatabase,
  seededTestDatabase,
} from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countTokenTouches,
  mutate,
  type Session,
  signInAt,
  stopProcesses,
  type WatchingProcess,
  watchingProcess,
} from './test-client.js';

let path: string;
let a: WatchingProcess;
let b: WatchingProcess;

beforeAll(async () => {
  const made = await seededTestDatabase();
  path = made.path;
  a = await watchingProcess(made.db, path);
  b = await watchingProcess(openTestDatabase(path), path);
});
afterAll(() => stopProcesses(a, b));

const OVERVIEW = `/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }))}`;

async function get(base: string, url: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'gzip', ...headers } });
  const text = await res.text();
  return { status: res.status, version: res.headers.get('x-data-version'), text };
}

const tokenOf = async (db: Db, username: string) =>
  (await createApiToken(db, (await findUserByUsername(db, username))?.id ?? 0, 'change watch', new Date()))
    .token;

/** Transactions committed on the test database so far (each autocommitted read is one). */
async function commits(): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select xact_commit as n from pg_stat_database where datname = current_database()`.execute(a.db);
  return Number(rows[0]?.n);
}

/** Waits (at most 5 s) for what a notice brings. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('not seen within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two processes that hear of changes', () => {
  it('answer a kept screen from memory, with no round trip to the database', async () => {
    const token = await tokenOf(a.db, 'analyst');
    const first = await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(200);
    expect(first.version).toMatch(/^[0-9]+$/);
    // pg_stat_database is updated by each backend when it goes idle, at most every 0.5 s.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = await commits();
    const beats = () => (changeWatchOf(a.db)?.heartbeats ?? 0) + (changeWatchOf(b.db)?.heartbeats ?? 0);
    const beatsBefore = beats();
    for (let i = 0; i < 50; i += 1) {
      const again = await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` });
      expect(again.text).toBe(first.text);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Besides the processes' heartbeats (one a second each): the reads of the count itself, and
    // transactions from before the window whose counts PostgreSQL flushed late (a backend reports
    // them when idle, at most once a second, else up to 10 s on). Asking at every request was 3
    // round trips each: 150.
    expect((await commits()) - before - (beats() - beatsBefore)).toBeLessThanOrEqual(25);
  });

  it("show a write to its writer's client at once in the other process, and to everyone once told", async () => {
    const admin = await signInAt(a.base, 'admin');
    const token = await tokenOf(a.db, 'analyst');
    const before = await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` });
    const name = { ko: '경제 분야 (고침)', en: 'Economy (renamed)' };
    const code = 'ECO';
    const renamed = await fetch(`${a.base}/trpc/planEditor.editSector`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ year: 2024, code, name }),
    });
    expect(renamed.status).toBe(200);
    const written = renamed.headers.get('x-data-version');
    expect(BigInt(written ?? '0')).toBeGreaterThan(BigInt(before.version ?? '0'));
    // The writer's client says what it saw: the other process reads the version rather than answer
    // from what it last heard.
    const seen = await get(b.base, OVERVIEW, {
      authorization: `Bearer ${token}`,
      'x-data-version-seen': written ?? '',
    });
    expect(seen.text).toContain('Economy (renamed)');
    expect(seen.version).toBe(written);
    // Anyone else sees it once the notice arrives.
    await eventually(async () =>
      (await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` })).text.includes('Economy (renamed)'),
    );
  });

  it('refuse a session signed out, a token revoked and a user disabled in the other process', async () => {
    const fin: Session = await signInAt(a.base, 'fin.head');
    const me = () =>
      fetch(`${b.base}/trpc/auth.me`, { headers: { cookie: fin.cookie } }).then((res) => res.json());
    expect(JSON.stringify(await me())).toContain('fin.head');
    expect(JSON.stringify(await me())).toContain('fin.head');
    expect((await mutate(a.base, 'auth.signOut', {}, fin)).status).toBe(200);
    await eventually(async () => !JSON.stringify(await me()).includes('fin.head'));

    const analyst = await signInAt(a.base, 'analyst');
    const issued = await mutate(a.base, 'tokens.create', { name: 'revoked soon' }, analyst);
    const secret: string = issued.body.result.data.token;
    const id: number = issued.body.result.data.id;
    const withToken = () => get(b.base, OVERVIEW, { authorization: `Bearer ${secret}` });
    expect((await withToken()).status).toBe(200);
    expect((await withToken()).status).toBe(200);
    expect((await mutate(a.base, 'tokens.revoke', { id }, analyst)).status).toBe(200);
    await eventually(async () => (await withToken()).status === 401);

    const tourism = await tokenOf(a.db, 'tourism.head');
    const asTourism = () => get(b.base, OVERVIEW, { authorization: `Bearer ${tourism}` });
    expect((await asTourism()).status).toBe(200);
    const admin = await signInAt(a.base, 'admin');
    const disabled = await mutate(
      a.base,
      'users.update',
      { username: 'tourism.head', role: 'bureau_head', department: 'TOURISM', disabled: true },
      admin,
    );
    expect(disabled.status).toBe(200);
    await eventually(async () => (await asTourism()).status === 401);
  });

  it('take a notice that is not a version as word of a change, and go on listening', async () => {
    // A watch of its own, whose heartbeat (it reads the version too) does not come within the test:
    // with b's, a beat could read the silent change below before the notice did.
    const watch = new ChangeWatch(path, a.db, { heartbeatMs: 60_000 });
    await watch.start();
    try {
      const before = watch.known;
      expect(before).not.toBeNull();
      // A change committed without its notice (the trigger raises the version and tells only once
      // per transaction, and this one says it already did): the watch cannot know of it.
      await a.db.transaction().execute(async (trx) => {
        await sql`select set_config('tangible.data_version_raised', 'yes', true)`.execute(trx);
        await sql`update sectors set name_en = 'Economy (said oddly)' where code = 'ECO'`.execute(trx);
        await sql`update data_version set version = version + 1`.execute(trx);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watch.known).toBe(before);
      // Anyone who may connect may notify on the channel: read as a number, this stopped the process.
      await sql`select pg_notify('tangible_data_version', 'not a version')`.execute(a.db);
      await eventually(async () => watch.known !== before);
      expect(watch.known).toBe((before ?? 0n) + 1n);
      expect(watch.watching).toBe(true);
      await sql`select pg_notify('tangible_data_version', '')`.execute(a.db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(watch.watching).toBe(true);
      // The server process heard the same notices, and serves the change.
      expect(changeWatchOf(b.db)?.watching).toBe(true);
      const token = await tokenOf(a.db, 'analyst');
      await eventually(async () =>
        (await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` })).text.includes(
          'Economy (said oddly)',
        ),
      );
    } finally {
      await watch.close();
    }
  });

  it('read a token once for the requests that bring it at the same time, and touch it once', async () => {
    const touched = await countTokenTouches(a.db);
    try {
      const token = await tokenOf(a.db, 'analyst');
      const touches = () => touched.count();
      const now = new Date();
      // Fifty requests with a token not read yet: its caller is not kept, and its last use is unset.
      const callers = await Promise.all(
        Array.from({ length: 50 }, () =>
          resolvePrincipal(b.db, { authorization: `Bearer ${token}`, publicDashboard: false, now }),
        ),
      );
      expect(
        new Set(callers.map((caller) => (caller.kind === 'user' ? caller.user.username : caller.kind))),
      ).toEqual(new Set(['analyst']));
      expect(await touches()).toBe(1);
      // A minute on, its last use is due again: one more touch for as many requests.
      const later = new Date(now.getTime() + 61_000);
      await Promise.all(
        Array.from({ length: 50 }, () =>
          resolvePrincipal(b.db, { authorization: `Bearer ${token}`, publicDashboard: false, now: later }),
        ),
      );
      expect(await touches()).toBe(2);
      // Word that credentials may have ended (a revocation's notice) comes while a read is on its way:
      // a request after it does not take that read's answer, but reads for itself (a shared read
      // gives each the same object).
      const fresh = await tokenOf(a.db, 'analyst');
      const asked = { authorization: `Bearer ${fresh}`, publicDashboard: false, now };
      const sharing = [resolvePrincipal(b.db, asked), resolvePrincipal(b.db, asked)];
      const [one, other] = await Promise.all(sharing);
      expect(one).toBe(other);
      const newer = await tokenOf(a.db, 'analyst');
      const first = resolvePrincipal(b.db, { ...asked, authorization: `Bearer ${newer}` });
      changeWatchOf(b.db)?.forgetCredentials();
      const second = resolvePrincipal(b.db, { ...asked, authorization: `Bearer ${newer}` });
      expect(await first).not.toBe(await second);
      expect(await second).toMatchObject({ kind: 'user', via: 'token' });
      // A forged token is read and refused for each of them alike.
      const forged = await Promise.all(
        Array.from({ length: 5 }, () =>
          resolvePrincipal(b.db, { authorization: 'Bearer tgb_forged', publicDashboard: true, now }),
        ),
      );
      expect(forged.every((caller) => caller.kind === 'anonymous' && caller.badToken)).toBe(true);
    } finally {
      await touched.drop();
    }
  });

  it('read the version at every request while not listening, and listen again', async () => {
    const watch = changeWatchOf(b.db);
    expect(watch?.watching).toBe(true);
    // The listening connection is cut, as a database restart would.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and (query like 'listen %' or query like '%tangible_heartbeat%')`.execute(a.db);
    await eventually(async () => watch?.watching === false);
    const token = await tokenOf(a.db, 'analyst');
    // A change made while it was deaf is still seen: the version is read at every request.
    await sql`update sectors set name_en = 'Economy (while deaf)' where code = 'ECO'`.execute(a.db);
    expect((await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` })).text).toContain(
      'Economy (while deaf)',
    );
    await eventually(async () => watch?.watching === true);
    await sql`update sectors set name_en = 'Economy (heard again)' where code = 'ECO'`.execute(a.db);
    await eventually(async () =>
      (await get(b.base, OVERVIEW, { authorization: `Bearer ${token}` })).text.includes(
        'Economy (heard again)',
      ),
    );
  });
});
