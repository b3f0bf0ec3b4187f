/**
 * Kept answers sent before Express sees the request (kept-answers.ts `atOnce`), in a process that
 * hears of the database's changes: they are the bytes and headers the long way sends, and they are
 * sent only when nothing they depend on needs a read. PostgreSQL only (vitest.config.ts): on SQLite
 * no process hears of changes, and every request goes the long way.
 */

import type { Server } from 'node:http';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { createApiToken, sha256 } from '@tangible/api';
import { changeWatchOf, type Db, findUserByUsername, seededTestDatabase, watchChanges } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { notReady } from './readiness.js';
import { listening, signInAt } from './test-client.js';

let db: Db;
let server: Server;
let base: string;
/** The same database served with the public view on (PUBLIC_DASHBOARD). */
let publicServer: Server;
let publicBase: string;
let token: string;
const readiness = notReady();
const logs: Array<{ url?: string; kept?: string; status?: number }> = [];

beforeAll(async () => {
  const made = await seededTestDatabase();
  db = made.db;
  await watchChanges(db, made.path);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  ({ server, base } = await listening(
    createApp({ db, logger: pino({ level: 'info' }, sink), webDist: '/nonexistent', readiness }),
  ));
  ({ server: publicServer, base: publicBase } = await listening(
    createApp({
      db,
      logger: pino({ level: 'info' }, sink),
      webDist: '/nonexistent',
      publicDashboard: true,
    }),
  ));
  token = await tokenOf('analyst');
});
afterAll(async () => {
  await new Promise((resolve) => publicServer.close(resolve));
  await new Promise((resolve) => server.close(resolve));
  await changeWatchOf(db)?.close();
  await db.destroy();
});

const tokenOf = async (username: string) =>
  (await createApiToken(db, (await findUserByUsername(db, username))?.id ?? 0, 'at once', new Date())).token;

let asked = 0;
/** A new address for each test (another month), so that no test finds what another kept. */
const overview = () => {
  asked += 1;
  const asOf = `2024-${String(asked).padStart(2, '0')}`;
  return `/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf }))}`;
};

interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** How the server says it answered (its log line's `kept`). */
  kept: string | undefined;
}

