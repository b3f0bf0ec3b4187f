/**
 * The sector screens' data, for the current view: the sector's heading, its indicators, headline
 * charts and milestone tracks a page at a time, its score month by month, and its briefing.
 */

import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type IndicatorSort, type RouterOutputs, useTRPC } from '../../trpc';
import type { Order } from '../../view/usePaging';
import type { View } from '../../view/useView';

export type SectorDetail = RouterOutputs['sectors']['detail'];
/** A headline indicator with its series, for a small chart. */
export type SectorIndicator = RouterOutputs['sectors']['headlines']['items'][number];
export type SectorTrack = RouterOutputs['milestones']['timeline']['tracks'][number];
export type SectorMilestone = SectorTrack['milestones'][number];
export type SectorHistory = RouterOutputs['plan']['history'];
export type SectorBriefingData = RouterOutputs['sectors']['briefing'];
export type MilestoneState = SectorMilestone['state'];

/** Rows per page on the sector screen: indicators, small charts, milestone tracks. */
export const SECTOR_LIMITS = { indicators: 25, charts: 6, tracks: 5 } as const;

const notRetriedWhenMissing = (count: number, error: { data?: { code?: string } | null }) =>
  error.data?.code !== 'NOT_FOUND' && count < 1;

/**
 * The sector's heading. The previous figures stay on screen while another as-of month loads, but
 * never another sector's; an unknown code is not retried (the server said NOT_FOUND).
 */
export function useSectorDetail(view: View, code: string) {
  const trpc = useTRPC();
  const sector = code.toUpperCase();
  return useQuery(
    trpc.sectors.detail.queryOptions(
      { ...view, sector },
      {
        placeholderData: (previous) => (previous?.sector.code === sector ? previous : undefined),
        retry: notRetriedWhenMissing,
      },
    ),
  );
}

export function useSectorIndicators(
  view: View,
  sector: string,
  window: { sort: IndicatorSort; order: Order; page: number },
) {
  const trpc = useTRPC();
  return useQuery(
    trpc.sectors.indicators.queryOptions(
      { ...view, sector, ...window, limit: SECTOR_LIMITS.indicators },
      { placeholderData: (previous) => previous, retry: notRetriedWhenMissing },
    ),
  );
}

export function useSectorHeadlines(view: View, sector: string, page: number) {
  const trpc = useTRPC();
  return useQuery(
    trpc.sectors.headlines.queryOptions(
      { ...view, sector, page, limit: SECTOR_LIMITS.charts },
      { placeholderData: (previous) => previous, retry: notRetriedWhenMissing },
    ),
  );
}

export function useSectorTracks(view: View, sector: string, page: number) {
  const trpc = useTRPC();
  return useQuery(
    trpc.milestones.timeline.queryOptions(
      { ...view, sector, page, limit: SECTOR_LIMITS.tracks },
      { placeholderData: (previous) => previous },
    ),
  );
}

export function useSectorBriefing(view: View, code: string) {
  const trpc = useTRPC();
  const sector = code.toUpperCase();
  return useQuery(
    trpc.sectors.briefing.queryOptions(
      { ...view, sector },
      {
        placeholderData: (previous) => (previous?.sector.code === sector ? previous : undefined),
        retry: notRetriedWhenMissing,
      },
    ),
  );
}

export function useSectorHistory(view: View, code: string) {
  const trpc = useTRPC();
  const sector = code.toUpperCase();
  return useQuery(
    trpc.plan.history.queryOptions(
      { ...view, sector },
      {
        placeholderData: (previous) => previous,
        retry: notRetriedWhenMissing,
      },
    ),
  );
}

/** A short period for chart axes: `2024-06` → "6월" / "Jun", `2024-Q2` → "2분기" / "Q2", `2024` → "2024년" / "2024". */
export function shortPeriod(period: string, t: TFunction): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const monthName = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)),
    );
    return t('sector.charts.tickMonth', { month: Number(month[2]), monthName });
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return t('sector.charts.tickQuarter', { quarter: quarter[2] });
  return t('sector.charts.tickYear', { year: period });
}

/** Slippage in words: +47 → "47일 지연", −10 → "10일 앞당김", 0 → "일정대로" (but "–" when already overdue). */
export function slippageText(days: number, state: MilestoneState, t: TFunction): string {
  if (days > 0) return t('sector.milestones.late', { days: days.toLocaleString() });
  if (days < 0) return t('sector.milestones.early', { days: (-days).toLocaleString() });
  return state === 'overdue' ? '–' : t('sector.milestones.onSchedule');
}
