/**
 * Stopping the built server as an orchestrator does (SIGTERM): /readyz turns 503 at once while the
 * process still answers for DRAIN_SECONDS, so traffic goes elsewhere first; then it stops taking
 * connections, finishes what it has and exits 0.
 */

import { type Db, seededTestDatabase, TEST_ENGINE } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcesses } from '../../../scripts/cluster.js';
import { jsonOf } from './test-json.js';

let db: Db;
let url: string;

beforeAll(async () => {
  const seeded = await seededTestDatabase();
  db = seeded.db;
  url = TEST_ENGINE === 'postgres' ? seeded.path : `file:${seeded.path}`;
});
afterAll(async () => {
  await db.destroy();
});

describe('SIGTERM', () => {
  it('turns /readyz to 503 first, keeps serving while draining, then exits 0', async () => {
    const { processes } = await startProcesses({
      databaseUrl: url,
      processes: 1,
      env: { DRAIN_SECONDS: '2' },
    });
    const [server] = processes;
    if (!server) throw new Error('one process');
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    const asked = Date.now();
    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ready = await fetch(`${server.base}/readyz`);
    expect({ status: ready.status, body: await jsonOf(ready) }).toEqual({
      status: 503,
      body: { status: 'unready', reason: 'draining' },
    });
    expect((await fetch(`${server.base}/livez`)).status).toBe(200);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    expect(server.exited()).toBe(false);
    expect(await server.exit).toBe(0);
    // It served on for the drain: not stopped at the signal.
    expect(Date.now() - asked).toBeGreaterThanOrEqual(1_900);
  });
});
