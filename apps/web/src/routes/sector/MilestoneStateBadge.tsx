import { useTranslation } from 'react-i18next';
import type { MilestoneState } from './useSector';
import './milestone-state.css';

/** A shape as well as a colour for each milestone state, so that the state never depends on colour alone. */
const SYMBOL: Record<MilestoneState, string> = {
  done_early: '✓',
  done_on_time: '✓',
  done_late: '✓',
  overdue: '■',
  slipping: '▲',
  planned: '○',
};

export function MilestoneStateBadge({ state }: { state: MilestoneState }) {
  const { t } = useTranslation();
  return (
    <span className={`sector-milestone-state sector-milestone-${state}`}>
      <span aria-hidden="true">{SYMBOL[state]}</span> {t(`milestoneState.${state}`)}
    </span>
  );
}
