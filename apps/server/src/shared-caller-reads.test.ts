/**
 * Requests that bring the same secret while its caller is read share that read (api auth/sessions.ts,
 * readCaller), and take its answer only when reading for themselves would have given the same. One
 * read of the token table is made to hang or fail here (a Kysely plugin on the process's database
 * handle), as a lock wait, a lost connection or a failed touch would. PostgreSQL only
 * (vitest.config.ts): reads are shared only while the process hears of changes.
 */

import { createApiToken, createSession, resolvePrincipal } from '@tangible/api';
import { changeWatchOf, type Db, findUserByUsername, seededTestDatabase, watchChanges } from '@tangible/db';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokenTouches } from './test-client.js';

let made: { db: Db; path: string };
/** The process's handle: every read of a caller goes through the gate. */
let gatedDb: Db;

interface Gate {
  mode: 'hang' | 'fail';
  used: boolean;
  release?: () => void;
}
let gate: Gate | null = null;
const gatedQueries = new WeakSet<object>();

/** Makes the first read of api_tokens after a gate is set hang until released, or fail. */
const gatePlugin: KyselyPlugin = {
  transformQuery(args) {
    const node = args.node as {
      kind: string;
      from?: { froms: { table?: { identifier?: { name: string } } }[] };
    };
    const table = node.from?.froms?.[0]?.table?.identifier?.name;
    if (gate && !gate.used && node.kind === 'SelectQueryNode' && table === 'api_tokens') {
      gate.used = true;
      gatedQueries.add(args.queryId);
    }
    return args.node;
  },
  async transformResult(args) {
    if (gatedQueries.has(args.queryId) && gate) {
      const held = gate;
      if (held.mode === 'fail') throw new Error('one read failed');
      await new Promise<void>((resolve) => {
        held.release = resolve;
      });
    }
    return args.result;
  },
};

beforeAll(async () => {
  made = await seededTestDatabase();
  gatedDb = made.db.withPlugin(gatePlugin) as unknown as Db;
  await watchChanges(gatedDb, made.path);
});
afterAll(async () => {
  await changeWatchOf(gatedDb)?.close();
  await made.db.destroy();
});

const tokenOf = async (username: string) =>
  (
    await createApiToken(
      made.db,
      (await findUserByUsername(made.db, username))?.id ?? 0,
      'shared reads',
      new Date(),
    )
  ).token;
const asking = (token: string, now = new Date()) =>
  resolvePrincipal(gatedDb, { authorization: `Bearer ${token}`, publicDashboard: false, now });
/** Whether a promise settles within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(resolve, ms, false)),
  ]);
/** The token's creation is a change: its notice is heard before a read is shared at its version. */
const heard = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('a read of a caller shared by requests with the same secret', () => {
  it('does not hold a later request longer than half a second when it hangs', async () => {
    const token = await tokenOf('analyst');
    await heard();
    gate = { mode: 'hang', used: false };
    const first = asking(token);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = asking(token);
    const another = asking(await tokenOf('planner'));
    expect(await settlesWithin(another, 2_000)).toBe(true);
    const secondSettled = await settlesWithin(second, 2_000);
    gate.release?.();
    await first;
    gate = null;
    expect(secondSettled).toBe(true);
    expect(await second).toMatchObject({ kind: 'user', via: 'token' });
  });

  it('fails only the request whose read failed: the others read again', async () => {
    const token = await tokenOf('analyst');
    await heard();
    gate = { mode: 'fail', used: false };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => asking(token)));
    gate = null;
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(
      results.filter((result) => result.status === 'fulfilled').map((result) => result.value.kind),
    ).toEqual(['user', 'user', 'user', 'user']);
  });

  it('does not hand "no such session" found at a later moment to a request made before it expired', async () => {
    const user = await findUserByUsername(made.db, 'analyst');
    const session = await createSession(made.db, user?.id ?? 0, new Date());
    await heard();
    const expires = session.expiresAt.getTime();
    const ask = (at: number) =>
      resolvePrincipal(gatedDb, { sessionToken: session.token, publicDashboard: false, now: new Date(at) });
    const late = ask(expires + 5);
    const early = ask(expires - 5);
    expect((await late).kind).toBe('anonymous');
    expect(await early).toMatchObject({ kind: 'user', via: 'session' });
  });

  it('touches the token once when the requests sharing a read are past the moment its touch falls due', async () => {
    const touched = await countTokenTouches(made.db);
    try {
      const token = await tokenOf('analyst');
      const now = new Date();
      // Last used 59.5 s ago: the first request's read does not touch it, and is good for 0.5 s more.
      await sql`update api_tokens set last_used_at = ${new Date(now.getTime() - 59_500).toISOString()}
        where prefix = ${token.slice(0, 10)}`.execute(made.db);
      await touched.reset();
      await heard();
      const callers = await Promise.all([
        asking(token, now),
        ...Array.from({ length: 10 }, (_, i) => asking(token, new Date(now.getTime() + 1_000 + i))),
      ]);
      expect(callers.every((caller) => caller.kind === 'user')).toBe(true);
      expect(await touched.count()).toBe(1);
    } finally {
      await touched.drop();
    }
  });
});
