/** The sector screens' data: one sector's detail and its score month by month, for the current view. */

import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type RouterOutputs, useTRPC } from '../../trpc';
import type { View } from '../../view/useView';

export type SectorDetail = RouterOutputs['sectors']['detail'];
export type SectorIndicator = SectorDetail['strategies'][number]['projects'][number]['indicators'][number];
export type SectorTrack = SectorDetail['tracks'][number];
export type SectorMilestone = SectorTrack['milestones'][number];
export type SectorHistory = RouterOutputs['plan']['history'];
export type MilestoneState = SectorMilestone['state'];

/** The sector's indicators in plan order (strategy, project, indicator). */
export function sectorIndicators(detail: SectorDetail): SectorIndicator[] {
  return detail.strategies.flatMap((strategy) => strategy.projects.flatMap((project) => project.indicators));
}

/**
 * The sector's detail. The previous figures stay on screen while another as-of month loads, but
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
        retry: (count, error) => error.data?.code !== 'NOT_FOUND' && count < 1,
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
        retry: (count, error) => error.data?.code !== 'NOT_FOUND' && count < 1,
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
