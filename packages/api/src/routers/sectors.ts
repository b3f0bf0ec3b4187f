import { countIndicatorFigures, type Db, findSectorRevisions, findSectors } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { seesInternalDetail } from '../auth/policy.js';
import { atOneMoment, type ResolvedView, resolveView } from '../figures.js';
import { commentaryAt } from '../follow-through/commentary.js';
import { meetingSlides } from '../follow-through/meeting.js';
import { code, view } from '../inputs.js';
import { indicatorCharts, indicatorRows } from '../lists/indicators.js';
import { indicatorListFilter, indicatorListWindow, indicatorQuery } from '../lists/inputs.js';
import { pageInput } from '../lists/paging.js';
import { rollupOf } from '../lists/rollups.js';
import { trackHeadline, trackList } from '../lists/tracks.js';
import { refuse } from '../problems.js';
import { keptQuery, procedure } from '../trpc.js';

/** What a one-page briefing holds of each list; the sector screen has the rest. */
export const BRIEFING_SHOWN = { headlines: 8, attention: 12, milestones: 16 } as const;

const sectorView = view.extend({ sector: code });

/** The sector of the view's plan, or a refusal naming the plan's sectors. */
async function findSector(db: Db, resolved: ResolvedView, asked: string) {
  const sectors = await findSectors(db, resolved.plan.id);
  const sector = sectors.find((s) => s.code === asked.toUpperCase());
  if (!sector) {
    throw refuse('NOT_FOUND', 'no_such_sector', {
      code: asked,
      year: resolved.plan.year,
      sectors: sectors.map((s) => s.code).join(', '),
    });
  }
  return {
    code: sector.code,
    name: { ko: sector.name_ko, en: sector.name_en },
    goal: { ko: sector.goal_ko, en: sector.goal_en },
  };
}

