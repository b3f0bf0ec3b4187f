import { useLanguage } from '../../format/language';
import { isReturned, STATE_SYMBOL } from './PeriodCell';
import type { ReportIndicator } from './types';

const SHOWN = ['overdue', 'pending', 'returned', 'missing', 'approved'] as const;

/** How many periods are overdue, pending, returned…: counted from the server's states, not decided here. */
export function ReportSummary({ indicators }: { indicators: readonly ReportIndicator[] }) {
  const { t } = useLanguage();
  const periods = indicators.flatMap((indicator) => indicator.periods);
  const counts: Record<(typeof SHOWN)[number], number> = {
    overdue: periods.filter((p) => p.state === 'overdue').length,
    pending: periods.filter((p) => p.state === 'pending').length,
    // A return also shows where an earlier approved value stands.
    returned: periods.filter(isReturned).length,
    missing: periods.filter((p) => p.state === 'missing').length,
    approved: periods.filter((p) => p.state === 'approved').length,
  };
  return (
    <section className="report-summary" aria-labelledby="report-summary-title">
      <h2 id="report-summary-title" className="visually-hidden">
        {t('report.summary.title')}
      </h2>
      <dl className="report-summary-list">
        {SHOWN.map((state) => (
          <div key={state} className={`report-summary-item report-state-${state}`} data-summary={state}>
            <dt>
              <span aria-hidden="true">{STATE_SYMBOL[state]} </span>
              {t(`report.summary.${state}`)}
            </dt>
            <dd>
              <strong>{counts[state]}</strong>
              <span className="visually-hidden">
                {' '}
                {t('report.summary.periods', { count: counts[state] })}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
