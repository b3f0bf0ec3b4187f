/**
 * Meeting mode's slides against a real seeded database, through the router as each caller sees them:
 * every indicator of the sector in plan order with its figure, commentary and open actions (overdue
 * marked, closed ones gone), and the record button only for those the policy lets record directives.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';
import { callerAs, refusal } from '../testing.js';
import { deckOf, MEETING_SLIDES } from './meeting.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const year = 2024;
const citizen = () =>
  createCaller(createContextInner({ db, principal: { kind: 'public' }, csrfHeader: null }));

describe('the meeting slides of a sector', () => {
  it('hold every indicator of the sector in plan order, the same figures as the sector list', async () => {
    const mayor = await callerAs(db, 'mayor');
    const meeting = await mayor.sectors.meeting({ year, asOf: '2024-12', sector: 'bal' });
    const listed = await mayor.sectors.indicators({ year, asOf: '2024-12', sector: 'BAL', limit: 100 });
    expect(meeting.sector.code).toBe('BAL');
    expect(meeting.slides.map((s) => s.code)).toEqual(listed.items.map((i) => i.code));
    expect(meeting.slides.map((s) => s.figures)).toEqual(listed.items.map((i) => i.figures));
    expect(meeting.slides.find((s) => s.code === 'BAL-01')?.department.code).toBe('AIRPORT');
  });

  it("carry an indicator's open corrective actions beside its figure, overdue ones marked, closed ones gone", async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const late = await tourism.actions.add({
      year,
      indicator: 'CUL-03',
      title: '해외 박람회 참가 확대',
      dueDate: '2024-02-29',
    });
    const later = await tourism.actions.add({
      year,
      indicator: 'CUL-03',
      title: '관광 안내 통역 인력 보강',
      dueDate: '2999-12-31',
    });
    const dropped = await tourism.actions.add({
      year,
      indicator: 'CUL-03',
      title: '취소될 조치',
      dueDate: '2024-03-31',
    });
    await tourism.actions.update({ year, id: dropped.id, state: 'dropped', dropReason: '예산 미확보' });
    const planner = await callerAs(db, 'planner');
    const slide = (await planner.sectors.meeting({ year, sector: 'CUL' })).slides.find(
      (s) => s.code === 'CUL-03',
    );
    expect(slide?.actions.map((a) => [a.id, a.overdue])).toEqual([
      [late.id, true],
      [later.id, false],
    ]);
    const others = (await planner.sectors.meeting({ year, sector: 'CUL' })).slides.filter(
      (s) => s.code !== 'CUL-03',
    );
    expect(others.flatMap((s) => s.actions)).toEqual([]);
  });

  it('show the record button to the mayor and the planning office only, as the policy says', async () => {
    const outcomes: Record<string, boolean> = {};
    for (const user of ['admin', 'mayor', 'planner', 'tourism.head', 'analyst']) {
      const caller = await callerAs(db, user);
      outcomes[user] = (await caller.sectors.meeting({ year, sector: 'CUL' })).mayDirect;
    }
    expect(outcomes).toEqual({
      admin: true,
      mayor: true,
      planner: true,
      'tourism.head': false,
      analyst: false,
    });
  });

  it('give the public view the figures without actions, commentary only when marked public, and no record button', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    await tourism.reports.submit({
      year,
      code: 'CUL-03',
      period: '2024-Q4',
      value: 0,
      analysis: '동절기 항공편 감편',
      nextSteps: '1분기 전세기 유치',
      commentaryPublic: false,
    });
    const pending = (await planner.approvals.pending({ year })).items.find(
      (p) => p.code === 'CUL-03' && p.period === '2024-Q4',
    );
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    const staff = (await planner.sectors.meeting({ year, asOf: '2024-12', sector: 'CUL' })).slides.find(
      (s) => s.code === 'CUL-03',
    );
    expect(staff?.commentary).toMatchObject({
      analysis: '동절기 항공편 감편',
      nextSteps: '1분기 전세기 유치',
    });
    const shown = await citizen().sectors.meeting({ year, asOf: '2024-12', sector: 'CUL' });
    expect({ mayDirect: shown.mayDirect, showsActions: shown.showsActions }).toEqual({
      mayDirect: false,
      showsActions: false,
    });
    const slide = shown.slides.find((s) => s.code === 'CUL-03');
    expect({ commentary: slide?.commentary, actions: slide?.actions }).toEqual({
      commentary: null,
      actions: [],
    });
  });

  it('refuse a sector the plan does not have, naming the ones it has', async () => {
    const mayor = await callerAs(db, 'mayor');
    const refused = await refusal(mayor.sectors.meeting({ year, sector: 'NOPE' }));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain('BAL');
  });
});

describe('a deck too long for a meeting', () => {
  const indicator = (code: string, status: string) => ({ code, view: { figures: { status } } });
  const sector = (statuses: string[]) => statuses.map((status, i) => indicator(`X-${i}`, status));

  it.each([
    ['keeps every indicator of a sector that fits', MEETING_SLIDES, 0, MEETING_SLIDES],
    ['keeps the off-track ones first when it is cut', MEETING_SLIDES + 5, 10, MEETING_SLIDES],
  ])('%s', (_, count, offTrack, shown) => {
    const statuses = Array.from({ length: count }, (_, i) =>
      i >= count - offTrack ? 'off_track' : 'on_track',
    );
    const deck = deckOf(sector(statuses));
    expect(deck).toHaveLength(shown);
    expect(deck.filter((d) => d.view.figures.status === 'off_track')).toHaveLength(offTrack);
    // Still in plan order.
    const positions = deck.map((d) => Number(d.code.slice(2)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
