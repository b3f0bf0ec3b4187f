/**
 * An answer that reads stored figures and what they were computed from (or a roll-up and the lists
 * beside it) reads them at one moment, even when an approval commits between its reads.
 */

import { type Db, openTestDatabase, seededTestDatabase } from '@tangible/db';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createContextInner } from './context.js';
import { createCaller } from './root.js';
import { callerAs, principalFor, signIn } from './testing.js';

/** The commentary a slipping value needs (follow-through); it moves no figure. */
const COMMENTARY = { analysis: '분석', nextSteps: '대책' };

/** A value waiting for approval, and the approver of it. */
async function pendingValue(db: Db, code: string, period: string, value: number) {
  const admin = await callerAs(db, 'admin');
  await admin.reports.submit({ year: 2024, code, period, value, ...COMMENTARY });
  const planner = await callerAs(db, 'planner');
  const pending = (await planner.approvals.pending({ year: 2024 })).items.find((p) => p.code === code);
  return pending?.id ?? 0;
}

/** Holds the answer of the first query that matches (its work on the connection is done) until released. */
function pauseAfter(matches: (node: QueryNode) => boolean) {
  const flagged = new Set<unknown>();
  let reached = () => {};
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  let fired = false;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (!fired && matches(args.node)) flagged.add(args.queryId);
      return args.node;
    },
    async transformResult(args) {
      if (!fired && flagged.has(args.queryId)) {
        fired = true;
        reached();
        await gate;
      }
      return args.result;
    },
  };
  return { plugin, arrived, release: () => release() };
}

type QueryNode = { kind: string; from?: unknown };

/** A read from the table (or, `anywhere`, one that joins it too). */
const reading =
  (table: string, where: 'from' | 'anywhere' = 'from') =>
  (node: QueryNode) =>
    node.kind === 'SelectQueryNode' &&
    JSON.stringify(where === 'from' ? (node.from ?? null) : node).includes(`"${table}"`);

/**
 * A reader's request held after its read of `pausedAt` while a change is made on another
 * connection (another request's turn, or another process).
 */
async function changedMidRequest<T>(options: {
  prepare?: (db: Db) => Promise<number>;
  pausedAt: (node: QueryNode) => boolean;
  change: (other: Db, prepared: number) => Promise<unknown>;
  request: (reader: ReturnType<typeof createCaller>) => Promise<T>;
}): Promise<T> {
  const { db, path } = await seededTestDatabase();
  const prepared = (await options.prepare?.(db)) ?? 0;
  const other = openTestDatabase(path);
  const pause = pauseAfter(options.pausedAt);
  const { token, csrfToken } = await signIn(db, 'admin');
  const reader = createCaller(
    createContextInner({
      db: db.withPlugin(pause.plugin),
      principal: await principalFor(db, token),
      csrfHeader: csrfToken,
    }),
  );
  try {
    const answer = options.request(reader);
    const paused = await Promise.race([pause.arrived.then(() => true), answer.then(() => false)]);
    expect(paused, 'the request reached the read it is held after').toBe(true);
    await options.change(other, prepared);
    pause.release();
    return await answer;
  } finally {
    await other.destroy();
    await db.destroy();
  }
}

describe('an answer reads one moment', () => {
  it("an indicator's detail shows the values its figures were computed from", async () => {
    const answer = await changedMidRequest({
      prepare: (db) => pendingValue(db, 'CUL-01', '2024-03', 1),
      pausedAt: reading('indicator_figures', 'anywhere'),
      change: async (other, id) => (await callerAs(other, 'planner')).approvals.approve({ id }),
      request: (reader) => reader.indicators.detail({ year: 2024, asOf: '2024-12', code: 'CUL-01' }),
    });
    const shown = new Map(answer.series.map((p) => [p.period, p.value]));
    // Read apart, the answer lists March as 1 while its series, actual-to-date and attainment count
    // the 230,000 approved before.
    for (const m of answer.measurements) expect(shown.get(m.period), m.period).toBe(m.value);
  });

  it('the overview shows an indicator with the same figures in each of its lists', async () => {
    // BAL-03 (the BuTX track) is off track and a headline of its sector: it is in both lists.
    const answer = await changedMidRequest({
      pausedAt: reading('milestones'),
      change: async (other) =>
        (await callerAs(other, 'admin')).reports.updateMilestone({
          year: 2024,
          code: 'BAL-M24',
          actualDate: '2024-09-30',
          reason: 'done on time after all',
        }),
      request: (reader) => reader.plan.overview({ year: 2024, asOf: '2024-12' }),
    });
    const offTrack = answer.offTrack.items.find((i) => i.code === 'BAL-03');
    const headline = answer.sectors.flatMap((s) => s.headlines).find((i) => i.code === 'BAL-03');
    expect(offTrack?.figures).toBeDefined();
    expect(headline?.figures).toEqual(offTrack?.figures);
  });

  it('a page of the timeline shows each track with the figures it was ordered by', async () => {
    // The BuTX track's milestone done after the stored tracks were read: read apart, the page would be
    // ordered by the track as it was and show it as it is.
    const answer = await changedMidRequest({
      pausedAt: reading('track_figures'),
      change: async (other) =>
        (await callerAs(other, 'admin')).reports.updateMilestone({
          year: 2024,
          code: 'BAL-M24',
          actualDate: '2024-09-30',
          reason: 'done on time after all',
        }),
      request: (reader) => reader.milestones.timeline({ year: 2024, asOf: '2024-12', limit: 20 }),
    });
    const track = answer.tracks.find((t) => t.milestones.some((m) => m.code === 'BAL-M24'));
    expect(track?.milestones.find((m) => m.code === 'BAL-M24')?.actual).toBeNull();
  });
});