export const sectorsRouter = {
  /** The plan's sectors in order, names only: for navigation. */
  list: keptQuery
    .meta({ permission: 'public' })
    .input(view.pick({ year: true }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const sectors = await findSectors(ctx.db, resolved.plan.id);
      return sectors.map((s) => ({ code: s.code, name: { ko: s.name_ko, en: s.name_en } }));
    }),

  /**
   * One sector's heading: its score, status counts and how many indicators, headlines and tracks it
   * has. Its indicators (sectors.indicators), small charts (sectors.headlines) and tracks
   * (milestones.timeline) come a page at a time.
   */
  detail: keptQuery
    .meta({ permission: 'public' })
    .input(sectorView)
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const sector = await findSector(ctx.db, resolved, input.sector);
      const [rolled, headlineCount] = await atOneMoment(ctx.db, (db) =>
        Promise.all([
          rollupOf(db, resolved, { sectorCode: sector.code }),
          countIndicatorFigures(db, resolved.plan.id, resolved.asOf.month, {
            sectorCode: sector.code,
            headline: true,
          }),
        ]),
      );
      return { asOf: resolved.asOfText, year: resolved.plan.year, sector, ...rolled, headlineCount };
    }),

  /** The sector's indicators, a page at a time, sorted and filtered like indicators.list. */
  indicators: keptQuery
    .meta({ permission: 'public' })
    .input(sectorView.extend({ ...indicatorListFilter, ...indicatorListWindow }))
    .query(({ ctx, input }) =>
      atOneMoment(ctx.db, async (db) => {
        const resolved = await resolveView(db, ctx.organisationId, input);
        const sector = await findSector(db, resolved, input.sector);
        const { filter, window } = indicatorQuery({ ...input, sector: sector.code });
        const page = await indicatorRows(db, resolved, filter, window);
        return { asOf: resolved.asOfText, year: resolved.plan.year, ...page };
      }),
    ),

  /** The sector's headline indicators with their series, for the small charts: a few at a time. */
  headlines: keptQuery
    .meta({ permission: 'public' })
    .input(sectorView.extend(pageInput({ limit: 6, max: 12 })))
    .query(({ ctx, input }) =>
      atOneMoment(ctx.db, async (db) => {
        const resolved = await resolveView(db, ctx.organisationId, input);
        const sector = await findSector(db, resolved, input.sector);
        const page = await indicatorCharts(
          db,
          resolved,
          { sectorCode: sector.code, headline: true },
          { sort: 'plan', order: 'asc', page: input.page, limit: input.limit },
        );
        return { asOf: resolved.asOfText, year: resolved.plan.year, ...page };
      }),
    ),

  /**
   * The sector on one printable page for the mayor's report meeting: its headline results, the
   * indicators needing attention (off track first, then at risk, lowest attainment first), and the
   * milestones of the plan year or late; each list cut to fit, with how many there are in all.
   */
  briefing: keptQuery
    .meta({ permission: 'public' })
    .input(sectorView)
    .query(async ({ ctx, input }) => {
      // The roll-up and the lists beside it as they stood at one moment.
      const { resolved, sector, rolled, headlines, attention, tracks, revisions, commentary } =
        await atOneMoment(ctx.db, async (db) => {
          const resolved = await resolveView(db, ctx.organisationId, input);
          const sector = await findSector(db, resolved, input.sector);
          const sectorCode = sector.code;
          const [rolled, headlines, attention, tracks, revisions] = await Promise.all([
            rollupOf(db, resolved, { sectorCode }),
            indicatorRows(
              db,
              resolved,
              { sectorCode, headline: true },
              { sort: 'plan', order: 'asc', page: 1, limit: BRIEFING_SHOWN.headlines },
            ),
            indicatorRows(
              db,
              resolved,
              { sectorCode, statuses: ['off_track', 'at_risk'] },
              { sort: 'status', order: 'asc', page: 1, limit: BRIEFING_SHOWN.attention },
            ),
            trackList(db, resolved, { sectorCode }, { notes: seesInternalDetail(ctx.principal) }),
            findSectorRevisions(db, resolved.plan.id, sectorCode),
          ]);
          // Beside each figure, the commentary approved with its latest value (public: only if marked so).
          const commentary = await commentaryAt(
            db,
            resolved,
            [...headlines.items, ...attention.items].map((i) => i.code),
            { publicOnly: !seesInternalDetail(ctx.principal) },
          );
          return { resolved, sector, rolled, headlines, attention, tracks, revisions, commentary };
        });
      const year = String(resolved.plan.year);
      let room: number = BRIEFING_SHOWN.milestones;
      let relevantCount = 0;
      const groups = tracks.map((track) => {
        // Milestones of the plan year and any that are late; the rest are on the sector screen.
        const relevant = track.milestones
          .filter(
            (m) =>
              m.planned.startsWith(year) ||
              m.actual?.startsWith(year) ||
              m.state === 'overdue' ||
              m.state === 'slipping',
          )
          .sort((a, b) => a.planned.localeCompare(b.planned));
        relevantCount += relevant.length;
        const shown = relevant.slice(0, Math.max(0, room));
        room -= shown.length;
        return { track: trackHeadline(track), milestones: shown };
      });
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        sector,
        ...rolled,
        headlines: { items: headlines.items, total: headlines.total },
        attention: { items: attention.items, total: attention.total },
        milestones: {
          groups: groups.filter((group) => group.milestones.length > 0),
          /** Milestones of the plan year or late, and all the sector's milestones. */
          relevant: relevantCount,
          total: tracks.reduce((sum, track) => sum + track.milestoneCount, 0),
        },
        /** By indicator code: the analysis and next steps approved with its latest value counted. */
        commentary,
        /** The sector's revised targets: the original beside the revision, when and why it was revised. */
        revisions: revisions.map((r) => ({
          code: r.code,
          name: { ko: r.name_ko, en: r.name_en },
          unit: r.unit,
          period: r.period,
          kind: r.kind,
          original: r.original_value,
          revised: r.revised_value,
          reason: r.reason,
          revisedAt: r.decided_at,
        })),
      };
    }),
  /**
   * The briefing as the meeting room's slides (follow-through/meeting.ts): every indicator of the
   * sector with its figure, commentary and open corrective actions. Not kept: "overdue" depends on
   * the day, and whether the viewer may record a directive on who asks.
   */
  meeting: procedure
    .meta({ permission: 'public' })
    .input(sectorView)
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const sector = await findSector(ctx.db, resolved, input.sector);
      const slides = await meetingSlides(ctx.db, ctx.principal, resolved, sector.code, ctx.now());
      return { asOf: resolved.asOfText, year: resolved.plan.year, sector, ...slides };
    }),
} satisfies TRPCRouterRecord;
