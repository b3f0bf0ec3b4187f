/**
 * Meeting mode: the sector briefing as a presenter's slides, one indicator each in plan order, every
 * slide with its figure, the commentary approved with its latest counted value (commentary.ts, the
 * briefing's rule) and its open corrective actions, overdue ones marked. Whether the viewer may
 * record a directive on a slide is the policy's answer (`direct`), so the screen never guesses.
 */

import { type Db, findOpenActionsOfSector } from '@tangible/db';
import { can, type Principal, seesInternalDetail } from '../auth/policy.js';
import { atOneMoment, type ResolvedView, storedIndicators } from '../figures.js';
import { rollupOf } from '../lists/rollups.js';
import { commentaryAt } from './commentary.js';
import { cityToday } from './directives.js';
import { actionView } from './views.js';

/** A deck longer than this is no meeting: the rest are on the sector screen. */
export const MEETING_SLIDES = 60;

/** Which indicators a cut deck keeps first: the ones the meeting is for. */
const URGENCY: Record<string, number> = { off_track: 0, at_risk: 1, no_data: 2, on_track: 3 };

/**
 * The indicators of the deck, in plan order: all of them up to MEETING_SLIDES; past that, off track
 * first, then at risk, then the rest, each in plan order, cut at MEETING_SLIDES.
 */
export function deckOf<T extends { view: { figures: { status: string } } }>(indicators: readonly T[]): T[] {
  if (indicators.length <= MEETING_SLIDES) return [...indicators];
  const kept = new Set(
    indicators
      .map((indicator, position) => ({ indicator, position }))
      .sort(
        (a, b) =>
          (URGENCY[a.indicator.view.figures.status] ?? 9) - (URGENCY[b.indicator.view.figures.status] ?? 9) ||
          a.position - b.position,
      )
      .slice(0, MEETING_SLIDES)
      .map((entry) => entry.indicator),
  );
  return indicators.filter((indicator) => kept.has(indicator));
}

export async function meetingSlides(
  db: Db,
  principal: Principal,
  resolved: ResolvedView,
  sectorCode: string,
  now: Date,
) {
  const internal = seesInternalDetail(principal);
  const { rolled, indicators, commentary, actions, total } = await atOneMoment(db, async (db) => {
    const [rolled, all, actions] = await Promise.all([
      rollupOf(db, resolved, { sectorCode }),
      storedIndicators(db, resolved, { sectorCode }),
      // Actions are staff business: the public view reads figures and public commentary only.
      internal ? findOpenActionsOfSector(db, resolved.plan.id, sectorCode) : Promise.resolve([]),
    ]);
    const indicators = deckOf(all);
    const commentary = await commentaryAt(
      db,
      resolved,
      indicators.map((i) => i.view.code),
      { publicOnly: !internal },
    );
    return { rolled, indicators, commentary, actions, total: all.length };
  });
  const today = cityToday(now);
  return {
    ...rolled,
    /** Whether the viewer may record a directive (지시사항) from a slide. */
    mayDirect: can(principal, 'direct'),
    /** Whether the slides carry corrective actions (everyone signed in; not the public view). */
    showsActions: internal,
    /** How many indicators the sector has; more than the slides when the deck was cut. */
    indicatorTotal: total,
    slides: indicators.map(({ id, view }) => ({
      code: view.code,
      name: view.name,
      unit: view.unit,
      annualTarget: view.annualTarget,
      strategy: view.strategy,
      project: view.project,
      department: view.department,
      figures: view.figures,
      commentary: commentary[view.code] ?? null,
      actions: actions.filter((a) => a.indicator_id === id).map((a) => actionView(a, today)),
    })),
  };
}
