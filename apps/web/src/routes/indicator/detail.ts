/** The indicator detail as the server returns it, and the small display choices shared by its panels. */

import type { TFunction } from 'i18next';
import type { RouterOutputs } from '../../trpc';

export type IndicatorDetail = RouterOutputs['indicators']['detail'];
export type DetailIndicator = IndicatorDetail['indicator'];
export type DetailPoint = IndicatorDetail['series'][number];
export type DetailMilestone = IndicatorDetail['milestones'][number];

/** The period of the series that holds the as-of month: `2024-06`, `2024-Q2` or `2024`. */
export function asOfPeriod(series: readonly DetailPoint[], asOf: string): string | null {
  const match = /^(\d{4})-(\d{2})$/.exec(asOf);
  if (!match) return null;
  const [, year, month] = match;
  const candidates = [asOf, `${year}-Q${Math.ceil(Number(month) / 3)}`, String(year)];
  return candidates.find((period) => series.some((point) => point.period === period)) ?? null;
}

/** The unit in words for labels ("명", "people"); units written without a word in English (ranks, counts) get a name. */
export function unitLabel(unit: string, t: TFunction): string {
  return (
    t(`units.${unit}`, { defaultValue: unit }) ||
    t(`indicator.facts.unitNamed.${unit}`, { defaultValue: '' }) ||
    t('indicator.facts.unitPlain')
  );
}
