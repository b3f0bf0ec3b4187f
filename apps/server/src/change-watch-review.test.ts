/**
 * Change notices under faults (db change-watch.ts), from the review: what happens when the listening connection stops
 * delivering without closing (a half-open TCP connection: a NAT or firewall timeout, a pooler that
 * does not forward NOTIFY), and whether a write made outside tRPC's mutations is read by its writer.
 * The listening connection of process `b` goes through a proxy that can hold what PostgreSQL sends.
 * PostgreSQL only: TEST_DATABASE=postgres.
 */

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { changeWatchOf, openTestDatabase, readDataVersion, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, signInAt, stopProcesses, type WatchingProcess, watchingProcess } from './test-client.js';

let path: string;
let a: WatchingProcess;
let b: WatchingProcess;
let proxy: NetServer;
let held = false;
const sockets: Socket[] = [];

/** A TCP proxy to PostgreSQL whose answers to the client can be held (never delivered, never closed). */
async function holdingProxy(target: URL): Promise<string> {
  proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.push(client, upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!held) client.write(chunk);
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const through = new URL(target.toString());
  through.hostname = '127.0.0.1';
  through.port = String((proxy.address() as AddressInfo).port);
  return through.toString();
}

beforeAll(async () => {
  const made = await seededTestDatabase();
  path = made.path;
  a = await watchingProcess(made.db, path);
  b = await watchingProcess(openTestDatabase(path), await holdingProxy(new URL(path)));
});
afterAll(async () => {
  held = false;
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy?.close(resolve));
  await stopProcesses(a, b);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean>, within: number): Promise<void> {
  const until = Date.now() + within;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not seen within ${within} ms`);
    await pause(50);
  }
}

describe('a listening connection that stops delivering without closing', () => {
  it('does not keep serving a signed-out session for as long as it stays silent', async () => {
    const fin = await signInAt(a.base, 'fin.head');
    const me = async () =>
      JSON.stringify(
        await (await fetch(`${b.base}/trpc/auth.me`, { headers: { cookie: fin.cookie } })).json(),
      );
    expect(await me()).toContain('fin.head');
    expect(await me()).toContain('fin.head'); // now kept by b
    held = true;
    expect((await mutate(a.base, 'auth.signOut', {}, fin)).status).toBe(200);
    // The heartbeat finds the silence within three seconds; from then b reads at every request.
    await eventually(async () => !(await me()).includes('fin.head'), 6_000);
    expect(changeWatchOf(b.db)?.watching).toBe(false);
    held = false;
  }, 40_000);
});

describe('a write made outside a tRPC mutation (an import committed over /api/import)', () => {
  it("is known to the writer's process before the answer leaves, as a tRPC mutation is", async () => {
    await eventually(async () => changeWatchOf(b.db)?.watching === true, 15_000);
    const head = await signInAt(b.base, 'tourism.head');
    held = true; // the notice of b's own commit does not reach b: only its own observation would
    const res = await fetch(`${b.base}/api/import/commit?year=2024&filename=review.csv`, {
      method: 'POST',
      headers: { cookie: head.cookie, 'x-csrf-token': head.csrf, 'content-type': 'text/csv' },
      body: 'kpi_code,period,value\r\nCUL-01,2024-09,"262,000"\r\n',
    });
    held = false;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { written: number }).written).toBe(1);
    const inDatabase = await readDataVersion(b.db);
    // The answer says the version of its own write, which the writer's next reads send back.
    expect(res.headers.get('x-data-version')).toBe(inDatabase);
  }, 40_000);
});

describe("a plan workbook applied over /api/plan (the writer's own next read)", () => {
  it("shows the planner the plan they just applied, as a tRPC edit's writer is shown theirs", async () => {
    await eventually(async () => changeWatchOf(b.db)?.watching === true, 15_000);
    const planner = await signInAt(b.base, 'planner');
    const overview = () =>
      fetch(
        `${b.base}/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }))}`,
        { headers: { cookie: planner.cookie } },
      ).then((res) => res.text());
    expect(await overview()).toContain('Economic Innovation and Growth Hub City'); // kept at the version b knows
    const csv = await (
      await fetch(`${b.base}/api/plan/workbook.csv?year=2024&kind=sectors&lang=en`, {
        headers: { cookie: planner.cookie },
      })
    ).text();
    expect(csv).toContain('Economic Innovation and Growth Hub City');
    held = true;
    const applied = await fetch(`${b.base}/api/plan/workbook/apply?year=2024&filename=sectors.csv`, {
      method: 'POST',
      headers: {
        cookie: planner.cookie,
        'x-csrf-token': planner.csrf,
        'content-type': 'application/octet-stream',
      },
      body: new TextEncoder().encode(
        csv.replace('Economic Innovation and Growth Hub City', 'Economy by workbook'),
      ),
    });
    expect(applied.status).toBe(200);
    held = false;
    const stored = await b.db.selectFrom('sectors').select('name_en').where('code', '=', 'ECO').execute();
    expect(stored.map((s) => s.name_en)).toContain('Economy by workbook'); // committed
    // b's version caught up with its own write before the answer left.
    expect(await overview()).toContain('Economy by workbook');
  }, 40_000);
});

describe('a sign-in elsewhere', () => {
  it('does not make every process forget every caller it keeps (no session ended, none changed)', async () => {
    held = false;
    const watch = changeWatchOf(b.db);
    // Let b listen again and hear of what came before (the tests above held its notices).
    await eventually(async () => watch?.watching === true, 15_000);
    // A heartbeat sent while notices were held times out up to 2 s later, and the loss and the
    // listening again each move the epoch: wait until it holds still for longer than that (it moved
    // by 2 during the sign-in once, in a whole run).
    let before = watch?.credentialsEpoch;
    for (;;) {
      await pause(2_500);
      await eventually(async () => watch?.watching === true, 15_000);
      if (watch?.credentialsEpoch === before) break;
      before = watch?.credentialsEpoch;
    }
    await signInAt(a.base, 'analyst');
    await pause(1_000);
    // createSession's `delete from sessions where expires_at <= now` ends no session here.
    expect(watch?.credentialsEpoch).toBe(before);
  }, 40_000);
});

describe("X-Data-Version-Seen (what change-watch.test.ts's writer test means to prove)", () => {
  it('makes a process that has not heard of a write answer its writer from it (fails if `seen` is ignored)', async () => {
    await eventually(async () => changeWatchOf(b.db)?.watching === true, 15_000);
    const admin = await signInAt(a.base, 'admin');
    const token = (await mutate(a.base, 'tokens.create', { name: 'seen' }, admin)).body.result.data.token;
    const overview = (headers: Record<string, string>) =>
      fetch(
        `${b.base}/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }))}`,
        { headers: { authorization: `Bearer ${token}`, ...headers } },
      ).then((res) => res.text());
    await pause(500);
    await overview({}); // kept by b at the version it knows
    held = true;
    const renamed = await fetch(`${a.base}/trpc/planEditor.editSector`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ year: 2024, code: 'SAF', name: { ko: '안전 (고침)', en: 'Safety (seen)' } }),
    });
    expect(renamed.status).toBe(200);
    const written = renamed.headers.get('x-data-version') ?? '';
    expect(await overview({})).not.toContain('Safety (seen)'); // b has not heard
    expect(await overview({ 'x-data-version-seen': written })).toContain('Safety (seen)');
    held = false;
  }, 40_000);
});
