import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Language, useLanguage } from '../../format/language';
import type { RouterOutputs } from '../../trpc';

export type Track = RouterOutputs['milestones']['timeline']['tracks'][number];
/**
 * A milestone as a table shows it: within a track (which names the project once), or in a list of a
 * department's milestones, where each names its project.
 */
export type Milestone = Track['milestones'][number] & {
  project?: RouterOutputs['milestones']['list']['items'][number]['project'];
};
export type MilestoneStateName = Milestone['state'];

/** A shape as well as a colour for each state, in line with the indicator status badges (■ ▲ ○). */
const SYMBOL: Record<MilestoneStateName, string> = {
  done_early: '✓',
  done_on_time: '✓',
  done_late: '✓',
  overdue: '■',
  slipping: '▲',
  planned: '○',
};

export function MilestoneStateBadge({ state }: { state: MilestoneStateName }) {
  const { t } = useTranslation();
  return (
    <span className={`milestones-state milestones-state-${state}`}>
      <span aria-hidden="true">{SYMBOL[state]}</span>
      {t(`milestoneState.${state}`)}
    </span>
  );
}

/** The server's slippage in words: +365 → "365일 지연", −5 → "5일 앞당김", 0 → "지연 없음". */
export function slippageText(days: number, t: TFunction, language: Language) {
  const amount = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB').format(Math.abs(days));
  if (days > 0) return t('milestones.slipLate', { days: amount });
  if (days < 0) return t('milestones.slipEarly', { days: amount });
  return t('milestones.slipNone');
}

export function Slippage({ days }: { days: number }) {
  const { t, language } = useLanguage();
  const tone = days > 0 ? 'late' : days < 0 ? 'early' : 'none';
  return <span className={`milestones-slip milestones-slip-${tone}`}>{slippageText(days, t, language)}</span>;
}

/** Seed dates invented for the demonstration say so, so that nothing invented reads as fact. */
export function IllustrativeTag({ source }: { source: string }) {
  const { t } = useTranslation();
  if (source !== 'illustrative') return null;
  return (
    <span className="milestones-illustrative" title={t('milestones.illustrativeHint')}>
      {t('milestones.illustrative')}
    </span>
  );
}