/** A request sent as written (method, headers), read as sent, with how its log line says it was answered. */
function send(path: string, headers: Record<string, string>, method = 'GET', at = base): Promise<Sent> {
  const logged = logs.length;
  return new Promise<Sent>((resolve, reject) => {
    request(`${at}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', async () => {
        // The log line is written as the answer finishes; the client may read it a moment before.
        const until = Date.now() + 2_000;
        let line = logs.slice(logged).find((entry) => entry.url === path);
        while (!line && Date.now() < until) {
          await new Promise((wait) => setTimeout(wait, 5));
          line = logs.slice(logged).find((entry) => entry.url === path);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          kept: line?.kept,
        });
      });
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const asAnalyst = (more: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'accept-encoding': 'gzip, deflate, br',
  ...more,
});

const withoutDate = (headers: Sent['headers']) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

describe('a kept answer sent at once', () => {
  it('is sent, at once, with the bytes and every header the long way sent', async () => {
    const path = overview();
    const first = await send(path, asAnalyst());
    expect(first.status).toBe(200);
    expect(first.kept).toBeUndefined();
    const second = await send(path, asAnalyst());
    expect(second.kept).toBe('at once');
    expect(second.body.equals(first.body)).toBe(true);
    expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
    // What the middlewares the long way goes through set: helmet's, no-store, the data version.
    expect(second.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(second.headers['x-frame-options']).toBe('DENY');
    expect(second.headers['cache-control']).toBe('no-store');
    expect(second.headers['x-data-version']).toBe(String(changeWatchOf(db)?.known));
  });

  it('goes the long way while its caller is not known, and finds the bytes there', async () => {
    const path = overview();
    const first = await send(path, asAnalyst());
    // A new token of the same user: the same answer, but the caller must be read once.
    const other = await tokenOf('analyst');
    const second = await send(path, asAnalyst({ authorization: `Bearer ${other}` }));
    expect(second.kept).toBe('after its caller');
    expect(second.body.equals(first.body)).toBe(true);
    const third = await send(path, asAnalyst({ authorization: `Bearer ${other}` }));
    expect(third.kept).toBe('at once');
  });

  it('is not sent to a client that says it saw a version this process has not heard of', async () => {
    const path = overview();
    await send(path, asAnalyst());
    const known = changeWatchOf(db)?.known ?? 0n;
    // The long way reads the version again (db change-watch.ts `atLeast`): still this one, so the
    // bytes are found there.
    const ahead = await send(path, asAnalyst({ 'x-data-version-seen': String(known + 1n) }));
    expect(ahead.status).toBe(200);
    expect(ahead.kept).toBe('after its caller');
    const seen = await send(path, asAnalyst({ 'x-data-version-seen': String(known) }));
    expect(seen.kept).toBe('at once');
  });

  it('is never sent to a caller the long way would refuse or answer otherwise', async () => {
    const path = overview();
    const first = await send(path, asAnalyst());
    expect((await send(path, asAnalyst())).kept).toBe('at once');
    // Nobody: refused by tRPC.
    const nobody = await send(path, { 'accept-encoding': 'gzip' });
    expect(nobody.status).toBe(401);
    expect(nobody.kept).toBeUndefined();
    // A token that is not one: refused, never answered from what was kept for a real one.
    const forged = await send(path, asAnalyst({ authorization: 'Bearer tgb_forged' }));
    expect(forged.status).toBe(401);
    // Another role sees its own answer, computed for it.
    const mayor = await send(path, asAnalyst({ authorization: `Bearer ${await tokenOf('mayor')}` }));
    expect(mayor.status).toBe(200);
    expect(mayor.kept).toBeUndefined();
    // Not gzip, HEAD, streamed: the long way, as they always were.
    const plain = await send(path, asAnalyst({ 'accept-encoding': 'gzip;q=0, identity' }));
    expect(plain.kept).toBeUndefined();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((await send(path, asAnalyst(), 'HEAD')).kept).toBeUndefined();
    expect((await send(path, asAnalyst({ 'trpc-accept': 'application/jsonl' }))).kept).toBeUndefined();
    expect((await send(path, asAnalyst({ accept: 'application/jsonl' }))).kept).toBeUndefined();
    // And the bytes are still there for the analyst.
    const again = await send(path, asAnalyst());
    expect(again.kept).toBe('at once');
    expect(again.body.equals(first.body)).toBe(true);
  });

  it('leaves an address the long way refuses to the long way', async () => {
    const malformed = await send('/trpc/plan.overview?input=%E0%A4%A', asAnalyst());
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body.toString('utf8')).problem.code).toBe('url_malformed');
    const long = await send(`/trpc/plan.overview?input=${'x'.repeat(9_000)}`, asAnalyst());
    expect(long.status).toBe(414);
  });

  it('is not sent once the data has changed, and is sent again once kept anew', async () => {
    const path = overview();
    const first = await send(path, asAnalyst());
    const before = changeWatchOf(db)?.known ?? 0n;
    // A write by another hand: this process hears of it by its notice.
    const sector = await db.selectFrom('sectors').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('sectors').set({ name_en: 'Renamed at once' }).where('id', '=', sector.id).execute();
    const until = Date.now() + 5_000;
    while ((changeWatchOf(db)?.known ?? 0n) === before && Date.now() < until)
      await new Promise((wait) => setTimeout(wait, 20));
    const after = await send(path, asAnalyst());
    expect(after.kept).not.toBe('at once');
    expect(after.body.equals(first.body)).toBe(false);
    expect((await send(path, asAnalyst())).kept).toBe('at once');
  });

  it('tells the client to close its connection while the process drains', async () => {
    const path = overview();
    await send(path, asAnalyst());
    readiness.draining = true;
    try {
      const draining = await send(path, asAnalyst());
      expect(draining.kept).toBe('at once');
      expect(draining.headers.connection).toBe('close');
    } finally {
      readiness.draining = false;
    }
  });
});

/** Asks until `check` holds of the answer (a notice from another connection takes a moment), at most 5 s. */
async function until(ask: () => Promise<Sent>, check: (sent: Sent) => boolean): Promise<Sent> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const sent = await ask();
    if (check(sent) || Date.now() > deadline) return sent;
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

describe('a kept answer sent at once, with the public view on', () => {
  const publicly = (path: string, headers: Record<string, string>) => send(path, headers, 'GET', publicBase);
  const gzip = { 'accept-encoding': 'gzip' };

  it('is the public answer to a caller with no credentials, and never to one whose credentials fail', async () => {
    const path = overview();
    const first = await publicly(path, gzip);
    expect(first.status).toBe(200);
    const again = await publicly(path, gzip);
    expect(again.kept).toBe('at once');
    // The public view is not told the data version: it counts every organisation's writes.
    expect(again.headers['x-data-version']).toBeUndefined();
    // A token that is not one is refused as such, though the public answer is kept for this address.
    const forged = await publicly(path, { ...gzip, authorization: 'Bearer tgb_forged' });
    expect(forged.status).toBe(401);
    expect(forged.kept).toBeUndefined();
  });

  it('refuses a token revoked from another connection, once its notice comes', async () => {
    const path = overview();
    const revoked = await tokenOf('analyst');
    const asRevoked = () => publicly(path, { ...gzip, authorization: `Bearer ${revoked}` });
    await asRevoked();
    expect((await asRevoked()).kept).toBe('at once');
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('token_hash', '=', sha256(revoked))
      .execute();
    const after = await until(asRevoked, (sent) => sent.status === 401);
    expect(after.status).toBe(401);
    expect(after.kept).toBeUndefined();
  });

  it('takes the token over the session cookie, as the long way does, even a token that fails', async () => {
    const path = overview();
    const mayor = await signInAt(publicBase, 'mayor');
    await publicly(path, { ...gzip, cookie: mayor.cookie });
    expect((await publicly(path, { ...gzip, cookie: mayor.cookie })).kept).toBe('at once');
    const both = await publicly(path, { ...gzip, cookie: mayor.cookie, authorization: 'Bearer tgb_forged' });
    expect(both.status).toBe(401);
    expect(both.kept).toBeUndefined();
  });

  it("is the public answer, not the user's, once the session has ended or expired", async () => {
    const path = overview();
    const ask = (session: { cookie: string }) => publicly(path, { ...gzip, cookie: session.cookie });
    const ended = await signInAt(publicBase, 'mayor');
    await ask(ended);
    expect((await ask(ended)).headers['x-data-version']).toBeDefined();
    // Signed out from another connection: the caller is the public view again.
    await db.deleteFrom('sessions').where('id', '=', sessionOf(ended.cookie).id).execute();
    const afterEnd = await until(
      () => ask(ended),
      (sent) => sent.headers['x-data-version'] === undefined,
    );
    expect(afterEnd.status).toBe(200);
    expect(afterEnd.headers['x-data-version']).toBeUndefined();
    // Expiring in a second: kept until then, never after.
    const expiring = await signInAt(publicBase, 'mayor');
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 1_000).toISOString() })
      .where('id', '=', sessionOf(expiring.cookie).id)
      .execute();
    await until(
      () => ask(expiring),
      (sent) => sent.kept === 'at once' && sent.headers['x-data-version'] !== undefined,
    );
    await new Promise((wait) => setTimeout(wait, 1_100));
    const afterExpiry = await ask(expiring);
    expect(afterExpiry.status).toBe(200);
    expect(afterExpiry.headers['x-data-version']).toBeUndefined();
  });
});

/** The session row a cookie names (its id is the hash of the cookie's secret). */
const sessionOf = (cookie: string) => ({ id: sha256(/tangible_session=([^;]+)/.exec(cookie)?.[1] ?? '') });
