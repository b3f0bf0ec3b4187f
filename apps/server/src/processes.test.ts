/**
 * Two built processes on one PostgreSQL database behind nginx (scripts/cluster.ts): what one process
 * keeps must be what the other sees. Sessions and sign-in failures live in the database; the start's
 * rebuild of stale figures is done by one process while the other waits (startup.ts).
 *
 * PostgreSQL only: several processes are a PostgreSQL deployment (an SQLite file is served by one
 * process, README "Deployment"), so the SQLite half of the suite skips this file. It needs nginx
 * (`apt-get install nginx`; .ci/run installs it).
 */

import { readFileSync } from 'node:fs';
import { type Db, seededTestDatabase, TEST_ENGINE } from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../scripts/cluster.js';
import { mutate, query, signInAt } from './test-client.js';

/** The log lines of a process, parsed. */
function logOf(log: string): { msg: string; [key: string]: unknown }[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe.skipIf(TEST_ENGINE !== 'postgres')(
  'two processes on one PostgreSQL database behind nginx (skipped on SQLite: several processes need PostgreSQL)',
  () => {
    let db: Db;
    let cluster: Cluster;

    beforeAll(async () => {
      const seeded = await seededTestDatabase();
      db = seeded.db;
      // Every plan's figures stale, as after a release that changes the rules: each process, started
      // at the same moment, finds them to rebuild.
      await sql`update plan_figures set rules_version = 0`.execute(db);
      cluster = await startCluster({ databaseUrl: seeded.path, processes: 2 });
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
      await db?.destroy();
    });

    it('has one process rebuild the stale figures at start while the other waits and finds them built', async () => {
      const builds = cluster.processes.map((p) => {
        const ready = logOf(p.log).find((line) => line.msg === 'database ready');
        return (ready?.figuresBuilt as unknown[] | undefined)?.length ?? -1;
      });
      const plans = (await db.selectFrom('plans').select('id').execute()).length;
      // Both started; without the startup lock both rebuilt every plan ([3, 3] with the seed's three).
      expect(cluster.processes.map((p) => p.exited())).toEqual([false, false]);
      expect([...builds].sort()).toEqual([0, plans]);
      const stale = await db
        .selectFrom('plan_figures')
        .select('plan_id')
        .where('rules_version', '=', 0)
        .execute();
      expect(stale).toEqual([]);
      expect((await query(cluster.base, 'plan.overview', { year: 2024, asOf: '2024-06' })).status).toBe(401);
    });

    it('serves a session signed in through one process from the other, writes included', async () => {
      const [a, b] = cluster.processes;
      if (!a || !b) throw new Error('two processes');
      const session = await signInAt(a.base, 'admin');
      const me = await query(b.base, 'auth.me', undefined, session);
      expect(me.body.result.data.user.username).toBe('admin');
      const written = await mutate(
        b.base,
        'reports.submit',
        {
          year: 2024,
          code: 'ECO-04',
          period: '2024-05',
          value: 7,
          note: 'through the other process',
          analysis: '분석',
          nextSteps: '대책',
        },
        session,
      );
      expect(written.status).toBe(200);
      const row = await db
        .selectFrom('measurements')
        .select(['status', 'value'])
        .where('note', '=', 'through the other process')
        .executeTakeFirst();
      expect(row).toEqual({ status: 'pending', value: 7 });
      // Signing out through A ends the session for B too.
      expect((await mutate(a.base, 'auth.signOut', undefined, session)).status).toBe(200);
      const after = await query(b.base, 'auth.me', undefined, session);
      expect(after.body.result.data.user).toBeNull();
    });

    it('slows an address at one process for the failures it made at the other', async () => {
      const [a, b] = cluster.processes;
      if (!a || !b) throw new Error('two processes');
      const from = '203.0.113.77';
      const guess = (base: string, i: number) =>
        fetch(`${base}/trpc/auth.signIn`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          body: JSON.stringify({ username: `nobody-${i}`, password: 'wrong-password' }),
        });
      // Twenty failures from one address are allowed before it must wait (sign-in.test.ts).
      for (let i = 0; i < 20; i++) expect((await guess(a.base, i)).status).toBe(401);
      const refused = await guess(b.base, 20);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('30');
    });

    it('answers /livez and /readyz through nginx and from each process', async () => {
      for (const base of [cluster.base, ...cluster.processes.map((p) => p.base)]) {
        expect(await (await fetch(`${base}/livez`)).json()).toEqual({ status: 'ok' });
        expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
      }
    });
  },
);
